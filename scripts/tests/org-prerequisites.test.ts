/**
 * The checks the org scripts run before touching an org, driven by a fake CLI that answers as
 * `sf … --json` does: each missing prerequisite fails with one line naming it and the fix.
 * Also the CLI's JSON envelope, deploy failures, and the package checks.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { OrgScriptError } from '../org/lib/main.ts';
import { latestVersionAlias, readVersionResult, requirePackage } from '../org/lib/packaging.ts';
import {
  checkNodeVersion,
  chooseDevHub,
  readOrgList,
  requireDevHub,
  requireFreeAlias,
  requireRegion,
  requireTargetOrg,
  staleComponents
} from '../org/lib/prerequisites.ts';
import type { ProjectFile } from '../org/lib/projectFile.ts';
import { readSfOutput, type Sf, type SfOutcome } from '../org/lib/sf.ts';
import { deployFailures } from '../org/lib/steps.ts';

/** A CLI that answers each command (joined without flags' values) from a table. */
function fakeSf(answers: Record<string, SfOutcome>): Sf & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async run(args) {
      calls.push([...args]);
      const command = args
        .filter((arg) => !arg.startsWith('-'))
        .slice(0, 2)
        .join(' ');
      const answer = answers[command];
      if (!answer) {
        throw new Error(`the fake CLI has no answer for ${args.join(' ')}`);
      }
      return answer;
    }
  };
}

const ok = (result: unknown): SfOutcome => ({ ok: true, result, warnings: [] });
const failed = (name: string, message: string, data?: unknown): SfOutcome => ({
  ok: false,
  failure: { name, message, exitCode: 1, data }
});

function failureOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof OrgScriptError, 'a prerequisite fails with an OrgScriptError');
    assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
    return error.message;
  }
  assert.fail('the check passed');
}

async function asyncFailureOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    assert.ok(error instanceof OrgScriptError, 'a prerequisite fails with an OrgScriptError');
    assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
    return error.message;
  }
  assert.fail('the check passed');
}

// `sf org list --json` of a machine with a Dev Hub, a scratch org and a sandbox (trimmed).
const ORG_LIST = {
  other: [],
  sandboxes: [
    {
      username: 'admin@example.com.uat',
      orgId: '00D000000000002',
      instanceUrl: 'https://example--uat.sandbox.my.salesforce.com',
      alias: 'uat',
      isDevHub: false
    }
  ],
  nonScratchOrgs: [
    {
      username: 'hub@example.com',
      orgId: '00D000000000001',
      instanceUrl: 'https://example.my.salesforce.com',
      alias: 'insights-devhub',
      isDevHub: true,
      isDefaultDevHubUsername: true,
      defaultMarker: '(D)'
    }
  ],
  devHubs: [
    {
      username: 'hub@example.com',
      orgId: '00D000000000001',
      instanceUrl: 'https://example.my.salesforce.com',
      alias: 'insights-devhub',
      isDevHub: true,
      isDefaultDevHubUsername: true,
      defaultMarker: '(D)'
    }
  ],
  scratchOrgs: [
    {
      username: 'test-abc@example.com',
      orgId: '00D000000000003',
      alias: 'insights-sync',
      devHubUsername: 'hub@example.com',
      expirationDate: '2026-12-01',
      status: 'Active',
      isExpired: false
    }
  ]
};

describe('prerequisites of the org scripts', () => {
  it('needs Node 20.19 or newer', () => {
    assert.doesNotThrow(() => checkNodeVersion('20.19.0'));
    assert.doesNotThrow(() => checkNodeVersion('22.1.0'));
    assert.match(
      failureOf(() => checkNodeVersion('20.18.1')),
      /^Node 20\.18\.1 is too old: install Node 20\.19 or newer/
    );
    assert.match(
      failureOf(() => checkNodeVersion('18.20.4')),
      /too old/
    );
  });

  it('takes the default Dev Hub from the authorised orgs', async () => {
    const sf = fakeSf({ 'org list': ok(ORG_LIST) });
    const hub = await requireDevHub(sf);
    assert.equal(hub.username, 'hub@example.com');
    assert.deepEqual(
      sf.calls[0],
      ['org', 'list', '--skip-connection-status'],
      'one quick CLI call'
    );
  });

  it('finds a named Dev Hub by alias or username', () => {
    const orgs = readOrgList(ORG_LIST);
    assert.equal(chooseDevHub(orgs, 'insights-devhub').username, 'hub@example.com');
    assert.equal(chooseDevHub(orgs, 'HUB@example.com').username, 'hub@example.com');
  });

  it('says how to authorise a Dev Hub when none is', async () => {
    const sf = fakeSf({
      'org list': ok({ devHubs: [], nonScratchOrgs: [], scratchOrgs: [], sandboxes: [], other: [] })
    });
    assert.equal(
      await asyncFailureOf(() => requireDevHub(sf)),
      'no Dev Hub is authorised: log in with npx sf org login web --set-default-dev-hub --alias insights-devhub (in CI: npx sf org login sfdx-url --sfdx-url-file <file> --set-default-dev-hub)'
    );
  });

  it('says which Dev Hubs there are when none is the default', () => {
    const orgs = readOrgList({
      devHubs: [
        { username: 'a@example.com', alias: 'hub-a', isDevHub: true },
        { username: 'b@example.com', isDevHub: true }
      ]
    });
    assert.equal(
      failureOf(() => chooseDevHub(orgs)),
      'no default Dev Hub is set: pass --target-dev-hub hub-a|b@example.com or run npx sf config set target-dev-hub=hub-a --global'
    );
  });

  it('refuses a named org that is not a Dev Hub, or not authorised', () => {
    const orgs = readOrgList(ORG_LIST);
    assert.match(
      failureOf(() => chooseDevHub(orgs, 'uat')),
      /^"uat" is authorised but is not a Dev Hub: turn on Dev Hub/
    );
    assert.match(
      failureOf(() => chooseDevHub(orgs, 'nope')),
      /^no Dev Hub "nope" is authorised: log in with npx sf org login web/
    );
  });

  it('fails in one line when the CLI cannot list the orgs', async () => {
    const sf = fakeSf({ 'org list': failed('SfError', 'Cannot read ~/.sf/sf.json') });
    assert.match(
      await asyncFailureOf(() => requireDevHub(sf)),
      /^the Salesforce CLI cannot list the authorised orgs \(Cannot read/
    );
  });

  it('refuses an alias an authorised org already has', () => {
    assert.match(
      failureOf(() => requireFreeAlias(readOrgList(ORG_LIST), 'insights-sync')),
      /^the alias "insights-sync" already names test-abc@example.com: delete that org with npx sf org delete scratch --target-org insights-sync --no-prompt, or pass another --alias$/
    );
    assert.doesNotThrow(() => requireFreeAlias(readOrgList(ORG_LIST), 'insights-sync-2'));
  });

  it('describes the target org from sf org display', async () => {
    const sf = fakeSf({
      'org display': ok({
        username: 'test-abc@example.com',
        id: '00D000000000003',
        instanceUrl: 'https://insights-sync.scratch.my.salesforce.com',
        alias: 'insights-sync',
        connectedStatus: 'Connected',
        status: 'Active'
      })
    });
    const org = await requireTargetOrg(sf, 'insights-sync');
    assert.equal(org.username, 'test-abc@example.com');
    assert.deepEqual(sf.calls[0], ['org', 'display', '--target-org', 'insights-sync']);
  });

  it('says how to get a target org when none is authorised', async () => {
    const sf = fakeSf({
      'org display': failed(
        'NamedOrgNotFoundError',
        'Parsing --target-org No authorization information found for insights-sync.'
      )
    });
    assert.equal(
      await asyncFailureOf(() => requireTargetOrg(sf, 'insights-sync')),
      'no org "insights-sync" is authorised here: create one with npm run org:create, or pass --target-org <alias> of an org listed by npx sf org list'
    );
  });

  it('refuses an expired scratch org and a lost connection', async () => {
    const expired = fakeSf({
      'org display': ok({ username: 'u@example.com', instanceUrl: 'https://x', status: 'Expired' })
    });
    assert.match(
      await asyncFailureOf(() => requireTargetOrg(expired, 'old')),
      /^scratch org "old" is Expired: create a new one with npm run org:create$/
    );
    const lost = fakeSf({
      'org display': ok({
        username: 'u@example.com',
        instanceUrl: 'https://x',
        connectedStatus: 'RefreshTokenAuthError'
      })
    });
    assert.match(
      await asyncFailureOf(() => requireTargetOrg(lost, 'dev')),
      /^org "dev" is not connected \(RefreshTokenAuthError\): log in again with npx sf org login web --alias dev$/
    );
  });

  it('needs a known Insights region', () => {
    assert.equal(requireRegion('eu'), 'EU');
    assert.equal(requireRegion(' FedRAMP '), 'FEDRAMP');
    assert.match(
      failureOf(() => requireRegion(undefined)),
      /^INSIGHTS_REGION is not set: set it to the region connected in the org \(US, EU, CA, FEDRAMP\)/
    );
    assert.match(
      failureOf(() => requireRegion('APAC')),
      /^INSIGHTS_REGION "APAC" is not an Insights region: use one of US, EU, CA, FEDRAMP$/
    );
  });
});

describe('compiled components', () => {
  const root = mkdtempSync(join(tmpdir(), 'insights-sync-lwc-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  function bundle(name: string, files: Record<string, number>): void {
    const folder = join(root, 'force-app', 'lwc', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.js-meta.xml`), '<LightningComponentBundle/>');
    for (const [file, seconds] of Object.entries(files)) {
      writeFileSync(join(folder, file), '');
      utimesSync(join(folder, file), seconds, seconds);
    }
  }

  it('names the components whose .js is missing or older than their .ts', () => {
    bundle('fresh', { 'fresh.ts': 1000, 'fresh.js': 2000 });
    bundle('unbuilt', { 'unbuilt.ts': 1000 });
    bundle('stale', { 'stale.ts': 3000, 'stale.js': 2000 });
    assert.deepEqual(staleComponents([join(root, 'force-app')]), [
      'stale (stale.ts is newer than stale.js)',
      'unbuilt (no unbuilt.js)'
    ]);
  });
});

describe('the CLI answer', () => {
  it('reads a result, and an error with its name and first line', () => {
    assert.deepEqual(
      readSfOutput('{"status":0,"result":{"a":1},"warnings":["w"]}', '', 0, 'org list'),
      {
        ok: true,
        result: { a: 1 },
        warnings: ['w']
      }
    );
    const error = readSfOutput(
      JSON.stringify({
        name: 'NoDefaultDevHubError',
        message: 'No default dev hub found.\nSee more help with --help',
        exitCode: 1,
        status: 1,
        stack: 'NoDefaultDevHubError: …\n    at SfCommandError.from (file:///…)'
      }),
      '(node:1) [ENOENT] Error: spawn sf ENOENT',
      1,
      'org create scratch'
    );
    assert.deepEqual(error, {
      ok: false,
      failure: {
        name: 'NoDefaultDevHubError',
        message: 'No default dev hub found.',
        exitCode: 1,
        data: undefined
      }
    });
  });

  it('fails in one line, without a stack, when the CLI printed no JSON', () => {
    assert.equal(
      failureOf(() =>
        readSfOutput(
          '',
          'Error: Cannot find module undici\n    at Module._resolveFilename (node:internal)',
          1,
          'org list'
        )
      ),
      'the Salesforce CLI did not answer "sf org list" (exit 1: Error: Cannot find module undici): run npm ci, then try again'
    );
  });

  it('lists the components a deploy refused', () => {
    const data = {
      status: 'Failed',
      details: {
        componentFailures: [
          {
            componentType: 'ApexClass',
            fullName: 'SyncRunJob',
            fileName: 'force-app/main/sync/classes/SyncRunJob.cls',
            lineNumber: 12,
            problem: 'Variable does not exist: cursr'
          }
        ]
      }
    };
    assert.deepEqual(deployFailures(data), [
      'ApexClass SyncRunJob (force-app/main/sync/classes/SyncRunJob.cls:12): Variable does not exist: cursr'
    ]);
    assert.deepEqual(
      deployFailures({
        details: {
          componentFailures: { componentType: 'CustomField', fullName: 'Lead.X__c', problem: 'bad' }
        }
      }),
      ['CustomField Lead.X__c: bad'],
      'the Metadata API sends a single failure as an object'
    );
  });
});

describe('packaging checks', () => {
  const project = (aliases: Record<string, string>, namespace = 'insync'): ProjectFile => ({
    namespace,
    sourceApiVersion: '65.0',
    packageDirectories: ['force-app', 'unpackaged'],
    packageName: 'Insights Sync for Salesforce',
    packageAliases: aliases
  });

  it('needs a namespace before the package is created', () => {
    assert.match(
      failureOf(() =>
        requirePackage(project({ 'Insights Sync for Salesforce': '0Ho000000000001' }, ''))
      ),
      /^sfdx-project.json sets no "namespace": a managed package needs one/
    );
  });

  it('needs the package created once (its alias in sfdx-project.json)', () => {
    assert.match(
      failureOf(() => requirePackage(project({}))),
      /^sfdx-project.json has no packageAliases entry for "Insights Sync for Salesforce": create the package once with npx sf package create --name "Insights Sync for Salesforce" --package-type Managed --path force-app/
    );
    assert.deepEqual(
      requirePackage(project({ 'Insights Sync for Salesforce': '0Ho000000000001' })),
      {
        name: 'Insights Sync for Salesforce',
        id: '0Ho000000000001'
      }
    );
  });

  it('finds the newest version alias by number, not by text', () => {
    const aliases = {
      'Insights Sync for Salesforce': '0Ho000000000001',
      'Insights Sync for Salesforce@0.1.0-2': '04t000000000002',
      'Insights Sync for Salesforce@0.1.0-10': '04t000000000010',
      'Insights Sync for Salesforce@0.0.9-30': '04t000000000030',
      'Other Package@9.9.9-9': '04t000000000999'
    };
    assert.deepEqual(latestVersionAlias(aliases, 'Insights Sync for Salesforce'), {
      alias: 'Insights Sync for Salesforce@0.1.0-10',
      id: '04t000000000010'
    });
    assert.equal(latestVersionAlias({}, 'Insights Sync for Salesforce'), undefined);
  });

  it('reads the version the CLI created', () => {
    const version = readVersionResult({
      Id: '08c000000000001',
      Status: 'Success',
      Package2Id: '0Ho000000000001',
      SubscriberPackageVersionId: '04t000000000011',
      VersionNumber: '0.1.0.11',
      CodeCoverage: 91,
      HasPassedCodeCoverageCheck: true,
      Error: []
    });
    assert.equal(version.subscriberVersionId, '04t000000000011');
    assert.equal(version.codeCoverage, 91);
    assert.deepEqual(
      readVersionResult({ Status: 'Error', Error: ['Apex test failure', { Message: 'x' }] }).errors,
      ['Apex test failure', 'x']
    );
  });
});
