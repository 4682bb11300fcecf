/**
 * Shared helpers for the project's check scripts: where the project is, how to walk its
 * files, and how to report problems the same way in every check.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json and sfdx-project.json). */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folders no check ever descends into. */
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  '.sf',
  '.sfdx',
  '.tmp',
  'coverage',
  'test-results'
]);

/**
 * The project a check runs on: `--project DIR` when given (the scripts' own tests point checks
 * at broken copies of the project), otherwise the repository itself.
 */
export function projectFromArgs(argv: readonly string[] = process.argv.slice(2)): string {
  const index = argv.indexOf('--project');
  if (index === -1) {
    return repositoryRoot;
  }
  const value = argv[index + 1];
  if (!value) {
    throw new Error('--project needs a folder, e.g. --project ../copy-of-the-project');
  }
  return resolve(value);
}

/** Every file under `folder` (recursively) whose path passes `keep`, sorted for stable output. */
export function listFiles(folder: string, keep: (path: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) {
          walk(path);
        }
      } else if (entry.isFile() && keep(path)) {
        found.push(path);
      }
    }
  };
  if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    walk(folder);
  }
  return found.sort();
}

/** A path as the checks print it: relative to the project, with forward slashes. */
export function displayPath(project: string, path: string): string {
  return relative(project, path).split('\\').join('/');
}

/** The folder of the jars bundled with the PMD engine package (apex-ls, its sObject types, PMD). */
export function bundledJavaLibFolder(): string {
  return join(
    repositoryRoot,
    'node_modules',
    '@salesforce',
    'code-analyzer-pmd-engine',
    'dist',
    'java-lib'
  );
}

/** The Java class path of those jars. */
export function bundledJavaClassPath(): string {
  return join(bundledJavaLibFolder(), '*');
}

/**
 * The source folders of a project, as its sfdx-project.json lists them: the package's own
 * folder and folders of metadata that only tests and scratch orgs use.
 */
export function packageDirectories(project: string): string[] {
  const definition = JSON.parse(readFileSync(join(project, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories?: { path: string }[];
  };
  const paths = (definition.packageDirectories ?? []).map((directory) =>
    join(project, directory.path)
  );
  if (paths.length === 0) {
    throw new Error(`${join(project, 'sfdx-project.json')} lists no packageDirectories`);
  }
  return paths;
}

/** Every file under the project's source folders whose path passes `keep`. */
export function listSourceFiles(project: string, keep: (path: string) => boolean): string[] {
  return packageDirectories(project).flatMap((folder) => listFiles(folder, keep));
}
