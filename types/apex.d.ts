/**
 * Types of the Apex methods the console calls: one module per `@salesforce/apex/<Class>.<method>`
 * import of an `@AuraEnabled` method of the console's controllers, and the shapes they exchange in
 * the global namespace `InsightsSync` (one interface per Apex class, members as its `@AuraEnabled`
 * members). scripts/tests/apex-types.test.ts fails when a module, a parameter or a member does not
 * match the Apex.
 *
 * How Apex values arrive: Id and String as string; Integer, Long, Decimal and Double as number;
 * Boolean as boolean; Date and Datetime as ISO-8601 strings (Datetime in UTC, e.g.
 * `2026-11-25T08:00:00.000Z`); lists as arrays; `Map<String, X>` as an object. A member Apex may
 * leave null is optional here: Lightning leaves null members out of the JSON.
 *
 * Imperative calls pass the parameters as one object keyed by the Apex parameter names:
 * `getIntegration({ developerName: 'Lead_Logins' })`. Cacheable methods (marked so below) can
 * also be wired with `@wire`.
 */

declare namespace InsightsSync {
  // ConnectionController

  /** InsightsConnectionStatus: one region's connection. Never holds the client secret. */
  interface InsightsConnectionStatus {
    /** `US`, `EU`, `CA` or `FEDRAMP`. */
    regionCode: string;
    regionLabel: string;
    host: string;
    connected: boolean;
    /** `••••` and the last four characters of the stored client id. */
    clientIdHint?: string;
    /** A sentence for the admin: the state, or what went wrong and what to do. */
    message?: string;
    /** The result of a test made in this request; absent when none was made. */
    testSucceeded?: boolean;
    reportCount?: number;
    /**
     * Whether WalkMe refused the stored client id and secret (HTTP 401/403) at the test made in
     * this request or, without one, at the last test or run: the region holds credentials
     * (`connected`) but cannot be read from until it is connected again.
     */
    credentialsRefused?: boolean;
    /** A ReportSourceException.Reason name or `PRINCIPAL_ACCESS`. */
    failureReason?: string;
    /**
     * After a test: what the user must be granted for any callout (Modify All Records on User
     * External Credentials), as a sentence; absent when nothing is missing or no test was made.
     */
    missingAccess?: string;
  }

  /** ConsoleEnvironment: the org the console runs in. */
  interface ConsoleEnvironment {
    organizationName: string;
    instanceName?: string;
    isSandbox: boolean;
    /** `Sandbox` or `Production`. */
    environmentType: string;
    userName: string;
  }

  // IntegrationController

  /** IntegrationRow: one row of the console's integration list. */
  interface IntegrationRow {
    developerName: string;
    label: string;
    reportId?: string;
    reportName?: string;
    /** `Insights API` or `CSV Export`. */
    sourceType?: string;
    connectionRegion?: string;
    targetObject?: string;
    /** `Daily`, `Hourly` or `Weekly`. */
    frequency?: string;
    /** `Daily at 08:00 UTC`, `Hourly, on the hour`, `Weekly on Monday at 06:00 UTC`. */
    scheduleText?: string;
    /** `Active`, `Paused` or `Archived`. */
    state?: string;
    /** When the schedule runs it next (UTC); absent unless it is active. */
    nextRunAt?: string;
    /** Its latest scheduled or manual run; absent when it never ran. */
    lastRun?: RunSummary;
    /** Why its stored settings cannot be used; absent when they can. */
    problem?: string;
    /**
     * The user who last saved it: its scheduled runs (which run as whoever scheduled the
     * dispatcher) write nothing this user may not edit. Absent when nobody is recorded.
     */
    savedById?: string;
    /** That user's name; absent when nobody is recorded or the viewer cannot see the user. */
    savedByName?: string;
  }

  /** IntegrationDefinition: an integration as the wizard reads, edits and saves it. */
  interface IntegrationDefinition {
    developerName?: string;
    label?: string;
    reportId?: string;
    reportName?: string;
    /** `Insights API` or `CSV Export`. */
    sourceType?: string;
    connectionRegion?: string;
    csvNamedCredential?: string;
    csvFilePath?: string;
    targetObject?: string;
    reportKeyColumn?: string;
    /** The key column's type (`string`, `date`…): the save refuses a pair that cannot match. Not stored. */
    reportKeyColumnType?: string;
    objectKeyField?: string;
    mappings?: FieldMapping[];
    /** `HH:mm` in UTC. */
    scheduleTimeUtc?: string;
    /** `Daily`, `Hourly` or `Weekly`. */
    frequency?: string;
    /** `Monday` … `Sunday`, for weekly runs. */
    scheduleWeekday?: string;
    /** `Active`, `Paused` or `Archived`. */
    state?: string;
    /** `Update all` or `Skip and report`. */
    matchPolicy?: string;
    /** `Leave as is` or `Clear`. */
    blankValuePolicy?: string;
    pageSize?: number;
    /**
     * Date/Time field of the target object every run stamps on the records it matches; blank
     * turns the reset of values that left the report off.
     */
    resetStampField?: string;
    /** `Clear` or `Set to value`: what the reset does to the mapped fields. */
    resetMode?: string;
    /** With `Set to value`: the value written, read as a report cell of each column's type. */
    resetValue?: string;
    /** True when the wizard creates it: the save refuses an API name already in use. */
    isNew?: boolean;
  }

  /** FieldMapping: one row of the mapping editor. */
  interface FieldMapping {
    column?: string;
    columnType?: string;
    field?: string;
    /** True: the field is written only on records where it is blank (never on a checkbox). */
    onlyWhenEmpty?: boolean;
  }

  /** InsightsReport: a report tagged for Salesforce. */
  interface InsightsReport {
    id: string;
    name: string;
    tags: string[];
    columns: ReportColumn[];
  }

  /** ReportColumn: a report column; `type` is one of the contract's column types. */
  interface ReportColumn {
    name: string;
    label: string;
    /** `string`, `number`, `integer`, `percent`, `boolean`, `date` or `datetime`. */
    type?: string;
  }

  /** CsvCredentialOption: a Named Credential a CSV export source may read through. */
  interface CsvCredentialOption {
    /** The name `callout:` takes, `ns__Name` for another package's credential. */
    apiName: string;
    label: string;
    endpoint?: string;
  }

  /** CsvExportSample: an export file's header, with proposed column types, and first rows. */
  interface CsvExportSample {
    filePath: string;
    columns: ReportColumn[];
    /** Cells in header order; an empty cell arrives as null. */
    rows: string[][];
    rowProblems: string[];
    hasMoreRows: boolean;
  }

  /** CatalogObject: an object the running user can update. */
  interface CatalogObject {
    apiName: string;
    label: string;
    isCustom: boolean;
  }

  /** ObjectDescription: an object's writable fields and key fields for the running user. */
  interface ObjectDescription {
    apiName: string;
    label: string;
    isUpdateable: boolean;
    fields: CatalogField[];
    keyFields: CatalogField[];
  }

  /** CatalogField: a field as the wizard and the mapping editor need it. */
  interface CatalogField {
    apiName: string;
    label: string;
    /** A `Schema.DisplayType` name, e.g. `EMAIL`, `DATETIME`, `DOUBLE`. */
    type: string;
    length: number;
    precision: number;
    scale: number;
    picklistValues: CatalogPicklistValue[];
    isRestrictedPicklist: boolean;
    isKeyCandidate: boolean;
    /** `identifying` (email, external id, unique, idLookup) or `weak`. */
    keyStrength?: string;
    /** `External ID`, `Unique`, `Email`, `ID lookup`, `Record ID`; or a weak key's warning. */
    keyReason?: string;
    isCustom: boolean;
  }

  /** CatalogPicklistValue: an active picklist value. */
  interface CatalogPicklistValue {
    value: string;
    label: string;
  }

  /** ReportTemplate: a ready-made template of an out-of-the-box Insights report. */
  interface ReportTemplate {
    key: string;
    name: string;
    reportName: string;
    description: string;
    columns: ReportColumn[];
    keyColumn: string;
    keyField: string;
    suggestedFields: SuggestedField[];
    keyFieldToCreate?: SuggestedField;
  }

  /** SuggestedField: a field a template suggests creating. */
  interface SuggestedField {
    column: string;
    apiName: string;
    label: string;
    /** The Metadata API field type: `DateTime`, `Number`, `Percent`, `Checkbox`… */
    fieldType?: string;
    length?: number;
    precision?: number;
    scale?: number;
    picklistValues: string[];
    isKeyField: boolean;
    helpText?: string;
  }

  /** SyncPreviewResult: what a Preview (dry run) found on the first rows. */
  interface SyncPreviewResult {
    rowsRead: number;
    rowsMatched: number;
    recordsToUpdate: number;
    recordsUnchanged: number;
    rowsUnmatched: number;
    rowsSkipped: number;
    valueIssues: number;
    rows: SyncPreviewRow[];
    unmatchedKeys: string[];
    problems: string[];
    hasMoreRows: boolean;
    /**
     * With the reset: the records carrying an older stamp that the rows read do not match (the
     * records a run now resets when the preview read the whole report; at most that many when
     * it did not). Absent without the reset.
     */
    recordsToReset?: number;
    /** The fields the reset clears or sets, as `Object.Field`. */
    resetFields?: string[];
  }

  /** SyncPreviewRow: a matched record and the changes a run would make to it. */
  interface SyncPreviewRow {
    rowNumber?: number;
    key?: string;
    recordId?: string;
    changes: SyncFieldChange[];
    problems: string[];
  }

  /** SyncFieldChange: one field's current value and the value a run would write. */
  interface SyncFieldChange {
    field: string;
    /** Whatever the field holds: text, number, boolean, an ISO date, or nothing. */
    before?: unknown;
    after?: unknown;
  }

  /**
   * SaveEventChannel: the channel of `Integration_Saved__e` and its payload keys as the org spells
   * them (`/event/ns__Integration_Saved__e`, `ns__Success__c` in a namespaced org).
   */
  interface SaveEventChannel {
    channel: string;
    developerNameField: string;
    deployJobIdField: string;
    successField: string;
    messageField: string;
  }

  /** SchedulerStatus: the hourly dispatcher's schedule. */
  interface SchedulerStatus {
    scheduled: boolean;
    jobId?: string;
    nextFireTime?: string;
    previousFireTime?: string;
    state?: string;
    scheduledBy?: string;
    scheduledAt?: string;
  }

  // SettingsController

  /** ConsoleSettings: the org-wide settings and the state of the package's two jobs. */
  interface ConsoleSettings {
    logRetentionDays: number;
    /** Separated by commas; empty when nobody is emailed. */
    failureEmailRecipients: string;
    alertOnCompletedWithErrors: boolean;
    dispatcherScheduled: boolean;
    dispatcherNextFireTime?: string;
    dispatcherScheduledBy?: string;
    purgeScheduled: boolean;
    maxLogRetentionDays: number;
    maxFailureEmailRecipients: number;
    problems: string[];
  }

  // RunLogController

  /** RunSummary: one run as the Log overlay and the Last Run column show it. */
  interface RunSummary {
    id: string;
    /** The run number, e.g. `RUN-000042`. */
    name: string;
    integrationName?: string;
    integrationLabel?: string;
    reportName?: string;
    objectName?: string;
    /** `Scheduled`, `Manual` or `Preview`. */
    triggerType?: string;
    /** `Queued`, `Running`, `Completed`, `Completed with errors` or `Failed`. */
    status?: string;
    /** The status as shown (RunOutcome.labelOf), e.g. `Completed · no record matched`. */
    outcome?: string;
    /** Why a completed run is a warning (RunOutcome.warningOf); absent when it is none. */
    warning?: string;
    queuedAt: string;
    startedAt?: string;
    finishedAt?: string;
    runtimeMs?: number;
    rowsRead: number;
    rowsMatched: number;
    recordsUpdated: number;
    recordsUnchanged: number;
    rowsUnmatched: number;
    rowsSkipped: number;
    recordsFailed: number;
    valueIssues: number;
    pagesRead: number;
    issueCount: number;
    errorSummary?: string;
    /** The user the run executes as: who pressed Run Now, or who scheduled the dispatcher. */
    startedById?: string;
    /** That user's name; absent when the viewer cannot see the user. */
    startedByName?: string;
  }

  /** RunDetail: one run with its step log and row issues (Show log). */
  interface RunDetail {
    run: RunSummary;
    /** A line a step: `yyyy-MM-dd HH:mm:ss UTC  message`. */
    stepLog?: string;
    issues: RunIssue[];
    hasMoreIssues: boolean;
  }

  /** RunIssue: a row issue of a run. */
  interface RunIssue {
    id: string;
    rowNumber?: number;
    /** Absent when withheld: the issue is about a record or key field the reader cannot see. */
    key?: string;
    /** Absent when withheld, as `key`. */
    recordId?: string;
    /** `Error`, `Warning` or `Info`. */
    severity?: string;
    statusCode?: string;
    /** RunIssueAccess.WITHHELD_MESSAGE when withheld. */
    message?: string;
    field?: string;
    /** Whether the key, the record and the message are withheld from the reader. */
    withheld?: boolean;
  }
}

// ConnectionController

/** Not cacheable: connection state is live. */
declare module '@salesforce/apex/ConnectionController.getConnections' {
  const getConnections: () => Promise<InsightsSync.InsightsConnectionStatus[]>;
  export default getConnections;
}

declare module '@salesforce/apex/ConnectionController.connect' {
  const connect: (params: {
    regionCode: string;
    clientId: string;
    clientSecret: string;
  }) => Promise<InsightsSync.InsightsConnectionStatus>;
  export default connect;
}

declare module '@salesforce/apex/ConnectionController.testConnection' {
  const testConnection: (params: {
    regionCode: string;
  }) => Promise<InsightsSync.InsightsConnectionStatus>;
  export default testConnection;
}

declare module '@salesforce/apex/ConnectionController.disconnect' {
  const disconnect: (params: {
    regionCode: string;
  }) => Promise<InsightsSync.InsightsConnectionStatus>;
  export default disconnect;
}

/** Cacheable. */
declare module '@salesforce/apex/ConnectionController.getEnvironment' {
  const getEnvironment: () => Promise<InsightsSync.ConsoleEnvironment>;
  export default getEnvironment;
}

// IntegrationController

/** Not cacheable: the list shows live run and save state. */
declare module '@salesforce/apex/IntegrationController.getIntegrations' {
  const getIntegrations: () => Promise<InsightsSync.IntegrationRow[]>;
  export default getIntegrations;
}

declare module '@salesforce/apex/IntegrationController.getIntegration' {
  const getIntegration: (params: {
    developerName: string;
  }) => Promise<InsightsSync.IntegrationDefinition>;
  export default getIntegration;
}

declare module '@salesforce/apex/IntegrationController.getReports' {
  const getReports: (params: { regionCode: string }) => Promise<InsightsSync.InsightsReport[]>;
  export default getReports;
}

/** Not cacheable: a Named Credential created in Setup a minute ago must show. */
declare module '@salesforce/apex/IntegrationController.getCsvCredentials' {
  const getCsvCredentials: () => Promise<InsightsSync.CsvCredentialOption[]>;
  export default getCsvCredentials;
}

declare module '@salesforce/apex/IntegrationController.readCsvSample' {
  const readCsvSample: (params: {
    namedCredential: string;
    filePath: string;
  }) => Promise<InsightsSync.CsvExportSample>;
  export default readCsvSample;
}

/** Not cacheable: objects and fields created a minute ago must show. */
declare module '@salesforce/apex/IntegrationController.getObjects' {
  const getObjects: () => Promise<InsightsSync.CatalogObject[]>;
  export default getObjects;
}

/** Not cacheable: objects and fields created a minute ago must show. */
declare module '@salesforce/apex/IntegrationController.describeObject' {
  const describeObject: (params: {
    objectApiName: string;
  }) => Promise<InsightsSync.ObjectDescription>;
  export default describeObject;
}

/** Cacheable. Column type => the `Schema.DisplayType` names it may be mapped to. */
declare module '@salesforce/apex/IntegrationController.getCompatibility' {
  const getCompatibility: () => Promise<Record<string, string[]>>;
  export default getCompatibility;
}

/** Cacheable. */
declare module '@salesforce/apex/IntegrationController.getTemplates' {
  const getTemplates: () => Promise<InsightsSync.ReportTemplate[]>;
  export default getTemplates;
}

declare module '@salesforce/apex/IntegrationController.getFieldRequestText' {
  const getFieldRequestText: (params: {
    templateKey: string;
    objectApiName: string;
  }) => Promise<string>;
  export default getFieldRequestText;
}

/** Resolves to the deployment job id; `Integration_Saved__e` says when the save finished. */
/** Cacheable: the names change only with the package. */
declare module '@salesforce/apex/IntegrationController.getSaveEventChannel' {
  const getSaveEventChannel: () => Promise<InsightsSync.SaveEventChannel>;
  export default getSaveEventChannel;
}

declare module '@salesforce/apex/IntegrationController.saveIntegration' {
  const saveIntegration: (params: {
    definition: InsightsSync.IntegrationDefinition;
  }) => Promise<string>;
  export default saveIntegration;
}

declare module '@salesforce/apex/IntegrationController.previewIntegration' {
  const previewIntegration: (params: {
    definition: InsightsSync.IntegrationDefinition;
    maxRows?: number;
  }) => Promise<InsightsSync.SyncPreviewResult>;
  export default previewIntegration;
}

/** Resolves to the queued run's id. */
declare module '@salesforce/apex/IntegrationController.runNow' {
  const runNow: (params: { developerName: string }) => Promise<string>;
  export default runNow;
}

/** Resolves to the deployment job id. */
declare module '@salesforce/apex/IntegrationController.pauseIntegration' {
  const pauseIntegration: (params: { developerName: string }) => Promise<string>;
  export default pauseIntegration;
}

/** Resolves to the deployment job id. */
declare module '@salesforce/apex/IntegrationController.resumeIntegration' {
  const resumeIntegration: (params: { developerName: string }) => Promise<string>;
  export default resumeIntegration;
}

/** Resolves to the deployment job id. */
declare module '@salesforce/apex/IntegrationController.archiveIntegration' {
  const archiveIntegration: (params: { developerName: string }) => Promise<string>;
  export default archiveIntegration;
}

/** Not cacheable, as getIntegrations: the archived integrations only, to restore them. */
declare module '@salesforce/apex/IntegrationController.getArchivedIntegrations' {
  const getArchivedIntegrations: () => Promise<InsightsSync.IntegrationRow[]>;
  export default getArchivedIntegrations;
}

/** Resolves to the deployment job id; the integration comes back Paused. */
declare module '@salesforce/apex/IntegrationController.restoreIntegration' {
  const restoreIntegration: (params: { developerName: string }) => Promise<string>;
  export default restoreIntegration;
}

declare module '@salesforce/apex/IntegrationController.getSchedulerStatus' {
  const getSchedulerStatus: () => Promise<InsightsSync.SchedulerStatus>;
  export default getSchedulerStatus;
}

declare module '@salesforce/apex/IntegrationController.scheduleDispatcher' {
  const scheduleDispatcher: () => Promise<InsightsSync.SchedulerStatus>;
  export default scheduleDispatcher;
}

/** Aborts the dispatcher and the log purge (found by their class); answers the status after. */
declare module '@salesforce/apex/IntegrationController.unscheduleJobs' {
  const unscheduleJobs: () => Promise<InsightsSync.SchedulerStatus>;
  export default unscheduleJobs;
}

// RunLogController

/** Not cacheable: call it again to refresh the log. */
declare module '@salesforce/apex/RunLogController.getRuns' {
  const getRuns: (params: {
    integrationName?: string;
    maxRuns?: number;
  }) => Promise<InsightsSync.RunSummary[]>;
  export default getRuns;
}

/** Not cacheable: a running run's log grows. */
declare module '@salesforce/apex/RunLogController.getRunDetail' {
  const getRunDetail: (params: { runId: string }) => Promise<InsightsSync.RunDetail>;
  export default getRunDetail;
}

// SettingsController

/** Not cacheable: another admin may change the settings or the jobs at any time. */
declare module '@salesforce/apex/SettingsController.getSettings' {
  const getSettings: () => Promise<InsightsSync.ConsoleSettings>;
  export default getSettings;
}

/** Refuses every value out of range at once, one a line; saves nothing then. */
declare module '@salesforce/apex/SettingsController.saveSettings' {
  const saveSettings: (params: {
    logRetentionDays: number;
    failureEmailRecipients: string;
    alertOnCompletedWithErrors: boolean;
  }) => Promise<InsightsSync.ConsoleSettings>;
  export default saveSettings;
}

/** `job`: `dispatcher` or `purge`. */
declare module '@salesforce/apex/SettingsController.scheduleJob' {
  const scheduleJob: (params: { job: string }) => Promise<InsightsSync.ConsoleSettings>;
  export default scheduleJob;
}

declare module '@salesforce/apex/SettingsController.unscheduleJob' {
  const unscheduleJob: (params: { job: string }) => Promise<InsightsSync.ConsoleSettings>;
  export default unscheduleJob;
}
