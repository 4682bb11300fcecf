/**
 * What the packaged Apex must not reference: static resources (the package ships none, and tests
 * carry their data in code), and any component that exists only in the folders of unpackaged
 * metadata (fields, permission sets, classes deployed to scratch orgs and to the org that builds a
 * package version, never installed). A subscriber's "Run All Tests" runs the packaged tests in an
 * org that has none of them.
 *
 * And what the package version build must not need: it deploys the package and its
 * `unpackagedMetadata` folder only, so neither may name a component that only a scratch-org
 * folder (a package directory without a package that is not `unpackagedMetadata`, such as
 * budget-tests/) defines.
 */
import { withoutComments } from './apexSource.ts';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { displayPath, listFiles } from './project.ts';

/** A packaged Apex file that names a component on purpose, without depending on it. */
export interface AllowedReference {
  /** The file, relative to the project. */
  file: string;
  /** The component's name as the file writes it. */
  name: string;
  /** Why the reference cannot make a test need the component. */
  reason: string;
}

interface SourceFolders {
  /** The folders of the package itself. */
  packaged: string[];
  /** Every folder outside the package: its `unpackagedMetadata` and the scratch-org folders. */
  unpackaged: string[];
  /** The package's `unpackagedMetadata` folders: the version build deploys them and runs their tests. */
  versionBuild: string[];
  /** Folders that only scratch orgs receive: the version build neither packages nor deploys them. */
  scratchOnly: string[];
}

const STATIC_RESOURCE = /\bStaticResource\b|\bforResource\s*\(|\$Resource\b/i;

/** The package's folders and the unpackaged ones, as sfdx-project.json declares them. */
export function sourceFolders(project: string): SourceFolders {
  const definition = JSON.parse(readFileSync(join(project, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories?: {
      path: string;
      package?: string;
      unpackagedMetadata?: { path: string };
    }[];
  };
  const directories = definition.packageDirectories ?? [];
  const versionBuild = new Set(
    directories.flatMap((directory) =>
      directory.unpackagedMetadata ? [directory.unpackagedMetadata.path] : []
    )
  );
  const unpackaged = new Set(versionBuild);
  const packaged = directories
    .filter((directory) => directory.package && !unpackaged.has(directory.path))
    .map((directory) => directory.path);
  for (const directory of directories) {
    if (!directory.package) {
      unpackaged.add(directory.path);
    }
  }
  const inProject = (paths: Iterable<string>): string[] =>
    [...paths].map((path) => join(project, path));
  return {
    packaged: inProject(packaged),
    unpackaged: inProject(unpackaged),
    versionBuild: inProject(versionBuild),
    scratchOnly: inProject([...unpackaged].filter((path) => !versionBuild.has(path)))
  };
}

/**
 * The components the unpackaged folders define, by lower-case name: the part of each
 * `-meta.xml` file's name before its first dot (a field's API name, a permission set's, a class's).
 * A folder without its own definition file (`objects/Lead/` holding only fields) defines nothing.
 */
export function unpackagedComponents(project: string): Map<string, string> {
  return componentsIn(project, sourceFolders(project).unpackaged);
}

/** The components only the scratch-org folders define, by lower-case name, as above. */
export function scratchOnlyComponents(project: string): Map<string, string> {
  return componentsIn(project, sourceFolders(project).scratchOnly);
}

function componentsIn(project: string, folders: readonly string[]): Map<string, string> {
  const components = new Map<string, string>();
  for (const folder of folders) {
    for (const path of listFiles(folder, (file) => file.endsWith('-meta.xml'))) {
      const name = basename(path).split('.')[0] ?? '';
      if (name) {
        components.set(name.toLowerCase(), displayPath(project, path));
      }
    }
  }
  return components;
}

/**
 * Every reference of the packaged Apex to a static resource or to a component only the
 * unpackaged folders define, as `file:line: what and why`; empty when there is none.
 */
export function packagedReferenceProblems(
  project: string,
  allowed: readonly AllowedReference[] = []
): string[] {
  const components = unpackagedComponents(project);
  const isAllowed = (file: string, name: string): boolean =>
    allowed.some((entry) => entry.file === file && entry.name.toLowerCase() === name.toLowerCase());
  const problems: string[] = [];
  for (const folder of sourceFolders(project).packaged) {
    for (const path of listFiles(folder, (file) => /\.(cls|trigger)$/.test(file))) {
      const file = displayPath(project, path);
      const lines = withoutComments(readFileSync(path, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        const where = `${file}:${index + 1}`;
        if (STATIC_RESOURCE.test(line)) {
          problems.push(
            `${where}: reads a static resource; the package ships none, so a packaged test would ` +
              'fail in a subscriber org. Keep test data in code (InsightsFixtureBodies).'
          );
        }
        for (const word of line.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) {
          const definedAt = components.get(word.toLowerCase());
          if (definedAt && !isAllowed(file, word)) {
            problems.push(
              `${where}: names ${word}, which only ${definedAt} defines; it is not in the ` +
                'package, so a subscriber org does not have it.'
            );
          }
        }
      });
    }
  }
  return problems;
}

/**
 * Every reference of the Apex in the `unpackagedMetadata` folders to a component only a
 * scratch-org folder defines, as `file:line: what and why`; empty when there is none. (The
 * package's own Apex naming one is among `packagedReferenceProblems`.)
 */
export function versionBuildReferenceProblems(project: string): string[] {
  const components = scratchOnlyComponents(project);
  const problems: string[] = [];
  for (const folder of sourceFolders(project).versionBuild) {
    for (const path of listFiles(folder, (file) => /\.(cls|trigger)$/.test(file))) {
      const file = displayPath(project, path);
      const lines = withoutComments(readFileSync(path, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        for (const word of line.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) {
          const definedAt = components.get(word.toLowerCase());
          if (definedAt) {
            problems.push(
              `${file}:${index + 1}: names ${word}, which only ${definedAt} defines; ` +
                'package version create deploys this folder without it, so the version build ' +
                'would fail to compile.'
            );
          }
        }
      });
    }
  }
  return problems;
}

/** Allowed references that no longer occur, so the allowance list cannot outlive its reason. */
export function unusedAllowances(
  project: string,
  allowed: readonly AllowedReference[]
): AllowedReference[] {
  return allowed.filter((entry) => {
    const source = withoutComments(readFileSync(join(project, entry.file), 'utf8'));
    return !new RegExp(`\\b${entry.name}\\b`, 'i').test(source);
  });
}
