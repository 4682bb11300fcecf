/**
 * Every Salesforce CLI command the org scripts run, and every `npx sf` command that the CI
 * workflow runs or docs/org.md tells a reader to type, checked against the installed CLI's own
 * command manifests (oclif.manifest.json of each plugin): the command exists, each flag is one
 * of its flags, and a flag that takes a value has one. Without an org the CLI itself cannot tell
 * (it resolves --target-org before it notices an unknown flag).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it, mock } from 'node:test';
import { repositoryRoot } from '../lib/project.ts';
import { createPackageVersion, promotePackageVersion } from '../org/lib/packageCommands.ts';
import { listAuthorisedOrgs, requireTargetOrg } from '../org/lib/prerequisites.ts';
import { createOrg } from '../org/lib/scratchOrg.ts';
import type { Sf, SfOutcome } from '../org/lib/sf.ts';

interface ManifestFlag {
  type: 'boolean' | 'option';
  allowNo?: boolean;
}

/** Command id (`org:create:scratch`) → its flags, from every installed Salesforce plugin. */
function loadManifests(): Map<string, Record<string, ManifestFlag>> {
  const commands = new Map<string, Record<string, ManifestFlag>>();
  const scope = join(repositoryRoot, 'node_modules', '@salesforce');
  for (const name of readdirSync(scope)) {
    const file = join(scope, name, 'oclif.manifest.json');
    if (!existsSync(file)) {
      continue;
    }
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      commands?: Record<string, { flags?: Record<string, ManifestFlag> }>;
    };
    for (const [id, command] of Object.entries(manifest.commands ?? {})) {
      commands.set(id, command.flags ?? {});
    }
  }
  return commands;
}

/** Shell words, double quotes respected, up to the first redirection or command separator. */
function words(commandLine: string): string[] {
  const result: string[] = [];
  for (const match of commandLine.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? '';
    if (match[2] !== undefined && /^(>|2>|\||;|&&|\|\||#)/.test(word)) {
      break;
    }
    result.push(match[2] !== undefined ? word.replace(/;$/, '') : word);
  }
  return result;
}

/** The problems of one `sf` invocation (its words after `sf`). */
function check(
  commands: Map<string, Record<string, ManifestFlag>>,
  args: readonly string[]
): string[] {
  const positional = args.findIndex((arg) => arg.startsWith('-'));
  const head = positional === -1 ? [...args] : args.slice(0, positional);
  let id = '';
  let used = 0;
  for (let length = head.length; length > 0; length--) {
    if (commands.has(head.slice(0, length).join(':'))) {
      id = head.slice(0, length).join(':');
      used = length;
      break;
    }
  }
  const shown = `sf ${args.join(' ')}`;
  if (!id) {
    return [`${shown}: no such command`];
  }
  const flags = commands.get(id) ?? {};
  const problems: string[] = [];
  for (let index = used; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) {
      if (index > used && args[index - 1]?.startsWith('--')) {
        continue; // the value of the flag before
      }
      if (id === 'config:set') {
        continue; // `config set name=value` takes positional arguments
      }
      problems.push(`${shown}: unexpected argument "${arg}"`);
      continue;
    }
    const [name = '', inlineValue] = arg.slice(2).split('=', 2);
    const flag = flags[name] ?? (name.startsWith('no-') ? flags[name.slice(3)] : undefined);
    if (!flag || (flags[name] === undefined && !flag.allowNo)) {
      problems.push(`${shown}: ${id.replace(/:/g, ' ')} has no flag --${name}`);
      continue;
    }
    if (flag.type === 'option' && inlineValue === undefined) {
      const value = args[index + 1];
      if (value === undefined || value.startsWith('--')) {
        problems.push(`${shown}: --${name} needs a value`);
      }
    }
    if (flag.type === 'boolean') {
      // A boolean flag's next word is not its value: it must stand on its own.
      const next = args[index + 1];
      if (next !== undefined && !next.startsWith('--')) {
        problems.push(`${shown}: --${name} takes no value, "${next}" follows it`);
      }
    }
  }
  return problems;
}

/** A CLI that records each invocation (as the real one receives it, `--json` added). */
function recorder(answers: Record<string, SfOutcome>): Sf & { invocations: string[][] } {
  const invocations: string[][] = [];
  return {
    invocations,
    async run(args) {
      invocations.push([...args, '--json']);
      const key = Object.keys(answers).find((command) => args.join(' ').startsWith(command));
      return key
        ? (answers[key] as SfOutcome)
        : {
            ok: false,
            failure: { name: 'Fake', message: 'no answer', exitCode: 1, data: undefined }
          };
    }
  };
}

const HUB = {
  username: 'hub@example.com',
  alias: 'insights-devhub',
  isDevHub: true,
  isDefaultDevHubUsername: true
};
const ok = (result: unknown): SfOutcome => ({ ok: true, result, warnings: [] });

describe('Salesforce CLI commands', () => {
  const manifests = loadManifests();
  const invocations: string[][] = [];

  before(async () => {
    mock.method(console, 'log', () => undefined);
    const scratch = recorder({
      'org list': ok({ devHubs: [HUB] }),
      'org create scratch': ok({ username: 'test@example.com' }),
      'project deploy start': {
        ok: false,
        failure: { name: 'FailedDeployError', message: 'x', exitCode: 1, data: undefined }
      },
      'org delete scratch': ok({})
    });
    await createOrg(['--alias', 'ci', '--duration-days', '1'], {
      sf: scratch,
      build: async () => undefined,
      loadSample: async () => ({ leads: 0, contacts: 0 })
    }).catch(() => undefined);
    const happy = recorder({
      'org list': ok({ devHubs: [HUB] }),
      'org create scratch': ok({ username: 'test@example.com' }),
      'project deploy start': ok({ numberComponentsDeployed: 1 }),
      'org assign permset': ok({ successes: [], failures: [] })
    });
    await createOrg([], {
      sf: happy,
      build: async () => undefined,
      loadSample: async () => ({ leads: 0, contacts: 0 })
    });
    const project = {
      namespace: 'insync',
      sourceApiVersion: '65.0',
      packageDirectories: ['force-app'],
      packageName: 'Insights Sync for Salesforce',
      packageAliases: {
        'Insights Sync for Salesforce': '0Ho000000000001AAA',
        'Insights Sync for Salesforce@0.1.0-1': '04t000000000001AAA'
      }
    };
    const packaging = recorder({
      'org list': ok({ devHubs: [HUB] }),
      'package version list': ok([]),
      'package version create': ok({
        Status: 'Success',
        SubscriberPackageVersionId: '04t000000000002AAA'
      }),
      'package version promote': ok({ success: true })
    });
    await createPackageVersion([], { sf: packaging, project, build: async () => undefined });
    await promotePackageVersion([], { sf: packaging, project, build: async () => undefined });
    const checks = recorder({
      'org list': ok({}),
      'org display': ok({ username: 'u@example.com', instanceUrl: 'https://x' })
    });
    await listAuthorisedOrgs(checks);
    await requireTargetOrg(checks, 'insights-sync');
    mock.restoreAll();
    invocations.push(
      ...scratch.invocations,
      ...happy.invocations,
      ...packaging.invocations,
      ...checks.invocations
    );
    // Run only in an interactive terminal (lib/scratchOrg.ts, loginHint), so not recorded above.
    invocations.push(['org', 'open', '--target-org', 'test@example.com', '--url-only', '--json']);
  });

  it('finds the CLI’s command manifests', () => {
    assert.ok(
      manifests.has('org:create:scratch') && manifests.has('package:version:create'),
      'plugin manifests are installed'
    );
    assert.deepEqual(
      check(manifests, ['org', 'create', 'scratch', '--alais', 'x']),
      ['sf org create scratch --alais x: org create scratch has no flag --alais'],
      'a misspelt flag is caught'
    );
  });

  it('accepts every command the org scripts run', () => {
    const commands = new Set(
      invocations.map((args) =>
        args
          .filter((arg) => !arg.startsWith('-'))
          .slice(0, 3)
          .join(' ')
      )
    );
    for (const expected of [
      'org list',
      'org create scratch',
      'project deploy start',
      'org assign permset',
      'org delete scratch',
      'package version list',
      'package version create',
      'package version promote',
      'org display'
    ]) {
      assert.ok(
        [...commands].some((command) => command.startsWith(expected)),
        `${expected} was exercised`
      );
    }
    assert.deepEqual(
      invocations.flatMap((args) => check(manifests, args)),
      []
    );
  });

  it('accepts every npx sf command of the CI workflow and docs/org.md', () => {
    const workflow = readFileSync(join(repositoryRoot, '.github', 'workflows', 'ci.yml'), 'utf8');
    const docs = readFileSync(join(repositoryRoot, 'docs', 'org.md'), 'utf8');
    const shellBlocks = [...docs.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    const lines: string[] = [workflow, ...shellBlocks]
      .flatMap((text) => text.split('\n'))
      .filter((line) => !line.trim().startsWith('#'))
      .flatMap((line) => {
        const start = line.indexOf('npx sf ');
        return start === -1 ? [] : [line.slice(start + 'npx sf '.length)];
      });
    // Commands quoted inline in the text (`npx sf org open --target-org insights-sync`).
    const inline = [...docs.replace(/```[\s\S]*?```/g, '').matchAll(/`npx sf ([^`]+)`/g)].map(
      (match) => (match[1] ?? '').replace(/\s+/g, ' ')
    );
    lines.push(...inline);
    assert.ok(lines.length >= 12, `found ${lines.length} commands`);
    assert.deepEqual(
      lines.flatMap((line) => check(manifests, words(line))),
      []
    );
  });
});
