/**
 * package:version and package:promote against a fake CLI: the checks before a version is
 * created (the package exists; its ancestor fits the released versions), the command it runs,
 * what it prints (the 04t id and install URLs), and which version a promotion picks; and that
 * sfdx-project.json names the package's uninstall handler, which otherwise never runs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeEach, describe, it, mock } from 'node:test';
import { listFiles, repositoryRoot } from '../lib/project.ts';
import { OrgScriptError } from '../org/lib/main.ts';
import {
  createPackageVersion,
  promotePackageVersion,
  type PackageDependencies
} from '../org/lib/packageCommands.ts';
import { ancestorProblem, highestReleased, readReleasedVersions } from '../org/lib/packaging.ts';
import { readProjectFile, type ProjectFile } from '../org/lib/projectFile.ts';
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

function project(
  aliases: Record<string, string>,
  directory: Partial<Pick<ProjectFile, 'versionNumber' | 'ancestorVersion' | 'ancestorId'>> = {}
): ProjectFile {
  return {
    namespace: 'insync',
    sourceApiVersion: '65.0',
    packageDirectories: ['force-app', 'unpackaged'],
    packageName: PACKAGE,
    packageAliases: aliases,
    versionNumber: '0.2.0.NEXT',
    ...directory
  };
}

interface Recorded extends PackageDependencies {
  readonly calls: string[][];
  readonly built: string[][];
}

function fake(
  answers: Record<string, SfOutcome>,
  aliases: Record<string, string>,
  directory: Partial<Pick<ProjectFile, 'versionNumber' | 'ancestorVersion' | 'ancestorId'>> = {}
): Recorded {
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
    project: project(aliases, directory),
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

/** `sf package version list --released`: nothing released yet (the CLI answers an empty list). */
const NONE_RELEASED: SfOutcome = { ok: true, result: [], warnings: [] };

/** `sf package version list --released`: 0.1.0.11 was promoted. */
const ONE_RELEASED: SfOutcome = {
  ok: true,
  result: [
    {
      Package2Id: '0Ho000000000001AAA',
      MajorVersion: 0,
      MinorVersion: 1,
      PatchVersion: 0,
      BuildNumber: 11,
      SubscriberPackageVersionId: '04t000000000011AAA',
      Version: '0.1.0.11',
      IsReleased: true
    }
  ],
  warnings: []
};

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
      {
        'org list': ORG_LIST,
        'package version list': NONE_RELEASED,
        'package version create': CREATED
      },
      { [PACKAGE]: '0Ho000000000001AAA' }
    );
    assert.equal(await createPackageVersion([], run), 0);
    assert.deepEqual(run.built, [['force-app', 'unpackaged']]);
    assert.deepEqual(run.calls[1], [
      'package',
      'version',
      'list',
      '--packages',
      '0Ho000000000001AAA',
      '--released',
      '--target-dev-hub',
      'hub@example.com'
    ]);
    assert.deepEqual(run.calls[2], [
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
      output.some((line) => line.startsWith('This version is a beta: install it only in orgs')),
      'says the version is a beta'
    );
    assert.ok(
      output.includes(
        'Install (Developer Edition): https://login.salesforce.com/packaging/installPackage.apexp?p0=04t000000000011AAA'
      )
    );
    assert.ok(
      output.every((line) => !line.includes('production,')),
      'and gives no production install URL, which refuses a beta'
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

  it('refuses a project without a namespace, before building anything', async () => {
    const run = fake({ 'org list': ORG_LIST }, { [PACKAGE]: '0Ho000000000001AAA' });
    const withoutNamespace: Recorded = { ...run, project: { ...run.project, namespace: '' } };
    assert.match(
      await failure(createPackageVersion([], withoutNamespace)),
      /^sfdx-project.json sets no "namespace": a managed package needs one/
    );
    assert.deepEqual(run.built, [], 'nothing is built');
    assert.equal(
      run.calls.some((call) => call.join(' ').startsWith('package version create')),
      false,
      'no version is asked for'
    );
  });

  it('says how to follow a version still being built', async () => {
    const run = fake(
      {
        'org list': ORG_LIST,
        'package version list': NONE_RELEASED,
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
        'package version list': NONE_RELEASED,
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

describe('package:version: the ancestor of the version', () => {
  const aliases = { [PACKAGE]: '0Ho000000000001AAA' };

  beforeEach(() => {
    mock.restoreAll();
    mock.method(console, 'log', () => undefined);
  });

  it('creates the first version without an ancestor', async () => {
    const run = fake(
      {
        'org list': ORG_LIST,
        'package version list': NONE_RELEASED,
        'package version create': CREATED
      },
      aliases
    );
    assert.equal(await createPackageVersion([], run), 0);
  });

  it('refuses HIGHEST while no version is released, before building anything', async () => {
    const run = fake({ 'org list': ORG_LIST, 'package version list': NONE_RELEASED }, aliases, {
      ancestorVersion: 'HIGHEST'
    });
    assert.match(
      await failure(createPackageVersion([], run)),
      /^sfdx-project.json sets the ancestor to HIGHEST, but no version of "Insights Sync for Salesforce" is released yet, so there is none: remove "ancestorVersion"/
    );
    assert.deepEqual(run.built, []);
    assert.ok(
      run.calls.every((call) => call.join(' ') !== 'package version create'),
      'no version is created'
    );
  });

  it('asks for "ancestorVersion": "HIGHEST" once a version is released', async () => {
    const run = fake({ 'org list': ORG_LIST, 'package version list': ONE_RELEASED }, aliases);
    assert.equal(
      await failure(createPackageVersion([], run)),
      '0.1.0.11 of "Insights Sync for Salesforce" is released, so every later version needs its ancestor: add "ancestorVersion": "HIGHEST" to the package directory in sfdx-project.json (docs/org.md, section 9)'
    );
    assert.deepEqual(run.built, []);
  });

  it('creates the second version with HIGHEST, as ancestorVersion or ancestorId', async () => {
    for (const directory of [{ ancestorVersion: 'HIGHEST' }, { ancestorId: 'HIGHEST' }]) {
      const run = fake(
        {
          'org list': ORG_LIST,
          'package version list': ONE_RELEASED,
          'package version create': CREATED
        },
        aliases,
        directory
      );
      assert.equal(await createPackageVersion([], run), 0, JSON.stringify(directory));
    }
  });

  it('leaves the ancestor of a patch version to Salesforce', async () => {
    const run = fake(
      {
        'org list': ORG_LIST,
        'package version list': ONE_RELEASED,
        'package version create': CREATED
      },
      aliases,
      { versionNumber: '0.1.1.NEXT' }
    );
    assert.equal(await createPackageVersion([], run), 0);
  });

  it('refuses NONE after a release, and two different ancestors', async () => {
    const none = fake({ 'org list': ORG_LIST, 'package version list': ONE_RELEASED }, aliases, {
      ancestorVersion: 'NONE'
    });
    assert.match(
      await failure(createPackageVersion([], none)),
      /^sfdx-project.json sets the ancestor to NONE, but 0.1.0.11 of "Insights Sync for Salesforce" is released: a version without an ancestor cannot upgrade/
    );
    const both = fake({ 'org list': ORG_LIST, 'package version list': ONE_RELEASED }, aliases, {
      ancestorVersion: 'HIGHEST',
      ancestorId: '04t000000000011AAA'
    });
    assert.match(
      await failure(createPackageVersion([], both)),
      /gives the package directory both "ancestorVersion": "HIGHEST" and "ancestorId": "04t000000000011AAA": keep one/
    );
  });

  it('names the failure when the released versions cannot be listed', async () => {
    const run = fake(
      {
        'org list': ORG_LIST,
        'package version list': {
          ok: false,
          failure: { name: 'Error', message: 'INVALID_SESSION_ID', exitCode: 1, data: undefined }
        }
      },
      aliases
    );
    assert.equal(
      await failure(createPackageVersion([], run)),
      'listing the released versions of the package failed: INVALID_SESSION_ID'
    );
  });

  it('reads the version number and the ancestor of the package directory', () => {
    const folder = mkdtempSync(join(tmpdir(), 'insights-project-'));
    try {
      writeFileSync(
        join(folder, 'sfdx-project.json'),
        JSON.stringify({
          namespace: 'insync',
          packageDirectories: [
            {
              path: 'force-app',
              default: true,
              package: PACKAGE,
              versionNumber: '0.2.0.NEXT',
              ancestorVersion: 'HIGHEST'
            },
            { path: 'unpackaged', default: false }
          ]
        })
      );
      const read = readProjectFile(folder);
      assert.equal(read.versionNumber, '0.2.0.NEXT');
      assert.equal(read.ancestorVersion, 'HIGHEST');
      assert.equal(read.ancestorId, undefined);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads the project file of this repository: a first version, without an ancestor yet', () => {
    const read = readProjectFile(repositoryRoot);
    assert.equal(read.packageName, PACKAGE);
    assert.equal(
      ancestorProblem(read, []),
      undefined,
      'fits while no version is released; set "ancestorVersion": "HIGHEST" after the first release'
    );
  });

  it('picks the highest released version whatever the order the CLI lists them in', () => {
    const versions = readReleasedVersions([
      { Version: '0.9.0.3', IsReleased: true, SubscriberPackageVersionId: '04t9' },
      { MajorVersion: 0, MinorVersion: 10, PatchVersion: 0, BuildNumber: 1, IsReleased: true },
      { Version: '1.0.0.1', IsReleased: false },
      'not a record'
    ]);
    assert.deepEqual(
      versions.map((version) => version.version),
      ['0.9.0.3', '0.10.0.1']
    );
    assert.equal(highestReleased(versions)?.version, '0.10.0.1', 'compared number by number');
    assert.equal(highestReleased([]), undefined);
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
    assert.ok(
      printed().includes(
        'Every later version needs its ancestor: add "ancestorVersion": "HIGHEST" to the package directory in sfdx-project.json and commit it (docs/org.md, section 9).'
      ),
      'says what the next version needs'
    );
  });

  it('says nothing of the ancestor when sfdx-project.json names one', async () => {
    const run = fake({ 'org list': ORG_LIST, 'package version promote': promoted }, aliases, {
      ancestorVersion: 'HIGHEST'
    });
    assert.equal(await promotePackageVersion([], run), 0);
    assert.ok(printed().every((line) => !line.includes('ancestor')));
  });

  it('promotes the version asked for, by alias or id', async () => {
    const byAlias = fake({ 'org list': ORG_LIST, 'package version promote': promoted }, aliases);
    await promotePackageVersion(['--package-version', `${PACKAGE}@0.1.0-9`], byAlias);
    assert.equal(byAlias.calls[1]?.[4], '04t000000000009AAA');
    const byId = fake({ 'org list': ORG_LIST, 'package version promote': promoted }, aliases);
    await promotePackageVersion(['--package-version', '04t00000000000XAAA'], byId);
    assert.equal(byId.calls[1]?.[4], '04t00000000000XAAA');
  });

  it('refuses a project without a namespace, and prints the production URL once released', async () => {
    const run = fake({ 'org list': ORG_LIST, 'package version promote': promoted }, aliases);
    const withoutNamespace: Recorded = { ...run, project: { ...run.project, namespace: '' } };
    assert.match(
      await failure(promotePackageVersion([], withoutNamespace)),
      /^sfdx-project.json sets no "namespace"/
    );
    assert.equal(
      run.calls.some((call) => call.join(' ').startsWith('package version promote')),
      false,
      'nothing is promoted'
    );
    assert.equal(await promotePackageVersion([], run), 0);
    assert.ok(
      printed().includes(
        'Install (production, Developer Edition): https://login.salesforce.com/packaging/installPackage.apexp?p0=04t000000000011AAA'
      )
    );
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

describe('sfdx-project.json: install and uninstall scripts', () => {
  /** Class name → the install interface it implements, for every Apex class of the package. */
  function handlers(): Map<string, string> {
    const found = new Map<string, string>();
    for (const file of listFiles(join(repositoryRoot, 'force-app'), (path) =>
      path.endsWith('.cls')
    )) {
      const match = /\bimplements\s+[^{]*\b(UninstallHandler|InstallHandler)\b/.exec(
        readFileSync(file, 'utf8')
      );
      if (match?.[1]) {
        found.set(basename(file, '.cls'), match[1]);
      }
    }
    return found;
  }

  it('names every uninstall and post-install handler of the package, so that it runs', () => {
    const directory = (
      JSON.parse(readFileSync(join(repositoryRoot, 'sfdx-project.json'), 'utf8')) as {
        packageDirectories: {
          default?: boolean;
          uninstallScript?: string;
          postInstallScript?: string;
        }[];
      }
    ).packageDirectories.find((entry) => entry.default === true);
    const named = new Map<string, string | undefined>([
      ['UninstallHandler', directory?.uninstallScript],
      ['InstallHandler', directory?.postInstallScript]
    ]);
    for (const [className, kind] of handlers()) {
      assert.equal(
        named.get(kind),
        className,
        `${className} implements ${kind}: sfdx-project.json must name it (${kind === 'UninstallHandler' ? 'uninstallScript' : 'postInstallScript'}) or it never runs`
      );
    }
    assert.equal(
      directory?.uninstallScript,
      'InsightsSyncUninstall',
      "the uninstall script is the package's handler"
    );
    assert.equal(handlers().get('InsightsSyncUninstall'), 'UninstallHandler', 'which exists');
  });
});
