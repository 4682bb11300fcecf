/**
 * What a sync run must have done, worked out from the report rows and the records as they were
 * before the run, by the package's documented rules (DESIGN.md, "Sync semantics"; the Apex of
 * KeyNormalizer, SyncPageProcessor and ValueConverter):
 * - keys are trimmed and, for emails, lower-cased; a blank key skips its row; the first row of a
 *   key wins and later rows with the same key are skipped;
 * - a row whose key matches no record is unmatched; one that matches updates every record with
 *   that key ("Update all");
 * - a blank value leaves the field as it is; a value that cannot be converted leaves it as it is
 *   and counts as a value issue; date/times are ISO-8601 (offset or UTC) or epoch milliseconds,
 *   stored to the second; numbers are rounded half-up to the field's scale;
 * - a record is updated when a value changes, unchanged otherwise.
 * The e2e run compares the org with this; the offline tests pin it to the Insights fixtures.
 */

/** A report value as JSON carries it. */
export type RawValue = string | number | boolean | null | undefined | readonly unknown[] | object;
export type ReportRow = Readonly<Record<string, RawValue>>;

/** How a mapped field stores values (the types the e2e integration writes). */
export type FieldKind =
  | { readonly type: 'datetime' }
  | { readonly type: 'number'; readonly precision: number; readonly scale: number };

export interface MappedField {
  readonly column: string;
  readonly field: string;
  readonly kind: FieldKind;
}

/** A stored value as the REST API returns it: date/times as text, numbers as numbers. */
export type StoredValue = string | number | boolean | null;

export interface RecordState {
  readonly id: string;
  /** The key field's value (Email). */
  readonly key: string | null;
  readonly values: Readonly<Record<string, StoredValue>>;
}

/** A converted value: an instant in epoch ms, or a number. */
export type Converted =
  | { readonly kind: 'instant'; readonly millis: number }
  | { readonly kind: 'number'; readonly value: number };

export type Conversion =
  | { readonly outcome: 'value'; readonly value: Converted }
  | { readonly outcome: 'blank' }
  | { readonly outcome: 'invalid'; readonly problem: string };

export interface RunCounts {
  readonly rowsRead: number;
  readonly rowsMatched: number;
  readonly rowsUnmatched: number;
  readonly rowsSkipped: number;
  readonly recordsUpdated: number;
  readonly recordsUnchanged: number;
  readonly recordsFailed: number;
  readonly valueIssues: number;
}

export interface ExpectedRun {
  readonly counts: RunCounts;
  /** `Completed`, or `Completed with errors` when values could not be converted. */
  readonly status: string;
  /** Each matched record's fields after the run (converted values, or what it held). */
  readonly valuesByRecordId: ReadonlyMap<string, Readonly<Record<string, StoredValue | Converted>>>;
  /** The normalized keys that matched no record. */
  readonly unmatchedKeys: readonly string[];
}

/** Trimmed; emails lower-cased (KeyNormalizer); null for a missing or blank key. */
export function normalizeKey(raw: RawValue): string | null {
  if (raw === null || raw === undefined || typeof raw === 'object') {
    return null;
  }
  const key = String(raw).trim();
  return key === '' ? null : key.toLowerCase();
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH_MILLIS = /^-?\d{10,14}$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MIN_EPOCH_MILLIS = -8520336000000; // 1700-01-01T00:00:00Z
const MAX_EPOCH_MILLIS = 64092211200000; // 4001-01-01T00:00:00Z

function instantFromMillis(millis: number): number | null {
  return millis < MIN_EPOCH_MILLIS || millis >= MAX_EPOCH_MILLIS ? null : millis;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ValueConverter.parseInstant: ISO-8601 (no offset means UTC) or epoch milliseconds. */
export function parseInstant(raw: RawValue): number | null {
  if (raw === null || raw === undefined || typeof raw === 'boolean' || typeof raw === 'object') {
    return null;
  }
  if (typeof raw === 'number') {
    return Number.isInteger(raw) ? instantFromMillis(raw) : null;
  }
  const text = raw.trim();
  if (EPOCH_MILLIS.test(text)) {
    return instantFromMillis(Number(text));
  }
  const iso = ISO_DATE_TIME.exec(text);
  if (!iso) {
    return null;
  }
  const [year, month, day] = [iso[1], iso[2], iso[3]].map(Number) as [number, number, number];
  const hours = Number(iso[4] ?? 0);
  const minutes = Number(iso[5] ?? 0);
  const seconds = Number(iso[6] ?? 0);
  const millis = Number((iso[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (
    year < 1700 ||
    year > 4000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hours > 23 ||
    minutes > 59 ||
    seconds > 59
  ) {
    return null;
  }
  const offset = offsetMinutes(iso[8]);
  if (offset === null) {
    return null;
  }
  const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds) + millis - offset * 60_000;
  return instantFromMillis(utc);
}

function offsetMinutes(designator: string | undefined): number | null {
  if (designator === undefined || designator.toUpperCase() === 'Z') {
    return 0;
  }
  const digits = designator.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) {
    return null;
  }
  const total = hours * 60 + minutes;
  return designator.startsWith('-') ? -total : total;
}

/** ValueConverter.parseDecimal: numbers, or text such as "15" or " 12.5 "; never "1,000". */
export function parseNumber(raw: RawValue): number | null {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? raw : null;
  }
  if (typeof raw !== 'string') {
    return null;
  }
  const text = raw.trim();
  return DECIMAL.test(text) ? Number(text) : null;
}

/** Half-up (away from zero) rounding to `scale` decimals, as Apex's RoundingMode.HALF_UP. */
function roundHalfUp(value: number, scale: number): number {
  const factor = 10 ** scale;
  const rounded = Math.round(Math.abs(value) * factor + 1e-9) / factor;
  return value < 0 ? -rounded : rounded;
}

function isBlank(raw: RawValue): boolean {
  return (
    raw === null ||
    raw === undefined ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

/** ValueConverter.convert for the field kinds the e2e integration maps. */
export function convertValue(raw: RawValue, kind: FieldKind): Conversion {
  if (isBlank(raw)) {
    return { outcome: 'blank' };
  }
  if (typeof raw === 'object') {
    return { outcome: 'invalid', problem: 'a list or object is not a single value' };
  }
  if (kind.type === 'datetime') {
    const millis = parseInstant(raw);
    return millis === null
      ? { outcome: 'invalid', problem: `"${String(raw)}" is not a date or date/time` }
      : { outcome: 'value', value: { kind: 'instant', millis } };
  }
  const parsed = parseNumber(raw);
  if (parsed === null) {
    return { outcome: 'invalid', problem: `"${String(raw)}" is not a number` };
  }
  const rounded = roundHalfUp(parsed, kind.scale);
  if (Math.abs(rounded) >= 10 ** (kind.precision - kind.scale)) {
    return { outcome: 'invalid', problem: `${parsed} does not fit the field` };
  }
  return { outcome: 'value', value: { kind: 'number', value: rounded } };
}

/** A stored date/time (`2026-09-01T07:15:00.000+0000`) in epoch ms; null when it is none. */
export function storedInstant(value: StoredValue | undefined): number | null {
  if (typeof value !== 'string' || value.trim() === '') {
    return null;
  }
  const millis = Date.parse(value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(millis) ? null : millis;
}

function wholeSeconds(millis: number): number {
  return Math.floor(millis / 1000);
}

/** SyncPageProcessor.valuesDiffer: date/times to the second, numbers by value. */
function differs(current: StoredValue | undefined, wanted: Converted): boolean {
  if (wanted.kind === 'instant') {
    const held = storedInstant(current);
    return held === null || wholeSeconds(held) !== wholeSeconds(wanted.millis);
  }
  return typeof current !== 'number' || current !== wanted.value;
}

/**
 * The run the rows must produce on the records (every record of the target object whose key
 * is one of the report's, as it was before the run).
 */
export function expectRun(
  rows: readonly ReportRow[],
  keyColumn: string,
  mappings: readonly MappedField[],
  recordsBefore: readonly RecordState[]
): ExpectedRun {
  const recordsByKey = new Map<string, RecordState[]>();
  for (const record of recordsBefore) {
    const key = normalizeKey(record.key);
    if (key !== null) {
      recordsByKey.set(key, [...(recordsByKey.get(key) ?? []), record]);
    }
  }
  const seen = new Set<string>();
  const valuesByRecordId = new Map<string, Record<string, StoredValue | Converted>>();
  const unmatchedKeys: string[] = [];
  let rowsSkipped = 0;
  let rowsMatched = 0;
  let valueIssues = 0;
  let recordsUpdated = 0;
  let recordsUnchanged = 0;

  for (const row of rows) {
    const key = normalizeKey(row[keyColumn]);
    if (key === null || seen.has(key)) {
      rowsSkipped++;
      continue;
    }
    seen.add(key);
    const records = recordsByKey.get(key) ?? [];
    if (records.length === 0) {
      unmatchedKeys.push(key);
      continue;
    }
    rowsMatched++;
    const converted = new Map<string, Converted>();
    for (const mapping of mappings) {
      const conversion = convertValue(row[mapping.column], mapping.kind);
      if (conversion.outcome === 'invalid') {
        valueIssues++;
      } else if (conversion.outcome === 'value') {
        converted.set(mapping.field, conversion.value);
      }
    }
    for (const record of records) {
      const after: Record<string, StoredValue | Converted> = {};
      let changed = false;
      for (const mapping of mappings) {
        const wanted = converted.get(mapping.field);
        const current = record.values[mapping.field] ?? null;
        if (wanted !== undefined && differs(current, wanted)) {
          changed = true;
        }
        after[mapping.field] = wanted ?? current;
      }
      valuesByRecordId.set(record.id, after);
      if (changed) {
        recordsUpdated++;
      } else {
        recordsUnchanged++;
      }
    }
  }
  return {
    counts: {
      rowsRead: rows.length,
      rowsMatched,
      rowsUnmatched: unmatchedKeys.length,
      rowsSkipped,
      recordsUpdated,
      recordsUnchanged,
      recordsFailed: 0,
      valueIssues
    },
    status: valueIssues > 0 ? 'Completed with errors' : 'Completed',
    valuesByRecordId,
    unmatchedKeys
  };
}

function isConverted(value: StoredValue | Converted): value is Converted {
  return typeof value === 'object' && value !== null;
}

function display(value: StoredValue | Converted | undefined): string {
  if (value === undefined || value === null) {
    return 'empty';
  }
  if (isConverted(value)) {
    return value.kind === 'instant' ? new Date(value.millis).toISOString() : String(value.value);
  }
  return typeof value === 'string' ? value : String(value);
}

function sameValue(expected: StoredValue | Converted, actual: StoredValue | undefined): boolean {
  if (!isConverted(expected)) {
    if (expected === null || expected === '') {
      return actual === null || actual === undefined || actual === '';
    }
    const expectedInstant = storedInstant(expected);
    const actualInstant = storedInstant(actual);
    if (expectedInstant !== null && actualInstant !== null) {
      return wholeSeconds(expectedInstant) === wholeSeconds(actualInstant);
    }
    return expected === actual;
  }
  if (expected.kind === 'number') {
    return typeof actual === 'number' && actual === expected.value;
  }
  const held = storedInstant(actual);
  // Salesforce keeps date/times to the second; whether it drops or rounds the milliseconds,
  // the stored instant is less than a second from the report's.
  return held !== null && Math.abs(held - expected.millis) < 1000;
}

/** One field whose value after the run is not the expected one. */
export interface FieldMismatch {
  readonly recordId: string;
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

/** Expected against actual, field by field; a record missing after the run is a mismatch. */
export function compareRecords(
  expected: ExpectedRun['valuesByRecordId'],
  actual: readonly RecordState[]
): FieldMismatch[] {
  const actualById = new Map(actual.map((record) => [record.id, record]));
  const mismatches: FieldMismatch[] = [];
  for (const [recordId, fields] of expected) {
    const record = actualById.get(recordId);
    for (const [field, value] of Object.entries(fields)) {
      const held = record?.values[field];
      if (!record || !sameValue(value, held)) {
        mismatches.push({
          recordId,
          field,
          expected: display(value),
          actual: record ? display(held) : 'record not found'
        });
      }
    }
  }
  return mismatches;
}

/** Count by count, the names of those that differ with both values. */
export function compareCounts(expected: RunCounts, actual: RunCounts): string[] {
  return (Object.keys(expected) as (keyof RunCounts)[])
    .filter((name) => expected[name] !== actual[name])
    .map((name) => `${name}: expected ${expected[name]}, the run log says ${actual[name]}`);
}
