/**
 * The sync pipeline of one report page, as the Apex runs it (SyncPageProcessor with KeyNormalizer,
 * RecordMatcher, ValueConverter and RecordWriter): rows lacking the key column or a mapped column
 * reported once per page and column (a missing cell is not a blank: it never clears a field),
 * unreadable rows, blank, unnormalizable and repeated keys skipped, keys normalised
 * (keyNormalizer.ts), rows matched to the preview's records, values converted to the field types
 * (valueConverter.ts), unchanged values left alone, and (outside a dry run) the changed records
 * written, where the object's validation rules may refuse them. A mapping row marked "only fill
 * when empty" writes its field only where the record's value is blank. The same words as the Apex for
 * every issue.
 */
import type { FieldValue, SampleRecord } from '../sampleCatalog/sampleCatalog.js';
import type { ReportPageData, ReportRow } from '../sampleIntegrations/sampleIntegrations.js';
import { textOf } from './apexValues.js';
import { keyProblem, normalizeKey } from './keyNormalizer.js';
import { convertValue } from './valueConverter.js';
import type { PlannedField, SyncPlan } from './validation.js';

export { keyProblem, normalizeKey } from './keyNormalizer.js';
export {
  convertValue,
  parseDecimal,
  parseInstant,
  plainNumber,
  type Conversion
} from './valueConverter.js';

/** A report cell as the engine reads it: JSON values, lists included. */
type RawValue = unknown;

/** Rows a Preview shows at most (SyncPageProcessor.PREVIEW_ROW_LIMIT). */
const PREVIEW_ROW_LIMIT = 200;

/** The most characters of a key quoted in an issue about the key itself (QUOTED_KEY_LENGTH). */
const QUOTED_KEY_LENGTH = 100;

/** Apex String.abbreviate(length): cut to `length` characters, the last three an ellipsis. */
function abbreviateTo(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 3)}...` : text;
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
  /**
   * The reset of values that left the report: the stamp field and the run's start, written on
   * every matched record in the same update (StaleValueReset). Absent: no stamp.
   */
  stamp?: { field: string; time: string };
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
  // RecordMatcher: the key field's length bounds the key on both sides (the preview's fields
  // are not case-sensitive).
  const keyLength = plan.keyField.length > 0 ? plan.keyField.length : undefined;
  const keys: KeyReader = options.keys ?? {
    keyOf: (raw) => normalizeKey(raw, false, keyLength),
    keyProblemOf: (raw) => keyProblem(raw, false, keyLength)
  };
  const rowProblems = page.rowProblems ?? {};
  const unreadable = (index: number): boolean => Object.hasOwn(rowProblems, index);
  const updateAllMatches =
    (definition.matchPolicy ?? '').trim().toLowerCase() !== 'skip and report';
  const clearBlanks = (definition.blankValuePolicy ?? '').trim().toLowerCase() === 'clear';
  // "Only fill when empty": these fields are written only where the record's value is blank.
  const onlyWhenEmptyFields = new Set(
    plan.mappings.filter((mapping) => mapping.onlyWhenEmpty).map((mapping) => mapping.field)
  );
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

  const changes: {
    record: SampleRecord;
    values: Map<string, FieldValue>;
    row: RowValues;
    stampOnly?: boolean;
  }[] = [];
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
        if (onlyWhenEmptyFields.has(fieldName) && !isEmpty(current)) {
          continue;
        }
        if (!valuesDiffer(current, wanted, type)) {
          continue;
        }
        changed.set(fieldName, wanted);
        fieldChanges.push(withoutNulls({ field: fieldName, before: current, after: wanted }));
      }
      const stamp = options.dryRun ? undefined : options.stamp;
      if (changed.size === 0 && !stamp) {
        outcome.recordsUnchanged++;
      } else if (options.dryRun) {
        outcome.recordsUpdated++;
      } else {
        // Stamped also when no value changes: saved, it counts as unchanged.
        const stampOnly = changed.size === 0;
        if (stamp) {
          changed.set(stamp.field, stamp.time);
        }
        changes.push({ record, values: changed, row: values, stampOnly });
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
  changes: {
    record: SampleRecord;
    values: Map<string, FieldValue>;
    row: RowValues;
    stampOnly?: boolean;
  }[]
): void {
  for (const { record, values, row, stampOnly } of changes) {
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
    if (stampOnly) {
      outcome.recordsUnchanged++;
    } else {
      outcome.recordsUpdated++;
    }
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
