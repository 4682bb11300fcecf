/**
 * package:version and package:promote against a fake CLI: the checks before a version is
 * created, the command it runs, what it prints (the 04t id and install URLs), and which version
 * a promotion picks.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it, mock } from 'node:test';
import { OrgScriptError } from '../org/lib/main.ts';
import {
  createPackageVersion,
  promotePackageVersion,
  type PackageDependencies
} from '../org/lib/packageCommands.ts';
import type { ProjectFile } from '../org/lib/projectFile.ts';
import type { Sf, SfOutcome } from '../org/lib/sf.ts';

const PACKAGE = 'Insights Sync for Salesforce';
const HUB = {
  username: 'hub@example.com',
  alias: 'insights-devhub',
  isDevHub: true,
  isDefaultDevHubUsername: true
};
const ORG_LIST: SfOutcome = {
  ok: true,
  result: { devHubs: [HUB], nonScratchOrgs: [HUB] },
  warnings: []
};

function project(aliases: Record<string, string>): ProjectFile {
  return {
    namespace: 'insync',
    sourceApiVersion: '65.0',
    packageDirectories: ['force-app', 'unpackaged'],
    packageName: PACKAGE,
    packageAliases: aliases
  };
}

interface Recorded extends PackageDependencies {
  readonly calls: string[][];
  readonly built: string[][];
}

function fake(answers: Record<string, SfOutcome>, aliases: Record<string, string>): Recorded {
  const calls: string[][] = [];
  const built: string[][] = [];
  const sf: Sf = {
    async run(args) {
      calls.push([...args]);
      const key = Object.keys(answers).find((command) => args.join(' ').startsWith(command));
      assert.ok(key, `no answer for sf ${args.join(' ')}`);
      const answer = answers[key];
      assert.ok(answer);
      return answer;
    }
  };
  return {
    sf,
    calls,
    built,
    project: project(aliases),
    async build(folders) {
      built.push([...folders]);
    }
  };
}

function printed(): string[] {
  const log = console.log as unknown as { mock: { calls: { arguments: unknown[] }[] } };
  return log.mock.calls.map((call) => String(call.arguments[0] ?? ''));
}

async function failure(action: Promise<unknown>): Promise<string> {
  try {
    await action;
  } catch (error) {
    assert.ok(error instanceof OrgScriptError, String(error));
    return error.message;
  }
  assert.fail('the script succeeded');
}

const CREATED: SfOutcome = {
  ok: true,
  result: {
    Id: '08c000000000001AAA',
    Status: 'Success',
    Package2Id: '0Ho000000000001AAA',
    Package2VersionId: '05i000000000001AAA',
    SubscriberPackageVersionId: '04t000000000011AAA',
    VersionNumber: '0.1.0.11',
    CodeCoverage: 91,
    HasPassedCodeCoverageCheck: true,
    Error: []
  },
  warnings: []
};

describe('package:version', () => {
  beforeEach(() => {
    mock.restoreAll();
    mock.method(console, 'log', () => undefined);
  });

  it('builds, then creates a version with code coverage and no installation key', async () => {
    const run = fake(
      { 'org list': ORG_LIST, 'package version create': CREATED },
      { [PACKAGE]: '0Ho000000000001AAA' }
    );
    assert.equal(await createPackageVersion([], run), 0);
    assert.deepEqual(run.built, [['force-app', 'unpackaged']]);
    assert.deepEqual(run.calls[1], [
      'package',
      'version',
      'create',
      '--package',
      PACKAGE,
      '--code-coverage',
      '--installation-key-bypass',
      '--wait',
      '60',
      '--target-dev-hub',
      'hub@example.com'
    ]);
    const output = printed();
    assert.ok(
      output.includes('Package version 0.1.0.11 created: 04t000000000011AAA'),
      output.join('\n')
    );
    assert.ok(
      output.includes(
        'Install (production, Developer Edition): https://login.salesforce.com/packaging/installPackage.apexp?p0=04t000000000011AAA'
      )
    );
    assert.ok(
      output.includes(
        'Install (sandbox): https://test.salesforce.com/packaging/installPackage.apexp?p0=04t000000000011AAA'
      )
    );
  });

  it('asks for the package to be created once before any version', async () => {
    const run = fake({ 'org list': ORG_LIST }, {});
    assert.match(
      await failure(createPackageVersion([], run)),
      /^sfdx-project.json has no packageAliases entry for "Insights Sync for Salesforce"/
    );
    assert.deepEqual(run.built, [], 'nothing is built for nothing');
  });

  it('says how to follow a version still being built', async () => {
    const run = fake(
      {
        'org list': ORG_LIST,
        'package version create': {
          ok: true,
          result: { Id: '08c000000000002AAA', Status: 'Verifying', Error: [] },
          warnings: []
        }
      },
      { [PACKAGE]: '0Ho000000000001AAA' }
    );
    assert.equal(
      await failure(createPackageVersion(['--wait', '5'], run)),
      'the package version is still Verifying after 5 minutes: follow it with npx sf package version create report --package-create-request-id 08c000000000002AAA --target-dev-hub hub@example.com'
    );
  });

  it('names what refused a version', async () => {
    const run = fake(
      {
        'org list': ORG_LIST,
        'package version create': {
          ok: false,
          failure: {
            name: 'PackageVersionCreateError',
            message: 'Multiple errors occurred:',
            exitCode: 1,
            data: {
              Status: 'Error',
              Error: ['(1) SyncRunJobTest.it_should_retry: System.AssertException']
            }
          }
        }
      },
      { [PACKAGE]: '0Ho000000000001AAA' }
    );
    try {
      await createPackageVersion([], run);
      assert.fail('the version was accepted');
    } catch (error) {
      assert.ok(error instanceof OrgScriptError);
      assert.equal(error.message, 'creating the package version failed: Multiple errors occurred:');
      assert.deepEqual(error.details, [
        '(1) SyncRunJobTest.it_should_retry: System.AssertException'
      ]);
    }
  });
});

describe('package:promote', () => {
  const aliases = {
    [PACKAGE]: '0Ho000000000001AAA',
    [`${PACKAGE}@0.1.0-9`]: '04t000000000009AAA',
    [`${PACKAGE}@0.1.0-11`]: '04t000000000011AAA'
  };
  const promoted: SfOutcome = {
    ok: true,
    result: { id: '04t000000000011AAA', success: true, errors: [] },
    warnings: []
  };

  beforeEach(() => {
    mock.restoreAll();
    mock.method(console, 'log', () => undefined);
  });

  it('promotes the newest version of sfdx-project.json without a prompt', async () => {
    const run = fake({ 'org list': ORG_LIST, 'package version promote': promoted }, aliases);
    assert.equal(await promotePackageVersion([], run), 0);
    assert.deepEqual(run.calls[1], [
      'package',
      'version',
      'promote',
      '--package',
      '04t000000000011AAA',
      '--no-prompt',
      '--target-dev-hub',
      'hub@example.com'
    ]);
    assert.ok(printed().includes(`Released: ${PACKAGE}@0.1.0-11 (04t000000000011AAA)`));
  });

  it('promotes the version asked for, by alias or id', async () => {
    const byAlias = fake({ 'org list': ORG_LIST, 'package version promote': promoted }, aliases);
    await promotePackageVersion(['--package-version', `${PACKAGE}@0.1.0-9`], byAlias);
    assert.equal(byAlias.calls[1]?.[4], '04t000000000009AAA');
    const byId = fake({ 'org list': ORG_LIST, 'package version promote': promoted }, aliases);
    await promotePackageVersion(['--package-version', '04t00000000000XAAA'], byId);
    assert.equal(byId.calls[1]?.[4], '04t00000000000XAAA');
  });

  it('refuses when there is no version, or the name is not one', async () => {
    const none = fake({ 'org list': ORG_LIST }, { [PACKAGE]: '0Ho000000000001AAA' });
    assert.match(
      await failure(promotePackageVersion([], none)),
      /^sfdx-project.json holds no version of "Insights Sync for Salesforce": create one with npm run package:version/
    );
    const unknown = fake({ 'org list': ORG_LIST }, aliases);
    assert.match(
      await failure(promotePackageVersion(['--package-version', 'latest'], unknown)),
      /^"latest" is neither a 04t package version id nor a version alias in sfdx-project.json/
    );
  });
});
