/**
 * The preview's storage buckets and what IntegrationController.getCsvCredentials and
 * readCsvSample answer over them, and the pages a CSV export integration reads at Preview and Run
 * Now: the org's Named Credentials (the packaged WalkMe ones among them, left out as
 * CsvCredentialOption leaves them out), the files behind them, and the rules of CsvExportSource,
 * CsvParser and CsvExportSample the preview needs (header, RFC 4180 cells, proposed types), with
 * the Apex's messages.
 *
 * The export file is the fixture scripts/tests/fixtures/insights/logins-export.csv, byte for byte
 * (byte order mark, CRLF, quoted comma, quote and line break): preview-backend.test.ts fails when
 * they differ.
 */
import type { ReportPageData, ReportRow } from '../sampleIntegrations/sampleIntegrations.js';
import { csvCredentialProblem, csvPathProblem } from './validation.js';

/** The fixture's text, as WalkMe's scheduled export writes it. */
export const LOGINS_EXPORT_CSV =
  '\ufeffUser ID,Email,First login,Last login,# Logins last 30 days,Notes\r\n' +
  'u-1001,ana.silva@example.com,2026-09-01T07:15:00Z,2026-11-24T16:02:11Z,42,plain\r\n' +
  'u-1002,Ben.Okafor@Example.com,2026-10-12T09:00:00+02:00,2026-11-23T08:30:00+02:00,7,"comma, inside"\r\n' +
  'u-1003,chloe.martin@example.fr,2026-09-01T07:00:00Z,2026-11-24T16:00:00Z,15,"quote ""inside"" here"\r\n' +
  'u-1004,dev.patel@example.com,2026-11-20T10:00:00Z,,0,"line one\r\n' +
  'line two"\r\n';

/** Rows a header read returns (CsvExportSample.SAMPLE_ROWS). */
export const SAMPLE_ROWS = 20;

/** A Named Credential of the preview org, as the NamedCredential query finds it. */
interface StoredCredential extends InsightsSync.CsvCredentialOption {
  /** The files behind it, by path; `refused` answers 403 to every read. */
  files: Readonly<Record<string, string>>;
  refused?: boolean;
}

const CREDENTIALS: readonly StoredCredential[] = [
  {
    apiName: 'Insights_Export_Bucket',
    label: 'Insights export bucket (S3)',
    endpoint: 'https://insights-exports.s3.eu-west-1.amazonaws.com',
    files: { 'exports/logins.csv': LOGINS_EXPORT_CSV, 'exports/empty.csv': '' }
  },
  {
    apiName: 'Blob_Exports',
    label: 'Insights exports (Azure Blob Storage)',
    endpoint: 'https://contosoexports.blob.core.windows.net/insights',
    files: {},
    refused: true
  },
  // The package's own: found by the query, never offered.
  {
    apiName: 'WalkMe_Insights_EU',
    label: 'WalkMe Insights EU',
    endpoint: 'https://eu-api.walkme.com',
    files: {}
  }
];

/** IntegrationController.getCsvCredentials: the credentials a CSV source may use, by label. */
export function csvCredentials(): InsightsSync.CsvCredentialOption[] {
  return CREDENTIALS.filter((credential) => !csvCredentialProblem(credential.apiName))
    .map(({ apiName, label, endpoint }) => ({ apiName, label, endpoint }))
    .sort((first, second) => first.label.localeCompare(second.label));
}

/** IntegrationController.readCsvSample: the header, the proposed types and the first rows. */
export function readCsvSample(
  credential: string | undefined,
  filePath: string | undefined
): InsightsSync.CsvExportSample {
  const file = readFile(credential, filePath, 'sample');
  const records = parseCsv(file.text, file.path);
  const header = headerOf(records, file.path);
  const first = header[0] ?? '';
  if (/^[<{[]/.test(first)) {
    throw new Error(
      `The answer for "${file.path}" is not a CSV file (it starts with "${first.length > 20 ? `${first.slice(0, 17)}...` : first}", as a web page, XML or JSON does). Check that the path names the CSV export file itself, not a folder or a web page.`
    );
  }
  const lines = records.slice(1, SAMPLE_ROWS + 1);
  const rows: string[][] = [];
  const rowProblems: string[] = [];
  for (const record of lines) {
    if (record.cells.length === header.length) {
      rows.push(record.cells.map((cell) => (cell === '' ? (null as unknown as string) : cell)));
    } else {
      rowProblems.push(cellCountProblem(record, header.length));
    }
  }
  return {
    filePath: file.path,
    columns: header.map((name, index) => ({
      name,
      label: name,
      type: proposeType(rows.map((cells) => cells[index]))
    })),
    rows,
    rowProblems,
    hasMoreRows: records.length > SAMPLE_ROWS + 1
  };
}

/**
 * The pages CsvExportSource gives a run or a Preview: the header's columns, typed as the
 * integration's mappings declare them (string otherwise), and the rows, an empty cell null.
 */
export function csvReportPages(
  credential: string | undefined,
  filePath: string | undefined,
  columnTypes: ReadonlyMap<string, string>
): ReportPageData[] {
  const file = readFile(credential, filePath, 'run');
  const records = parseCsv(file.text, file.path);
  const header = headerOf(records, file.path);
  const rows: ReportRow[] = records
    .slice(1)
    .filter((record) => record.cells.length === header.length)
    .map((record) =>
      Object.fromEntries(header.map((name, index) => [name, record.cells[index] || null]))
    );
  const columns = header.map((name) => ({
    name,
    label: name,
    type: columnTypes.get(name.toLowerCase()) ?? 'string'
  }));
  return [{ columns, rows }];
}

/** CsvExportSample.proposeType. */
export function proposeType(values: readonly (string | null | undefined)[]): string {
  const present = values.filter((value): value is string => !!value && value.trim() !== '');
  const all = (form: RegExp): boolean => present.every((value) => form.test(value.trim()));
  if (present.length === 0) {
    return 'string';
  }
  if (
    present.every((value) => ['true', 'false', 'yes', 'no'].includes(value.trim().toLowerCase()))
  ) {
    return 'boolean';
  }
  if (present.some((value) => /^[+-]?0\d/.test(value.trim()))) {
    return 'string';
  }
  if (all(/^[+-]?\d{1,18}$/)) {
    return 'integer';
  }
  if (all(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,9})?$/)) {
    return 'number';
  }
  if (all(/^\d{4}-\d{2}-\d{2}$/)) {
    return 'date';
  }
  if (all(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)?$/)) {
    return 'datetime';
  }
  return 'string';
}

interface CsvRecord {
  cells: string[];
  lineNumber: number;
}

/**
 * CsvParser.parseAll: cells split by commas, records by CRLF or LF, quoted cells holding commas,
 * doubled quotes and line breaks (a CRLF inside becomes LF), empty lines skipped, a byte order
 * mark dropped.
 */
export function parseCsv(text: string, path: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let position = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  while (position < text.length) {
    if (text.startsWith('\r\n', position) || text[position] === '\n') {
      position += text[position] === '\n' ? 1 : 2;
      line += 1;
      continue;
    }
    const record: CsvRecord = { cells: [], lineNumber: line };
    for (;;) {
      let cell = '';
      if (text[position] === '"') {
        position += 1;
        for (;;) {
          if (position >= text.length) {
            throw new Error(
              `Export file "${path}" is not valid CSV: a quoted cell that starts on line ${line} is never closed.`
            );
          }
          if (text[position] === '"') {
            if (text[position + 1] === '"') {
              cell += '"';
              position += 2;
              continue;
            }
            position += 1;
            break;
          }
          if (text.startsWith('\r\n', position)) {
            cell += '\n';
            position += 2;
            line += 1;
            continue;
          }
          if (text[position] === '\n') {
            line += 1;
          }
          cell += text[position];
          position += 1;
        }
      } else {
        while (
          position < text.length &&
          text[position] !== ',' &&
          text[position] !== '\n' &&
          !text.startsWith('\r\n', position)
        ) {
          cell += text[position];
          position += 1;
        }
      }
      record.cells.push(cell);
      if (text[position] === ',') {
        position += 1;
        continue;
      }
      break;
    }
    records.push(record);
  }
  return records;
}

function readFile(
  credential: string | undefined,
  filePath: string | undefined,
  purpose: 'sample' | 'run'
): { text: string; path: string } {
  const credentialProblem = csvCredentialProblem(credential);
  if (credentialProblem) {
    throw new Error(`${credentialProblem} Edit the integration.`);
  }
  const pathProblem = csvPathProblem(filePath ?? '');
  if (pathProblem) {
    throw new Error(pathProblem);
  }
  const name = (credential ?? '').trim();
  const path = (filePath ?? '').trim().replace(/^\//, '');
  const stored = CREDENTIALS.find((candidate) => candidate.apiName === name);
  const service = `The storage service behind Named Credential ${name}`;
  if (!stored) {
    throw new Error(
      `${service} could not be called (Salesforce said: The callout couldn't access the endpoint. You might not have the required permissions, or the named credential "${name}" might not exist.). Check in Setup that Named Credential ${name} exists and is enabled, that it lists this package's namespace under Allowed Namespaces for Managed Packages, and that the running user has access to its External Credential principal.`
    );
  }
  if (stored.refused) {
    throw new Error(
      `${service} refused access with these credentials (HTTP 403). Check in Setup the credentials of the External Credential used by Named Credential ${name}, and that they may read the export file.`
    );
  }
  const text = stored.files[path];
  if (text === undefined) {
    throw new Error(
      purpose === 'sample'
        ? `There is no file "${path}" behind Named Credential ${name} (HTTP 404). Check the path (it is case-sensitive and starts below the Named Credential's URL) and that the WalkMe export has run at least once.`
        : `${service} has no export file "${path}" (HTTP 404). It may have been deleted or renamed; choose the report again in the integration.`
    );
  }
  if (text === '') {
    throw new Error(`The export file "${path}" is empty: it has no header row.`);
  }
  return { text, path };
}

/** CsvExportSource.headerFrom: no blank name, no name twice. */
function headerOf(records: readonly CsvRecord[], path: string): string[] {
  const cells = records[0]?.cells;
  if (!cells) {
    throw new Error(`The export file "${path}" is empty: it has no header row.`);
  }
  const seen = new Set<string>();
  return cells.map((cell, index) => {
    const name = cell.trim();
    if (name === '') {
      throw new Error(`Column ${index + 1} of the header of export file "${path}" has no name.`);
    }
    if (seen.has(name)) {
      throw new Error(`The header of export file "${path}" names column "${name}" twice.`);
    }
    seen.add(name);
    return name;
  });
}

function cellCountProblem(record: CsvRecord, columns: number): string {
  const cells = record.cells.length;
  return (
    `Line ${record.lineNumber} has ${cells} ${cells === 1 ? 'cell' : 'cells'} where the header has ${columns} columns; the row was not read. ` +
    (cells > columns
      ? 'A cell that contains a comma must be in quotes.'
      : 'A cell is missing, or a line break inside a cell is not in quotes.')
  );
}
