/**
 * Formatting shared by the console: every time the console shows is UTC, because the schedule
 * is defined in UTC and admins in different time zones compare the same runs.
 */

const MS_PER_SECOND = 1000;
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A count as the console writes it everywhere (list, Log, Show log): thousands grouped by
 * commas, `4,000`, as the Apex groups the counts of its messages (RunOutcome.grouped). A missing
 * count is 0; anything that is not a number is shown as it is.
 */
export function formatCount(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') {
    return '0';
  }
  const count = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(count) ? COUNT_FORMAT.format(count) : String(value);
}

/** Whether a run's status says it is still queued or running, i.e. not ended. */
export function isRunInProgress(status: string | null | undefined): boolean {
  return status === 'Queued' || status === 'Running';
}
const SECONDS_PER_MINUTE = 60;
const MINUTES_PER_HOUR = 60;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * `2026-11-25T08:00:03.120Z` → `2026-11-25 08:00:03 UTC`. Returns '' for a missing value and
 * 'Invalid date' for text that is not a date, so a bad value is visible rather than hidden.
 */
export function formatUtc(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return 'Invalid date';
  }
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
  );
}

/**
 * A run's runtime (end − start) for people: `850 ms`, `4 s`, `2 min 05 s`, `1 h 02 min`.
 * A run still going (no end) or with an end before its start shows '—'.
 */
export function formatRuntime(
  startedAt: string | number | null | undefined,
  finishedAt: string | number | null | undefined
): string {
  if (
    startedAt === null ||
    startedAt === undefined ||
    finishedAt === null ||
    finishedAt === undefined
  ) {
    return '—';
  }
  const elapsed = new Date(finishedAt).getTime() - new Date(startedAt).getTime();
  if (Number.isNaN(elapsed) || elapsed < 0) {
    return '—';
  }
  if (elapsed < MS_PER_SECOND) {
    return `${elapsed} ms`;
  }
  const totalSeconds = Math.floor(elapsed / MS_PER_SECOND);
  if (totalSeconds < SECONDS_PER_MINUTE) {
    return `${totalSeconds} s`;
  }
  const totalMinutes = Math.floor(totalSeconds / SECONDS_PER_MINUTE);
  if (totalMinutes < MINUTES_PER_HOUR) {
    return `${totalMinutes} min ${pad(totalSeconds % SECONDS_PER_MINUTE)} s`;
  }
  return `${Math.floor(totalMinutes / MINUTES_PER_HOUR)} h ${pad(totalMinutes % MINUTES_PER_HOUR)} min`;
}

/**
 * The messages of a failed Apex or platform call, trimmed and without blanks: Apex errors reach a
 * component as `{ body: { message } }` (or a list of such); platform errors as page and field
 * errors; other failures as an `Error` or plain text. Empty when the error says nothing.
 */
export function apexErrorMessages(value: unknown): string[] {
  if (value === null || value === undefined) {
    return [];
  }
  if (typeof value === 'string') {
    return value.trim() === '' ? [] : [value.trim()];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => apexErrorMessages(item));
  }
  if (typeof value !== 'object') {
    return [String(value)];
  }
  const error = value as {
    body?: unknown;
    message?: unknown;
    pageErrors?: unknown;
    fieldErrors?: unknown;
    statusText?: unknown;
  };
  const fromBody = apexErrorMessages(error.body);
  if (fromBody.length > 0) {
    return fromBody;
  }
  const messages = [
    ...apexErrorMessages(error.message),
    ...apexErrorMessages(error.pageErrors),
    ...(error.fieldErrors && typeof error.fieldErrors === 'object'
      ? apexErrorMessages(Object.values(error.fieldErrors))
      : [])
  ];
  return messages.length > 0 ? messages : apexErrorMessages(error.statusText);
}

/** What the console says when a call failed and Salesforce gave no message. */
export const NO_REASON = 'Something went wrong and Salesforce gave no reason. Try again.';

/** A message in a rendered list; the same sentence may come twice, so the key is its place. */
export interface MessageItem {
  key: string;
  text: string;
}

/** The lines of a text, trimmed and without blank ones (the Apex lists problems one a line). */
export function messageLines(text: string | null | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The sentences of a failed call, one a line, as the console shows them in the place they
 * concern; NO_REASON when the error says nothing.
 */
export function readableErrors(error: unknown): string[] {
  const lines = apexErrorMessages(error).flatMap((message) => messageLines(message));
  return lines.length > 0 ? lines : [NO_REASON];
}

/** Messages ready for a `for:each` (keyed by their place). */
export function asMessageItems(messages: readonly string[]): MessageItem[] {
  return messages.map((text, index) => ({ key: String(index), text }));
}
