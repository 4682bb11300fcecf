import { LightningElement } from 'lwc';
import getConnections from '@salesforce/apex/ConnectionController.getConnections';
import connect from '@salesforce/apex/ConnectionController.connect';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import disconnect from '@salesforce/apex/ConnectionController.disconnect';
import getEnvironment from '@salesforce/apex/ConnectionController.getEnvironment';
import getIntegrations from '@salesforce/apex/IntegrationController.getIntegrations';
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
  testButtonLabel: string;
  disconnectButtonLabel: string;
}

/** What the Disconnect dialog asks about: the region and the integrations reading from it. */
interface DisconnectQuestion {
  regionCode: string;
  regionLabel: string;
  /** The labels of the integrations that use the region, sorted. */
  integrations: { key: string; label: string }[];
  /** Why the integrations could not be read; empty when they were. */
  integrationsError: string;
}

type Focusable = HTMLElement & { focus(): void };

/** Whether WalkMe refused the region's stored credentials at the last test or run. */
function isRefused(status: ConnectionStatus): boolean {
  return (
    status.credentialsRefused === true ||
    (status.connected && status.failureReason === 'CREDENTIALS')
  );
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
  /**
   * The outcome of the last action, for screen readers only: the region's row shows it (once),
   * and this live region announces it wherever the focus is.
   */
  announcement = '';

  /** Whether the statuses have been read once (successfully or not). */
  loaded = false;
  /**
   * The admin's choice of the disclosure; until they choose, the panel is collapsed once a
   * region is connected and none refused, and expanded otherwise.
   */
  expandedByChoice?: boolean;

  /** The open Disconnect dialog, if any. */
  disconnectQuestion?: DisconnectQuestion;
  /** The Disconnect button that opened the dialog, to give the focus back to. */
  private disconnectOpener?: Focusable;
  private focusDialog = false;

  override connectedCallback(): void {
    // loadAll settles every failure into the panel itself.
    this.loadAll();
  }

  override renderedCallback(): void {
    if (this.focusDialog && this.disconnectQuestion) {
      this.focusDialog = false;
      this.dialogButtons()[0]?.focus();
    }
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

  /**
   * Collapsed once at least one region is connected and none is refused: then the panel has
   * nothing to ask, and the integrations come first. Expanded while loading failed, no region is
   * connected, or WalkMe refused a region's credentials.
   */
  get expanded(): boolean {
    if (this.expandedByChoice !== undefined) {
      return this.expandedByChoice;
    }
    if (this.hasLoadErrors || this.hasErrors) {
      return true;
    }
    if (!this.loaded) {
      return false;
    }
    return !this.statuses.some((status) => status.connected) || this.statuses.some(isRefused);
  }

  get collapsed(): boolean {
    return !this.expanded;
  }

  get ariaExpanded(): string {
    return String(this.expanded);
  }

  get disclosureIcon(): string {
    return this.expanded ? 'utility:chevrondown' : 'utility:chevronright';
  }

  /** One line under the heading, so a collapsed panel still says how the regions stand. */
  get summary(): string {
    if (!this.loaded) {
      return '';
    }
    const refused = this.statuses.filter(isRefused).map((status) => status.regionLabel);
    const connected = this.statuses
      .filter((status) => status.connected && !isRefused(status))
      .map((status) => status.regionLabel);
    const parts: string[] = [];
    if (connected.length > 0) {
      parts.push(`Connected: ${connected.join(', ')}`);
    }
    if (refused.length > 0) {
      parts.push(`Credentials refused: ${refused.join(', ')}`);
    }
    return parts.length > 0 ? `${parts.join('. ')}.` : 'No region is connected.';
  }

  get hasSummary(): boolean {
    return this.summary !== '';
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
    return this.statuses.map((status) => {
      const refused = isRefused(status);
      let stateLabel = 'Not connected';
      let badgeClass = '';
      if (refused) {
        stateLabel = 'Credentials refused';
        badgeClass = 'slds-theme_error';
      } else if (status.connected) {
        stateLabel = 'Connected';
        badgeClass = 'slds-theme_success';
      }
      return {
        regionCode: status.regionCode,
        regionLabel: status.regionLabel,
        host: status.host,
        connected: status.connected,
        stateLabel,
        badgeClass,
        clientIdHint: status.clientIdHint,
        // The message already says how many reports are tagged after a successful test.
        message: status.message,
        messageClass:
          status.testSucceeded === false || status.failureReason
            ? 'slds-text-color_error slds-m-top_xx-small'
            : 'slds-text-color_weak slds-m-top_xx-small',
        // The accessible name starts with the visible text (WCAG 2.5.3, Label in Name).
        testButtonLabel: `Test connection to ${status.regionLabel}`,
        disconnectButtonLabel: `Disconnect ${status.regionLabel}`
      };
    });
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

  get hasDisconnectQuestion(): boolean {
    return this.disconnectQuestion !== undefined;
  }

  get disconnectHasIntegrations(): boolean {
    return (this.disconnectQuestion?.integrations.length ?? 0) > 0;
  }

  get disconnectIntegrationsIntro(): string {
    const count = this.disconnectQuestion?.integrations.length ?? 0;
    return count === 1
      ? 'This integration uses it and fails until you connect the region again:'
      : `These ${count} integrations use it and fail until you connect the region again:`;
  }

  // ----- disclosure

  handleToggle(): void {
    this.expandedByChoice = !this.expanded;
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

  /** Enter in a field of the connect form connects, as in any form. */
  handleFieldKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) {
      return;
    }
    event.preventDefault();
    // handleConnect settles every failure into the panel itself.
    this.handleConnect();
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
    this.disconnectOpener = (event.currentTarget as Focusable | null) ?? undefined;
    const regionLabel = this.labelOf(regionCode);
    this.startAction(`Finding the integrations that use ${regionLabel}`);
    let integrations: DisconnectQuestion['integrations'] = [];
    let integrationsError = '';
    try {
      integrations = (await getIntegrations())
        .filter((row) => row.sourceType !== 'CSV Export' && row.connectionRegion === regionCode)
        .map((row) => ({ key: row.developerName, label: row.label || row.developerName }))
        .sort((first, second) => first.label.localeCompare(second.label));
    } catch (error) {
      integrationsError =
        'Insights Sync could not read which integrations use it: ' +
        readableErrors(error).join(' ');
    }
    this.busyText = '';
    this.disconnectQuestion = { regionCode, regionLabel, integrations, integrationsError };
    // Once the dialog has rendered, its safe choice, Cancel, takes the focus (renderedCallback).
    this.focusDialog = true;
  }

  handleCancelDisconnect(): void {
    this.closeDisconnectQuestion();
  }

  async handleConfirmDisconnect(): Promise<void> {
    const question = this.disconnectQuestion;
    if (!question) {
      return;
    }
    this.closeDisconnectQuestion();
    const { regionCode, regionLabel } = question;
    this.startAction(`Disconnecting ${regionLabel}`);
    let removed: ConnectionStatus | undefined;
    try {
      removed = await disconnect({ regionCode });
      this.announcement = removed.message ?? `Disconnected ${regionLabel}.`;
      this.applyStatus(removed);
      this.announceChange(removed.regionCode || regionCode, removed.connected);
    } catch (error) {
      this.errors = readableErrors(error);
    }
    await this.loadStatuses(removed);
    this.busyText = '';
  }

  /** The dialog is modal: Escape cancels, and Tab cycles between its two buttons. */
  handleDialogKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.closeDisconnectQuestion();
      return;
    }
    if (event.key !== 'Tab') {
      return;
    }
    const buttons = this.dialogButtons();
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    const active = this.template?.activeElement ?? null;
    const inside = buttons.some((button) => button === active);
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault();
      first?.focus();
    }
  }

  // ----- helpers

  private dialogButtons(): Focusable[] {
    return Array.from(
      this.template?.querySelectorAll<Focusable>(
        '[data-id="disconnect-dialog"] lightning-button'
      ) ?? []
    );
  }

  private closeDisconnectQuestion(): void {
    this.disconnectQuestion = undefined;
    const opener = this.disconnectOpener;
    this.disconnectOpener = undefined;
    if (opener?.isConnected) {
      opener.focus();
    }
  }

  private async loadAll(): Promise<void> {
    this.busyText = 'Loading the Insights connections';
    const [environment] = await Promise.allSettled([getEnvironment(), this.loadStatuses()]);
    if (environment.status === 'fulfilled') {
      this.environment = environment.value;
    } else {
      this.environmentErrors = readableErrors(environment.reason);
    }
    this.loaded = true;
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

  /** Tests a region; a refused test is an answer (the status says why), an Apex error is an error. */
  private async runTest(regionCode: string): Promise<ConnectionStatus | undefined> {
    try {
      const tested = await testConnection({ regionCode });
      this.applyStatus(tested);
      this.announcement =
        tested.message ??
        (tested.testSucceeded
          ? `The connection to ${this.labelOf(regionCode)} works.`
          : `The test of ${this.labelOf(regionCode)} failed; no reason was given.`);
      return tested;
    } catch (error) {
      this.errors = readableErrors(error);
      return undefined;
    }
  }

  private startAction(busyText: string): void {
    // From the first action on, the panel stays as the admin sees it: a region connected a moment
    // ago must not fold the panel away from its own result.
    this.expandedByChoice = this.expanded;
    this.busyText = busyText;
    this.errors = [];
    this.announcement = '';
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
