import { createElement } from 'lwc';
import { onError, subscribe, unsubscribe, type EmpMessage } from 'lightning/empApi';
import LightningConfirm from 'lightning/confirm';
import IntegrationWizard, { API_NAME_CHECK_DELAY_MS, SAVE_TIMEOUT_MS } from 'c/integrationWizard';
import type {
  MappingStepChangeDetail,
  RegionChangeDetail,
  ReportStepChangeDetail,
  ReportStepField
} from 'c/wizardRules';
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
// The CSV export picker of step 2 asks for these.
jest.mock(
  '@salesforce/apex/IntegrationController.getCsvCredentials',
  () => ({ default: jest.fn(() => Promise.resolve([])) }),
  { virtual: true }
);
jest.mock('@salesforce/apex/IntegrationController.readCsvSample', () => ({ default: jest.fn() }), {
  virtual: true
});
// The ready-made report panel of step 2 asks for these; Jest's own stubs answer nothing.
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
jest.mock(
  '@salesforce/apex/IntegrationController.getSaveEventChannel',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

const confirmOpen = (LightningConfirm as unknown as { open: jest.Mock }).open;

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

/** The public API of c-wizard-environment-step. */
type EnvironmentStepElement = HTMLElement & {
  environment?: InsightsSync.ConsoleEnvironment;
  environmentErrors: string[];
  connections: InsightsSync.InsightsConnectionStatus[];
  connectionsLoaded: boolean;
  connectionErrors: string[];
  connectionRegion: string;
  sourceType: string;
};

/** The public API of c-wizard-report-step. */
type ReportStepElement = HTMLElement & {
  isEditing: boolean;
  label: string;
  apiName: string;
  connections: InsightsSync.InsightsConnectionStatus[];
  connectionRegion: string;
  reports: InsightsSync.InsightsReport[];
  reportsRegion: string;
  loadingReports: boolean;
  reportErrors: string[];
  reportId: string;
  savedReportName?: string;
  objects: InsightsSync.CatalogObject[];
  objectErrors: string[];
  objectSearch: string;
  targetObject: string;
  description?: InsightsSync.ObjectDescription;
  describing: boolean;
  describeErrors: string[];
  objectKeyField: string;
  reportKeyColumn: string;
  apiNameError: string;
  frequency: string;
  scheduleTimeUtc: string;
  scheduleWeekday: string;
  templateKey: string;
  sourceType: string;
  csvCredential: string;
  csvPath: string;
  csvColumns: InsightsSync.ReportColumn[];
};

/** The public API of c-wizard-mapping-step. */
type MappingStepElement = HTMLElement & {
  reportName: string;
  objectLabel: string;
  reportKeyColumn: string;
  objectKeyField: string;
  columns: InsightsSync.ReportColumn[];
  fields: InsightsSync.CatalogField[];
  compatibility: Record<string, string[]>;
  compatibilityErrors: string[];
  mappings: FieldMapping[];
  templatePairs: { column: string; field: string }[];
  matchPolicy: string;
  blankValuePolicy: string;
  mappedFields: string[];
  resetStampField: string;
  resetMode: string;
  resetValue: string;
};

/** The public API of c-wizard-preview. */
type PreviewElement = HTMLElement & {
  previewing: boolean;
  errors: string[];
  result?: InsightsSync.SyncPreviewResult;
  stale: boolean;
  objectLabel: string;
  reportKeyColumn: string;
  objectKeyField: string;
  fields: InsightsSync.CatalogField[];
};

function environmentStep(element: HTMLElement): EnvironmentStepElement {
  return query<EnvironmentStepElement>(element, 'c-wizard-environment-step');
}

function reportStep(element: HTMLElement): ReportStepElement {
  return query<ReportStepElement>(element, 'c-wizard-report-step');
}

function mappingStep(element: HTMLElement): MappingStepElement {
  return query<MappingStepElement>(element, 'c-wizard-mapping-step');
}

function previewOf(element: HTMLElement): PreviewElement {
  return query<PreviewElement>(element, 'c-wizard-preview');
}

/** The region the admin chooses in the environment step, as the step announces it. */
async function chooseRegion(element: HTMLElement, regionCode: string): Promise<void> {
  environmentStep(element).dispatchEvent(
    new CustomEvent<RegionChangeDetail>('regionchange', { detail: { regionCode } })
  );
  await flushPromises();
}

/** A setting the admin changes in the report step, as the step announces it. */
async function setSetting(
  element: HTMLElement,
  field: ReportStepField,
  value: string
): Promise<void> {
  reportStep(element).dispatchEvent(
    new CustomEvent<ReportStepChangeDetail>('settingchange', { detail: { field, value } })
  );
  await flushPromises();
}

async function click(target: HTMLElement): Promise<void> {
  target.click();
  await flushPromises();
}

/** What the mapping step announces after a change of the editor's rows. */
async function changeMappings(
  element: HTMLElement,
  mappings: FieldMapping[],
  completeMappings = mappings.filter((row) => row.column && row.columnType && row.field)
): Promise<void> {
  mappingStep(element).dispatchEvent(
    new CustomEvent<MappingStepChangeDetail>('mappingchange', {
      detail: { mappings, completeMappings }
    })
  );
  await flushPromises();
}

async function completeEnvironment(element: HTMLElement, region = 'EU'): Promise<void> {
  await chooseRegion(element, region);
}

async function completeReportStep(element: HTMLElement): Promise<void> {
  await setSetting(element, 'label', 'Lead logins');
  await setSetting(element, 'reportId', 'rpt-logins-001');
  await setSetting(element, 'targetObject', 'Lead');
  await setSetting(element, 'reportKeyColumn', 'email');
  await setSetting(element, 'objectKeyField', 'Email');
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

/**
 * The rows the wizard holds, as the mapping step gets them back: the wizard hands its rows to the
 * step when the step opens again.
 */
async function rowsHeld(element: HTMLElement): Promise<FieldMapping[]> {
  await click(button(element, 'back'));
  await click(button(element, 'continue'));
  return mappingStep(element).mappings;
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
    reportKeyColumnType: 'string',
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
    it('hands the environment step the org and the connections it read', async () => {
      const element = await render();

      const step = environmentStep(element);
      expect(step.environment).toEqual(ENVIRONMENT);
      expect(step.environmentErrors).toEqual([]);
      expect(step.connections).toEqual(CONNECTIONS);
      expect(step.connectionsLoaded).toBe(true);
      expect(step.connectionErrors).toEqual([]);
      expect(step.connectionRegion).toBe('');
      expect(find(element, 'c-wizard-report-step')).toBeNull();
      expect(getIntegrationMock).not.toHaveBeenCalled();
    });

    it('says to connect a region and keeps Continue disabled when none is connected', async () => {
      getConnectionsMock.mockResolvedValue(
        CONNECTIONS.map((status) => ({ ...status, connected: false }))
      );
      const element = await render();

      expect(environmentStep(element).connections.some((status) => status.connected)).toBe(false);
      expect(environmentStep(element).connectionRegion).toBe('');
      expect(button(element, 'continue').disabled).toBe(true);
      expect(header(element, 'report').disabled).toBe(true);
    });

    it('chooses the only connected region by itself and loads its reports', async () => {
      getConnectionsMock.mockResolvedValue(
        CONNECTIONS.map((status) => ({ ...status, connected: status.regionCode === 'US' }))
      );
      const element = await render();

      expect(environmentStep(element).connectionRegion).toBe('US');
      expect(getReportsMock).toHaveBeenCalledWith({ regionCode: 'US' });
      expect(button(element, 'continue').disabled).toBe(false);
    });

    it('shows why the org or the connections could not be read in the step', async () => {
      getEnvironmentMock.mockRejectedValue({ body: { message: 'No access to the organization.' } });
      getConnectionsMock.mockRejectedValue({
        body: { message: 'The connections could not be read.\nAsk for Insights Sync Admin.' }
      });
      const element = await render();

      expect(environmentStep(element).environmentErrors).toEqual([
        'No access to the organization.'
      ]);
      expect(environmentStep(element).connectionErrors).toEqual([
        'The connections could not be read.',
        'Ask for Insights Sync Admin.'
      ]);
      expect(environmentStep(element).connectionsLoaded).toBe(true);
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

    it('keeps step 2 incomplete while the time is not on the hour', async () => {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await completeReportStep(element);
      expect(button(element, 'continue').disabled).toBe(false);

      await setSetting(element, 'scheduleTimeUtc', '08:30');
      expect(button(element, 'continue').disabled).toBe(true);
      expect(header(element, 'mapping').disabled).toBe(true);

      await setSetting(element, 'frequency', 'Hourly');
      expect(button(element, 'continue').disabled).toBe(false);
    });

    it('keeps step 2 incomplete while the key pair’s types cannot match', async () => {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await completeReportStep(element);
      expect(button(element, 'continue').disabled).toBe(false);

      await setSetting(element, 'reportKeyColumn', 'first_login');

      expect(button(element, 'continue').disabled).toBe(true);
      expect(header(element, 'mapping').disabled).toBe(true);
    });

    it('moves with Continue and Back', async () => {
      const element = await render();
      await completeEnvironment(element);

      await click(button(element, 'continue'));

      expect(currentStep(element)).toBe('report');
      expect(find(element, 'c-wizard-report-step')).not.toBeNull();
      expect(find(element, 'c-wizard-environment-step')).toBeNull();
      expect(button(element, 'continue').disabled).toBe(true);

      await click(button(element, 'back'));

      expect(currentStep(element)).toBe('environment');
      expect(find(element, 'c-wizard-report-step')).toBeNull();
      expect(environmentStep(element).connectionRegion).toBe('EU');
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

      await setSetting(element, 'label', 'Lead logins');
      expect(continueButton().disabled).toBe(true);
      await setSetting(element, 'reportId', 'rpt-logins-001');
      expect(continueButton().disabled).toBe(true);
      await setSetting(element, 'targetObject', 'Lead');
      expect(continueButton().disabled).toBe(true);
      await setSetting(element, 'reportKeyColumn', 'email');
      expect(continueButton().disabled).toBe(true);
      await setSetting(element, 'objectKeyField', 'Email');
      expect(continueButton().disabled).toBe(false);

      await setSetting(element, 'frequency', 'Weekly');
      expect(continueButton().disabled).toBe(true);
      await setSetting(element, 'scheduleWeekday', 'Monday');
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
      expect(reportStep(element).reports).toEqual(REPORTS);
      expect(reportStep(element).reportsRegion).toBe('US');
      expect(reportStep(element).connectionRegion).toBe('US');
      expect(reportStep(element).connections).toEqual(CONNECTIONS);
    });

    it('tells the report step while the region’s reports load', async () => {
      const loading = deferred<InsightsSync.InsightsReport[]>();
      getReportsMock.mockReturnValue(loading.promise);
      const element = await atReportStep();

      expect(reportStep(element).loadingReports).toBe(true);
      expect(reportStep(element).reports).toEqual([]);

      loading.resolve(REPORTS);
      await flushPromises();
      expect(reportStep(element).loadingReports).toBe(false);
      expect(reportStep(element).reports).toEqual(REPORTS);
    });

    it('shows a getReports error in the report step and tries again', async () => {
      getReportsMock.mockRejectedValueOnce({
        body: {
          message:
            'WalkMe refused the client id and secret (HTTP 401).\nConnect Europe again in the Connection panel.'
        }
      });
      const element = await atReportStep();

      expect(reportStep(element).reportErrors).toEqual([
        'WalkMe refused the client id and secret (HTTP 401).',
        'Connect Europe again in the Connection panel.'
      ]);

      reportStep(element).dispatchEvent(new CustomEvent('retryreports'));
      await flushPromises();

      expect(getReportsMock).toHaveBeenCalledTimes(2);
      expect(reportStep(element).reportErrors).toEqual([]);
      expect(reportStep(element).reports).toHaveLength(5);
    });

    it('says so when the region has no report tagged for Salesforce', async () => {
      getReportsMock.mockResolvedValue([]);
      const element = await atReportStep();

      expect(reportStep(element).reports).toEqual([]);
      expect(reportStep(element).reportsRegion).toBe('EU');
      expect(reportStep(element).loadingReports).toBe(false);
      expect(reportStep(element).reportErrors).toEqual([]);
    });

    it('derives the API name from the name until the admin types one', async () => {
      const element = await atReportStep();
      const apiName = (): string => reportStep(element).apiName;

      await setSetting(element, 'label', 'Lead logins (daily) – Émea');
      expect(apiName()).toBe('Lead_logins_daily_Emea');

      await setSetting(element, 'label', '2026 logins');
      expect(apiName()).toBe('X2026_logins');

      await setSetting(element, 'apiName', 'Lead_Logins_EU');
      await setSetting(element, 'label', 'Lead logins in Europe');
      expect(apiName()).toBe('Lead_Logins_EU');
      expect(reportStep(element).isEditing).toBe(false);

      // Emptying the box hands the API name back to the name.
      await setSetting(element, 'apiName', '');
      expect(apiName()).toBe('Lead_logins_in_Europe');
    });

    it('keeps Continue disabled while a typed API name cannot be saved', async () => {
      const element = await atReportStep();

      await completeReportStep(element);
      await setSetting(element, 'apiName', 'Lead__Logins_');

      expect(reportStep(element).apiName).toBe('Lead__Logins_');
      expect(button(element, 'continue').disabled).toBe(true);
      await setSetting(element, 'apiName', 'Lead_Logins_EU');
      expect(button(element, 'continue').disabled).toBe(false);
    });

    it('hands the report step the objects and keeps the search across the steps', async () => {
      const element = await atReportStep();
      expect(reportStep(element).objects).toEqual(OBJECTS);

      await setSetting(element, 'objectSearch', 'LEAD');
      expect(reportStep(element).objectSearch).toBe('LEAD');

      await click(button(element, 'back'));
      await click(button(element, 'continue'));
      expect(reportStep(element).objectSearch).toBe('LEAD');
    });

    it('keeps the chosen object while the search changes', async () => {
      const element = await atReportStep();
      await setSetting(element, 'targetObject', 'Lead');

      await setSetting(element, 'objectSearch', 'opportunity');

      expect(reportStep(element).targetObject).toBe('Lead');
      expect(describeObjectMock).toHaveBeenCalledTimes(1);
    });

    it('describes the chosen object for the report step', async () => {
      const element = await atReportStep();
      await setSetting(element, 'reportId', 'rpt-logins-001');

      await setSetting(element, 'targetObject', 'Lead');

      expect(describeObjectMock).toHaveBeenCalledWith({ objectApiName: 'Lead' });
      expect(reportStep(element).description).toEqual(LEAD);
      expect(reportStep(element).describing).toBe(false);
      expect(reportStep(element).reportId).toBe('rpt-logins-001');
      expect(reportStep(element).objectKeyField).toBe('');
    });

    it('shows why the object could not be described, in the step', async () => {
      describeObjectMock.mockRejectedValue({
        body: { message: 'You cannot read the object Lead. Ask your admin for access.' }
      });
      const element = await atReportStep();

      await setSetting(element, 'targetObject', 'Lead');

      expect(reportStep(element).describeErrors).toEqual([
        'You cannot read the object Lead. Ask your admin for access.'
      ]);
      expect(reportStep(element).description).toBeUndefined();
      expect(reportStep(element).describing).toBe(false);
    });

    it('shows why the objects could not be listed, in the step', async () => {
      getObjectsMock.mockRejectedValue(new Error('The request timed out.'));
      const element = await atReportStep();

      expect(reportStep(element).objectErrors).toEqual(['The request timed out.']);
    });

    it('starts with a daily run at 08:00 UTC and keeps the frequency chosen', async () => {
      const element = await atReportStep();
      expect(reportStep(element).frequency).toBe('Daily');
      expect(reportStep(element).scheduleTimeUtc).toBe('08:00');
      expect(reportStep(element).scheduleWeekday).toBe('');

      await setSetting(element, 'frequency', 'Weekly');
      expect(reportStep(element).frequency).toBe('Weekly');

      await setSetting(element, 'frequency', 'Hourly');
      expect(reportStep(element).frequency).toBe('Hourly');
    });
  });

  describe('step 3: mapping (the real c-mapping-editor)', () => {
    it('hands the mapping step the report columns, the fields, the table and the key pair', async () => {
      const element = await reachMapping();

      const step = mappingStep(element);
      expect(step.columns).toEqual(REPORTS[0].columns);
      expect(step.fields).toEqual(LEAD.fields);
      expect(step.compatibility).toEqual(COMPATIBILITY);
      expect(step.compatibilityErrors).toEqual([]);
      expect(step.objectKeyField).toBe('Email');
      expect(step.reportKeyColumn).toBe('email');
      expect(step.reportName).toBe('Logins review');
      expect(step.objectLabel).toBe('Lead');
    });

    it('auto-maps a new integration when it first reaches the mapping step', async () => {
      const element = await reachMapping();

      expect(currentStep(element)).toBe('mapping');
      expect(button(element, 'save').disabled).toBe(false);
      const fields = (await rowsHeld(element)).map((row) => row.field);
      expect(fields).toEqual([
        'WalkMe_User_Id__c',
        'WalkMe_First_Login__c',
        'WalkMe_Last_Login__c',
        'WalkMe_Logins_Last_30_Days__c'
      ]);
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('hands the pairs of the ready-made report chosen in step 2 to the mapping step', async () => {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await completeReportStep(element);
      const pairs = [{ column: 'user_id', field: 'Title' }];
      reportStep(element).dispatchEvent(
        new CustomEvent('templatechange', { detail: { templateKey: 'logins', pairs } })
      );
      await flushPromises();
      expect(reportStep(element).templateKey).toBe('logins');

      await click(button(element, 'continue'));

      expect(mappingStep(element).templatePairs).toEqual(pairs);
    });

    it('keeps the rows when the admin goes back and returns, without auto-mapping again', async () => {
      const element = await reachMapping();
      const [, ...rest] = await rowsHeld(element);
      await changeMappings(element, rest);

      await click(button(element, 'back'));
      await click(button(element, 'continue'));

      expect(mappingStep(element).mappings).toEqual(rest);
      expect(await rowsHeld(element)).toEqual(rest);
    });

    it('drops the rows of columns the newly chosen report does not have', async () => {
      const element = await reachMapping();
      expect(await rowsHeld(element)).toHaveLength(4);

      await click(button(element, 'back'));
      // Onboarding completion has the key column (email) but none of the mapped columns.
      await setSetting(element, 'reportId', 'rpt-onboarding-003');
      await click(button(element, 'continue'));

      expect(mappingStep(element).mappings).toEqual([]);
      expect(await rowsHeld(element)).toEqual([]);
      expect(button(element, 'save').disabled).toBe(true);
    });

    it('moves the focus to the heading of the step it opens', async () => {
      const element = await render();
      await completeEnvironment(element);

      await click(button(element, 'continue'));

      // The step's heading has the focus, inside the step's own shadow root.
      expect(element.shadowRoot?.activeElement).toBe(reportStep(element));
      expect(reportStep(element).shadowRoot?.activeElement?.textContent?.trim()).toBe(
        'Report and object'
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

      await changeMappings(element, [keyFieldRow], []);

      expect(button(element, 'save').disabled).toBe(true);
      expect(button(element, 'preview').disabled).toBe(true);
    });

    it('disables SAVE when the rows are removed in the editor', async () => {
      const element = await reachMapping();

      await changeMappings(element, []);

      expect(button(element, 'save').disabled).toBe(true);
      expect(await rowsHeld(element)).toEqual([]);
    });

    it('shows why the column-type table could not be read, in the step', async () => {
      getCompatibilityMock.mockRejectedValue({ body: { message: 'The table is unavailable.' } });
      const element = await reachMapping();

      expect(mappingStep(element).compatibilityErrors).toEqual(['The table is unavailable.']);
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
      await setSetting(element, 'apiName', 'Lead_Logins');
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
      await setSetting(element, 'frequency', 'Weekly');
      await setSetting(element, 'scheduleWeekday', 'Friday');
      await setSetting(element, 'scheduleTimeUtc', '06:00');
      await click(button(element, 'continue'));
      await changeMappings(element, [FIRST_LOGIN]);

      await click(button(element, 'save'));

      expect(saveIntegrationMock).toHaveBeenCalledWith({
        definition: {
          ...newDefinition([FIRST_LOGIN]),
          frequency: 'Weekly',
          scheduleTimeUtc: '06:00',
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
      await setSetting(element, 'scheduleTimeUtc', '06:00');
      await setSetting(element, 'frequency', 'Hourly');
      await click(button(element, 'continue'));
      await changeMappings(element, [FIRST_LOGIN]);

      await click(button(element, 'save'));

      const sent = saveIntegrationMock.mock.calls[0][0].definition;
      expect(sent.frequency).toBe('Hourly');
      expect(sent).not.toHaveProperty('scheduleTimeUtc', '06:00');
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

    it('hands the preview what it needs to point at the key pair when no row found a record', async () => {
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

      // c-wizard-preview words the warning from these.
      const preview = previewOf(element);
      expect(preview.result?.rowsMatched).toBe(0);
      expect(preview.objectLabel).toBe('Lead');
      expect(preview.reportKeyColumn).toBe('email');
      expect(preview.objectKeyField).toBe('Email');
    });

    it('says nothing of the key pair when rows found records', async () => {
      previewIntegrationMock.mockResolvedValue(PREVIEW);
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      expect(previewOf(element).result?.rowsMatched).toBe(47);
    });

    it('previews the definition on 50 rows and hands the result to the preview', async () => {
      previewIntegrationMock.mockResolvedValue(PREVIEW);
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      expect(previewIntegrationMock).toHaveBeenCalledWith({
        definition: newDefinition([FIRST_LOGIN, LOGINS_30_DAYS]),
        maxRows: 50
      });
      // c-wizard-preview shows its counts, changes, unmatched keys and problems.
      const preview = previewOf(element);
      expect(preview.result).toEqual(PREVIEW);
      expect(preview.errors).toEqual([]);
      expect(preview.previewing).toBe(false);
      expect(preview.stale).toBe(false);
      expect(preview.fields).toEqual(LEAD.fields);
    });

    it('says the preview is out of date once the mapping changes', async () => {
      previewIntegrationMock.mockResolvedValue(PREVIEW);
      const element = await readyToPreview();
      await click(button(element, 'preview'));

      expect(previewOf(element).stale).toBe(false);

      await changeMappings(element, [FIRST_LOGIN]);

      expect(previewOf(element).stale).toBe(true);
      expect(previewOf(element).result).toEqual(PREVIEW);
    });

    it('tells the preview while it runs', async () => {
      previewIntegrationMock.mockReturnValue(deferred<InsightsSync.SyncPreviewResult>().promise);
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      expect(previewOf(element).previewing).toBe(true);
      expect(button(element, 'preview').disabled).toBe(true);
    });

    it('hands a preview error to the preview', async () => {
      previewIntegrationMock.mockRejectedValue({
        body: {
          message:
            'The field WalkMe_First_Login__c is not updateable.\nThe report rpt-logins-001 was not found.'
        }
      });
      const element = await readyToPreview();

      await click(button(element, 'preview'));

      const preview = previewOf(element);
      expect(preview.errors).toEqual([
        'The field WalkMe_First_Login__c is not updateable.',
        'The report rpt-logins-001 was not found.'
      ]);
      expect(preview.result).toBeUndefined();
      expect(preview.previewing).toBe(false);
      expect(button(element, 'preview').disabled).toBe(false);
    });
  });

  describe('policies (held by the shell, shown by the mapping step)', () => {
    function chosenPolicies(element: HTMLElement): string[] {
      const step = mappingStep(element);
      return [step.matchPolicy, step.blankValuePolicy];
    }

    async function pickPolicies(
      element: HTMLElement,
      matchPolicy: string,
      blankValuePolicy: string
    ): Promise<void> {
      mappingStep(element).dispatchEvent(
        new CustomEvent('policychange', { detail: { matchPolicy, blankValuePolicy } })
      );
      await flushPromises();
    }

    it('hands the defaults to the mapping step of a new integration', async () => {
      const element = await reachMapping();

      expect(chosenPolicies(element)).toEqual(['Update all', 'Leave as is']);
    });

    it('saves the policies chosen and a row that only fills empty fields', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await reachMapping();
      const onlyWhenEmpty = { ...FIRST_LOGIN, onlyWhenEmpty: true };
      await changeMappings(element, [onlyWhenEmpty, LOGINS_30_DAYS]);

      await pickPolicies(element, 'Skip and report', 'Clear');
      await click(button(element, 'save'));

      expect(saveIntegrationMock).toHaveBeenCalledWith({
        definition: {
          ...newDefinition([onlyWhenEmpty, LOGINS_30_DAYS]),
          matchPolicy: 'Skip and report',
          blankValuePolicy: 'Clear'
        }
      });
    });

    it('shows the saved policies and row option again on Edit, and keeps a change', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const stored = {
        ...INTEGRATION,
        mappings: [{ ...FIRST_LOGIN, onlyWhenEmpty: true }]
      };
      getIntegrationMock.mockResolvedValue(stored);
      const element = await render('Lead_Logins');

      expect(chosenPolicies(element)).toEqual(['Skip and report', 'Clear']);
      expect(mappingStep(element).mappings).toEqual([{ ...FIRST_LOGIN, onlyWhenEmpty: true }]);

      await pickPolicies(element, 'Update all', 'Clear');
      await click(button(element, 'save'));

      const definition = saveIntegrationMock.mock.calls[0][0].definition as IntegrationDefinition;
      expect([definition.matchPolicy, definition.blankValuePolicy]).toEqual([
        'Update all',
        'Clear'
      ]);
      expect(definition.mappings).toEqual([{ ...FIRST_LOGIN, onlyWhenEmpty: true }]);
    });

    it('marks a Preview stale when a policy changes', async () => {
      previewIntegrationMock.mockResolvedValue(PREVIEW);
      const element = await reachMapping();
      await changeMappings(element, [FIRST_LOGIN]);
      await click(button(element, 'preview'));
      expect(previewOf(element).stale).toBe(false);

      await pickPolicies(element, 'Update all', 'Clear');

      expect(previewOf(element).stale).toBe(true);
    });
  });

  describe('Reset of values that left the report (held by the shell, shown by the mapping step)', () => {
    const RESET = {
      resetStampField: 'WalkMe_Last_Login__c',
      resetMode: 'Set to value',
      resetValue: '0'
    };

    it('hands the mapping step the mapped fields and no reset on a new integration', async () => {
      const element = await reachMapping();
      await changeMappings(element, [FIRST_LOGIN, LOGINS_30_DAYS]);

      const step = mappingStep(element);
      expect(step.mappedFields).toEqual([FIRST_LOGIN.field, LOGINS_30_DAYS.field]);
      expect(step.resetStampField).toBe('');
    });

    it('carries the reset into Preview and Save, and hands the preview the count it found', async () => {
      previewIntegrationMock.mockResolvedValue({ ...PREVIEW, recordsToReset: 4 });
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await reachMapping();
      await changeMappings(element, [FIRST_LOGIN, LOGINS_30_DAYS]);
      mappingStep(element).dispatchEvent(new CustomEvent('resetchange', { detail: RESET }));
      await flushPromises();

      await click(button(element, 'preview'));
      expect(previewOf(element).result?.recordsToReset).toBe(4);
      await click(button(element, 'save'));

      expect(previewIntegrationMock).toHaveBeenCalledWith({
        definition: { ...newDefinition([FIRST_LOGIN, LOGINS_30_DAYS]), ...RESET },
        maxRows: 50
      });
      expect(saveIntegrationMock).toHaveBeenCalledWith({
        definition: { ...newDefinition([FIRST_LOGIN, LOGINS_30_DAYS]), ...RESET }
      });
    });

    it('hands a stored reset back to the mapping step on Edit', async () => {
      getIntegrationMock.mockResolvedValue({ ...INTEGRATION, ...RESET });

      const element = await render('Lead_Logins');

      const step = mappingStep(element);
      expect([step.resetStampField, step.resetMode, step.resetValue]).toEqual([
        'WalkMe_Last_Login__c',
        'Set to value',
        '0'
      ]);
    });
  });

  describe('CSV export source (chosen in step 1, read in step 2)', () => {
    const CSV_COLUMNS: InsightsSync.ReportColumn[] = [
      { name: 'Email', label: 'Email', type: 'string' },
      { name: 'Last login', label: 'Last login', type: 'datetime' },
      { name: 'Logins', label: 'Logins', type: 'integer' }
    ];

    async function chooseSource(element: HTMLElement, sourceType: string): Promise<void> {
      environmentStep(element).dispatchEvent(
        new CustomEvent('sourcechange', { detail: { sourceType } })
      );
      await flushPromises();
    }

    async function announceCsvSource(
      element: HTMLElement,
      columns: InsightsSync.ReportColumn[] = CSV_COLUMNS,
      path = 'exports/logins.csv'
    ): Promise<void> {
      reportStep(element).dispatchEvent(
        new CustomEvent('csvsourcechange', {
          detail: { credential: 'Export_Bucket', path, columns }
        })
      );
      await flushPromises();
    }

    it('starts on the Insights API and needs no connected region for a CSV export', async () => {
      getConnectionsMock.mockResolvedValue([]);
      const element = await render();
      expect(environmentStep(element).sourceType).toBe('Insights API');
      expect(button(element, 'continue').disabled).toBe(true);

      await chooseSource(element, 'CSV Export');

      expect(environmentStep(element).sourceType).toBe('CSV Export');
      expect(button(element, 'continue').disabled).toBe(false);
      await click(button(element, 'continue'));
      expect(reportStep(element).sourceType).toBe('CSV Export');
    });

    it('keys on the columns read from the file and saves the CSV source with their types', async () => {
      saveIntegrationMock.mockResolvedValue(JOB_ID);
      const element = await render();
      await chooseSource(element, 'CSV Export');
      await click(button(element, 'continue'));
      await announceCsvSource(element);
      expect(reportStep(element).csvColumns).toEqual(CSV_COLUMNS);
      await setSetting(element, 'label', 'Lead logins');
      await setSetting(element, 'targetObject', 'Lead');
      await setSetting(element, 'reportKeyColumn', 'Email');
      await setSetting(element, 'objectKeyField', 'Email');
      await click(button(element, 'continue'));
      expect(mappingStep(element).reportName).toBe('exports/logins.csv');
      expect(mappingStep(element).columns).toEqual(CSV_COLUMNS);
      const logins = { column: 'Logins', columnType: 'integer', field: 'NumberOfEmployees' };
      await changeMappings(element, [logins]);

      await click(button(element, 'save'));

      const sent = saveIntegrationMock.mock.calls[0][0].definition as IntegrationDefinition;
      expect(sent.sourceType).toBe('CSV Export');
      expect(sent.csvNamedCredential).toBe('Export_Bucket');
      expect(sent.csvFilePath).toBe('exports/logins.csv');
      expect(sent.connectionRegion).toBeUndefined();
      expect(sent.reportId).toBeUndefined();
      expect(sent.reportName).toBe('logins.csv');
      expect(sent.reportKeyColumn).toBe('Email');
      expect(sent.reportKeyColumnType).toBe('string');
      expect(sent.mappings).toEqual([logins]);
    });

    it('drops the key column when the columns read no longer have it', async () => {
      const element = await render();
      await chooseSource(element, 'CSV Export');
      await click(button(element, 'continue'));
      await announceCsvSource(element);
      await setSetting(element, 'reportKeyColumn', 'Email');
      expect(reportStep(element).reportKeyColumn).toBe('Email');

      await announceCsvSource(element, [{ name: 'user', label: 'user', type: 'string' }]);

      expect(reportStep(element).reportKeyColumn).toBe('');
    });

    it('loads a saved CSV integration back, its columns from the key column and the mappings', async () => {
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
      const step = reportStep(element);
      expect([step.sourceType, step.csvCredential, step.csvPath]).toEqual([
        'CSV Export',
        'Export_Bucket',
        'exports/logins.csv'
      ]);
      expect(step.csvColumns).toEqual([
        { name: 'Email', label: 'Email', type: 'string' },
        { name: 'Logins', label: 'Logins', type: 'integer' }
      ]);
      await click(header(element, 'environment'));
      expect(environmentStep(element).sourceType).toBe('CSV Export');
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
      expect(mappingStep(element).mappings).toEqual(INTEGRATION.mappings);
      // No Auto-map on an integration that has its mappings.
      expect(await rowsHeld(element)).toEqual(INTEGRATION.mappings);
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('shows the saved settings in the earlier steps, with the API name read-only', async () => {
      const element = await render('Lead_Logins');

      await click(header(element, 'report'));

      const step = reportStep(element);
      expect(step.apiName).toBe('Lead_Logins');
      expect(step.isEditing).toBe(true);
      expect(step.label).toBe('Lead logins');
      expect(step.reportId).toBe('rpt-logins-001');
      expect(step.savedReportName).toBe('Logins review');
      expect(step.targetObject).toBe('Lead');
      expect(step.objectKeyField).toBe('Email');
      expect(step.reportKeyColumn).toBe('email');
      expect(step.frequency).toBe('Weekly');
      expect(step.scheduleWeekday).toBe('Tuesday');
      expect(step.scheduleTimeUtc).toBe('06:00');

      await setSetting(element, 'label', 'Lead logins (EU)');
      expect(reportStep(element).apiName).toBe('Lead_Logins');
      await setSetting(element, 'apiName', 'Other_name');
      expect(reportStep(element).apiName).toBe('Lead_Logins');
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
          reportKeyColumnType: 'string',
          objectKeyField: 'Email',
          mappings: [...(INTEGRATION.mappings ?? []), LOGINS_30_DAYS],
          frequency: 'Weekly',
          scheduleTimeUtc: '06:00',
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

      await changeMappings(element, [FIRST_LOGIN]);
      await click(button(element, 'save'));

      expect(saveIntegrationMock.mock.calls[0][0].definition.mappings).toEqual([FIRST_LOGIN]);
    });

    it('hands a saved time that is not on the hour to the step, which names it, and saves none', async () => {
      getIntegrationMock.mockResolvedValue({ ...INTEGRATION, scheduleTimeUtc: '06:30' });
      const element = await render('Lead_Logins');

      expect(reportStep(element).scheduleTimeUtc).toBe('06:30');
      expect(header(element, 'mapping').disabled).toBe(true);

      await setSetting(element, 'scheduleTimeUtc', '06:00');
      expect(header(element, 'mapping').disabled).toBe(false);
    });

    it('opens at the environment step when the integration’s region is no longer connected', async () => {
      getIntegrationMock.mockResolvedValue({ ...INTEGRATION, connectionRegion: 'CA' });
      const element = await render('Lead_Logins');

      expect(currentStep(element)).toBe('environment');
      // c-wizard-environment-step warns from these: Canada is listed, and not connected.
      expect(environmentStep(element).connectionRegion).toBe('CA');
      expect(
        environmentStep(element).connections.find((status) => status.regionCode === 'CA')?.connected
      ).toBe(false);
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
      expect(find(element, 'c-wizard-environment-step')).toBeNull();
      expect(find(element, 'c-wizard-report-step')).toBeNull();
      expect(find(element, 'c-wizard-mapping-step')).toBeNull();
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
        environmentStep(element)
          .connections.filter((status) => status.connected)
          .map((status) => status.regionCode)
      ).toEqual(['US', 'EU', 'CA']);
      expect(getConnectionsMock).toHaveBeenCalledTimes(2);
    });
  });

  describe('opening', () => {
    let scrollIntoView: jest.Mock;
    const originalMatchMedia = window.matchMedia;

    beforeEach(() => {
      scrollIntoView = jest.fn();
      (Element.prototype as unknown as { scrollIntoView: jest.Mock }).scrollIntoView =
        scrollIntoView;
    });

    afterEach(() => {
      delete (Element.prototype as unknown as { scrollIntoView?: jest.Mock }).scrollIntoView;
      window.matchMedia = originalMatchMedia;
    });

    function reduceMotion(reduce: boolean): void {
      window.matchMedia = jest.fn().mockImplementation((media: string) => ({
        matches: reduce && media === '(prefers-reduced-motion: reduce)',
        media
      })) as unknown as typeof window.matchMedia;
    }

    it('scrolls the wizard to the top of the window and focuses its heading', async () => {
      reduceMotion(false);
      const element = await render();

      expect(scrollIntoView).toHaveBeenCalledTimes(1);
      expect(scrollIntoView.mock.contexts[0]).toBe(query(element, '[data-id="wizard"]'));
      expect(scrollIntoView).toHaveBeenCalledWith({ block: 'start', behavior: 'smooth' });
      expect(element.shadowRoot?.activeElement).toBe(query(element, '[data-id="title"]'));
      expect(text(element, '[data-id="title"]')).toBe('New integration');
    });

    it('scrolls at once when the admin asked for reduced motion', async () => {
      reduceMotion(true);
      await render();

      expect(scrollIntoView).toHaveBeenCalledWith({ block: 'start', behavior: 'auto' });
    });

    it('does the same for Edit, and only once: later renders leave the scroll alone', async () => {
      reduceMotion(false);
      const element = await render('Lead_Logins');

      expect(element.shadowRoot?.activeElement).toBe(query(element, '[data-id="title"]'));
      await click(header(element, 'report'));
      expect(scrollIntoView).toHaveBeenCalledTimes(1);
    });
  });

  describe('Cancel', () => {
    it('leaves at once when nothing was entered', async () => {
      const element = await render();
      const cancels = collect(element, 'cancel');

      await click(button(element, 'cancel'));

      expect(confirmOpen).not.toHaveBeenCalled();
      expect(cancels).toHaveLength(1);
    });

    it('leaves an opened integration at once when nothing changed, the mapping step included', async () => {
      const element = await render('Lead_Logins');
      const cancels = collect(element, 'cancel');
      // The editor announces the rows it was given, their types as the report says them.
      await changeMappings(element, mappingStep(element).mappings);

      await click(button(element, 'cancel'));

      expect(confirmOpen).not.toHaveBeenCalled();
      expect(cancels).toHaveLength(1);
    });

    it('asks before throwing away a new integration, and stays when the admin says no', async () => {
      confirmOpen.mockResolvedValue(false);
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await setSetting(element, 'label', 'Lead logins');
      const cancels = collect(element, 'cancel');

      await click(button(element, 'cancel'));

      expect(confirmOpen).toHaveBeenCalledWith({
        label: 'Discard your changes?',
        message: 'The new integration is not saved. Leave the wizard and discard what you entered?',
        variant: 'header',
        theme: 'warning'
      });
      expect(cancels).toHaveLength(0);
      expect(reportStep(element).label).toBe('Lead logins');
    });

    it('leaves when the admin agrees to discard the changes of an edited integration', async () => {
      confirmOpen.mockResolvedValue(true);
      const element = await render('Lead_Logins');
      const cancels = collect(element, 'cancel');
      await changeMappings(element, [FIRST_LOGIN]);

      await click(button(element, 'cancel'));

      expect(confirmOpen).toHaveBeenCalledTimes(1);
      expect(confirmOpen.mock.calls[0][0].message).toBe(
        'The changes you made to this integration are not saved. Leave the wizard and discard them?'
      );
      expect(cancels).toHaveLength(1);
    });

    it('does not ask once the draft is back to what was opened', async () => {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      await setSetting(element, 'label', 'Lead logins');
      await setSetting(element, 'label', '');
      await click(header(element, 'environment'));
      await completeEnvironment(element, '');
      const cancels = collect(element, 'cancel');

      await click(button(element, 'cancel'));

      expect(confirmOpen).not.toHaveBeenCalled();
      expect(cancels).toHaveLength(1);
    });
  });

  describe('API name in use', () => {
    async function atReportStep(): Promise<HTMLElement> {
      const element = await render();
      await completeEnvironment(element);
      await click(button(element, 'continue'));
      return element;
    }

    async function rest(): Promise<void> {
      await new Promise((resolve) => {
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        setTimeout(resolve, API_NAME_CHECK_DELAY_MS + 50);
      });
      await flushPromises();
    }

    it('names an API name in use in step 2 once it rests, and holds Continue', async () => {
      const element = await atReportStep();
      await completeReportStep(element);
      await setSetting(element, 'apiName', 'Lead_Logins');
      expect(reportStep(element).apiNameError).toBe('');

      await rest();

      expect(getIntegrationMock).toHaveBeenLastCalledWith({ developerName: 'Lead_Logins' });
      expect(reportStep(element).apiNameError).toBe(
        'An integration with the API name "Lead_Logins" already exists (it may be archived). ' +
          'Choose another API name.'
      );
      expect(button(element, 'continue').disabled).toBe(true);
    });

    it('clears the error as soon as the name changes, and keeps it clear for a free name', async () => {
      const element = await atReportStep();
      await completeReportStep(element);
      await setSetting(element, 'apiName', 'Lead_Logins');
      await rest();
      expect(reportStep(element).apiNameError).not.toBe('');

      await setSetting(element, 'apiName', 'Lead_Logins_EU');
      expect(reportStep(element).apiNameError).toBe('');
      await rest();

      expect(reportStep(element).apiNameError).toBe('');
      expect(button(element, 'continue').disabled).toBe(false);
    });

    it('checks a name derived from the integration name too, once typing stops', async () => {
      const element = await atReportStep();
      await setSetting(element, 'label', 'Lead');
      await setSetting(element, 'label', 'Lead Logins');

      await rest();

      expect(getIntegrationMock).toHaveBeenCalledTimes(1);
      expect(reportStep(element).apiNameError).toContain('"Lead_Logins" already exists');
    });

    it('drops an answer about a name the admin has changed since', async () => {
      const pending = deferred<IntegrationDefinition>();
      getIntegrationMock.mockReturnValueOnce(pending.promise);
      const element = await atReportStep();
      await setSetting(element, 'apiName', 'Lead_Logins');
      await rest();
      await setSetting(element, 'apiName', 'Lead_Logins_EU');

      pending.resolve(INTEGRATION);
      await flushPromises();

      expect(reportStep(element).apiNameError).toBe('');
    });

    it('does not look up the API name of an edited integration', async () => {
      const element = await render('Lead_Logins');
      await click(header(element, 'report'));
      getIntegrationMock.mockClear();

      await setSetting(element, 'label', 'Lead logins (EU)');
      await rest();

      expect(getIntegrationMock).not.toHaveBeenCalled();
      expect(reportStep(element).apiNameError).toBe('');
    });
  });

  describe('Save after a preview that matched nothing', () => {
    const MATCHED_NOTHING: InsightsSync.SyncPreviewResult = {
      ...PREVIEW,
      rowsRead: 10,
      rowsMatched: 0,
      recordsToUpdate: 0,
      recordsUnchanged: 0,
      rowsUnmatched: 10,
      rows: []
    };

    async function previewed(result: InsightsSync.SyncPreviewResult): Promise<HTMLElement> {
      previewIntegrationMock.mockResolvedValue(result);
      const element = await reachMapping();
      await changeMappings(element, [FIRST_LOGIN, LOGINS_30_DAYS]);
      await click(button(element, 'preview'));
      return element;
    }

    it('warns above Save and still lets the admin save', async () => {
      const element = await previewed(MATCHED_NOTHING);

      expect(text(element, '[data-id="no-match-warning"]')).toBe(
        'Preview matched no Lead: 10 rows read, 10 unmatched. Check the key pair before saving.'
      );
      expect(button(element, 'save').disabled).toBe(false);
    });

    it('keeps the warning when only the mappings changed: they do not change what matches', async () => {
      const element = await previewed(MATCHED_NOTHING);

      await changeMappings(element, [FIRST_LOGIN]);

      expect(find(element, '[data-id="no-match-warning"]')).not.toBeNull();
    });

    it('drops the warning once the key pair changed', async () => {
      const element = await previewed(MATCHED_NOTHING);
      await click(header(element, 'report'));

      await setSetting(element, 'reportKeyColumn', 'user_id');
      await click(header(element, 'mapping'));

      expect(find(element, '[data-id="no-match-warning"]')).toBeNull();
    });

    it('says nothing when the preview matched records', async () => {
      const element = await previewed(PREVIEW);

      expect(find(element, '[data-id="no-match-warning"]')).toBeNull();
    });
  });
});
