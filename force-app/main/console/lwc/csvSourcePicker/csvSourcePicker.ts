import { LightningElement, api } from 'lwc';
import getCsvCredentials from '@salesforce/apex/IntegrationController.getCsvCredentials';
import readCsvSample from '@salesforce/apex/IntegrationController.readCsvSample';
import { asMessageItems, readableErrors, type MessageItem } from 'c/syncFormat';

type ReportColumn = InsightsSync.ReportColumn;

/** Detail of the `csvsourcechange` event: the source as it stands after each change. */
export interface CsvSourceChangeDetail {
  /** The Named Credential's API name; empty until chosen. */
  credential: string;
  /** The file path as entered; empty until entered. */
  path: string;
  /** The columns read from the file with their types (proposed, then as edited); empty until read. */
  columns: ReportColumn[];
}

interface ComboboxOption {
  label: string;
  value: string;
}

interface ColumnView {
  key: string;
  name: string;
  type: string;
  typeLabel: string;
}

interface SampleRowView {
  key: string;
  cells: { key: string; text: string }[];
}

/** The contract's column types (ColumnTypeCompatibility), in the order offered. */
export const COLUMN_TYPE_OPTIONS: readonly ComboboxOption[] = [
  { value: 'string', label: 'Text' },
  { value: 'integer', label: 'Whole number' },
  { value: 'number', label: 'Number' },
  { value: 'percent', label: 'Percent' },
  { value: 'boolean', label: 'True or false' },
  { value: 'date', label: 'Date' },
  { value: 'datetime', label: 'Date and time' }
];

/**
 * The CSV export source of an integration: which of the org's Named Credentials reaches the
 * bucket (the packaged WalkMe credentials are never offered), the export file's path below it,
 * and the file's columns. "Read columns" reads the header row and the first rows through the same
 * reader a run uses; each column's type is proposed from those rows and can be changed. Every
 * change is announced with `csvsourcechange`; the columns are empty until read again after the
 * credential or the path changed.
 */
export default class CsvSourcePicker extends LightningElement {
  credentialOptions: InsightsSync.CsvCredentialOption[] = [];
  credentialsLoaded = false;
  credentialErrors: string[] = [];
  reading = false;
  readErrors: string[] = [];
  sample?: InsightsSync.CsvExportSample;

  private selectedCredential = '';
  private enteredPath = '';
  private readColumns: ReportColumn[] = [];

  /** The Named Credential's API name (e.g. when an integration is edited). */
  @api
  get credential(): string {
    return this.selectedCredential;
  }
  set credential(value: string | undefined) {
    this.selectedCredential = (value ?? '').trim();
  }

  /** The export file's path below the Named Credential's URL. */
  @api
  get path(): string {
    return this.enteredPath;
  }
  set path(value: string | undefined) {
    // The path announced is trimmed: handed back, it must not eat a space being typed.
    if ((value ?? '') !== this.enteredPath.trim()) {
      this.enteredPath = value ?? '';
    }
  }

  /** The columns with their types, as saved with an edited integration or as last read. */
  @api
  get columns(): ReportColumn[] {
    return this.readColumns;
  }
  set columns(value: ReportColumn[] | undefined) {
    this.readColumns = (value ?? []).map((column) => ({ ...column }));
  }

  override connectedCallback(): void {
    // loadCredentials settles every failure into the picker itself.
    this.loadCredentials();
  }

  // ----- what the template shows

  get isBusy(): boolean {
    return this.reading || !this.credentialsLoaded;
  }

  get ariaBusy(): string {
    return this.isBusy ? 'true' : 'false';
  }

  get busyText(): string {
    return this.reading ? 'Reading the export file' : 'Loading the Named Credentials';
  }

  get hasCredentialOptions(): boolean {
    return this.credentialOptions.length > 0;
  }

  get credentialComboboxOptions(): ComboboxOption[] {
    const options = this.credentialOptions.map((option) => ({
      value: option.apiName,
      label: option.endpoint ? `${option.label} (${option.endpoint})` : option.label
    }));
    const chosen = this.selectedCredential;
    if (chosen !== '' && !options.some((option) => option.value === chosen)) {
      // A saved credential that is no longer listed stays visible rather than blank.
      options.unshift({ value: chosen, label: chosen });
    }
    return options;
  }

  /** Why the list is empty: the listing failed, or the org has no credential to offer. */
  get credentialNotice(): string {
    if (!this.credentialsLoaded || this.hasCredentialOptions) {
      return '';
    }
    if (this.credentialErrors.length > 0) {
      return this.credentialErrors.join(' ');
    }
    return (
      'No Named Credential of this org can be used for a CSV export. Create one for the ' +
      'bucket that holds the export (see the CSV export guide), or enter its API name here.'
    );
  }

  get readDisabled(): boolean {
    return this.reading || this.selectedCredential.trim() === '' || this.enteredPath.trim() === '';
  }

  get hasReadErrors(): boolean {
    return this.readErrors.length > 0;
  }

  get readErrorItems(): MessageItem[] {
    return asMessageItems(this.readErrors);
  }

  get hasColumns(): boolean {
    return this.readColumns.length > 0;
  }

  get typeOptions(): readonly ComboboxOption[] {
    return COLUMN_TYPE_OPTIONS;
  }

  get columnViews(): ColumnView[] {
    return this.readColumns.map((column) => ({
      key: column.name,
      name: column.name,
      type: column.type ?? 'string',
      typeLabel: `Type of ${column.name}`
    }));
  }

  /** Columns kept from a saved integration, not read from the file in this session. */
  get columnsFromSave(): boolean {
    return this.hasColumns && this.sample === undefined;
  }

  get hasSample(): boolean {
    return (this.sample?.rows.length ?? 0) > 0;
  }

  get sampleHeader(): { key: string; text: string }[] {
    return (this.sample?.columns ?? []).map((column) => ({ key: column.name, text: column.name }));
  }

  get sampleRows(): SampleRowView[] {
    return (this.sample?.rows ?? []).map((cells, row) => ({
      key: `row-${row}`,
      cells: cells.map((cell, index) => ({ key: `${row}-${index}`, text: cell ?? '' }))
    }));
  }

  get sampleCaption(): string {
    const count = this.sample?.rows.length ?? 0;
    const more = this.sample?.hasMoreRows ? ', more follow' : '';
    return `First ${count} ${count === 1 ? 'row' : 'rows'} of the file${more}`;
  }

  get hasRowProblems(): boolean {
    return (this.sample?.rowProblems.length ?? 0) > 0;
  }

  get rowProblemItems(): MessageItem[] {
    return asMessageItems(this.sample?.rowProblems ?? []);
  }

  // ----- handlers

  handleCredentialChange(event: CustomEvent<{ value: string }>): void {
    const credential = (event.detail.value ?? '').trim();
    if (credential === this.selectedCredential) {
      return;
    }
    this.selectedCredential = credential;
    this.forgetColumns();
  }

  handlePathChange(event: CustomEvent<{ value: string }>): void {
    const path = event.detail.value ?? '';
    if (path.trim() === this.enteredPath.trim()) {
      this.enteredPath = path;
      return;
    }
    this.enteredPath = path;
    this.forgetColumns();
  }

  async handleRead(): Promise<void> {
    if (this.readDisabled) {
      return;
    }
    const namedCredential = this.selectedCredential.trim();
    const filePath = this.enteredPath.trim();
    this.reading = true;
    this.readErrors = [];
    try {
      const sample = await readCsvSample({ namedCredential, filePath });
      if (
        namedCredential !== this.selectedCredential.trim() ||
        filePath !== this.enteredPath.trim()
      ) {
        // The admin changed the source while it was read: this answer is for another file.
        return;
      }
      this.sample = sample;
      this.readColumns = sample.columns.map((column) => ({ ...column }));
      this.announce();
    } catch (error) {
      this.readErrors = readableErrors(error);
    } finally {
      this.reading = false;
    }
  }

  handleTypeChange(event: CustomEvent<{ value: string }>): void {
    const name = (event.target as HTMLElement).dataset.column;
    const type = event.detail.value;
    this.readColumns = this.readColumns.map((column) => {
      return column.name === name ? { ...column, type } : column;
    });
    this.announce();
  }

  // ----- helpers

  private forgetColumns(): void {
    this.sample = undefined;
    this.readErrors = [];
    this.readColumns = [];
    this.announce();
  }

  private announce(): void {
    const detail: CsvSourceChangeDetail = {
      credential: this.selectedCredential,
      path: this.enteredPath.trim(),
      columns: this.readColumns.map((column) => ({ ...column }))
    };
    this.dispatchEvent(new CustomEvent<CsvSourceChangeDetail>('csvsourcechange', { detail }));
  }

  private async loadCredentials(): Promise<void> {
    try {
      this.credentialOptions = (await getCsvCredentials()) ?? [];
    } catch (error) {
      this.credentialErrors = readableErrors(error);
    } finally {
      this.credentialsLoaded = true;
    }
  }
}
