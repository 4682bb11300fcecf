/**
 * The row issues of a run as a CSV file (RFC 4180) for Excel and other spreadsheets: a header
 * row, CRLF line ends, every field quoted (quotes doubled) and a UTF-8 byte order mark so that
 * Excel reads accented names as they are written. Quoting every field keeps a `;` or a tab inside
 * a value from splitting it in the locales whose spreadsheets separate lists with them.
 */

/** The columns of the file, in the order of the Show log table. */
const COLUMNS: readonly { header: string; value: (issue: InsightsSync.RunIssue) => unknown }[] = [
  { header: 'Key', value: (issue) => issue.key },
  { header: 'Record ID', value: (issue) => issue.recordId },
  { header: 'Severity', value: (issue) => issue.severity },
  { header: 'Status code', value: (issue) => issue.statusCode },
  { header: 'Message', value: (issue) => issue.message },
  { header: 'Field', value: (issue) => issue.field },
  { header: 'Row number', value: (issue) => issue.rowNumber }
];

const BYTE_ORDER_MARK = '\uFEFF';
const LINE_END = '\r\n';
/**
 * A spreadsheet runs text that starts with one of these as a formula, also after leading blanks
 * and in their full-width forms (＝ ＋ － ＠), which some spreadsheets read as the ASCII ones. Keys
 * and messages come from report data, which anyone tracked by WalkMe can influence, so such text
 * is kept as text with a leading apostrophe (OWASP "CSV injection"); a plain number such as `-3`
 * is left alone.
 */
const FORMULA_START = /^[\s\u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
/**
 * The type of the downloaded file. Lightning Web Security and Lightning Locker refuse a Blob of
 * any type outside their list (text/csv included) and any type parameter, so the file goes out
 * as bytes; its name ends in .csv and its byte order mark says UTF-8.
 */
export const CSV_BLOB_TYPE = 'application/octet-stream';

function asText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** One field as it is written to the file: always quoted, formulas kept as text. */
export function csvField(value: unknown): string {
  let text = asText(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) {
    text = `'${text}`;
  }
  return `"${text.replace(/"/g, '""')}"`;
}

/** The whole file: byte order mark, header row, then one record per issue, each ending in CRLF. */
export function issuesCsv(issues: readonly InsightsSync.RunIssue[]): string {
  const records = [
    COLUMNS.map((column) => csvField(column.header)),
    ...issues.map((issue) => COLUMNS.map((column) => csvField(column.value(issue))))
  ];
  return BYTE_ORDER_MARK + records.map((fields) => fields.join(',') + LINE_END).join('');
}

/**
 * `insights-sync-run-RUN-000042-issues.csv`. Characters a file system may refuse are replaced,
 * so an unusual run name still gives a file name every browser accepts.
 */
export function issuesCsvFileName(runName: string): string {
  const safeName =
    runName
      .trim()
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'unnamed';
  return `insights-sync-run-${safeName}-issues.csv`;
}

/**
 * The file as a Blob for a `blob:` download link. Lightning Web Security blocks `data:` URIs in
 * links, and Chromium drops a `data:` download over about 2 MB.
 */
export function csvBlob(csv: string): Blob {
  return new Blob([csv], { type: CSV_BLOB_TYPE });
}
