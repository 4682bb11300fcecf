import { createElement } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { onError, subscribe, unsubscribe, type EmpMessage } from 'lightning/empApi';
import IntegrationList, { FOLLOW_RUNS_MS } from 'c/integrationList';
import getIntegrations from '@salesforce/apex/IntegrationController.getIntegrations';
import getSchedulerStatus from '@salesforce/apex/IntegrationController.getSchedulerStatus';
import scheduleDispatcher from '@salesforce/apex/IntegrationController.scheduleDispatcher';
import unscheduleJobs from '@salesforce/apex/IntegrationController.unscheduleJobs';
import runNow from '@salesforce/apex/IntegrationController.runNow';
import pauseIntegration from '@salesforce/apex/IntegrationController.pauseIntegration';
import resumeIntegration from '@salesforce/apex/IntegrationController.resumeIntegration';
import archiveIntegration from '@salesforce/apex/IntegrationController.archiveIntegration';
import getSaveEventChannel from '@salesforce/apex/IntegrationController.getSaveEventChannel';
import getArchivedIntegrations from '@salesforce/apex/IntegrationController.getArchivedIntegrations';
import restoreIntegration from '@salesforce/apex/IntegrationController.restoreIntegration';

jest.mock(
  '@salesforce/apex/IntegrationController.getIntegrations',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.getSchedulerStatus',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.scheduleDispatcher',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/IntegrationController.unscheduleJobs', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/IntegrationController.runNow', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/IntegrationController.pauseIntegration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.resumeIntegration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.archiveIntegration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.getSaveEventChannel',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.getArchivedIntegrations',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/IntegrationController.restoreIntegration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

type Row = InsightsSync.IntegrationRow;
type Status = InsightsSync.SchedulerStatus;

const INTEGRATIONS = jest.requireActual<Row[]>('./data/getIntegrations.json');
const SCHEDULED = jest.requireActual<Status>('./data/getSchedulerStatusScheduled.json');
const NOT_SCHEDULED = jest.requireActual<Status>('./data/getSchedulerStatusNotScheduled.json');
// As describe answers in an org where the package's namespace is `insync`.
const SAVE_EVENT = jest.requireActual<InsightsSync.SaveEventChannel>(
  './data/getSaveEventChannel.json'
);

const getIntegrationsMock = getIntegrations as jest.MockedFunction<typeof getIntegrations>;
const getSchedulerStatusMock = getSchedulerStatus as jest.MockedFunction<typeof getSchedulerStatus>;
const scheduleDispatcherMock = scheduleDispatcher as jest.MockedFunction<typeof scheduleDispatcher>;
const unscheduleJobsMock = unscheduleJobs as jest.MockedFunction<typeof unscheduleJobs>;
const runNowMock = runNow as jest.MockedFunction<typeof runNow>;
const pauseMock = pauseIntegration as jest.MockedFunction<typeof pauseIntegration>;
const resumeMock = resumeIntegration as jest.MockedFunction<typeof resumeIntegration>;
const archiveMock = archiveIntegration as jest.MockedFunction<typeof archiveIntegration>;
const getSaveEventChannelMock = getSaveEventChannel as jest.MockedFunction<
  typeof getSaveEventChannel
>;
const getArchivedMock = getArchivedIntegrations as jest.MockedFunction<
  typeof getArchivedIntegrations
>;
const restoreMock = restoreIntegration as jest.MockedFunction<typeof restoreIntegration>;
const confirmOpen = (LightningConfirm as unknown as { open: jest.Mock }).open;
// sfdx-lwc-jest's lightning/empApi stub: jest.fn()s.
const subscribeMock = subscribe as unknown as jest.Mock;
const unsubscribeMock = unsubscribe as unknown as jest.Mock;
const onErrorMock = onError as unknown as jest.Mock;

/** An archived integration, as getArchivedIntegrations answers it. */
const ARCHIVED: Row = {
  ...INTEGRATIONS[0],
  developerName: 'Old_Logins',
  label: 'Old logins',
  state: 'Archived',
  nextRunAt: undefined,
  lastRun: undefined
};
const RESTORE_JOB_ID = '0Af000000000321AAA';

const CHANNEL = SAVE_EVENT.channel;
const SUBSCRIPTION = { id: 'subscription-1', channel: CHANNEL };
// Apex answers with an 18-character Id; the event may carry the 15-character form.
const PAUSE_JOB_ID = '0Af000000000123AAA';

/** The properties of the base-component stubs the tests read (LWC sets them, not attributes). */
type BaseElement = HTMLElement & {
  label: string;
  value: string;
  disabled: boolean;
  alternativeText: string;
  iconName: string;
  status?: string;
};

type ListElement = HTMLElement & { refresh(): Promise<void> };

/** Lets every pending promise (and the re-render that follows) settle. */
function flushPromises(): Promise<void> {
  // A macrotask runs after every queued microtask, however long the chain of awaits.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A promise the test settles when it wants, to look at the list while a call runs. */
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

async function render(): Promise<ListElement> {
  const element = createElement('c-integration-list', { is: IntegrationList }) as ListElement;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function query<T extends HTMLElement = BaseElement>(element: HTMLElement, selector: string): T {
  const found = element.shadowRoot?.querySelector<T>(selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function within<T extends HTMLElement = BaseElement>(container: HTMLElement, selector: string): T {
  const found = container.querySelector<T>(selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function squeeze(value: string | null | undefined): string {
  return value?.replace(/\s+/g, ' ').trim() ?? '';
}

function text(element: HTMLElement, selector: string): string {
  return squeeze(query(element, selector).textContent);
}

function row(element: HTMLElement, developerName: string): HTMLElement {
  return query(element, `tr[data-developer-name="${developerName}"]`);
}

function cell(element: HTMLElement, developerName: string, id: string): string {
  return squeeze(within(row(element, developerName), `[data-id="${id}"]`).textContent);
}

function menuOf(element: HTMLElement, developerName: string): BaseElement {
  return within(row(element, developerName), 'lightning-button-menu');
}

function menuItems(element: HTMLElement, developerName: string): BaseElement[] {
  return Array.from(
    menuOf(element, developerName).querySelectorAll<BaseElement>('lightning-menu-item')
  );
}

/** Chooses an item of a row's menu the way lightning-button-menu reports it. */
async function choose(element: HTMLElement, developerName: string, value: string): Promise<void> {
  menuOf(element, developerName).dispatchEvent(new CustomEvent('select', { detail: { value } }));
  await flushPromises();
}

async function click(button: HTMLElement): Promise<void> {
  button.click();
  await flushPromises();
}

/** Delivers an Integration_Saved__e the way lightning/empApi does. */
async function publishSave(payload: {
  developerName: string;
  deployJobId: string;
  success: boolean;
  message: string;
}): Promise<void> {
  const onMessage = subscribeMock.mock.calls[0][2] as (message: EmpMessage) => void;
  onMessage({
    channel: CHANNEL,
    data: {
      payload: {
        [SAVE_EVENT.developerNameField]: payload.developerName,
        [SAVE_EVENT.deployJobIdField]: payload.deployJobId,
        [SAVE_EVENT.successField]: payload.success,
        [SAVE_EVENT.messageField]: payload.message
      }
    }
  });
  await flushPromises();
}

function collect(element: HTMLElement, eventName: string): unknown[] {
  const details: unknown[] = [];
  element.addEventListener(eventName, (event) => {
    details.push((event as CustomEvent).detail);
  });
  return details;
}

describe('c-integration-list', () => {
  beforeEach(() => {
    getIntegrationsMock.mockResolvedValue(INTEGRATIONS);
    getArchivedMock.mockResolvedValue([ARCHIVED]);
    getSchedulerStatusMock.mockResolvedValue(SCHEDULED);
    getSaveEventChannelMock.mockResolvedValue(SAVE_EVENT);
    subscribeMock.mockResolvedValue(SUBSCRIPTION);
    unsubscribeMock.mockResolvedValue(true);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.clearAllMocks();
  });

  describe('the table', () => {
    it('has a column for the name, report, object, schedule, last run, next run, state and runs as', async () => {
      const element = await render();

      const headers = Array.from(
        query(element, '[data-id="integration-table"]').querySelectorAll('thead th')
      ).map((header) => squeeze(header.textContent));
      expect(headers).toEqual([
        'Name',
        'Report',
        'Object',
        'Schedule',
        'Last run (UTC)',
        'Next run (UTC)',
        'State',
        'Runs as',
        'Actions'
      ]);
    });

    it('lists every integration in the order the Apex sorted them', async () => {
      const element = await render();

      const names = Array.from(
        query(element, '[data-id="integration-table"]').querySelectorAll<HTMLElement>(
          'tbody tr[data-developer-name]'
        )
      ).map((tableRow) => tableRow.dataset.developerName);
      expect(names).toEqual(['Account_Onboarding', 'Contact_NPS', 'Lead_Logins', 'Lead_TeachMe']);
    });

    it('shows an active integration with its last run: UTC time, status and counts', async () => {
      const element = await render();

      expect(cell(element, 'Lead_Logins', 'label')).toBe('Lead logins');
      expect(cell(element, 'Lead_Logins', 'api-name')).toBe('Lead_Logins');
      expect(cell(element, 'Lead_Logins', 'report')).toBe('Logins');
      expect(cell(element, 'Lead_Logins', 'object')).toBe('Lead');
      expect(cell(element, 'Lead_Logins', 'schedule')).toBe('Daily at 08:00 UTC');
      expect(cell(element, 'Lead_Logins', 'last-run-time')).toBe('2026-11-25 08:00:03 UTC');
      const badge = within(row(element, 'Lead_Logins'), 'c-run-status-badge');
      expect(badge.status).toBe('Completed');
      expect(squeeze(badge.shadowRoot?.textContent)).toContain('Completed');
      expect(cell(element, 'Lead_Logins', 'last-run-counts')).toBe(
        '1,200 read · 950 updated · 50 unmatched · 0 failed'
      );
      expect(cell(element, 'Lead_Logins', 'next-run')).toBe('2026-11-26 08:00:00 UTC');
      expect(within(row(element, 'Lead_Logins'), 'lightning-badge').label).toBe('Active');
      expect(row(element, 'Lead_Logins').querySelector('[data-id="problem"]')).toBeNull();
    });

    it('shows a paused integration as Paused, with the failed count and reason of its last run', async () => {
      const element = await render();

      expect(cell(element, 'Contact_NPS', 'schedule')).toBe('Weekly on Monday at 06:00 UTC');
      expect(cell(element, 'Contact_NPS', 'next-run')).toBe('Paused');
      expect(within(row(element, 'Contact_NPS'), 'lightning-badge').label).toBe('Paused');
      expect(within(row(element, 'Contact_NPS'), 'c-run-status-badge').status).toBe(
        'Completed with errors'
      );
      expect(cell(element, 'Contact_NPS', 'last-run-counts')).toBe(
        '480 read · 470 updated · 7 unmatched · 3 failed'
      );
      expect(cell(element, 'Contact_NPS', 'last-run-error')).toBe(
        '3 records could not be updated: FIELD_CUSTOM_VALIDATION_EXCEPTION.'
      );
    });

    it('says whom scheduled runs and Run Now run as, and whose access holds them', async () => {
      const element = await render();

      expect(cell(element, 'Lead_Logins', 'runs-as-scheduled')).toBe('On schedule: Ada Admin');
      expect(cell(element, 'Lead_Logins', 'runs-as-run-now')).toBe('Run Now: you');
      expect(cell(element, 'Lead_Logins', 'saved-by')).toBe(
        'Saved by Ada Admin: scheduled runs write only what Ada Admin may edit.'
      );
      expect(cell(element, 'Contact_NPS', 'runs-as-scheduled')).toBe(
        'On schedule: not while paused'
      );
      expect(cell(element, 'Contact_NPS', 'saved-by')).toBe(
        'Saved by Ben Okafor: scheduled runs write only what Ben Okafor may edit.'
      );
      expect(cell(element, 'Lead_TeachMe', 'saved-by')).toBe(
        'Saved by nobody on record: scheduled runs fail until it is saved again.'
      );
    });

    it('says a scheduled run has nobody to run as while the dispatcher is not scheduled', async () => {
      getSchedulerStatusMock.mockResolvedValue(NOT_SCHEDULED);
      const element = await render();

      expect(cell(element, 'Lead_Logins', 'runs-as-scheduled')).toBe('On schedule: not scheduled');
      expect(cell(element, 'Lead_Logins', 'runs-as-run-now')).toBe('Run Now: you');
    });

    it('names no one when the saver cannot be seen, but says the runs are held to them', async () => {
      const hidden: Row = {
        ...INTEGRATIONS[2],
        savedById: '005000000000009AAA',
        savedByName: undefined
      };
      getIntegrationsMock.mockResolvedValue([hidden]);
      const element = await render();

      expect(cell(element, 'Lead_Logins', 'saved-by')).toBe(
        'Saved by a user you cannot see: scheduled runs write only what that user may edit.'
      );
    });

    it('says Never run for an integration without runs', async () => {
      const element = await render();

      expect(cell(element, 'Account_Onboarding', 'last-run')).toBe('Never run');
      expect(row(element, 'Account_Onboarding').querySelector('c-run-status-badge')).toBeNull();
      expect(cell(element, 'Account_Onboarding', 'schedule')).toBe('Hourly, on the hour');
      expect(cell(element, 'Account_Onboarding', 'next-run')).toBe('2026-11-25 09:00:00 UTC');
    });

    it('shows the time a queued run was queued, without counts', async () => {
      const queued: Row = {
        ...INTEGRATIONS[0],
        lastRun: {
          ...(INTEGRATIONS[2].lastRun as InsightsSync.RunSummary),
          status: 'Queued',
          queuedAt: '2026-11-25T10:11:12.000Z',
          startedAt: undefined,
          rowsRead: 0,
          recordsUpdated: 0
        }
      };
      getIntegrationsMock.mockResolvedValue([queued]);
      const element = await render();

      expect(cell(element, 'Account_Onboarding', 'last-run-time')).toBe('2026-11-25 10:11:12 UTC');
      expect(within(row(element, 'Account_Onboarding'), 'c-run-status-badge').status).toBe(
        'Queued'
      );
      expect(row(element, 'Account_Onboarding').querySelector('[data-id="last-run-counts"]')).toBe(
        null
      );
    });

    it('shows a problem with the stored settings as a warning under the name', async () => {
      const element = await render();

      const nameCell = within(row(element, 'Lead_TeachMe'), '[data-id="name"]');
      const problem = within(nameCell, '[data-id="problem"]');
      expect(squeeze(problem.textContent)).toBe(
        'The field mappings of Lead_TeachMe are not valid JSON. Edit the integration, check its ' +
          'mappings and save it again.'
      );
      expect(within(problem, 'lightning-icon').iconName).toBe('utility:warning');
    });

    it('names each row menu for screen readers', async () => {
      const element = await render();

      expect(menuOf(element, 'Lead_Logins').alternativeText).toBe('Actions for Lead logins');
      expect(menuOf(element, 'Contact_NPS').alternativeText).toBe('Actions for Contact NPS');
    });

    it('offers Pause on an active integration and Resume on a paused one', async () => {
      const element = await render();

      expect(menuItems(element, 'Lead_Logins').map((item) => item.label)).toEqual([
        'Run Now',
        'Log',
        'Edit',
        'Pause',
        'Archive'
      ]);
      expect(menuItems(element, 'Contact_NPS').map((item) => item.label)).toEqual([
        'Run Now',
        'Log',
        'Edit',
        'Resume',
        'Archive'
      ]);
    });
  });

  describe('loading', () => {
    it('shows a spinner saying what loads while getIntegrations runs', async () => {
      const loading = deferred<Row[]>();
      getIntegrationsMock.mockReturnValue(loading.promise);
      const element = await render();

      expect(query(element, '[data-id="integrations"] lightning-spinner').alternativeText).toBe(
        'Loading integrations'
      );
      expect(query(element, '[data-id="integrations"]').getAttribute('aria-busy')).toBe('true');
      expect(element.shadowRoot?.querySelector('[data-id="empty"]')).toBeNull();

      loading.resolve(INTEGRATIONS);
      await flushPromises();

      expect(element.shadowRoot?.querySelector('[data-id="integrations"] lightning-spinner')).toBe(
        null
      );
      expect(query(element, '[data-id="integration-table"]')).toBeTruthy();
    });

    it('shows why the integrations could not be loaded, and Retry loads them again', async () => {
      getIntegrationsMock.mockRejectedValueOnce({
        body: {
          message:
            'You cannot read the run log.\nAsk your admin for the Insights Sync Viewer permission set.'
        }
      });
      const element = await render();

      const errors = query(element, '[data-id="load-errors"]');
      expect(errors.getAttribute('role')).toBe('alert');
      expect(Array.from(errors.querySelectorAll('p')).map((line) => line.textContent)).toEqual([
        'The integrations could not be loaded.',
        'You cannot read the run log.',
        'Ask your admin for the Insights Sync Viewer permission set.'
      ]);
      expect(element.shadowRoot?.querySelector('[data-id="empty"]')).toBeNull();

      await click(query(element, 'lightning-button[data-action="retry"]'));

      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
      expect(element.shadowRoot?.querySelector('[data-id="load-errors"]')).toBeNull();
      expect(row(element, 'Lead_Logins')).toBeTruthy();
    });

    it('says so when there are no integrations yet', async () => {
      getIntegrationsMock.mockResolvedValue([]);
      const element = await render();

      expect(text(element, '[data-id="empty"]')).toContain('No integrations yet');
      expect(element.shadowRoot?.querySelector('[data-id="integration-table"]')).toBeNull();
    });

    it('reloads the integrations and the dispatcher status on refresh()', async () => {
      const element = await render();
      expect(getIntegrationsMock).toHaveBeenCalledTimes(1);
      expect(getSchedulerStatusMock).toHaveBeenCalledTimes(1);
      getIntegrationsMock.mockResolvedValue([INTEGRATIONS[2]]);
      getSchedulerStatusMock.mockResolvedValue(NOT_SCHEDULED);

      await element.refresh();
      await flushPromises();

      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
      expect(getSchedulerStatusMock).toHaveBeenCalledTimes(2);
      expect(
        query(element, '[data-id="integration-table"]').querySelectorAll('tbody tr')
      ).toHaveLength(1);
      expect(text(element, '[data-id="scheduler-text"]')).toBe(
        'Not scheduled: integrations run only on Run Now.'
      );
    });
  });

  describe('events to the console', () => {
    it('fires newintegration when New integration is pressed', async () => {
      const element = await render();
      const fired = collect(element, 'newintegration');

      await click(query(element, 'lightning-button[data-action="new-integration"]'));

      expect(fired).toHaveLength(1);
    });

    it('fires openlog with the developer name and label when Log is chosen', async () => {
      const element = await render();
      const fired = collect(element, 'openlog');

      await choose(element, 'Contact_NPS', 'log');

      expect(fired).toEqual([{ developerName: 'Contact_NPS', label: 'Contact NPS' }]);
    });

    it('fires edit with the developer name when Edit is chosen', async () => {
      const element = await render();
      const fired = collect(element, 'edit');

      await choose(element, 'Lead_Logins', 'edit');

      expect(fired).toEqual([{ developerName: 'Lead_Logins' }]);
    });
  });

  describe('for a user without Manage Insights Sync', () => {
    it('offers only the list and Log: no New integration, Schedule, or changing menu items', async () => {
      getSchedulerStatusMock.mockResolvedValue(NOT_SCHEDULED);
      const element = createElement('c-integration-list', { is: IntegrationList }) as ListElement;
      (element as ListElement & { readOnly: boolean }).readOnly = true;
      document.body.appendChild(element);
      await flushPromises();

      const root = element.shadowRoot!;
      expect(root.querySelector('[data-action="new-integration"]')).toBeNull();
      expect(root.querySelector('[data-action="schedule-dispatcher"]')).toBeNull();
      const leadRow = root.querySelector('tr[data-developer-name="Lead_Logins"]')!;
      const items = Array.from(leadRow.querySelectorAll('lightning-menu-item')).map((item) =>
        item.getAttribute('data-action')
      );
      expect(items).toEqual(['log']);
      expect(cell(element, 'Lead_Logins', 'runs-as-run-now')).toBe('Run Now: whoever presses it');
      // Only admins may read Integration_Saved__e, and a viewer changes nothing to hear about.
      expect(subscribeMock).not.toHaveBeenCalled();
    });
  });

  describe('for a user without Manage Insights Sync, with the dispatcher scheduled', () => {
    it('shows the schedule without Unschedule', async () => {
      const element = createElement('c-integration-list', { is: IntegrationList }) as ListElement;
      (element as ListElement & { readOnly: boolean }).readOnly = true;
      document.body.appendChild(element);
      await flushPromises();

      expect(text(element, '[data-id="scheduler-text"]')).toContain('Schedule active');
      expect(element.shadowRoot?.querySelector('[data-action="unschedule-jobs"]')).toBeNull();
    });
  });

  describe('runs in progress', () => {
    function withLastRunStatus(status: string): Row[] {
      const first = INTEGRATIONS.findIndex((integration) => integration.lastRun);
      return INTEGRATIONS.map((integration, index) => {
        if (index !== first || !integration.lastRun) {
          return integration;
        }
        return { ...integration, lastRun: { ...integration.lastRun, status } };
      });
    }

    async function renderWithFakeTimers(): Promise<ListElement> {
      jest.useFakeTimers();
      const element = createElement('c-integration-list', { is: IntegrationList }) as ListElement;
      document.body.appendChild(element);
      await jest.advanceTimersByTimeAsync(0);
      return element;
    }

    it('reads the list again, without a spinner, while a last run is running, and stops after', async () => {
      getIntegrationsMock
        .mockResolvedValueOnce(withLastRunStatus('Running'))
        .mockResolvedValueOnce(withLastRunStatus('Completed'));
      const element = await renderWithFakeTimers();
      expect(getIntegrationsMock).toHaveBeenCalledTimes(1);

      await jest.advanceTimersByTimeAsync(FOLLOW_RUNS_MS - 1);
      expect(getIntegrationsMock).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
      await jest.advanceTimersByTimeAsync(0);

      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(FOLLOW_RUNS_MS * 3);
      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
    });

    it('keeps the rows shown when such a reload fails', async () => {
      getIntegrationsMock
        .mockResolvedValueOnce(withLastRunStatus('Queued'))
        .mockRejectedValueOnce({ body: { message: 'Offline for a moment.' } });
      const element = await renderWithFakeTimers();

      await jest.advanceTimersByTimeAsync(FOLLOW_RUNS_MS);

      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
      expect(element.shadowRoot!.querySelector('[data-id="load-errors"]')).toBeNull();
      expect(element.shadowRoot!.querySelectorAll('tr[data-developer-name]').length).toBe(
        INTEGRATIONS.length
      );
    });

    it('stops reading the list once it is removed', async () => {
      getIntegrationsMock.mockResolvedValue(withLastRunStatus('Running'));
      const element = await renderWithFakeTimers();

      document.body.removeChild(element);
      await jest.advanceTimersByTimeAsync(FOLLOW_RUNS_MS * 2);

      expect(getIntegrationsMock).toHaveBeenCalledTimes(1);
    });
  });

  describe('Run Now', () => {
    it('queues a run of that integration, says so on its row and refreshes the list', async () => {
      runNowMock.mockResolvedValue('a01000000000099AAA');
      const element = await render();

      await choose(element, 'Lead_Logins', 'run-now');

      expect(runNowMock).toHaveBeenCalledTimes(1);
      expect(runNowMock).toHaveBeenCalledWith({ developerName: 'Lead_Logins' });
      expect(cell(element, 'Lead_Logins', 'row-notice')).toContain('Run queued.');
      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
    });

    it('disables Run Now on the row while the run is being queued', async () => {
      runNowMock.mockReturnValue(deferred<string>().promise);
      const element = await render();

      await choose(element, 'Lead_Logins', 'run-now');

      expect(cell(element, 'Lead_Logins', 'row-pending')).toBe('Queuing a run…');
      expect(menuItems(element, 'Lead_Logins')[0].disabled).toBe(true);
      expect(menuItems(element, 'Contact_NPS')[0].disabled).toBeFalsy();
    });

    it('shows why the run could not be queued on that row only', async () => {
      runNowMock.mockRejectedValue({
        body: { message: 'Lead logins is already queued or running. Wait until it has finished.' }
      });
      const element = await render();

      await choose(element, 'Lead_Logins', 'run-now');

      const errors = within(row(element, 'Lead_Logins'), '[data-id="row-errors"]');
      expect(errors.getAttribute('role')).toBe('alert');
      expect(squeeze(errors.textContent)).toBe(
        'Lead logins is already queued or running. Wait until it has finished.'
      );
      expect(row(element, 'Contact_NPS').querySelector('[data-id="row-errors"]')).toBeNull();
      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-notice"]')).toBeNull();
      expect(getIntegrationsMock).toHaveBeenCalledTimes(1);
    });
  });

  describe('Pause, Resume and Archive', () => {
    it('pauses an active integration and shows Pausing… until its deployment is reported', async () => {
      pauseMock.mockResolvedValue(PAUSE_JOB_ID);
      const element = await render();

      await choose(element, 'Lead_Logins', 'pause');

      expect(pauseMock).toHaveBeenCalledWith({ developerName: 'Lead_Logins' });
      expect(cell(element, 'Lead_Logins', 'row-pending')).toBe('Pausing…');
      const pauseItem = menuItems(element, 'Lead_Logins').find((item) => item.value === 'pause');
      expect(pauseItem?.disabled).toBe(true);

      getIntegrationsMock.mockResolvedValue(
        INTEGRATIONS.map((integration) => {
          return integration.developerName === 'Lead_Logins'
            ? { ...integration, state: 'Paused', nextRunAt: undefined }
            : integration;
        })
      );
      await publishSave({
        developerName: 'Lead_Logins',
        deployJobId: PAUSE_JOB_ID.slice(0, 15),
        success: true,
        message: 'Lead logins was saved.'
      });

      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-pending"]')).toBeNull();
      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
      expect(within(row(element, 'Lead_Logins'), 'lightning-badge').label).toBe('Paused');
      expect(cell(element, 'Lead_Logins', 'next-run')).toBe('Paused');
      expect(cell(element, 'Lead_Logins', 'row-notice')).toContain('Paused');
      expect(menuItems(element, 'Lead_Logins').map((item) => item.label)).toContain('Resume');
    });

    it('resumes a paused integration', async () => {
      resumeMock.mockResolvedValue('0Af000000000124AAA');
      const element = await render();

      await choose(element, 'Contact_NPS', 'resume');

      expect(resumeMock).toHaveBeenCalledWith({ developerName: 'Contact_NPS' });
      expect(pauseMock).not.toHaveBeenCalled();
      expect(cell(element, 'Contact_NPS', 'row-pending')).toBe('Resuming…');
    });

    it('shows the failure message of the deployment on the row, one line each', async () => {
      resumeMock.mockResolvedValue('0Af000000000124AAA');
      const element = await render();
      await choose(element, 'Contact_NPS', 'resume');

      await publishSave({
        developerName: 'Contact_NPS',
        deployJobId: '0Af000000000124AAA',
        success: false,
        message:
          'Contact NPS could not be saved.\nThe field WalkMe_NPS__c does not exist on Contact.'
      });

      expect(row(element, 'Contact_NPS').querySelector('[data-id="row-pending"]')).toBeNull();
      const errors = within(row(element, 'Contact_NPS'), '[data-id="row-errors"]');
      expect(Array.from(errors.querySelectorAll('p')).map((line) => line.textContent)).toEqual([
        'Contact NPS could not be saved.',
        'The field WalkMe_NPS__c does not exist on Contact.'
      ]);
      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
    });

    it('shows an Apex error of the pause on the row and stops waiting', async () => {
      pauseMock.mockRejectedValue({
        body: { message: 'You need the Manage Insights Sync permission to pause integrations.' }
      });
      const element = await render();

      await choose(element, 'Lead_Logins', 'pause');

      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-pending"]')).toBeNull();
      expect(cell(element, 'Lead_Logins', 'row-errors')).toBe(
        'You need the Manage Insights Sync permission to pause integrations.'
      );
    });

    it('stops waiting when the event comes before the Apex answered', async () => {
      const pausing = deferred<string>();
      pauseMock.mockReturnValue(pausing.promise);
      const element = await render();
      await choose(element, 'Lead_Logins', 'pause');

      await publishSave({
        developerName: 'Lead_Logins',
        deployJobId: PAUSE_JOB_ID,
        success: true,
        message: ''
      });
      pausing.resolve(PAUSE_JOB_ID);
      await flushPromises();

      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-pending"]')).toBeNull();
    });

    it('keeps waiting when another deployment of the same integration finishes, but refreshes', async () => {
      pauseMock.mockResolvedValue(PAUSE_JOB_ID);
      const element = await render();
      await choose(element, 'Lead_Logins', 'pause');

      await publishSave({
        developerName: 'Lead_Logins',
        deployJobId: '0Af000000000999AAA',
        success: true,
        message: ''
      });

      expect(cell(element, 'Lead_Logins', 'row-pending')).toBe('Pausing…');
      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
    });

    it('refreshes the list when an integration is saved elsewhere', async () => {
      const element = await render();

      await publishSave({
        developerName: 'Lead_Logins',
        deployJobId: '0Af000000000555AAA',
        success: true,
        message: ''
      });

      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-notice"]')).toBeNull();
    });

    it('stops saying Pausing… when no event came after two minutes, and says where to look', async () => {
      jest.useFakeTimers();
      pauseMock.mockResolvedValue(PAUSE_JOB_ID);
      const element = createElement('c-integration-list', {
        is: IntegrationList
      }) as ListElement;
      document.body.appendChild(element);
      await jest.advanceTimersByTimeAsync(0);
      menuOf(element, 'Lead_Logins').dispatchEvent(
        new CustomEvent('select', { detail: { value: 'pause' } })
      );
      await jest.advanceTimersByTimeAsync(119000);
      expect(cell(element, 'Lead_Logins', 'row-pending')).toBe('Pausing…');

      await jest.advanceTimersByTimeAsync(1000);

      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-pending"]')).toBeNull();
      expect(cell(element, 'Lead_Logins', 'row-notice')).toContain('Setup → Deployment Status');
      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
    });

    it('archives an integration only after the admin confirms', async () => {
      confirmOpen.mockResolvedValue(true);
      archiveMock.mockResolvedValue('0Af000000000125AAA');
      const element = await render();

      await choose(element, 'Contact_NPS', 'archive');

      expect(confirmOpen).toHaveBeenCalledTimes(1);
      expect(confirmOpen.mock.calls[0][0]).toEqual(
        expect.objectContaining({ label: 'Archive Contact NPS?' })
      );
      expect(archiveMock).toHaveBeenCalledWith({ developerName: 'Contact_NPS' });
      expect(cell(element, 'Contact_NPS', 'row-pending')).toBe('Archiving…');

      getIntegrationsMock.mockResolvedValue(
        INTEGRATIONS.filter((integration) => integration.developerName !== 'Contact_NPS')
      );
      await publishSave({
        developerName: 'Contact_NPS',
        deployJobId: '0Af000000000125',
        success: true,
        message: ''
      });

      expect(element.shadowRoot?.querySelector('tr[data-developer-name="Contact_NPS"]')).toBe(null);
      expect(text(element, '[data-id="notice"]')).toBe(
        'Archived Contact NPS: it no longer runs. Its runs stay in the log.'
      );
    });

    it('does not archive when the admin cancels', async () => {
      confirmOpen.mockResolvedValue(false);
      const element = await render();

      await choose(element, 'Contact_NPS', 'archive');

      expect(confirmOpen).toHaveBeenCalledTimes(1);
      expect(archiveMock).not.toHaveBeenCalled();
      expect(row(element, 'Contact_NPS').querySelector('[data-id="row-pending"]')).toBeNull();
    });
  });

  describe('Show archived and Restore', () => {
    async function showArchived(element: HTMLElement, checked = true): Promise<void> {
      const toggle = query(element, '[data-id="show-archived"]') as BaseElement & {
        checked: boolean;
      };
      toggle.checked = checked;
      toggle.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
      await flushPromises();
    }

    it('hides archived integrations until Show archived is on', async () => {
      const element = await render();

      const toggle = query(element, '[data-id="show-archived"]') as BaseElement & {
        checked: boolean;
        type: string;
      };
      expect(toggle.label).toBe('Show archived');
      expect(toggle.type).toBe('toggle');
      expect(toggle.checked).toBe(false);
      expect(getArchivedMock).not.toHaveBeenCalled();
      expect(element.shadowRoot?.querySelector('tr[data-developer-name="Old_Logins"]')).toBeNull();
    });

    it('lists them after the others, greyed, with Restore as their only action', async () => {
      const element = await render();

      await showArchived(element);

      expect(getArchivedMock).toHaveBeenCalledTimes(1);
      const names = Array.from(
        element.shadowRoot?.querySelectorAll<HTMLElement>('tr[data-developer-name]') ?? []
      ).map((tableRow) => tableRow.dataset.developerName);
      expect(names).toEqual([
        ...INTEGRATIONS.map((integration) => integration.developerName),
        'Old_Logins'
      ]);
      expect(row(element, 'Old_Logins').classList.contains('archived-row')).toBe(true);
      expect(row(element, 'Lead_Logins').classList.contains('archived-row')).toBe(false);
      expect(within(row(element, 'Old_Logins'), 'lightning-badge').label).toBe('Archived');
      expect(cell(element, 'Old_Logins', 'archived-note')).toContain(
        'Restore brings it back paused'
      );
      expect(menuItems(element, 'Old_Logins').map((item) => item.value)).toEqual(['restore']);
      expect(cell(element, 'Old_Logins', 'runs-as-scheduled')).toBe(
        'On schedule: not while archived'
      );
      expect(cell(element, 'Old_Logins', 'runs-as-run-now')).toBe('Run Now: not while archived');
      expect(menuItems(element, 'Lead_Logins').map((item) => item.value)).not.toContain('restore');
    });

    it('hides them again when Show archived is turned off', async () => {
      const element = await render();
      await showArchived(element);

      await showArchived(element, false);

      expect(element.shadowRoot?.querySelector('tr[data-developer-name="Old_Logins"]')).toBeNull();
      expect(getArchivedMock).toHaveBeenCalledTimes(1);
    });

    it('restores one: Restoring… until its deployment is reported, then Paused', async () => {
      restoreMock.mockResolvedValue(RESTORE_JOB_ID);
      const element = await render();
      await showArchived(element);

      await choose(element, 'Old_Logins', 'restore');

      expect(restoreMock).toHaveBeenCalledWith({ developerName: 'Old_Logins' });
      expect(cell(element, 'Old_Logins', 'row-pending')).toBe('Restoring…');
      expect(menuItems(element, 'Old_Logins')[0].disabled).toBe(true);

      getIntegrationsMock.mockResolvedValue([...INTEGRATIONS, { ...ARCHIVED, state: 'Paused' }]);
      getArchivedMock.mockResolvedValue([]);
      await publishSave({
        developerName: 'Old_Logins',
        deployJobId: RESTORE_JOB_ID,
        success: true,
        message: 'Old logins was saved.'
      });

      expect(row(element, 'Old_Logins').querySelector('[data-id="row-pending"]')).toBeNull();
      expect(within(row(element, 'Old_Logins'), 'lightning-badge').label).toBe('Paused');
      expect(cell(element, 'Old_Logins', 'next-run')).toBe('Paused');
      expect(cell(element, 'Old_Logins', 'row-notice')).toBe(
        'Restored, paused: it runs only on Run Now until you resume it.'
      );
      expect(row(element, 'Old_Logins').classList.contains('archived-row')).toBe(false);
      expect(menuItems(element, 'Old_Logins').map((item) => item.value)).toContain('resume');
    });

    it('shows why it could not be restored on that row', async () => {
      restoreMock.mockRejectedValue({
        body: { message: 'The object "Deleted_Object__c" does not exist in this org.' }
      });
      const element = await render();
      await showArchived(element);

      await choose(element, 'Old_Logins', 'restore');

      expect(row(element, 'Old_Logins').querySelector('[data-id="row-pending"]')).toBeNull();
      expect(cell(element, 'Old_Logins', 'row-errors')).toBe(
        'The object "Deleted_Object__c" does not exist in this org.'
      );
      expect(within(row(element, 'Old_Logins'), 'lightning-badge').label).toBe('Archived');
    });

    it('shows a viewer the archived integrations without a menu', async () => {
      const element = createElement('c-integration-list', { is: IntegrationList }) as ListElement;
      (element as ListElement & { readOnly: boolean }).readOnly = true;
      document.body.appendChild(element);
      await flushPromises();

      await showArchived(element);

      expect(row(element, 'Old_Logins').querySelector('lightning-button-menu')).toBeNull();
      expect(row(element, 'Lead_Logins').querySelector('lightning-button-menu')).not.toBeNull();
    });
  });

  describe('the dispatcher', () => {
    it('says who scheduled it, when, and when it dispatches next, in UTC', async () => {
      const element = await render();

      expect(text(element, '[data-id="scheduler-text"]')).toBe(
        'Schedule active — scheduled by Ada Admin on 2026-11-20 14:05:00 UTC, next dispatch ' +
          '2026-11-25 09:00:00 UTC.'
      );
      expect(text(element, '[data-id="scheduler-run-as"]')).toBe(
        'Scheduled runs run as Ada Admin.'
      );
      expect(
        element.shadowRoot?.querySelector('lightning-button[data-action="schedule-dispatcher"]')
      ).toBeNull();
    });

    it('offers Schedule when it is not scheduled, and shows the new status once scheduled', async () => {
      getSchedulerStatusMock.mockResolvedValue(NOT_SCHEDULED);
      const scheduling = deferred<Status>();
      scheduleDispatcherMock.mockReturnValue(scheduling.promise);
      const element = await render();

      expect(text(element, '[data-id="scheduler-text"]')).toBe(
        'Not scheduled: integrations run only on Run Now.'
      );
      const button = query(element, 'lightning-button[data-action="schedule-dispatcher"]');
      await click(button);

      expect(scheduleDispatcherMock).toHaveBeenCalledTimes(1);
      expect(scheduleDispatcherMock).toHaveBeenCalledWith();
      expect(button.disabled).toBe(true);
      expect(button.label).toBe('Scheduling…');

      scheduling.resolve(SCHEDULED);
      await flushPromises();

      expect(text(element, '[data-id="scheduler-text"]')).toContain(
        'Schedule active — scheduled by Ada Admin'
      );
      expect(
        element.shadowRoot?.querySelector('lightning-button[data-action="schedule-dispatcher"]')
      ).toBeNull();
    });

    it('offers Unschedule when it is scheduled, and unschedules only after the admin confirms', async () => {
      confirmOpen.mockResolvedValue(true);
      const unscheduling = deferred<Status>();
      unscheduleJobsMock.mockReturnValue(unscheduling.promise);
      const element = await render();

      const button = query(element, 'lightning-button[data-action="unschedule-jobs"]');
      expect(button.label).toBe('Unschedule');
      await click(button);

      expect(confirmOpen).toHaveBeenCalledTimes(1);
      expect(confirmOpen.mock.calls[0][0]).toEqual(
        expect.objectContaining({
          label: 'Unschedule Insights Sync?',
          theme: 'warning',
          message: expect.stringContaining('Unschedule before you uninstall the package')
        })
      );
      expect(unscheduleJobsMock).toHaveBeenCalledTimes(1);
      expect(unscheduleJobsMock).toHaveBeenCalledWith();
      expect(button.disabled).toBe(true);
      expect(button.label).toBe('Unscheduling…');
      expect(query(element, '[data-id="scheduler-status"]').getAttribute('aria-busy')).toBe('true');

      unscheduling.resolve(NOT_SCHEDULED);
      await flushPromises();

      expect(text(element, '[data-id="scheduler-text"]')).toBe(
        'Not scheduled: integrations run only on Run Now.'
      );
      expect(element.shadowRoot?.querySelector('[data-action="unschedule-jobs"]')).toBeNull();
      expect(query(element, 'lightning-button[data-action="schedule-dispatcher"]').label).toBe(
        'Schedule'
      );
    });

    it('does not unschedule when the admin cancels', async () => {
      confirmOpen.mockResolvedValue(false);
      const element = await render();

      await click(query(element, 'lightning-button[data-action="unschedule-jobs"]'));

      expect(confirmOpen).toHaveBeenCalledTimes(1);
      expect(unscheduleJobsMock).not.toHaveBeenCalled();
      expect(text(element, '[data-id="scheduler-text"]')).toContain('Schedule active');
    });

    it('shows why it could not be unscheduled and keeps the schedule shown', async () => {
      confirmOpen.mockResolvedValue(true);
      unscheduleJobsMock.mockRejectedValue({
        body: {
          message:
            'You cannot unschedule Insights Sync: that needs the Insights Sync Admin permission set (its Manage Insights Sync permission). Ask your Salesforce admin to assign it to you.'
        }
      });
      const element = await render();

      await click(query(element, 'lightning-button[data-action="unschedule-jobs"]'));

      expect(text(element, '[data-id="scheduler-errors"] p')).toBe(
        'You cannot unschedule Insights Sync: that needs the Insights Sync Admin permission set (its Manage Insights Sync permission). Ask your Salesforce admin to assign it to you.'
      );
      expect(text(element, '[data-id="scheduler-text"]')).toContain('Schedule active');
      const button = query(element, 'lightning-button[data-action="unschedule-jobs"]');
      expect(button.disabled).toBe(false);
      expect(button.label).toBe('Unschedule');
    });

    it('shows why the dispatcher could not be scheduled next to the button', async () => {
      getSchedulerStatusMock.mockResolvedValue(NOT_SCHEDULED);
      scheduleDispatcherMock.mockRejectedValue({
        body: {
          message:
            'You need the Manage Insights Sync permission to schedule the Insights Sync dispatcher.'
        }
      });
      const element = await render();

      await click(query(element, 'lightning-button[data-action="schedule-dispatcher"]'));

      const status = query(element, '[data-id="scheduler-status"]');
      expect(squeeze(within(status, '[data-id="scheduler-errors"] p').textContent)).toBe(
        'You need the Manage Insights Sync permission to schedule the Insights Sync dispatcher.'
      );
      expect(query(element, 'lightning-button[data-action="schedule-dispatcher"]').disabled).toBe(
        false
      );
    });

    it('shows why its status could not be read, with a Retry', async () => {
      getSchedulerStatusMock.mockRejectedValueOnce(new Error('The request timed out.'));
      const element = await render();

      expect(text(element, '[data-id="scheduler-errors"] p')).toBe('The request timed out.');

      await click(query(element, 'lightning-button[data-action="retry-scheduler-status"]'));

      expect(getSchedulerStatusMock).toHaveBeenCalledTimes(2);
      expect(element.shadowRoot?.querySelector('[data-id="scheduler-errors"]')).toBeNull();
      expect(text(element, '[data-id="scheduler-text"]')).toContain('Schedule active');
    });
  });

  describe('listening for saves', () => {
    it('subscribes to new Integration_Saved__e events when shown', async () => {
      await render();

      expect(subscribeMock).toHaveBeenCalledTimes(1);
      expect(subscribeMock.mock.calls[0][0]).toBe('/event/insync__Integration_Saved__e');
      expect(subscribeMock.mock.calls[0][1]).toBe(-1);
    });

    it('unsubscribes when removed', async () => {
      const element = await render();

      document.body.removeChild(element);
      await flushPromises();

      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
      expect(unsubscribeMock).toHaveBeenCalledWith(SUBSCRIPTION);
    });

    it('unsubscribes when removed before the subscription was made', async () => {
      const subscribing = deferred<typeof SUBSCRIPTION>();
      subscribeMock.mockReturnValue(subscribing.promise);
      const element = createElement('c-integration-list', { is: IntegrationList });
      document.body.appendChild(element);
      document.body.removeChild(element);

      subscribing.resolve(SUBSCRIPTION);
      await flushPromises();

      expect(unsubscribeMock).toHaveBeenCalledWith(SUBSCRIPTION);
    });

    it('warns, with a Refresh, when the streaming connection fails', async () => {
      const element = await render();
      const reportStreamError = onErrorMock.mock.calls[0][0] as (error: unknown) => void;

      reportStreamError({ error: '403::Unknown client' });
      await flushPromises();

      expect(query(element, '[data-id="stream-warning"]').getAttribute('role')).toBe('alert');
      await click(query(element, 'lightning-button[data-action="refresh"]'));
      expect(getIntegrationsMock).toHaveBeenCalledTimes(2);
      expect(element.shadowRoot?.querySelector('[data-id="stream-warning"]')).toBeNull();
    });

    it('warns when it cannot find out where saves are reported', async () => {
      getSaveEventChannelMock.mockRejectedValue(new Error('The request timed out.'));
      const element = await render();

      expect(subscribeMock).not.toHaveBeenCalled();
      expect(text(element, '[data-id="stream-warning"]')).toContain('Refresh');
    });

    it('warns when it cannot subscribe', async () => {
      subscribeMock.mockRejectedValue(new Error('The streaming API is not available.'));
      const element = await render();

      expect(text(element, '[data-id="stream-warning"]')).toContain('Refresh');
    });
  });

  describe('how a run ended, and what is still to come', () => {
    const LOGINS_RUN = INTEGRATIONS[2].lastRun as InsightsSync.RunSummary;

    function withLoginsRun(change: Partial<InsightsSync.RunSummary>): Row[] {
      return INTEGRATIONS.map((integration) => {
        if (integration.developerName !== 'Lead_Logins') {
          return integration;
        }
        return { ...integration, lastRun: { ...LOGINS_RUN, ...change } };
      });
    }

    it('shows a last run that matched no record as a warning with its reason, not a green Completed', async () => {
      getIntegrationsMock.mockResolvedValue(
        withLoginsRun({
          status: 'Completed',
          rowsRead: 10,
          rowsMatched: 0,
          recordsUpdated: 0,
          rowsUnmatched: 10,
          recordsFailed: 0,
          outcome: 'Completed · no record matched',
          warning: 'No record matched: 10 read, 10 unmatched — check the key pair.'
        })
      );
      const element = await render();

      const badge = within<BaseElement & { outcome: string; warning: string }>(
        row(element, 'Lead_Logins'),
        'c-run-status-badge'
      );
      expect(badge.outcome).toBe('Completed · no record matched');
      expect(badge.warning).toBe('No record matched: 10 read, 10 unmatched — check the key pair.');
      expect(squeeze(badge.shadowRoot?.textContent)).toContain('Completed · no record matched');
      expect(badge.shadowRoot?.querySelector('.slds-theme_success')).toBeNull();
      expect(cell(element, 'Lead_Logins', 'last-run-warning')).toBe(
        'No record matched: 10 read, 10 unmatched — check the key pair.'
      );
      expect(cell(element, 'Lead_Logins', 'last-run-counts')).toBe(
        '10 read · 0 updated · 10 unmatched · 0 failed'
      );
    });

    it('shows no warning for a last run that matched records', async () => {
      const element = await render();

      expect(row(element, 'Lead_Logins').querySelector('[data-id="last-run-warning"]')).toBeNull();
    });

    it('shows no next run time while the dispatcher is not scheduled', async () => {
      getSchedulerStatusMock.mockResolvedValue(NOT_SCHEDULED);
      const element = await render();

      expect(cell(element, 'Lead_Logins', 'next-run')).toBe('Not scheduled');
      expect(cell(element, 'Account_Onboarding', 'next-run')).toBe('Not scheduled');
      expect(cell(element, 'Contact_NPS', 'next-run')).toBe('Paused');
    });

    it('follows the run it queued: queued, then started, then no message once it ended', async () => {
      const runId = 'a01000000000099AAA';
      runNowMock.mockResolvedValue(runId);
      jest.useFakeTimers();
      getIntegrationsMock
        .mockResolvedValueOnce(INTEGRATIONS)
        .mockResolvedValueOnce(withLoginsRun({ id: runId, status: 'Queued' }))
        .mockResolvedValueOnce(withLoginsRun({ id: runId, status: 'Running' }))
        .mockResolvedValueOnce(withLoginsRun({ id: runId, status: 'Completed' }))
        .mockResolvedValue(withLoginsRun({ id: 'a01000000000100AAA', status: 'Completed' }));
      const element = createElement('c-integration-list', { is: IntegrationList }) as ListElement;
      document.body.appendChild(element);
      await jest.advanceTimersByTimeAsync(0);

      menuOf(element, 'Lead_Logins').dispatchEvent(
        new CustomEvent('select', { detail: { value: 'run-now' } })
      );
      await jest.advanceTimersByTimeAsync(0);
      expect(cell(element, 'Lead_Logins', 'row-notice')).toBe(
        'Run queued. Its status shows under Last run; Log has the details.'
      );

      await jest.advanceTimersByTimeAsync(FOLLOW_RUNS_MS);
      expect(cell(element, 'Lead_Logins', 'row-notice')).toBe(
        'Run started. Last run follows it; Log has the details.'
      );

      await jest.advanceTimersByTimeAsync(FOLLOW_RUNS_MS);
      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-notice"]')).toBeNull();

      // A later run of the same integration, started elsewhere, brings no stale message back.
      const refreshed = element.refresh();
      await jest.advanceTimersByTimeAsync(0);
      await refreshed;
      await jest.advanceTimersByTimeAsync(0);
      expect(row(element, 'Lead_Logins').querySelector('[data-id="row-notice"]')).toBeNull();
    });

    it('stacks into one labelled card per integration below the medium breakpoint', async () => {
      const element = await render();

      expect(query(element, '[data-id="integration-table"]').classList).toContain(
        'slds-max-medium-table_stacked'
      );
      const labels = Array.from(
        row(element, 'Lead_Logins').querySelectorAll<HTMLElement>('td')
      ).map((tableCell) => tableCell.dataset.label);
      expect(labels).toEqual([
        'Report',
        'Object',
        'Schedule',
        'Last run (UTC)',
        'Next run (UTC)',
        'State',
        'Runs as',
        'Actions'
      ]);
    });
  });
});
