import { createElement } from 'lwc';
import WizardReportStep from 'c/wizardReportStep';
import type { ReportStepChangeDetail } from 'c/wizardRules';

jest.mock(
  '@salesforce/apex/IntegrationController.getCsvCredentials',
  () => ({ default: jest.fn(() => Promise.resolve([])) }),
  { virtual: true }
);
jest.mock('@salesforce/apex/IntegrationController.readCsvSample', () => ({ default: jest.fn() }), {
  virtual: true
});
// The ready-made report panel the step holds asks for these; Jest's own stubs answer nothing.
jest.mock(
  '@salesforce/apex/IntegrationController.getTemplates',
  () => ({ default: jest.fn(() => Promise.resolve([])) }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.getFieldRequestText',
  () => ({ default: jest.fn(() => Promise.resolve('')) }),
  { virtual: true }
);

const CONNECTIONS = jest.requireActual<InsightsSync.InsightsConnectionStatus[]>(
  './data/getConnections.json'
);
const REPORTS = jest.requireActual<InsightsSync.InsightsReport[]>('./data/getReports.json');
const OBJECTS = jest.requireActual<InsightsSync.CatalogObject[]>('./data/getObjects.json');
const LEAD = jest.requireActual<InsightsSync.ObjectDescription>('./data/describeLead.json');

/** The properties of the base-component stubs the tests read (LWC sets them, not attributes). */
type FormElement = HTMLElement & {
  value: string;
  disabled: boolean;
  readOnly: boolean;
  label: string;
  fieldLevelHelp: string;
  options: { label: string; value: string }[];
  alternativeText: string;
};
type StepElement = HTMLElement & Record<string, unknown> & { focusHeading(): void };

/** A report step of a new integration reading Europe, its reports read. */
async function render(values: Record<string, unknown> = {}): Promise<StepElement> {
  const element = createElement('c-wizard-report-step', { is: WizardReportStep });
  Object.assign(element, {
    connections: CONNECTIONS,
    connectionRegion: 'EU',
    reports: REPORTS,
    reportsRegion: 'EU',
    objects: OBJECTS,
    frequency: 'Daily',
    scheduleTimeUtc: '08:00',
    ...values
  });
  document.body.appendChild(element);
  await Promise.resolve();
  return element as unknown as StepElement;
}

/** Sets properties as the wizard does after a change, and lets the step render again. */
async function update(element: StepElement, values: Record<string, unknown>): Promise<void> {
  Object.assign(element, values);
  await Promise.resolve();
}

function find<T extends HTMLElement = FormElement>(
  element: HTMLElement,
  selector: string
): T | null {
  return element.shadowRoot?.querySelector<T>(selector) ?? null;
}

function query<T extends HTMLElement = FormElement>(element: HTMLElement, selector: string): T {
  const found = find<T>(element, selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function text(element: HTMLElement, selector: string): string {
  return query(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function lines(element: HTMLElement, selector: string): string[] {
  return Array.from(query(element, selector).querySelectorAll('p')).map(
    (line) => line.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

function collect(element: HTMLElement): ReportStepChangeDetail[] {
  const details: ReportStepChangeDetail[] = [];
  element.addEventListener('settingchange', (event) => {
    details.push((event as CustomEvent<ReportStepChangeDetail>).detail);
  });
  return details;
}

/** Types into or chooses in a base component the way it reports input: `change`. */
function choose(element: HTMLElement, selector: string, value: string): void {
  query(element, selector).dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-wizard-report-step', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('announces every setting the admin changes, with its value', async () => {
    const element = await render();
    const changes = collect(element);

    choose(element, 'lightning-input[data-id="label"]', 'Lead logins');
    choose(element, 'lightning-input[data-id="api-name"]', 'Lead_Logins_EU');
    choose(element, 'lightning-combobox[data-id="report"]', 'rpt-logins-001');
    choose(element, 'lightning-input[data-id="object-search"]', 'lead');
    choose(element, 'lightning-combobox[data-id="object"]', 'Lead');
    choose(element, 'lightning-combobox[data-id="frequency"]', 'Daily');
    choose(element, 'lightning-combobox[data-id="schedule-time"]', '06:00');

    expect(changes).toEqual([
      { field: 'label', value: 'Lead logins' },
      { field: 'apiName', value: 'Lead_Logins_EU' },
      { field: 'reportId', value: 'rpt-logins-001' },
      { field: 'objectSearch', value: 'lead' },
      { field: 'targetObject', value: 'Lead' },
      { field: 'frequency', value: 'Daily' },
      { field: 'scheduleTimeUtc', value: '06:00' }
    ]);
  });

  it('announces the key pair and the weekday', async () => {
    const element = await render({
      reportId: 'rpt-logins-001',
      targetObject: 'Lead',
      description: LEAD,
      frequency: 'Weekly'
    });
    const changes = collect(element);

    choose(element, 'lightning-combobox[data-id="key-column"]', 'email');
    choose(element, 'lightning-combobox[data-id="key-field"]', 'Email');
    choose(element, 'lightning-combobox[data-id="weekday"]', 'Friday');

    expect(changes).toEqual([
      { field: 'reportKeyColumn', value: 'email' },
      { field: 'objectKeyField', value: 'Email' },
      { field: 'scheduleWeekday', value: 'Friday' }
    ]);
  });

  it('hands the template panel the chosen object and its fields, and passes its choice on', async () => {
    const element = await render({
      targetObject: 'Lead',
      description: LEAD,
      templateKey: 'logins'
    });
    const panel = query<HTMLElement & Record<string, unknown>>(element, 'c-report-template-panel');
    expect(panel.objectApiName).toBe('Lead');
    expect(panel.templateKey).toBe('logins');
    expect(panel.fields).toEqual(LEAD.fields);
    const heard: unknown[] = [];
    element.addEventListener('templatechange', (event) => {
      heard.push((event as CustomEvent).detail);
    });
    const detail = { templateKey: 'nps', pairs: [{ column: 'score', field: 'Rating' }] };
    panel.dispatchEvent(new CustomEvent('templatechange', { detail }));

    expect(heard).toEqual([detail]);
  });

  it('shows the CSV export picker instead of the report, and keys on the columns read', async () => {
    const columns = [
      { name: 'Email', label: 'Email', type: 'string' },
      { name: 'Logins', label: 'Logins', type: 'integer' }
    ];
    const element = await render({
      sourceType: 'CSV Export',
      csvCredential: 'Export_Bucket',
      csvPath: 'exports/logins.csv',
      csvColumns: columns
    });

    const picker = query<HTMLElement & Record<string, unknown>>(element, 'c-csv-source-picker');
    expect([picker.credential, picker.path, picker.columns]).toEqual([
      'Export_Bucket',
      'exports/logins.csv',
      columns
    ]);
    expect(query(element, '[data-id="report-section"]').hidden).toBe(true);
    expect(
      query(element, 'lightning-combobox[data-id="key-column"]').options.map(
        (option) => option.value
      )
    ).toEqual(['Email', 'Logins']);
    const heard: unknown[] = [];
    element.addEventListener('csvsourcechange', (event) => {
      heard.push((event as CustomEvent).detail);
    });
    const detail = { credential: 'Export_Bucket', path: 'exports/other.csv', columns: [] };
    picker.dispatchEvent(new CustomEvent('csvsourcechange', { detail }));
    expect(heard).toEqual([detail]);
  });

  it('shows no CSV picker for the Insights API', async () => {
    const element = await render();

    expect(find(element, 'c-csv-source-picker')).toBeNull();
    expect(query(element, '[data-id="report-section"]').hidden).toBe(false);
  });

  it('offers the reports of the region', async () => {
    const element = await render();

    expect(query(element, 'lightning-combobox[data-id="report"]').options).toEqual(
      REPORTS.map((report) => ({ value: report.id, label: report.name }))
    );
    expect(query(element, 'lightning-combobox[data-id="report"]').disabled).toBe(false);
  });

  it('shows a spinner naming the region while its reports load', async () => {
    const element = await render({ reports: [], reportsRegion: '', loadingReports: true });

    expect(query(element, '[data-id="report-section"] lightning-spinner').alternativeText).toBe(
      'Loading the reports of Europe'
    );
    expect(query(element, 'lightning-combobox[data-id="report"]').disabled).toBe(true);

    await update(element, { reports: REPORTS, reportsRegion: 'EU', loadingReports: false });
    expect(find(element, '[data-id="report-section"] lightning-spinner')).toBeNull();
  });

  it('shows why the reports could not be read, in the report section, and asks to try again', async () => {
    const element = await render({
      reports: [],
      reportsRegion: '',
      reportErrors: [
        'WalkMe refused the client id and secret (HTTP 401).',
        'Connect Europe again in the Connection panel.'
      ]
    });
    const retries: unknown[] = [];
    element.addEventListener('retryreports', (event) => retries.push(event));

    const errors = query(element, '[data-id="report-errors"]');
    expect(errors.getAttribute('role')).toBe('alert');
    expect(lines(element, '[data-id="report-errors"]')).toEqual([
      'WalkMe refused the client id and secret (HTTP 401).',
      'Connect Europe again in the Connection panel.'
    ]);
    expect(query(element, '[data-id="report-section"]').contains(errors)).toBe(true);

    query(element, 'lightning-button[data-action="retry-reports"]').click();

    expect(retries).toHaveLength(1);
  });

  it('says so when the region has no report tagged for Salesforce', async () => {
    const element = await render({ reports: [] });

    expect(text(element, '[data-id="no-reports"]')).toContain(
      'No report of Europe is tagged integrations_salesforce'
    );
  });

  it('names the saved report its region no longer offers', async () => {
    const element = await render({ reportId: 'rpt-gone-009', savedReportName: 'Old logins' });

    expect(text(element, '[data-id="missing-report"]')).toBe(
      'The report "Old logins" is no longer tagged for Salesforce in Europe. Tag it in Insights again, or choose another report.'
    );
  });

  it('shows the API name, editable for a new integration, with what is wrong with it', async () => {
    const element = await render({ label: 'Lead logins', apiName: 'Lead__Logins_' });

    const apiName = query(element, 'lightning-input[data-id="api-name"]');
    expect(apiName.value).toBe('Lead__Logins_');
    expect(apiName.readOnly).toBe(false);
    expect(apiName.fieldLevelHelp).toContain('Letters, digits and single underscores');
    expect(text(element, '[data-id="api-name-problem"]')).toContain(
      'Use letters, digits and single underscores'
    );

    await update(element, { apiName: 'Lead_Logins' });
    expect(find(element, '[data-id="api-name-problem"]')).toBeNull();
  });

  it('shows under the API name that an integration has it, and clears it when the wizard does', async () => {
    const element = await render({ label: 'Lead logins', apiName: 'Lead_Logins' });
    expect(find(element, '[data-id="api-name-taken"]')).toBeNull();

    await update(element, {
      apiNameError:
        'An integration with the API name "Lead_Logins" already exists (it may be archived). ' +
        'Choose another API name.'
    });
    const taken = query(element, '[data-id="api-name-taken"]');
    expect(text(element, '[data-id="api-name-taken"]')).toBe(
      'An integration with the API name "Lead_Logins" already exists (it may be archived). ' +
        'Choose another API name.'
    );
    // In an alert region beside the field: read out when it appears.
    expect(taken.parentElement?.getAttribute('role')).toBe('alert');

    await update(element, { apiName: 'Lead_Logins_EU', apiNameError: '' });
    expect(find(element, '[data-id="api-name-taken"]')).toBeNull();
  });

  it('keeps the API name of a saved integration read-only and announces no change of it', async () => {
    const element = await render({ isEditing: true, label: 'Lead logins', apiName: 'Lead_Logins' });
    const changes = collect(element);

    const apiName = query(element, 'lightning-input[data-id="api-name"]');
    expect(apiName.readOnly).toBe(true);
    expect(apiName.fieldLevelHelp).toBe(
      'The API name identifies the integration and cannot change once it is saved.'
    );
    choose(element, 'lightning-input[data-id="api-name"]', 'Other');

    expect(changes).toEqual([]);
  });

  it('filters the objects by label or API name', async () => {
    const element = await render();
    const objectValues = (): string[] =>
      query(element, 'lightning-combobox[data-id="object"]').options.map((option) => option.value);
    expect(objectValues()).toEqual(OBJECTS.map((object) => object.apiName));
    expect(text(element, '[data-id="object-count"]')).toBe('6 objects you can update');

    await update(element, { objectSearch: 'LEAD' });
    expect(objectValues()).toEqual(['Lead', 'Lead_Score__c']);
    expect(text(element, '[data-id="object-count"]')).toBe('2 of 6 objects match "LEAD"');

    await update(element, { objectSearch: 'health__c' });
    expect(objectValues()).toEqual(['Customer_Health__c']);
    expect(query(element, 'lightning-combobox[data-id="object"]').options[0].label).toBe(
      'Customer health (Customer_Health__c)'
    );
  });

  it('keeps the chosen object offered while the search hides the others', async () => {
    const element = await render({ targetObject: 'Lead', objectSearch: 'opportunity' });

    expect(
      query(element, 'lightning-combobox[data-id="object"]').options.map((option) => option.value)
    ).toEqual(['Lead', 'Opportunity']);
  });

  it('offers the described object’s key fields, key candidates first, and the report’s columns', async () => {
    const element = await render({
      reportId: 'rpt-logins-001',
      targetObject: 'Lead',
      description: LEAD
    });

    const keyField = query(element, 'lightning-combobox[data-id="key-field"]');
    expect(keyField.options).toEqual([
      {
        value: 'Email',
        label: 'Email (Email) · ID lookup'
      },
      {
        value: 'WalkMe_User_Id__c',
        label: 'WalkMe user ID (WalkMe_User_Id__c) · ID lookup'
      },
      {
        value: 'Company',
        label: 'Company (Company) · not unique'
      }
    ]);
    expect(keyField.label).toBe('Key field on Lead');
    expect(keyField.disabled).toBe(false);
    expect(
      query(element, 'lightning-combobox[data-id="key-column"]').options.map(
        (option) => option.value
      )
    ).toEqual(['user_id', 'email', 'first_login', 'last_login', 'logins_last_30_days']);
  });

  it('warns when the key field does not identify a record', async () => {
    const element = await render({
      reportId: 'rpt-logins-001',
      targetObject: 'Lead',
      description: LEAD,
      reportKeyColumn: 'email',
      objectKeyField: 'Company'
    });

    expect(text(element, '[data-id="key-pair-warning"]')).toBe(
      'Not unique: several records may share a Company.'
    );
    expect(find(element, '[data-id="key-pair-refused"]')).toBeNull();
  });

  it('refuses a key pair whose types cannot match, and offers no field a date could match', async () => {
    const element = await render({
      reportId: 'rpt-logins-001',
      targetObject: 'Lead',
      description: LEAD,
      reportKeyColumn: 'first_login',
      objectKeyField: 'Email'
    });

    expect(text(element, '[data-id="key-pair-refused"]')).toContain(
      'The key column "first_login" holds'
    );
    expect(find(element, '[data-id="key-pair-warning"]')).toBeNull();
    // Only the chosen field stays offered, so the box can still show it.
    expect(
      query(element, 'lightning-combobox[data-id="key-field"]').options.map(
        (option) => option.value
      )
    ).toEqual(['Email']);
  });

  it('says nothing of a key pair that identifies a record', async () => {
    const element = await render({
      reportId: 'rpt-logins-001',
      targetObject: 'Lead',
      description: LEAD,
      reportKeyColumn: 'email',
      objectKeyField: 'Email'
    });

    expect(find(element, '[data-id="key-pair-warning"]')).toBeNull();
    expect(find(element, '[data-id="key-pair-refused"]')).toBeNull();
  });

  it('shows a spinner while the object is described', async () => {
    const element = await render({ targetObject: 'Lead', describing: true });

    expect(query(element, '[data-id="key-section"] lightning-spinner').alternativeText).toBe(
      'Loading the fields of Lead'
    );
    expect(query(element, 'lightning-combobox[data-id="key-field"]').disabled).toBe(true);
    expect(query(element, 'lightning-combobox[data-id="key-column"]').disabled).toBe(true);
  });

  it('shows why the object could not be described, in the step', async () => {
    const element = await render({
      targetObject: 'Lead',
      describeErrors: ['You cannot read the object Lead. Ask your admin for access.']
    });

    expect(lines(element, '[data-id="describe-errors"]')).toEqual([
      'You cannot read the object Lead. Ask your admin for access.'
    ]);
    expect(query(element, 'lightning-combobox[data-id="key-field"]').disabled).toBe(true);
  });

  it('shows why the objects could not be listed, in the step', async () => {
    const element = await render({ objects: [], objectErrors: ['The request timed out.'] });

    expect(lines(element, '[data-id="object-errors"]')).toEqual(['The request timed out.']);
  });

  it('asks for the weekday of weekly runs and no time for hourly ones', async () => {
    const element = await render();
    expect(query(element, 'lightning-combobox[data-id="schedule-time"]').value).toBe('08:00');
    expect(find(element, '[data-id="weekday"]')).toBeNull();

    await update(element, { frequency: 'Weekly' });
    expect(query(element, 'lightning-combobox[data-id="weekday"]').options).toHaveLength(7);

    await update(element, { frequency: 'Hourly' });
    expect(find(element, '[data-id="schedule-time"]')).toBeNull();
    expect(text(element, '[data-id="hourly-note"]')).toContain('every hour');
  });

  it('offers the whole hours of a UTC day as the time, 00:00 to 23:00', async () => {
    const element = await render();
    const time = query(element, 'lightning-combobox[data-id="schedule-time"]');

    expect(time.label).toBe('Time (UTC)');
    expect(time.options).toHaveLength(24);
    expect(time.options[0]).toEqual({ value: '00:00', label: '00:00' });
    expect(time.options[23]).toEqual({ value: '23:00', label: '23:00' });
    expect(time.options.every((option: { value: string }) => option.value.endsWith(':00'))).toBe(
      true
    );
    expect(find(element, '[data-id="time-problem"]')).toBeNull();
  });

  it('names a saved time that is not on the hour and the hour it runs at', async () => {
    const element = await render({ scheduleTimeUtc: '08:30' });

    expect(text(element, '[data-id="time-problem"]')).toBe(
      'The saved time 08:30 is not on the hour: runs start when the hourly dispatcher passes, at the top of each hour, so it runs at 08:00. Choose a whole hour.'
    );
  });

  it('asks for a whole hour when the time cannot be read', async () => {
    const element = await render({ scheduleTimeUtc: '25:00' });

    expect(text(element, '[data-id="time-problem"]')).toBe(
      'Choose a time on the hour, from 00:00 to 23:00.'
    );
  });

  it('moves the focus to its heading when asked', async () => {
    const element = await render();

    element.focusHeading();

    expect(element.shadowRoot?.activeElement).toBe(
      query<HTMLElement>(element, '[data-id="heading-report"]')
    );
  });
});
