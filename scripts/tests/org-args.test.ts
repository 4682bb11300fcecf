/**
 * The org scripts' command lines: defaults, both value spellings, and every mistake answered
 * with one line that names it and ends with the script's usage.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  booleanFlag,
  helpText,
  integerFlag,
  parseArgs,
  stringFlag,
  usageLine
} from '../org/lib/args.ts';
import {
  createScratchOrgCommand,
  e2eOrgCommand,
  packagePromoteCommand,
  packageVersionCommand,
  testOrgCommand
} from '../org/lib/commands.ts';
import { UsageError } from '../org/lib/main.ts';

const spec = {
  script: 'demo:run',
  summary: 'A demo command.',
  flags: {
    alias: stringFlag({
      description: 'the alias',
      valueName: 'ALIAS',
      defaultValue: 'insights-sync'
    }),
    hub: stringFlag({ description: 'the hub', valueName: 'DEVHUB' }),
    days: integerFlag({ description: 'days', valueName: 'DAYS', defaultValue: 7, min: 1, max: 30 }),
    keep: booleanFlag('keep it')
  }
};

function usageFailure(argv: readonly string[]): string {
  try {
    parseArgs(spec, argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, 'a command-line mistake is a UsageError');
    return error.message;
  }
  assert.fail(`${argv.join(' ')} was accepted`);
}

describe('org script arguments', () => {
  it('applies the defaults when no flag is given', () => {
    const parsed = parseArgs(spec, []);
    assert.deepEqual(parsed, {
      help: false,
      values: { alias: 'insights-sync', hub: undefined, days: 7, keep: false }
    });
  });

  it('reads --name value, --name=value and boolean flags', () => {
    const parsed = parseArgs(spec, [
      '--alias',
      'mine',
      '--hub=devhub@example.com',
      '--days',
      '3',
      '--keep'
    ]);
    assert.deepEqual(parsed, {
      help: false,
      values: { alias: 'mine', hub: 'devhub@example.com', days: 3, keep: true }
    });
  });

  it('answers --help and -h with help instead of values', () => {
    assert.deepEqual(parseArgs(spec, ['--days', 'x', '--help']), { help: true });
    assert.deepEqual(parseArgs(spec, ['-h']), { help: true });
    const help = helpText(spec);
    assert.match(
      help,
      /usage: npm run demo:run -- \[--alias ALIAS\] \[--hub DEVHUB\] \[--days DAYS\] \[--keep\]/
    );
    assert.match(help, /--days DAYS +days \(default: 7\)/);
  });

  it('refuses an unknown flag in one line that ends with the usage', () => {
    const message = usageFailure(['--alais', 'x']);
    assert.equal(
      message,
      `unknown flag --alais (usage: ${usageLine(spec)})`,
      'the flag is named and the usage follows'
    );
    assert.ok(!message.includes('\n'), 'one line');
  });

  it('refuses a flag without its value', () => {
    assert.match(usageFailure(['--alias']), /^--alias needs a value \(ALIAS\) \(usage: /);
    assert.match(usageFailure(['--alias', '--keep']), /^--alias needs a value \(ALIAS\)/);
    assert.match(usageFailure(['--alias=']), /^--alias needs a value \(ALIAS\)/);
  });

  it('refuses a number that is not whole or out of range', () => {
    assert.match(usageFailure(['--days', 'seven']), /^--days must be a whole number, not "seven"/);
    assert.match(usageFailure(['--days', '2.5']), /^--days must be a whole number/);
    assert.match(usageFailure(['--days', '31']), /^--days must be between 1 and 30, not 31/);
  });

  it('refuses positional arguments, repeated flags and a value on a boolean flag', () => {
    assert.match(usageFailure(['insights-sync']), /^unexpected argument "insights-sync"/);
    assert.match(usageFailure(['--alias', 'a', '--alias', 'b']), /^--alias is given twice/);
    assert.match(usageFailure(['--keep=yes']), /^--keep takes no value/);
  });

  it('does not take inherited object keys for flags', () => {
    assert.match(usageFailure(['--toString']), /^unknown flag --toString/);
  });

  it('gives every org script the flags its docs name', () => {
    assert.equal(
      usageLine(createScratchOrgCommand),
      'npm run org:create -- [--alias ALIAS] [--target-dev-hub DEVHUB] [--duration-days DAYS] [--wait MINUTES] [--keep-on-failure]'
    );
    const created = parseArgs(createScratchOrgCommand, []);
    assert.ok(!created.help);
    assert.equal(
      created.values.alias,
      'insights-sync',
      'org:create makes the org the others target'
    );
    const tests = parseArgs(testOrgCommand, []);
    const e2eDefaults = parseArgs(e2eOrgCommand, []);
    assert.ok(!tests.help && !e2eDefaults.help);
    assert.equal(tests.values['target-org'], 'insights-sync', 'test:org targets it by default');
    assert.equal(
      e2eDefaults.values['target-org'],
      'insights-sync',
      'e2e:org targets it by default'
    );
    const e2e = parseArgs(e2eOrgCommand, ['--region', 'eu', '--keep-data']);
    assert.ok(!e2e.help);
    assert.equal(e2e.values.region, 'eu');
    assert.equal(e2e.values['keep-data'], true);
    assert.match(usageLine(packageVersionCommand), /--target-dev-hub DEVHUB\] \[--wait MINUTES\]$/);
    assert.match(usageLine(packagePromoteCommand), /--package-version 04t…\|ALIAS\]$/);
  });
});
