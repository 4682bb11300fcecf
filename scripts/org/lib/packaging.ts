/**
 * Package versions: the checks before `sf package version create` (the package exists, its
 * ancestor fits the released versions), reading its answer, and finding the newest version alias
 * the CLI wrote into sfdx-project.json.
 */
import { OrgScriptError } from './main.ts';
import type { ProjectFile } from './projectFile.ts';
import { isObject, textOf } from './sf.ts';

/**
 * The package's description for `sf package create`: security review expects it to say that the
 * package deploys metadata from Apex (each version's versionDescription in sfdx-project.json does
 * too).
 */
export const PACKAGE_DESCRIPTION =
  'WalkMe Insights report data on any Salesforce object. Integrations are custom metadata that the package deploys from Apex (Metadata API).';

/** The package's name and id (0Ho…), from the default package directory and packageAliases. */
/** Refuses a project without a namespace: a managed package cannot be created or released without one. */
export function requireNamespace(project: ProjectFile): void {
  if (!project.namespace) {
    throw new OrgScriptError(
      'sfdx-project.json sets no "namespace": a managed package needs one, and it cannot be added once the package exists. Register a namespace in a Developer Edition org (Setup → Package Manager), link that org to the Dev Hub (Dev Hub → Namespace Registries → Link), set "namespace" in sfdx-project.json, run npm run test:org in a scratch org with it, then create the package (docs/org.md, section 9)'
    );
  }
}

export function requirePackage(project: ProjectFile): { name: string; id: string } {
  requireNamespace(project);
  const name = project.packageName;
  if (!name) {
    throw new OrgScriptError(
      'sfdx-project.json names no package on its default package directory: add "package": "Insights Sync for Salesforce"'
    );
  }
  const id = project.packageAliases[name];
  if (!id) {
    throw new OrgScriptError(
      `sfdx-project.json has no packageAliases entry for "${name}": create the package once with npx sf package create --name "${name}" --package-type Managed --path force-app --description "${PACKAGE_DESCRIPTION}" --error-notification-username <a Dev Hub user> --target-dev-hub <devhub>, then commit sfdx-project.json`
    );
  }
  return { name, id };
}

export interface VersionResult {
  readonly status: string;
  /** The version create request (08c…). */
  readonly requestId: string | undefined;
  /** The installable version (04t…). */
  readonly subscriberVersionId: string | undefined;
  readonly versionNumber: string | undefined;
  readonly codeCoverage: number | undefined;
  readonly passedCodeCoverage: boolean | undefined;
  readonly errors: readonly string[];
}

/** `sf package version create --json`'s result (PackageVersionCreateRequestResult). */
export function readVersionResult(result: unknown): VersionResult {
  const value = isObject(result) ? result : {};
  const errors = (Array.isArray(value.Error) ? value.Error : [])
    .map((error) => (isObject(error) ? textOf(error.Message) : textOf(error)))
    .filter((message): message is string => message !== undefined);
  const coverage = value.CodeCoverage;
  return {
    status: textOf(value.Status) ?? 'Unknown',
    requestId: textOf(value.Id),
    subscriberVersionId: textOf(value.SubscriberPackageVersionId),
    versionNumber: textOf(value.VersionNumber),
    codeCoverage:
      typeof coverage === 'number'
        ? coverage
        : isObject(coverage) && typeof coverage.apexCodeCoveragePercentage === 'number'
          ? coverage.apexCodeCoveragePercentage
          : undefined,
    passedCodeCoverage:
      typeof value.HasPassedCodeCoverageCheck === 'boolean'
        ? value.HasPassedCodeCoverageCheck
        : undefined,
    errors
  };
}

/** Where a version is installed from: production and Developer Edition, and sandboxes. */
export function installUrls(subscriberVersionId: string): { production: string; sandbox: string } {
  const path = `/packaging/installPackage.apexp?p0=${encodeURIComponent(subscriberVersionId)}`;
  return {
    production: `https://login.salesforce.com${path}`,
    sandbox: `https://test.salesforce.com${path}`
  };
}

function versionParts(alias: string, packageName: string): number[] | undefined {
  if (!alias.startsWith(`${packageName}@`)) {
    return undefined;
  }
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-(\d+))?/.exec(alias.slice(packageName.length + 1));
  return match ? match.slice(1).map((part) => Number(part ?? 0)) : undefined;
}

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

/**
 * The newest version alias of the package (`Name@1.2.0-3`, as `sf package version create`
 * writes them), compared number by number; undefined when there is none.
 */
export function latestVersionAlias(
  aliases: Readonly<Record<string, string>>,
  packageName: string
): { alias: string; id: string } | undefined {
  let best: { alias: string; id: string; parts: number[] } | undefined;
  for (const [alias, id] of Object.entries(aliases)) {
    const parts = versionParts(alias, packageName);
    if (!parts || !id.startsWith('04t')) {
      continue;
    }
    const newer = !best || compareVersions(parts, best.parts) > 0;
    if (newer) {
      best = { alias, id, parts };
    }
  }
  return best ? { alias: best.alias, id: best.id } : undefined;
}

/** A released version of the package, from `sf package version list --released --json`. */
export interface ReleasedVersion {
  /** `major.minor.patch.build`, e.g. `0.1.0.11`. */
  readonly version: string;
  readonly subscriberVersionId: string | undefined;
}

/** `sf package version list --released --json`'s result: the released versions it lists. */
export function readReleasedVersions(result: unknown): ReleasedVersion[] {
  if (!Array.isArray(result)) {
    return [];
  }
  return result.filter(isObject).flatMap((record) => {
    const parts = [
      record.MajorVersion,
      record.MinorVersion,
      record.PatchVersion,
      record.BuildNumber
    ];
    const version =
      textOf(record.Version) ??
      (parts.every((part) => typeof part === 'number') ? parts.join('.') : undefined);
    if (!version || record.IsReleased === false || record.IsReleased === 'false') {
      return [];
    }
    return [{ version, subscriberVersionId: textOf(record.SubscriberPackageVersionId) }];
  });
}

/** The highest of the released versions, compared number by number; undefined when none. */
export function highestReleased(released: readonly ReleasedVersion[]): ReleasedVersion | undefined {
  const numbers = (version: string) => version.split('.').map((part) => Number(part) || 0);
  return released.reduce<ReleasedVersion | undefined>(
    (best, candidate) =>
      !best || compareVersions(numbers(candidate.version), numbers(best.version)) > 0
        ? candidate
        : best,
    undefined
  );
}

const HIGHEST = 'HIGHEST';
const NONE = 'NONE';

/**
 * Why `sf package version create` would refuse the ancestor that sfdx-project.json gives the
 * package directory, with what to change; undefined when it fits. A managed package's versions
 * form one upgrade path: the first version has no ancestor, and from the first released
 * (promoted) version on every new major or minor version names the highest released one as its
 * ancestor, best as `"ancestorVersion": "HIGHEST"`. The CLI refuses `HIGHEST` while no version is
 * released, refuses a missing ancestor once one is, and refuses `NONE` after a release unless
 * told to skip the check (which leaves the installed orgs without an upgrade).
 */
export function ancestorProblem(
  project: ProjectFile,
  released: readonly ReleasedVersion[]
): string | undefined {
  const { ancestorVersion, ancestorId } = project;
  const packageName = project.packageName ?? 'the package';
  if (ancestorVersion && ancestorId && ancestorVersion !== ancestorId) {
    return `sfdx-project.json gives the package directory both "ancestorVersion": "${ancestorVersion}" and "ancestorId": "${ancestorId}": keep one, best "ancestorVersion": "HIGHEST"`;
  }
  const ancestor = ancestorVersion ?? ancestorId;
  const highest = highestReleased(released);
  if (!highest) {
    if (ancestor === HIGHEST) {
      return `sfdx-project.json sets the ancestor to HIGHEST, but no version of "${packageName}" is released yet, so there is none: remove "ancestorVersion" (or "ancestorId") for this first version, and add "ancestorVersion": "HIGHEST" once npm run package:promote released it`;
    }
    return undefined;
  }
  if (ancestor === NONE) {
    return `sfdx-project.json sets the ancestor to NONE, but ${highest.version} of "${packageName}" is released: a version without an ancestor cannot upgrade the orgs that installed it. Set "ancestorVersion": "HIGHEST"`;
  }
  const isPatch = (project.versionNumber?.split('.')[2] ?? '0') !== '0';
  if (!ancestor && !isPatch) {
    return `${highest.version} of "${packageName}" is released, so every later version needs its ancestor: add "ancestorVersion": "HIGHEST" to the package directory in sfdx-project.json (docs/org.md, section 9)`;
  }
  return undefined;
}
