/**
 * Package versions: the checks before `sf package version create`, reading its answer, and
 * finding the newest version alias the CLI wrote into sfdx-project.json.
 */
import { OrgScriptError } from './main.ts';
import type { ProjectFile } from './projectFile.ts';
import { isObject, textOf } from './sf.ts';

/** The package's name and id (0Ho…), from the default package directory and packageAliases. */
export function requirePackage(project: ProjectFile): { name: string; id: string } {
  const name = project.packageName;
  if (!name) {
    throw new OrgScriptError(
      'sfdx-project.json names no package on its default package directory: add "package": "Insights Sync for Salesforce"'
    );
  }
  const id = project.packageAliases[name];
  if (!id) {
    throw new OrgScriptError(
      `sfdx-project.json has no packageAliases entry for "${name}": create the package once with npx sf package create --name "${name}" --package-type Managed --path force-app --target-dev-hub <devhub> (the namespace must be linked to the Dev Hub and set in sfdx-project.json), then commit sfdx-project.json`
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
