/**
 * The sync pipeline of one report page, as the Apex runs it (SyncPageProcessor with KeyNormalizer,
 * RecordMatcher, ValueConverter and RecordWriter): keys normalised (keyNormalizer.ts), blank and
 * repeated keys skipped, rows matched to the preview's records, values converted to the field
 * types (valueConverter.ts), unchanged values left alone, and (outside a dry run) the changed
 * records written, where the object's validation rules may refuse them. The same words as the
 * Apex for every issue.
 */
import type { FieldValue, SampleRecord } from '../sampleCatalog/sampleCatalog.js';
import type { ReportPageData, ReportRow } from '../sampleIntegrations/sampleIntegrations.js';
import { textOf } from './apexValues.js';
import { normalizeKey } from './keyNormalizer.js';
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
  recordId?: string;
  valuesByField: Map<string, FieldValue>;
  problems: string[];
}

export interface PageOptions {
  /** The first row's number in the report (1 for the first page). */
  firstRowNumber: number;
  /** Normalised keys of earlier pages: a key seen there is a duplicate here too. */
  seenKeys: Set<string>;
  /** Preview: nothing is written, before → after is reported instead. */
  dryRun: boolean;
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

/**
 * Runs one report page through the pipeline against the plan's object's records. Outside a dry
 * run the changed records are written: their values change in `plan.object.records`, unless a
 * validation rule of the object refuses them.
 */
export function processPage(
  plan: SyncPlan,
  page: ReportPageData,
  options: PageOptions
): PageOutcome {
  const { definition, object } = plan;
  const keyColumn = definition.reportKeyColumn ?? '';
  const keyFieldName = plan.keyField.apiName;
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

  // First pass: blank and repeated keys are skipped; the first row of each key is kept.
  const rowIndexByKey = new Map<string, number>();
  const accepted: number[] = [];
  page.rows.forEach((row, index) => {
    const rawKey = row[keyColumn];
    const key = normalizeKey(rawKey);
    const rowNumber = options.firstRowNumber + index;
    if (key === undefined) {
      outcome.rowsSkipped++;
      outcome.issues.push({
        severity: 'Info',
        statusCode: 'BLANK_KEY',
        message: `Row ${rowNumber} has no value in the key column "${keyColumn}"; skipped.`,
        key: keyText(rawKey),
        rowNumber
      });
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
    accepted.push(index);
  });

  // The records of the page's keys (SOQL matches text without case; pairing normalises both).
  const recordsByKey = new Map<string, SampleRecord[]>();
  for (const record of object.records) {
    const key = normalizeKey(record[keyFieldName]);
    if (key !== undefined && rowIndexByKey.has(key)) {
      recordsByKey.set(key, [...(recordsByKey.get(key) ?? []), record]);
    }
  }

  const changes: { record: SampleRecord; values: Map<string, FieldValue>; row: RowValues }[] = [];
  for (const index of accepted) {
    const row = page.rows[index];
    const values: RowValues = {
      row,
      key: keyText(row[keyColumn]) ?? '',
      rowNumber: options.firstRowNumber + index,
      valuesByField: new Map(),
      problems: []
    };
    const records = recordsByKey.get(normalizeKey(row[keyColumn]) as string) ?? [];
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
      convertMapping(plan, outcome, values, mapping, clearBlanks);
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
  clearBlanks: boolean
): void {
  const field = plan.fieldsByApiName.get(mapping.field) as PlannedField;
  const conversion = convertValue(values.row[mapping.column], mapping.columnType, field);
  const qualified = `${plan.object.apiName}.${field.apiName}`;
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
