/**
 * Steps the org scripts share: building the components, deploying the package directories,
 * assigning permission sets, and reading what the CLI says about a failed deploy.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '../../lib/project.ts';
import { OrgScriptError, oneLine } from './main.ts';
import { requireCompiledComponents } from './prerequisites.ts';
import { isObject, textOf, type Sf } from './sf.ts';

/** Prints a step as it starts, so minutes of `--wait` never look like a hang. */
export function announce(message: string): void {
  console.log(`▶ ${message}`);
}

/**
 * `npm run build:lwc`, then the check that each component's compiled `.js` is there and newer
 * than its TypeScript. The build's output is shown only when it fails.
 */
export async function buildComponents(packageDirectories: readonly string[]): Promise<void> {
  announce('Building the components (npm run build:lwc)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output = await new Promise<{ code: number; text: string }>((resolve, reject) => {
    const child = spawn(npm, ['run', '--silent', 'build:lwc'], {
      cwd: repositoryRoot,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', (error) =>
      reject(new OrgScriptError(`npm run build:lwc could not be started: ${error.message}`))
    );
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
  if (output.code !== 0) {
    throw new OrgScriptError(
      'npm run build:lwc failed: fix the errors below, then run the script again',
      output.text.split(/\r?\n/).filter((line) => line.trim())
    );
  }
  requireCompiledComponents(packageDirectories.map((folder) => join(repositoryRoot, folder)));
}

/** The component failures of a failed deploy, one line each (`Type Name (file:line): problem`). */
export function deployFailures(data: unknown): string[] {
  const details = isObject(data) && isObject(data.details) ? data.details : undefined;
  const raw = details?.componentFailures;
  const failures = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const lines = failures.filter(isObject).map((failure) => {
    const type = textOf(failure.componentType) ?? '';
    const name = textOf(failure.fullName) ?? '';
    const file = textOf(failure.fileName);
    const line = failure.lineNumber === undefined ? '' : `:${String(failure.lineNumber)}`;
    const where = file ? ` (${file}${line})` : '';
    return `${`${type} ${name}`.trim()}${where}: ${oneLine(textOf(failure.problem) ?? 'refused')}`;
  });
  const tests =
    details && isObject(details.runTestResult) ? details.runTestResult.failures : undefined;
  for (const failure of (Array.isArray(tests) ? tests : []).filter(isObject)) {
    lines.push(
      `test ${textOf(failure.name) ?? ''}.${textOf(failure.methodName) ?? ''}: ${oneLine(textOf(failure.message) ?? '')}`
    );
  }
  return lines;
}

/** Deploys every package directory in one deployment (the package and what only tests need). */
export async function deployProject(
  sf: Sf,
  username: string,
  packageDirectories: readonly string[],
  waitMinutes: number
): Promise<number> {
  announce(`Deploying ${packageDirectories.join(', ')} (up to ${waitMinutes} minutes)`);
  const outcome = await sf.run([
    'project',
    'deploy',
    'start',
    ...packageDirectories.flatMap((folder) => ['--source-dir', folder]),
    '--target-org',
    username,
    '--wait',
    String(waitMinutes)
  ]);
  if (!outcome.ok) {
    const failures = deployFailures(outcome.failure.data);
    throw new OrgScriptError(
      `the deploy failed: ${failures.length > 0 ? `${failures.length} component failure${failures.length === 1 ? '' : 's'}` : outcome.failure.message}`,
      failures
    );
  }
  const result = isObject(outcome.result) ? outcome.result : {};
  const deployed =
    typeof result.numberComponentsDeployed === 'number' ? result.numberComponentsDeployed : 0;
  const files = Array.isArray(result.files) ? result.files.length : 0;
  return deployed || files;
}

/** Assigns permission sets to the org's user; any that fails is named with its reason. */
export async function assignPermissionSets(
  sf: Sf,
  username: string,
  names: readonly string[]
): Promise<void> {
  announce(`Assigning the permission sets ${names.join(', ')}`);
  const outcome = await sf.run([
    'org',
    'assign',
    'permset',
    ...names.flatMap((name) => ['--name', name]),
    '--target-org',
    username
  ]);
  const data = outcome.ok ? outcome.result : outcome.failure.data;
  const failures =
    isObject(data) && Array.isArray(data.failures) ? data.failures.filter(isObject) : [];
  const refused = failures.map(
    (failure) => `${textOf(failure.name) ?? '?'}: ${oneLine(textOf(failure.message) ?? 'refused')}`
  );
  if (!outcome.ok || refused.length > 0) {
    throw new OrgScriptError(
      `assigning the permission sets failed: ${refused.length > 0 ? refused.join('; ') : outcome.ok ? '' : outcome.failure.message}`
    );
  }
}
