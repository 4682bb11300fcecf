import { createElement } from 'lwc';
import { onError, subscribe, unsubscribe, type EmpMessage } from 'lightning/empApi';
import IntegrationWizard, { SAVE_TIMEOUT_MS } from 'c/integrationWizard';
import getEnvironment from '@salesforce/apex/ConnectionController.getEnvironment';
import getConnections from '@salesforce/apex/ConnectionController.getConnections';
import getIntegration from '@salesforce/apex/IntegrationController.getIntegration';
import getReports from '@salesforce/apex/IntegrationController.getReports';
import getObjects from '@salesforce/apex/IntegrationController.getObjects';
import describeObject from '@salesforce/apex/IntegrationController.describeObject';
import getCompatibility from '@salesforce/apex/IntegrationController.getCompatibility';
import saveIntegration from '@salesforce/apex/IntegrationController.saveIntegration';
import previewIntegration from '@salesforce/apex/IntegrationController.previewIntegration';
import getSaveEventChannel from '@salesforce/apex/IntegrationController.getSaveEventChannel';
import getCsvCredentials from '@salesforce/apex/IntegrationController.getCsvCredentials';

jest.mock('@salesforce/apex/ConnectionController.getEnvironment', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/ConnectionController.getConnections', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/IntegrationController.getIntegration', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/IntegrationController.getReports', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/IntegrationController.getObjects', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/IntegrationController.describeObject', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/IntegrationController.getCompatibility',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.saveIntegration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.previewIntegration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.getSaveEventChannel',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

jest.mock(
  '@salesforce/apex/IntegrationController.getCsvCredentials',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/IntegrationController.readCsvSample', () => ({ default: jest.fn() }), {
  virtual: true
});

type FieldMapping = InsightsSync.FieldMapping;
type IntegrationDefinition = InsightsSync.IntegrationDefinition;

const ENVIRONMENT = jest.requireActual<InsightsSync.ConsoleEnvironment>(
  './data/getEnvironment.json'
);
const CONNECTIONS = jest.requireActual<InsightsSync.InsightsConnectionStatus[]>(
  './data/getConnections.json'
);
const REPORTS = jest.requireActual<InsightsSync.InsightsReport[]>('./data/getReports.json');
const OBJECTS = jest.requireActual<InsightsSync.CatalogObject[]>('./data/getObjects.json');
const LEAD = jest.requireActual<InsightsSync.ObjectDescription>('./data/describeLead.json');
const COMPATIBILITY = jest.requireActual<Record<string, string[]>>('./data/getCompatibility.json');
const INTEGRATION = jest.requireActual<IntegrationDefinition>('./data/getIntegration.json');
const PREVIEW = jest.requireActual<InsightsSync.SyncPreviewResult>(
  './data/previewIntegration.json'
);
// As describe answers in an org where the package's namespace is `insync`.
const SAVE_EVENT = jest.requireActual<InsightsSync.SaveEventChannel>(
  './data/getSaveEventChannel.json'
);

const getEnvironmentMock = getEnvironment as jest.MockedFunction<typeof getEnvironment>;
const getConnectionsMock = getConnections as jest.MockedFunction<typeof getConnections>;
const getIntegrationMock = getIntegration as jest.MockedFunction<typeof getIntegration>;
const getReportsMock = getReports as jest.MockedFunction<typeof getReports>;
const getObjectsMock = getObjects as jest.MockedFunction<typeof getObjects>;
const describeObjectMock = describeObject as jest.MockedFunction<typeof describeObject>;
const getCompatibilityMock = getCompatibility as jest.MockedFunction<typeof getCompatibility>;
const saveIntegrationMock = saveIntegration as jest.MockedFunction<typeof saveIntegration>;
const previewIntegrationMock = previewIntegration as jest.MockedFunction<typeof previewIntegration>;
const getSaveEventChannelMock = getSaveEventChannel as jest.MockedFunction<
  typeof getSaveEventChannel
>;
const getCsvCredentialsMock = getCsvCredentials as jest.MockedFunction<typeof getCsvCredentials>;
const subscribeMock = subscribe as unknown as jest.Mock;
const unsubscribeMock = unsubscribe as unknown as jest.Mock;
const onErrorMock = onError as unknown as jest.Mock;

/** The deployment id as saveIntegration returns it (18 characters)… */
const JOB_ID = '0Af5g00000XyZ12CAB';
/** …and as the event may carry it (15 characters). */
const JOB_ID_15 = '0Af5g00000XyZ12';
const OTHER_JOB_ID = '0Af5g00000OtHeRCAB';

const FIRST_LOGIN: FieldMapping = {
  column: 'first_login',
  columnType: 'datetime',
  field: 'WalkMe_First_Login__c'
};
const LOGINS_30_DAYS: FieldMapping = {
  column: 'logins_last_30_days',
  columnType: 'integer',
  field: 'WalkMe_Logins_Last_30_Days__c'
};

/** The properties of the base-component stubs the tests read (LWC sets them, not attributes). */
type FormElement = HTMLElement & {
  value: string;
  disabled: boolean;
  readOnly: boolean;
  label: string;
  options: { label: string; value: string }[];
  alternativeText: string;
};

/** Lets every pending promise (and the re-render that follows) settle. */
function flushPromises(): Promise<void> {
  // A macrotask runs after every queued microtask, however long the chain of awaits.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The same, with fake timers: only microtasks, a chain of a good many of them. */
function flushMicrotasks(): Promise<void> {
  let chain = Promise.resolve();
  for (let turn = 0; turn < 50; turn += 1) {
    chain = chain.then(() => undefined);
  }
  return chain;
}

/** A promise the test settles when it wants, to look at the wizard while a call runs. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

async function render(developerName?: string): Promise<HTMLElement> {
  const element = createElement('c-integration-wizard', { is: IntegrationWizard });
  if (developerName) {
    (element as unknown as { developerName: string }).developerName = developerName;
  }
  document.body.appendChild(element);
  await flushPromises();
  return element;
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

function lines(element: HTMLElement, selector: string, item = 'p'): string[] {
  return Array.from(query(element, selector).querySelectorAll(item)).map(
    (line) => line.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

function button(element: HTMLElement, action: string): FormElement {
  return query(element, `lightning-button[data-action="${action}"]`);
}

function header(element: HTMLElement, step: string): HTMLButtonElement {
  return query<HTMLButtonElement>(element, `button[data-step="${step}"]`);
}

function currentStep(element: HTMLElement): string | undefined {
  return find<HTMLElement>(element, 'button[aria-current="step"]')?.dataset.step;
}

function editor(element: HTMLElement): HTMLElement {
  return query<HTMLElement>(element, 'c-mapping-editor');
}

/** Rows the real c-mapping-editor renders. */
function editorRows(element: HTMLElement): HTMLElement[] {
  return Array.from(
    editor(element).shadowRoot?.querySelectorAll<HTMLElement>('[data-id="mapping-row"]') ?? []
  );
}

/** Clicks the X of the editor's first row until no row is left. */
async function removeEveryRow(element: HTMLElement): Promise<void> {
  const remove = editorRows(element)[0]?.querySelector<HTMLElement>('[data-action="remove-row"]');
  if (!remove) {
    return;
  }
  await click(remove);
  await removeEveryRow(element);
}

/** Types into or chooses in a base component the way it reports input: `value`, then `change`. */
async function choose(element: HTMLElement, selector: string, value: string): Promise<void> {
  const field = query(element, selector);
  field.value = value;
  field.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

async function click(target: HTMLElement): Promise<void> {
  target.click();
  await flushPromises();
}

/** What the mapping editor announces after a change of its rows. */
async function changeMappings(element: HTMLElement, mappings: FieldMapping[]): Promise<void> {
  const completeMappings = mappings.filter((row) => row.column && row.columnType && row.field);
  editor(element).dispatchEvent(
    new CustomEvent('mappingchange', { detail: { mappings, completeMappings } })
  );
  await flushPromises();
}

async function completeEnvironment(element: HTMLElement, region = 'EU'): Promise<void> {
  await choose(element, 'lightning-radio-group[data-id="connection"]', region);
}

async function completeReportStep(element: HTMLElement): Promise<void> {
  await choose(element, 'lightning-input[data-id="label"]', 'Lead logins');
  await choose(element, 'lightning-combobox[data-id="report"]', 'rpt-logins-001');
  await choose(element, 'lightning-combobox[data-id="object"]', 'Lead');
  await choose(element, 'lightning-combobox[data-id="key-column"]', 'email');
  await choose(element, 'lightning-combobox[data-id="key-field"]', 'Email');
}

/** A new integration at the mapping step, Auto-map done by the real editor. */
async function reachMapping(): Promise<HTMLElement> {
  const element = await render();
  await completeEnvironment(element);
  await click(button(element, 'continue'));
  await completeReportStep(element);
  await click(button(element, 'continue'));
  return element;
}

/** The event Salesforce publishes when the deployment of a save finished. */
function publishSave(values: {
  jobId: string;
  success: boolean;
  message?: string;
  developerName?: string;
}): void {
  const onMessage = subscribeMock.mock.calls[0][2] as (message: EmpMessage) => void;
  onMessage({
    channel: SAVE_EVENT.channel,
    data: {
      payload: {
        [SAVE_EVENT.developerNameField]: values.developerName ?? 'Lead_logins',
        [SAVE_EVENT.deployJobIdField]: values.jobId,
        [SAVE_EVENT.successField]: values.success,
        [SAVE_EVENT.messageField]: values.message ?? ''
      }
    }
  });
}

function collect(element: HTMLElement, type: string): unknown[] {
  const details: unknown[] = [];
  element.addEventListener(type, (event) => {
    details.push((event as CustomEvent).detail);
  });
  return details;
}

/** The definition a new integration built by completeReportStep saves. */
function newDefinition(mappings: FieldMapping[]): IntegrationDefinition {
  return {
    developerName: 'Lead_logins',
    label: 'Lead logins',
    sourceType: 'Insights API',
    connectionRegion: 'EU',
    reportId: 'rpt-logins-001',
    reportName: 'Logins review',
    targetObject: 'Lead',
    reportKeyColumn: 'email',
    objectKeyField: 'Email',
    mappings,
    frequency: 'Daily',
    scheduleTimeUtc: '08:00',
    state: 'Active',
    matchPolicy: 'Update all',
    blankValuePolicy: 'Leave as is',
    isNew: true
  };
}

describe('c-integration-wizard', () => {
  beforeEach(() => {
    getEnvironmentMock.mockResolvedValue(ENVIRONMENT);
    getConnectionsMock.mockResolvedValue(CONNECTIONS);
    getReportsMock.mockResolvedValue(REPORTS);
    getObjectsMock.mockResolvedValue(OBJECTS);
    describeObjectMock.mockResolvedValue(LEAD);
    getCompatibilityMock.mockResolvedValue(COMPATIBILITY);
    // The saved integration the Edit tests open; any other name is free. (An org compares API
    // names without case; matching exactly keeps the fixture apart from the tests' new one.)
    getIntegrationMock.mockImplementation(({ developerName }) => {
      if (developerName === INTEGRATION.developerName) {
        return Promise.resolve(INTEGRATION);
      }
      return Promise.reject({
        body: { message: `There is no integration with the API name "${developerName}".` }
      });
    });
    getSaveEventChannelMock.mockResolvedValue(SAVE_EVENT);
    getCsvCredentialsMock.mockResolvedValue([
      { apiName: 'Export_Bucket', label: 'Export bucket', endpoint: 'https://b.s3.amazonaws.com' }
    ]);
    subscribeMock.mockResolvedValue({ channel: SAVE_EVENT.channel });
    unsubscribeMock.mockResolvedValue({});
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.clearAllMocks();
  });

  describe('step 1: environment', () => {
    it('shows the org and offers only the connected regions', async () => {
      const element = await render();

      expect(text(element, '[data-id="organization-name"]')).toBe('Acme Corporation');
      expect(text(element, '[data-id="instance-name"]')).toBe('CS42');
      expect(query(element, '[data-id="environment-type"]').label).toBe('Sandbox');
      expect(query(element, 'lightning-radio-group[data-id="connection"]').options).toEqual([
        { value: 'US', label: 'United States (api.walkme.com)' },
        { value: 'EU', label: 'Europe (eu-api.walkme.com)' }
      ]);
      expect(getIntegrationMock).not.toHaveBeenCalled();
    });

    it('says to connect a region and keeps Continue disabled when none is connected', async () => {
      getConnectionsMock.mockResolvedValue(
        CONNECTIONS.map((status) => ({ ...status, connected: false }))
      );
      const element = await render();

      expect(text(element, '[data-id="no-connection"]')).toContain(
        'Connect one under WalkMe Insights connections'
      );
      expect(find(element, 'lightning-radio-group[data-id="connection"]')).toBeNull();
      expect(button(element, 'continue').disabled).toBe(true);
      expect(header(element, 'report').disabled).toBe(true);
    });

    it('chooses the only connected region by itself and loads its reports', async () => {
      getConnectionsMock.mockResolvedValue(
        CONNECTIONS.map((status) => ({ ...status, connected: status.regionCode === 'US' }))
      );
      const element = await render();

      expect(query(element, 'lightning-radio-group[data-id="connection"]').value).toBe('US');
      expect(getReportsMock).toHaveBeenCalledWith({ regionCode: 'US' });
      expect(button(element, 'continue').disabled).toBe(false);
    });

    it('shows why the org or the connections could not be read in the step', async () => {
      getEnvironmentMock.mockRejectedValue({ body: { message: 'No access to the organization.' } });
      getConnectionsMock.mockRejectedValue({
        body: { message: 'The connections could not be read.\nAsk for Insights Sync Admin.' }
      });
      const element = await render();

      expect(lines(element, '[data-id="environment-errors"]')).toEqual([
        'No access to the organization.'
      ]);
      expect(lines(element, '[data-id="connection-errors"]')).toEqual([
        'The connections could not be read.',
        'Ask for Insights Sync Admin.'
      ]);
      expect(
        query(element, '[data-id="step-environment"]').contains(
          query(element, '[data-id="connection-errors"]')
        )
      ).toBe(true);
    });
  });

  describe('navigation', () => {
    it('marks the current step and opens later headers only when the steps before are complete', async () => {
      const element = await render();

      expect(currentStep(element)).toBe('environment');
      expect(header(element, 'environment').disabled).toBe(false);
      expect(header(element, 'report').disabled).toBe(true);
      expect(header(element, 'mapping').disabled).toBe(true);
      expect(header(element, 'report').getAttribute('aria-current')).toBeNull();
      expect(button(element, 'continue').disabled).toBe(true);
      expect(button(element, 'back').disabled).toBe(true);

      await completeEnvironment(element);

      expect(button(element, 'continue').disabled).toBe(false);
      expect(header(element, 'report').disabled).toBe(false);
      expect(header(element, 'mapping').disabled).toBe(true);
    });

    it('moves with Continue and Back', async () => {
      const element = await render();
      await completeEnvironment(element);

      await click(button(element, 'continue'));

      expect(currentStep(element)).toBe('report');
      expect(find(element, '[data-id="step-report"]')).not.toBeNull();
      expect(find(element, '[data-id="step-environment"]')).toBeNull();
      expect(button(element, 'continue').disabled).toBe(true);

      await click(button(element, 'back'));

      expect(currentStep(element)).toBe('environment');
      expect(find(element, '[data-id="step-environment"]')).not.toBeNull();
      expect(query(element, 'lightning-radio-group[data-id="connection"]').value).toBe('EU');
    });

    it('moves by clicking the step headers, which are buttons', async () => {
      const element = await render();
      await completeEnvironment(element);

      await click(header(element, 'report'));
      expect(currentStep(element)).toBe('report');
      expect(header(element, 'report').tagName).toBe('BUTTON');

      await completeReportStep(element);
      expect(header(element, 'mapping').disabled).toBe(false);

      await click(header(element, 'mapping'));
      expect(currentStep(element)).toBe('mapping');

      await click(header(element, 'environment'));
      expect(currentStep(element)).toBe('environment');
    });

    it('does not open a later step whose header is disabled', async () => {
      const element = await render();

      await click(header(element, 'mapping'));
      await click(button(element, 'continue'));

      expect(currentStep(element)).toBe('environment');
    });

    it('keeps Continue disabled until the report step is complete', async () => {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      const continueButton = (): FormElement => button(element, 'continue');

      await choose(element, 'lightning-input[data-id="label"]', 'Lead logins');
      expect(continueButton().disabled).toBe(true);
      await choose(element, 'lightning-combobox[data-id="report"]', 'rpt-logins-001');
      expect(continueButton().disabled).toBe(true);
      await choose(element, 'lightning-combobox[data-id="object"]', 'Lead');
      expect(continueButton().disabled).toBe(true);
      await choose(element, 'lightning-combobox[data-id="key-column"]', 'email');
      expect(continueButton().disabled).toBe(true);
      await choose(element, 'lightning-combobox[data-id="key-field"]', 'Email');
      expect(continueButton().disabled).toBe(false);

      await choose(element, 'lightning-combobox[data-id="frequency"]', 'Weekly');
      expect(continueButton().disabled).toBe(true);
      await choose(element, 'lightning-combobox[data-id="weekday"]', 'Monday');
      expect(continueButton().disabled).toBe(false);
    });

    it('fires cancel on Cancel', async () => {
      const element = await render();
      const cancels = collect(element, 'cancel');

      await click(button(element, 'cancel'));

      expect(cancels).toHaveLength(1);
    });
  });

  describe('step 2: report and object', () => {
    async function atReportStep(): Promise<HTMLElement> {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      return element;
    }

    it('loads the reports of the chosen region', async () => {
      const element = await render();
      await completeEnvironment(element, 'EU');
      expect(getReportsMock).toHaveBeenCalledWith({ regionCode: 'EU' });

      await completeEnvironment(element, 'US');
      expect(getReportsMock).toHaveBeenLastCalledWith({ regionCode: 'US' });
      expect(getReportsMock).toHaveBeenCalledTimes(2);

      await click(button(element, 'continue'));
      expect(query(element, 'lightning-combobox[data-id="report"]').options).toEqual(
        REPORTS.map((report) => ({ value: report.id, label: report.name }))
      );
    });

    it('shows a spinner naming the region while its reports load', async () => {
      const loading = deferred<InsightsSync.InsightsReport[]>();
      getReportsMock.mockReturnValue(loading.promise);
      const element = await atReportStep();

      expect(query(element, '[data-id="report-section"] lightning-spinner').alternativeText).toBe(
        'Loading the reports of Europe'
      );
      expect(query(element, 'lightning-combobox[data-id="report"]').disabled).toBe(true);

      loading.resolve(REPORTS);
      await flushPromises();
      expect(find(element, '[data-id="report-section"] lightning-spinner')).toBeNull();
    });

    it('shows a getReports error in the report step and tries again', async () => {
      getReportsMock.mockRejectedValueOnce({
        body: {
          message:
            'WalkMe refused the client id and secret (HTTP 401).\nConnect Europe again in the Connection panel.'
        }
      });
      const element = await atReportStep();

      const errors = query(element, '[data-id="report-errors"]');
      expect(errors.getAttribute('role')).toBe('alert');
      expect(lines(element, '[data-id="report-errors"]')).toEqual([
        'WalkMe refused the client id and secret (HTTP 401).',
        'Connect Europe again in the Connection panel.'
      ]);
      expect(query(element, '[data-id="report-section"]').contains(errors)).toBe(true);

      await click(button(element, 'retry-reports'));

      expect(getReportsMock).toHaveBeenCalledTimes(2);
      expect(find(element, '[data-id="report-errors"]')).toBeNull();
      expect(query(element, 'lightning-combobox[data-id="report"]').options).toHaveLength(5);
    });

    it('says so when the region has no report tagged for Salesforce', async () => {
      getReportsMock.mockResolvedValue([]);
      const element = await atReportStep();

      expect(text(element, '[data-id="no-reports"]')).toContain(
        'No report of Europe is tagged integrations_salesforce'
      );
    });

    it('derives the API name from the name until the admin types one', async () => {
      const element = await atReportStep();
      const apiName = (): string => query(element, 'lightning-input[data-id="api-name"]').value;

      await choose(element, 'lightning-input[data-id="label"]', 'Lead logins (daily) – Émea');
      expect(apiName()).toBe('Lead_logins_daily_Emea');

      await choose(element, 'lightning-input[data-id="label"]', '2026 logins');
      expect(apiName()).toBe('X2026_logins');

      await choose(element, 'lightning-input[data-id="api-name"]', 'Lead_Logins_EU');
      await choose(element, 'lightning-input[data-id="label"]', 'Lead logins in Europe');
      expect(apiName()).toBe('Lead_Logins_EU');
      expect(query(element, 'lightning-input[data-id="api-name"]').readOnly).toBe(false);
    });

    it('says what is wrong with a typed API name', async () => {
      const element = await atReportStep();

      await choose(element, 'lightning-input[data-id="api-name"]', 'Lead__Logins_');

      expect(text(element, '[data-id="api-name-problem"]')).toContain(
        'Use letters, digits and single underscores'
      );
    });

    it('filters the objects by label or API name', async () => {
      const element = await atReportStep();
      const objectValues = (): string[] =>
        query(element, 'lightning-combobox[data-id="object"]').options.map(
          (option) => option.value
        );
      expect(objectValues()).toEqual(OBJECTS.map((object) => object.apiName));

      await choose(element, 'lightning-input[data-id="object-search"]', 'LEAD');
      expect(objectValues()).toEqual(['Lead', 'Lead_Score__c']);
      expect(text(element, '[data-id="object-count"]')).toBe('2 of 6 objects match "LEAD"');

      await choose(element, 'lightning-input[data-id="object-search"]', 'health__c');
      expect(objectValues()).toEqual(['Customer_Health__c']);
      expect(query(element, 'lightning-combobox[data-id="object"]').options[0].label).toBe(
        'Customer health (Customer_Health__c)'
      );
    });

    it('keeps the chosen object offered while the search hides the others', async () => {
      const element = await atReportStep();
      await choose(element, 'lightning-combobox[data-id="object"]', 'Lead');

      await choose(element, 'lightning-input[data-id="object-search"]', 'opportunity');

      expect(
        query(element, 'lightning-combobox[data-id="object"]').options.map((option) => option.value)
      ).toEqual(['Lead', 'Opportunity']);
    });

    it('describes the chosen object and offers its key fields, key candidates first', async () => {
      const element = await atReportStep();
      await choose(element, 'lightning-combobox[data-id="report"]', 'rpt-logins-001');

      await choose(element, 'lightning-combobox[data-id="object"]', 'Lead');

      expect(describeObjectMock).toHaveBeenCalledWith({ objectApiName: 'Lead' });
      const keyField = query(element, 'lightning-combobox[data-id="key-field"]');
      expect(keyField.options).toEqual([
        { value: 'Email', label: 'Email (Email)' },
        { value: 'WalkMe_User_Id__c', label: 'WalkMe user ID (WalkMe_User_Id__c)' },
        { value: 'Company', label: 'Company (Company)' }
      ]);
      expect(keyField.label).toBe('Key field on Lead');
      expect(
        query(element, 'lightning-combobox[data-id="key-column"]').options.map(
          (option) => option.value
        )
      ).toEqual(['user_id', 'email', 'first_login', 'last_login', 'logins_last_30_days']);
    });

    it('shows why the object could not be described, in the step', async () => {
      describeObjectMock.mockRejectedValue({
        body: { message: 'You cannot read the object Lead. Ask your admin for access.' }
      });
      const element = await atReportStep();

      await choose(element, 'lightning-combobox[data-id="object"]', 'Lead');

      expect(lines(element, '[data-id="describe-errors"]')).toEqual([
        'You cannot read the object Lead. Ask your admin for access.'
      ]);
      expect(query(element, 'lightning-combobox[data-id="key-field"]').disabled).toBe(true);
    });

    it('shows why the objects could not be listed, in the step', async () => {
      getObjectsMock.mockRejectedValue(new Error('The request timed out.'));
      const element = await atReportStep();

      expect(lines(element, '[data-id="object-errors"]')).toEqual(['The request timed out.']);
    });

    it('asks for the weekday of weekly runs and no time for hourly ones', async () => {
      const element = await atReportStep();
      expect(query(element, 'lightning-input[data-id="schedule-time"]').value).toBe('08:00');
      expect(find(element, '[data-id="weekday"]')).toBeNull();

      await choose(element, 'lightning-combobox[data-id="frequency"]', 'Weekly');
      expect(query(element, 'lightning-combobox[data-id="weekday"]').options).toHaveLength(7);

      await choose(element, 'lightning-combobox[data-id="frequency"]', 'Hourly');
      expect(find(element, '[data-id="schedule-time"]')).toBeNull();
      expect(text(element, '[data-id="hourly-note"]')).toContain('every hour');
    });
  });

  describe('step 3: mapping (the real c-mapping-editor)', () => {
    it('hands the editor the report columns, the fields, the table and the key pair', async () => {
      const element = await reachMapping();

      const mappingEditor = editor(element) as HTMLElement & {
        columns: unknown;
        fields: unknown;
        compatibility: unknown;
        keyField: string;
        keyColumn: string;
      };
      expect(mappingEditor.columns).toEqual(REPORTS[0].columns);
      expect(mappingEditor.fields).toEqual(LEAD.fields);
      expect(mappingEditor.compatibility).toEqual(COMPATIBILITY);
      expect(mappingEditor.keyField).toBe('Email');
      expect(mappingEditor.keyColumn).toBe('email');
      expect(text(element, '[data-id="mapping-summary"]')).toBe(
        'Logins review → Lead, matched on email = Email'
      );
    });

    it('auto-maps a new integration when it first reaches the mapping step', async () => {
      const element = await reachMapping();

      expect(currentStep(element)).toBe('mapping');
      const fields = editorRows(element).map(
        (row) => row.querySelector<FormElement>('lightning-combobox[data-id="field-box"]')?.value
      );
      expect(fields).toEqual([
        'WalkMe_User_Id__c',
        'WalkMe_First_Login__c',
        'WalkMe_Last_Login__c',
        'WalkMe_Logins_Last_30_Days__c'
      ]);
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('keeps the rows when the admin goes back and returns, without auto-mapping again', async () => {
      const element = await reachMapping();
      const removeFirst = editorRows(element)[0].querySelector<HTMLElement>(
        '[data-action="remove-row"]'
      );
      await click(removeFirst as HTMLElement);
      expect(editorRows(element)).toHaveLength(3);

      await click(button(element, 'back'));
      await click(button(element, 'continue'));

      expect(editorRows(element)).toHaveLength(3);
    });

    it('drops the rows of columns the newly chosen report does not have', async () => {
      const element = await reachMapping();
      expect(editorRows(element)).toHaveLength(4);

      await click(button(element, 'back'));
      // Onboarding completion has the key column (email) but none of the mapped columns.
      await choose(element, 'lightning-combobox[data-id="report"]', 'rpt-onboarding-003');
      await click(button(element, 'continue'));

      expect(editorRows(element)).toHaveLength(0);
      expect(button(element, 'save').disabled).toBe(true);
    });

    it('moves the focus to the heading of the step it opens', async () => {
      const element = await render();
      await completeEnvironment(element);

      await click(button(element, 'continue'));

      expect(element.shadowRoot?.activeElement).toBe(
        query<HTMLElement>(element, '[data-id="heading-report"]')
      );
    });

    it('enables SAVE only while at least one row is complete', async () => {
      const element = await reachMapping();

      await changeMappings(element, [{ column: 'first_login', columnType: 'datetime' }]);
      expect(button(element, 'save').disabled).toBe(true);
      expect(button(element, 'preview').disabled).toBe(true);

      await changeMappings(element, [
        { column: 'first_login', columnType: 'datetime' },
        LOGINS_30_DAYS
      ]);
      expect(button(element, 'save').disabled).toBe(false);
      expect(button(element, 'preview').disabled).toBe(false);

      await changeMappings(element, []);
      expect(button(element, 'save').disabled).toBe(true);
    });

    it('counts only the rows the editor calls complete, not rows that break a rule', async () => {
      const element = await reachMapping();
      const keyFieldRow = { column: 'email', columnType: 'string', field: 'Email' };

      editor(element).dispatchEvent(
        new CustomEvent('mappingchange', {
          detail: { mappings: [keyFieldRow], completeMappings: [] }
        })
      );
      await flushPromises();

      expect(button(element, 'save').disabled).toBe(true);
      expect(button(element, 'preview').disabled).toBe(true);
    });

    it('disables SAVE when the rows are removed in the editor', async () => {
      const element = await reachMapping();

      await removeEveryRow(element);

      expect(editorRows(element)).toHaveLength(0);
      expect(button(element, 'save').disabled).toBe(true);
    });

    it('shows why the column-type table could not be read, in the step', async () => {
      getCompatibilityMock.mockRejectedValue({ body: { message: 'The table is unavailable.' } });
      const element = await reachMapping();

      expect(lines(element, '[data-id="compatibility-errors"]')).toEqual([
        'The table is unavailable.'
      ]);
    });
  });

  describe('SAVE', () => {
    async function readyToSave(): Promise<HTMLElement> {
      const element = await reachMapping();
      await changeMappings(element, [
        FIRST_LOGIN,
        { column: 'last_login', columnType: 'datetime' },
        LOGINS_30_DAYS
      ]);
      return element;
    }

    it('refuses an API name an integration already has, before deploying anything', async () => {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await completeReportStep(element);
      await choose(element, 'lightning-input[data-id="api-name"]', 'Lead_Logins');
      await click(button(element, 'continue'));
      await changeMappings(element, [FIRST_LOGIN]);

      await click(button(element, 'save'));

      expect(getIntegrationMock).toHaveBeenCalledWith({ developerName: 'Lead_Logins' });
      expect(subscribeMock).not.toHaveBeenCalled();
      expect(saveIntegrationMock).not.toHaveBeenCalled();
      expect(lines(element, '[data-id="save-errors"]', 'li')).toEqual([
        'An integration with the API name "Lead_Logins" already exists (it may be archived). Choose another API name in step 2.'
      ]);
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('says at SAVE which rows will not be saved', async () => {
      const element = await readyToSave();

      expect(text(element, '[data-id="unsaved-rows"]')).toBe(
        '1 row is incomplete or not valid and will not be saved.'
      );
    });

    it('listens for the save event first, then sends the definition with the complete rows only', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await readyToSave();

      await click(button(element, 'save'));

      expect(subscribeMock).toHaveBeenCalledTimes(1);
      expect(subscribeMock.mock.calls[0][0]).toBe('/event/insync__Integration_Saved__e');
      expect(subscribeMock.mock.calls[0][1]).toBe(-1);
      expect(saveIntegrationMock).toHaveBeenCalledTimes(1);
      expect(subscribeMock.mock.invocationCallOrder[0]).toBeLessThan(
        saveIntegrationMock.mock.invocationCallOrder[0]
      );
      expect(saveIntegrationMock).toHaveBeenCalledWith({
        definition: newDefinition([FIRST_LOGIN, LOGINS_30_DAYS])
      });
    });

    it('saves the rows the real editor auto-mapped', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await reachMapping();

      await click(button(element, 'save'));

      const sent = saveIntegrationMock.mock.calls[0][0].definition;
      expect(sent.mappings).toEqual([
        { column: 'user_id', columnType: 'string', field: 'WalkMe_User_Id__c' },
        FIRST_LOGIN,
        { column: 'last_login', columnType: 'datetime', field: 'WalkMe_Last_Login__c' },
        LOGINS_30_DAYS
      ]);
    });

    it('sends the weekday and the time of a weekly schedule', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await completeReportStep(element);
      await choose(element, 'lightning-combobox[data-id="frequency"]', 'Weekly');
      await choose(element, 'lightning-combobox[data-id="weekday"]', 'Friday');
      // lightning-input type="time" reports seconds and milliseconds too.
      await choose(element, 'lightning-input[data-id="schedule-time"]', '06:45:00.000');
      await click(button(element, 'continue'));
      await changeMappings(element, [FIRST_LOGIN]);

      await click(button(element, 'save'));

      expect(saveIntegrationMock).toHaveBeenCalledWith({
        definition: {
          ...newDefinition([FIRST_LOGIN]),
          frequency: 'Weekly',
          scheduleTimeUtc: '06:45',
          scheduleWeekday: 'Friday'
        }
      });
    });

    it('sends no time of day for an hourly schedule, which runs on the hour', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await completeReportStep(element);
      await choose(element, 'lightning-input[data-id="schedule-time"]', '06:30:00.000');
      await choose(element, 'lightning-combobox[data-id="frequency"]', 'Hourly');
      await click(button(element, 'continue'));
      await changeMappings(element, [FIRST_LOGIN]);

      await click(button(element, 'save'));

      const sent = saveIntegrationMock.mock.calls[0][0].definition;
      expect(sent.frequency).toBe('Hourly');
      expect(sent).not.toHaveProperty('scheduleTimeUtc', '06:30');
      expect(sent.scheduleTimeUtc).toBeUndefined();
    });

    it('shows progress until the event of its job arrives, then fires saved', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await readyToSave();
      const saved = collect(element, 'saved');

      await click(button(element, 'save'));

      expect(text(element, '[data-id="save-progress"]')).toBe(
        "Saving… deploying the integration's settings"
      );
      expect(query(element, '[data-id="save-progress"] lightning-spinner').alternativeText).toBe(
        'Saving the integration'
      );
      expect(button(element, 'save').disabled).toBe(true);

      publishSave({ jobId: OTHER_JOB_ID, success: true, developerName: 'Other_Integration' });
      await flushPromises();
      expect(saved).toEqual([]);
      expect(find(element, '[data-id="save-progress"]')).not.toBeNull();
      expect(unsubscribeMock).not.toHaveBeenCalled();

      publishSave({ jobId: JOB_ID_15, success: true, message: 'Saved.' });
      await flushPromises();
      expect(saved).toEqual([{ developerName: 'Lead_logins', label: 'Lead logins' }]);
      expect(find(element, '[data-id="save-progress"]')).toBeNull();
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    });

    it('counts an event that arrives before saveIntegration answers', async () => {
      const saving = deferred<string>();
      saveIntegrationMock.mockReturnValue(saving.promise);
      const element = await readyToSave();
      const saved = collect(element, 'saved');
      await click(button(element, 'save'));

      publishSave({ jobId: JOB_ID, success: true });
      await flushPromises();
      expect(saved).toEqual([]);

      saving.resolve(JOB_ID);
      await flushPromises();
      expect(saved).toEqual([{ developerName: 'Lead_logins', label: 'Lead logins' }]);
    });

    it('shows the message lines of a failed deployment and keeps the wizard as it was', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await readyToSave();
      const saved = collect(element, 'saved');
      await click(button(element, 'save'));

      publishSave({
        jobId: JOB_ID,
        success: false,
        message:
          'Field_Mappings__c: value too long.\nIntegration__mdt.Lead_logins: the record is locked.'
      });
      await flushPromises();

      expect(saved).toEqual([]);
      expect(lines(element, '[data-id="save-errors"]', 'li')).toEqual([
        'Field_Mappings__c: value too long.',
        'Integration__mdt.Lead_logins: the record is locked.'
      ]);
      expect(find(element, '[data-id="save-progress"]')).toBeNull();
      expect(currentStep(element)).toBe('mapping');
      expect(button(element, 'save').disabled).toBe(false);
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);

      // Everything is kept: saving again sends the same definition.
      saveIntegrationMock.mockClear();
      await click(button(element, 'save'));
      expect(saveIntegrationMock).toHaveBeenCalledWith({
        definition: newDefinition([FIRST_LOGIN, LOGINS_30_DAYS])
      });
    });

    it('lists every validation error of saveIntegration and stops listening', async () => {
      saveIntegrationMock.mockRejectedValue({
        body: {
          message:
            'The name "Lead logins" is used by the integration Lead_Logins.\nRow 2 (last_login): choose a field.'
        }
      });
      const element = await readyToSave();
      const saved = collect(element, 'saved');

      await click(button(element, 'save'));

      const errors = query(element, '[data-id="save-errors"]');
      expect(errors.getAttribute('role')).toBe('alert');
      expect(lines(element, '[data-id="save-errors"]', 'li')).toEqual([
        'The name "Lead logins" is used by the integration Lead_Logins.',
        'Row 2 (last_login): choose a field.'
      ]);
      expect(saved).toEqual([]);
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('does not save when it cannot listen for the end of the deployment', async () => {
      subscribeMock.mockRejectedValue(new Error('Streaming is not available.'));
      const element = await readyToSave();

      await click(button(element, 'save'));

      expect(saveIntegrationMock).not.toHaveBeenCalled();
      expect(lines(element, '[data-id="save-errors"]', 'li')).toEqual([
        'The console could not listen for the end of the deployment, so nothing was saved.',
        'Streaming is not available.'
      ]);
    });

    it('does not save when it cannot find out where saves are reported', async () => {
      getSaveEventChannelMock.mockRejectedValue({
        body: { message: 'You do not have access to the Apex class named IntegrationController.' }
      });
      const element = await readyToSave();

      await click(button(element, 'save'));

      expect(subscribeMock).not.toHaveBeenCalled();
      expect(saveIntegrationMock).not.toHaveBeenCalled();
      expect(lines(element, '[data-id="save-errors"]', 'li')).toEqual([
        'The console could not listen for the end of the deployment, so nothing was saved.',
        'The console could not find out on which channel Salesforce reports finished saves.',
        'You do not have access to the Apex class named IntegrationController.'
      ]);
    });

    it('says where to look when the deployment does not finish in time', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await readyToSave();
      const saved = collect(element, 'saved');
      jest.useFakeTimers();

      button(element, 'save').click();
      await flushMicrotasks();
      expect(find(element, '[data-id="save-progress"]')).not.toBeNull();

      jest.advanceTimersByTime(SAVE_TIMEOUT_MS);
      await flushMicrotasks();

      expect(text(element, '[data-id="save-notice"]')).toContain(
        `The deployment (job ${JOB_ID}) is still running`
      );
      expect(text(element, '[data-id="save-notice"]')).toContain('Setup → Deployment Status');
      expect(find(element, '[data-id="save-progress"]')).toBeNull();
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
      expect(saved).toEqual([]);
    });

    it('keeps waiting through a streaming interruption, saying where to look meanwhile', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await readyToSave();
      const saved = collect(element, 'saved');
      await click(button(element, 'save'));

      const onStreamError = onErrorMock.mock.calls[0][0] as (error: unknown) => void;
      onStreamError({ error: 'handshake failed' });
      await flushPromises();

      expect(text(element, '[data-id="save-notice"]')).toContain(
        `check Setup → Deployment Status (job ${JOB_ID})`
      );
      expect(find(element, '[data-id="save-progress"]')).not.toBeNull();
      expect(unsubscribeMock).not.toHaveBeenCalled();

      publishSave({ jobId: JOB_ID, success: true });
      await flushPromises();

      expect(saved).toHaveLength(1);
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    });

    it('stops listening when it is removed while a save runs', async () => {
      saveIntegrationMock.mockReturnValue(deferred<string>().promise);
      const element = await readyToSave();
      await click(button(element, 'save'));
      expect(unsubscribeMock).not.toHaveBeenCalled();

      document.body.removeChild(element);
      await flushPromises();

      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    });
  });

  describe('Preview', () => {
    async function readyToPreview(): Promise<HTMLElement> {
      const element = await reachMapping();
      await changeMappings(element, [FIRST_LOGIN, { column: 'user_id' }, LOGINS_30_DAYS]);
      return element;
    }

    it('points at the key pair when no row read found a record', async () => {
      previewIntegrationMock.mockResolvedValue({
        ...PREVIEW,
        rowsRead: 8,
        rowsMatched: 0,
        recordsToUpdate: 0,
        recordsUnchanged: 0,
        rowsUnmatched: 8,
        rows: []
      });
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      expect(text(element, '[data-id="no-key-matched"]')).toBe(
        'None of the 8 rows read found a Lead record: no email value equals the Email of a Lead. Check the key pair in step 2: the report key column and the key field must hold the same values.'
      );
    });

    it('says nothing of the key pair when rows found records', async () => {
      previewIntegrationMock.mockResolvedValue(PREVIEW);
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      expect(find(element, '[data-id="no-key-matched"]')).toBeNull();
    });

    it('previews the definition on 50 rows and shows counts, changes and unmatched keys', async () => {
      previewIntegrationMock.mockResolvedValue(PREVIEW);
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      expect(previewIntegrationMock).toHaveBeenCalledWith({
        definition: newDefinition([FIRST_LOGIN, LOGINS_30_DAYS]),
        maxRows: 50
      });
      const counts = Object.fromEntries(
        Array.from(
          query(element, '[data-id="preview-counts"]').querySelectorAll<HTMLElement>('[data-count]')
        ).map((item) => [item.dataset.count, item.querySelector('dd')?.textContent])
      );
      expect(counts).toEqual({
        read: '50',
        matched: '47',
        'to-update': '2',
        unchanged: '45',
        unmatched: '3',
        skipped: '0',
        'value-issues': '1'
      });
      const changes = Array.from(
        query(element, '[data-id="preview-rows"]').querySelectorAll('[data-id="change"]')
      ).map((change) => change.textContent?.replace(/\s+/g, ' ').trim());
      expect(changes).toEqual([
        'WalkMe first login (WalkMe_First_Login__c): (blank) → 2026-11-02 09:15:00 UTC',
        'WalkMe logins last 30 days (WalkMe_Logins_Last_30_Days__c): 12 → 14',
        'WalkMe last login (WalkMe_Last_Login__c): 2026-11-20 07:00:00 UTC → 2026-11-24 08:30:00 UTC'
      ]);
      expect(text(element, '[data-id="preview-rows"]')).toContain('grace@acme.example');
      expect(text(element, '[data-id="preview-rows"]')).toContain('is not a number');
      expect(lines(element, '[data-id="unmatched-keys"]', 'li')).toEqual([
        'nobody@acme.example',
        'former@acme.example',
        'typo@acme.exmple'
      ]);
      expect(lines(element, '[data-id="preview-problems"]')).toEqual([
        '3 report rows match no Lead by Email.'
      ]);
      expect(text(element, '[data-id="preview-scope"]')).toContain('first 50 rows');
      expect(find(element, '[data-id="preview-stale"]')).toBeNull();
    });

    it('says the preview is out of date once the mapping changes', async () => {
      previewIntegrationMock.mockResolvedValue(PREVIEW);
      const element = await readyToPreview();
      await click(button(element, 'preview'));

      await changeMappings(element, [FIRST_LOGIN]);

      expect(text(element, '[data-id="preview-stale"]')).toContain('Preview again');
    });

    it('shows a spinner while the preview runs', async () => {
      previewIntegrationMock.mockReturnValue(deferred<InsightsSync.SyncPreviewResult>().promise);
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      expect(query(element, '[data-id="preview-area"] lightning-spinner').alternativeText).toBe(
        'Previewing the integration on the first rows'
      );
      expect(button(element, 'preview').disabled).toBe(true);
    });

    it('shows a preview error in place', async () => {
      previewIntegrationMock.mockRejectedValue({
        body: {
          message:
            'The field WalkMe_First_Login__c is not updateable.\nThe report rpt-logins-001 was not found.'
        }
      });
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      const errors = query(element, '[data-id="preview-errors"]');
      expect(query(element, '[data-id="preview-area"]').contains(errors)).toBe(true);
      expect(errors.getAttribute('role')).toBe('alert');
      expect(lines(element, '[data-id="preview-errors"]')).toEqual([
        'Preview could not run.',
        'The field WalkMe_First_Login__c is not updateable.',
        'The report rpt-logins-001 was not found.'
      ]);
      expect(find(element, '[data-id="preview"]')).toBeNull();
    });
  });

  describe('Edit', () => {
    it('loads the integration and opens it at the mapping step with its saved mappings', async () => {
      const element = await render('Lead_Logins');

      expect(getIntegrationMock).toHaveBeenCalledWith({ developerName: 'Lead_Logins' });
      expect(getReportsMock).toHaveBeenCalledWith({ regionCode: 'EU' });
      expect(describeObjectMock).toHaveBeenCalledWith({ objectApiName: 'Lead' });
      expect(currentStep(element)).toBe('mapping');
      expect(text(element, '[data-id="title"]')).toBe('Edit integration: Lead logins');
      const mappingEditor = editor(element) as HTMLElement & { mappings: FieldMapping[] };
      expect(mappingEditor.mappings).toEqual(INTEGRATION.mappings);
      // No Auto-map on an integration that has its mappings.
      expect(editorRows(element)).toHaveLength(2);
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('shows the saved settings in the earlier steps, with the API name read-only', async () => {
      const element = await render('Lead_Logins');

      await click(header(element, 'report'));

      const apiName = query(element, 'lightning-input[data-id="api-name"]');
      expect(apiName.value).toBe('Lead_Logins');
      expect(apiName.readOnly).toBe(true);
      expect(query(element, 'lightning-input[data-id="label"]').value).toBe('Lead logins');
      expect(query(element, 'lightning-combobox[data-id="report"]').value).toBe('rpt-logins-001');
      expect(query(element, 'lightning-combobox[data-id="object"]').value).toBe('Lead');
      expect(query(element, 'lightning-combobox[data-id="weekday"]').value).toBe('Tuesday');
      expect(query(element, 'lightning-input[data-id="schedule-time"]').value).toBe('06:30');

      await choose(element, 'lightning-input[data-id="label"]', 'Lead logins (EU)');
      expect(apiName.value).toBe('Lead_Logins');
    });

    it('saves what it edits and keeps state, policies and page size', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await render('Lead_Logins');
      const saved = collect(element, 'saved');
      await changeMappings(element, [...(INTEGRATION.mappings ?? []), LOGINS_30_DAYS]);

      await click(button(element, 'save'));

      expect(saveIntegrationMock).toHaveBeenCalledWith({
        definition: {
          developerName: 'Lead_Logins',
          label: 'Lead logins',
          sourceType: 'Insights API',
          connectionRegion: 'EU',
          reportId: 'rpt-logins-001',
          reportName: 'Logins review',
          targetObject: 'Lead',
          reportKeyColumn: 'email',
          objectKeyField: 'Email',
          mappings: [...(INTEGRATION.mappings ?? []), LOGINS_30_DAYS],
          frequency: 'Weekly',
          scheduleTimeUtc: '06:30',
          scheduleWeekday: 'Tuesday',
          state: 'Paused',
          matchPolicy: 'Skip and report',
          blankValuePolicy: 'Clear',
          pageSize: 500
        }
      });

      publishSave({ jobId: JOB_ID, success: true, developerName: 'Lead_Logins' });
      await flushPromises();
      expect(saved).toEqual([{ developerName: 'Lead_Logins', label: 'Lead logins' }]);
    });

    it('removes a saved row through the editor and saves the rest', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await render('Lead_Logins');
      const remove = editorRows(element)[1].querySelector<HTMLElement>(
        '[data-action="remove-row"]'
      );

      await click(remove as HTMLElement);
      await click(button(element, 'save'));

      expect(saveIntegrationMock.mock.calls[0][0].definition.mappings).toEqual([FIRST_LOGIN]);
    });

    it('opens at the environment step when the integration’s region is no longer connected', async () => {
      getIntegrationMock.mockResolvedValue({ ...INTEGRATION, connectionRegion: 'CA' });
      const element = await render('Lead_Logins');

      expect(currentStep(element)).toBe('environment');
      expect(text(element, '[data-id="region-warning"]')).toContain(
        'This integration reads from Canada, which is not connected.'
      );
      expect(getReportsMock).not.toHaveBeenCalled();
      expect(header(element, 'mapping').disabled).toBe(true);
    });

    it('shows why the integration could not be opened', async () => {
      getIntegrationMock.mockRejectedValue({
        body: { message: 'There is no integration with the API name "Lead_Logins".' }
      });
      const element = await render('Lead_Logins');

      expect(lines(element, '[data-id="load-errors"]')).toEqual([
        'The integration could not be opened.',
        'There is no integration with the API name "Lead_Logins".'
      ]);
      expect(find(element, '[data-id="step-environment"]')).toBeNull();
      expect(find(element, 'c-mapping-editor')).toBeNull();
    });

    it('shows a spinner while the integration loads', async () => {
      const loading = deferred<IntegrationDefinition>();
      getIntegrationMock.mockReturnValue(loading.promise);
      const element = await render('Lead_Logins');

      expect(query(element, 'lightning-spinner').alternativeText).toBe('Loading the integration');

      loading.resolve(INTEGRATION);
      await flushPromises();
      expect(currentStep(element)).toBe('mapping');
    });
  });

  describe('refresh', () => {
    it('offers a region the Connection panel just connected, even from a cached list', async () => {
      const element = await render();

      await (element as unknown as { refresh(change: unknown): Promise<void> }).refresh({
        regionCode: 'CA',
        connected: true
      });
      await flushPromises();

      expect(
        query(element, 'lightning-radio-group[data-id="connection"]').options.map(
          (option) => option.value
        )
      ).toEqual(['US', 'EU', 'CA']);
      expect(getConnectionsMock).toHaveBeenCalledTimes(2);
    });
  });

  describe('CSV export source', () => {
    const CSV_COLUMNS: InsightsSync.ReportColumn[] = [
      { name: 'Email', label: 'Email', type: 'string' },
      { name: 'Last login', label: 'Last login', type: 'datetime' },
      { name: 'Logins', label: 'Logins', type: 'integer' }
    ];

    async function chooseCsv(element: HTMLElement): Promise<void> {
      await choose(element, 'lightning-radio-group[data-id="source"]', 'CSV Export');
    }

    async function announceCsvSource(element: HTMLElement): Promise<void> {
      query<HTMLElement>(element, 'c-csv-source-picker').dispatchEvent(
        new CustomEvent('csvsourcechange', {
          detail: { credential: 'Export_Bucket', path: 'exports/logins.csv', columns: CSV_COLUMNS }
        })
      );
      await flushPromises();
    }

    it('offers the two sources, a sentence each, Insights API first', async () => {
      const element = await render();

      const source = query(element, 'lightning-radio-group[data-id="source"]');
      expect(source.label).toBe('Report source');
      expect(source.value).toBe('Insights API');
      expect(source.options.map((option) => option.value)).toEqual(['Insights API', 'CSV Export']);
      expect(source.options[1].label).toContain('storage bucket');
    });

    it('needs no Insights connection and replaces the report choice with the picker', async () => {
      getConnectionsMock.mockResolvedValue([]);
      const element = await render();
      expect(find(element, '[data-id="no-connection"]')).not.toBeNull();

      await chooseCsv(element);

      expect(find(element, '[data-id="no-connection"]')).toBeNull();
      expect(button(element, 'continue').disabled).toBe(false);
      await click(button(element, 'continue'));
      expect(find(element, 'c-csv-source-picker')).not.toBeNull();
      expect(query<HTMLElement>(element, '[data-id="report-section"]').hidden).toBe(true);
    });

    it('offers the columns read as key columns and saves the CSV source with their types', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await render();
      await chooseCsv(element);
      await click(button(element, 'continue'));
      await announceCsvSource(element);
      await choose(element, 'lightning-input[data-id="label"]', 'Lead logins');
      await choose(element, 'lightning-combobox[data-id="object"]', 'Lead');
      expect(
        query(element, 'lightning-combobox[data-id="key-column"]').options.map((o) => o.value)
      ).toEqual(['Email', 'Last login', 'Logins']);
      await choose(element, 'lightning-combobox[data-id="key-column"]', 'Email');
      await choose(element, 'lightning-combobox[data-id="key-field"]', 'Email');
      await click(button(element, 'continue'));
      expect(text(element, '[data-id="mapping-summary"]')).toContain('exports/logins.csv');
      const logins = { column: 'Logins', columnType: 'integer', field: 'NumberOfEmployees' };
      await changeMappings(element, [logins]);

      await click(button(element, 'save'));

      const sent = saveIntegrationMock.mock.calls[0][0].definition;
      expect(sent.sourceType).toBe('CSV Export');
      expect(sent.csvNamedCredential).toBe('Export_Bucket');
      expect(sent.csvFilePath).toBe('exports/logins.csv');
      expect(sent.connectionRegion).toBeUndefined();
      expect(sent.reportId).toBeUndefined();
      expect(sent.reportName).toBe('logins.csv');
      expect(sent.reportKeyColumn).toBe('Email');
      expect(sent.mappings).toEqual([logins]);
    });

    it('drops the key column when the columns read no longer have it', async () => {
      const element = await render();
      await chooseCsv(element);
      await click(button(element, 'continue'));
      await announceCsvSource(element);
      await choose(element, 'lightning-combobox[data-id="key-column"]', 'Email');

      query<HTMLElement>(element, 'c-csv-source-picker').dispatchEvent(
        new CustomEvent('csvsourcechange', {
          detail: { credential: 'Export_Bucket', path: 'exports/other.csv', columns: [] }
        })
      );
      await flushPromises();

      expect(query(element, 'lightning-combobox[data-id="key-column"]').value).toBe('');
    });

    it('keeps the key column after a source change until the columns of the new source lack it', async () => {
      const element = await render();
      await chooseCsv(element);
      await click(button(element, 'continue'));
      await announceCsvSource(element);
      await choose(element, 'lightning-combobox[data-id="key-column"]', 'Email');
      await click(header(element, 'environment'));

      await choose(element, 'lightning-radio-group[data-id="source"]', 'Insights API');
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      // No report chosen yet: nothing says the key is gone.
      expect(query(element, 'lightning-combobox[data-id="key-column"]').value).toBe('Email');
      await choose(element, 'lightning-combobox[data-id="report"]', 'rpt-logins-001');
      expect(query(element, 'lightning-combobox[data-id="key-column"]').value).toBe('');
    });

    it('loads a saved CSV integration back into the picker, its columns from the mappings', async () => {
      getIntegrationMock.mockResolvedValue({
        ...INTEGRATION,
        sourceType: 'CSV Export',
        connectionRegion: undefined,
        reportId: undefined,
        csvNamedCredential: 'Export_Bucket',
        csvFilePath: 'exports/logins.csv',
        reportKeyColumn: 'Email',
        mappings: [{ column: 'Logins', columnType: 'integer', field: 'NumberOfEmployees' }]
      });
      const element = await render('Lead_Logins');

      expect(getReportsMock).not.toHaveBeenCalled();
      await click(header(element, 'report'));
      const picker = query<HTMLElement>(element, 'c-csv-source-picker') as HTMLElement & {
        credential: string;
        path: string;
        columns: InsightsSync.ReportColumn[];
      };
      expect(picker.credential).toBe('Export_Bucket');
      expect(picker.path).toBe('exports/logins.csv');
      expect(picker.columns).toEqual([
        { name: 'Email', label: 'Email', type: 'string' },
        { name: 'Logins', label: 'Logins', type: 'integer' }
      ]);
      await click(header(element, 'environment'));
      expect(query(element, 'lightning-radio-group[data-id="source"]').value).toBe('CSV Export');
    });
  });
});
