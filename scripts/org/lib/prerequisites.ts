/**
 * The checks every org script runs before it touches an org, each failing with one line that
 * says what is missing and how to get it: the Node version, the CLI, an authorised Dev Hub or
 * target org, and the compiled components a deploy or package needs.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listFiles } from '../../lib/project.ts';
import { OrgScriptError } from './main.ts';
import { isObject, textOf, type Sf } from './sf.ts';

/** The oldest Node the project supports (package.json engines). */
export const MINIMUM_NODE = { major: 20, minor: 19 } as const;

/** The alias `org:create` gives its scratch org and the other scripts target by default. */
export const DEFAULT_SCRATCH_ALIAS = 'insights-sync';

/** How long a quick CLI check may take before the network is blamed. */
const CHECK_TIMEOUT_MS = 60_000;

export function checkNodeVersion(version: string = process.versions.node): void {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (major < MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor < MINIMUM_NODE.minor)) {
    throw new OrgScriptError(
      `Node ${version} is too old: install Node ${MINIMUM_NODE.major}.${MINIMUM_NODE.minor} or newer (20.20 or 22 are what the project is checked with)`
    );
  }
}

/** One org the CLI holds an authorisation for. */
export interface AuthorisedOrg {
  readonly username: string;
  readonly aliases: readonly string[];
  readonly isDevHub: boolean;
  readonly isDefaultDevHub: boolean;
}

/** The authorised orgs, from `sf org list --json`. */
export function readOrgList(result: unknown): AuthorisedOrg[] {
  if (!isObject(result)) {
    return [];
  }
  const byUsername = new Map<string, AuthorisedOrg>();
  for (const group of ['devHubs', 'nonScratchOrgs', 'sandboxes', 'scratchOrgs', 'other']) {
    const entries = result[group];
    for (const entry of Array.isArray(entries) ? entries : []) {
      if (!isObject(entry)) {
        continue;
      }
      const username = textOf(entry.username);
      if (!username) {
        continue;
      }
      const known = byUsername.get(username);
      const isDevHub = group === 'devHubs' || entry.isDevHub === true;
      byUsername.set(username, {
        username,
        aliases: aliasesOf(entry),
        isDevHub: isDevHub || known?.isDevHub === true,
        isDefaultDevHub: entry.isDefaultDevHubUsername === true || known?.isDefaultDevHub === true
      });
    }
  }
  return [...byUsername.values()];
}

function aliasesOf(entry: Record<string, unknown>): string[] {
  const single = textOf(entry.alias);
  const many = Array.isArray(entry.aliases)
    ? entry.aliases.filter((alias): alias is string => typeof alias === 'string')
    : [];
  const all = [...(single ? single.split(',').map((alias) => alias.trim()) : []), ...many];
  return [...new Set(all.filter((alias) => alias.length > 0))];
}

function answersTo(org: AuthorisedOrg, name: string): boolean {
  return org.aliases.includes(name) || org.username.toLowerCase() === name.toLowerCase();
}

/**
 * The Dev Hub to use: the one named (alias or username), or the default Dev Hub. Fails with
 * the command that authorises one.
 */
export function chooseDevHub(orgs: readonly AuthorisedOrg[], requested?: string): AuthorisedOrg {
  const login = (alias: string): string =>
    `npx sf org login web --set-default-dev-hub --alias ${alias}`;
  if (requested) {
    const named = orgs.find((org) => answersTo(org, requested));
    if (named?.isDevHub) {
      return named;
    }
    if (named) {
      throw new OrgScriptError(
        `"${requested}" is authorised but is not a Dev Hub: turn on Dev Hub in its Setup, then log in again with ${login(requested)}`
      );
    }
    throw new OrgScriptError(
      `no Dev Hub "${requested}" is authorised: log in with ${login(requested)}`
    );
  }
  const hubs = orgs.filter((org) => org.isDevHub);
  const preferred = hubs.find((org) => org.isDefaultDevHub);
  if (preferred) {
    return preferred;
  }
  if (hubs.length > 0) {
    const names = hubs.map((org) => org.aliases[0] ?? org.username);
    throw new OrgScriptError(
      `no default Dev Hub is set: pass --target-dev-hub ${names.join('|')} or run npx sf config set target-dev-hub=${names[0]} --global`
    );
  }
  throw new OrgScriptError(
    `no Dev Hub is authorised: log in with ${login('insights-devhub')} (in CI: npx sf org login sfdx-url --sfdx-url-file <file> --set-default-dev-hub)`
  );
}

/** Asks the CLI for the authorised orgs; a CLI that does not run fails here, first. */
export async function listAuthorisedOrgs(sf: Sf): Promise<AuthorisedOrg[]> {
  const outcome = await sf.run(['org', 'list', '--skip-connection-status'], {
    timeoutMs: CHECK_TIMEOUT_MS
  });
  if (!outcome.ok) {
    throw new OrgScriptError(
      `the Salesforce CLI cannot list the authorised orgs (${outcome.failure.message}): check ~/.sf, or log in again with npx sf org login web`
    );
  }
  return readOrgList(outcome.result);
}

export async function requireDevHub(sf: Sf, requested?: string): Promise<AuthorisedOrg> {
  return chooseDevHub(await listAuthorisedOrgs(sf), requested);
}

/** A new scratch org must not take an alias an authorised org already has. */
export function requireFreeAlias(orgs: readonly AuthorisedOrg[], alias: string): void {
  const holder = orgs.find((org) => org.aliases.includes(alias));
  if (holder) {
    throw new OrgScriptError(
      `the alias "${alias}" already names ${holder.username}: delete that org with npx sf org delete scratch --target-org ${alias} --no-prompt, or pass another --alias`
    );
  }
}

/** The org a script works in, as `sf org display` describes it. */
export interface TargetOrg {
  readonly username: string;
  readonly orgId: string;
  readonly instanceUrl: string;
  readonly alias: string | undefined;
}

const NOT_AUTHORISED = /NamedOrgNotFound|NoAuthInfoFound|AuthInfoNotFound|NoDefaultEnv|NoOrgFound/i;
const USABLE_CONNECTION = new Set(['Connected', 'Unknown']);

/** Reads `sf org display --json` or fails with what to do. */
export function readTargetOrg(target: string, outcome: Awaited<ReturnType<Sf['run']>>): TargetOrg {
  if (!outcome.ok) {
    if (
      NOT_AUTHORISED.test(outcome.failure.name) ||
      /no authorization/i.test(outcome.failure.message)
    ) {
      throw new OrgScriptError(
        `no org "${target}" is authorised here: create one with npm run org:create, or pass --target-org <alias> of an org listed by npx sf org list`
      );
    }
    throw new OrgScriptError(`org "${target}" cannot be reached: ${outcome.failure.message}`);
  }
  const result = isObject(outcome.result) ? outcome.result : {};
  const username = textOf(result.username);
  const instanceUrl = textOf(result.instanceUrl);
  if (!username || !instanceUrl) {
    throw new OrgScriptError(
      `the CLI describes org "${target}" without a username or instance URL: log in again with npx sf org login web --alias ${target}`
    );
  }
  const status = textOf(result.status);
  if (status && status !== 'Active') {
    throw new OrgScriptError(
      `scratch org "${target}" is ${status}: create a new one with npm run org:create`
    );
  }
  const connected = textOf(result.connectedStatus);
  if (connected && !USABLE_CONNECTION.has(connected)) {
    throw new OrgScriptError(
      `org "${target}" is not connected (${connected}): log in again with npx sf org login web --alias ${target}`
    );
  }
  return { username, instanceUrl, orgId: textOf(result.id) ?? '', alias: textOf(result.alias) };
}

export async function requireTargetOrg(sf: Sf, target: string): Promise<TargetOrg> {
  const outcome = await sf.run(['org', 'display', '--target-org', target], {
    timeoutMs: CHECK_TIMEOUT_MS
  });
  return readTargetOrg(target, outcome);
}

/**
 * Components whose compiled `.js` is missing or older than their TypeScript: the org receives
 * the `.js` and never the `.ts` (.forceignore), so deploying without a build ships nothing or
 * yesterday's code.
 */
export function staleComponents(folders: readonly string[]): string[] {
  const stale: string[] = [];
  for (const folder of folders) {
    for (const metaFile of listFiles(folder, (path) => path.endsWith('.js-meta.xml'))) {
      const bundle = basename(metaFile, '.js-meta.xml');
      const compiled = join(dirname(metaFile), `${bundle}.js`);
      const source = join(dirname(metaFile), `${bundle}.ts`);
      if (!existsSync(compiled)) {
        stale.push(`${bundle} (no ${bundle}.js)`);
      } else if (existsSync(source) && statSync(source).mtimeMs > statSync(compiled).mtimeMs) {
        stale.push(`${bundle} (${bundle}.ts is newer than ${bundle}.js)`);
      }
    }
  }
  return stale;
}

export function requireCompiledComponents(folders: readonly string[]): void {
  const stale = staleComponents(folders);
  if (stale.length > 0) {
    throw new OrgScriptError(
      `compiled components are missing or out of date: ${stale.join(', ')}: run npm run build:lwc`
    );
  }
}

/** The Insights regions of InsightsRegion.cls. */
export const INSIGHTS_REGIONS = ['US', 'EU', 'CA', 'FEDRAMP'] as const;
export type InsightsRegionCode = (typeof INSIGHTS_REGIONS)[number];

/** The region the e2e run uses, from the flag or INSIGHTS_REGION. */
export function requireRegion(value: string | undefined): InsightsRegionCode {
  if (!value || value.trim() === '') {
    throw new OrgScriptError(
      `INSIGHTS_REGION is not set: set it to the region connected in the org (${INSIGHTS_REGIONS.join(', ')}), e.g. INSIGHTS_REGION=EU npm run e2e:org`
    );
  }
  const code = value.trim().toUpperCase();
  const known = INSIGHTS_REGIONS.find((region) => region === code);
  if (!known) {
    throw new OrgScriptError(
      `INSIGHTS_REGION "${value}" is not an Insights region: use one of ${INSIGHTS_REGIONS.join(', ')}`
    );
  }
  return known;
}
