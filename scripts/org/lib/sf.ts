/**
 * The Salesforce CLI as the org scripts use it: the project's own `@salesforce/cli`, run with
 * `--json`, its answer read as `{ status, result }` or as an error `{ name, message, exitCode }`.
 * Scripts receive it as an `Sf` so that tests can inject a fake that answers from fixtures.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../../lib/project.ts';
import { OrgScriptError, oneLine } from './main.ts';

/** What a CLI command answered: its `result`, or the error it reported. */
export type SfOutcome =
  | { readonly ok: true; readonly result: unknown; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly failure: SfFailure };

export interface SfFailure {
  /** The CLI's error name, e.g. `NamedOrgNotFoundError`. */
  readonly name: string;
  /** The first line of its message. */
  readonly message: string;
  readonly exitCode: number;
  /** The `result` or `data` an error carries (a failed deploy's component failures). */
  readonly data: unknown;
}

export interface SfRunOptions {
  /** Kill the command after this long (quick checks); long steps rely on the CLI's --wait. */
  readonly timeoutMs?: number;
}

/** Runs `sf <args> --json`. */
export interface Sf {
  run(args: readonly string[], options?: SfRunOptions): Promise<SfOutcome>;
}

/** Where the project's CLI lives; `npx sf` runs the same file. */
export const SF_RUN_JS = join(
  repositoryRoot,
  'node_modules',
  '@salesforce',
  'cli',
  'bin',
  'run.js'
);

/** The environment every CLI call gets: no telemetry, no update checks, no colours. */
export function sfEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    FORCE_COLOR: '0'
  };
}

type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Reads the CLI's JSON answer. The CLI prints one JSON document on stdout with `--json`; a
 * crash before it could (a broken install, the wrong Node) leaves none, which is reported as
 * the CLI not running, with the reason it gave.
 */
export function readSfOutput(
  stdout: string,
  stderr: string,
  exitCode: number,
  command: string
): SfOutcome {
  const start = stdout.indexOf('{');
  let parsed: unknown;
  try {
    parsed = start === -1 ? undefined : JSON.parse(stdout.slice(start));
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    const reason = oneLine(stderr.replace(/^\(node:\d+\).*$/gm, '')) || oneLine(stdout);
    throw new OrgScriptError(
      `the Salesforce CLI did not answer "sf ${command}" (exit ${exitCode}${
        reason ? `: ${reason}` : ''
      }): run npm ci, then try again`
    );
  }
  const status = typeof parsed.status === 'number' ? parsed.status : exitCode;
  if (status === 0 && exitCode === 0) {
    const warnings = Array.isArray(parsed.warnings)
      ? parsed.warnings.filter((warning): warning is string => typeof warning === 'string')
      : [];
    return { ok: true, result: parsed.result, warnings };
  }
  return {
    ok: false,
    failure: {
      name: textOf(parsed.name) ?? textOf(parsed.code) ?? 'SfError',
      message: oneLine(textOf(parsed.message) ?? `sf ${command} failed`)
        .replace(/\s*See more help with --help\s*$/, '')
        .trim(),
      exitCode: exitCode === 0 ? status : exitCode,
      data: parsed.result ?? parsed.data
    }
  };
}

/** The real CLI: `node node_modules/@salesforce/cli/bin/run.js <args> --json`. */
export function createSf(cwd: string = repositoryRoot): Sf {
  return {
    run(args, options = {}) {
      const command = args.filter((arg) => !arg.startsWith('-')).join(' ');
      if (!existsSync(SF_RUN_JS)) {
        throw new OrgScriptError(
          'the Salesforce CLI is not installed (node_modules/@salesforce/cli is missing): run npm ci'
        );
      }
      return new Promise<SfOutcome>((resolve, reject) => {
        const child = spawn(process.execPath, [SF_RUN_JS, ...args, '--json'], {
          cwd,
          env: sfEnvironment(),
          stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const timer =
          options.timeoutMs === undefined
            ? undefined
            : setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
        child.on('error', (error) => {
          clearTimeout(timer);
          reject(
            new OrgScriptError(
              `the Salesforce CLI could not be started (${error.message}): run npm ci`
            )
          );
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (signal !== null && options.timeoutMs !== undefined) {
            reject(
              new OrgScriptError(
                `"sf ${command}" did not answer within ${Math.round(options.timeoutMs / 1000)} s: check the network connection to Salesforce, then try again`
              )
            );
            return;
          }
          try {
            resolve(readSfOutput(stdout, stderr, code ?? 1, command));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      });
    }
  };
}
