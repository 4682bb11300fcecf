/**
 * The row issues of a run as a CSV file (RFC 4180) for Excel and other spreadsheets: a header
 * row, CRLF line ends, fields quoted only when they hold a comma, a quote or a line break, quotes
 * doubled, and a UTF-8 byte order mark so that Excel reads accented names as they are written.
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
const NEEDS_QUOTES = /[",\r\n]/;
/**
 * A spreadsheet runs text that starts with one of these as a formula. Keys come from report
 * data, which anyone tracked by WalkMe can influence, so such text is kept as text (OWASP "CSV
 * injection"); a plain number such as `-3` is left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

function asText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** One field as it is written to the file. */
export function csvField(value: unknown): string {
  let text = asText(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) {
    text = `'${text}`;
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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

/** The file as a `data:` URI for a download link (no Blob URL to revoke afterwards). */
export function csvDataUri(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}
