import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import getIntegrations from '@salesforce/apex/IntegrationController.getIntegrations';
import getSchedulerStatus from '@salesforce/apex/IntegrationController.getSchedulerStatus';
import scheduleDispatcher from '@salesforce/apex/IntegrationController.scheduleDispatcher';
import unscheduleJobs from '@salesforce/apex/IntegrationController.unscheduleJobs';
import runNow from '@salesforce/apex/IntegrationController.runNow';
import pauseIntegration from '@salesforce/apex/IntegrationController.pauseIntegration';
import resumeIntegration from '@salesforce/apex/IntegrationController.resumeIntegration';
import archiveIntegration from '@salesforce/apex/IntegrationController.archiveIntegration';
import getArchivedIntegrations from '@salesforce/apex/IntegrationController.getArchivedIntegrations';
import restoreIntegration from '@salesforce/apex/IntegrationController.restoreIntegration';
import {
  asMessageItems,
  formatCount,
  formatUtc,
  isRunInProgress,
  messageLines,
  readableErrors,
  type MessageItem
} from 'c/syncFormat';
import {
  isSameJob,
  listenForSaves,
  type IntegrationSave,
  type StopListening
} from 'c/integrationSaves';

type IntegrationRow = InsightsSync.IntegrationRow;
type SchedulerStatus = InsightsSync.SchedulerStatus;

/** Detail of the `openlog` event: the integration whose runs the Log overlay lists. */
export interface OpenLogDetail {
  developerName: string;
  label: string;
}

/** Detail of the `edit` event: the integration the wizard opens. */
export interface EditDetail {
  developerName: string;
}

/** A state change of an integration: each is a Metadata API deployment. */
type Deployment = 'pause' | 'resume' | 'archive' | 'restore';

interface Notice {
  variant: 'success' | 'warning';
  text: string;
}

/** What this console did with a row and what came of it, kept across reloads of the list. */
interface RowActivity {
  /** The state change being deployed; undefined when none is under way. */
  deployment?: Deployment;
  /** Which start of a deployment this is, so a late answer of an earlier one is ignored. */
  deploymentNumber?: number;
  /** The deployment job id, once the Apex returned it. */
  deployJobId?: string;
  queuingRun: boolean;
  /**
   * The run this console queued with Run Now: the row says it is queued, then started, while it
   * is the row's last run and in progress, and says nothing more once it ended (Last run shows
   * how).
   */
  queuedRunId?: string;
  errors: string[];
  notice?: Notice;
}

/** One row of the table, ready for the template. */
interface ListRow {
  developerName: string;
  label: string;
  reportName: string;
  objectName: string;
  scheduleText: string;
  state: string;
  stateClass: string;
  nextRun: string;
  hasLastRun: boolean;
  lastRunTime: string;
  lastRunStatus?: string;
  /** The status as the Apex words it, e.g. `Completed · no record matched`. */
  lastRunOutcome?: string;
  /** Why a completed last run is a warning; undefined when it is none. */
  lastRunWarning?: string;
  lastRunCounts: string;
  hasLastRunCounts: boolean;
  lastRunError?: string;
  runsAsScheduled: string;
  runsAsRunNow: string;
  savedByText: string;
  problem?: string;
  pendingText: string;
  isPending: boolean;
  errorItems: MessageItem[];
  hasErrors: boolean;
  notice?: string;
  noticeIsWarning: boolean;
  menuLabel: string;
  canPause: boolean;
  canResume: boolean;
  runNowDisabled: boolean;
  stateChangeDisabled: boolean;
  /** Archived: shown greyed, only with "Show archived", with Restore as its only action. */
  isArchived: boolean;
  rowClass: string;
  /** Whether the row has a menu: a viewer has nothing to do with an archived integration. */
  hasMenu: boolean;
}

const NO_DEPLOYMENT_REASON =
  'The deployment failed and Salesforce gave no reason. Check Setup → Deployment Status.';

/**
 * How long a row waits for the Integration_Saved__e of its deployment before it stops saying
 * "Pausing…": a deployment queued behind others can take minutes, and a lost event must not leave
 * the row busy for ever.
 */
const DEPLOYMENT_WAIT_MS = 120000;

const PENDING_TEXT: Record<Deployment, string> = {
  pause: 'Pausing…',
  resume: 'Resuming…',
  archive: 'Archiving…',
  restore: 'Restoring…'
};

const SUCCESS_TEXT: Record<Exclude<Deployment, 'archive'>, string> = {
  pause: 'Paused: it runs only on Run Now until you resume it.',
  resume: 'Resumed: it runs on its schedule again.',
  restore: 'Restored, paused: it runs only on Run Now until you resume it.'
};

const STATE_BADGE_CLASS: Record<string, string> = {
  Active: 'slds-theme_success',
  Paused: 'slds-theme_warning'
};

/** Developer names are unique whatever their case, and the event may spell them differently. */
function keyOf(developerName: string): string {
  return developerName.toLowerCase();
}

function orDash(value: string | undefined): string {
  return value === undefined || value === null || value === '' ? '—' : value;
}

/**
 * When the integration runs next: its schedule's next time, but only while the dispatcher that
 * starts scheduled runs is scheduled; otherwise nothing runs it but Run Now.
 */
function nextRunOf(row: IntegrationRow, status: SchedulerStatus | undefined): string {
  if (row.state === 'Paused') {
    return 'Paused';
  }
  if (!row.nextRunAt) {
    return '—';
  }
  if (status && !status.scheduled) {
    return 'Not scheduled';
  }
  return formatUtc(row.nextRunAt);
}

/**
 * `1,200 read · 950 updated · 250 unmatched · 3 failed`; a run still queued has counted nothing
 * yet.
 */
function countsOf(run: InsightsSync.RunSummary): string {
  if (run.status === 'Queued') {
    return '';
  }
  return [
    `${formatCount(run.rowsRead)} read`,
    `${formatCount(run.recordsUpdated)} updated`,
    `${formatCount(run.rowsUnmatched)} unmatched`,
    `${formatCount(run.recordsFailed)} failed`
  ].join(' · ');
}

/** What the row says of a run this console queued, while it is in progress. */
function queuedRunNoticeOf(run: InsightsSync.RunSummary | undefined): Notice | undefined {
  if (run?.status === 'Running') {
    return {
      variant: 'success',
      text: 'Run started. Last run follows it; Log has the details.'
    };
  }
  return {
    variant: 'success',
    text: 'Run queued. Its status shows under Last run; Log has the details.'
  };
}

/**
 * Who a scheduled run of the integration runs as: the user who scheduled the dispatcher
 * (scheduled Apex runs as that user), when the integration runs on its schedule at all.
 */
function runsAsScheduledOf(row: IntegrationRow, status: SchedulerStatus | undefined): string {
  if (row.state === 'Archived') {
    return 'On schedule: not while archived';
  }
  if (row.state !== 'Active') {
    return 'On schedule: not while paused';
  }
  if (!status) {
    return 'On schedule: …';
  }
  if (!status.scheduled) {
    return 'On schedule: not scheduled';
  }
  return `On schedule: ${status.scheduledBy ?? 'the user who scheduled the dispatcher'}`;
}

/** Who Run Now runs as; an archived integration has no Run Now until it is restored. */
function runsAsRunNowOf(state: string, readOnly: boolean): string {
  if (state === 'Archived') {
    return 'Run Now: not while archived';
  }
  return readOnly ? 'Run Now: whoever presses it' : 'Run Now: you';
}

/** Whose access holds the scheduled runs: the user who last saved the integration. */
function savedByTextOf(row: IntegrationRow): string {
  if (row.savedByName) {
    return `Saved by ${row.savedByName}: scheduled runs write only what ${row.savedByName} may edit.`;
  }
  if (row.savedById) {
    return 'Saved by a user you cannot see: scheduled runs write only what that user may edit.';
  }
  return 'Saved by nobody on record: scheduled runs fail until it is saved again.';
}

function idle(): RowActivity {
  return { queuingRun: false, errors: [] };
}

/** How often the list reads itself again while a run is queued or running. */
export const FOLLOW_RUNS_MS = 5000;

/**
 * The console's list of integrations: name, report, object, schedule, last run (UTC time, status,
 * counts), next run (UTC) and whom its runs run as (scheduled runs as the user who scheduled the
 * dispatcher, held to what the user who last saved it may edit; Run Now as the user who presses
 * it), with a menu per row to run, open the log, edit, pause or resume, and archive; and whether
 * the dispatcher that starts scheduled runs is scheduled, with Schedule and Unschedule.
 *
 * "Show archived" adds the archived integrations after the others, greyed, each with Restore as
 * its only action: Restore brings it back Paused, so it runs only on Run Now until it is resumed.
 *
 * Pause, Resume, Archive and Restore deploy the integration's record: the Apex answers with the deployment
 * job at once, and the row says "Pausing…" (etc.) until the Integration_Saved__e of that
 * integration says how it ended. The list listens for those events from the moment it is shown
 * and reloads on each, whoever saved.
 *
 * @fires newintegration when New integration is pressed
 * @fires openlog when Log is chosen, with `{ developerName, label }`
 * @fires edit when Edit is chosen, with `{ developerName }`
 */
export default class IntegrationList extends LightningElement {
  /**
   * For users without Manage Insights Sync: the list and Log only, without the controls the Apex
   * would refuse them (New integration, Schedule, Unschedule, Run Now, Edit, Pause, Resume,
   * Archive).
   */
  @api readOnly = false;

  integrations: IntegrationRow[] = [];
  loaded = false;
  loading = false;
  loadErrors: string[] = [];

  schedulerStatus?: SchedulerStatus;
  loadingScheduler = false;
  scheduling = false;
  unscheduling = false;
  schedulerErrors: string[] = [];

  /** By lower-cased developer name. Replaced, never changed in place, so the table re-renders. */
  activities: Record<string, RowActivity> = {};
  /** Whether the list also shows the archived integrations (after the others), to restore them. */
  showArchived = false;

  /** A list-wide confirmation, e.g. of an archive (the row itself is gone). */
  notice = '';
  streamWarning = '';

  private stopListening?: StopListening;
  private connected = false;
  /** Each load gets a number, so an answer that arrives after a newer load is dropped. */
  private integrationsRequest = 0;
  private schedulerRequest = 0;
  private deploymentsStarted = 0;
  private deploymentTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private followTimer?: ReturnType<typeof setTimeout>;
  /** The load under way (or the last one), for scrollToIntegration to wait for. */
  private refreshing: Promise<unknown> = Promise.resolve();

  override connectedCallback(): void {
    this.connected = true;
    // Both settle every failure into the list itself. Only admins change integrations from the
    // console, and only they may read Integration_Saved__e.
    if (!this.readOnly) {
      this.startListening();
    }
    this.refresh();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    for (const timer of this.deploymentTimers.values()) {
      clearTimeout(timer);
    }
    this.deploymentTimers.clear();
    clearTimeout(this.followTimer);
    this.followTimer = undefined;
    this.stopListening?.();
    this.stopListening = undefined;
  }

  /** Reloads the integrations and the dispatcher's status, e.g. after the wizard saved. */
  @api
  async refresh(): Promise<void> {
    this.refreshing = Promise.all([this.loadIntegrations(), this.loadSchedulerStatus()]);
    await this.refreshing;
  }

  /**
   * Scrolls an integration's row into view once the list has loaded, e.g. after the wizard saved
   * it (the console shows its "Saved" message above the list).
   * @param developerName the integration's API name, in any case
   * @returns whether the row is listed
   */
  @api
  async scrollToIntegration(developerName: string): Promise<boolean> {
    await this.refreshing;
    // The rows render after the load: look for the row in the next frame.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (!this.connected) {
      return false;
    }
    const row = Array.from(
      this.template?.querySelectorAll<HTMLElement>('tr[data-developer-name]') ?? []
    ).find(
      (candidate) => candidate.dataset.developerName?.toLowerCase() === developerName.toLowerCase()
    );
    row?.scrollIntoView?.({ block: 'nearest' });
    return row !== undefined;
  }

  // ----- what the template shows

  get listBusy(): string {
    return String(this.loading);
  }

  get hasLoadErrors(): boolean {
    return this.loadErrors.length > 0;
  }

  get loadErrorItems(): MessageItem[] {
    return asMessageItems(this.loadErrors);
  }

  get hasRows(): boolean {
    return this.integrations.length > 0;
  }

  get showEmpty(): boolean {
    return this.loaded && !this.loading && !this.hasLoadErrors && this.integrations.length === 0;
  }

  get hasNotice(): boolean {
    return this.notice !== '';
  }

  get hasStreamWarning(): boolean {
    return this.streamWarning !== '';
  }

  get rows(): ListRow[] {
    return this.integrations.map((integration) => this.toListRow(integration));
  }

  get schedulerBusy(): string {
    return String(this.loadingScheduler || this.scheduling || this.unscheduling);
  }

  get isScheduled(): boolean {
    return this.schedulerStatus?.scheduled === true;
  }

  get canChange(): boolean {
    return !this.readOnly;
  }

  get isNotScheduled(): boolean {
    return this.schedulerStatus !== undefined && !this.schedulerStatus.scheduled;
  }

  get scheduledText(): string {
    const status = this.schedulerStatus;
    if (!status?.scheduled) {
      return '';
    }
    const by = status.scheduledBy ? ` by ${status.scheduledBy}` : '';
    const on = status.scheduledAt ? ` on ${formatUtc(status.scheduledAt)}` : '';
    const next = status.nextFireTime
      ? `next dispatch ${formatUtc(status.nextFireTime)}`
      : 'next dispatch not known yet';
    return `Schedule active — scheduled${by}${on}, ${next}.`;
  }

  get runAsText(): string {
    const by = this.schedulerStatus?.scheduledBy;
    return this.isScheduled && by ? `Scheduled runs run as ${by}.` : '';
  }

  get hasSchedulerErrors(): boolean {
    return this.schedulerErrors.length > 0;
  }

  get schedulerErrorItems(): MessageItem[] {
    return asMessageItems(this.schedulerErrors);
  }

  get scheduleButtonLabel(): string {
    return this.scheduling ? 'Scheduling…' : 'Schedule';
  }

  get unscheduleButtonLabel(): string {
    return this.unscheduling ? 'Unscheduling…' : 'Unschedule';
  }

  // ----- actions

  handleNewIntegration(): void {
    this.dispatchEvent(new CustomEvent('newintegration'));
  }

  handleRetry(): void {
    this.refresh();
  }

  handleRetrySchedulerStatus(): void {
    this.loadSchedulerStatus();
  }

  handleRefreshAfterWarning(): void {
    this.streamWarning = '';
    this.refresh();
  }

  async handleScheduleDispatcher(): Promise<void> {
    if (this.scheduling) {
      return;
    }
    this.scheduling = true;
    await this.changeSchedule(scheduleDispatcher);
    this.scheduling = false;
  }

  /**
   * Unschedule, after the admin confirms: the dispatcher and the log purge stop (the Apex finds
   * them by their class). Salesforce does not uninstall the package while they are scheduled.
   */
  async handleUnscheduleJobs(): Promise<void> {
    if (this.unscheduling) {
      return;
    }
    const confirmed = await (LightningConfirm as unknown as LightningConfirmDialog).open({
      label: 'Unschedule Insights Sync?',
      message:
        'The hourly dispatcher and the daily log purge stop. Integrations then run only on ' +
        'Run Now; runs already queued or running finish. Unschedule before you uninstall the ' +
        'package: Salesforce does not uninstall it while its jobs are scheduled.',
      variant: 'header',
      theme: 'warning'
    });
    if (!confirmed) {
      return;
    }
    this.unscheduling = true;
    await this.changeSchedule(unscheduleJobs);
    this.unscheduling = false;
  }

  /** Schedules or unschedules, then shows the status the Apex answers, or why it refused. */
  private async changeSchedule(change: () => Promise<SchedulerStatus>): Promise<void> {
    this.schedulerErrors = [];
    try {
      this.schedulerStatus = await change();
      // A status read while the schedule changed may answer after it: this one is newer.
      this.schedulerRequest += 1;
      this.loadingScheduler = false;
    } catch (error) {
      this.schedulerErrors = readableErrors(error);
    }
  }

  /** "Show archived": reads the list again with or without the archived integrations. */
  handleShowArchivedChange(event: CustomEvent<{ checked?: boolean }>): void {
    const toggle = event.target as HTMLInputElement | null;
    this.showArchived = event.detail?.checked ?? toggle?.checked ?? false;
    this.loadIntegrations();
  }

  handleMenuSelect(event: CustomEvent<{ value: string }>): void {
    const developerName = (event.currentTarget as HTMLElement | null)?.dataset.developerName;
    const integration = this.integrations.find((row) => row.developerName === developerName);
    if (!integration) {
      return;
    }
    switch (event.detail.value) {
      case 'run-now':
        this.runNow(integration);
        break;
      case 'log':
        this.dispatchEvent(
          new CustomEvent<OpenLogDetail>('openlog', {
            detail: { developerName: integration.developerName, label: integration.label }
          })
        );
        break;
      case 'edit':
        this.dispatchEvent(
          new CustomEvent<EditDetail>('edit', {
            detail: { developerName: integration.developerName }
          })
        );
        break;
      case 'pause':
      case 'resume':
      case 'restore':
        this.deploy(integration, event.detail.value);
        break;
      case 'archive':
        this.archive(integration);
        break;
      default:
        break;
    }
  }

  // ----- row actions

  private async runNow(integration: IntegrationRow): Promise<void> {
    const { developerName } = integration;
    if (this.activityOf(developerName).queuingRun) {
      return;
    }
    this.updateActivity(developerName, {
      queuingRun: true,
      queuedRunId: undefined,
      errors: [],
      notice: undefined
    });
    try {
      const runId = await runNow({ developerName });
      this.updateActivity(developerName, {
        queuingRun: false,
        queuedRunId: runId || undefined
      });
    } catch (error) {
      this.updateActivity(developerName, { queuingRun: false, errors: readableErrors(error) });
      return;
    }
    await this.loadIntegrations();
  }

  private async archive(integration: IntegrationRow): Promise<void> {
    const confirmed = await (LightningConfirm as unknown as LightningConfirmDialog).open({
      label: `Archive ${integration.label}?`,
      message: `${integration.label} stops running and leaves this list. Its runs stay in the log.`,
      variant: 'header',
      theme: 'warning'
    });
    if (confirmed) {
      await this.deploy(integration, 'archive');
    }
  }

  /** Starts a pause, resume or archive; the row stays busy until its event arrives. */
  private async deploy(integration: IntegrationRow, deployment: Deployment): Promise<void> {
    const { developerName } = integration;
    if (this.activityOf(developerName).deployment) {
      return;
    }
    this.deploymentsStarted += 1;
    const deploymentNumber = this.deploymentsStarted;
    this.notice = '';
    this.updateActivity(developerName, {
      deployment,
      deploymentNumber,
      deployJobId: undefined,
      errors: [],
      notice: undefined
    });
    this.startDeploymentTimer(developerName, deploymentNumber);

    let deployJobId: string;
    try {
      deployJobId = await this.startDeployment(deployment, developerName);
    } catch (error) {
      if (this.activityOf(developerName).deploymentNumber === deploymentNumber) {
        this.endDeployment(developerName, { errors: readableErrors(error) });
      }
      return;
    }
    // The event may have come first (it can beat the Apex answer): then there is nothing to wait for.
    if (this.activityOf(developerName).deploymentNumber === deploymentNumber) {
      this.updateActivity(developerName, { deployJobId });
    }
  }

  private startDeployment(deployment: Deployment, developerName: string): Promise<string> {
    switch (deployment) {
      case 'pause':
        return pauseIntegration({ developerName });
      case 'resume':
        return resumeIntegration({ developerName });
      case 'restore':
        return restoreIntegration({ developerName });
      default:
        return archiveIntegration({ developerName });
    }
  }

  // ----- Integration_Saved__e

  private async startListening(): Promise<void> {
    try {
      const stop = await listenForSaves(
        (save) => this.handleSave(save),
        () => this.warnStreamStopped()
      );
      if (this.connected) {
        this.stopListening = stop;
      } else {
        // Removed while subscribing: nobody is left to stop it later.
        stop();
      }
    } catch (_error) {
      this.warnStreamStopped();
    }
  }

  private handleSave(save: IntegrationSave): void {
    const key = keyOf(save.developerName);
    const activity = this.activities[key];
    const deployment = activity?.deployment;
    // Before the Apex answered, the job id is unknown and the name decides; after, a save of the
    // same integration by someone else (another job) is not the one this row waits for.
    const isAwaited =
      deployment !== undefined &&
      (!activity.deployJobId ||
        !save.deployJobId ||
        isSameJob(activity.deployJobId, save.deployJobId));
    if (deployment && isAwaited) {
      const label =
        this.integrations.find((row) => keyOf(row.developerName) === key)?.label ??
        save.developerName;
      if (!save.success) {
        const errors = messageLines(save.message);
        this.endDeployment(save.developerName, {
          errors: errors.length > 0 ? errors : [NO_DEPLOYMENT_REASON]
        });
      } else if (deployment === 'archive') {
        this.endDeployment(save.developerName, {});
        this.notice = `Archived ${label}: it no longer runs. Its runs stay in the log.`;
      } else {
        this.endDeployment(save.developerName, {
          notice: { variant: 'success', text: SUCCESS_TEXT[deployment] }
        });
      }
    }
    this.loadIntegrations();
  }

  private warnStreamStopped(): void {
    this.streamWarning =
      'The list stopped hearing when pauses, resumes and archives finish. Refresh it to see ' +
      'the latest states.';
  }

  private startDeploymentTimer(developerName: string, deploymentNumber: number): void {
    const key = keyOf(developerName);
    const running = this.deploymentTimers.get(key);
    if (running) {
      clearTimeout(running);
    }
    // Waits for a platform event that may never come; nothing else can tell the row to stop.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    const timer = setTimeout(() => {
      this.deploymentTimers.delete(key);
      const activity = this.activityOf(developerName);
      if (activity.deploymentNumber !== deploymentNumber || !activity.deployment) {
        return;
      }
      this.endDeployment(developerName, {
        notice: {
          variant: 'warning',
          text:
            `${PENDING_TEXT[activity.deployment].replace('…', '')} is taking longer than ` +
            'expected; the deployment may still be running. Check Setup → Deployment Status, ' +
            'then refresh the list.'
        }
      });
      this.loadIntegrations();
    }, DEPLOYMENT_WAIT_MS);
    this.deploymentTimers.set(key, timer);
  }

  private endDeployment(
    developerName: string,
    outcome: { errors?: string[]; notice?: Notice }
  ): void {
    const key = keyOf(developerName);
    const timer = this.deploymentTimers.get(key);
    if (timer) {
      clearTimeout(timer);
      this.deploymentTimers.delete(key);
    }
    this.updateActivity(developerName, {
      deployment: undefined,
      deploymentNumber: undefined,
      deployJobId: undefined,
      errors: outcome.errors ?? [],
      notice: outcome.notice
    });
  }

  // ----- loading

  /**
   * @param quietly true for the reloads that follow runs in progress: no spinner, and a failure
   * leaves the rows shown as they are (the next reload or Refresh tries again)
   */
  private async loadIntegrations(quietly = false): Promise<void> {
    this.integrationsRequest += 1;
    const request = this.integrationsRequest;
    this.loading = !quietly;
    try {
      // The archived ones come after the others, asked for only while "Show archived" is on.
      const [integrations, archived] = await Promise.all([
        getIntegrations(),
        this.showArchived ? getArchivedIntegrations() : Promise.resolve([])
      ]);
      if (request !== this.integrationsRequest) {
        return;
      }
      this.integrations = [...(integrations ?? []), ...(archived ?? [])];
      this.forgetEndedRuns();
      this.loadErrors = [];
      this.loaded = true;
    } catch (error) {
      if (request !== this.integrationsRequest) {
        return;
      }
      if (!quietly) {
        this.loadErrors = readableErrors(error);
      }
    }
    this.loading = false;
    this.followRunsInProgress();
  }

  /**
   * While a last run is queued or running, the list reads itself again every few seconds, so its
   * status and counts move on without a Refresh; it stops once no run is in progress.
   */
  private followRunsInProgress(): void {
    clearTimeout(this.followTimer);
    this.followTimer = undefined;
    const inProgress = this.integrations.some((row) => isRunInProgress(row.lastRun?.status));
    if (!inProgress || !this.connected) {
      return;
    }
    // A reload of the list's own data on a timer, not a render concern.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.followTimer = setTimeout(() => {
      this.loadIntegrations(true);
    }, FOLLOW_RUNS_MS);
  }

  /**
   * A run queued from this console that has ended (or is no longer the row's last run) needs no
   * message any more: Last run shows how it went, and a stale "Run queued" would contradict it.
   */
  private forgetEndedRuns(): void {
    for (const integration of this.integrations) {
      const activity = this.activities[keyOf(integration.developerName)];
      if (!activity?.queuedRunId) {
        continue;
      }
      const run = integration.lastRun;
      const isThatRun = run !== undefined && run !== null && run.id === activity.queuedRunId;
      if (isThatRun && !isRunInProgress(run.status)) {
        this.updateActivity(integration.developerName, { queuedRunId: undefined });
      }
    }
  }

  private async loadSchedulerStatus(): Promise<void> {
    this.schedulerRequest += 1;
    const request = this.schedulerRequest;
    this.loadingScheduler = true;
    try {
      const status = await getSchedulerStatus();
      if (request !== this.schedulerRequest) {
        return;
      }
      this.schedulerStatus = status;
      this.schedulerErrors = [];
    } catch (error) {
      if (request !== this.schedulerRequest) {
        return;
      }
      this.schedulerErrors = readableErrors(error);
    }
    this.loadingScheduler = false;
  }

  // ----- helpers

  private activityOf(developerName: string): RowActivity {
    return this.activities[keyOf(developerName)] ?? idle();
  }

  private updateActivity(developerName: string, change: Partial<RowActivity>): void {
    const key = keyOf(developerName);
    this.activities = {
      ...this.activities,
      [key]: { ...this.activityOf(developerName), ...change }
    };
  }

  /** The row's last run when it is the run this console queued; undefined until the list has it. */
  private queuedRunOf(integration: IntegrationRow): InsightsSync.RunSummary | undefined {
    const run = integration.lastRun;
    const queuedRunId = this.activityOf(integration.developerName).queuedRunId;
    return run && run.id === queuedRunId ? run : undefined;
  }

  private toListRow(integration: IntegrationRow): ListRow {
    const activity = this.activityOf(integration.developerName);
    const run = integration.lastRun;
    const state = integration.state ?? '';
    const counts = run ? countsOf(run) : '';
    const notice =
      activity.notice ??
      (activity.queuedRunId ? queuedRunNoticeOf(this.queuedRunOf(integration)) : undefined);
    let pendingText = '';
    if (activity.deployment) {
      pendingText = PENDING_TEXT[activity.deployment];
    } else if (activity.queuingRun) {
      pendingText = 'Queuing a run…';
    }
    return {
      developerName: integration.developerName,
      label: integration.label,
      reportName: orDash(integration.reportName ?? integration.reportId),
      objectName: orDash(integration.targetObject),
      scheduleText: orDash(integration.scheduleText ?? integration.frequency),
      state: orDash(state),
      stateClass: STATE_BADGE_CLASS[state] ?? '',
      nextRun: nextRunOf(integration, this.schedulerStatus),
      hasLastRun: run !== undefined && run !== null,
      lastRunTime: run ? formatUtc(run.startedAt ?? run.queuedAt) : '',
      lastRunStatus: run?.status,
      lastRunOutcome: run?.outcome,
      lastRunWarning: run?.warning,
      lastRunCounts: counts,
      hasLastRunCounts: counts !== '',
      lastRunError: run?.errorSummary,
      runsAsScheduled: runsAsScheduledOf(integration, this.schedulerStatus),
      runsAsRunNow: runsAsRunNowOf(state, this.readOnly),
      savedByText: savedByTextOf(integration),
      problem: integration.problem,
      pendingText,
      isPending: pendingText !== '',
      errorItems: asMessageItems(activity.errors),
      hasErrors: activity.errors.length > 0,
      notice: notice?.text,
      noticeIsWarning: notice?.variant === 'warning',
      menuLabel: `Actions for ${integration.label}`,
      canPause: state === 'Active',
      canResume: state === 'Paused',
      runNowDisabled: activity.queuingRun,
      stateChangeDisabled: activity.deployment !== undefined,
      isArchived: state === 'Archived',
      rowClass: state === 'Archived' ? 'archived-row' : '',
      hasMenu: state !== 'Archived' || !this.readOnly
    };
  }
}
