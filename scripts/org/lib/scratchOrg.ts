/**
 * org:create's steps (scripts/org/create-scratch-org.ts runs them): builds the components,
 * creates a scratch org from config/project-scratch-def.json, deploys every package directory
 * (the package and the test-only metadata), assigns the permission sets, loads the sample Leads
 * and Contacts, and prints how to open the org. A step that fails after the org exists deletes
 * it again (unless --keep-on-failure), so no half-built org is left behind.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../lib/project.ts';
import { helpText, parseArgs } from './args.ts';
import { createScratchOrgCommand as spec } from './commands.ts';
import { connect } from './connection.ts';
import { OrgScriptError, describeFailure } from './main.ts';
import {
  checkNodeVersion,
  chooseDevHub,
  listAuthorisedOrgs,
  requireFreeAlias
} from './prerequisites.ts';
import { readProjectFile } from './projectFile.ts';
import { loadSampleData, readSampleData, type SampleData } from './sampleData.ts';
import { isObject, textOf, type Sf } from './sf.ts';
import { announce, assignPermissionSets, buildComponents, deployProject } from './steps.ts';

const DEFINITION_FILE = join('config', 'project-scratch-def.json');
const PERMISSION_SETS = ['Insights_Sync_Admin', 'Insights_Sync_Test_Fields'] as const;

async function createScratchOrg(
  sf: Sf,
  devHub: string,
  alias: string,
  durationDays: number,
  waitMinutes: number
): Promise<string> {
  announce(`Creating scratch org "${alias}" with Dev Hub ${devHub} (up to ${waitMinutes} minutes)`);
  const outcome = await sf.run([
    'org',
    'create',
    'scratch',
    '--definition-file',
    DEFINITION_FILE,
    '--alias',
    alias,
    '--set-default',
    '--target-dev-hub',
    devHub,
    '--duration-days',
    String(durationDays),
    '--wait',
    String(waitMinutes)
  ]);
  if (!outcome.ok) {
    throw new OrgScriptError(`creating the scratch org failed: ${outcome.failure.message}`);
  }
  const username = isObject(outcome.result) ? textOf(outcome.result.username) : undefined;
  if (!username) {
    throw new OrgScriptError(
      'the CLI created no usable scratch org (its answer has no username): see npx sf org list'
    );
  }
  return username;
}

async function loginHint(sf: Sf, username: string, alias: string): Promise<string[]> {
  const open = `npx sf org open --target-org ${alias}`;
  // A front-door URL carries a session: print it only to a person, never into a CI log.
  if (process.env.CI || !process.stdout.isTTY) {
    return [`Open it with: ${open}`];
  }
  const outcome = await sf.run(['org', 'open', '--target-org', username, '--url-only']);
  const url = outcome.ok && isObject(outcome.result) ? textOf(outcome.result.url) : undefined;
  return url ? [`Log in: ${url}`, `(later: ${open})`] : [`Open it with: ${open}`];
}

async function deleteScratchOrg(sf: Sf, username: string): Promise<string> {
  const outcome = await sf.run([
    'org',
    'delete',
    'scratch',
    '--target-org',
    username,
    '--no-prompt'
  ]);
  return outcome.ok
    ? `the scratch org ${username} was deleted`
    : `deleting the scratch org ${username} failed too (${outcome.failure.message}): delete it with npx sf org delete scratch --target-org ${username} --no-prompt`;
}

/** What org:create needs from the world; tests replace the CLI, the build and the data load. */
export interface ScratchOrgDependencies {
  readonly sf: Sf;
  readonly build: (packageDirectories: readonly string[]) => Promise<void>;
  readonly loadSample: (
    username: string,
    apiVersion: string,
    data: SampleData
  ) => Promise<{ leads: number; contacts: number }>;
}

export const realDependencies = (sf: Sf): ScratchOrgDependencies => ({
  sf,
  build: buildComponents,
  loadSample: async (username, apiVersion, data) =>
    loadSampleData(await connect(username, apiVersion), data)
});

/** org:create from its command line; returns the exit code or throws what went wrong. */
export async function createOrg(
  argv: readonly string[],
  dependencies: ScratchOrgDependencies
): Promise<number> {
  const { sf } = dependencies;
  const parsed = parseArgs(spec, argv);
  if (parsed.help) {
    console.log(helpText(spec));
    return 0;
  }
  const options = parsed.values;
  checkNodeVersion();
  const project = readProjectFile(repositoryRoot);
  if (!existsSync(join(repositoryRoot, DEFINITION_FILE))) {
    throw new OrgScriptError(`${DEFINITION_FILE} is missing: restore it from git`);
  }
  const sample = readSampleData();
  const orgs = await listAuthorisedOrgs(sf);
  const devHub = chooseDevHub(orgs, options['target-dev-hub']);
  requireFreeAlias(orgs, options.alias);

  // Built before the org exists: a failing build then costs no scratch org.
  await dependencies.build(project.packageDirectories);

  let username: string;
  try {
    username = await createScratchOrg(
      sf,
      devHub.username,
      options.alias,
      options['duration-days'],
      options.wait
    );
  } catch (error) {
    // The CLI can fail after the org exists (its settings refused, say) and still have saved its
    // authorisation under the alias, which was free before: such an org is deleted too.
    const leftOver = (await listAuthorisedOrgs(sf).catch(() => [])).find((org) =>
      org.aliases.includes(options.alias)
    );
    if (!leftOver) {
      throw error;
    }
    const cleanup = options['keep-on-failure']
      ? `the scratch org ${leftOver.username} was kept (--keep-on-failure)`
      : await deleteScratchOrg(sf, leftOver.username);
    throw new OrgScriptError(`${describeFailure(error).headline}; ${cleanup}`);
  }
  try {
    const deployed = await deployProject(sf, username, project.packageDirectories, options.wait);
    console.log(`  ${deployed} components deployed`);
    await assignPermissionSets(sf, username, PERMISSION_SETS);
    announce(`Loading the sample Leads and Contacts (${sample.company})`);
    const loaded = await dependencies.loadSample(username, project.sourceApiVersion, sample);
    console.log(`  ${loaded.leads} Leads, ${loaded.contacts} Contacts`);
  } catch (error) {
    const cleanup = options['keep-on-failure']
      ? `the scratch org ${username} was kept (--keep-on-failure)`
      : await deleteScratchOrg(sf, username);
    const { headline, details } = describeFailure(error);
    throw new OrgScriptError(`${headline}; ${cleanup}`, details);
  }

  console.log('');
  console.log(`Scratch org "${options.alias}" is ready: ${username}`);
  for (const line of await loginHint(sf, username, options.alias)) {
    console.log(line);
  }
  console.log('Next: npm run test:org, and docs/org.md to connect Insights and run a sync.');
  return 0;
}
