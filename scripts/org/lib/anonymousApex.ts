/**
 * Anonymous Apex for the e2e run, through `@salesforce/apex-node`'s ExecuteService. Apex hands
 * values back through its debug log: `emit(expression)` writes the value as JSON, base64-encoded
 * between markers, so that no log formatting (line breaks, pipes, truncated lines) can garble it,
 * and `readEmitted` finds them again.
 */
import type { Connection } from '@salesforce/core';
import { OrgScriptError, oneLine } from './main.ts';

const MARKER = 'INSIGHTS_SYNC_E2E';

/** An Apex statement that hands `expression` (anything JSON.serialize takes) back to the script. */
export function emit(expression: string): string {
  return `System.debug(LoggingLevel.ERROR, '${MARKER}:' + EncodingUtil.base64Encode(Blob.valueOf(JSON.serialize(${expression}))) + ':END');`;
}

/** Every value the Apex emitted, in order, parsed from JSON. */
export function readEmitted(log: string): unknown[] {
  const values: unknown[] = [];
  for (const match of log.matchAll(new RegExp(`${MARKER}:([A-Za-z0-9+/=]+):END`, 'g'))) {
    values.push(JSON.parse(Buffer.from(match[1] ?? '', 'base64').toString('utf8')));
  }
  return values;
}

/** A String literal for Apex source: quotes, backslashes and line breaks escaped. */
export function apexString(value: string): string {
  return `'${value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')}'`;
}

/**
 * Runs anonymous Apex and returns what it emitted. A compile error or an uncaught exception
 * fails with `<what> failed: <Apex message>`.
 */
export async function runAnonymousApex(
  connection: Connection,
  apexCode: string,
  what: string
): Promise<unknown[]> {
  const { ExecuteService } = await import('@salesforce/apex-node');
  const response = await new ExecuteService(connection).executeAnonymous({
    apexCode,
    debugLevel: 'DEBUGONLY'
  });
  if (!response.compiled || !response.success) {
    const diagnostic = response.diagnostic?.[0];
    const problem = diagnostic
      ? oneLine(diagnostic.compileProblem || diagnostic.exceptionMessage || 'unknown problem')
      : 'no diagnostic';
    const where = diagnostic?.lineNumber ? ` (anonymous Apex line ${diagnostic.lineNumber})` : '';
    const stack = diagnostic?.exceptionStackTrace
      ? diagnostic.exceptionStackTrace.split(/\r?\n/).filter((line) => line.trim())
      : [];
    throw new OrgScriptError(`${what} failed: ${problem}${where}`, stack);
  }
  return readEmitted(response.logs ?? '');
}
