import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
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
  messageLines,
  readableErrors,
  type MessageItem
} from 'c/syncFormat';
import { isComplete, type TemplatePair } from 'c/mappingRules';
import type { TemplateChangeDetail } from 'c/reportTemplatePanel';
import type { SyncPoliciesDetail } from 'c/syncPolicies';
import type { ResetChangeDetail } from 'c/staleValueReset';
import type { CsvSourceChangeDetail } from 'c/csvSourcePicker';
import { keyPairVerdict } from 'c/keyRules';
import {
  isSameJob,
  listenForSaves,
  type IntegrationSave,
  type StopListening
} from 'c/integrationSaves';
import {
  DEFAULT_TIME,
  FREQUENCY_DAILY,
  FREQUENCY_HOURLY,
  FREQUENCY_WEEKLY,
  MAX_NAME_LENGTH,
  WEEKDAYS,
  apiNameFrom,
  apiNameProblemOf,
  isWholeHour,
  mappingOf,
  objectLabelOf,
  SOURCE_CSV_EXPORT,
  SOURCE_INSIGHTS_API,
  sameName,
  sourceTypeOf,
  type MappingStepChangeDetail,
  type RegionChangeDetail,
  type ReportStepChangeDetail,
  type SourceChangeDetail,
  type StepName
} from 'c/wizardRules';

type IntegrationDefinition = InsightsSync.IntegrationDefinition;
type FieldMapping = InsightsSync.FieldMapping;
type ConnectionStatus = InsightsSync.InsightsConnectionStatus;

export { apiNameFrom, type StepName };

/** Detail of the `saved` event. */
export interface IntegrationSavedDetail {
  developerName: string;
  label: string;
}

/** A region whose connection changed, as c-connection-panel's `connectionchange` says it. */
export interface ConnectionChange {
  regionCode: string;
  connected: boolean;
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
  iconVariant?: string;
}

/** The public API of the step components the wizard calls. */
type StepElement = HTMLElement & { focusHeading(): void };
type MappingStepElement = StepElement & { autoMap(): void };

/** The component of each step. */
const STEP_TAGS: Readonly<Record<StepName, string>> = {
  environment: 'c-wizard-environment-step',
  report: 'c-wizard-report-step',
  mapping: 'c-wizard-mapping-step'
};

const STEPS: readonly { name: StepName; label: string }[] = [
  { name: 'environment', label: 'Environment' },
  { name: 'report', label: 'Report and object' },
  { name: 'mapping', label: 'Field mapping' }
];

const STATE_ACTIVE = 'Active';
const MATCH_UPDATE_ALL = 'Update all';
const BLANK_LEAVE_AS_IS = 'Leave as is';

/** Preview reads this many report rows: enough to judge a mapping, quick to answer. */
export const PREVIEW_ROWS = 50;
/** How long SAVE waits for Integration_Saved__e before saying the deployment is still running. */
export const SAVE_TIMEOUT_MS = 120_000;

const SAVING_TEXT = "Saving… deploying the integration's settings";

/** How long the API name rests before the wizard asks whether an integration already has it. */
export const API_NAME_CHECK_DELAY_MS = 400;

/**
 * The New / Edit integration wizard of the console, in three steps, each its own component: the
 * environment and the Insights connection (c-wizard-environment-step), the report and object
 * with their key pair and the schedule (c-wizard-report-step), and the field mapping
 * (c-wizard-mapping-step) with Preview (c-wizard-preview) and SAVE. The wizard holds the
 * integration being built, loads what the steps show, and owns the step headers and Back /
 * Continue / Cancel; a step opens only once the steps before it are complete.
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
  /** The ready-made report chosen in step 2 (c-report-template-panel); Auto-map uses its pairs. */
  templateKey = '';
  templatePairs: TemplatePair[] = [];

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
  /** Why the API name cannot be used because an integration has it; '' when free or unknown. */
  apiNameTakenError = '';

  /** The integration as loaded for editing: what the wizard does not edit is kept from it. */
  private loaded?: IntegrationDefinition;
  /** Whether the admin typed the API name: then the name no longer derives it. */
  private apiNameEdited = false;
  private autoMapPending = false;
  private autoMapDone = false;
  private focusPending = false;
  private previewedDefinition = '';
  /** The key pair (region, report, object, key column, key field) the shown preview ran with. */
  private previewedKeyPair = '';
  /** The draft as loaded (or blank): Cancel asks before throwing away anything else. */
  private loadedDraft?: string;
  /** Whether the wizard has been brought into view and its heading focused, once, on opening. */
  private shownOnce = false;
  private apiNameTimer?: ReturnType<typeof setTimeout>;
  private apiNameRequest = 0;
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
    this.clearApiNameTimer();
    this.stop();
  }

  override renderedCallback(): void {
    if (!this.shownOnce) {
      this.shownOnce = true;
      this.bringIntoView();
    }
    if (this.autoMapPending) {
      const mappingStep = this.find<MappingStepElement>(STEP_TAGS.mapping);
      if (mappingStep) {
        this.autoMapPending = false;
        this.autoMapDone = true;
        mappingStep.autoMap();
      }
    }
    if (this.focusPending) {
      const step = this.find<StepElement>(STEP_TAGS[this.currentStep]);
      if (step) {
        this.focusPending = false;
        step.focusHeading();
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
        complete,
        // The brand blue of the current step would hide the grey check (about 1.1:1); white on
        // it is about 4.6:1, and the grey on the white of the other steps about 4.7:1.
        iconVariant: current ? 'inverse' : undefined
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

  // ----- what the steps share

  get connectedRegions(): ConnectionStatus[] {
    return this.connections.filter((status) => status.connected);
  }

  get selectedReport(): InsightsSync.InsightsReport | undefined {
    return this.reports.find((report) => report.id === this.reportId);
  }

  get reportColumns(): InsightsSync.ReportColumn[] {
    if (this.isCsvSource) {
      return this.csvSource.columns;
    }
    return this.selectedReport?.columns ?? [];
  }

  get isCsvSource(): boolean {
    return this.sourceType === SOURCE_CSV_EXPORT;
  }

  get savedReportName(): string | undefined {
    return this.loaded?.reportName;
  }

  /** The report the mapping step names: as listed, else as saved, else its id. */
  get reportName(): string {
    if (this.isCsvSource) {
      return this.csvSource.path;
    }
    return this.selectedReport?.name ?? this.loaded?.reportName ?? this.reportId;
  }

  get objectLabel(): string {
    return objectLabelOf(this.targetObject, this.description, this.objects);
  }

  get objectFields(): InsightsSync.CatalogField[] {
    return this.description?.fields ?? [];
  }

  get isHourly(): boolean {
    return this.frequency === FREQUENCY_HOURLY;
  }

  get isWeekly(): boolean {
    return this.frequency === FREQUENCY_WEEKLY;
  }

  // ----- mapping, Preview and SAVE

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

  get hasPreview(): boolean {
    return this.preview !== undefined;
  }

  /** The settings changed since the shown preview: it no longer tells what SAVE would do. */
  get previewStale(): boolean {
    return this.hasPreview && this.previewedDefinition !== this.definitionKey();
  }

  /**
   * Save warns, and still saves, when the last Preview on the same key pair matched no record: a
   * run would then update nothing. Mapping changes since do not change which records match.
   */
  get noMatchWarning(): string {
    const preview = this.preview;
    if (
      !preview ||
      !preview.rowsRead ||
      preview.rowsMatched > 0 ||
      this.previewedKeyPair !== this.keyPairKey()
    ) {
      return '';
    }
    const unmatched = preview.rowsUnmatched ?? 0;
    const rows = preview.rowsRead === 1 ? '1 row read' : `${preview.rowsRead} rows read`;
    return (
      `Preview matched no ${this.objectLabel}: ${rows}, ${unmatched} unmatched. Check the key ` +
      'pair before saving.'
    );
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

  /** Leaves the wizard; when the draft differs from what was opened, only once the admin agrees. */
  async handleCancel(): Promise<void> {
    if (this.saving) {
      return;
    }
    if (this.hasUnsavedChanges()) {
      const confirmed = await (LightningConfirm as unknown as LightningConfirmDialog).open({
        label: 'Discard your changes?',
        message: this.isEditing
          ? 'The changes you made to this integration are not saved. Leave the wizard and ' +
            'discard them?'
          : 'The new integration is not saved. Leave the wizard and discard what you entered?',
        variant: 'header',
        theme: 'warning'
      });
      if (!confirmed) {
        return;
      }
    }
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  /** The report source chosen in step 1: Insights API or CSV export. */
  sourceType = SOURCE_INSIGHTS_API;
  /** The CSV export source, as the report step's c-csv-source-picker last said it. */
  csvSource: CsvSourceChangeDetail = { credential: '', path: '', columns: [] };

  handleSourceChange(event: CustomEvent<SourceChangeDetail>): void {
    this.sourceType = sourceTypeOf(event.detail?.sourceType);
    this.keepKeyColumnOfTheSource();
  }

  handleCsvSourceChange(event: CustomEvent<CsvSourceChangeDetail>): void {
    this.csvSource = event.detail;
    this.keepKeyColumnOfTheSource();
  }

  /** The key column chosen stays only if the source's columns have it (once they are known). */
  private keepKeyColumnOfTheSource(): void {
    const columns = this.reportColumns;
    if (columns.length > 0 && !columns.some((column) => column.name === this.reportKeyColumn)) {
      this.reportKeyColumn = '';
    }
    this.pruneMappings();
  }

  handleRegionChange(event: CustomEvent<RegionChangeDetail>): void {
    const region = event.detail?.regionCode ?? '';
    if (region === this.connectionRegion) {
      return;
    }
    this.connectionRegion = region;
    this.loadReports();
  }

  /** A setting of the report step changed: the wizard keeps it and applies what follows. */
  handleSettingChange(event: CustomEvent<ReportStepChangeDetail>): void {
    const { field, value } = event.detail;
    switch (field) {
      case 'label':
        this.changeLabel(value);
        break;
      case 'apiName':
        this.changeApiName(value);
        break;
      case 'reportId':
        this.changeReport(value);
        break;
      case 'objectSearch':
        this.objectSearch = value;
        break;
      case 'targetObject':
        this.changeObject(value);
        break;
      case 'objectKeyField':
        this.objectKeyField = value;
        break;
      case 'reportKeyColumn':
        this.reportKeyColumn = value;
        break;
      case 'frequency':
        this.frequency = value;
        break;
      case 'scheduleTimeUtc':
        this.scheduleTimeUtc = value;
        break;
      case 'scheduleWeekday':
        this.scheduleWeekday = value;
        break;
      default:
        break;
    }
  }

  /** The reset of values that left the report, as the mapping step last sent it. */
  reset: ResetChangeDetail = { resetStampField: '', resetMode: '', resetValue: '' };

  handleResetChange(event: CustomEvent<ResetChangeDetail>): void {
    this.reset = event.detail;
  }

  /** The fields the complete rows write. */
  get mappedFieldNames(): string[] {
    return this.completeRows.map((row) => row.field ?? '');
  }

  /** The sync policies as the mapping step last said; until then, the loaded ones or defaults. */
  policies?: SyncPoliciesDetail;

  get matchPolicy(): string {
    return this.policies?.matchPolicy ?? this.loaded?.matchPolicy ?? MATCH_UPDATE_ALL;
  }

  get blankValuePolicy(): string {
    return this.policies?.blankValuePolicy ?? this.loaded?.blankValuePolicy ?? BLANK_LEAVE_AS_IS;
  }

  handlePolicyChange(event: CustomEvent<SyncPoliciesDetail>): void {
    this.policies = event.detail;
  }

  handleTemplateChange(event: CustomEvent<TemplateChangeDetail>): void {
    this.templateKey = event.detail.templateKey;
    this.templatePairs = event.detail.pairs;
  }

  handleMappingChange(event: CustomEvent<MappingStepChangeDetail>): void {
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
    const keyPair = this.keyPairKey();
    this.previewing = true;
    this.previewErrors = [];
    try {
      const result = await previewIntegration({ definition, maxRows: PREVIEW_ROWS });
      this.preview = result;
      this.previewedDefinition = previewed;
      this.previewedKeyPair = keyPair;
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

  // ----- helpers: the report step's settings

  private changeLabel(label: string): void {
    this.label = label;
    if (!this.isEditing && !this.apiNameEdited) {
      this.apiName = apiNameFrom(this.label);
      this.scheduleApiNameCheck();
    }
  }

  private changeApiName(apiName: string): void {
    if (this.isEditing) {
      return;
    }
    this.apiName = apiName;
    // Emptying the box hands the API name back to the name.
    this.apiNameEdited = this.apiName.trim() !== '';
    if (!this.apiNameEdited) {
      this.apiName = apiNameFrom(this.label);
    }
    this.scheduleApiNameCheck();
  }

  /**
   * A new integration's API name is looked up once it rests, so a name in use is named in step 2
   * rather than at SAVE. The old answer goes at once: it spoke of another name.
   */
  private scheduleApiNameCheck(): void {
    this.apiNameTakenError = '';
    this.apiNameRequest += 1;
    this.clearApiNameTimer();
    const apiName = this.apiName.trim();
    if (this.isEditing || apiName === '' || apiNameProblemOf(apiName) !== '') {
      return;
    }
    const request = this.apiNameRequest;
    // Typing must not ask the server on each key.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.apiNameTimer = setTimeout(async () => {
      this.apiNameTimer = undefined;
      const taken = await this.apiNameTaken(apiName);
      if (request === this.apiNameRequest && taken) {
        this.apiNameTakenError =
          `An integration with the API name "${apiName}" already exists (it may be ` +
          'archived). Choose another API name.';
      }
    }, API_NAME_CHECK_DELAY_MS);
  }

  private clearApiNameTimer(): void {
    if (this.apiNameTimer !== undefined) {
      clearTimeout(this.apiNameTimer);
      this.apiNameTimer = undefined;
    }
  }

  private changeReport(reportId: string): void {
    this.reportId = reportId;
    const columns = this.reportColumns;
    if (!columns.some((column) => column.name === this.reportKeyColumn)) {
      this.reportKeyColumn = '';
    }
    this.pruneMappings();
  }

  private changeObject(objectApiName: string): void {
    if (objectApiName === this.targetObject) {
      return;
    }
    this.targetObject = objectApiName;
    this.objectKeyField = '';
    this.description = undefined;
    this.describeObject(objectApiName, true);
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

  /** The key column's type, which the save checks against the key field's (c/keyRules). */
  private get reportKeyColumnType(): string | undefined {
    return this.reportColumns.find((column) => column.name === this.reportKeyColumn)?.type;
  }

  /** Whether the key pair's types can match: a refused pair keeps step 2 incomplete. */
  private keyPairVerdict(): ReturnType<typeof keyPairVerdict> {
    return keyPairVerdict({
      keyFields: this.description?.keyFields ?? [],
      keyField: this.objectKeyField,
      column: this.reportKeyColumn,
      columnType: this.reportKeyColumnType
    });
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
      this.apiNameTakenError === '' &&
      (this.isCsvSource ? this.csvSource.credential !== '' : this.selectedReport !== undefined) &&
      this.reportColumns.some((column) => column.name === this.reportKeyColumn) &&
      description !== undefined &&
      !this.describing &&
      sameName(description.apiName, this.targetObject) &&
      description.keyFields.some((field) => sameName(field.apiName, this.objectKeyField)) &&
      this.keyPairVerdict().state !== 'refused' &&
      (this.isHourly || isWholeHour(this.scheduleTimeUtc)) &&
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
      reportKeyColumnType: this.reportKeyColumnType,
      objectKeyField: this.objectKeyField,
      mappings: this.completeRows.map(mappingOf),
      frequency: this.frequency,
      // Hourly runs follow the dispatcher, on the hour: a time of day would shift their minute.
      scheduleTimeUtc: this.isHourly ? undefined : this.scheduleTimeUtc,
      state: loaded?.state ?? STATE_ACTIVE,
      matchPolicy: this.matchPolicy,
      blankValuePolicy: this.blankValuePolicy
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
    if (this.reset.resetStampField) {
      Object.assign(definition, this.reset);
    }
    return definition;
  }

  private definitionKey(): string {
    return JSON.stringify(this.buildDefinition());
  }

  private keyPairKey(): string {
    return JSON.stringify([
      this.connectionRegion,
      this.reportId,
      this.targetObject,
      this.reportKeyColumn,
      this.objectKeyField
    ]);
  }

  /**
   * What the admin can change, to tell an edited draft from the one opened: every row as the
   * admin left it (incomplete ones too), by column and field only (a column's type follows the
   * report), and the rest of the definition but the report's name, which follows the list.
   */
  private draftKey(): string {
    const settings: Partial<IntegrationDefinition> = { ...this.buildDefinition() };
    delete settings.reportName;
    delete settings.mappings;
    return JSON.stringify({
      ...settings,
      rows: this.mappingRows.map((row) => [row.column ?? '', row.field ?? ''])
    });
  }

  private hasUnsavedChanges(): boolean {
    return this.loadedDraft !== undefined && this.draftKey() !== this.loadedDraft;
  }

  // ----- helpers: showing the wizard

  /**
   * The wizard opens where the list was, often above the window: it scrolls to its top (at once
   * when the admin asked for reduced motion) and its heading takes the focus, so keyboard and
   * screen reader users start in it.
   */
  private bringIntoView(): void {
    const card = this.find<HTMLElement>('[data-id="wizard"]');
    const heading = this.find<HTMLElement>('[data-id="title"]');
    const reduceMotion =
      typeof window.matchMedia === 'function' &&
      window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    card?.scrollIntoView?.({ block: 'start', behavior: reduceMotion ? 'auto' : 'smooth' });
    // The scroll above places the card; focusing must not jump there on its own.
    heading?.focus({ preventScroll: true });
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
    // An integration that could not be opened has no draft to lose.
    this.loadedDraft = integration.status === 'rejected' ? undefined : this.draftKey();
    this.loadingText = '';
  }

  private applyDefinition(definition: IntegrationDefinition): void {
    this.loaded = definition;
    this.label = definition.label ?? '';
    this.apiName = definition.developerName ?? this.developerName ?? '';
    this.connectionRegion = definition.connectionRegion ?? '';
    this.sourceType = sourceTypeOf(definition.sourceType);
    this.csvSource = csvSourceOf(definition);
    this.reportId = definition.reportId ?? '';
    this.targetObject = definition.targetObject ?? '';
    this.objectKeyField = definition.objectKeyField ?? '';
    this.reportKeyColumn = definition.reportKeyColumn ?? '';
    this.frequency = definition.frequency ?? FREQUENCY_DAILY;
    this.scheduleTimeUtc = definition.scheduleTimeUtc ?? DEFAULT_TIME;
    this.scheduleWeekday = definition.scheduleWeekday ?? '';
    this.reset = {
      resetStampField: definition.resetStampField ?? '',
      resetMode: definition.resetMode ?? '',
      resetValue: definition.resetValue ?? ''
    };
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
  add(definition.reportKeyColumn, definition.reportKeyColumnType);
  (definition.mappings ?? []).forEach((mapping) => add(mapping.column, mapping.columnType));
  return {
    credential: definition.csvNamedCredential ?? '',
    path: definition.csvFilePath ?? '',
    columns: [...columns.values()]
  };
}
