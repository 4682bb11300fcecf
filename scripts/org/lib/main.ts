/**
 * How every org script starts and ends: one handler around `main` that turns any failure into
 * `<script>: <message>` on stderr (plus indented details when a step has them, such as the
 * components a deploy refused) and a non-zero exit code, never a stack trace.
 */

/** A failure the script explains: a one-line message saying what is wrong and what to do. */
export class OrgScriptError extends Error {
  /** Lines printed under the message, indented (e.g. one per refused component). */
  readonly details: readonly string[];

  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'OrgScriptError';
    this.details = details;
  }
}

/** A command line the script does not understand; the message ends with the usage. */
export class UsageError extends OrgScriptError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The one line a failure is reported as: its message's first line, whitespace collapsed. */
export function oneLine(text: string): string {
  const firstLine = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line.length > 0);
  return (firstLine ?? '').replace(/\s+/g, ' ');
}

/** What is printed for a failure: a headline and the detail lines under it. */
export function describeFailure(error: unknown): { headline: string; details: readonly string[] } {
  if (error instanceof OrgScriptError) {
    return { headline: oneLine(error.message), details: error.details };
  }
  if (error instanceof Error) {
    // Not one of ours (a library or the network): its message, without the stack.
    const message = oneLine(error.message) || error.name;
    return { headline: `unexpected ${error.name}: ${message}`, details: [] };
  }
  return { headline: `unexpected failure: ${oneLine(String(error))}`, details: [] };
}

/**
 * Runs a script's main function and exits with its code (or 1 after printing the failure).
 * Exits explicitly: the Salesforce libraries can keep sockets open after the work is done.
 */
export async function runScript(script: string, main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    const { headline, details } = describeFailure(error);
    console.error(`${script}: ${headline}`);
    for (const line of details) {
      console.error(`  ${line}`);
    }
    code = 1;
  }
  process.exit(code);
}
