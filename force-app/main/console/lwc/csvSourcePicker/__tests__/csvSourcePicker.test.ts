import { createElement } from 'lwc';
import CsvSourcePicker from 'c/csvSourcePicker';
import getCsvCredentials from '@salesforce/apex/IntegrationController.getCsvCredentials';
import readCsvSample from '@salesforce/apex/IntegrationController.readCsvSample';
import type { CsvSourceChangeDetail } from 'c/csvSourcePicker';

jest.mock(
  '@salesforce/apex/IntegrationController.getCsvCredentials',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/IntegrationController.readCsvSample', () => ({ default: jest.fn() }), {
  virtual: true
});

const getCsvCredentialsMock = getCsvCredentials as jest.MockedFunction<typeof getCsvCredentials>;
const readCsvSampleMock = readCsvSample as jest.MockedFunction<typeof readCsvSample>;

type PickerElement = HTMLElement & {
  credential: string;
  path: string;
  columns: InsightsSync.ReportColumn[];
};

type FormElement = HTMLElement & {
  value: string;
  disabled: boolean;
  label: string;
  options: { label: string; value: string }[];
};

const CREDENTIALS: InsightsSync.CsvCredentialOption[] = [
  { apiName: 'Export_Bucket', label: 'Export bucket', endpoint: 'https://b.s3.amazonaws.com' },
  { apiName: 'acme__Blob', label: 'Blob exports' }
];

const SAMPLE: InsightsSync.CsvExportSample = {
  filePath: 'exports/logins.csv',
  columns: [
    { name: 'User ID', label: 'User ID', type: 'string' },
    { name: 'Last login', label: 'Last login', type: 'datetime' },
    { name: 'Logins', label: 'Logins', type: 'integer' }
  ],
  rows: [
    ['u-1001', '2026-11-24T16:02:11Z', '42'],
    ['u-1002', null as unknown as string, '7']
  ],
  rowProblems: [],
  hasMoreRows: false
};

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function apexError(message: string): { body: { message: string }; status: number } {
  return { body: { message }, status: 500 };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function mount(props: Partial<PickerElement> = {}): Promise<PickerElement> {
  const element = createElement('c-csv-source-picker', { is: CsvSourcePicker }) as PickerElement;
  Object.assign(element, props);
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function find<T extends HTMLElement = FormElement>(element: HTMLElement, selector: string): T {
  return element.shadowRoot!.querySelector<T>(selector) as T;
}

function texts(element: HTMLElement, selector: string): string[] {
  return Array.from(element.shadowRoot!.querySelectorAll(selector)).map((node) =>
    (node.textContent ?? '').trim()
  );
}

function change(target: HTMLElement, value: string): void {
  target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function recordChanges(element: HTMLElement): CsvSourceChangeDetail[] {
  const details: CsvSourceChangeDetail[] = [];
  element.addEventListener('csvsourcechange', (event) => {
    details.push((event as CustomEvent<CsvSourceChangeDetail>).detail);
  });
  return details;
}

async function chooseAndRead(element: HTMLElement): Promise<void> {
  change(find(element, '[data-id="credential"]'), 'Export_Bucket');
  change(find(element, '[data-id="path"]'), ' exports/logins.csv ');
  await flushPromises();
  find(element, '[data-id="read"]').click();
  await flushPromises();
}

describe('c-csv-source-picker', () => {
  beforeEach(() => {
    getCsvCredentialsMock.mockResolvedValue(CREDENTIALS);
    readCsvSampleMock.mockResolvedValue(SAMPLE);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows a spinner while the Named Credentials load', async () => {
    getCsvCredentialsMock.mockReturnValue(new Promise(() => undefined));
    const element = createElement('c-csv-source-picker', { is: CsvSourcePicker });
    document.body.appendChild(element);
    await Promise.resolve();

    const spinner = find(element, 'lightning-spinner') as FormElement & {
      alternativeText: string;
    };
    expect(spinner.alternativeText).toBe('Loading the Named Credentials');
  });

  it('offers the credentials with their URLs, the read button disabled until a path is entered', async () => {
    const element = await mount();

    const credential = find(element, '[data-id="credential"]');
    expect(credential.label).toBe('Named Credential');
    expect(credential.options).toEqual([
      { value: 'Export_Bucket', label: 'Export bucket (https://b.s3.amazonaws.com)' },
      { value: 'acme__Blob', label: 'Blob exports' }
    ]);
    expect(find(element, '[data-id="read"]').disabled).toBe(true);
    expect(find(element, 'lightning-spinner')).toBeNull();
  });

  it('keeps a saved credential that is no longer listed visible', async () => {
    const element = await mount({ credential: 'Old_Bucket', path: 'a.csv' });

    expect(find(element, '[data-id="credential"]').options[0]).toEqual({
      value: 'Old_Bucket',
      label: 'Old_Bucket'
    });
  });

  it('takes a typed API name when the credentials cannot be listed, saying why', async () => {
    getCsvCredentialsMock.mockRejectedValue(
      apexError('Your user cannot list the org\u2019s Named Credentials.')
    );
    const element = await mount();
    const changes = recordChanges(element);

    expect(find(element, '[data-id="credential"]')).toBeNull();
    expect(texts(element, '[data-id="credential-notice"]')).toEqual([
      'Your user cannot list the org\u2019s Named Credentials.'
    ]);
    change(find(element, '[data-id="credential-name"]'), ' Typed_Bucket ');
    expect(changes[0]).toEqual({ credential: 'Typed_Bucket', path: '', columns: [] });
  });

  it('says how to go on when the org has no credential to offer', async () => {
    getCsvCredentialsMock.mockResolvedValue([]);
    const element = await mount();

    expect(find(element, '[data-id="credential-name"]').label).toBe('Named Credential API name');
    expect(texts(element, '[data-id="credential-notice"]')[0]).toContain(
      'No Named Credential of this org can be used for a CSV export.'
    );
  });

  it('reads the columns, proposes their types, shows the sample and announces the source', async () => {
    const element = await mount();
    const changes = recordChanges(element);

    await chooseAndRead(element);

    expect(readCsvSampleMock).toHaveBeenCalledWith({
      namedCredential: 'Export_Bucket',
      filePath: 'exports/logins.csv'
    });
    const types = Array.from(
      element.shadowRoot!.querySelectorAll<FormElement>('[data-column]')
    ).map((box) => [box.label, box.value]);
    expect(types).toEqual([
      ['Type of User ID', 'string'],
      ['Type of Last login', 'datetime'],
      ['Type of Logins', 'integer']
    ]);
    expect(texts(element, '[data-id="sample"] th')).toEqual(['User ID', 'Last login', 'Logins']);
    expect(texts(element, '[data-id="sample"] tbody tr:nth-child(2) td')).toEqual([
      'u-1002',
      '',
      '7'
    ]);
    expect(texts(element, '[data-id="sample"] caption')).toEqual(['First 2 rows of the file']);
    expect(find(element, '[data-id="columns-proposed"]')).not.toBeNull();
    expect(changes.at(-1)).toEqual({
      credential: 'Export_Bucket',
      path: 'exports/logins.csv',
      columns: SAMPLE.columns
    });
  });

  it('shows a spinner and disables the button while the file is read', async () => {
    const answer = deferred<InsightsSync.CsvExportSample>();
    readCsvSampleMock.mockReturnValue(answer.promise);
    const element = await mount({ credential: 'Export_Bucket', path: 'exports/logins.csv' });

    find(element, '[data-id="read"]').click();
    await Promise.resolve();

    expect(find(element, '[data-id="read"]').disabled).toBe(true);
    expect(
      (find(element, 'lightning-spinner') as FormElement & { alternativeText: string })
        .alternativeText
    ).toBe('Reading the export file');
    answer.resolve(SAMPLE);
    await flushPromises();
    expect(find(element, 'lightning-spinner')).toBeNull();
  });

  it('announces a changed type', async () => {
    const element = await mount();
    await chooseAndRead(element);
    const changes = recordChanges(element);

    change(find(element, '[data-column="Logins"]'), 'number');

    expect(changes).toHaveLength(1);
    expect(changes[0].columns.map((column) => column.type)).toEqual([
      'string',
      'datetime',
      'number'
    ]);
  });

  it('forgets the columns when the path changes, until they are read again', async () => {
    const element = await mount();
    await chooseAndRead(element);
    const changes = recordChanges(element);

    change(find(element, '[data-id="path"]'), 'exports/other.csv');
    await flushPromises();

    expect(find(element, '[data-id="columns"]')).toBeNull();
    expect(find(element, '[data-id="sample"]')).toBeNull();
    expect(changes).toEqual([
      { credential: 'Export_Bucket', path: 'exports/other.csv', columns: [] }
    ]);
  });

  it('shows why the file could not be read, one message a line', async () => {
    readCsvSampleMock.mockRejectedValue(
      apexError(
        'There is no file "exports/logins.csv" behind Named Credential Export_Bucket (HTTP 404).'
      )
    );
    const element = await mount();

    await chooseAndRead(element);

    expect(texts(element, '[data-id="read-errors"] p')).toEqual([
      'There is no file "exports/logins.csv" behind Named Credential Export_Bucket (HTTP 404).'
    ]);
    expect(find(element, '[data-id="columns"]')).toBeNull();
  });

  it('lists the lines of the sample that were not read', async () => {
    readCsvSampleMock.mockResolvedValue({
      ...SAMPLE,
      hasMoreRows: true,
      rowProblems: ['Line 3 has 4 cells where the header has 3 columns; the row was not read.']
    });
    const element = await mount();

    await chooseAndRead(element);

    expect(texts(element, '[data-id="row-problems"] p')).toEqual([
      'Line 3 has 4 cells where the header has 3 columns; the row was not read.'
    ]);
    expect(texts(element, '[data-id="sample"] caption')).toEqual([
      'First 2 rows of the file, more follow'
    ]);
  });

  it('shows the columns saved with an edited integration until the file is read again', async () => {
    const element = await mount({
      credential: 'Export_Bucket',
      path: 'exports/logins.csv',
      columns: [{ name: 'Logins', label: 'Logins', type: 'integer' }]
    });

    expect(find(element, '[data-id="columns-from-save"]')).not.toBeNull();
    expect(find(element, '[data-column="Logins"]').value).toBe('integer');
    expect(find(element, '[data-id="read"]').disabled).toBe(false);
    expect(find(element, '[data-id="sample"]')).toBeNull();
  });

  it('ignores an answer for a path the admin has changed since', async () => {
    const answer = deferred<InsightsSync.CsvExportSample>();
    readCsvSampleMock.mockReturnValue(answer.promise);
    const element = await mount({ credential: 'Export_Bucket', path: 'exports/logins.csv' });

    find(element, '[data-id="read"]').click();
    change(find(element, '[data-id="path"]'), 'exports/other.csv');
    answer.resolve(SAMPLE);
    await flushPromises();

    expect(find(element, '[data-id="columns"]')).toBeNull();
  });
});
