/**
 * The sync pipeline of one report page, as the Apex runs it (SyncPageProcessor with KeyNormalizer,
 * RecordMatcher, ValueConverter and RecordWriter): rows lacking the key column or a mapped column
 * reported once per page and column (a missing cell is not a blank: it never clears a field),
 * unreadable rows, blank, unnormalizable and repeated keys skipped, keys normalised (trimmed;
 * emails and GUIDs lower-cased), rows matched to the preview's records, values converted to the
 * field types, unchanged values left alone, and (outside a dry run) the changed records written,
 * where the object's validation rules may refuse them. The same words as the Apex for every issue.
 */
import type { FieldValue, SampleRecord } from '../sampleCatalog/sampleCatalog.js';
import type { ReportPageData, ReportRow } from '../sampleIntegrations/sampleIntegrations.js';
import { normalizeColumnType, type PlannedField, type SyncPlan } from './validation.js';

/** Rows a Preview shows at most (SyncPageProcessor.PREVIEW_ROW_LIMIT). */
const PREVIEW_ROW_LIMIT = 200;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A report cell as the engine reads it: JSON values, lists included. */
type RawValue = unknown;

/** Apex Decimal.toPlainString of a number: never in exponent form. */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) {
    return text;
  }
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * KeyNormalizer.normalize: numbers without trailing zeros, text trimmed, blank as undefined, and
 * lower case unless the key field distinguishes case (emails and GUIDs always lower case).
 */
export function normalizeKey(raw: RawValue, caseSensitive = false): string | undefined {
  if (raw === null || raw === undefined) {
    return undefined;
  }
  const key = typeof raw === 'number' ? plainNumber(raw) : String(raw).trim();
  if (key === '') {
    return undefined;
  }
  if (!caseSensitive || key.includes('@') || GUID.test(key)) {
    return key.toLowerCase();
  }
  return key;
}

/**
 * KeyNormalizer.problemOf: why a key that is not blank has no comparable form (normalizeKey then
 * gives undefined). Every key the preview's normaliser reads has one, so there is no reason yet.
 */
export function keyProblem(_raw: RawValue): string | undefined {
  return undefined;
}

/** The most characters of a key quoted in an issue about the key itself (QUOTED_KEY_LENGTH). */
const QUOTED_KEY_LENGTH = 100;

/** Apex String.abbreviate(length): cut to `length` characters, the last three an ellipsis. */
function abbreviateTo(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}

/** What converting one report value gives: a value, a blank, or a problem. */
export interface Conversion {
  value?: FieldValue;
  blank?: boolean;
  problem?: string;
  warning?: string;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const EPOCH_MILLIS = /^-?\d{10,14}$/;
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);
// Salesforce stores date/times from 1700 to 4000.
const MIN_EPOCH_MILLIS = -8520336000000;
const MAX_EPOCH_MILLIS = 64092211200000;

/** Apex String.abbreviate(80). */
function abbreviate(text: string | null | undefined): string {
  if (text === null || text === undefined) {
    return 'null';
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Apex String.valueOf of a JSON value. */
function textOf(raw: RawValue): string {
  if (raw === null || raw === undefined) {
    return 'null';
  }
  if (Array.isArray(raw)) {
    return `(${raw.map(textOf).join(', ')})`;
  }
  return typeof raw === 'number' ? plainNumber(raw) : String(raw);
}

function isBlankValue(raw: RawValue): boolean {
  if (raw === null || raw === undefined) {
    return true;
  }
  if (typeof raw === 'string') {
    return raw.trim() === '';
  }
  return Array.isArray(raw) && raw.length === 0;
}

/** ValueConverter.parseDecimal: numbers and plain decimal text (no thousands separators). */
export function parseDecimal(raw: RawValue): number | undefined {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? raw : undefined;
  }
  if (typeof raw !== 'string') {
    return undefined;
  }
  const text = raw.trim();
  return DECIMAL.test(text) ? Number(text) : undefined;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    year >= 1700 && year <= 4000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth
  );
}

function isClockTime(hours: number, minutes: number, seconds: number): boolean {
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}

function millisOf(fraction: string | undefined): number {
  return fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
}

function offsetMinutes(designator: string | undefined): number | undefined {
  if (!designator || designator.toUpperCase() === 'Z') {
    return 0;
  }
  const digits = designator.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) {
    return undefined;
  }
  const total = hours * 60 + minutes;
  return designator.startsWith('-') ? -total : total;
}

function fromEpochMillis(millis: number): Date | undefined {
  return millis < MIN_EPOCH_MILLIS || millis >= MAX_EPOCH_MILLIS ? undefined : new Date(millis);
}

/**
 * ValueConverter.parseInstant: ISO-8601 (offsets allowed) or epoch milliseconds (as a number, or
 * as text of 10 to 14 digits); undefined for anything else, impossible days included.
 */
export function parseInstant(raw: RawValue): Date | undefined {
  if (raw === null || raw === undefined || typeof raw === 'boolean') {
    return undefined;
  }
  if (typeof raw === 'number') {
    return Number.isInteger(raw) ? fromEpochMillis(raw) : undefined;
  }
  const text = String(raw).trim();
  if (EPOCH_MILLIS.test(text)) {
    return fromEpochMillis(Number(text));
  }
  const iso = ISO_DATE_TIME.exec(text);
  if (!iso) {
    return undefined;
  }
  const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const [hours, minutes, seconds] = [Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
  const offset = offsetMinutes(iso[8]);
  if (
    !isCalendarDay(year, month, day) ||
    !isClockTime(hours, minutes, seconds) ||
    offset === undefined
  ) {
    return undefined;
  }
  const utcMillis =
    Date.UTC(year, month - 1, day, hours, minutes, seconds) + millisOf(iso[7]) - offset * 60_000;
  return fromEpochMillis(utcMillis);
}

function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function isoTime(instant: Date): string {
  return `${instant.toISOString().slice(11, 23)}Z`;
}

function failed(problem: string): Conversion {
  return { problem };
}

function notADate(raw: RawValue, field: PlannedField): string {
  return `"${abbreviate(textOf(raw))}" is not a date or date/time for ${field.apiName} (expected ISO-8601 such as 2026-11-24 or 2026-11-24T08:00:00Z, or epoch milliseconds)`;
}

function fitLength(text: string, field: PlannedField): Conversion {
  if (field.length > 0 && text.length > field.length) {
    return {
      value: text.slice(0, field.length),
      warning: `text of ${text.length} characters truncated to the ${field.length} that ${field.apiName} holds`
    };
  }
  return { value: text };
}

function toText(raw: RawValue, columnType: string | undefined, field: PlannedField): Conversion {
  let text: string;
  if (typeof raw === 'boolean') {
    text = String(raw);
  } else if ((columnType === 'datetime' || columnType === 'date') && typeof raw !== 'string') {
    // An epoch-millisecond instant is unreadable in a text field; write it as ISO-8601 UTC.
    const instant = parseInstant(raw);
    text = instant ? instant.toISOString() : textOf(raw);
  } else if (typeof raw === 'number') {
    text = plainNumber(raw);
  } else if (Array.isArray(raw)) {
    text = raw.map(textOf).join(';');
  } else {
    text = textOf(raw).trim();
  }
  return fitLength(text, field);
}

function toEmail(raw: RawValue, field: PlannedField): Conversion {
  const text = textOf(raw).trim();
  if (!EMAIL_ADDRESS.test(text)) {
    return failed(`"${abbreviate(text)}" is not an email address (${field.apiName})`);
  }
  if (field.length > 0 && text.length > field.length) {
    // A cut email address would be a different, wrong address: refuse instead of truncating.
    return failed(
      `the email address is longer than the ${field.length} characters ${field.apiName} holds`
    );
  }
  return { value: text };
}

function allowedPicklistValue(text: string, field: PlannedField): string | undefined {
  const allowed = field.picklistValues.find((value) => value.toLowerCase() === text.toLowerCase());
  return allowed ?? (field.restrictedPicklist ? undefined : text);
}

function toPicklist(text: string, field: PlannedField): Conversion {
  const allowed = allowedPicklistValue(text, field);
  if (allowed === undefined) {
    return failed(
      `"${abbreviate(text)}" is not a value of the restricted picklist ${field.apiName} (allowed: ${abbreviate(field.picklistValues.join(', '))})`
    );
  }
  return fitLength(allowed, field);
}

function toMultiPicklist(raw: RawValue, field: PlannedField): Conversion {
  const parts = Array.isArray(raw) ? raw.map(textOf) : textOf(raw).split(';');
  const values: string[] = [];
  const refused: string[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (text === '') {
      continue;
    }
    const allowed = allowedPicklistValue(text, field);
    if (allowed === undefined) {
      refused.push(text);
    } else if (!values.includes(allowed)) {
      values.push(allowed);
    }
  }
  if (refused.length > 0) {
    return failed(
      `"${abbreviate(refused.join(';'))}" not allowed in the restricted picklist ${field.apiName}`
    );
  }
  return values.length === 0 ? { blank: true } : { value: values.join(';') };
}

function toBoolean(raw: RawValue, field: PlannedField): Conversion {
  if (typeof raw === 'boolean') {
    return { value: raw };
  }
  const word = typeof raw === 'number' ? plainNumber(raw) : textOf(raw).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) {
    return { value: true };
  }
  if (FALSE_WORDS.has(word)) {
    return { value: false };
  }
  return failed(
    `"${abbreviate(textOf(raw))}" is not a yes/no value for ${field.apiName} (use true/false, yes/no or 1/0)`
  );
}

function toWholeNumber(raw: RawValue, field: PlannedField, long: boolean): Conversion {
  const parsed = parseDecimal(raw);
  if (parsed === undefined) {
    return failed(`"${abbreviate(textOf(raw))}" is not a number (${field.apiName})`);
  }
  if (!Number.isInteger(parsed)) {
    return failed(`${plainNumber(parsed)} is not a whole number, which ${field.apiName} needs`);
  }
  const [lowest, highest] = long
    ? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
    : [-2147483648, 2147483647];
  if (parsed < lowest || parsed > highest) {
    return failed(`${plainNumber(parsed)} is out of range for ${field.apiName}`);
  }
  return { value: parsed };
}

/** Decimal.setScale(scale, HALF_UP): halves away from zero. */
function roundHalfUp(value: number, scale: number): number {
  const factor = 10 ** scale;
  const rounded = Math.round(Math.abs(value) * factor + Number.EPSILON) / factor;
  return value < 0 ? -rounded : rounded;
}

function toDecimal(raw: RawValue, field: PlannedField): Conversion {
  const parsed = parseDecimal(raw);
  if (parsed === undefined) {
    return failed(`"${abbreviate(textOf(raw))}" is not a number (${field.apiName})`);
  }
  if (!field.precision) {
    return { value: parsed };
  }
  // Salesforce rounds to the field's scale on save; rounding here keeps change detection exact.
  const rounded = roundHalfUp(parsed, field.scale);
  if (Math.abs(rounded) >= 10 ** (field.precision - field.scale)) {
    return failed(
      `${plainNumber(parsed)} does not fit ${field.apiName} (at most ${field.precision - field.scale} digits before the decimal point)`
    );
  }
  return { value: rounded };
}

function toTime(raw: RawValue, field: PlannedField): Conversion {
  if (typeof raw === 'string') {
    const clock = TIME_OF_DAY.exec(raw.trim());
    if (clock) {
      const [hours, minutes, seconds] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
      if (!isClockTime(hours, minutes, seconds)) {
        return failed(`"${raw}" is not a time of day (${field.apiName})`);
      }
      const pad = (value: number): string => String(value).padStart(2, '0');
      const millis = String(millisOf(clock[4])).padStart(3, '0');
      return { value: `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${millis}Z` };
    }
  }
  const instant = parseInstant(raw);
  return instant ? { value: isoTime(instant) } : failed(notADate(raw, field));
}

/**
 * ValueConverter.convert: a report value as the field's type holds it (Datetime as ISO-8601 UTC
 * with milliseconds, Date as `yyyy-MM-dd`), a blank, or a problem naming the value and the field.
 */
export function convertValue(
  raw: RawValue,
  columnType: string | undefined,
  field: PlannedField
): Conversion {
  if (isBlankValue(raw)) {
    return { blank: true };
  }
  if (Array.isArray(raw) && field.type !== 'MULTIPICKLIST') {
    return failed(`a list of values cannot be written to the single value field ${field.apiName}`);
  }
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    return failed(`an object cannot be written to ${field.apiName}`);
  }
  const column = normalizeColumnType(columnType);
  switch (field.type) {
    case 'STRING':
    case 'TEXTAREA':
    case 'PHONE':
    case 'URL':
    case 'COMBOBOX':
    case 'ENCRYPTEDSTRING':
      return toText(raw, column, field);
    case 'EMAIL':
      return toEmail(raw, field);
    case 'PICKLIST':
      return toPicklist(textOf(raw).trim(), field);
    case 'MULTIPICKLIST':
      return toMultiPicklist(raw, field);
    case 'BOOLEAN':
      return toBoolean(raw, field);
    case 'INTEGER':
      return toWholeNumber(raw, field, false);
    case 'LONG':
      return toWholeNumber(raw, field, true);
    case 'DOUBLE':
    case 'CURRENCY':
    case 'PERCENT':
      return toDecimal(raw, field);
    case 'DATE': {
      const instant = parseInstant(raw);
      // The day it is in UTC: the schedule and the console work in UTC.
      return instant ? { value: isoDate(instant) } : failed(notADate(raw, field));
    }
    case 'DATETIME': {
      const instant = parseInstant(raw);
      return instant ? { value: instant.toISOString() } : failed(notADate(raw, field));
    }
    case 'TIME':
      return toTime(raw, field);
    default:
      return failed(
        `fields of type ${field.type} (${field.apiName}) are not written by Insights Sync`
      );
  }
}

function isEmpty(value: FieldValue | undefined): boolean {
  return value === null || value === undefined || value === '';
}

/** SyncPageProcessor.valuesDiffer: whether writing `wanted` changes what the field holds. */
export function valuesDiffer(
  current: FieldValue | undefined,
  wanted: FieldValue,
  type: string
): boolean {
  if (isEmpty(current) || isEmpty(wanted)) {
    return isEmpty(current) !== isEmpty(wanted);
  }
  if (type === 'MULTIPICKLIST') {
    const held = new Set(String(current).split(';'));
    const written = new Set(String(wanted).split(';'));
    return held.size !== written.size || [...held].some((value) => !written.has(value));
  }
  if (type === 'DATETIME') {
    const seconds = (value: FieldValue | undefined): number =>
      Math.floor(Date.parse(String(value)) / 1000);
    return seconds(current) !== seconds(wanted);
  }
  if (typeof current === 'number' && typeof wanted === 'number') {
    return current !== wanted;
  }
  // Text compares exactly, case included.
  return current !== wanted;
}

/** One row issue, as a run stores it (Sync_Run_Issue__c) and Preview lists it. */
export interface SyncIssue {
  severity: 'Error' | 'Warning' | 'Info';
  statusCode: string;
  message: string;
  key?: string;
  recordId?: string;
  rowNumber?: number;
  field?: string;
}

/** The counts a run adds up from its pages. */
export interface RunCounts {
  rowsRead: number;
  rowsMatched: number;
  /** Records changed (a dry run counts what it would change). */
  recordsUpdated: number;
  recordsUnchanged: number;
  rowsUnmatched: number;
  rowsSkipped: number;
  recordsFailed: number;
  valueIssues: number;
}

/** What one page did. */
export interface PageOutcome extends RunCounts {
  issues: SyncIssue[];
  previewRows: InsightsSync.SyncPreviewRow[];
  unmatchedKeys: string[];
}

interface RowValues {
  row: ReportRow;
  key: string;
  rowNumber: number;
  /** Whether the row lacks a cell of a mapped column (checked per cell only then). */
  incomplete: boolean;
  recordId?: string;
  valuesByField: Map<string, FieldValue>;
  problems: string[];
}

/** How a row's key is read (SyncPageProcessor.KeyReader). */
export interface KeyReader {
  keyOf(raw: RawValue): string | undefined;
  keyProblemOf(raw: RawValue): string | undefined;
}

/** A page as the engine reads it; `rowProblems` as ReportPage.rowProblems (index → reason). */
export interface EnginePage extends ReportPageData {
  /** Rows the source could not read whole, by index in `rows`; such a row is an empty object. */
  rowProblems?: Readonly<Record<number, string>>;
}

export interface PageOptions {
  /** The first row's number in the report (1 for the first page). */
  firstRowNumber: number;
  /** Normalised keys of earlier pages: a key seen there is a duplicate here too. */
  seenKeys: Set<string>;
  /** Preview: nothing is written, before → after is reported instead. */
  dryRun: boolean;
  /** Reads keys in place of normalizeKey and keyProblem (tests). */
  keys?: KeyReader;
}

function newOutcome(rowsRead: number): PageOutcome {
  return {
    rowsRead,
    rowsMatched: 0,
    recordsUpdated: 0,
    recordsUnchanged: 0,
    rowsUnmatched: 0,
    rowsSkipped: 0,
    recordsFailed: 0,
    valueIssues: 0,
    issues: [],
    previewRows: [],
    unmatchedKeys: []
  };
}

function keyText(raw: RawValue): string | undefined {
  return raw === null || raw === undefined ? undefined : textOf(raw);
}

/** Whether a row has a cell for the column: an entry, even a null one (Map.containsKey). */
function hasCell(row: ReportRow | null | undefined, column: string): boolean {
  return row !== null && row !== undefined && Object.hasOwn(row, column);
}

const JAVA_SPACE = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]/;

/** Java's Character.isWhitespace, which Apex's deleteWhitespace follows: no-break spaces are not. */
function isJavaWhitespace(char: string): boolean {
  return JAVA_SPACE.test(char) || (char >= '\u001C' && char <= '\u001F');
}

/** The rows of a page lacking one column: how many, and the first (its index). */
interface MissingCells {
  count: number;
  firstIndex: number;
}

function noRowOf(total: number): string {
  return total === 1
    ? "The page's one row has no cell for "
    : `None of the page's ${total} rows has a cell for `;
}

function rowsLacking(missing: MissingCells, total: number, firstRow: number): string {
  if (missing.count === 1) {
    return `Row ${firstRow} has no cell for `;
  }
  return `${missing.count} of the page's ${total} rows (the first is row ${firstRow}) have no cell for `;
}

/**
 * Names a cell of the first incomplete row whose name differs from the column only in case or
 * spacing (Apex deleteWhitespace().toLowerCase()).
 */
function nearName(
  rows: readonly ReportRow[],
  missing: MissingCells,
  column: string,
  firstRowNumber: number
): string {
  const row = rows[missing.firstIndex];
  if (!row) {
    return '';
  }
  const squeeze = (name: string): string =>
    Array.from(name)
      .filter((char) => !isJavaWhitespace(char))
      .join('')
      .toLowerCase();
  const wanted = squeeze(column);
  const name = Object.keys(row).find((candidate) => squeeze(candidate) === wanted);
  return name === undefined
    ? ''
    : ` (row ${firstRowNumber + missing.firstIndex} has "${name}" instead: column names must match exactly)`;
}

/**
 * Runs one report page through the pipeline against the plan's object's records. Outside a dry
 * run the changed records are written: their values change in `plan.object.records`, unless a
 * validation rule of the object refuses them.
 */
export function processPage(plan: SyncPlan, page: EnginePage, options: PageOptions): PageOutcome {
  const { definition, object } = plan;
  const keyColumn = definition.reportKeyColumn ?? '';
  const keyFieldName = plan.keyField.apiName;
  const keys: KeyReader = options.keys ?? { keyOf: normalizeKey, keyProblemOf: keyProblem };
  const rowProblems = page.rowProblems ?? {};
  const unreadable = (index: number): boolean => Object.hasOwn(rowProblems, index);
  const updateAllMatches =
    (definition.matchPolicy ?? '').trim().toLowerCase() !== 'skip and report';
  const clearBlanks = (definition.blankValuePolicy ?? '').trim().toLowerCase() === 'clear';
  const outcome = newOutcome(page.rows.length);
  const qualified = (fieldName: string): string => `${object.apiName}.${fieldName}`;

  // Mappings whose column the page has; a missing column is reported once and its field kept.
  const columns = new Set(page.columns.map((column) => column.name));
  const known = columns.size > 0;
  if (known && !columns.has(keyColumn)) {
    outcome.rowsSkipped = page.rows.length;
    outcome.issues.push({
      severity: 'Error',
      statusCode: 'MISSING_COLUMN',
      message: `The report has no key column "${keyColumn}", so none of its ${page.rows.length} rows could be matched: restore the column in the report or edit the integration's key.`
    });
    return outcome;
  }
  const mappings = plan.mappings.filter((mapping) => {
    if (!known || columns.has(mapping.column)) {
      return true;
    }
    outcome.issues.push({
      severity: 'Error',
      statusCode: 'MISSING_COLUMN',
      message: `The report has no column "${mapping.column}", which the integration writes to ${qualified(mapping.field)}; the field was left as it is: restore the column in the report or edit the integration's mapping.`,
      field: mapping.field
    });
    return false;
  });

  // Rows lacking the key column or a mapped column (a missing cell is not a blank), each column
  // reported once for the page, before any row issue.
  const missingKey: MissingCells = { count: 0, firstIndex: -1 };
  const missingByMapping: MissingCells[] = mappings.map(() => ({ count: 0, firstIndex: -1 }));
  const lacking = (missing: MissingCells, index: number): void => {
    if (missing.count === 0) {
      missing.firstIndex = index;
    }
    missing.count++;
  };
  const incompleteRows = new Set<number>();
  let readable = 0;
  let keyed = 0;
  page.rows.forEach((row, index) => {
    if (unreadable(index)) {
      return;
    }
    readable++;
    if (!hasCell(row, keyColumn)) {
      lacking(missingKey, index);
      return;
    }
    keyed++;
    mappings.forEach((mapping, position) => {
      if (!hasCell(row, mapping.column)) {
        lacking(missingByMapping[position], index);
        incompleteRows.add(index);
      }
    });
  });
  if (missingKey.count > 0) {
    const firstRow = options.firstRowNumber + missingKey.firstIndex;
    const column = `the key column "${keyColumn}"${nearName(page.rows, missingKey, keyColumn, options.firstRowNumber)}`;
    const message =
      missingKey.count === readable
        ? `${noRowOf(readable)}${column} (the cell is missing, not blank), so none could be matched: restore the column in the report or edit the integration's key.`
        : `${rowsLacking(missingKey, readable, firstRow)}${column} (the cell is missing, not blank), so ${missingKey.count === 1 ? 'it was' : 'they were'} skipped: the report sent incomplete rows; if this repeats, check the report in Insights.`;
    outcome.issues.push({
      severity: 'Error',
      statusCode: 'MISSING_COLUMN',
      message,
      rowNumber: firstRow
    });
  }
  mappings.forEach((mapping, position) => {
    const missing = missingByMapping[position];
    if (missing.count === 0) {
      return;
    }
    const everyRow = missing.count === keyed;
    const firstRow = options.firstRowNumber + missing.firstIndex;
    const column = `the column "${mapping.column}"${nearName(page.rows, missing, mapping.column, options.firstRowNumber)}`;
    const message = everyRow
      ? `${noRowOf(keyed)}${column}, which the integration writes to ${qualified(mapping.field)}; the field was left as it is (a missing cell is not a blank, so it never clears a field): restore the column in the report or edit the integration's mapping.`
      : `${rowsLacking(missing, keyed, firstRow)}${column}, which the integration writes to ${qualified(mapping.field)}; on ${missing.count === 1 ? 'its records' : 'their records'} the field was left as it is (a missing cell is not a blank, so it never clears a field).`;
    outcome.issues.push({
      severity: everyRow ? 'Error' : 'Warning',
      statusCode: 'MISSING_COLUMN',
      message,
      field: mapping.field,
      rowNumber: firstRow
    });
  });

  // First pass: unreadable rows, rows without the key column, blank, unnormalizable and repeated
  // keys are skipped; the first row of each key is kept.
  const rowIndexByKey = new Map<string, number>();
  const accepted: { index: number; key: string }[] = [];
  page.rows.forEach((row, index) => {
    const rowNumber = options.firstRowNumber + index;
    if (unreadable(index)) {
      outcome.rowsSkipped++;
      const reason = (rowProblems[index] ?? '').trim();
      const why = reason === '' ? 'the source could not read it' : reason.replace(/\.$/, '');
      outcome.issues.push({
        severity: 'Error',
        statusCode: 'MALFORMED_ROW',
        message: `Row ${rowNumber} could not be read (${why}), so it was skipped; the page's other rows were still synced.`,
        rowNumber
      });
      return;
    }
    if (!hasCell(row, keyColumn)) {
      // Reported once for the page, above.
      outcome.rowsSkipped++;
      return;
    }
    const rawKey = row[keyColumn];
    const key = keys.keyOf(rawKey);
    if (key === undefined) {
      outcome.rowsSkipped++;
      const text = keyText(rawKey);
      const problem =
        text === undefined || text.trim() === '' ? undefined : keys.keyProblemOf(rawKey);
      if (problem === undefined) {
        outcome.issues.push({
          severity: 'Info',
          statusCode: 'BLANK_KEY',
          message: `Row ${rowNumber} has no value in the key column "${keyColumn}"; skipped.`,
          key: text,
          rowNumber
        });
      } else {
        outcome.issues.push({
          severity: 'Error',
          statusCode: 'UNNORMALIZABLE_KEY',
          message: `The key "${abbreviateTo(text as string, QUOTED_KEY_LENGTH)}" in row ${rowNumber} cannot be compared with ${qualified(keyFieldName)}: ${problem.trim().replace(/\.$/, '')}. The row was skipped; fix the key in the source of the report.`,
          key: text,
          rowNumber
        });
      }
      return;
    }
    const firstIndex = rowIndexByKey.get(key);
    if (firstIndex !== undefined || options.seenKeys.has(key)) {
      outcome.rowsSkipped++;
      const firstRow =
        firstIndex === undefined
          ? 'an earlier page of the report'
          : `row ${options.firstRowNumber + firstIndex}`;
      outcome.issues.push({
        severity: 'Warning',
        statusCode: 'DUPLICATE_KEY',
        message: `The key "${keyText(rawKey)}" already appeared in ${firstRow}; the first row wins, so row ${rowNumber} was skipped.`,
        key: keyText(rawKey),
        rowNumber
      });
      return;
    }
    options.seenKeys.add(key);
    rowIndexByKey.set(key, index);
    accepted.push({ index, key });
  });

  // The records of the page's keys (SOQL matches text without case; pairing normalises both).
  const recordsByKey = new Map<string, SampleRecord[]>();
  for (const record of object.records) {
    const key = keys.keyOf(record[keyFieldName]);
    if (key !== undefined && rowIndexByKey.has(key)) {
      recordsByKey.set(key, [...(recordsByKey.get(key) ?? []), record]);
    }
  }

  const changes: { record: SampleRecord; values: Map<string, FieldValue>; row: RowValues }[] = [];
  for (const { index, key } of accepted) {
    const row = page.rows[index];
    const values: RowValues = {
      row,
      key: keyText(row[keyColumn]) ?? '',
      rowNumber: options.firstRowNumber + index,
      incomplete: incompleteRows.has(index),
      valuesByField: new Map(),
      problems: []
    };
    const records = recordsByKey.get(key) ?? [];
    if (records.length === 0) {
      outcome.rowsUnmatched++;
      outcome.issues.push({
        severity: 'Info',
        statusCode: 'UNMATCHED_KEY',
        message: `No ${object.apiName} record has ${keyFieldName} "${values.key}"; nothing was updated for this row (rows are never inserted).`,
        key: values.key,
        rowNumber: values.rowNumber
      });
      if (options.dryRun) {
        outcome.unmatchedKeys.push(values.key);
      }
      continue;
    }
    if (records.length > 1 && !updateAllMatches) {
      outcome.rowsSkipped++;
      const message = `${records.length} ${object.apiName} records share ${keyFieldName} "${values.key}"; none was updated because the integration skips keys that match several records. Make the key unique, or choose "Update all".`;
      outcome.issues.push({
        severity: 'Warning',
        statusCode: 'AMBIGUOUS_KEY',
        message,
        key: values.key,
        rowNumber: values.rowNumber
      });
      values.problems.push(message);
      if (options.dryRun) {
        for (const record of records) {
          addPreview(outcome, previewOf(record, values, []));
        }
      }
      continue;
    }
    outcome.rowsMatched++;
    values.recordId = records.length === 1 ? records[0].Id : undefined;
    for (const mapping of mappings) {
      convertMapping(plan, outcome, values, mapping, clearBlanks, options.dryRun);
    }
    for (const record of records) {
      const fieldChanges: InsightsSync.SyncFieldChange[] = [];
      const changed = new Map<string, FieldValue>();
      for (const [fieldName, wanted] of values.valuesByField) {
        const current = record[fieldName];
        const type = plan.fieldsByApiName.get(fieldName)?.type ?? 'STRING';
        if (!valuesDiffer(current, wanted, type)) {
          continue;
        }
        changed.set(fieldName, wanted);
        fieldChanges.push(withoutNulls({ field: fieldName, before: current, after: wanted }));
      }
      if (changed.size === 0) {
        outcome.recordsUnchanged++;
      } else if (options.dryRun) {
        outcome.recordsUpdated++;
      } else {
        changes.push({ record, values: changed, row: values });
      }
      if (options.dryRun) {
        addPreview(outcome, previewOf(record, values, fieldChanges));
      }
    }
  }
  if (!options.dryRun) {
    write(plan, outcome, changes);
  }
  return outcome;
}

function convertMapping(
  plan: SyncPlan,
  outcome: PageOutcome,
  values: RowValues,
  mapping: SyncPlan['mappings'][number],
  clearBlanks: boolean,
  dryRun: boolean
): void {
  const field = plan.fieldsByApiName.get(mapping.field) as PlannedField;
  const qualified = `${plan.object.apiName}.${field.apiName}`;
  if (values.incomplete && !hasCell(values.row, mapping.column)) {
    // A missing cell leaves the field as it is under either policy (reported for the page).
    if (dryRun) {
      values.problems.push(
        `Column "${mapping.column}" is missing from this row; ${qualified} was left as it is.`
      );
    }
    return;
  }
  const conversion = convertValue(values.row[mapping.column], mapping.columnType, field);
  if (conversion.problem !== undefined) {
    outcome.valueIssues++;
    addValueIssue(outcome, values, {
      severity: 'Error',
      statusCode: 'UNCONVERTIBLE_VALUE',
      message: `Column "${mapping.column}": ${conversion.problem}. ${qualified} was left as it is; the record's other fields were still updated.`,
      field: field.apiName
    });
    return;
  }
  if (conversion.blank) {
    if (clearBlanks) {
      // A checkbox cannot be empty: clearing it means unchecking it.
      values.valuesByField.set(field.apiName, field.type === 'BOOLEAN' ? false : null);
    }
    return;
  }
  if (conversion.warning !== undefined) {
    addValueIssue(outcome, values, {
      severity: 'Warning',
      statusCode: 'TRUNCATED_VALUE',
      message: `Column "${mapping.column}": ${conversion.warning}.`,
      field: field.apiName
    });
  }
  values.valuesByField.set(field.apiName, conversion.value ?? null);
}

function addValueIssue(outcome: PageOutcome, values: RowValues, issue: SyncIssue): void {
  outcome.issues.push({
    ...issue,
    key: values.key,
    recordId: values.recordId,
    rowNumber: values.rowNumber
  });
  values.problems.push(issue.message);
}

function addPreview(outcome: PageOutcome, preview: InsightsSync.SyncPreviewRow): void {
  if (outcome.previewRows.length < PREVIEW_ROW_LIMIT) {
    outcome.previewRows.push(preview);
  }
}

function previewOf(
  record: SampleRecord,
  values: RowValues,
  changes: InsightsSync.SyncFieldChange[]
): InsightsSync.SyncPreviewRow {
  return {
    rowNumber: values.rowNumber,
    key: values.key,
    recordId: record.Id,
    changes,
    problems: [...values.problems]
  };
}

/** Lightning leaves null members out: `before` of an empty field is absent, not null. */
function withoutNulls(change: InsightsSync.SyncFieldChange): InsightsSync.SyncFieldChange {
  const copy: InsightsSync.SyncFieldChange = { field: change.field };
  if (change.before !== null && change.before !== undefined) {
    copy.before = change.before;
  }
  if (change.after !== null && change.after !== undefined) {
    copy.after = change.after;
  }
  return copy;
}

/** RecordWriter: each changed record saved on its own; a validation rule may refuse it. */
function write(
  plan: SyncPlan,
  outcome: PageOutcome,
  changes: { record: SampleRecord; values: Map<string, FieldValue>; row: RowValues }[]
): void {
  for (const { record, values, row } of changes) {
    const updated: SampleRecord = { ...record, ...Object.fromEntries(values) };
    const refusal = plan.object.validationRules.find((rule) => rule.rejects(updated));
    if (refusal) {
      outcome.recordsFailed++;
      outcome.issues.push({
        severity: 'Error',
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: refusal.message,
        field: refusal.field,
        key: row.key,
        recordId: record.Id,
        rowNumber: row.rowNumber
      });
      continue;
    }
    Object.assign(record, Object.fromEntries(values));
    outcome.recordsUpdated++;
  }
}

/**
 * A Preview problem: `Row 3 (key): message`. An issue of no row (a missing column) is its message
 * alone, where the Apex writes `Row null: …`.
 */
function problemLine(issue: SyncIssue): string {
  if (issue.rowNumber === undefined) {
    return issue.message;
  }
  const key = issue.key?.trim() ? ` (${issue.key})` : '';
  return `Row ${issue.rowNumber}${key}: ${issue.message}`;
}

/** SyncPreviewResult.fromOutcome: every issue but unmatched keys becomes a problem line. */
export function previewResult(
  outcome: PageOutcome,
  hasMoreRows: boolean
): InsightsSync.SyncPreviewResult {
  return {
    rowsRead: outcome.rowsRead,
    rowsMatched: outcome.rowsMatched,
    recordsToUpdate: outcome.recordsUpdated,
    recordsUnchanged: outcome.recordsUnchanged,
    rowsUnmatched: outcome.rowsUnmatched,
    rowsSkipped: outcome.rowsSkipped,
    valueIssues: outcome.valueIssues,
    rows: outcome.previewRows,
    unmatchedKeys: outcome.unmatchedKeys,
    problems: outcome.issues
      .filter((issue) => issue.statusCode !== 'UNMATCHED_KEY')
      .map(problemLine),
    hasMoreRows
  };
}
