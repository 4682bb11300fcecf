/**
 * The preview org behind the console's Apex methods: its Insights connections, saved
 * integrations, run log and dispatcher, changing as the console uses them, with the answers and
 * error messages of ConnectionController, IntegrationController and RunLogController.
 *
 * Time passes through the options (`now`, `later`) so tests can drive it: saves, pauses, resumes
 * and archives are deployments that finish a second later and then publish
 * `Integration_Saved__e`; Run Now queues a run that starts, reads the report page by page (real
 * matching and conversion against the preview's records, which it updates) and finishes.
 */
import {
  SAMPLE_OBJECTS,
  compareFields,
  compareText,
  findObject,
  isUsableAsKey,
  type SampleField,
  type SampleRecord
} from '../sampleCatalog/sampleCatalog.js';
import {
  SAMPLE_INTEGRATIONS,
  SAMPLE_REPORTS,
  SAMPLE_REPORT_PAGES,
  type ReportPageData
} from '../sampleIntegrations/sampleIntegrations.js';
import { NO_COUNTS, sampleRunsAt } from '../sampleRuns/sampleRuns.js';
import { labelOf, warningOf, withOutcome } from './runOutcome.js';
import { describeSchedule, nextFullHour } from './schedule.js';
import {
  previewResult,
  processPage,
  type PageOutcome,
  type RunCounts,
  type SyncIssue
} from './syncEngine.js';
import { allTemplates, fieldRequestText } from './templates.js';
import { csvCredentials, csvReportPages, readCsvSample } from './csvExports.js';
import {
  countOlderThan,
  resetOlderThan,
  resetPlan,
  resetProblems,
  sharedStampProblem,
  wholeSeconds,
  type ResetPlan
} from './staleValueReset.js';
import {
  DEFAULT_SETTINGS,
  MAX_FAILURE_EMAIL_RECIPIENTS,
  MAX_LOG_RETENTION_DAYS,
  checkedSettings,
  unknownJobMessage,
  type StoredSettings
} from './settings.js';
import {
  PreflightError,
  REGIONS,
  compatibilityTable,
  normalizeIntegration,
  planSync,
  regionFor,
  targetFieldReason,
  targetObjectReason,
  targetObjectRefusal,
  unknownObjectMessage,
  validateIntegration,
  withoutEmptyMembers,
  type Region,
  type SyncPlan
} from './validation.js';

type Definition = InsightsSync.IntegrationDefinition;
type ConnectionStatus = InsightsSync.InsightsConnectionStatus;

/**
 * `Integration_Saved__e` as IntegrationController.getSaveEventChannel names it: its channel and
 * payload keys as describe spells them in an org without a namespace (the preview is one).
 */
export const SAVE_EVENT_NAMES: Readonly<InsightsSync.SaveEventChannel> = {
  channel: '/event/Integration_Saved__e',
  developerNameField: 'Developer_Name__c',
  deployJobIdField: 'Deploy_Job_Id__c',
  successField: 'Success__c',
  messageField: 'Message__c'
};

/** The channel of `Integration_Saved__e`, as the console subscribes to it. */
export const SAVED_CHANNEL = SAVE_EVENT_NAMES.channel;

/** How long a deployment of an integration takes before its event is published. */
export const DEPLOY_MS = 1000;
/** How long a queued run waits before the job picks it up. */
export const RUN_START_MS = 1500;
/** How long the job takes for each report page. */
export const RUN_PAGE_MS = 1200;

/** The running user, as UserInfo.getName() says. */
export const USER_NAME = 'Ada Admin';
/** The running user's id, as UserInfo.getUserId() says. */
export const USER_ID = '0055g00000ADA01AAA';

/** A user of the sample org: who saved an integration or started a run. */
export interface SampleUser {
  id: string;
  name: string;
}

/**
 * Who last saved each sample integration (Integration__mdt.Saved_By__c): the running user, except
 * Contact NPS, saved by another admin, whose access its scheduled runs are then held to.
 */
const SAMPLE_SAVERS: Readonly<Record<string, SampleUser>> = {
  Contact_NPS: { id: '0055g00000BEN01AAA', name: 'Ben Okafor' }
};

const ENVIRONMENT: InsightsSync.ConsoleEnvironment = {
  organizationName: 'Acme Corporation',
  instanceName: 'CS42',
  isSandbox: true,
  environmentType: 'Sandbox',
  userName: USER_NAME
};

const SALESFORCE_TAG = 'integrations_salesforce';
const MAX_CLIENT_ID_LENGTH = 255;
const MAX_CLIENT_SECRET_LENGTH = 1024;
const DEFAULT_MAX_RUNS = 50;
const MAX_RUNS = 1000;
const DEFAULT_PREVIEW_ROWS = 50;
const MAX_PREVIEW_ROWS = 200;
const DEFAULT_PAGE_SIZE = 2000;
const LOG_RETENTION_DAYS = 30;

export interface SampleConsoleOptions {
  /** The current instant. */
  now?: () => Date;
  /** Runs a task later, as time passes in the org. */
  later?: (task: () => void, delayMs: number) => void;
  /** Publishes a platform event on a channel. */
  publish?: (channel: string, payload: Record<string, unknown>) => void;
  /** The settings the org starts with (the preview keeps them across a reload of the page). */
  settings?: StoredSettings;
}

/**
 * InsightsConnectionMessages.missingTokenAccess: what a user without Modify All Records on User
 * External Credentials must be granted (scripts/tests/preview-backend.test.ts compares it with the
 * Apex).
 */
export const MISSING_TOKEN_ACCESS =
  'Your user cannot fetch or renew the WalkMe token: Salesforce needs Modify All Records on ' +
  'the User External Credentials object for that, and the Insights Sync Admin permission set ' +
  'cannot grant it. Ask a Salesforce admin to add a permission set of their own with Object ' +
  'Settings → User External Credentials: Read, Create, Edit, Delete, View All Records and ' +
  'Modify All Records, and to assign it to you and to everyone who runs or schedules ' +
  'integrations.';

interface StoredConnection {
  clientId: string;
  /** Whether WalkMe accepts the stored values: the preview refuses a secret containing "wrong". */
  accepted: boolean;
  /** RefusedCredentials: whether the last test or run was refused (known only once asked). */
  refused?: boolean;
}

function isBlank(value: string | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value.trim() === '';
}

function sameName(first: string | null | undefined, second: string | null | undefined): boolean {
  return (first ?? '').trim().toLowerCase() === (second ?? '').trim().toLowerCase();
}

/** How messages name a region's connection: `WalkMe Insights (Europe)`. */
function connectionName(region: Region): string {
  return `WalkMe Insights (${region.label})`;
}

/** InsightsConnectionStatus.maskClientId. */
function maskClientId(clientId: string): string {
  const trimmed = clientId.trim();
  return trimmed.length <= 8 ? '••••' : `••••${trimmed.slice(-4)}`;
}

function utcLine(instant: Date, message: string): string {
  return `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC  ${message}`;
}

function sentence(text: string): string {
  const trimmed = text.trim() || 'no reason given';
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}

function cloned<T>(value: T): T {
  return structuredClone(value);
}

/** SyncRunLog.countsOf: one wording for a page and for the whole run. */
function countsText(counts: RunCounts, issueCount: number): string {
  return (
    `rows read ${counts.rowsRead}, matched ${counts.rowsMatched}; records updated ${counts.recordsUpdated}, ` +
    `unchanged ${counts.recordsUnchanged}, failed ${counts.recordsFailed}; rows unmatched ${counts.rowsUnmatched}, ` +
    `skipped ${counts.rowsSkipped}; value issues ${counts.valueIssues}; issues ${issueCount}`
  );
}

export class SampleConsole {
  private readonly now: () => Date;
  private readonly later: (task: () => void, delayMs: number) => void;
  private readonly publish: (channel: string, payload: Record<string, unknown>) => void;

  private readonly connections = new Map<string, StoredConnection>([
    ['EU', { clientId: 'walkme-eu-7c1d9a7f', accepted: true }]
  ]);
  private readonly integrations: Definition[] = cloned([...SAMPLE_INTEGRATIONS]);
  /** Newest first, as the run log lists them. */
  private readonly runs: InsightsSync.RunSummary[];
  private readonly runDetails: Record<string, InsightsSync.RunDetail>;
  /** Records each run reset (SyncRunLog.recordReset), for its last step line. */
  private readonly recordsReset = new Map<string, number>();
  /** Each object's records, which runs update. */
  private readonly recordsByObject = new Map<string, SampleRecord[]>(
    SAMPLE_OBJECTS.map((object) => [object.apiName, cloned(object.records)])
  );
  /**
   * Whether the preview's user lacks Modify All Records on User External Credentials: a secret
   * containing "no-token-access" turns it on, to show what the console says then.
   */
  private lacksTokenAccess = false;
  private dispatcherScheduledAt?: Date;
  private purgeScheduled = false;
  private settings: StoredSettings;
  /** Who last saved each integration, by lower-cased developer name. */
  private readonly savers = new Map<string, SampleUser>();
  private deployments = 0;
  private runNumber: number;

  constructor(options: SampleConsoleOptions = {}) {
    this.now = options.now ?? (() => new Date());
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- the org's time passing, not a component's
    this.later = options.later ?? ((task, delayMs) => setTimeout(task, delayMs));
    this.publish = options.publish ?? (() => undefined);
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    // The sample runs, moved to just before now; their detail shares the summary, as the Apex
    // reads both from one record.
    const samples = sampleRunsAt(this.now());
    this.runs = cloned(samples.runs);
    this.runDetails = {};
    for (const [id, detail] of Object.entries(samples.details)) {
      const run = this.runs.find((candidate) => candidate.id === id);
      this.runDetails[id] = { ...cloned(detail), run: run ?? cloned(detail.run) };
    }
    this.runNumber = Math.max(...this.runs.map((run) => Number(run.name.replace(/\D/g, '')) || 0));
    for (const definition of this.integrations) {
      const name = definition.developerName ?? '';
      this.savers.set(name.toLowerCase(), SAMPLE_SAVERS[name] ?? { id: USER_ID, name: USER_NAME });
    }
  }

  // ConnectionController

  getConnections(): ConnectionStatus[] {
    return REGIONS.map((region) => {
      const stored = this.connections.get(region.code);
      const status: ConnectionStatus = {
        ...this.statusOf(region),
        connected: !!stored,
        ...(stored ? { clientIdHint: maskClientId(stored.clientId) } : {}),
        message: stored
          ? 'Connected. Use Test connection to check that WalkMe accepts the client id and secret.'
          : this.notConnected(region)
      };
      return stored?.refused
        ? {
            ...status,
            credentialsRefused: true,
            failureReason: 'CREDENTIALS',
            message: `WalkMe refused the client id and secret stored for ${connectionName(region)} at the last test or run. Connect the region again with the client id and secret of a valid WalkMe API key; integrations that use it fail until then.`
          }
        : status;
    });
  }

  connect(
    regionCode: string | undefined,
    clientId: string | undefined,
    clientSecret: string | undefined
  ): ConnectionStatus {
    const region = this.connectionRegion(regionCode);
    const checkedClientId = requiredValue('Client ID', clientId, MAX_CLIENT_ID_LENGTH);
    const checkedSecret = requiredValue('Client secret', clientSecret, MAX_CLIENT_SECRET_LENGTH);
    this.connections.set(region.code, {
      clientId: checkedClientId,
      accepted: !/wrong/i.test(checkedSecret)
    });
    this.lacksTokenAccess ||= /no-token-access/i.test(checkedSecret);
    return {
      ...this.statusOf(region),
      connected: true,
      clientIdHint: maskClientId(checkedClientId),
      message: `Saved the client id and secret for ${connectionName(region)}. Use Test connection to check that WalkMe accepts them.`
    };
  }

  testConnection(regionCode: string | undefined): ConnectionStatus {
    const region = this.connectionRegion(regionCode);
    const stored = this.connections.get(region.code);
    if (!stored) {
      // The callout finds no credentials; the status then says the region is not connected.
      return {
        ...this.statusOf(region),
        connected: false,
        testSucceeded: false,
        failureReason: 'CONFIGURATION',
        message: this.notConnected(region)
      };
    }
    const connected = {
      ...this.statusOf(region),
      connected: true,
      clientIdHint: maskClientId(stored.clientId),
      ...this.missingAccess()
    };
    if (this.lacksTokenAccess) {
      // InsightsConnectionMessages.unreachable: the platform makes no call without a token.
      return {
        ...connected,
        testSucceeded: false,
        failureReason: 'CONFIGURATION',
        message: `Could not call ${connectionName(region)}: We couldn't access the credential(s). You might not have the required permissions. Check that you have the Insights Sync Admin permission set and that the Named Credential ${region.credential} is enabled for callouts.`
      };
    }
    stored.refused = !stored.accepted;
    if (!stored.accepted) {
      return {
        ...connected,
        testSucceeded: false,
        credentialsRefused: true,
        failureReason: 'CREDENTIALS',
        message: `Test of ${connectionName(region)} failed: ${sentence(this.refusedMessage(region))}`
      };
    }
    const tagged = this.taggedReports().length;
    const accepted = `WalkMe accepted the connection to ${connectionName(region)}`;
    return {
      ...connected,
      testSucceeded: true,
      reportCount: tagged,
      message:
        tagged === 0
          ? `${accepted}, but no report is tagged ${SALESFORCE_TAG} yet. Tag a report in Insights to offer it in Insights Sync.`
          : `${accepted}: ${tagged}${tagged === 1 ? ' report is' : ' reports are'} tagged for Salesforce.`
    };
  }

  disconnect(regionCode: string | undefined): ConnectionStatus {
    const region = this.connectionRegion(regionCode);
    const status = { ...this.statusOf(region), connected: false };
    if (!this.connections.delete(region.code)) {
      return {
        ...status,
        message: `${connectionName(region)} was not connected; there was nothing to remove.`
      };
    }
    return {
      ...status,
      message: `Disconnected ${connectionName(region)}: its client id and secret are deleted and Insights Sync can no longer call it. Integrations that use this region fail until you connect it again.`
    };
  }

  getEnvironment(): InsightsSync.ConsoleEnvironment {
    return cloned(ENVIRONMENT);
  }

  // IntegrationController: reading

  getIntegrations(): InsightsSync.IntegrationRow[] {
    return this.rowsOf(
      this.sortedIntegrations().filter((definition) => definition.state !== 'Archived')
    );
  }

  /** The archived integrations only, as the list shows them with "Show archived". */
  getArchivedIntegrations(): InsightsSync.IntegrationRow[] {
    return this.rowsOf(
      this.sortedIntegrations().filter((definition) => definition.state === 'Archived')
    );
  }

  private rowsOf(definitions: Definition[]): InsightsSync.IntegrationRow[] {
    const now = this.now();
    return definitions.map((definition) => {
      const lastRun = this.runs.find((run) =>
        sameName(run.integrationName, definition.developerName)
      );
      const schedule = describeSchedule(definition, now);
      const saver = this.savers.get((definition.developerName ?? '').toLowerCase());
      return withoutEmptyMembers({
        developerName: definition.developerName ?? '',
        label: isBlank(definition.label) ? (definition.developerName ?? '') : definition.label,
        reportId: definition.reportId,
        reportName: definition.reportName,
        sourceType: definition.sourceType,
        connectionRegion: definition.connectionRegion,
        targetObject: definition.targetObject,
        frequency: definition.frequency,
        scheduleText: schedule.scheduleText,
        state: definition.state,
        nextRunAt: schedule.nextRunAt,
        lastRun: lastRun ? withOutcome(cloned(lastRun)) : undefined,
        problem: schedule.problem,
        savedById: saver?.id,
        savedByName: saver?.name
      });
    });
  }

  getIntegration(developerName: string | undefined): Definition {
    return cloned(this.requireIntegration(developerName));
  }

  getReports(regionCode: string | undefined): InsightsSync.InsightsReport[] {
    if (isBlank(regionCode)) {
      throw new Error('Choose the Insights connection (region) whose reports you want to see.');
    }
    this.checkSource(regionFor(regionCode));
    return cloned(this.taggedReports());
  }

  getCsvCredentials(): InsightsSync.CsvCredentialOption[] {
    return csvCredentials();
  }

  readCsvSample(
    namedCredential: string | undefined,
    filePath: string | undefined
  ): InsightsSync.CsvExportSample {
    return readCsvSample(namedCredential, filePath);
  }

  getObjects(): InsightsSync.CatalogObject[] {
    return SAMPLE_OBJECTS.filter((object) => !targetObjectReason(object))
      .sort(
        (first, second) =>
          compareText(first.label.toLowerCase(), second.label.toLowerCase()) ||
          compareText(first.apiName, second.apiName)
      )
      .map(({ apiName, label, isCustom }) => ({ apiName, label, isCustom }));
  }

  describeObject(objectApiName: string | undefined): InsightsSync.ObjectDescription {
    const object = findObject(objectApiName);
    if (!object) {
      throw new Error(unknownObjectMessage(objectApiName));
    }
    const refusal = targetObjectRefusal(object);
    if (refusal) {
      throw new Error(`${refusal} Choose another object.`);
    }
    const catalogField = (field: SampleField): InsightsSync.CatalogField => ({
      apiName: field.apiName,
      label: field.label,
      type: field.type,
      length: field.length,
      precision: field.precision,
      scale: field.scale,
      picklistValues: field.picklistValues.map((entry) => ({ ...entry })),
      isRestrictedPicklist: field.isRestrictedPicklist,
      isKeyCandidate: field.isKeyCandidate,
      keyStrength: field.keyStrength,
      keyReason: field.keyReason,
      isCustom: field.isCustom
    });
    return {
      apiName: object.apiName,
      label: object.label,
      isUpdateable: true,
      fields: object.fields
        .filter((field) => field.updateable && !targetFieldReason(object.apiName, field))
        .sort(compareFields)
        .map(catalogField),
      keyFields: object.fields.filter(isUsableAsKey).sort(compareFields).map(catalogField)
    };
  }

  getCompatibility(): Record<string, string[]> {
    return compatibilityTable();
  }

  getTemplates(): InsightsSync.ReportTemplate[] {
    return allTemplates();
  }

  getFieldRequestText(templateKey: string | undefined, objectApiName: string | undefined): string {
    return fieldRequestText(templateKey, objectApiName);
  }

  // IntegrationController: saving and state changes (deployments)

  /** Validates like IntegrationValidator, then "deploys": the event follows a second later. */
  saveIntegration(definition: Definition | undefined): string {
    const received = withApexDefaults(definition);
    const problems = validateIntegration(received, this.integrations);
    if (received && problems.length === 0) {
      const target = findObject(received.targetObject);
      problems.push(...resetProblems(received, target));
      if (problems.length === 0) {
        const shared = sharedStampProblem(received, target, this.integrations);
        if (shared) {
          problems.push(shared);
        }
      }
    }
    if (
      received?.isNew === true &&
      this.integrations.some((candidate) =>
        sameName(candidate.developerName, received.developerName)
      )
    ) {
      problems.push(
        `An integration with the API name "${received.developerName?.trim()}" already exists ` +
          '(it may be archived). Choose another API name.'
      );
    }
    if (problems.length > 0) {
      throw new Error(problems.join('\n'));
    }
    const normalized = normalizeIntegration(received as Definition);
    return this.deploy(normalized.developerName as string, () => this.store(normalized));
  }

  pauseIntegration(developerName: string | undefined): string {
    return this.changeState(developerName, 'Paused');
  }

  archiveIntegration(developerName: string | undefined): string {
    return this.changeState(developerName, 'Archived');
  }

  resumeIntegration(developerName: string | undefined): string {
    const stored = this.requireIntegration(developerName);
    return this.saveIntegration({ ...cloned(stored), state: 'Active' });
  }

  /** As IntegrationStore.restore: archived ones only, validated again, saved Paused. */
  restoreIntegration(developerName: string | undefined): string {
    const stored = this.requireIntegration(developerName);
    if (stored.state !== 'Archived') {
      throw new Error(
        `The integration "${stored.developerName ?? ''}" is not archived (it is ` +
          `${isBlank(stored.state) ? 'blank' : stored.state}): only an archived integration can ` +
          'be restored.'
      );
    }
    return this.saveIntegration({ ...cloned(stored), state: 'Paused' });
  }

  // IntegrationController: Preview and Run Now

  previewIntegration(
    definition: Definition | undefined,
    maxRows: number | undefined
  ): InsightsSync.SyncPreviewResult {
    if (!definition) {
      throw new Error('There is no integration to preview.');
    }
    const rows =
      maxRows === undefined || maxRows === null || maxRows < 1
        ? DEFAULT_PREVIEW_ROWS
        : Math.min(maxRows, MAX_PREVIEW_ROWS);
    const received = withApexDefaults(definition) as Definition;
    const plan = this.planFor(planSync(received));
    const reset = resetPlan(plan, this.integrations);
    const pages = this.reportPages(received);
    const first = pages[0] ?? { columns: [], rows: [] };
    const outcome = processPage(
      plan,
      { columns: first.columns, rows: first.rows.slice(0, rows) },
      { firstRowNumber: 1, seenKeys: new Set(), dryRun: true }
    );
    const result = previewResult(outcome, first.rows.length > rows || pages.length > 1);
    if (reset) {
      // SyncService.previewReset: one COUNT of the records stamped earlier that no row read matches.
      const matched = new Set(
        outcome.previewRows
          .filter((row) => row.recordId && (row.problems ?? []).length === 0)
          .map((row) => String(row.recordId))
      );
      result.recordsToReset = countOlderThan(
        plan.object.records,
        reset,
        this.now().toISOString(),
        matched
      );
      result.resetFields = [...reset.valuesByField.keys()].map(
        (field) => `${plan.object.apiName}.${field}`
      );
    }
    return result;
  }

  /** Queues a manual run; the job starts it, reads page by page and finishes it. */
  runNow(developerName: string | undefined): string {
    const definition = this.integrations.find((candidate) =>
      sameName(candidate.developerName, developerName)
    );
    if (!definition || definition.state === 'Archived') {
      throw new Error(
        `There is no integration named "${developerName ?? 'null'}" (or it is archived).`
      );
    }
    const open = this.runs.some(
      (run) =>
        sameName(run.integrationName, definition.developerName) &&
        (run.status === 'Queued' || run.status === 'Running')
    );
    if (open) {
      throw new Error(
        `"${definition.label ?? 'null'}" is already queued or running. Open its Log to follow the run.`
      );
    }
    // SyncService.runNow: the run executes as the user who pressed Run Now, so it is checked
    // against their access (the preview's user has all of it) before anything is queued.
    try {
      planSync(definition);
    } catch (refused) {
      const reasons = refused instanceof PreflightError ? refused.message : String(refused);
      throw new Error(
        `Run Now runs as you, and "${definition.label ?? 'null'}" cannot run with your access as ` +
          `the org is now, so nothing was queued:\n${reasons}`
      );
    }
    this.runNumber += 1;
    const queuedAt = this.now();
    const run: InsightsSync.RunSummary = withoutEmptyMembers({
      id: `run-${this.runNumber}`,
      name: `RUN-${String(this.runNumber).padStart(6, '0')}`,
      integrationName: definition.developerName,
      integrationLabel: definition.label,
      reportName: definition.reportName,
      objectName: definition.targetObject,
      triggerType: 'Manual',
      status: 'Queued',
      queuedAt: queuedAt.toISOString(),
      ...NO_COUNTS,
      // Run Now runs as the user who pressed it.
      startedById: USER_ID,
      startedByName: USER_NAME
    });
    this.runs.unshift(run);
    this.runDetails[run.id] = {
      run,
      stepLog: utcLine(queuedAt, `Queued (Manual run, by ${USER_NAME})`),
      issues: [],
      hasMoreIssues: false
    };
    this.later(() => this.startRun(run.id), RUN_START_MS);
    return run.id;
  }

  // IntegrationController: where saves are reported

  /** The channel and payload keys of `Integration_Saved__e` (describe, in the Apex). */
  getSaveEventChannel(): InsightsSync.SaveEventChannel {
    return { ...SAVE_EVENT_NAMES };
  }

  // IntegrationController: the dispatcher

  getSchedulerStatus(): InsightsSync.SchedulerStatus {
    const scheduledAt = this.dispatcherScheduledAt;
    if (!scheduledAt) {
      return { scheduled: false };
    }
    const now = this.now();
    const next = nextFullHour(now);
    const previous = new Date(next.getTime() - 3_600_000);
    return withoutEmptyMembers({
      scheduled: true,
      jobId: '08e5g00000DISP1AAA',
      nextFireTime: next.toISOString(),
      previousFireTime: previous > scheduledAt ? previous.toISOString() : undefined,
      state: 'WAITING',
      scheduledBy: USER_NAME,
      scheduledAt: scheduledAt.toISOString()
    });
  }

  /** Schedules the hourly dispatcher unless it is scheduled already. */
  scheduleDispatcher(): InsightsSync.SchedulerStatus {
    this.dispatcherScheduledAt ??= this.now();
    return this.getSchedulerStatus();
  }

  /**
   * Unschedules the dispatcher (and the log purge, which the preview org does not schedule);
   * unscheduling when nothing is scheduled is no error, as in the Apex.
   */
  unscheduleJobs(): InsightsSync.SchedulerStatus {
    this.dispatcherScheduledAt = undefined;
    this.purgeScheduled = false;
    return this.getSchedulerStatus();
  }

  // SettingsController

  getSettings(): InsightsSync.ConsoleSettings {
    const dispatcher = this.getSchedulerStatus();
    return withoutEmptyMembers({
      ...this.settings,
      dispatcherScheduled: dispatcher.scheduled,
      dispatcherNextFireTime: dispatcher.nextFireTime,
      dispatcherScheduledBy: dispatcher.scheduledBy,
      purgeScheduled: this.purgeScheduled,
      maxLogRetentionDays: MAX_LOG_RETENTION_DAYS,
      maxFailureEmailRecipients: MAX_FAILURE_EMAIL_RECIPIENTS,
      problems: []
    });
  }

  /** Saves the org default after the checks of the Apex; nothing is saved when one fails. */
  saveSettings(
    logRetentionDays: number | undefined,
    failureEmailRecipients: string | undefined,
    alertOnCompletedWithErrors: boolean | undefined
  ): InsightsSync.ConsoleSettings {
    this.settings = checkedSettings(
      logRetentionDays,
      failureEmailRecipients,
      alertOnCompletedWithErrors
    );
    return this.getSettings();
  }

  /** The three values as saved, for the preview to keep across a reload. */
  storedSettings(): StoredSettings {
    return { ...this.settings };
  }

  scheduleJob(job: string | undefined): InsightsSync.ConsoleSettings {
    if (job === 'dispatcher') {
      this.scheduleDispatcher();
    } else if (job === 'purge') {
      this.purgeScheduled = true;
    } else {
      throw new Error(unknownJobMessage(job));
    }
    return this.getSettings();
  }

  unscheduleJob(job: string | undefined): InsightsSync.ConsoleSettings {
    if (job === 'dispatcher') {
      this.dispatcherScheduledAt = undefined;
    } else if (job === 'purge') {
      this.purgeScheduled = false;
    } else {
      throw new Error(unknownJobMessage(job));
    }
    return this.getSettings();
  }

  // RunLogController

  getRuns(
    integrationName: string | undefined,
    maxRuns: number | undefined
  ): InsightsSync.RunSummary[] {
    const limit =
      typeof maxRuns === 'number' && maxRuns >= 1 ? Math.min(maxRuns, MAX_RUNS) : DEFAULT_MAX_RUNS;
    // RunSummary.forRun gives every run its outcome, in progress or not.
    return cloned(
      this.runs
        .filter((run) => isBlank(integrationName) || sameName(run.integrationName, integrationName))
        .slice(0, limit)
    ).map(withOutcome);
  }

  getRunDetail(runId: string | undefined): InsightsSync.RunDetail {
    if (isBlank(runId)) {
      throw new Error('Choose a run to show its log.');
    }
    const detail = this.runDetails[runId];
    if (!detail) {
      throw new Error(
        `This run is no longer in the log: runs are kept for a number of days (${LOG_RETENTION_DAYS} unless your admin changed it) and then deleted. Refresh the log to see the runs it holds.`
      );
    }
    return { ...cloned(detail), run: withOutcome(cloned(detail.run)) };
  }

  /** The records of an object as runs left them, for tests and the curious. */
  recordsOf(objectApiName: string): SampleRecord[] {
    return cloned(this.recordsByObject.get(findObject(objectApiName)?.apiName ?? '') ?? []);
  }

  // The org's inner workings

  private statusOf(region: Region): ConnectionStatus {
    return {
      regionCode: region.code,
      regionLabel: region.label,
      host: region.host,
      connected: false,
      credentialsRefused: false
    };
  }

  /** InsightsConnectionStatus.missingAccess after a test: absent when granted. */
  private missingAccess(): Pick<ConnectionStatus, 'missingAccess'> {
    return this.lacksTokenAccess ? { missingAccess: MISSING_TOKEN_ACCESS } : {};
  }

  private notConnected(region: Region): string {
    return `${connectionName(region)} is not connected. Enter the client id and secret of a WalkMe API key for this region.`;
  }

  /** InsightsConnectionService.regionFor. */
  private connectionRegion(regionCode: string | undefined): Region {
    if (isBlank(regionCode)) {
      throw new Error(
        `Region is required. Choose one of: ${REGIONS.map((region) => region.code).join(', ')}.`
      );
    }
    return regionFor(regionCode);
  }

  private refusedMessage(region: Region): string {
    return `Insights (${region.label}) did not accept the credentials (HTTP 401: invalid_client). Reconnect the Insights account for region ${region.code} in the Insights Sync console (Connect) with the client id and secret of a valid WalkMe API key.`;
  }

  /** Why a callout through the region's Named Credential fails, or nothing when it works. */
  private sourceFailure(region: Region): string | undefined {
    const stored = this.connections.get(region.code);
    if (!stored) {
      return `Insights (${region.label}) could not be called (Salesforce said: We couldn't access the credential(s). You might not have the required permissions, or the external credential might not exist.). Check in Setup that the Named Credential ${region.credential} is enabled, that the Insights account for region ${region.code} is connected in the Insights Sync console, and that the running user has the Insights Sync Admin permission set.`;
    }
    return stored.accepted ? undefined : this.refusedMessage(region);
  }

  /** SyncRunJob.rememberCredentials: what WalkMe said about the region's stored credentials. */
  private rememberCredentials(definition: Definition): void {
    if (definition.sourceType === 'CSV Export') {
      return;
    }
    const stored = this.connections.get(regionFor(definition.connectionRegion).code);
    if (stored && !this.lacksTokenAccess) {
      stored.refused = !stored.accepted;
    }
  }

  private checkSource(region: Region): void {
    const failure = this.sourceFailure(region);
    if (failure) {
      throw new Error(failure);
    }
  }

  private taggedReports(): InsightsSync.InsightsReport[] {
    return SAMPLE_REPORTS.filter((report) =>
      report.tags.some((tag) => tag.trim().toLowerCase() === SALESFORCE_TAG)
    );
  }

  /** The pages `readPage` would return for the definition's report, or why it cannot. */
  private reportPages(definition: Definition): readonly ReportPageData[] {
    if (definition.sourceType === 'CSV Export') {
      // ReportSources refuses the credential first (CsvCredentialName.require), then reads the
      // file with the column types the mappings declare, as the Apex does.
      const columnTypes = new Map<string, string>();
      for (const mapping of definition.mappings ?? []) {
        if (mapping.column && mapping.columnType) {
          columnTypes.set(mapping.column.toLowerCase(), mapping.columnType.toLowerCase());
        }
      }
      return csvReportPages(definition.csvNamedCredential, definition.csvFilePath, columnTypes);
    }
    const region = regionFor(definition.connectionRegion);
    this.checkSource(region);
    const reportId = definition.reportId ?? '';
    const pages = SAMPLE_REPORT_PAGES[reportId];
    if (!pages) {
      throw new Error(
        `Insights (${region.label}) has no report "${reportId}" (HTTP 404: report_not_found, Report ${reportId} does not exist). It may have been deleted or renamed; choose the report again in the integration.`
      );
    }
    return pages;
  }

  /** The plan over this org's records (runs change them). */
  private planFor(plan: SyncPlan): SyncPlan {
    const records = this.recordsByObject.get(plan.object.apiName) ?? [];
    return { ...plan, object: { ...plan.object, records } };
  }

  private sortedIntegrations(): Definition[] {
    const keyOf = (definition: Definition): string =>
      `${isBlank(definition.label) ? definition.developerName : definition.label}\n${definition.developerName}`.toLowerCase();
    return [...this.integrations].sort((first, second) => compareText(keyOf(first), keyOf(second)));
  }

  private requireIntegration(developerName: string | undefined): Definition {
    const found = isBlank(developerName)
      ? undefined
      : this.integrations.find((candidate) => sameName(candidate.developerName, developerName));
    if (!found) {
      throw new Error(`There is no integration with the API name "${developerName ?? 'null'}".`);
    }
    return found;
  }

  private store(definition: Definition): void {
    // IntegrationStore records who saved: scheduled runs are held to that user's access.
    this.savers.set((definition.developerName ?? '').toLowerCase(), {
      id: USER_ID,
      name: USER_NAME
    });
    const index = this.integrations.findIndex((candidate) =>
      sameName(candidate.developerName, definition.developerName)
    );
    if (index < 0) {
      this.integrations.push(cloned(definition));
    } else {
      this.integrations[index] = cloned(definition);
    }
  }

  private changeState(developerName: string | undefined, state: string): string {
    const stored = this.requireIntegration(developerName);
    return this.deploy(stored.developerName as string, () => {
      stored.state = state;
    });
  }

  /** A Metadata API deployment: its job id now, the change and Integration_Saved__e later. */
  private deploy(developerName: string, apply: () => void): string {
    this.deployments += 1;
    const jobId = `0Af5g00000D${String(this.deployments).padStart(4, '0')}AAA`;
    this.later(() => {
      apply();
      this.publish(SAVED_CHANNEL, {
        [SAVE_EVENT_NAMES.developerNameField]: developerName,
        [SAVE_EVENT_NAMES.deployJobIdField]: jobId,
        [SAVE_EVENT_NAMES.successField]: true,
        [SAVE_EVENT_NAMES.messageField]: `The integration "${developerName}" is saved.`
      });
    }, DEPLOY_MS);
    return jobId;
  }

  private step(runId: string, message: string): void {
    const detail = this.runDetails[runId];
    const line = utcLine(this.now(), message);
    detail.stepLog = detail.stepLog ? `${detail.stepLog}\n${line}` : line;
  }

  /** The job picks the run up: it checks the integration and reads the first page. */
  private startRun(runId: string): void {
    const detail = this.runDetails[runId];
    const definition = this.integrations.find((candidate) =>
      sameName(candidate.developerName, detail.run.integrationName)
    );
    if (!definition || definition.state === 'Archived') {
      this.finishRun(
        runId,
        `The integration "${detail.run.integrationName ?? 'null'}" no longer exists or is archived.`
      );
      return;
    }
    let plan: SyncPlan;
    let reset: ResetPlan | undefined;
    let pages: ReportPageData[];
    try {
      plan = this.planFor(planSync(definition));
      reset = resetPlan(plan, this.integrations);
    } catch (refused) {
      const reasons = refused instanceof PreflightError ? refused.message : String(refused);
      this.finishRun(
        runId,
        `The integration no longer fits this org, so nothing was written:\n${reasons}`
      );
      return;
    }
    this.rememberCredentials(definition);
    try {
      pages = this.pagesOfSize(
        this.reportPages(definition),
        definition.pageSize ?? DEFAULT_PAGE_SIZE
      );
    } catch (unreadable) {
      this.finishRun(runId, `Reading page 1 failed: ${(unreadable as Error).message}`);
      return;
    }
    detail.run.status = 'Running';
    detail.run.startedAt = this.now().toISOString();
    // An AsyncApexJob id, one per run.
    this.step(runId, `Started (job 7075g00000J${detail.run.name.slice(-4)}AAA)`);
    // SyncRunJob: a run executes only as the user who started it.
    this.step(runId, `Runs as ${detail.run.startedByName ?? USER_NAME}.`);
    this.readPage(runId, definition, plan, pages, 0, {
      seenKeys: new Set(),
      nextRowNumber: 1,
      reset,
      // The run's start, to the whole second: the stamp of the records it matches.
      stampTime: wholeSeconds(new Date(detail.run.startedAt))
    });
  }

  /** Insights pages hold at most the integration's page size. */
  private pagesOfSize(pages: readonly ReportPageData[], pageSize: number): ReportPageData[] {
    return pages.flatMap((page) => {
      const chunks: ReportPageData[] = [];
      for (let start = 0; start < page.rows.length || start === 0; start += pageSize) {
        chunks.push({ columns: page.columns, rows: page.rows.slice(start, start + pageSize) });
      }
      return chunks;
    });
  }

  private readPage(
    runId: string,
    definition: Definition,
    plan: SyncPlan,
    pages: ReportPageData[],
    index: number,
    progress: {
      seenKeys: Set<string>;
      nextRowNumber: number;
      reset?: ResetPlan;
      stampTime: string;
    }
  ): void {
    this.later(() => {
      if (index > 0) {
        // Each page is a callout of its own: a region disconnected meanwhile fails the run.
        const failure = this.sourceFailure(regionFor(definition.connectionRegion));
        if (failure) {
          this.finishRun(runId, `Reading page ${index + 1} failed: ${failure}`);
          return;
        }
      }
      const outcome = processPage(plan, pages[index], {
        firstRowNumber: progress.nextRowNumber,
        seenKeys: progress.seenKeys,
        dryRun: false,
        stamp: progress.reset
          ? { field: progress.reset.stampField, time: progress.stampTime }
          : undefined
      });
      progress.nextRowNumber += pages[index].rows.length;
      this.recordPage(runId, outcome);
      if (index + 1 < pages.length) {
        this.readPage(runId, definition, plan, pages, index + 1, progress);
      } else {
        if (progress.reset) {
          this.resetStaleValues(runId, plan, progress.reset, progress.stampTime);
        }
        this.finishRun(runId);
      }
    }, RUN_PAGE_MS);
  }

  /** SyncRunLog.recordPage: the page's counts added to the run, its issues kept. */
  private recordPage(runId: string, outcome: PageOutcome): void {
    const detail = this.runDetails[runId];
    const run = detail.run;
    run.pagesRead += 1;
    run.rowsRead += outcome.rowsRead;
    run.rowsMatched += outcome.rowsMatched;
    run.recordsUpdated += outcome.recordsUpdated;
    run.recordsUnchanged += outcome.recordsUnchanged;
    run.rowsUnmatched += outcome.rowsUnmatched;
    run.rowsSkipped += outcome.rowsSkipped;
    run.recordsFailed += outcome.recordsFailed;
    run.valueIssues += outcome.valueIssues;
    run.issueCount += outcome.issues.length;
    this.step(runId, `Page ${run.pagesRead}: ${countsText(outcome, outcome.issues.length)}.`);
    const stored = detail.issues.length;
    detail.issues = [
      ...detail.issues,
      ...outcome.issues.map((issue, index) =>
        runIssue(`${runId}-issue-${stored + index + 1}`, issue)
      )
    ]
      // Report order: by row, issues of no row last (stable, so each row keeps its order).
      .sort((first, second) => rowOrder(first) - rowOrder(second));
  }

  /** SyncRunJob.resetStaleValues: after a run without errors only (the preview's one chunk). */
  private resetStaleValues(runId: string, plan: SyncPlan, reset: ResetPlan, cutoff: string): void {
    const detail = this.runDetails[runId];
    const run = detail.run;
    const errorIssue = detail.issues.some((issue) => issue.severity === 'Error');
    if (run.recordsFailed + run.valueIssues > 0 || errorIssue) {
      this.step(
        runId,
        'Reset of values that left the report skipped: this run had errors, so a record the ' +
          'report still has may have missed its stamp. The next run without errors resets the ' +
          'records stamped before it.'
      );
      return;
    }
    const outcome = resetOlderThan(plan.object.records, reset, cutoff);
    this.recordsReset.set(runId, outcome.reset);
    this.step(
      runId,
      `Reset of values that left the report: ${outcome.found} ${plan.object.apiName} records ` +
        `stamped before this run by ${reset.stampField}; ${outcome.reset} reset ` +
        `(${[...reset.valuesByField.keys()].join(', ')}), 0 failed, 0 locked (the next run ` +
        'tries them again).'
    );
  }

  /** SyncRunLog.finish: status, runtime and the last step line. */
  private finishRun(runId: string, errorSummary?: string): void {
    const detail = this.runDetails[runId];
    const run = detail.run;
    const finishedAt = this.now();
    run.finishedAt = finishedAt.toISOString();
    if (run.startedAt) {
      run.runtimeMs = Math.max(0, finishedAt.getTime() - Date.parse(run.startedAt));
    }
    if (errorSummary) {
      run.status = 'Failed';
      run.errorSummary = errorSummary.trim();
    } else {
      const errorIssue = detail.issues.some((issue) => issue.severity === 'Error');
      run.status =
        run.recordsFailed + run.valueIssues > 0 || errorIssue
          ? 'Completed with errors'
          : 'Completed';
    }
    // RunSummary.forRun: the outcome and warning the console shows.
    Object.assign(run, withOutcome(run));
    const reset = this.recordsReset.get(runId) ?? 0;
    const resetText = reset > 0 ? `; ${reset} records reset (left the report)` : '';
    const totals = `${countsText(run, run.issueCount)}; pages ${run.pagesRead}${resetText}.`;
    const reason = errorSummary ? ` (${abbreviate(errorSummary.trim(), 500)})` : '';
    const warning = warningOf(run);
    this.step(
      runId,
      `Finished: ${labelOf(run) ?? ''}${reason}. ${warning ? `${warning} ` : ''}` +
        `${totals.charAt(0).toUpperCase()}${totals.slice(1)}`
    );
  }
}

function rowOrder(issue: InsightsSync.RunIssue): number {
  return issue.rowNumber ?? Number.MAX_SAFE_INTEGER;
}

/**
 * The definition as the Apex receives it: Lightning builds the IntegrationDefinition with its
 * no-argument constructor (Insights API, daily at 08:00 UTC, active, update all, leave blanks)
 * and sets the members the console sent, so a member left out keeps its default.
 */
function withApexDefaults(definition: Definition | undefined): Definition | undefined {
  if (!definition) {
    return undefined;
  }
  const sent = Object.fromEntries(
    Object.entries(definition).filter(([, value]) => value !== undefined)
  ) as Definition;
  return {
    mappings: [],
    sourceType: 'Insights API',
    scheduleTimeUtc: '08:00',
    frequency: 'Daily',
    state: 'Active',
    matchPolicy: 'Update all',
    blankValuePolicy: 'Leave as is',
    ...sent
  };
}

/** Apex String.abbreviate. */
function abbreviate(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}

/** A stored row issue (Sync_Run_Issue__c) as Show log lists it. */
function runIssue(id: string, issue: SyncIssue): InsightsSync.RunIssue {
  return withoutEmptyMembers({
    id,
    rowNumber: issue.rowNumber,
    key: issue.key,
    recordId: issue.recordId,
    severity: issue.severity,
    statusCode: issue.statusCode,
    message: issue.message,
    field: issue.field
  });
}

/** InsightsConnectionService.requiredValue: present, not too long, no spaces. */
function requiredValue(fieldLabel: string, value: string | undefined, maxLength: number): string {
  if (isBlank(value)) {
    throw new Error(`${fieldLabel} is required. Copy it from the WalkMe API key of this region.`);
  }
  const trimmed = value.trim();
  if (trimmed.length > maxLength) {
    throw new Error(
      `${fieldLabel} is longer than ${maxLength} characters. Paste only the ${fieldLabel.toLowerCase()} of the WalkMe API key.`
    );
  }
  if (/\s/.test(trimmed)) {
    throw new Error(`${fieldLabel} contains spaces or line breaks. Paste it again without them.`);
  }
  return trimmed;
}
