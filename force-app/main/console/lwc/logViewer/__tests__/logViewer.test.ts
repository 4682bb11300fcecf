import { createElement } from 'lwc';
import LogViewer, { FOLLOW_LOG_MS } from 'c/logViewer';
import getRuns from '@salesforce/apex/RunLogController.getRuns';
import getRunDetail from '@salesforce/apex/RunLogController.getRunDetail';
import { issuesCsv } from '../issuesCsv';
import { readBlob } from './readBlob';

jest.mock('@salesforce/apex/RunLogController.getRuns', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/RunLogController.getRunDetail', () => ({ default: jest.fn() }), {
  virtual: true
});

type RunSummary = InsightsSync.RunSummary;
type RunDetail = InsightsSync.RunDetail;

const RUNS = jest.requireActual<RunSummary[]>('./data/getRuns.json');
const DETAIL = jest.requireActual<RunDetail>('./data/getRunDetail.json');

const getRunsMock = getRuns as jest.MockedFunction<typeof getRuns>;
const getRunDetailMock = getRunDetail as jest.MockedFunction<typeof getRunDetail>;

const QUEUED = 'a0B5g00000RUN47AAA';
const RUNNING = 'a0B5g00000RUN46AAA';
const COMPLETED = 'a0B5g00000RUN45AAA';
const WITH_ERRORS = 'a0B5g00000RUN44AAA';
const FAILED = 'a0B5g00000RUN43AAA';

/** The properties of the base-component stubs the tests read (LWC sets them, not attributes). */
type BaseElement = HTMLElement & {
  label: string;
  status: string;
  disabled: boolean;
  alternativeText: string;
};

/** Lets every pending promise (and the re-render that follows) settle. */
function flushPromises(): Promise<void> {
  // A macrotask runs after every queued microtask, however long the chain of awaits.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A promise the test settles when it wants, to look at the overlay while a call runs. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((onResolve) => {
    resolve = onResolve;
  });
  return { promise, resolve };
}

async function render(properties: Record<string, unknown> = {}): Promise<HTMLElement> {
  const element = createElement('c-log-viewer', { is: LogViewer });
  Object.assign(element, properties);
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

function queryAll<T extends HTMLElement = BaseElement>(
  element: HTMLElement,
  selector: string
): T[] {
  return Array.from(element.shadowRoot?.querySelectorAll<T>(selector) ?? []);
}

function textOf(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function row(element: HTMLElement, runId: string): HTMLElement {
  return query(element, `tr[data-run-id="${runId}"]`);
}

function cell(element: HTMLElement, runId: string, name: string): string {
  return textOf(row(element, runId).querySelector(`[data-cell="${name}"]`));
}

async function click(button: HTMLElement): Promise<void> {
  button.click();
  await flushPromises();
}

async function showLog(element: HTMLElement, runId: string): Promise<void> {
  await click(query(element, `lightning-button[data-action="show-log"][data-run-id="${runId}"]`));
}

describe('c-log-viewer', () => {
  beforeEach(() => {
    getRunsMock.mockResolvedValue(RUNS);
    getRunDetailMock.mockResolvedValue(DETAIL);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.clearAllMocks();
  });

  describe('as an overlay', () => {
    it('is a modal dialog named by its heading, over a backdrop', async () => {
      const element = await render();

      const dialog = query(element, 'section.slds-modal.slds-fade-in-open');
      expect(dialog.getAttribute('role')).toBe('dialog');
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      const heading = query(element, '[data-id="heading"]');
      expect(heading.id).not.toBe('');
      expect(dialog.getAttribute('aria-labelledby')).toBe(heading.id);
      expect(textOf(heading)).toBe('Run log');
      expect(query(element, '.slds-backdrop.slds-backdrop_open')).toBeTruthy();
    });

    it('moves the focus into itself when it opens', async () => {
      const element = await render();

      expect(element.shadowRoot?.activeElement).toBe(query(element, '[data-id="heading"]'));
    });

    it('keeps the focus inside: Tab past the last control wraps to X, Shift+Tab to Close', async () => {
      const element = await render();
      const close = query(element, 'lightning-button-icon[data-action="close"]');
      const footerClose = query(element, 'lightning-button[data-action="close-footer"]');
      const focusClose = jest.spyOn(close, 'focus');
      const focusFooterClose = jest.spyOn(footerClose, 'focus');

      query(element, '[data-id="focus-end"]').dispatchEvent(new FocusEvent('focus'));
      expect(focusClose).toHaveBeenCalledTimes(1);

      query(element, '[data-id="focus-start"]').dispatchEvent(new FocusEvent('focus'));
      expect(focusFooterClose).toHaveBeenCalledTimes(1);
    });

    it('labels its close button for screen readers', async () => {
      const element = await render();

      const close = query(element, 'lightning-button-icon[data-action="close"]');
      expect(close.alternativeText).toBe('Close the run log');
    });

    it('dispatches close when X is pressed', async () => {
      const element = await render();
      const onClose = jest.fn();
      element.addEventListener('close', onClose);

      await click(query(element, 'lightning-button-icon[data-action="close"]'));

      expect(onClose).toHaveBeenCalledTimes(1);
    });

    it('dispatches close when Escape is pressed anywhere in it', async () => {
      const element = await render();
      const onClose = jest.fn();
      element.addEventListener('close', onClose);

      query(element, '[data-id="heading"]').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })
      );

      expect(onClose).toHaveBeenCalledTimes(1);
    });

    it('stays open on other keys', async () => {
      const element = await render();
      const onClose = jest.fn();
      element.addEventListener('close', onClose);

      query(element, '[data-id="heading"]').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })
      );

      expect(onClose).not.toHaveBeenCalled();
    });
  });

  describe('the runs', () => {
    it('asks for the runs of its integration, 50 at most', async () => {
      await render({ integrationName: 'Lead_Logins' });

      expect(getRunsMock).toHaveBeenCalledTimes(1);
      expect(getRunsMock).toHaveBeenCalledWith({ integrationName: 'Lead_Logins', maxRuns: 50 });
    });

    it('asks for the runs of all integrations when it has none', async () => {
      const element = await render({ maxRuns: 20 });

      expect(getRunsMock).toHaveBeenCalledWith({ integrationName: undefined, maxRuns: 20 });
      expect(textOf(query(element, '[data-id="scope"]'))).toContain('all integrations');
    });

    it('names the integration by its label once the runs are in', async () => {
      const element = await render({ integrationName: 'Contact_NPS' });

      expect(textOf(query(element, '[data-id="scope"]'))).toContain('Runs of Contact NPS');
    });

    it('shows a spinner with an assistive label while the runs load, then the rows', async () => {
      const pending = deferred<RunSummary[]>();
      getRunsMock.mockReturnValue(pending.promise);
      const element = await render();

      const spinner = query(element, 'lightning-spinner');
      expect(spinner.alternativeText).toBe('Loading runs');
      expect(queryAll(element, 'tbody tr[data-run-id]')).toHaveLength(0);
      expect(element.shadowRoot?.querySelector('[data-id="empty"]')).toBeNull();

      pending.resolve(RUNS);
      await flushPromises();

      expect(element.shadowRoot?.querySelector('lightning-spinner')).toBeNull();
      expect(queryAll(element, 'tbody tr[data-run-id]')).toHaveLength(RUNS.length);
    });

    it('has a column header for each value, scoped to its column', async () => {
      const element = await render();

      const headers = queryAll(element, 'table[data-id="runs-table"] thead th');
      expect(headers.map((header) => textOf(header))).toEqual([
        'Integration',
        'Start (UTC)',
        'Runtime',
        'Runs as',
        'Status',
        'Read',
        'Matched',
        'Updated',
        'Unchanged',
        'Unmatched',
        'Failed',
        'Log'
      ]);
      expect(headers.every((header) => header.getAttribute('scope') === 'col')).toBe(true);
      expect(row(element, COMPLETED).querySelector('th')?.getAttribute('scope')).toBe('row');
    });

    it('shows the report, object, start, runtime and counts of each run', async () => {
      const element = await render();

      expect(cell(element, WITH_ERRORS, 'report')).toBe('NPS per end user');
      expect(cell(element, WITH_ERRORS, 'object')).toBe('Contact');
      expect(cell(element, WITH_ERRORS, 'start')).toBe('2026-11-25 08:00:05 UTC');
      expect(cell(element, WITH_ERRORS, 'runtime')).toBe('4 s');
      expect(
        ['read', 'matched', 'updated', 'unchanged', 'unmatched', 'failed'].map((name) =>
          cell(element, WITH_ERRORS, name)
        )
      ).toEqual(['6', '5', '3', '1', '1', '1']);
    });

    it('shows whom each run runs as: who pressed Run Now, or who scheduled the dispatcher', async () => {
      const element = await render();

      expect(cell(element, QUEUED, 'runs-as')).toBe('Ben Okafor');
      expect(cell(element, WITH_ERRORS, 'runs-as')).toBe('Ada Admin');
      expect(cell(element, FAILED, 'runs-as')).toBe('A user you cannot see');
    });

    it('lists the runs in the order Apex gives them (newest first)', async () => {
      const element = await render();

      expect(
        queryAll(element, 'tbody tr[data-run-id]').map((tableRow) => tableRow.dataset.runId)
      ).toEqual([QUEUED, RUNNING, COMPLETED, WITH_ERRORS, FAILED]);
    });

    it('shows the start in UTC whatever the time zone of the browser', async () => {
      const element = await render();

      expect(cell(element, COMPLETED, 'start')).toBe('2026-11-25 08:00:03 UTC');
    });

    it('says when a run that has not started yet was queued', async () => {
      const element = await render();

      const start = row(element, QUEUED).querySelector('[data-cell="start"]');
      expect(start?.firstChild?.textContent?.trim()).toBe('Not started');
      expect(textOf(start?.querySelector('[data-id="queued-note"]'))).toBe(
        'queued 2026-11-26 09:15:00 UTC'
      );
      expect(row(element, COMPLETED).querySelector('[data-id="queued-note"]')).toBeNull();
    });

    it.each([
      [FAILED, '420 ms'],
      [WITH_ERRORS, '4 s'],
      [COMPLETED, '2 min 38 s'],
      [RUNNING, '—']
    ])('shows the runtime (end − start) of run %s as %s', async (runId, runtime) => {
      const element = await render();

      expect(cell(element, runId, 'runtime')).toBe(runtime);
    });

    it('shows the status of each run as a badge', async () => {
      const element = await render();

      const statuses = queryAll(element, 'tbody c-run-status-badge').map((badge) => badge.status);
      expect(statuses).toEqual([
        'Queued',
        'Running',
        'Completed',
        'Completed with errors',
        'Failed'
      ]);
    });

    it('says there are no runs yet when Apex returns none', async () => {
      getRunsMock.mockResolvedValue([]);
      const element = await render();

      expect(textOf(query(element, '[data-id="empty"]'))).toContain('No runs yet');
      expect(element.shadowRoot?.querySelector('table')).toBeNull();
    });

    it.each([
      ['an Apex error', { body: { message: 'You need the Insights Sync Viewer permission set.' } }],
      [
        'a list of errors',
        [{ body: { message: 'You need the Insights Sync Viewer permission set.' } }]
      ],
      ['a JavaScript error', new Error('You need the Insights Sync Viewer permission set.')]
    ])('shows the message of %s instead of the runs', async (_kind, error) => {
      getRunsMock.mockRejectedValue(error);
      const element = await render();

      const alert = query(element, '[data-id="runs-error"]');
      expect(alert.getAttribute('role')).toBe('alert');
      expect(textOf(alert)).toContain('You need the Insights Sync Viewer permission set.');
      expect(element.shadowRoot?.querySelector('[data-id="empty"]')).toBeNull();
      expect(element.shadowRoot?.querySelector('lightning-spinner')).toBeNull();
    });

    it('still says something when an error has no message', async () => {
      getRunsMock.mockRejectedValue({ body: {} });
      const element = await render();

      expect(textOf(query(element, '[data-id="runs-error"]'))).toContain(
        'Salesforce gave no reason'
      );
    });

    it('reads the runs again on Refresh', async () => {
      const element = await render();
      getRunsMock.mockResolvedValue(RUNS.slice(0, 1));

      await click(query(element, 'lightning-button[data-action="refresh"]'));

      expect(getRunsMock).toHaveBeenCalledTimes(2);
      expect(queryAll(element, 'tbody tr[data-run-id]')).toHaveLength(1);
    });
  });

  describe('Show log', () => {
    it('names the run it opens for screen readers', async () => {
      const element = await render();

      const button = query(
        element,
        `lightning-button[data-action="show-log"][data-run-id="${WITH_ERRORS}"]`
      );
      expect(button.label).toBe('Show log');
      expect(button.getAttribute('aria-label')).toBe(
        'Show log of Contact NPS started 2026-11-25 08:00:05 UTC'
      );
    });

    it('loads the log of the run chosen', async () => {
      const element = await render();

      await showLog(element, WITH_ERRORS);

      expect(getRunDetailMock).toHaveBeenCalledTimes(1);
      expect(getRunDetailMock).toHaveBeenCalledWith({ runId: WITH_ERRORS });
      expect(element.shadowRoot?.querySelector('table[data-id="runs-table"]')).toBeNull();
      expect(textOf(query(element, '[data-id="detail-heading"]'))).toBe('Log of RUN-000044');
    });

    it('shows a spinner while the log loads and moves the focus to the log', async () => {
      const pending = deferred<RunDetail>();
      getRunDetailMock.mockReturnValue(pending.promise);
      const element = await render();

      await showLog(element, WITH_ERRORS);

      expect(query(element, 'lightning-spinner').alternativeText).toBe(
        'Loading the log of RUN-000044'
      );
      expect(element.shadowRoot?.activeElement).toBe(query(element, '[data-id="detail-heading"]'));
      pending.resolve(DETAIL);
      await flushPromises();
      expect(element.shadowRoot?.querySelector('lightning-spinner')).toBeNull();
    });

    it('shows the step log as it is, line by line', async () => {
      const element = await render();

      await showLog(element, WITH_ERRORS);

      const stepLog = query(element, 'pre[data-id="step-log"]');
      expect(stepLog.textContent).toBe(DETAIL.stepLog);
      expect(stepLog.textContent?.split('\n')).toHaveLength(3);
    });

    it('says when a run has logged no steps yet', async () => {
      getRunDetailMock.mockResolvedValue({ ...DETAIL, stepLog: undefined });
      const element = await render();

      await showLog(element, WITH_ERRORS);

      expect(textOf(query(element, '[data-id="no-steps"]'))).toBe('No steps logged yet.');
    });

    it('lists the row issues with key, record, severity, status code, message, field and row', async () => {
      const element = await render();

      await showLog(element, WITH_ERRORS);

      const table = query(element, 'table[data-id="issues-table"]');
      const headers = Array.from(table.querySelectorAll('thead th'));
      expect(headers.map((header) => textOf(header))).toEqual([
        'Key',
        'Record ID',
        'Severity',
        'Status code',
        'Message',
        'Field',
        'Row'
      ]);
      expect(headers.every((header) => header.getAttribute('scope') === 'col')).toBe(true);
      const rows = Array.from(table.querySelectorAll('tbody tr'));
      expect(rows).toHaveLength(3);
      expect(Array.from(rows[0].children).map((column) => textOf(column))).toEqual([
        'zoë.müller@example.com',
        '0035g00000CONT1AAA',
        'Error',
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        'NPS must be between 0 and 10, got "11"',
        'WalkMe_NPS_Score__c',
        '2'
      ]);
      expect(textOf(query(element, '[data-id="issues-heading"]'))).toBe('Row issues (3)');
    });

    it('shows the counts and the status of the run above its log', async () => {
      const element = await render();

      await showLog(element, WITH_ERRORS);

      const labels = queryAll(element, 'dl[data-id="summary"] dt').map((term) => textOf(term));
      const values = queryAll(element, 'dl[data-id="summary"] dd').map((term) => textOf(term));
      const summary = Object.fromEntries(labels.map((label, index) => [label, values[index]]));
      expect(summary).toMatchObject({
        Trigger: 'Scheduled',
        'Runs as': 'Ada Admin',
        'Queued (UTC)': '2026-11-25 08:00:00 UTC',
        'Start (UTC)': '2026-11-25 08:00:05 UTC',
        'Finished (UTC)': '2026-11-25 08:00:09 UTC',
        Runtime: '4 s',
        'Rows read': '6',
        Updated: '3',
        Failed: '1',
        'Value issues': '1'
      });
      expect(query(element, '[data-id="detail"] c-run-status-badge').status).toBe(
        'Completed with errors'
      );
    });

    it('says when the log holds only the first of many issues', async () => {
      getRunDetailMock.mockResolvedValue({
        ...DETAIL,
        run: { ...DETAIL.run, issueCount: 2500 },
        hasMoreIssues: true
      });
      const element = await render();

      await showLog(element, WITH_ERRORS);

      expect(textOf(query(element, '[data-id="more-issues"]'))).toContain(
        'The run had 2500 issues; the log kept and shows the first 3'
      );
    });

    it('says when a run has no row issues and offers no empty download', async () => {
      getRunDetailMock.mockResolvedValue({ ...DETAIL, issues: [] });
      const element = await render();

      await showLog(element, WITH_ERRORS);

      expect(textOf(query(element, '[data-id="no-issues"]'))).toBe('No row issues.');
      expect(query(element, 'lightning-button[data-action="download-csv"]').disabled).toBe(true);
    });

    it('shows why a log could not be loaded and loads it again on Try again', async () => {
      getRunDetailMock.mockRejectedValueOnce({
        body: { message: 'This run is no longer in the log.' }
      });
      const element = await render();

      await showLog(element, WITH_ERRORS);
      expect(textOf(query(element, '[data-id="detail-error"]'))).toContain(
        'This run is no longer in the log.'
      );

      await click(query(element, 'lightning-button[data-action="retry-detail"]'));
      expect(getRunDetailMock).toHaveBeenCalledTimes(2);
      expect(element.shadowRoot?.querySelector('[data-id="detail-error"]')).toBeNull();
      expect(query(element, 'pre[data-id="step-log"]')).toBeTruthy();
    });

    it('downloads the issues as a blob: CSV named after the run, and releases its URL', async () => {
      const clicked: { href: string | null; download: string }[] = [];
      const clickSpy = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function (this: HTMLAnchorElement) {
          clicked.push({ href: this.getAttribute('href'), download: this.download });
        });
      const blobs: Blob[] = [];
      const revoked: string[] = [];
      // jsdom has no object URLs: record what the viewer creates and releases.
      URL.createObjectURL = jest.fn((blob: Blob) => {
        blobs.push(blob);
        return `blob:https://example.test/${blobs.length}`;
      });
      URL.revokeObjectURL = jest.fn((url: string) => {
        revoked.push(url);
      });
      const element = await render();
      await showLog(element, WITH_ERRORS);

      await click(query(element, 'lightning-button[data-action="download-csv"]'));
      await click(query(element, 'lightning-button[data-action="download-csv"]'));
      clickSpy.mockRestore();

      expect(clicked).toHaveLength(2);
      expect(clicked[0].download).toBe('insights-sync-run-RUN-000044-issues.csv');
      expect(clicked[0].href).toBe('blob:https://example.test/1');
      expect(clicked[1].href).toBe('blob:https://example.test/2');
      expect(revoked).toEqual(['blob:https://example.test/1']);
      expect(blobs[0].type).toBe('application/octet-stream');
      const csv = await readBlob(blobs[0]);
      expect(csv).toBe(issuesCsv(DETAIL.issues));
      expect(csv).toContain(
        '"NPS must be between 0 and 10, got ""11""","WalkMe_NPS_Score__c","2"\r\n'
      );

      document.body.removeChild(element);
      expect(revoked).toEqual(['blob:https://example.test/1', 'blob:https://example.test/2']);
    });

    it('labels the download for screen readers', async () => {
      const element = await render();
      await showLog(element, WITH_ERRORS);

      expect(
        query(element, 'lightning-button[data-action="download-csv"]').getAttribute('aria-label')
      ).toBe('Download CSV of the row issues of RUN-000044');
    });

    it('returns to the runs on Back to runs, without reading them again', async () => {
      const element = await render();
      await showLog(element, WITH_ERRORS);

      await click(query(element, 'lightning-button[data-action="back"]'));

      expect(queryAll(element, 'tbody tr[data-run-id]')).toHaveLength(RUNS.length);
      expect(element.shadowRoot?.querySelector('[data-id="detail"]')).toBeNull();
      expect(getRunsMock).toHaveBeenCalledTimes(1);
    });

    it('gives the focus back to the Show log button of the run on Back to runs', async () => {
      const element = await render();
      await showLog(element, WITH_ERRORS);

      const focused: (string | undefined)[] = [];
      const focusSpy = jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (
        this: HTMLElement
      ) {
        focused.push(this.dataset.runId);
      });
      await click(query(element, 'lightning-button[data-action="back"]'));
      focusSpy.mockRestore();

      expect(focused).toEqual([WITH_ERRORS]);
    });

    it('ignores a log that arrives after the admin went back', async () => {
      const pending = deferred<RunDetail>();
      getRunDetailMock.mockReturnValue(pending.promise);
      const element = await render();
      await showLog(element, WITH_ERRORS);
      await click(query(element, 'lightning-button[data-action="back"]'));

      pending.resolve(DETAIL);
      await flushPromises();

      expect(element.shadowRoot?.querySelector('[data-id="detail"]')).toBeNull();
      expect(queryAll(element, 'tbody tr[data-run-id]')).toHaveLength(RUNS.length);
    });

    it('still closes with X while a log is shown', async () => {
      const element = await render();
      const onClose = jest.fn();
      element.addEventListener('close', onClose);
      await showLog(element, WITH_ERRORS);

      await click(query(element, 'lightning-button-icon[data-action="close"]'));

      expect(onClose).toHaveBeenCalledTimes(1);
    });
  });

  describe('which integration, and how each run ended', () => {
    it('names the integration of each run in its own column, the row header', async () => {
      const element = await render();

      const header = row(element, WITH_ERRORS).querySelector('th[scope="row"]');
      expect(header?.getAttribute('data-cell')).toBe('integration');
      expect(cell(element, WITH_ERRORS, 'integration')).toBe(
        'Contact NPSNPS per end user → onto Contact'
      );
      expect(cell(element, WITH_ERRORS, 'integration-label')).toBe('Contact NPS');
      expect(cell(element, WITH_ERRORS, 'report')).toBe('NPS per end user');
      expect(cell(element, WITH_ERRORS, 'object')).toBe('Contact');
    });

    it('adds the API name where two integrations share a report and object', async () => {
      const twin: InsightsSync.RunSummary = {
        ...RUNS[2],
        id: 'a0B5g00000RUN48AAA',
        integrationName: 'Lead_Logins_US',
        integrationLabel: 'Lead logins'
      };
      getRunsMock.mockResolvedValue([twin, ...RUNS]);
      const element = await render();

      expect(cell(element, twin.id, 'integration')).toBe(
        'Lead loginsLead_Logins_USLogins review → onto Lead'
      );
      expect(cell(element, COMPLETED, 'integration')).toBe(
        'Lead loginsLead_LoginsLogins review → onto Lead'
      );
      expect(
        row(element, WITH_ERRORS).querySelector('[data-id="integration-api-name"]')
      ).toBeNull();
    });

    it('shows a run that matched no record as a warning, with the reason the Apex gives', async () => {
      const noMatch: InsightsSync.RunSummary = {
        ...RUNS[2],
        rowsRead: 10,
        rowsMatched: 0,
        recordsUpdated: 0,
        recordsUnchanged: 0,
        rowsUnmatched: 10,
        outcome: 'Completed · no record matched',
        warning: 'No record matched: 10 read, 10 unmatched — check the key pair.'
      };
      getRunsMock.mockResolvedValue([noMatch]);
      getRunDetailMock.mockResolvedValue({ ...DETAIL, run: noMatch });
      const element = await render();

      const badge = row(element, COMPLETED).querySelector('c-run-status-badge') as BaseElement & {
        outcome: string;
        warning: string;
      };
      expect(badge.status).toBe('Completed');
      expect(badge.outcome).toBe('Completed · no record matched');
      expect(badge.warning).toBe(noMatch.warning);
      expect(cell(element, COMPLETED, 'unmatched')).toBe('10');
      expect(textOf(row(element, COMPLETED).querySelector('[data-id="run-warning"]'))).toBe(
        noMatch.warning
      );

      await showLog(element, COMPLETED);
      expect(textOf(query(element, '[data-id="detail-warning"]'))).toContain(
        'No record matched: 10 read, 10 unmatched — check the key pair.'
      );
    });

    it('writes every count with the one number format of the console', async () => {
      const big: InsightsSync.RunSummary = {
        ...RUNS[2],
        rowsRead: 4000,
        rowsMatched: 3200,
        rowsUnmatched: 800
      };
      getRunsMock.mockResolvedValue([big]);
      getRunDetailMock.mockResolvedValue({ ...DETAIL, run: big });
      const element = await render();

      expect(cell(element, COMPLETED, 'read')).toBe('4,000');
      expect(cell(element, COMPLETED, 'matched')).toBe('3,200');
      await showLog(element, COMPLETED);
      expect(textOf(query(element, '[data-id="summary"]'))).toContain('Rows read4,000');
    });
  });

  describe('following a run in progress', () => {
    async function renderWithFakeTimers(): Promise<HTMLElement> {
      jest.useFakeTimers();
      const element = createElement('c-log-viewer', { is: LogViewer });
      document.body.appendChild(element);
      await jest.advanceTimersByTimeAsync(0);
      return element;
    }

    const ended = RUNS.map((run) => {
      const inProgress = run.status === 'Queued' || run.status === 'Running';
      return inProgress ? { ...run, status: 'Completed' } : run;
    });

    it('reads the runs again while one is queued or running, and stops once none is', async () => {
      getRunsMock.mockResolvedValueOnce(RUNS).mockResolvedValueOnce(ended);
      const element = await renderWithFakeTimers();
      expect(getRunsMock).toHaveBeenCalledTimes(1);

      await jest.advanceTimersByTimeAsync(FOLLOW_LOG_MS - 1);
      expect(getRunsMock).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(getRunsMock).toHaveBeenCalledTimes(2);
      expect(element.shadowRoot?.querySelector('lightning-spinner')).toBeNull();

      await jest.advanceTimersByTimeAsync(FOLLOW_LOG_MS * 3);
      expect(getRunsMock).toHaveBeenCalledTimes(2);
    });

    it('reads nothing again when no run is in progress', async () => {
      getRunsMock.mockResolvedValue(ended);
      await renderWithFakeTimers();

      await jest.advanceTimersByTimeAsync(FOLLOW_LOG_MS * 3);

      expect(getRunsMock).toHaveBeenCalledTimes(1);
    });

    it('follows the open log of a running run until it ends', async () => {
      const running = RUNS.find((run) => run.id === RUNNING) as InsightsSync.RunSummary;
      getRunDetailMock
        .mockResolvedValueOnce({ ...DETAIL, run: running })
        .mockResolvedValueOnce({ ...DETAIL, run: { ...running, status: 'Completed' } });
      const element = await renderWithFakeTimers();

      query(element, `lightning-button[data-action="show-log"][data-run-id="${RUNNING}"]`).click();
      await jest.advanceTimersByTimeAsync(0);
      expect(getRunDetailMock).toHaveBeenCalledTimes(1);

      await jest.advanceTimersByTimeAsync(FOLLOW_LOG_MS);
      expect(getRunDetailMock).toHaveBeenCalledTimes(2);
      expect(getRunsMock).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(FOLLOW_LOG_MS * 3);
      expect(getRunDetailMock).toHaveBeenCalledTimes(2);
    });

    it('leaves no timer behind when it closes', async () => {
      getRunsMock.mockResolvedValue(RUNS);
      const element = await renderWithFakeTimers();
      expect(jest.getTimerCount()).toBe(1);

      document.body.removeChild(element);

      expect(jest.getTimerCount()).toBe(0);
      await jest.advanceTimersByTimeAsync(FOLLOW_LOG_MS * 3);
      expect(getRunsMock).toHaveBeenCalledTimes(1);
    });

    it('keeps the runs shown when such a reload fails', async () => {
      getRunsMock
        .mockResolvedValueOnce(RUNS)
        .mockRejectedValueOnce({ body: { message: 'Offline for a moment.' } });
      const element = await renderWithFakeTimers();

      await jest.advanceTimersByTimeAsync(FOLLOW_LOG_MS);

      expect(element.shadowRoot?.querySelector('[data-id="runs-error"]')).toBeNull();
      expect(element.shadowRoot?.querySelectorAll('tr[data-run-id]').length).toBe(RUNS.length);
    });
  });

  describe('the page behind it', () => {
    it('does not scroll while the overlay is open, and scrolls as before once it closes', async () => {
      document.body.style.overflow = 'auto';
      const element = await render();

      expect(document.body.style.overflow).toBe('hidden');
      expect(document.documentElement.style.overflow).toBe('hidden');

      document.body.removeChild(element);

      expect(document.body.style.overflow).toBe('auto');
      expect(document.documentElement.style.overflow).toBe('');
      document.body.style.overflow = '';
    });
  });

  describe('at phone width', () => {
    it('stacks the runs and the row issues into cards, each value labelled', async () => {
      const element = await render();

      expect(query(element, 'table[data-id="runs-table"]').classList).toContain(
        'slds-max-medium-table_stacked'
      );
      expect(
        row(element, WITH_ERRORS).querySelector('[data-cell="status"]')?.getAttribute('data-label')
      ).toBe('Status');
      await showLog(element, WITH_ERRORS);
      expect(query(element, 'table[data-id="issues-table"]').classList).toContain(
        'slds-max-medium-table_stacked'
      );
    });

    it('makes the issues table, when it scrolls, a named region the keyboard can reach', async () => {
      const element = await render();
      await showLog(element, WITH_ERRORS);

      const region = query(element, '[data-id="issues-region"]');
      expect(region.getAttribute('tabindex')).toBe('0');
      expect(region.getAttribute('role')).toBe('region');
      expect(region.getAttribute('aria-label')).toBeTruthy();
    });
  });
});
