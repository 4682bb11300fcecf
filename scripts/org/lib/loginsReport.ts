/**
 * The Insights report the e2e run syncs: the Logins report (ReportTemplates.logins), keyed by
 * `email`, mapped onto the test-only `WalkMe_` fields on Lead. Reading the report list and pages
 * that anonymous Apex hands back, and choosing the report, are pure and tested offline.
 */
import { OrgScriptError } from './main.ts';
import { isObject, textOf } from './sf.ts';
import type { MappedField, ReportRow } from './syncExpectations.ts';

export const KEY_COLUMN = 'email';
export const KEY_FIELD = 'Email';
export const TARGET_OBJECT = 'Lead';

/** Column → field of the e2e integration (field names without namespace). */
export const LOGINS_MAPPINGS: readonly MappedField[] = [
  { column: 'first_login', field: 'WalkMe_First_Login__c', kind: { type: 'datetime' } },
  { column: 'last_login', field: 'WalkMe_Last_Login__c', kind: { type: 'datetime' } },
  {
    column: 'logins_last_30_days',
    field: 'WalkMe_Logins_Last_30_Days__c',
    kind: { type: 'number', precision: 18, scale: 0 }
  }
];

export const LOGINS_COLUMNS: readonly string[] = [
  KEY_COLUMN,
  ...LOGINS_MAPPINGS.map((mapping) => mapping.column)
];

export interface ReportColumn {
  readonly name: string;
  readonly type: string;
}

export interface ReportSummary {
  readonly id: string;
  readonly name: string;
  readonly columns: readonly ReportColumn[];
}

export interface ReportPageData {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  readonly nextCursor: string | undefined;
}

function columnsOf(value: unknown): ReportColumn[] {
  return (Array.isArray(value) ? value : [])
    .filter(isObject)
    .map((column) => ({ name: textOf(column.name) ?? '', type: textOf(column.type) ?? '' }))
    .filter((column) => column.name.length > 0);
}

/** `JSON.serialize(List<InsightsReport>)`, read. */
export function readReportList(value: unknown): ReportSummary[] {
  return (Array.isArray(value) ? value : []).filter(isObject).flatMap((report) => {
    const id = textOf(report.id);
    return id ? [{ id, name: textOf(report.name) ?? id, columns: columnsOf(report.columns) }] : [];
  });
}

/** One emitted page `{ columns, rows, nextCursor }`, read. */
export function readReportPage(value: unknown): ReportPageData {
  if (!isObject(value) || !Array.isArray(value.rows)) {
    throw new OrgScriptError('the report page read through the org has no rows list');
  }
  return {
    columns: columnsOf(value.columns),
    rows: value.rows.filter(isObject) as ReportRow[],
    nextCursor: textOf(value.nextCursor)
  };
}

/** The columns of the Logins report that `columns` lacks. */
export function missingLoginsColumns(columns: readonly ReportColumn[]): string[] {
  const names = new Set(columns.map((column) => column.name));
  return LOGINS_COLUMNS.filter((name) => !names.has(name));
}

/**
 * The report to sync: the one asked for, else the only report with every Logins column (a
 * report named like "Logins" wins a tie).
 */
export function chooseLoginsReport(
  reports: readonly ReportSummary[],
  requestedId: string | undefined,
  region: string
): ReportSummary {
  if (requestedId) {
    return (
      reports.find((report) => report.id === requestedId) ?? {
        id: requestedId,
        name: requestedId,
        columns: []
      }
    );
  }
  const fitting = reports.filter((report) => missingLoginsColumns(report.columns).length === 0);
  const named = fitting.filter((report) => /login/i.test(report.name));
  const chosen = named.length === 1 ? named : fitting;
  if (chosen.length === 1 && chosen[0]) {
    return chosen[0];
  }
  if (chosen.length === 0) {
    throw new OrgScriptError(
      `no report of the ${region} Insights account has the Logins columns (${LOGINS_COLUMNS.join(', ')}): add the Logins report, tagged integrations_salesforce, or set INSIGHTS_REPORT_ID`
    );
  }
  throw new OrgScriptError(
    `${chosen.length} reports of the ${region} Insights account have the Logins columns: set INSIGHTS_REPORT_ID to one of ${chosen.map((report) => report.id).join(', ')}`
  );
}
