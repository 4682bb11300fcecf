/**
 * A connection to an authorised org through `@salesforce/core` (the CLI's own auth files), for
 * the steps that talk to the org directly: Apex tests, anonymous Apex, data. Imported on demand
 * so that scripts fail their prerequisite checks in seconds without loading it.
 */
import type { Connection } from '@salesforce/core';
import { OrgScriptError, oneLine } from './main.ts';

export async function connect(username: string, apiVersion: string): Promise<Connection> {
  const { Org } = await import('@salesforce/core');
  try {
    const org = await Org.create({ aliasOrUsername: username });
    return org.getConnection(apiVersion);
  } catch (error) {
    const message = error instanceof Error ? oneLine(error.message) : String(error);
    throw new OrgScriptError(
      `cannot connect to ${username} (${message}): log in again with npx sf org login web`
    );
  }
}

/** Waits `milliseconds`. */
export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/**
 * Asks `probe` every `intervalMs` until it returns a value, or fails with `timeoutMessage`
 * after `timeoutMs`.
 */
export async function poll<T>(
  probe: () => Promise<T | undefined>,
  options: { intervalMs: number; timeoutMs: number; timeoutMessage: string }
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() + options.intervalMs > deadline) {
      throw new OrgScriptError(options.timeoutMessage);
    }
    await sleep(options.intervalMs);
  }
}

/** A SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
