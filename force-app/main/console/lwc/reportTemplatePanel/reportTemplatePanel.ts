import { LightningElement, api } from 'lwc';
import getTemplates from '@salesforce/apex/IntegrationController.getTemplates';
import getFieldRequestText from '@salesforce/apex/IntegrationController.getFieldRequestText';
import { asMessageItems, readableErrors, type MessageItem } from 'c/syncFormat';
import type { TemplatePair } from 'c/mappingRules';

type ReportTemplate = InsightsSync.ReportTemplate;
type CatalogField = InsightsSync.CatalogField;

/** Detail of the `templatechange` event. */
export interface TemplateChangeDetail {
  /** The chosen template's key; empty for None. */
  templateKey: string;
  /** The chosen template; undefined for None. */
  template?: ReportTemplate;
  /** Column → field pairs for the suggested fields the object has, for Auto-map. */
  pairs: TemplatePair[];
}

/** One suggested field as the lists show it. */
interface FieldItem {
  key: string;
  text: string;
}

interface ComboboxOption {
  label: string;
  value: string;
}

const NONE = '';

/** What the Copy button says when the browser does not let the page write the clipboard. */
export const COPY_REFUSED =
  'Your browser did not let the page copy. Select the request above and copy it yourself (Ctrl+C, or ⌘C on a Mac).';
/** What the Copy button says once the request is on the clipboard. */
export const COPIED = 'Copied. Paste it into an email to your Salesforce admin.';

/**
 * A ready-made report (Logins, NPS, Onboarding completion, TeachMe) for the chosen object: which
 * of the template's suggested `WalkMe_` fields the object has (among the fields the admin can
 * update) and which it lacks, and the field request to send to whoever creates fields, as
 * IntegrationController.getFieldRequestText writes it for the object, to read and copy.
 *
 * @fires templatechange when a template is chosen (or None), and when the object's fields change
 * the pairs of the chosen one, with `{ templateKey, template, pairs }`; it does not bubble.
 */
export default class ReportTemplatePanel extends LightningElement {
  templates: ReportTemplate[] = [];
  loadErrors: string[] = [];
  requestText = '';
  requestErrors: string[] = [];
  loadingRequest = false;
  copyMessage = '';

  private chosenKey = NONE;
  private object = '';
  private label = '';
  private objectFields: readonly CatalogField[] = [];
  private connected = false;
  private requestNumber = 0;
  private requestedFor = '';
  private lastPairs = '';

  /** The chosen template's key (`logins`, `nps`…); empty for None. */
  @api
  get templateKey(): string {
    return this.chosenKey;
  }
  set templateKey(value: string | undefined) {
    this.chosenKey = value ?? NONE;
    this.refreshRequest();
  }

  /** The target object's API name; empty until one is chosen. */
  @api
  get objectApiName(): string {
    return this.object;
  }
  set objectApiName(value: string | undefined) {
    this.object = (value ?? '').trim();
    this.refreshRequest();
  }

  /** The target object's label, as the lists name it; its API name when not given. */
  @api
  get objectLabel(): string {
    return this.label || this.object;
  }
  set objectLabel(value: string | undefined) {
    this.label = value ?? '';
  }

  /**
   * The object's fields the admin can update (ObjectDescription.fields); empty while the object
   * is being described, when the panel shows no lists.
   */
  @api
  get fields(): readonly CatalogField[] {
    return this.objectFields;
  }
  set fields(value: readonly CatalogField[] | undefined) {
    this.objectFields = value ?? [];
    // The pairs hold the fields the object has: they change with the fields.
    if (this.connected && this.chosenKey !== NONE) {
      this.notify(false);
    }
  }

  override connectedCallback(): void {
    this.connected = true;
    this.loadTemplates();
  }

  override disconnectedCallback(): void {
    this.connected = false;
  }

  // ----- what the template shows

  get templateOptions(): ComboboxOption[] {
    return [
      { label: 'None', value: NONE },
      ...this.templates.map((template) => ({
        label: `${template.name} (${template.reportName})`,
        value: template.key
      }))
    ];
  }

  get hasLoadErrors(): boolean {
    return this.loadErrors.length > 0;
  }

  get loadErrorItems(): MessageItem[] {
    return asMessageItems(this.loadErrors);
  }

  get chosen(): ReportTemplate | undefined {
    return this.templates.find((template) => template.key === this.chosenKey);
  }

  get hasTemplate(): boolean {
    return this.chosen !== undefined;
  }

  get description(): string {
    const template = this.chosen;
    return template ? `${template.description} Insights report: ${template.reportName}.` : '';
  }

  get needsObject(): boolean {
    return this.hasTemplate && this.object === '';
  }

  /** The lists show once the object's fields are known. */
  get showFields(): boolean {
    return this.hasTemplate && this.object !== '' && this.objectFields.length > 0;
  }

  get presentItems(): FieldItem[] {
    return this.suggested(true);
  }

  get missingItems(): FieldItem[] {
    return this.suggested(false);
  }

  get hasPresent(): boolean {
    return this.presentItems.length > 0;
  }

  get hasMissing(): boolean {
    return this.missingItems.length > 0;
  }

  get presentHeading(): string {
    return `On ${this.objectLabel}:`;
  }

  get missingHeading(): string {
    return `Missing on ${this.objectLabel} (or not editable by you):`;
  }

  get noneMissingText(): string {
    return `${this.objectLabel} has every field the template suggests.`;
  }

  get hasRequestErrors(): boolean {
    return this.requestErrors.length > 0;
  }

  get requestErrorItems(): MessageItem[] {
    return asMessageItems(this.requestErrors);
  }

  get showRequest(): boolean {
    return this.hasTemplate && this.requestText !== '';
  }

  get requestLabel(): string {
    return `Field request for ${this.objectLabel}`;
  }

  // ----- handlers

  handleTemplateChange(event: CustomEvent<{ value: string }>): void {
    const key = event.detail.value ?? NONE;
    if (key === this.chosenKey) {
      return;
    }
    this.chosenKey = key;
    this.copyMessage = '';
    this.refreshRequest();
    this.notify(true);
  }

  async handleCopy(): Promise<void> {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard?.writeText) {
      this.copyMessage = COPY_REFUSED;
      return;
    }
    try {
      await clipboard.writeText(this.requestText);
      this.copyMessage = COPIED;
    } catch (_refused) {
      this.copyMessage = COPY_REFUSED;
    }
  }

  // ----- helpers

  private async loadTemplates(): Promise<void> {
    try {
      this.templates = (await getTemplates()) ?? [];
      this.loadErrors = [];
      this.refreshRequest();
      if (this.chosenKey !== NONE) {
        this.notify(false);
      }
    } catch (error) {
      this.loadErrors = readableErrors(error);
    }
  }

  /** The suggested fields the object has (`present`) or lacks, with label and API name. */
  private suggested(present: boolean): FieldItem[] {
    const template = this.chosen;
    if (!template || !this.showFields) {
      return [];
    }
    return template.suggestedFields
      .filter((field) => (this.fieldOnObject(field.apiName) !== undefined) === present)
      .map((field) => ({ key: field.apiName, text: `${field.label} (${field.apiName})` }));
  }

  private fieldOnObject(apiName: string): CatalogField | undefined {
    const wanted = apiName.toLowerCase();
    return this.objectFields.find((field) => field.apiName.toLowerCase() === wanted);
  }

  private pairs(): TemplatePair[] {
    const pairs: TemplatePair[] = [];
    for (const suggested of this.chosen?.suggestedFields ?? []) {
      const field = this.fieldOnObject(suggested.apiName);
      if (field) {
        pairs.push({ column: suggested.column, field: field.apiName });
      }
    }
    return pairs;
  }

  /** Tells the owner; unless `always`, only when the pairs changed since the last time. */
  private notify(always: boolean): void {
    const pairs = this.pairs();
    const signature = `${this.chosenKey}|${JSON.stringify(pairs)}`;
    if (!always && signature === this.lastPairs) {
      return;
    }
    this.lastPairs = signature;
    const detail: TemplateChangeDetail = {
      templateKey: this.chosenKey,
      template: this.chosen,
      pairs
    };
    this.dispatchEvent(new CustomEvent<TemplateChangeDetail>('templatechange', { detail }));
  }

  /** Asks for the request of the chosen template on the object, once per pair of the two. */
  private refreshRequest(): void {
    const wanted = this.hasTemplate && this.object !== '' ? `${this.chosenKey}|${this.object}` : '';
    if (wanted === this.requestedFor) {
      return;
    }
    this.requestedFor = wanted;
    this.requestText = '';
    this.requestErrors = [];
    this.copyMessage = '';
    this.requestNumber += 1;
    if (wanted === '') {
      this.loadingRequest = false;
      return;
    }
    this.loadRequest(this.requestNumber, this.chosenKey, this.object);
  }

  private async loadRequest(
    number: number,
    templateKey: string,
    objectApiName: string
  ): Promise<void> {
    this.loadingRequest = true;
    try {
      const text = await getFieldRequestText({ templateKey, objectApiName });
      // A later choice asked again: this answer is for one no longer shown.
      if (number === this.requestNumber) {
        this.requestText = text ?? '';
      }
    } catch (error) {
      if (number === this.requestNumber) {
        this.requestErrors = readableErrors(error);
      }
    } finally {
      if (number === this.requestNumber) {
        this.loadingRequest = false;
      }
    }
  }
}
