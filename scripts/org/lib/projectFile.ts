/**
 * What the org scripts read from `sfdx-project.json`: the namespace (names in SOQL and Apex
 * carry it once one is registered), the package directories to deploy, the package's name and
 * its aliases (written by `sf package create` and `sf package version create`), and the version
 * number and ancestor of the package directory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrgScriptError } from './main.ts';
import { isObject, textOf } from './sf.ts';

export interface ProjectFile {
  readonly namespace: string;
  readonly sourceApiVersion: string;
  /** Every package directory, as sfdx-project.json lists them (relative paths). */
  readonly packageDirectories: readonly string[];
  /** The package of the default package directory, e.g. `Insights Sync for Salesforce`. */
  readonly packageName: string | undefined;
  readonly packageAliases: Readonly<Record<string, string>>;
  /**
   * The package directory's `versionNumber`, e.g. `0.2.0.NEXT`, and its ancestor: from the second
   * released version on, `sf package version create` needs `ancestorVersion` or `ancestorId`
   * (`HIGHEST`: the highest released version).
   */
  readonly versionNumber?: string;
  readonly ancestorVersion?: string;
  readonly ancestorId?: string;
}

export function readProjectFile(project: string): ProjectFile {
  const path = join(project, 'sfdx-project.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OrgScriptError(
      `${path} cannot be read (${error instanceof Error ? error.message : String(error)}): run the script from the project`
    );
  }
  if (!isObject(parsed)) {
    throw new OrgScriptError(`${path} is not a JSON object`);
  }
  const directories = Array.isArray(parsed.packageDirectories)
    ? parsed.packageDirectories.filter(isObject)
    : [];
  const paths = directories.map((directory) => textOf(directory.path)).filter(isText);
  if (paths.length === 0) {
    throw new OrgScriptError(`${path} lists no packageDirectories`);
  }
  const packaged = directories.find((directory) => directory.default === true) ?? directories[0];
  const aliases: Record<string, string> = {};
  if (isObject(parsed.packageAliases)) {
    for (const [alias, id] of Object.entries(parsed.packageAliases)) {
      if (typeof id === 'string') {
        aliases[alias] = id;
      }
    }
  }
  return {
    namespace: textOf(parsed.namespace) ?? '',
    sourceApiVersion: textOf(parsed.sourceApiVersion) ?? '65.0',
    packageDirectories: paths,
    packageName: textOf(packaged?.package),
    packageAliases: aliases,
    versionNumber: textOf(packaged?.versionNumber),
    ancestorVersion: textOf(packaged?.ancestorVersion),
    ancestorId: textOf(packaged?.ancestorId)
  };
}

function isText(value: string | undefined): value is string {
  return value !== undefined;
}

/** `ns__Name` for custom objects and fields (or `Name` without a namespace). */
export function qualifiedName(project: ProjectFile, name: string): string {
  return project.namespace ? `${project.namespace}__${name}` : name;
}

/** `ns.ClassName` for Apex references from anonymous Apex (or `ClassName`). */
export function qualifiedClass(project: ProjectFile, className: string): string {
  return project.namespace ? `${project.namespace}.${className}` : className;
}
