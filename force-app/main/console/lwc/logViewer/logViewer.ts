import { LightningElement, api } from 'lwc';
import getRuns from '@salesforce/apex/RunLogController.getRuns';
import getRunDetail from '@salesforce/apex/RunLogController.getRunDetail';
import { NO_REASON, apexErrorMessages, formatRuntime, formatUtc } from 'c/syncFormat';
import { csvBlob, issuesCsv, issuesCsvFileName } from './issuesCsv';

type RunSummary = InsightsSync.RunSummary;
type RunDetail = InsightsSync.RunDetail;

/** RunLogController.getRuns answers at most this many runs unless the console asks otherwise. */
const DEFAULT_MAX_RUNS = 50;

/** One run in the list, ready for the template. */
interface RunRow {
  id: string;
  name: string;
  reportName: string;
  objectName: string;
  status?: string;
  start: string;
  /** For a run still queued: when it was queued, under "Not started". */
  queuedNote?: string;
  runtime: string;
  runsAs: string;
  rowsRead: number;
  rowsMatched: number;
  recordsUpdated: number;
  recordsUnchanged: number;
  rowsUnmatched: number;
  recordsFailed: number;
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

  override connectedCallback(): void {
    this.pendingFocus = 'dialog';
    // loadRuns settles every failure into the overlay itself.
    this.loadRuns();
  }

  override disconnectedCallback(): void {
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
    return this.runs.map((run) => {
      const reportName = reportOf(run);
      const showLogLabel = run.startedAt
        ? `Show log of ${reportName} started ${formatUtc(run.startedAt)}`
        : `Show log of ${reportName} queued ${formatUtc(run.queuedAt)}`;
      return {
        id: run.id,
        name: run.name,
        reportName,
        objectName: text(run.objectName),
        status: run.status,
        start: startOf(run),
        queuedNote: queuedNoteOf(run),
        runtime: formatRuntime(run.startedAt, run.finishedAt),
        runsAs: runsAsOf(run),
        rowsRead: run.rowsRead,
        rowsMatched: run.rowsMatched,
        recordsUpdated: run.recordsUpdated,
        recordsUnchanged: run.recordsUnchanged,
        rowsUnmatched: run.rowsUnmatched,
        recordsFailed: run.recordsFailed,
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
      ['Trigger', run.triggerType],
      ['Runs as', runsAsOf(run)],
      ['Queued (UTC)', formatUtc(run.queuedAt)],
      ['Start (UTC)', startOf(run)],
      ['Finished (UTC)', run.finishedAt ? formatUtc(run.finishedAt) : undefined],
      ['Runtime', formatRuntime(run.startedAt, run.finishedAt)],
      ['Rows read', run.rowsRead],
      ['Matched', run.rowsMatched],
      ['Updated', run.recordsUpdated],
      ['Unchanged', run.recordsUnchanged],
      ['Unmatched', run.rowsUnmatched],
      ['Skipped', run.rowsSkipped],
      ['Failed', run.recordsFailed],
      ['Value issues', run.valueIssues],
      ['Pages read', run.pagesRead]
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

  /** Holds the visible label, so speech input finds the button by what it shows. */
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

  // ----- loading

  private async loadRuns(): Promise<void> {
    this.runsRequest += 1;
    const request = this.runsRequest;
    this.loadingRuns = true;
    this.runsError = '';
    try {
      const runs = await getRuns({
        integrationName: this.integrationName || undefined,
        maxRuns: this.maxRuns
      });
      if (request === this.runsRequest) {
        this.runs = runs ?? [];
      }
    } catch (error) {
      if (request === this.runsRequest) {
        this.runs = [];
        this.runsError = errorMessage(error);
      }
    } finally {
      if (request === this.runsRequest) {
        this.loadingRuns = false;
      }
    }
  }

  private async loadDetail(runId: string): Promise<void> {
    this.detailRequest += 1;
    const request = this.detailRequest;
    this.loadingDetail = true;
    this.detailError = '';
    try {
      const detail = await getRunDetail({ runId });
      if (request === this.detailRequest) {
        this.detail = detail;
      }
    } catch (error) {
      if (request === this.detailRequest) {
        this.detailError = errorMessage(error);
      }
    } finally {
      if (request === this.detailRequest) {
        this.loadingDetail = false;
      }
    }
  }
}
