import { LightningElement, api } from 'lwc';
import { asMessageItems, type MessageItem } from 'c/syncFormat';
import type { TemplateChangeDetail } from 'c/reportTemplatePanel';
import type { CsvSourceChangeDetail } from 'c/csvSourcePicker';
import { keyFieldOptions, keyPairVerdict, type KeyPairVerdict } from 'c/keyRules';
import {
  FREQUENCY_DAILY,
  FREQUENCY_HOURLY,
  FREQUENCY_WEEKLY,
  HOURS_UTC,
  SOURCE_CSV_EXPORT,
  SOURCE_INSIGHTS_API,
  WEEKDAYS,
  apiNameProblemOf,
  objectLabelOf,
  passOn,
  scheduleTimeProblem,
  type ComboboxOption,
  type ReportStepChangeDetail,
  type ReportStepField
} from 'c/wizardRules';

type ConnectionStatus = InsightsSync.InsightsConnectionStatus;

/** Elements the step moves the focus to. */
type Focusable = HTMLElement & { focus(): void };

/**
 * The report and object step of the integration wizard: the integration's name and API name, the
 * report of the chosen region, the object (searchable), the key pair matching report rows to
 * records, and the schedule in UTC. The wizard holds the values; the step shows them, says what
 * is wrong with them and announces each change.
 *
 * @fires settingchange when the admin changes a setting, with `{ field, value }`
 * @fires retryreports when the admin asks to read the region's reports again
 * @fires templatechange when the admin chooses a ready-made report (or None), with its pairs
 * @fires csvsourcechange when the admin changes the CSV export's credential, path or columns
 */
export default class WizardReportStep extends LightningElement {
  /** Whether a saved integration is edited: its API name cannot change. */
  @api isEditing = false;
  /** The integration's name. */
  @api label = '';
  /** The integration's API name. */
  @api apiName = '';
  /** Every Insights region, to name the chosen one. */
  @api connections: ConnectionStatus[] = [];
  /** The region the integration reads from. */
  @api connectionRegion = '';
  /** The reports of the region tagged for Salesforce. */
  @api reports: InsightsSync.InsightsReport[] = [];
  /** The region `reports` were read from; '' while none were. */
  @api reportsRegion = '';
  /** Whether the region's reports are being read. */
  @api loadingReports = false;
  /** Why the region's reports could not be read. */
  @api reportErrors: string[] = [];
  /** The chosen report. */
  @api reportId = '';
  /** The name the saved integration gives its report, for a report no longer offered. */
  @api savedReportName?: string;
  /** The objects the admin may update. */
  @api objects: InsightsSync.CatalogObject[] = [];
  /** Why the objects could not be listed. */
  @api objectErrors: string[] = [];
  /** What the admin searches the objects for. */
  @api objectSearch = '';
  /** The chosen object's API name. */
  @api targetObject = '';
  /** The chosen object as described; undefined until described. */
  @api description?: InsightsSync.ObjectDescription;
  /** Whether the chosen object is being described. */
  @api describing = false;
  /** Why the chosen object could not be described. */
  @api describeErrors: string[] = [];
  /** The object's field holding each record's key. */
  @api objectKeyField = '';
  /** The report column holding each row's key. */
  @api reportKeyColumn = '';
  /** Why the API name cannot be used because an integration has it; '' when free or unknown. */
  @api apiNameError = '';
  /** Daily, Hourly or Weekly. */
  @api frequency = FREQUENCY_DAILY;
  /** The time of day of daily and weekly runs, HH:mm in UTC, on the hour. */
  @api scheduleTimeUtc = '';
  /** The weekday of weekly runs. */
  @api scheduleWeekday = '';
  /** The ready-made report chosen (c-report-template-panel); '' for None. */
  @api templateKey = '';
  /** Where the integration reads its rows: 'Insights API' (a report) or 'CSV Export' (a file). */
  @api sourceType = SOURCE_INSIGHTS_API;
  /** The CSV export's Named Credential, file path and columns (read from the file). */
  @api csvCredential = '';
  @api csvPath = '';
  @api csvColumns: InsightsSync.ReportColumn[] = [];

  /** Moves the focus to the step's heading. */
  @api
  focusHeading(): void {
    this.template?.querySelector<Focusable>('[data-id="heading-report"]')?.focus();
  }

  // ----- name

  get apiNameProblem(): string {
    return apiNameProblemOf((this.apiName ?? '').trim());
  }

  get apiNameHelp(): string {
    return this.isEditing
      ? 'The API name identifies the integration and cannot change once it is saved.'
      : 'Letters, digits and single underscores. It identifies the integration and cannot ' +
          'change once it is saved.';
  }

  // ----- report

  get regionLabel(): string {
    return (
      (this.connections ?? []).find((status) => status.regionCode === this.connectionRegion)
        ?.regionLabel ?? this.connectionRegion
    );
  }

  get loadingReportsText(): string {
    return `Loading the reports of ${this.regionLabel}`;
  }

  get reportErrorItems(): MessageItem[] {
    return asMessageItems(this.reportErrors ?? []);
  }

  get hasReportErrors(): boolean {
    return (this.reportErrors ?? []).length > 0;
  }

  get reportOptions(): ComboboxOption[] {
    return (this.reports ?? []).map((report) => ({ value: report.id, label: report.name }));
  }

  get reportDisabled(): boolean {
    return this.loadingReports || (this.reports ?? []).length === 0;
  }

  get noReports(): boolean {
    return (
      !this.loadingReports &&
      (this.reportErrors ?? []).length === 0 &&
      this.reportsRegion !== '' &&
      (this.reports ?? []).length === 0
    );
  }

  get selectedReport(): InsightsSync.InsightsReport | undefined {
    return (this.reports ?? []).find((report) => report.id === this.reportId);
  }

  /** The report an edited integration reads, when its region no longer offers it. */
  get missingReportText(): string {
    if (
      this.reportId === '' ||
      this.loadingReports ||
      this.reportsRegion === '' ||
      (this.reportErrors ?? []).length > 0 ||
      this.selectedReport
    ) {
      return '';
    }
    const name = this.savedReportName ?? this.reportId;
    return (
      `The report "${name}" is no longer tagged for Salesforce in ${this.regionLabel}. ` +
      'Tag it in Insights again, or choose another report.'
    );
  }

  get isCsvSource(): boolean {
    return this.sourceType === SOURCE_CSV_EXPORT;
  }

  /** The columns the key column is chosen from: the report's, or those read from the file. */
  get reportColumns(): InsightsSync.ReportColumn[] {
    if (this.isCsvSource) {
      return this.csvColumns ?? [];
    }
    return this.selectedReport?.columns ?? [];
  }

  /** c-csv-source-picker's `csvsourcechange` and c-report-template-panel's `templatechange`. */
  handleChildChange(event: CustomEvent<CsvSourceChangeDetail | TemplateChangeDetail>): void {
    passOn(this, event);
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

  // ----- object

  get objectErrorItems(): MessageItem[] {
    return asMessageItems(this.objectErrors ?? []);
  }

  get hasObjectErrors(): boolean {
    return (this.objectErrors ?? []).length > 0;
  }

  /** The objects matching the search (label or API name); the chosen one always stays. */
  get objectOptions(): ComboboxOption[] {
    const search = (this.objectSearch ?? '').trim().toLowerCase();
    const options: ComboboxOption[] = [];
    for (const object of this.objects ?? []) {
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
    const objects = this.objects ?? [];
    const search = (this.objectSearch ?? '').trim();
    if (search === '') {
      return `${objects.length} objects you can update`;
    }
    const lower = search.toLowerCase();
    const matching = objects.filter(
      (object) =>
        object.label.toLowerCase().includes(lower) || object.apiName.toLowerCase().includes(lower)
    ).length;
    return `${matching} of ${objects.length} objects match "${search}"`;
  }

  get objectLabel(): string {
    return objectLabelOf(this.targetObject, this.description, this.objects ?? []);
  }

  // ----- key pair

  get describingText(): string {
    return `Loading the fields of ${this.objectLabel}`;
  }

  get describeErrorItems(): MessageItem[] {
    return asMessageItems(this.describeErrors ?? []);
  }

  get hasDescribeErrors(): boolean {
    return (this.describeErrors ?? []).length > 0;
  }

  /** The fields usable as the key: key candidates (email, external id, idLookup) first. */
  /** The key column's type as the report declares it; undefined when it does not say. */
  get keyColumnType(): string | undefined {
    return this.reportColumns.find((column) => column.name === this.reportKeyColumn)?.type;
  }

  /**
   * Fields that identify a record (record id, external id, unique, Email, id lookup) first, each
   * saying why; the others marked "not unique"; none the key column's type can never match.
   */
  get keyFieldOptions(): ComboboxOption[] {
    // The label alone says why (" · Email", " · not unique"): a second line would join the
    // option's accessible name, and the warning under the box gives the whole sentence.
    return keyFieldOptions({
      keyFields: this.description?.keyFields ?? [],
      columnType: this.keyColumnType,
      currentField: this.objectKeyField
    }).map((option) => ({ value: option.value, label: option.label }));
  }

  /** Whether the chosen pair can match: refused (types), a warning (weak field) or fine. */
  get keyPairVerdict(): KeyPairVerdict {
    return keyPairVerdict({
      keyFields: this.description?.keyFields ?? [],
      keyField: this.objectKeyField,
      column: this.reportKeyColumn,
      columnType: this.keyColumnType
    });
  }

  get keyPairRefused(): boolean {
    return this.keyPairVerdict.state === 'refused';
  }

  get keyPairWarned(): boolean {
    return this.keyPairVerdict.state === 'warning';
  }

  get keyPairMessage(): string {
    return this.keyPairVerdict.message ?? '';
  }

  get keyFieldDisabled(): boolean {
    return this.describing || this.keyFieldOptions.length === 0;
  }

  get keyFieldLabel(): string {
    return this.targetObject === '' ? 'Key field' : `Key field on ${this.objectLabel}`;
  }

  // ----- schedule

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

  /** The whole hours of the day: the dispatcher starts runs only at the top of an hour. */
  get timeOptions(): readonly ComboboxOption[] {
    return HOURS_UTC;
  }

  get timeProblem(): string {
    return this.isHourly ? '' : scheduleTimeProblem(this.scheduleTimeUtc ?? '');
  }

  // ----- input

  handleLabelChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'label', event.detail.value ?? '');
  }

  handleApiNameChange(event: CustomEvent<{ value: string }>): void {
    if (this.isEditing) {
      event.stopPropagation();
      return;
    }
    this.announce(event, 'apiName', event.detail.value ?? '');
  }

  handleReportChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'reportId', event.detail.value ?? '');
  }

  handleObjectSearch(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'objectSearch', event.detail.value ?? '');
  }

  handleObjectChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'targetObject', event.detail.value ?? '');
  }

  handleKeyFieldChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'objectKeyField', event.detail.value ?? '');
  }

  handleKeyColumnChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'reportKeyColumn', event.detail.value ?? '');
  }

  handleFrequencyChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'frequency', event.detail.value ?? FREQUENCY_DAILY);
  }

  handleTimeChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'scheduleTimeUtc', event.detail.value ?? '');
  }

  handleWeekdayChange(event: CustomEvent<{ value: string }>): void {
    this.announce(event, 'scheduleWeekday', event.detail.value ?? '');
  }

  /** The fields of the chosen object the template panel compares its suggestions with. */
  get objectFields(): InsightsSync.CatalogField[] {
    return this.description?.fields ?? [];
  }

  handleRetryReports(): void {
    this.dispatchEvent(new CustomEvent('retryreports'));
  }

  /** The base component's `change` stays inside the step; the wizard hears `settingchange`. */
  private announce(event: Event, field: ReportStepField, value: string): void {
    event.stopPropagation();
    const detail: ReportStepChangeDetail = { field, value };
    this.dispatchEvent(new CustomEvent<ReportStepChangeDetail>('settingchange', { detail }));
  }
}
