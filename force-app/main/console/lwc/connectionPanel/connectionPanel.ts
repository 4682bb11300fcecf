import { LightningElement } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import getConnections from '@salesforce/apex/ConnectionController.getConnections';
import connect from '@salesforce/apex/ConnectionController.connect';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import disconnect from '@salesforce/apex/ConnectionController.disconnect';
import getEnvironment from '@salesforce/apex/ConnectionController.getEnvironment';
import { asMessageItems, readableErrors, type MessageItem } from 'c/syncFormat';

type ConnectionStatus = InsightsSync.InsightsConnectionStatus;

/** Detail of the `connectionchange` event. It never carries a client id or secret. */
export interface ConnectionChangeDetail {
  regionCode: string;
  connected: boolean;
}

interface ComboboxOption {
  label: string;
  value: string;
}

type NoticeVariant = 'success' | 'warning' | 'info';

interface Notice {
  variant: NoticeVariant;
  message: string;
  reportCount?: number;
}

interface RegionRow {
  regionCode: string;
  regionLabel: string;
  host: string;
  connected: boolean;
  stateLabel: string;
  badgeClass: string;
  clientIdHint?: string;
  message?: string;
  messageClass: string;
  hasReportCount: boolean;
  reportCount?: number;
  testButtonLabel: string;
  disconnectButtonLabel: string;
}

/**
 * The regions the console offers, in ConnectionController's order, with the labels used until
 * the statuses (which carry the labels the Apex uses) have arrived: connecting must stay possible
 * even when the statuses cannot be read.
 */
const DEFAULT_REGIONS: readonly ComboboxOption[] = [
  { value: 'US', label: 'United States' },
  { value: 'EU', label: 'Europe' },
  { value: 'CA', label: 'Canada' },
  { value: 'FEDRAMP', label: 'FedRAMP' }
];

const SECRET_MASK = '••••';
const MIN_MASKED_SECRET_LENGTH = 4;

/**
 * The Apex already leaves the secret out of its messages; hiding it here too keeps that true for
 * any error on the way (as typed and as trimmed). Values too short to be a real secret are left
 * alone: masking them would garble the sentence, and the Apex rejects them anyway.
 */
function withoutSecret(message: string, secret: string): string {
  let hidden = message;
  for (const form of [secret, secret.trim()]) {
    if (form.length >= MIN_MASKED_SECRET_LENGTH) {
      hidden = hidden.split(form).join(SECRET_MASK);
    }
  }
  return hidden;
}

/**
 * Connect, test and disconnect the Insights regions, and the org the console runs in. The
 * client secret lives in this component only from the moment it is typed until Connect hands it
 * to Apex: it is cleared from the state and the input then, before the answer comes, so it is
 * gone after a success and after a failure alike. It is never logged, put in an event or shown.
 *
 * Connect and Test connection are two requests because the Apex cannot store credentials and
 * call out in one transaction.
 *
 * @fires connectionchange after a region was connected or disconnected, with
 * `{ regionCode, connected }`, so the console can refresh what depends on the connections.
 */
export default class ConnectionPanel extends LightningElement {
  environment?: InsightsSync.ConsoleEnvironment;
  statuses: ConnectionStatus[] = [];
  environmentErrors: string[] = [];
  statusErrors: string[] = [];

  regionCode = '';
  clientId = '';
  clientSecret = '';

  /** What is running, for the spinner's assistive text; empty while nothing runs. */
  busyText = '';
  errors: string[] = [];
  notice?: Notice;

  override connectedCallback(): void {
    // loadAll settles every failure into the panel itself.
    this.loadAll();
  }

  // ----- what the template shows

  get isBusy(): boolean {
    return this.busyText !== '';
  }

  get ariaBusy(): string {
    return String(this.isBusy);
  }

  get loadErrorItems(): MessageItem[] {
    return asMessageItems([...this.environmentErrors, ...this.statusErrors]);
  }

  get errorItems(): MessageItem[] {
    return asMessageItems(this.errors);
  }

  get hasLoadErrors(): boolean {
    return this.environmentErrors.length + this.statusErrors.length > 0;
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  get hasRegions(): boolean {
    return this.statuses.length > 0;
  }

  /**
   * What the user must be granted before any callout can work (Modify All Records on User
   * External Credentials, which the packaged permission set cannot carry), as the last test found
   * it. It is the user's, not a region's, so the panel shows it once, above the regions.
   */
  get missingAccess(): string {
    return this.statuses.find((status) => status.missingAccess)?.missingAccess ?? '';
  }

  get regionRows(): RegionRow[] {
    return this.statuses.map((status) => ({
      regionCode: status.regionCode,
      regionLabel: status.regionLabel,
      host: status.host,
      connected: status.connected,
      stateLabel: status.connected ? 'Connected' : 'Not connected',
      badgeClass: status.connected ? 'slds-theme_success' : '',
      clientIdHint: status.clientIdHint,
      message: status.message,
      messageClass:
        status.testSucceeded === false || status.failureReason
          ? 'slds-text-color_error slds-m-top_xx-small'
          : 'slds-text-color_weak slds-m-top_xx-small',
      hasReportCount: status.testSucceeded === true && status.reportCount !== undefined,
      reportCount: status.reportCount,
      // The visible label inside the spoken name, so speech input finds the button by what it shows.
      testButtonLabel: `Test connection to ${status.regionLabel}`,
      disconnectButtonLabel: `Disconnect ${status.regionLabel}`
    }));
  }

  get regionOptions(): ComboboxOption[] {
    if (this.statuses.length === 0) {
      return [...DEFAULT_REGIONS];
    }
    return this.statuses.map((status) => ({
      value: status.regionCode,
      label: status.regionLabel
    }));
  }

  /** Connecting a region that is connected replaces its client id and secret: say so first. */
  get replaceWarning(): string {
    const selected = this.statusOf(this.regionCode);
    return selected?.connected
      ? `${selected.regionLabel} is connected. Connecting again replaces its client id and secret.`
      : '';
  }

  get connectDisabled(): boolean {
    return (
      this.isBusy ||
      this.regionCode === '' ||
      this.clientId.trim() === '' ||
      this.clientSecret.trim() === ''
    );
  }

  get hasNotice(): boolean {
    return this.notice !== undefined;
  }

  get noticeClass(): string {
    return `slds-box slds-box_x-small slds-m-top_small slds-theme_${this.notice?.variant ?? 'info'}`;
  }

  get noticeHasReportCount(): boolean {
    return this.notice?.reportCount !== undefined;
  }

  // ----- form input

  handleRegionChange(event: CustomEvent<{ value: string }>): void {
    this.regionCode = event.detail.value ?? '';
  }

  handleClientIdChange(event: CustomEvent<{ value: string }>): void {
    this.clientId = event.detail.value ?? '';
  }

  handleClientSecretChange(event: CustomEvent<{ value: string }>): void {
    this.clientSecret = event.detail.value ?? '';
  }

  // ----- actions

  async handleConnect(): Promise<void> {
    if (this.connectDisabled) {
      return;
    }
    const regionCode = this.regionCode;
    const regionLabel = this.labelOf(regionCode);
    const clientId = this.clientId;
    const clientSecret = this.clientSecret;
    this.startAction(`Saving the client id and secret for ${regionLabel}`);

    // Cleared whatever the answer: from here only this call (and the masking of its error) holds
    // the secret.
    this.clearSecret();

    let saved: ConnectionStatus;
    try {
      saved = await connect({ regionCode, clientId, clientSecret });
    } catch (error) {
      this.errors = readableErrors(error).map((message) => withoutSecret(message, clientSecret));
      await this.loadStatuses();
      this.busyText = '';
      return;
    }
    this.clientId = '';
    this.applyStatus(saved);
    this.announceChange(saved.regionCode || regionCode, saved.connected);

    // A second request: the Apex cannot store credentials and call out in one transaction.
    this.busyText = `Testing the connection to ${regionLabel}`;
    const tested = await this.runTest(regionCode);
    await this.loadStatuses(tested ?? saved);
    this.busyText = '';
  }

  async handleTest(event: Event): Promise<void> {
    const regionCode = this.regionOf(event);
    if (!regionCode || this.isBusy) {
      return;
    }
    this.startAction(`Testing the connection to ${this.labelOf(regionCode)}`);
    const tested = await this.runTest(regionCode);
    await this.loadStatuses(tested);
    this.busyText = '';
  }

  async handleDisconnect(event: Event): Promise<void> {
    const regionCode = this.regionOf(event);
    if (!regionCode || this.isBusy) {
      return;
    }
    const regionLabel = this.labelOf(regionCode);
    const confirmed = await (LightningConfirm as unknown as LightningConfirmDialog).open({
      label: `Disconnect ${regionLabel}?`,
      message:
        `Insights Sync deletes the client id and secret of ${regionLabel} and can no longer ` +
        'call it. Integrations that use this region fail until you connect it again.',
      variant: 'header',
      theme: 'warning'
    });
    if (!confirmed) {
      return;
    }
    this.startAction(`Disconnecting ${regionLabel}`);
    let removed: ConnectionStatus | undefined;
    try {
      removed = await disconnect({ regionCode });
      this.notice = { variant: 'info', message: removed.message ?? `Disconnected ${regionLabel}.` };
      this.applyStatus(removed);
      this.announceChange(removed.regionCode || regionCode, removed.connected);
    } catch (error) {
      this.errors = readableErrors(error);
    }
    await this.loadStatuses(removed);
    this.busyText = '';
  }

  // ----- helpers

  private async loadAll(): Promise<void> {
    this.busyText = 'Loading the Insights connections';
    const [environment] = await Promise.allSettled([getEnvironment(), this.loadStatuses()]);
    if (environment.status === 'fulfilled') {
      this.environment = environment.value;
    } else {
      this.environmentErrors = readableErrors(environment.reason);
    }
    this.busyText = '';
  }

  /**
   * Reads every region's status again. The status an action just returned wins over the list for
   * that region: only it carries the result of the test made in that request.
   */
  private async loadStatuses(latest?: ConnectionStatus): Promise<void> {
    try {
      const statuses = await getConnections();
      this.statuses = statuses.map((status) => {
        return latest && status.regionCode === latest.regionCode ? latest : status;
      });
      this.statusErrors = [];
    } catch (error) {
      this.statusErrors = readableErrors(error);
    }
  }

  /** Tests a region; a refused test is an answer (a notice), an Apex error is an error. */
  private async runTest(regionCode: string): Promise<ConnectionStatus | undefined> {
    try {
      const tested = await testConnection({ regionCode });
      this.applyStatus(tested);
      if (tested.testSucceeded) {
        this.notice = {
          // WalkMe answered, but a missing grant makes the next token renewal fail.
          variant: tested.missingAccess ? 'warning' : 'success',
          message: tested.message ?? `The connection to ${this.labelOf(regionCode)} works.`,
          reportCount: tested.reportCount ?? 0
        };
      } else {
        this.notice = {
          variant: 'warning',
          message:
            tested.message ?? `The test of ${this.labelOf(regionCode)} failed; no reason was given.`
        };
      }
      return tested;
    } catch (error) {
      this.errors = readableErrors(error);
      return undefined;
    }
  }

  private startAction(busyText: string): void {
    this.busyText = busyText;
    this.errors = [];
    this.notice = undefined;
  }

  private clearSecret(): void {
    this.clientSecret = '';
    const input = this.template?.querySelector<HTMLElement & { value: string }>(
      'lightning-input[data-id="client-secret"]'
    );
    if (input) {
      input.value = '';
    }
  }

  private applyStatus(status: ConnectionStatus): void {
    const known = this.statuses.some((existing) => existing.regionCode === status.regionCode);
    this.statuses = known
      ? this.statuses.map((existing) => {
          return existing.regionCode === status.regionCode ? status : existing;
        })
      : [...this.statuses, status];
  }

  private announceChange(regionCode: string, connected: boolean): void {
    const detail: ConnectionChangeDetail = { regionCode, connected };
    this.dispatchEvent(new CustomEvent<ConnectionChangeDetail>('connectionchange', { detail }));
  }

  private statusOf(regionCode: string): ConnectionStatus | undefined {
    return this.statuses.find((status) => status.regionCode === regionCode);
  }

  private labelOf(regionCode: string): string {
    return (
      this.statusOf(regionCode)?.regionLabel ??
      DEFAULT_REGIONS.find((region) => region.value === regionCode)?.label ??
      regionCode
    );
  }

  private regionOf(event: Event): string | undefined {
    return (event.currentTarget as HTMLElement | null)?.dataset.region;
  }
}
