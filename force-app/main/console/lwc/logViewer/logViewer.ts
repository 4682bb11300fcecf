import { LightningElement, api } from 'lwc';
import getRuns from '@salesforce/apex/RunLogController.getRuns';
import getRunDetail from '@salesforce/apex/RunLogController.getRunDetail';
import {
  NO_REASON,
  apexErrorMessages,
  formatCount,
  formatRuntime,
  formatUtc,
  isRunInProgress
} from 'c/syncFormat';
import { csvBlob, issuesCsv, issuesCsvFileName } from './issuesCsv';

type RunSummary = InsightsSync.RunSummary;
type RunDetail = InsightsSync.RunDetail;

/** RunLogController.getRuns answers at most this many runs unless the console asks otherwise. */
const DEFAULT_MAX_RUNS = 50;

/**
 * How often the overlay reads its runs (or the shown run's log) again while a run is queued or
 * running, so it follows the run without Refresh.
 */
export const FOLLOW_LOG_MS = 5000;

/** One run in the list, ready for the template. */
interface RunRow {
  id: string;
  name: string;
  integrationLabel: string;
  /** The API name, shown only when another integration of the list has the same report and object. */
  integrationApiName?: string;
  reportName: string;
  objectName: string;
  status?: string;
  outcome?: string;
  warning?: string;
  start: string;
  /** For a run still queued: when it was queued, under "Not started". */
  queuedNote?: string;
  runtime: string;
  runsAs: string;
  rowsRead: string;
  rowsMatched: string;
  recordsUpdated: string;
  recordsUnchanged: string;
  rowsUnmatched: string;
  recordsFailed: string;
  showLogLabel: string;
}

/** A label and value of the run summary at the top of Show log. */
interface SummaryItem {
  key: string;
  label: string;
  value: string;
}

/** One row issue in the Show log table. */
interface IssueRow {
  id: string;
  key: string;
  recordId: string;
  severity: string;
  statusCode: string;
  message: string;
  field: string;
  rowNumber: string;
}

/** Base components (and the dialog's own elements) that can take focus. */
type Focusable = HTMLElement & { focus(): void };

/**
 * The sentence(s) of a failed Apex call, one a line: Apex errors reach a component as
 * `{ body: { message } }` (or a list of such), other failures as an `Error` or plain text.
 */
function errorMessage(error: unknown): string {
  const messages = apexErrorMessages(error);
  return messages.length > 0 ? messages.join('\n') : NO_REASON;
}

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** When the run started; a run still queued has not. */
function startOf(run: RunSummary): string {
  return run.startedAt ? formatUtc(run.startedAt) : 'Not started';
}

function queuedNoteOf(run: RunSummary): string | undefined {
  return run.startedAt ? undefined : `queued ${formatUtc(run.queuedAt)}`;
}

/** The user the run executes as: who pressed Run Now, or who scheduled the dispatcher. */
function runsAsOf(run: RunSummary): string {
  if (run.startedByName) {
    return run.startedByName;
  }
  return run.startedById ? 'A user you cannot see' : '—';
}

function reportOf(run: RunSummary): string {
  return run.reportName ?? run.integrationLabel ?? run.integrationName ?? 'Unnamed report';
}

function integrationOf(run: RunSummary): string {
  return run.integrationLabel || run.integrationName || '—';
}

/**
 * The report and object of the runs that more than one integration shares: their rows name the
 * integration's API name too, as the labels alone may not tell them apart.
 */
function sharedReportAndObject(runs: readonly RunSummary[]): Set<string> {
  const namesByPair = new Map<string, Set<string>>();
  for (const run of runs) {
    const pair = `${reportOf(run)}\u0000${run.objectName ?? ''}`;
    const names = namesByPair.get(pair) ?? new Set<string>();
    names.add((run.integrationName ?? '').toLowerCase());
    namesByPair.set(pair, names);
  }
  return new Set(
    Array.from(namesByPair.entries())
      .filter(([, names]) => names.size > 1)
      .map(([pair]) => pair)
  );
}

/**
 * The Log overlay of the console: the runs of one integration (or of all), newest first, each with
 * the user it runs as (who started it), and for each its full log — the steps and the row issues,
 * which download as CSV. It is shown by
 * rendering it (the console adds it when Log is chosen and removes it on `close`); it loads the
 * runs and moves the focus into itself as it appears. Times are UTC, like the schedule.
 *
 * @fires close when the admin closes it (X, Close or Escape); the owner then removes it.
 */
export default class LogViewer extends LightningElement {
  /** The integration's developer name; empty for the runs of all integrations. */
  @api integrationName?: string;
  /** How many of the newest runs to list. */
  @api maxRuns = DEFAULT_MAX_RUNS;

  runs: RunSummary[] = [];
  loadingRuns = false;
  runsError = '';

  /** The run whose log is shown; undefined while the list is shown. */
  selectedRun?: RunSummary;
  detail?: RunDetail;
  loadingDetail = false;
  detailError = '';

  /** What renderedCallback moves the focus to next: the dialog, the log, or a run's button. */
  private pendingFocus?: 'dialog' | 'detail' | { runId: string };
  /** Each request gets a number, so an answer that arrives after a newer request is dropped. */
  private runsRequest = 0;
  private detailRequest = 0;
  /** The blob: URL of the last CSV downloaded, released on the next download or on close. */
  private downloadUrl?: string;
  private followTimer?: ReturnType<typeof setTimeout>;
  private connected = false;
  /** The page's own overflow, put back when the overlay closes. */
  private pageOverflow?: { html: string; body: string };

  override connectedCallback(): void {
    this.connected = true;
    this.lockPageScroll();
    this.pendingFocus = 'dialog';
    // loadRuns settles every failure into the overlay itself.
    this.loadRuns();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.stopFollowing();
    this.unlockPageScroll();
    this.releaseDownload();
  }

  override renderedCallback(): void {
    const target = this.pendingFocus;
    if (target === undefined) {
      return;
    }
    let element: Focusable | null = null;
    if (target === 'dialog') {
      element = this.find<Focusable>('[data-id="heading"]');
    } else if (target === 'detail') {
      element = this.find<Focusable>('[data-id="detail-heading"]');
    } else {
      element = this.find<Focusable>(`[data-action="show-log"][data-run-id="${target.runId}"]`);
    }
    if (element) {
      this.pendingFocus = undefined;
      element.focus();
    }
  }

  // ----- what the template shows

  get scopeText(): string {
    if (!this.integrationName) {
      return 'Runs of all integrations, newest first. Times are UTC.';
    }
    const label = this.runs.find(
      (run) => run.integrationName === this.integrationName
    )?.integrationLabel;
    return `Runs of ${label ?? this.integrationName}, newest first. Times are UTC.`;
  }

  get showingList(): boolean {
    return this.selectedRun === undefined;
  }

  get showingDetail(): boolean {
    return this.selectedRun !== undefined;
  }

  get hasRunsError(): boolean {
    return this.runsError !== '';
  }

  get hasRuns(): boolean {
    return this.runs.length > 0;
  }

  get showEmpty(): boolean {
    return !this.loadingRuns && !this.hasRunsError && this.runs.length === 0;
  }

  get listBusy(): string {
    return String(this.loadingRuns);
  }

  get rows(): RunRow[] {
    const shared = sharedReportAndObject(this.runs);
    return this.runs.map((run) => {
      const reportName = reportOf(run);
      const integrationLabel = integrationOf(run);
      const showLogLabel = run.startedAt
        ? `Show log of ${integrationLabel} started ${formatUtc(run.startedAt)}`
        : `Show log of ${integrationLabel} queued ${formatUtc(run.queuedAt)}`;
      return {
        id: run.id,
        name: run.name,
        integrationLabel,
        integrationApiName: shared.has(`${reportName}\u0000${run.objectName ?? ''}`)
          ? run.integrationName
          : undefined,
        reportName,
        objectName: text(run.objectName),
        status: run.status,
        outcome: run.outcome,
        warning: run.warning,
        start: startOf(run),
        queuedNote: queuedNoteOf(run),
        runtime: formatRuntime(run.startedAt, run.finishedAt),
        runsAs: runsAsOf(run),
        rowsRead: formatCount(run.rowsRead),
        rowsMatched: formatCount(run.rowsMatched),
        recordsUpdated: formatCount(run.recordsUpdated),
        recordsUnchanged: formatCount(run.recordsUnchanged),
        rowsUnmatched: formatCount(run.rowsUnmatched),
        recordsFailed: formatCount(run.recordsFailed),
        showLogLabel
      };
    });
  }

  /** The run as the detail has it (fresher), else as the list had it. */
  get shownRun(): RunSummary | undefined {
    return this.detail?.run ?? this.selectedRun;
  }

  get detailHeading(): string {
    return `Log of ${this.shownRun?.name ?? 'the run'}`;
  }

  get detailSubheading(): string {
    const run = this.shownRun;
    return run ? `${reportOf(run)} → ${text(run.objectName)}` : '';
  }

  get detailStatus(): string | undefined {
    return this.shownRun?.status;
  }

  get detailOutcome(): string | undefined {
    return this.shownRun?.outcome;
  }

  get detailWarning(): string | undefined {
    return this.shownRun?.warning;
  }

  get loadingDetailText(): string {
    return `Loading the log of ${this.shownRun?.name ?? 'the run'}`;
  }

  get hasDetailError(): boolean {
    return this.detailError !== '';
  }

  get hasDetail(): boolean {
    return this.detail !== undefined;
  }

  get detailBusy(): string {
    return String(this.loadingDetail);
  }

  get summaryItems(): SummaryItem[] {
    const run = this.detail?.run;
    if (!run) {
      return [];
    }
    const items: [string, string | number | undefined][] = [
      ['Integration', run.integrationLabel ?? run.integrationName],
      ['API name', run.integrationName],
      ['Trigger', run.triggerType],
      ['Runs as', runsAsOf(run)],
      ['Queued (UTC)', formatUtc(run.queuedAt)],
      ['Start (UTC)', startOf(run)],
      ['Finished (UTC)', run.finishedAt ? formatUtc(run.finishedAt) : undefined],
      ['Runtime', formatRuntime(run.startedAt, run.finishedAt)],
      ['Rows read', formatCount(run.rowsRead)],
      ['Matched', formatCount(run.rowsMatched)],
      ['Updated', formatCount(run.recordsUpdated)],
      ['Unchanged', formatCount(run.recordsUnchanged)],
      ['Unmatched', formatCount(run.rowsUnmatched)],
      ['Skipped', formatCount(run.rowsSkipped)],
      ['Failed', formatCount(run.recordsFailed)],
      ['Value issues', formatCount(run.valueIssues)],
      ['Pages read', formatCount(run.pagesRead)]
    ];
    return items.map(([label, value]) => ({
      key: label,
      label,
      value: text(value)
    }));
  }

  get errorSummary(): string | undefined {
    return this.detail?.run.errorSummary;
  }

  get stepLog(): string {
    return this.detail?.stepLog ?? '';
  }

  get hasStepLog(): boolean {
    return this.stepLog.trim() !== '';
  }

  get issueRows(): IssueRow[] {
    return (this.detail?.issues ?? []).map((issue) => ({
      id: issue.id,
      key: issue.key ?? '',
      recordId: issue.recordId ?? '',
      severity: issue.severity ?? '',
      statusCode: issue.statusCode ?? '',
      message: issue.message ?? '',
      field: issue.field ?? '',
      rowNumber:
        issue.rowNumber === undefined || issue.rowNumber === null ? '' : String(issue.rowNumber)
    }));
  }

  get hasIssues(): boolean {
    return this.issueRows.length > 0;
  }

  get issuesHeading(): string {
    return `Row issues (${this.issueRows.length})`;
  }

  /** Issues are capped when stored and when read; say so, so the file is not taken as complete. */
  get moreIssuesText(): string {
    const detail = this.detail;
    if (!detail?.hasMoreIssues) {
      return '';
    }
    return (
      `The run had ${detail.run.issueCount} issues; the log kept and shows the first ` +
      `${detail.issues.length}, and the CSV holds the same. The counts above are exact.`
    );
  }

  get downloadDisabled(): boolean {
    return !this.hasIssues;
  }

  /** Starts with the visible "Download CSV", so speech input finds the button by what it shows. */
  get downloadLabel(): string {
    return `Download CSV of the row issues of ${this.shownRun?.name ?? 'the run'}`;
  }

  // ----- actions

  handleRefresh(): void {
    this.loadRuns();
  }

  handleShowLog(event: Event): void {
    const runId = (event.currentTarget as HTMLElement | null)?.dataset.runId;
    const run = this.runs.find((candidate) => candidate.id === runId);
    if (!run) {
      return;
    }
    this.selectedRun = run;
    this.detail = undefined;
    this.detailError = '';
    this.pendingFocus = 'detail';
    this.loadDetail(run.id);
  }

  handleRetryDetail(): void {
    if (this.selectedRun) {
      this.loadDetail(this.selectedRun.id);
    }
  }

  handleBack(): void {
    const runId = this.selectedRun?.id;
    this.detailRequest += 1;
    this.selectedRun = undefined;
    this.detail = undefined;
    this.detailError = '';
    this.loadingDetail = false;
    this.pendingFocus = runId ? { runId } : 'dialog';
    // The runs shown stay as they were; one still in progress is followed again.
    this.followRunsInProgress();
  }

  handleDownloadCsv(): void {
    const detail = this.detail;
    const link = this.find<HTMLAnchorElement>('a[data-id="csv-link"]');
    if (!detail || detail.issues.length === 0 || !link) {
      return;
    }
    this.releaseDownload();
    this.downloadUrl = URL.createObjectURL(csvBlob(issuesCsv(detail.issues)));
    link.href = this.downloadUrl;
    link.download = issuesCsvFileName(detail.run.name);
    link.click();
  }

  // The last file's blob: URL stays valid until the next download or until the viewer closes:
  // revoking it right after click() can cancel a download the browser has not started yet.
  private releaseDownload(): void {
    if (this.downloadUrl) {
      URL.revokeObjectURL(this.downloadUrl);
      this.downloadUrl = undefined;
    }
  }

  handleClose(): void {
    this.dispatchEvent(new CustomEvent('close'));
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.stopPropagation();
      this.handleClose();
    }
  }

  /** Tab from the last control wraps to the first: the page behind the dialog is inert. */
  handleFocusEnd(): void {
    this.find<Focusable>('[data-action="close"]')?.focus();
  }

  /** Shift+Tab from the first control wraps to the last. */
  handleFocusStart(): void {
    this.find<Focusable>('[data-action="close-footer"]')?.focus();
  }

  // ----- helpers

  private find<T extends Element>(selector: string): T | null {
    return this.template?.querySelector<T>(selector) ?? null;
  }

  // ----- the page behind the overlay

  /** The page behind a modal must not scroll: only the overlay's own content does. */
  private lockPageScroll(): void {
    const html = document.documentElement;
    const body = document.body;
    this.pageOverflow = { html: html.style.overflow, body: body.style.overflow };
    html.style.overflow = 'hidden';
    body.style.overflow = 'hidden';
  }

  private unlockPageScroll(): void {
    if (this.pageOverflow) {
      document.documentElement.style.overflow = this.pageOverflow.html;
      document.body.style.overflow = this.pageOverflow.body;
      this.pageOverflow = undefined;
    }
  }

  // ----- following a run in progress

  /**
   * While a run shown is queued or running (in the list, or the run whose log is open), the
   * overlay reads again every FOLLOW_LOG_MS, without a spinner; it stops once none is, and when
   * the overlay closes.
   */
  private followRunsInProgress(): void {
    this.stopFollowing();
    if (!this.connected) {
      return;
    }
    const shown = this.shownRun;
    const follow = shown
      ? isRunInProgress(shown.status)
      : this.runs.some((run) => isRunInProgress(run.status));
    if (!follow) {
      return;
    }
    // A reload of the overlay's own data on a timer, not a render concern.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.followTimer = setTimeout(() => {
      this.followTimer = undefined;
      if (this.selectedRun) {
        this.loadDetail(this.selectedRun.id, true);
      } else {
        this.loadRuns(true);
      }
    }, FOLLOW_LOG_MS);
  }

  private stopFollowing(): void {
    clearTimeout(this.followTimer);
    this.followTimer = undefined;
  }

  // ----- loading

  /**
   * @param quietly true for the reloads that follow a run: no spinner, and a failure leaves the
   * runs shown as they are (the next reload or Refresh tries again)
   */
  private async loadRuns(quietly = false): Promise<void> {
    this.runsRequest += 1;
    const request = this.runsRequest;
    this.loadingRuns = !quietly;
    if (!quietly) {
      this.runsError = '';
    }
    try {
      const runs = await getRuns({
        integrationName: this.integrationName || undefined,
        maxRuns: this.maxRuns
      });
      if (request === this.runsRequest) {
        this.runs = runs ?? [];
        this.runsError = '';
      }
    } catch (error) {
      if (request === this.runsRequest && !quietly) {
        this.runs = [];
        this.runsError = errorMessage(error);
      }
    } finally {
      if (request === this.runsRequest) {
        this.loadingRuns = false;
        if (!this.selectedRun) {
          this.followRunsInProgress();
        }
      }
    }
  }

  private async loadDetail(runId: string, quietly = false): Promise<void> {
    this.detailRequest += 1;
    const request = this.detailRequest;
    this.loadingDetail = !quietly;
    if (!quietly) {
      this.detailError = '';
    }
    try {
      const detail = await getRunDetail({ runId });
      if (request === this.detailRequest) {
        this.detail = detail;
        this.detailError = '';
      }
    } catch (error) {
      if (request === this.detailRequest && !quietly) {
        this.detailError = errorMessage(error);
      }
    } finally {
      if (request === this.detailRequest) {
        this.loadingDetail = false;
        this.followRunsInProgress();
      }
    }
  }
}
