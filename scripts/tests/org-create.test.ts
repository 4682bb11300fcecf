/**
 * org:create's steps against a fake CLI: the commands it runs, in order, and that a failure
 * after the scratch org exists deletes it (never a half-built org left behind) unless
 * --keep-on-failure, while a failure before it creates none.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import { OrgScriptError } from '../org/lib/main.ts';
import { createOrg, type ScratchOrgDependencies } from '../org/lib/scratchOrg.ts';
import type { Sf, SfOutcome } from '../org/lib/sf.ts';

const ok = (result: unknown): SfOutcome => ({ ok: true, result, warnings: [] });
const failed = (name: string, message: string, data?: unknown): SfOutcome => ({
  ok: false,
  failure: { name, message, exitCode: 1, data }
});

const HUB = {
  username: 'hub@example.com',
  alias: 'insights-devhub',
  isDevHub: true,
  isDefaultDevHubUsername: true
};
const NEW_ORG = 'test-abc@example.com';
const NO_SCRATCH_ORGS = ok({
  devHubs: [HUB],
  nonScratchOrgs: [HUB],
  scratchOrgs: [],
  sandboxes: [],
  other: []
});
const WITH_NEW_ORG = ok({
  devHubs: [HUB],
  nonScratchOrgs: [HUB],
  scratchOrgs: [{ username: NEW_ORG, alias: 'insights-sync', status: 'Active' }],
  sandboxes: [],
  other: []
});

type Answer = SfOutcome | ((call: number) => SfOutcome);

interface World extends ScratchOrgDependencies {
  readonly commands: string[];
  readonly calls: string[][];
  readonly loaded: string[];
  readonly built: string[][];
}

/** A CLI answering from a table keyed by command (`org create scratch`), counting calls. */
function world(answers: Record<string, Answer>, buildFails = false): World {
  const calls: string[][] = [];
  const commands: string[] = [];
  const counts = new Map<string, number>();
  const loaded: string[] = [];
  const built: string[][] = [];
  const sf: Sf = {
    async run(args) {
      calls.push([...args]);
      const command = Object.keys(answers).find((key) => args.join(' ').startsWith(key));
      assert.ok(command, `the fake CLI has no answer for sf ${args.join(' ')}`);
      commands.push(command);
      const count = (counts.get(command) ?? 0) + 1;
      counts.set(command, count);
      const answer = answers[command];
      assert.ok(answer);
      return typeof answer === 'function' ? answer(count) : answer;
    }
  };
  return {
    sf,
    calls,
    commands,
    loaded,
    built,
    async build(folders) {
      built.push([...folders]);
      if (buildFails) {
        throw new OrgScriptError(
          'npm run build:lwc failed: fix the errors below, then run the script again'
        );
      }
    },
    async loadSample(username, apiVersion, data) {
      loaded.push(`${username} ${apiVersion} ${data.company}`);
      return { leads: data.leads.length, contacts: data.contacts.length };
    }
  };
}

const HAPPY: Record<string, Answer> = {
  'org list': NO_SCRATCH_ORGS,
  'org create scratch': ok({ username: NEW_ORG, orgId: '00D000000000003', warnings: [] }),
  'project deploy start': ok({ status: 'Succeeded', numberComponentsDeployed: 187 }),
  'org assign permset': ok({
    successes: [
      { name: 'Insights_Sync_Admin', value: NEW_ORG },
      { name: 'Insights_Sync_Test_Fields', value: NEW_ORG }
    ],
    failures: []
  }),
  'org delete scratch': ok({ orgId: '00D000000000003', username: NEW_ORG })
};

async function failure(action: Promise<unknown>): Promise<OrgScriptError> {
  try {
    await action;
  } catch (error) {
    assert.ok(error instanceof OrgScriptError, String(error));
    return error;
  }
  assert.fail('org:create succeeded');
}

describe('org:create', () => {
  const ci = process.env.CI;
  before(() => {
    // No front-door URL (it carries a session) outside an interactive terminal.
    process.env.CI = 'true';
  });
  after(() => {
    if (ci === undefined) {
      delete process.env.CI;
    } else {
      process.env.CI = ci;
    }
  });
  beforeEach(() => {
    mock.restoreAll();
    mock.method(console, 'log', () => undefined);
  });

  it('builds, creates, deploys every package directory (the budget tests too), assigns both permission sets, loads the samples', async () => {
    const run = world(HAPPY);
    assert.equal(await createOrg([], run), 0);
    assert.deepEqual(run.commands, [
      'org list',
      'org create scratch',
      'project deploy start',
      'org assign permset'
    ]);
    assert.deepEqual(run.built, [['force-app', 'unpackaged', 'budget-tests']]);
    assert.deepEqual(run.calls[1], [
      'org',
      'create',
      'scratch',
      '--definition-file',
      'config/project-scratch-def.json',
      '--alias',
      'insights-sync',
      '--set-default',
      '--target-dev-hub',
      'hub@example.com',
      '--duration-days',
      '7',
      '--wait',
      '20'
    ]);
    assert.deepEqual(run.calls[2], [
      'project',
      'deploy',
      'start',
      '--source-dir',
      'force-app',
      '--source-dir',
      'unpackaged',
      '--source-dir',
      'budget-tests',
      '--target-org',
      NEW_ORG,
      '--wait',
      '20'
    ]);
    assert.deepEqual(run.calls[3], [
      'org',
      'assign',
      'permset',
      '--name',
      'Insights_Sync_Admin',
      '--name',
      'Insights_Sync_Test_Fields',
      '--target-org',
      NEW_ORG
    ]);
    assert.deepEqual(run.loaded, [`${NEW_ORG} 65.0 Insights Sync Sample`]);
  });

  it('deletes the scratch org when the deploy fails, naming the refused components', async () => {
    const run = world({
      ...HAPPY,
      'project deploy start': failed('FailedDeployError', 'Deploy failed.', {
        details: {
          componentFailures: [
            {
              componentType: 'ApexClass',
              fullName: 'SyncRunJob',
              fileName: 'force-app/main/sync/classes/SyncRunJob.cls',
              lineNumber: 3,
              problem: 'Invalid type: Foo'
            }
          ]
        }
      })
    });
    const error = await failure(createOrg([], run));
    assert.equal(
      error.message,
      `the deploy failed: 1 component failure; the scratch org ${NEW_ORG} was deleted`
    );
    assert.deepEqual(error.details, [
      'ApexClass SyncRunJob (force-app/main/sync/classes/SyncRunJob.cls:3): Invalid type: Foo'
    ]);
    assert.deepEqual(run.calls.at(-1), [
      'org',
      'delete',
      'scratch',
      '--target-org',
      NEW_ORG,
      '--no-prompt'
    ]);
    assert.deepEqual(run.loaded, [], 'no data is loaded into a broken org');
  });

  it('deletes the scratch org when a permission set cannot be assigned', async () => {
    const run = world({
      ...HAPPY,
      'org assign permset': failed('PermsetAssignError', 'Permission set assignment failed.', {
        successes: [{ name: 'Insights_Sync_Admin', value: NEW_ORG }],
        failures: [{ name: 'Insights_Sync_Test_Fields', message: 'Permission set not found' }]
      })
    });
    const error = await failure(createOrg([], run));
    assert.equal(
      error.message,
      `assigning the permission sets failed: Insights_Sync_Test_Fields: Permission set not found; the scratch org ${NEW_ORG} was deleted`
    );
    assert.equal(run.commands.at(-1), 'org delete scratch');
  });

  it('keeps the scratch org with --keep-on-failure', async () => {
    const run = world({
      ...HAPPY,
      'project deploy start': failed('FailedDeployError', 'Deploy failed: timeout')
    });
    const error = await failure(createOrg(['--keep-on-failure'], run));
    assert.equal(
      error.message,
      `the deploy failed: Deploy failed: timeout; the scratch org ${NEW_ORG} was kept (--keep-on-failure)`
    );
    assert.ok(!run.commands.includes('org delete scratch'));
  });

  it('says how to delete the org by hand when deleting it fails too', async () => {
    const run = world({
      ...HAPPY,
      'project deploy start': failed('FailedDeployError', 'Deploy failed.'),
      'org delete scratch': failed('SfError', 'Dev Hub unreachable')
    });
    const error = await failure(createOrg([], run));
    assert.match(
      error.message,
      new RegExp(
        `deleting the scratch org ${NEW_ORG} failed too \\(Dev Hub unreachable\\): delete it with npx sf org delete scratch --target-org ${NEW_ORG} --no-prompt$`
      )
    );
  });

  it('deletes an org the CLI authorised before its creation failed', async () => {
    const run = world({
      ...HAPPY,
      'org list': (call) => (call === 1 ? NO_SCRATCH_ORGS : WITH_NEW_ORG),
      'org create scratch': failed(
        'ScratchOrgSettingsError',
        'Could not deploy the scratch org settings.'
      )
    });
    const error = await failure(createOrg([], run));
    assert.equal(
      error.message,
      `creating the scratch org failed: Could not deploy the scratch org settings.; the scratch org ${NEW_ORG} was deleted`
    );
    assert.deepEqual(run.commands, [
      'org list',
      'org create scratch',
      'org list',
      'org delete scratch'
    ]);
  });

  it('creates no org when the build fails or the alias is taken', async () => {
    const broken = world(HAPPY, true);
    assert.match((await failure(createOrg([], broken))).message, /^npm run build:lwc failed/);
    assert.deepEqual(broken.commands, ['org list']);

    const taken = world({ ...HAPPY, 'org list': WITH_NEW_ORG });
    assert.match(
      (await failure(createOrg([], taken))).message,
      /^the alias "insights-sync" already names test-abc@example.com/
    );
    assert.deepEqual(taken.built, [], 'nothing is built either');
  });
});
