import { LightningElement } from 'lwc';
import canManageSetting from '@salesforce/customPermission/Manage_Insights_Sync';
import type { ConnectionChangeDetail } from 'c/connectionPanel';

/** Detail of the list's `edit` event and the wizard's `saved` event. */
interface IntegrationDetail {
  developerName: string;
  label?: string;
}

type Focusable = HTMLElement & { focus(options?: FocusOptions): void };

/** The public methods of c-integration-list that the console calls. */
type ListElement = HTMLElement & {
  refresh(): Promise<void> | void;
  scrollToIntegration(developerName: string): Promise<boolean>;
};

/**
 * The Insights Sync tab: the connection panel, the integrations list and, in its place while it
 * is open (as Setup pages do), the New / Edit wizard; the Log overlay on top. It holds no data of
 * its own: each part loads what it shows, and this component only decides which part shows.
 *
 * Admins holding the Manage Insights Sync permission see the connection panel and can create
 * integrations; viewers see the list and the log (the Apex refuses them the rest anyway).
 */
export default class InsightsConsole extends LightningElement {
  /** Whether the running user holds Manage Insights Sync. */
  readonly canManage = canManageSetting === true;

  wizardOpen = false;
  /** The integration the wizard edits; empty for a new one. */
  editingName = '';
  /** The integration whose runs the Log overlay lists; empty for every run. */
  logIntegration = '';
  logOpen = false;
  /** A confirmation line above the list, e.g. after a save. */
  notice = '';

  /** The control to give the focus back to when the Log overlay or the wizard closes. */
  private returnFocusTo?: Focusable;

  /**
   * The wizard takes the list's place and comes first, as a Setup page does. The integrations come
   * before the connection panel, which is needed far less often (and folds away once a region is
   * connected); while the wizard is open the panel stays below it, so a region can be connected
   * without leaving the wizard.
   */
  get listShown(): boolean {
    return !this.wizardOpen;
  }

  get isViewer(): boolean {
    return !this.canManage;
  }

  get wizardTitle(): string {
    return this.editingName ? 'Edit integration' : 'New integration';
  }

  handleNewIntegration(): void {
    this.openWizard('');
  }

  handleEdit(event: CustomEvent<IntegrationDetail>): void {
    this.openWizard(event.detail.developerName);
  }

  handleWizardCancel(): void {
    this.closeWizard();
  }

  handleSaved(event: CustomEvent<IntegrationDetail>): void {
    const { developerName, label } = event.detail;
    this.closeWizard(developerName);
    this.notice = `Saved ${label || developerName}. It runs on its schedule; Run Now runs it at once.`;
  }

  handleOpenLog(event: CustomEvent<IntegrationDetail>): void {
    this.returnFocusTo = this.activeElementInside();
    this.logIntegration = event.detail?.developerName ?? '';
    this.logOpen = true;
  }

  handleOpenAllRuns(event: Event): void {
    this.returnFocusTo = event.currentTarget as Focusable;
    this.logIntegration = '';
    this.logOpen = true;
  }

  handleCloseLog(): void {
    this.logOpen = false;
    this.logIntegration = '';
    this.restoreFocus();
  }

  /**
   * A region connected or disconnected: the wizard offers only connected regions, and the list's
   * rows name problems that depend on them.
   */
  handleConnectionChange(event: CustomEvent<ConnectionChangeDetail>): void {
    if (this.wizardOpen) {
      this.template
        ?.querySelector<HTMLElement & { refresh(change?: ConnectionChangeDetail): Promise<void> }>(
          'c-integration-wizard'
        )
        ?.refresh(event.detail);
    } else {
      this.listElement()?.refresh();
    }
  }

  handleDismissNotice(): void {
    this.notice = '';
  }

  private openWizard(developerName: string): void {
    this.notice = '';
    this.editingName = developerName;
    this.wizardOpen = true;
  }

  /**
   * @param savedName the integration the wizard just saved: its "Saved" message and its row are
   * brought into view instead of the top of the page
   */
  private closeWizard(savedName = ''): void {
    this.wizardOpen = false;
    this.editingName = '';
    // The list was rebuilt, so the focus goes to the "Saved" message or the page's heading rather
    // than a control that is gone.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    requestAnimationFrame(() => {
      if (savedName) {
        // showSaved settles without failing: a row not found leaves the message in view.
        this.showSaved(savedName);
      } else {
        this.template?.querySelector<Focusable>('[data-id="console-heading"]')?.focus();
      }
    });
  }

  /** The "Saved" message at the top of the window, then the saved row scrolled into view. */
  private async showSaved(developerName: string): Promise<void> {
    const notice = this.template?.querySelector<Focusable>('[data-id="console-notice"]');
    notice?.focus({ preventScroll: true });
    notice?.scrollIntoView?.({ block: 'start' });
    await this.listElement()?.scrollToIntegration(developerName);
  }

  private listElement(): ListElement | null {
    return this.template?.querySelector<ListElement>('c-integration-list') ?? null;
  }

  /** The element that had the focus when an overlay opened, through the child's shadow root. */
  private activeElementInside(): Focusable | undefined {
    let active = (this.template?.activeElement as Element | null) ?? null;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    return (active as Focusable | null) ?? undefined;
  }

  private restoreFocus(): void {
    const target = this.returnFocusTo;
    this.returnFocusTo = undefined;
    if (target?.isConnected) {
      target.focus();
    } else {
      this.template?.querySelector<Focusable>('[data-id="console-heading"]')?.focus();
    }
  }
}
