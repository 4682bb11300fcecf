import { LightningElement, api } from 'lwc';
import { asMessageItems, type MessageItem } from 'c/syncFormat';
import {
  SOURCE_CSV_EXPORT,
  SOURCE_INSIGHTS_API,
  sourceTypeOf,
  type ComboboxOption,
  type RegionChangeDetail,
  type SourceChangeDetail
} from 'c/wizardRules';

type ConnectionStatus = InsightsSync.InsightsConnectionStatus;

/** The report source choice, a sentence each. */
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

/** Elements the step moves the focus to. */
type Focusable = HTMLElement & { focus(): void };

/**
 * The environment step of the integration wizard: the org (c-environment-block), the connected
 * Insights regions to read from, and what to do when none is connected or the integration's
 * region no longer is.
 *
 * @fires regionchange when the admin chooses a region, with `{ regionCode }`
 * @fires sourcechange when the admin chooses the report source, with `{ sourceType }`
 */
export default class WizardEnvironmentStep extends LightningElement {
  /** The org as ConnectionController.getEnvironment describes it. */
  @api environment?: InsightsSync.ConsoleEnvironment;
  /** Why the org could not be read. */
  @api environmentErrors: string[] = [];
  /** Every Insights region with whether it is connected. */
  @api connections: ConnectionStatus[] = [];
  /** Whether the connections were read (or failed to be): only then is "none connected" true. */
  @api connectionsLoaded = false;
  /** Why the connections could not be read. */
  @api connectionErrors: string[] = [];
  /** The region the integration reads from; '' when none is chosen. */
  @api connectionRegion = '';
  /** Where the integration reads its rows: 'Insights API' (a region) or 'CSV Export' (a file). */
  @api sourceType = SOURCE_INSIGHTS_API;

  /** Moves the focus to the step's heading. */
  @api
  focusHeading(): void {
    this.template?.querySelector<Focusable>('[data-id="heading-environment"]')?.focus();
  }

  get environmentBlockClass(): string {
    return this.environment ? 'slds-m-bottom_medium' : '';
  }

  get connectionErrorItems(): MessageItem[] {
    return asMessageItems(this.connectionErrors ?? []);
  }

  get hasConnectionErrors(): boolean {
    return (this.connectionErrors ?? []).length > 0;
  }

  get connectedRegions(): ConnectionStatus[] {
    return (this.connections ?? []).filter((status) => status.connected);
  }

  get connectionOptions(): ComboboxOption[] {
    return this.connectedRegions.map((status) => ({
      value: status.regionCode,
      label:
        `${status.regionLabel} (${status.host})` +
        (status.credentialsRefused === true ? ' · Credentials refused' : '')
    }));
  }

  get isCsvSource(): boolean {
    return this.sourceType === SOURCE_CSV_EXPORT;
  }

  get sourceOptions(): readonly ComboboxOption[] {
    return SOURCE_OPTIONS;
  }

  get sourceValue(): string {
    return this.isCsvSource ? SOURCE_CSV_EXPORT : SOURCE_INSIGHTS_API;
  }

  get hasConnectionOptions(): boolean {
    return !this.isCsvSource && this.connectedRegions.length > 0;
  }

  get noConnection(): boolean {
    return !this.isCsvSource && this.connectionsLoaded && this.connectedRegions.length === 0;
  }

  /** An edited integration whose region is no longer connected: say so rather than blank it. */
  get regionWarning(): string {
    const region = this.connectionRegion ?? '';
    if (
      region === '' ||
      this.isCsvSource ||
      !this.connectionsLoaded ||
      this.connectedRegions.some((status) => status.regionCode === region)
    ) {
      return '';
    }
    const label =
      (this.connections ?? []).find((status) => status.regionCode === region)?.regionLabel ??
      region;
    return (
      `This integration reads from ${label}, which is not connected. Connect it in the ` +
      'Connection panel, or choose another connection.'
    );
  }

  /** WalkMe refused the chosen region's stored credentials when they were last used. */
  get refusedWarning(): string {
    const chosen = this.connectedRegions.find(
      (status) => status.regionCode === (this.connectionRegion ?? '')
    );
    if (this.isCsvSource || chosen?.credentialsRefused !== true) {
      return '';
    }
    return (
      `WalkMe refused the credentials of ${chosen.regionLabel} when they were last used: its ` +
      'reports cannot be read and runs fail until you connect it again with valid credentials ' +
      'in the Connection panel.'
    );
  }

  handleSourceChange(event: CustomEvent<{ value: string }>): void {
    event.stopPropagation();
    const detail: SourceChangeDetail = { sourceType: sourceTypeOf(event.detail.value) };
    this.dispatchEvent(new CustomEvent<SourceChangeDetail>('sourcechange', { detail }));
  }

  handleConnectionChange(event: CustomEvent<{ value: string }>): void {
    event.stopPropagation();
    const detail: RegionChangeDetail = { regionCode: event.detail.value ?? '' };
    this.dispatchEvent(new CustomEvent<RegionChangeDetail>('regionchange', { detail }));
  }
}
