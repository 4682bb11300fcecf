import { LightningElement, api } from 'lwc';
import getEnvironment from '@salesforce/apex/ConnectionController.getEnvironment';
import getConnections from '@salesforce/apex/ConnectionController.getConnections';
import getIntegration from '@salesforce/apex/IntegrationController.getIntegration';
import getReports from '@salesforce/apex/IntegrationController.getReports';
import getObjects from '@salesforce/apex/IntegrationController.getObjects';
import describeObject from '@salesforce/apex/IntegrationController.describeObject';
import getCompatibility from '@salesforce/apex/IntegrationController.getCompatibility';
import saveIntegration from '@salesforce/apex/IntegrationController.saveIntegration';
import previewIntegration from '@salesforce/apex/IntegrationController.previewIntegration';
import {
  apexErrorMessages,
  asMessageItems,
  formatUtc,
  messageLines,
  readableErrors,
  type MessageItem
} from 'c/syncFormat';
import { isComplete } from 'c/mappingRules';
import {
  isSameJob,
  listenForSaves,
  type IntegrationSave,
  type StopListening
} from 'c/integrationSaves';
import type { CsvSourceChangeDetail } from 'c/csvSourcePicker';

type IntegrationDefinition = InsightsSync.IntegrationDefinition;
type FieldMapping = InsightsSync.FieldMapping;
type ConnectionStatus = InsightsSync.InsightsConnectionStatus;

/** The wizard's steps, in order. */
export type StepName = 'environment' | 'report' | 'mapping';

/** Detail of the `saved` event. */
export interface IntegrationSavedDetail {
  developerName: string;
  label: string;
}

/** Detail of c-mapping-editor's `mappingchange` event. */
interface MappingChangeDetail {
  mappings?: FieldMapping[];
  completeMappings?: FieldMapping[];
}

/** A region whose connection changed, as c-connection-panel's `connectionchange` says it. */
export interface ConnectionChange {
  regionCode: string;
  connected: boolean;
}

interface ComboboxOption {
  label: string;
  value: string;
}

interface StepHeader {
  name: StepName;
  number: number;
  label: string;
  className: string;
  ariaCurrent?: string;
  disabled: boolean;
  stateText: string;
  complete: boolean;
}

interface CountItem {
  key: string;
  label: string;
  value: string;
}

interface ChangeView {
  key: string;
  field: string;
  before: string;
  after: string;
}

interface PreviewRowView {
  key: string;
  rowKey: string;
  recordId: string;
  changes: ChangeView[];
  hasChanges: boolean;
  problems: MessageItem[];
  hasProblems: boolean;
}

/** The editor the mapping step embeds; `autoMap` proposes rows from names and labels. */
type MappingEditorElement = HTMLElement & { autoMap(): unknown };

/** Elements the wizard moves the focus to. */
type Focusable = HTMLElement & { focus(): void };

const STEPS: readonly { name: StepName; label: string }[] = [
  { name: 'environment', label: 'Environment' },
  { name: 'report', label: 'Report and object' },
  { name: 'mapping', label: 'Field mapping' }
];

const SOURCE_INSIGHTS_API = 'Insights API';
const SOURCE_CSV_EXPORT = 'CSV Export';
/** The report source choice, a sentence each (step 1). */
const SOURCE_OPTIONS: readonly ComboboxOption[] = [
  {
    value: SOURCE_INSIGHTS_API,
    label: 'Insights API: a report tagged for Salesforce, read through a connected region'
  },
  {
    value: SOURCE_CSV_EXPORT,
    label: "CSV export: the file WalkMe's scheduled export writes to your storage bucket"
  }
];
const STATE_ACTIVE = 'Active';
const MATCH_UPDATE_ALL = 'Update all';
const BLANK_LEAVE_AS_IS = 'Leave as is';
const FREQUENCY_DAILY = 'Daily';
const FREQUENCY_HOURLY = 'Hourly';
const FREQUENCY_WEEKLY = 'Weekly';
const DEFAULT_TIME = '08:00';
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Preview reads this many report rows: enough to judge a mapping, quick to answer. */
export const PREVIEW_ROWS = 50;
/** How long SAVE waits for Integration_Saved__e before saying the deployment is still running. */
export const SAVE_TIMEOUT_MS = 120_000;

/** Custom metadata labels and developer names take at most 40 characters. */
const MAX_NAME_LENGTH = 40;
const DEVELOPER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const TIME_OF_DAY = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const SAVING_TEXT = "Saving… deploying the integration's settings";

/** The mapping as the definition carries it: exactly column, columnType and field. */
function mappingOf(mapping: FieldMapping): FieldMapping {
  return { column: mapping.column, columnType: mapping.columnType, field: mapping.field };
}

/**
 * The API name Salesforce would suggest for a label: letters and digits kept (accents dropped),
 * every other run of characters one underscore, starting with a letter, at most 40 characters.
 */
export function apiNameFrom(label: string): string {
  const ascii = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  let name = ascii.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (name !== '' && !/^[A-Za-z]/.test(name)) {
    name = `X${name}`;
  }
  return name.slice(0, MAX_NAME_LENGTH).replace(/_+$/, '');
}

/** Why an API name cannot be saved, as IntegrationValidator decides it; '' when it can. */
function apiNameProblemOf(name: string): string {
  if (name === '') {
    return '';
  }
  if (
    name.length > MAX_NAME_LENGTH ||
    !DEVELOPER_NAME.test(name) ||
    name.includes('__') ||
    name.endsWith('_')
  ) {
    return (
      'Use letters, digits and single underscores, start with a letter, do not end with an ' +
      `underscore, and keep it to ${MAX_NAME_LENGTH} characters.`
    );
  }
  return '';
}

/** `08:00`, `08:00:00.000` (lightning-input type="time") → `08:00`; anything else as typed. */
function timeOfDay(value: string): string {
  const match = /^(\d{2}):(\d{2})/.exec(value.trim());
  return match ? `${match[1]}:${match[2]}` : value.trim();
}

/** A field value as Preview shows it: blanks named, datetimes in UTC. */
function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '(blank)';
  }
  if (typeof value === 'string') {
    return ISO_DATETIME.test(value) ? formatUtc(value) : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

function sameName(first: string | undefined, second: string | undefined): boolean {
  return (first ?? '').toLowerCase() === (second ?? '').toLowerCase();
}

/**
 * The New / Edit integration wizard of the console, in three steps: the environment and the
 * Insights connection, the report and object with their key pair and the schedule, and the
 * field mapping (c-mapping-editor) with Preview and SAVE. Its step headers and Back / Continue
 * move between the steps; a step opens only once the steps before it are complete.
 *
 * Saving is a Metadata API deployment: the wizard listens for Integration_Saved__e before it
 * calls saveIntegration (the event can come before the call returns), then waits for the event of
 * its deployment job. It stops listening on every path, and when it is removed.
 *
 * @fires saved when the deployment of the integration succeeded, with `{ developerName, label }`
 * @fires cancel when the admin leaves the wizard without saving
 */
export default class IntegrationWizard extends LightningElement {
  /** The integration to edit; empty for a new integration. */
  @api developerName?: string;

  currentStep: StepName = 'environment';
  /** What the wizard loads before it can be used, for the spinner; empty once loaded. */
  loadingText = '';
  loadErrors: string[] = [];

  // Step 1: environment
  environment?: InsightsSync.ConsoleEnvironment;
  environmentErrors: string[] = [];
  connections: ConnectionStatus[] = [];
  connectionsLoaded = false;
  connectionErrors: string[] = [];
  connectionRegion = '';
  sourceType = SOURCE_INSIGHTS_API;
  /** The CSV export source, as c-csv-source-picker's `csvsourcechange` last said it. */
  csvSource: CsvSourceChangeDetail = { credential: '', path: '', columns: [] };

  // Step 2: report and object
  label = '';
  apiName = '';
  reports: InsightsSync.InsightsReport[] = [];
  reportsRegion = '';
  loadingReports = false;
  reportErrors: string[] = [];
  reportId = '';
  objects: InsightsSync.CatalogObject[] = [];
  objectErrors: string[] = [];
  objectSearch = '';
  targetObject = '';
  description?: InsightsSync.ObjectDescription;
  describing = false;
  describeErrors: string[] = [];
  objectKeyField = '';
  reportKeyColumn = '';
  frequency = FREQUENCY_DAILY;
  scheduleTimeUtc = DEFAULT_TIME;
  scheduleWeekday = '';

  // Step 3: mapping
  compatibility: Record<string, string[]> = {};
  compatibilityErrors: string[] = [];
  /** The rows handed to the editor; setting them replaces its rows. */
  editorMappings: FieldMapping[] = [];
  /** Every row of the editor, in order, as its latest `mappingchange` said. */
  mappingRows: FieldMapping[] = [];
  /**
   * The rows the editor counts as complete: column, type and field set, and no rule broken (a key
   * field, a field used twice, a type that does not fit). Unknown until the editor has spoken.
   */
  private validRows?: FieldMapping[];

  previewing = false;
  preview?: InsightsSync.SyncPreviewResult;
  previewErrors: string[] = [];

  saving = false;
  jobId?: string;
  saveErrors: string[] = [];
  /** A save whose end the wizard could not see (timeout, lost stream). */
  saveNotice = '';

  /** The integration as loaded for editing: what the wizard does not edit is kept from it. */
  private loaded?: IntegrationDefinition;
  /** Whether the admin typed the API name: then the name no longer derives it. */
  private apiNameEdited = false;
  private autoMapPending = false;
  private autoMapDone = false;
  private focusPending = false;
  private previewedDefinition = '';
  private stopListening?: StopListening;
  /** The definition being saved: the `saved` event names it. */
  private savingDefinition?: IntegrationDefinition;
  /** Events that arrived before saveIntegration answered with the job id. */
  private earlySaves: IntegrationSave[] = [];
  private saveAttempt = 0;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private reportsRequest = 0;
  private describeRequest = 0;

  override connectedCallback(): void {
    // load settles every failure into the wizard itself.
    this.load();
  }

  override disconnectedCallback(): void {
    // A save still running is no longer followed: its event would find no wizard.
    this.saveAttempt += 1;
    this.saving = false;
    this.clearSaveTimer();
    this.stop();
  }

  override renderedCallback(): void {
    if (this.autoMapPending) {
      const editor = this.find<MappingEditorElement>('c-mapping-editor');
      if (editor) {
        this.autoMapPending = false;
        this.autoMapDone = true;
        editor.autoMap();
      }
    }
    if (this.focusPending) {
      const heading = this.find<Focusable>(`[data-id="heading-${this.currentStep}"]`);
      if (heading) {
        this.focusPending = false;
        heading.focus();
      }
    }
  }

  /**
   * Reads the Insights connections again, e.g. after the Connection panel connected or
   * disconnected a region, and the chosen region's reports.
   * @param change the change the panel announced; it wins over a cached list
   */
  @api
  async refresh(change?: ConnectionChange): Promise<void> {
    await this.loadConnections(change);
    if (this.regionIsConnected(this.connectionRegion)) {
      await this.loadReports();
    }
  }

  // ----- general

  get isEditing(): boolean {
    return Boolean(this.developerName);
  }

  get heading(): string {
    if (!this.isEditing) {
      return 'New integration';
    }
    return `Edit integration: ${this.loaded?.label ?? this.developerName}`;
  }

  get isLoading(): boolean {
    return this.loadingText !== '';
  }

  get ariaBusy(): string {
    return String(this.isLoading);
  }

  /** The steps, once loaded; an integration that could not be opened shows only why. */
  get showSteps(): boolean {
    return !this.isLoading && (!this.isEditing || this.loaded !== undefined);
  }

  get hasLoadErrors(): boolean {
    return this.loadErrors.length > 0;
  }

  get loadErrorItems(): MessageItem[] {
    return asMessageItems(this.loadErrors);
  }

  get isEnvironmentStep(): boolean {
    return this.currentStep === 'environment';
  }

  get isReportStep(): boolean {
    return this.currentStep === 'report';
  }

  get isMappingStep(): boolean {
    return this.currentStep === 'mapping';
  }

  get stepHeaders(): StepHeader[] {
    return STEPS.map((step, index) => {
      const current = step.name === this.currentStep;
      const complete = this.isStepComplete(step.name);
      return {
        name: step.name,
        number: index + 1,
        label: step.label,
        className: `slds-button slds-button_stretch ${
          current ? 'slds-button_brand' : 'slds-button_neutral'
        }`,
        ariaCurrent: current ? 'step' : undefined,
        disabled: this.saving || this.isLoading || !this.isReachable(step.name),
        stateText: complete ? 'complete' : 'not complete',
        complete
      };
    });
  }

  get allStepsComplete(): boolean {
    return STEPS.every((step) => this.isStepComplete(step.name));
  }

  get backDisabled(): boolean {
    return this.currentStep === 'environment' || this.saving || this.isLoading;
  }

  get continueDisabled(): boolean {
    return this.isLoading || !this.isStepComplete(this.currentStep);
  }

  // ----- step 1: environment

  get hasEnvironment(): boolean {
    return this.environment !== undefined;
  }

  get instanceLabel(): string {
    return this.environment?.instanceName ?? 'Unknown';
  }

  get environmentBadgeClass(): string {
    return this.environment?.isSandbox ? 'slds-theme_warning' : 'slds-theme_success';
  }

  get environmentErrorItems(): MessageItem[] {
    return asMessageItems(this.environmentErrors);
  }

  get hasEnvironmentErrors(): boolean {
    return this.environmentErrors.length > 0;
  }

  get connectionErrorItems(): MessageItem[] {
    return asMessageItems(this.connectionErrors);
  }

  get hasConnectionErrors(): boolean {
    return this.connectionErrors.length > 0;
  }

  get connectedRegions(): ConnectionStatus[] {
    return this.connections.filter((status) => status.connected);
  }

  get connectionOptions(): ComboboxOption[] {
    return this.connectedRegions.map((status) => ({
      value: status.regionCode,
      label: `${status.regionLabel} (${status.host})`
    }));
  }

  get isCsvSource(): boolean {
    return this.sourceType === SOURCE_CSV_EXPORT;
  }

  get sourceOptions(): readonly ComboboxOption[] {
    return SOURCE_OPTIONS;
  }

  get hasConnectionOptions(): boolean {
    return !this.isCsvSource && this.connectedRegions.length > 0;
  }

  get noConnection(): boolean {
    return !this.isCsvSource && this.connectionsLoaded && !this.hasConnectionOptions;
  }

  /** An edited integration whose region is no longer connected: say so rather than blank it. */
  get regionWarning(): string {
    const region = this.connectionRegion;
    if (
      region === '' ||
      this.isCsvSource ||
      !this.connectionsLoaded ||
      this.regionIsConnected(region)
    ) {
      return '';
    }
    const label =
      this.connections.find((status) => status.regionCode === region)?.regionLabel ?? region;
    return (
      `This integration reads from ${label}, which is not connected. Connect it in the ` +
      'Connection panel, or choose another connection.'
    );
  }

  // ----- step 2: report and object

  get apiNameProblem(): string {
    return apiNameProblemOf(this.apiName.trim());
  }

  get apiNameHelp(): string {
    return this.isEditing
      ? 'The API name identifies the integration and cannot change once it is saved.'
      : 'Letters, digits and single underscores. It identifies the integration and cannot ' +
          'change once it is saved.';
  }

  get regionLabel(): string {
    return (
      this.connections.find((status) => status.regionCode === this.connectionRegion)?.regionLabel ??
      this.connectionRegion
    );
  }

  get loadingReportsText(): string {
    return `Loading the reports of ${this.regionLabel}`;
  }

  get reportErrorItems(): MessageItem[] {
    return asMessageItems(this.reportErrors);
  }

  get hasReportErrors(): boolean {
    return this.reportErrors.length > 0;
  }

  get reportOptions(): ComboboxOption[] {
    return this.reports.map((report) => ({ value: report.id, label: report.name }));
  }

  get reportDisabled(): boolean {
    return this.loadingReports || this.reports.length === 0;
  }

  get noReports(): boolean {
    return (
      !this.loadingReports &&
      this.reportErrors.length === 0 &&
      this.reportsRegion !== '' &&
      this.reports.length === 0
    );
  }

  get selectedReport(): InsightsSync.InsightsReport | undefined {
    return this.reports.find((report) => report.id === this.reportId);
  }

  /** The report an edited integration reads, when its region no longer offers it. */
  get missingReportText(): string {
    if (
      this.reportId === '' ||
      this.loadingReports ||
      this.reportsRegion === '' ||
      this.reportErrors.length > 0 ||
      this.selectedReport
    ) {
      return '';
    }
    const name = this.loaded?.reportName ?? this.reportId;
    return (
      `The report "${name}" is no longer tagged for Salesforce in ${this.regionLabel}. ` +
      'Tag it in Insights again, or choose another report.'
    );
  }

  get reportColumns(): InsightsSync.ReportColumn[] {
    if (this.isCsvSource) {
      return this.csvSource.columns;
    }
    return this.selectedReport?.columns ?? [];
  }

  get keyColumnOptions(): ComboboxOption[] {
    return this.reportColumns.map((column) => ({
      value: column.name,
      label:
        column.label && column.label !== column.name
          ? `${column.label} (${column.name})`
          : column.name
    }));
  }

  get keyColumnDisabled(): boolean {
    return this.reportColumns.length === 0;
  }

  get objectErrorItems(): MessageItem[] {
    return asMessageItems(this.objectErrors);
  }

  get hasObjectErrors(): boolean {
    return this.objectErrors.length > 0;
  }

  /** The objects matching the search (label or API name); the chosen one always stays. */
  get objectOptions(): ComboboxOption[] {
    const search = this.objectSearch.trim().toLowerCase();
    const options: ComboboxOption[] = [];
    for (const object of this.objects) {
      const matches =
        search === '' ||
        object.label.toLowerCase().includes(search) ||
        object.apiName.toLowerCase().includes(search);
      if (matches || object.apiName === this.targetObject) {
        options.push({ value: object.apiName, label: `${object.label} (${object.apiName})` });
      }
    }
    return options;
  }

  get objectCountText(): string {
    const search = this.objectSearch.trim();
    if (search === '') {
      return `${this.objects.length} objects you can update`;
    }
    const lower = search.toLowerCase();
    const matching = this.objects.filter(
      (object) =>
        object.label.toLowerCase().includes(lower) || object.apiName.toLowerCase().includes(lower)
    ).length;
    return `${matching} of ${this.objects.length} objects match "${search}"`;
  }

  get objectLabel(): string {
    return (
      this.description?.label ??
      this.objects.find((object) => object.apiName === this.targetObject)?.label ??
      this.targetObject
    );
  }

  get describingText(): string {
    return `Loading the fields of ${this.objectLabel}`;
  }

  get describeErrorItems(): MessageItem[] {
    return asMessageItems(this.describeErrors);
  }

  get hasDescribeErrors(): boolean {
    return this.describeErrors.length > 0;
  }

  /** The fields usable as the key: key candidates (email, external id, idLookup) first. */
  get keyFieldOptions(): ComboboxOption[] {
    const keyFields = this.description?.keyFields ?? [];
    const candidates = keyFields.filter((field) => field.isKeyCandidate);
    const others = keyFields.filter((field) => !field.isKeyCandidate);
    return [...candidates, ...others].map((field) => ({
      value: field.apiName,
      label: `${field.label} (${field.apiName})`
    }));
  }

  get keyFieldDisabled(): boolean {
    return this.describing || this.keyFieldOptions.length === 0;
  }

  get keyFieldLabel(): string {
    return this.targetObject === '' ? 'Key field' : `Key field on ${this.objectLabel}`;
  }

  get frequencyOptions(): ComboboxOption[] {
    return [FREQUENCY_DAILY, FREQUENCY_HOURLY, FREQUENCY_WEEKLY].map((value) => ({
      value,
      label: value
    }));
  }

  get weekdayOptions(): ComboboxOption[] {
    return WEEKDAYS.map((value) => ({ value, label: value }));
  }

  get isHourly(): boolean {
    return this.frequency === FREQUENCY_HOURLY;
  }

  get isWeekly(): boolean {
    return this.frequency === FREQUENCY_WEEKLY;
  }

  get timeProblem(): string {
    return this.isHourly || TIME_OF_DAY.test(this.scheduleTimeUtc)
      ? ''
      : 'Enter the time as HH:mm in UTC, from 00:00 to 23:59, such as 08:00.';
  }

  // ----- step 3: mapping

  get objectFields(): InsightsSync.CatalogField[] {
    return this.description?.fields ?? [];
  }

  get compatibilityErrorItems(): MessageItem[] {
    return asMessageItems(this.compatibilityErrors);
  }

  get hasCompatibilityErrors(): boolean {
    return this.compatibilityErrors.length > 0;
  }

  get mappingSummary(): string {
    const report = this.isCsvSource
      ? this.csvSource.path
      : (this.selectedReport?.name ?? this.loaded?.reportName ?? this.reportId);
    return (
      `${report} → ${this.objectLabel}, matched on ${this.reportKeyColumn} = ` +
      `${this.objectKeyField}`
    );
  }

  get completeRows(): FieldMapping[] {
    return this.validRows ?? this.mappingRows.filter(isComplete);
  }

  /** Says at SAVE that rows left incomplete or breaking a rule are not saved. */
  get unsavedRowsText(): string {
    const left = this.mappingRows.length - this.completeRows.length;
    if (left <= 0 || this.completeRows.length === 0) {
      return '';
    }
    return left === 1
      ? '1 row is incomplete or not valid and will not be saved.'
      : `${left} rows are incomplete or not valid and will not be saved.`;
  }

  get saveDisabled(): boolean {
    return this.saving || this.isLoading || !this.allStepsComplete;
  }

  get previewDisabled(): boolean {
    return this.previewing || this.saving || this.isLoading || !this.allStepsComplete;
  }

  get previewErrorItems(): MessageItem[] {
    return asMessageItems(this.previewErrors);
  }

  get hasPreviewErrors(): boolean {
    return this.previewErrors.length > 0;
  }

  get hasPreview(): boolean {
    return this.preview !== undefined;
  }

  /** The settings changed since the shown preview: it no longer tells what SAVE would do. */
  get previewStale(): boolean {
    return this.hasPreview && this.previewedDefinition !== this.definitionKey();
  }

  /**
   * When no row of the preview found a record, the key pair is the likely cause (User ID values
   * compared with emails, say): the wizard says so rather than leave eight unmatched keys to
   * interpret.
   */
  get noKeyMatchedText(): string {
    const preview = this.preview;
    if (!preview || preview.rowsRead === 0 || preview.rowsMatched > 0) {
      return '';
    }
    return (
      `None of the ${preview.rowsRead} rows read found a ${this.objectLabel} record: no ` +
      `${this.reportKeyColumn} value equals the ${this.objectKeyField} of a ${this.objectLabel}. ` +
      'Check the key pair in step 2: the report key column and the key field must hold the ' +
      'same values.'
    );
  }

  get previewCounts(): CountItem[] {
    const result = this.preview;
    if (!result) {
      return [];
    }
    const counts: [string, string, number][] = [
      ['read', 'Rows read', result.rowsRead],
      ['matched', 'Matched', result.rowsMatched],
      ['to-update', 'To update', result.recordsToUpdate],
      ['unchanged', 'Unchanged', result.recordsUnchanged],
      ['unmatched', 'Unmatched', result.rowsUnmatched],
      ['skipped', 'Skipped', result.rowsSkipped],
      ['value-issues', 'Value issues', result.valueIssues]
    ];
    return counts.map(([key, label, value]) => ({ key, label, value: String(value ?? 0) }));
  }

  get previewRows(): PreviewRowView[] {
    const labels = new Map<string, string>();
    for (const field of this.objectFields) {
      labels.set(field.apiName.toLowerCase(), field.label);
    }
    return (this.preview?.rows ?? []).map((row, index) => {
      const changes = (row.changes ?? []).map((change, changeIndex) => {
        const label = labels.get(change.field.toLowerCase());
        return {
          key: String(changeIndex),
          field: label ? `${label} (${change.field})` : change.field,
          before: displayValue(change.before),
          after: displayValue(change.after)
        };
      });
      const problems = asMessageItems(row.problems ?? []);
      return {
        key: `${index}-${row.recordId ?? row.key ?? ''}`,
        rowKey: row.key ?? '—',
        recordId: row.recordId ?? '—',
        changes,
        hasChanges: changes.length > 0,
        problems,
        hasProblems: problems.length > 0
      };
    });
  }

  get hasPreviewRows(): boolean {
    return (this.preview?.rows ?? []).length > 0;
  }

  get unmatchedKeyItems(): MessageItem[] {
    return asMessageItems(this.preview?.unmatchedKeys ?? []);
  }

  get hasUnmatchedKeys(): boolean {
    return this.unmatchedKeyItems.length > 0;
  }

  get previewProblemItems(): MessageItem[] {
    return asMessageItems(this.preview?.problems ?? []);
  }

  get hasPreviewProblems(): boolean {
    return this.previewProblemItems.length > 0;
  }

  get previewScopeText(): string {
    return this.preview?.hasMoreRows
      ? `Preview read the first ${this.preview.rowsRead} rows of the report; a run reads them all. Nothing was written.`
      : 'Preview read the whole report. Nothing was written.';
  }

  get saveErrorItems(): MessageItem[] {
    return asMessageItems(this.saveErrors);
  }

  get hasSaveErrors(): boolean {
    return this.saveErrors.length > 0;
  }

  get savingText(): string {
    return SAVING_TEXT;
  }

  // ----- input

  handleStepClick(event: Event): void {
    const step = (event.currentTarget as HTMLElement | null)?.dataset.step as StepName | undefined;
    if (step && this.isReachable(step) && !this.saving) {
      this.goTo(step);
    }
  }

  handleBack(): void {
    const index = STEPS.findIndex((step) => step.name === this.currentStep);
    if (index > 0 && !this.saving) {
      this.goTo(STEPS[index - 1].name);
    }
  }

  handleContinue(): void {
    const index = STEPS.findIndex((step) => step.name === this.currentStep);
    if (index < STEPS.length - 1 && !this.continueDisabled) {
      this.goTo(STEPS[index + 1].name);
    }
  }

  handleCancel(): void {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  handleConnectionChange(event: CustomEvent<{ value: string }>): void {
    const region = event.detail.value ?? '';
    if (region === this.connectionRegion) {
      return;
    }
    this.connectionRegion = region;
    this.loadReports();
  }

  handleSourceTypeChange(event: CustomEvent<{ value: string }>): void {
    this.sourceType =
      event.detail.value === SOURCE_CSV_EXPORT ? SOURCE_CSV_EXPORT : SOURCE_INSIGHTS_API;
    const columns = this.reportColumns;
    if (columns.length > 0 && !columns.some((column) => column.name === this.reportKeyColumn)) {
      // The other source's key column: the one chosen stays only if this source has it too.
      this.reportKeyColumn = '';
    }
    this.pruneMappings();
  }

  handleCsvSourceChange(event: CustomEvent<CsvSourceChangeDetail>): void {
    this.csvSource = event.detail;
    if (!this.reportColumns.some((column) => column.name === this.reportKeyColumn)) {
      this.reportKeyColumn = '';
    }
    this.pruneMappings();
  }

  handleLabelChange(event: CustomEvent<{ value: string }>): void {
    this.label = event.detail.value ?? '';
    if (!this.isEditing && !this.apiNameEdited) {
      this.apiName = apiNameFrom(this.label);
    }
  }

  handleApiNameChange(event: CustomEvent<{ value: string }>): void {
    if (this.isEditing) {
      return;
    }
    this.apiName = event.detail.value ?? '';
    // Emptying the box hands the API name back to the name.
    this.apiNameEdited = this.apiName.trim() !== '';
    if (!this.apiNameEdited) {
      this.apiName = apiNameFrom(this.label);
    }
  }

  handleReportChange(event: CustomEvent<{ value: string }>): void {
    this.reportId = event.detail.value ?? '';
    const columns = this.reportColumns;
    if (!columns.some((column) => column.name === this.reportKeyColumn)) {
      this.reportKeyColumn = '';
    }
    this.pruneMappings();
  }

  handleObjectSearch(event: CustomEvent<{ value: string }>): void {
    this.objectSearch = event.detail.value ?? '';
  }

  handleObjectChange(event: CustomEvent<{ value: string }>): void {
    const objectApiName = event.detail.value ?? '';
    if (objectApiName === this.targetObject) {
      return;
    }
    this.targetObject = objectApiName;
    this.objectKeyField = '';
    this.description = undefined;
    this.describeObject(objectApiName, true);
  }

  handleKeyFieldChange(event: CustomEvent<{ value: string }>): void {
    this.objectKeyField = event.detail.value ?? '';
  }

  handleKeyColumnChange(event: CustomEvent<{ value: string }>): void {
    this.reportKeyColumn = event.detail.value ?? '';
  }

  handleFrequencyChange(event: CustomEvent<{ value: string }>): void {
    this.frequency = event.detail.value ?? FREQUENCY_DAILY;
  }

  handleTimeChange(event: CustomEvent<{ value: string }>): void {
    this.scheduleTimeUtc = timeOfDay(event.detail.value ?? '');
  }

  handleWeekdayChange(event: CustomEvent<{ value: string }>): void {
    this.scheduleWeekday = event.detail.value ?? '';
  }

  handleMappingChange(event: CustomEvent<MappingChangeDetail>): void {
    this.mappingRows = (event.detail?.mappings ?? []).map(mappingOf);
    this.validRows = event.detail?.completeMappings?.map(mappingOf);
  }

  handleRetryReports(): void {
    this.loadReports();
  }

  // ----- Preview and SAVE

  async handlePreview(): Promise<void> {
    if (this.previewDisabled) {
      return;
    }
    const definition = this.buildDefinition();
    const previewed = this.definitionKey();
    this.previewing = true;
    this.previewErrors = [];
    try {
      const result = await previewIntegration({ definition, maxRows: PREVIEW_ROWS });
      this.preview = result;
      this.previewedDefinition = previewed;
    } catch (error) {
      this.preview = undefined;
      this.previewErrors = readableErrors(error);
    }
    this.previewing = false;
  }

  async handleSave(): Promise<void> {
    if (this.saveDisabled) {
      return;
    }
    const definition = this.buildDefinition();
    this.saveAttempt += 1;
    const attempt = this.saveAttempt;
    this.saving = true;
    this.saveErrors = [];
    this.saveNotice = '';
    this.jobId = undefined;
    this.earlySaves = [];
    this.savingDefinition = definition;
    // One limit for the whole save, from the first request: no step of it may spin for ever.
    this.startSaveTimer(attempt);

    // A deployment creates or replaces the record of that API name: a new integration must not
    // take the name of one that exists, archived ones included.
    if (!this.isEditing && (await this.apiNameTaken(definition.developerName ?? ''))) {
      if (attempt === this.saveAttempt) {
        this.failSave([
          `An integration with the API name "${definition.developerName}" already exists ` +
            '(it may be archived). Choose another API name in step 2.'
        ]);
      }
      return;
    }
    if (attempt !== this.saveAttempt) {
      return;
    }

    // Listen first: the deployment can finish before saveIntegration's answer arrives.
    let stop: StopListening;
    try {
      stop = await listenForSaves(
        (save) => this.handleSaveEvent(save, attempt),
        (error) => this.handleStreamError(error, attempt)
      );
    } catch (error) {
      this.failSave([
        'The console could not listen for the end of the deployment, so nothing was saved.',
        ...readableErrors(error)
      ]);
      return;
    }
    if (attempt !== this.saveAttempt) {
      // Removed (or another save began) while subscribing: this subscription has no listener.
      await stop();
      return;
    }
    this.stopListening = stop;

    let jobId: string;
    try {
      jobId = await saveIntegration({ definition });
    } catch (error) {
      this.failSave(readableErrors(error));
      return;
    }
    if (attempt !== this.saveAttempt) {
      return;
    }
    this.jobId = jobId;
    const early = this.earlySaves.find((save) => isSameJob(save.deployJobId, jobId));
    this.earlySaves = [];
    if (early) {
      this.finishSave(early);
    }
  }

  // ----- helpers: steps

  private isStepComplete(step: StepName): boolean {
    if (step === 'environment') {
      return this.isCsvSource || this.regionIsConnected(this.connectionRegion);
    }
    if (step === 'report') {
      return this.reportStepComplete();
    }
    return this.completeRows.length > 0;
  }

  private reportStepComplete(): boolean {
    const label = this.label.trim();
    const apiName = this.apiName.trim();
    const description = this.description;
    return (
      label !== '' &&
      label.length <= MAX_NAME_LENGTH &&
      apiName !== '' &&
      apiNameProblemOf(apiName) === '' &&
      (this.isCsvSource ? this.csvSource.credential !== '' : this.selectedReport !== undefined) &&
      this.reportColumns.some((column) => column.name === this.reportKeyColumn) &&
      description !== undefined &&
      !this.describing &&
      sameName(description.apiName, this.targetObject) &&
      description.keyFields.some((field) => sameName(field.apiName, this.objectKeyField)) &&
      (this.isHourly || TIME_OF_DAY.test(this.scheduleTimeUtc)) &&
      (!this.isWeekly || WEEKDAYS.includes(this.scheduleWeekday))
    );
  }

  /** A step opens once every step before it is complete. */
  private isReachable(step: StepName): boolean {
    const index = STEPS.findIndex((candidate) => candidate.name === step);
    return STEPS.slice(0, index).every((before) => this.isStepComplete(before.name));
  }

  private goTo(step: StepName): void {
    if (step === this.currentStep) {
      return;
    }
    if (this.currentStep === 'mapping') {
      // The editor leaves the page with its step: it gets its rows back on return.
      this.editorMappings = [...this.mappingRows];
    }
    if (
      step === 'mapping' &&
      !this.isEditing &&
      !this.autoMapDone &&
      this.mappingRows.length === 0
    ) {
      this.autoMapPending = true;
    }
    this.currentStep = step;
    this.focusPending = true;
  }

  /** The first step that is not complete; the mapping step when all are. */
  private firstIncompleteStep(): StepName {
    return STEPS.find((step) => !this.isStepComplete(step.name))?.name ?? 'mapping';
  }

  private regionIsConnected(region: string): boolean {
    return region !== '' && this.connectedRegions.some((status) => status.regionCode === region);
  }

  /**
   * After the report or the object changed, rows naming a column or field the new choice does
   * not have are dropped, and column types follow the new report's columns.
   */
  private pruneMappings(): void {
    const columns = new Map(this.reportColumns.map((column) => [column.name, column]));
    const fields = new Set(this.objectFields.map((field) => field.apiName.toLowerCase()));
    if (columns.size === 0 || this.description === undefined) {
      return;
    }
    const kept = this.mappingRows
      .filter((row) => !row.column || columns.has(row.column))
      .filter((row) => !row.field || fields.has(row.field.toLowerCase()))
      .map((row) => ({
        ...row,
        columnType: row.column ? (columns.get(row.column)?.type ?? row.columnType) : row.columnType
      }));
    this.mappingRows = kept;
    this.validRows = undefined;
    this.editorMappings = kept;
    if (kept.length === 0 && !this.isEditing) {
      // New choices, new proposals.
      this.autoMapDone = false;
    }
  }

  // ----- helpers: the definition

  private buildDefinition(): IntegrationDefinition {
    const loaded = this.loaded;
    const definition: IntegrationDefinition = {
      developerName: this.apiName.trim(),
      label: this.label.trim(),
      sourceType: this.sourceType,
      connectionRegion: this.isCsvSource ? undefined : this.connectionRegion,
      reportId: this.isCsvSource ? undefined : this.reportId,
      reportName: this.isCsvSource
        ? this.csvSource.path.split('/').pop()
        : (this.selectedReport?.name ?? loaded?.reportName),
      targetObject: this.description?.apiName ?? this.targetObject,
      reportKeyColumn: this.reportKeyColumn,
      objectKeyField: this.objectKeyField,
      mappings: this.completeRows.map(mappingOf),
      frequency: this.frequency,
      // Hourly runs follow the dispatcher, on the hour: a time of day would shift their minute.
      scheduleTimeUtc: this.isHourly ? undefined : this.scheduleTimeUtc,
      state: loaded?.state ?? STATE_ACTIVE,
      matchPolicy: loaded?.matchPolicy ?? MATCH_UPDATE_ALL,
      blankValuePolicy: loaded?.blankValuePolicy ?? BLANK_LEAVE_AS_IS
    };
    if (this.isWeekly) {
      definition.scheduleWeekday = this.scheduleWeekday;
    }
    if (!this.isEditing) {
      // The Apex refuses a new integration an API name in use, even one saved after the
      // wizard's own look before SAVE.
      definition.isNew = true;
    }
    if (this.isCsvSource) {
      // The file carries no types: they are saved with the mappings (columnType).
      definition.csvNamedCredential = this.csvSource.credential;
      definition.csvFilePath = this.csvSource.path;
    }
    if (loaded?.pageSize !== undefined && loaded.pageSize !== null) {
      definition.pageSize = loaded.pageSize;
    }
    return definition;
  }

  private definitionKey(): string {
    return JSON.stringify(this.buildDefinition());
  }

  // ----- helpers: saving

  private handleSaveEvent(save: IntegrationSave, attempt: number): void {
    if (attempt !== this.saveAttempt || !this.saving) {
      return;
    }
    if (this.jobId === undefined) {
      this.earlySaves = [...this.earlySaves, save];
      return;
    }
    if (isSameJob(save.deployJobId, this.jobId)) {
      this.finishSave(save);
    }
  }

  private handleStreamError(error: unknown, attempt: number): void {
    if (attempt !== this.saveAttempt || !this.saving) {
      return;
    }
    // empApi reports reconnections here too, and often recovers: the save keeps waiting for its
    // event until the time limit, and says meanwhile that the news may not come.
    const reasons = apexErrorMessages(error);
    const reason = reasons.length > 0 ? ` The connection said: ${reasons.join(' ')}` : '';
    const job = this.jobId ? ` (job ${this.jobId})` : '';
    this.saveNotice =
      'The connection that tells when the deployment finishes was interrupted; the console ' +
      `keeps waiting. If nothing changes, check Setup → Deployment Status${job}.` +
      reason;
  }

  private finishSave(save: IntegrationSave): void {
    const definition = this.savingDefinition;
    this.endSave();
    if (save.success) {
      const detail: IntegrationSavedDetail = {
        developerName: definition?.developerName || save.developerName,
        label: definition?.label ?? ''
      };
      this.dispatchEvent(new CustomEvent<IntegrationSavedDetail>('saved', { detail }));
      return;
    }
    const lines = messageLines(save.message);
    this.saveErrors =
      lines.length > 0
        ? lines
        : [
            'The deployment of the integration failed and Salesforce gave no reason. Check ' +
              'Setup → Deployment Status.'
          ];
  }

  private failSave(messages: string[]): void {
    this.endSave();
    this.saveErrors = messages;
  }

  private endSave(): void {
    this.saving = false;
    this.clearSaveTimer();
    this.stop();
  }

  /** Whether an integration of that API name exists; an answer that cannot tell counts as no. */
  private async apiNameTaken(developerName: string): Promise<boolean> {
    if (developerName === '') {
      return false;
    }
    try {
      const existing = await getIntegration({ developerName });
      return Boolean(existing?.developerName);
    } catch (_error) {
      // "There is no integration with the API name …", or no answer: the save's own
      // validation speaks for the rest.
      return false;
    }
  }

  private startSaveTimer(attempt: number): void {
    this.clearSaveTimer();
    // The deployment has no end the wizard can wait for otherwise; a stuck save must not spin
    // for ever.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.saveTimer = setTimeout(() => {
      if (attempt !== this.saveAttempt || !this.saving) {
        return;
      }
      const job = this.jobId;
      this.endSave();
      this.saveNotice = job
        ? `The deployment (job ${job}) is still running after ${SAVE_TIMEOUT_MS / 60_000} ` +
          'minutes. Salesforce finishes it on its own: check Setup → Deployment Status, then ' +
          'open the integration list again to see whether it was saved.'
        : `Salesforce did not answer within ${SAVE_TIMEOUT_MS / 60_000} minutes, so the ` +
          'console cannot tell whether the save started. Check Setup → Deployment Status and ' +
          'the integration list before saving again.';
    }, SAVE_TIMEOUT_MS);
  }

  private clearSaveTimer(): void {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
  }

  /** Ends the subscription, if any; a failure to unsubscribe leaves nothing to do. */
  private async stop(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = undefined;
    if (!stop) {
      return;
    }
    try {
      await stop();
    } catch (_error) {
      // The channel is gone already: nothing listens any more.
    }
  }

  // ----- helpers: loading

  private async load(): Promise<void> {
    this.loadingText = this.isEditing ? 'Loading the integration' : 'Loading the wizard';
    const developerName = this.developerName;
    const [integration, environment, , objects, compatibility] = await Promise.allSettled([
      developerName ? getIntegration({ developerName }) : Promise.resolve(undefined),
      getEnvironment(),
      this.loadConnections(),
      getObjects(),
      getCompatibility()
    ]);
    if (environment.status === 'fulfilled') {
      this.environment = environment.value;
    } else {
      this.environmentErrors = readableErrors(environment.reason);
    }
    if (objects.status === 'fulfilled') {
      this.objects = objects.value;
    } else {
      this.objectErrors = readableErrors(objects.reason);
    }
    if (compatibility.status === 'fulfilled') {
      this.compatibility = compatibility.value;
    } else {
      this.compatibilityErrors = readableErrors(compatibility.reason);
    }

    if (integration.status === 'rejected') {
      this.loadErrors = readableErrors(integration.reason);
    } else if (integration.value) {
      this.applyDefinition(integration.value);
      await Promise.all([
        this.regionIsConnected(this.connectionRegion) ? this.loadReports() : Promise.resolve(),
        this.targetObject ? this.describeObject(this.targetObject, false) : Promise.resolve()
      ]);
      this.currentStep = this.firstIncompleteStep();
    } else if (this.connectedRegions.length === 1) {
      // One connection only: it is the one to use.
      this.connectionRegion = this.connectedRegions[0].regionCode;
      this.loadReports();
    }
    this.loadingText = '';
  }

  private applyDefinition(definition: IntegrationDefinition): void {
    this.loaded = definition;
    this.label = definition.label ?? '';
    this.apiName = definition.developerName ?? this.developerName ?? '';
    this.connectionRegion = definition.connectionRegion ?? '';
    this.sourceType = definition.sourceType ?? SOURCE_INSIGHTS_API;
    this.csvSource = csvSourceOf(definition);
    this.reportId = definition.reportId ?? '';
    this.targetObject = definition.targetObject ?? '';
    this.objectKeyField = definition.objectKeyField ?? '';
    this.reportKeyColumn = definition.reportKeyColumn ?? '';
    this.frequency = definition.frequency ?? FREQUENCY_DAILY;
    this.scheduleTimeUtc = definition.scheduleTimeUtc ?? DEFAULT_TIME;
    this.scheduleWeekday = definition.scheduleWeekday ?? '';
    const mappings = (definition.mappings ?? []).map(mappingOf);
    this.editorMappings = mappings;
    this.mappingRows = mappings;
    this.validRows = undefined;
  }

  private async loadConnections(change?: ConnectionChange): Promise<void> {
    try {
      const statuses = await getConnections();
      // getConnections is cacheable: a change the panel just announced wins over the cache.
      this.connections = statuses.map((status) => {
        return change && status.regionCode === change.regionCode
          ? { ...status, connected: change.connected }
          : status;
      });
      this.connectionErrors = [];
    } catch (error) {
      this.connectionErrors = readableErrors(error);
    }
    this.connectionsLoaded = true;
  }

  private async loadReports(): Promise<void> {
    const regionCode = this.connectionRegion;
    this.reportsRequest += 1;
    const request = this.reportsRequest;
    this.reports = [];
    this.reportsRegion = '';
    this.reportErrors = [];
    if (!regionCode) {
      this.loadingReports = false;
      return;
    }
    this.loadingReports = true;
    try {
      const reports = await getReports({ regionCode });
      if (request !== this.reportsRequest) {
        return;
      }
      this.reports = reports;
      this.reportsRegion = regionCode;
    } catch (error) {
      if (request !== this.reportsRequest) {
        return;
      }
      this.reportErrors = readableErrors(error);
    }
    this.loadingReports = false;
  }

  private async describeObject(objectApiName: string, chosenNow: boolean): Promise<void> {
    this.describeRequest += 1;
    const request = this.describeRequest;
    this.describing = true;
    this.describeErrors = [];
    try {
      const description = await describeObject({ objectApiName });
      if (request !== this.describeRequest) {
        return;
      }
      this.description = description;
      // Spelled as describe spells it, so choices and the definition agree.
      const keyField = description.keyFields.find((field) =>
        sameName(field.apiName, this.objectKeyField)
      );
      this.objectKeyField = keyField?.apiName ?? (chosenNow ? '' : this.objectKeyField);
      if (chosenNow) {
        this.pruneMappings();
      }
    } catch (error) {
      if (request !== this.describeRequest) {
        return;
      }
      this.describeErrors = readableErrors(error);
    }
    this.describing = false;
  }

  private find<T extends Element>(selector: string): T | null {
    return this.template?.querySelector<T>(selector) ?? null;
  }
}

/**
 * The CSV source of a saved integration: its credential, path, and the columns it reads (key
 * column and mapped columns, with the types saved in the mappings) until the file is read again.
 */
function csvSourceOf(definition: IntegrationDefinition): CsvSourceChangeDetail {
  const columns = new Map<string, InsightsSync.ReportColumn>();
  const add = (name: string | undefined, type: string | undefined): void => {
    if (name && !columns.has(name)) {
      columns.set(name, { name, label: name, type: type ?? 'string' });
    }
  };
  add(definition.reportKeyColumn, undefined);
  (definition.mappings ?? []).forEach((mapping) => add(mapping.column, mapping.columnType));
  return {
    credential: definition.csvNamedCredential ?? '',
    path: definition.csvFilePath ?? '',
    columns: [...columns.values()]
  };
}
