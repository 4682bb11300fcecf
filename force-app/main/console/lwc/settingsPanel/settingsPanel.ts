import { LightningElement } from 'lwc';
import getSettings from '@salesforce/apex/SettingsController.getSettings';
import saveSettings from '@salesforce/apex/SettingsController.saveSettings';
import scheduleJob from '@salesforce/apex/SettingsController.scheduleJob';
import unscheduleJob from '@salesforce/apex/SettingsController.unscheduleJob';
import { asMessageItems, formatUtc, readableErrors, type MessageItem } from 'c/syncFormat';

type Settings = InsightsSync.ConsoleSettings;
type JobName = 'dispatcher' | 'purge';

interface JobRow {
  name: JobName;
  label: string;
  description: string;
  stateLabel: string;
  badgeClass: string;
  buttonLabel: string;
  scheduled: boolean;
}

const SCHEDULED_BADGE = 'slds-theme_success';
const UNSCHEDULED_BADGE = 'slds-badge_lightest';

/**
 * The Settings panel, for admins holding Manage Insights Sync (the console shows it to no one
 * else, and the Apex refuses everyone else): how long run logs are kept, who is emailed about a
 * failed run, whether a run completed with errors is emailed too, and whether the hourly
 * dispatcher and the daily log purge are scheduled. The Apex checks every value; what it refuses
 * is shown under the form, one problem a line, and nothing is saved then.
 */
export default class SettingsPanel extends LightningElement {
  settings?: Settings;

  retentionDays = '';
  recipients = '';
  alertOnCompletedWithErrors = false;

  /** What is running, for the spinner's assistive text; empty while nothing runs. */
  busyText = '';
  loadErrors: string[] = [];
  /** Why the last save or job change was refused, one problem a line. */
  errors: string[] = [];
  notice = '';

  override connectedCallback(): void {
    this.load();
  }

  // ----- what the template shows

  get isBusy(): boolean {
    return this.busyText !== '';
  }

  get ariaBusy(): string {
    return this.isBusy ? 'true' : 'false';
  }

  get isLoaded(): boolean {
    return this.settings !== undefined;
  }

  get hasLoadErrors(): boolean {
    return this.loadErrors.length > 0;
  }

  get loadErrorItems(): MessageItem[] {
    return asMessageItems(this.loadErrors);
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  get errorItems(): MessageItem[] {
    return asMessageItems(this.errors);
  }

  get hasProblems(): boolean {
    return (this.settings?.problems?.length ?? 0) > 0;
  }

  get problemItems(): MessageItem[] {
    return asMessageItems(this.settings?.problems ?? []);
  }

  get maxRetention(): number {
    return this.settings?.maxLogRetentionDays ?? 3650;
  }

  get recipientsHelp(): string {
    return `Who gets an email when a run fails: up to ${
      this.settings?.maxFailureEmailRecipients ?? 10
    } addresses, separated by commas. Leave empty for no email.`;
  }

  get retentionHelp(): string {
    return `The daily log purge deletes runs older than this, with their issues (1 to ${this.maxRetention} days). Runs still queued or running are kept.`;
  }

  get saveDisabled(): boolean {
    return this.isBusy || !this.isLoaded;
  }

  get jobRows(): JobRow[] {
    const settings = this.settings;
    if (!settings) {
      return [];
    }
    const next = settings.dispatcherNextFireTime
      ? `, next at ${formatUtc(settings.dispatcherNextFireTime)}`
      : '';
    const by = settings.dispatcherScheduledBy ? ` by ${settings.dispatcherScheduledBy}` : '';
    return [
      this.jobRow(
        'dispatcher',
        'Hourly dispatcher',
        'Starts every active integration when its schedule is due, running as the user who scheduled it. Unscheduled, integrations run only on Run Now.',
        settings.dispatcherScheduled,
        `Scheduled${by}${next}`
      ),
      this.jobRow(
        'purge',
        'Daily log purge',
        'Deletes run logs older than the retention period every night. Unscheduled, logs are kept until someone deletes them.',
        settings.purgeScheduled,
        'Scheduled, daily'
      )
    ];
  }

  private jobRow(
    name: JobName,
    label: string,
    description: string,
    scheduled: boolean,
    scheduledLabel: string
  ): JobRow {
    return {
      name,
      label,
      description,
      scheduled,
      stateLabel: scheduled ? scheduledLabel : 'Not scheduled',
      badgeClass: scheduled ? SCHEDULED_BADGE : UNSCHEDULED_BADGE,
      buttonLabel: scheduled
        ? `Unschedule ${label.toLowerCase()}`
        : `Schedule ${label.toLowerCase()}`
    };
  }

  // ----- what the user does

  handleRetentionChange(event: CustomEvent<{ value: string }>): void {
    this.retentionDays = String(event.detail?.value ?? '');
  }

  handleRecipientsChange(event: CustomEvent<{ value: string }>): void {
    this.recipients = String(event.detail?.value ?? '');
  }

  handleAlertChange(event: CustomEvent<{ checked: boolean }>): void {
    this.alertOnCompletedWithErrors = event.detail?.checked === true;
  }

  async handleSave(): Promise<void> {
    const days = this.retentionDays.trim() === '' ? NaN : Number(this.retentionDays);
    this.notice = '';
    this.errors = [];
    if (Number.isFinite(days) && !Number.isInteger(days)) {
      // Apex takes an Integer: a fraction would be cut or refused there without saying why.
      this.errors = [
        `Log retention must be a whole number of days, not ${this.retentionDays.trim()}.`
      ];
      return;
    }
    this.busyText = 'Saving the settings';
    try {
      const saved = await saveSettings({
        // Apex receives null for an empty or unreadable number and names the problem.
        logRetentionDays: Number.isFinite(days) ? days : (null as unknown as number),
        failureEmailRecipients: this.recipients,
        alertOnCompletedWithErrors: this.alertOnCompletedWithErrors
      });
      this.show(saved);
      this.notice = 'Settings saved. The next run and the next purge use them.';
    } catch (error) {
      this.errors = readableErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  async handleJobClick(event: Event): Promise<void> {
    const target = event.currentTarget as HTMLElement;
    const job = target.dataset.job as JobName;
    const scheduled = target.dataset.scheduled === 'true';
    this.notice = '';
    this.errors = [];
    this.busyText = scheduled ? 'Unscheduling the job' : 'Scheduling the job';
    try {
      const answer = scheduled ? await unscheduleJob({ job }) : await scheduleJob({ job });
      this.settings = answer;
      this.notice =
        job === 'dispatcher'
          ? `The hourly dispatcher is ${answer.dispatcherScheduled ? 'scheduled' : 'unscheduled'}.`
          : `The daily log purge is ${answer.purgeScheduled ? 'scheduled' : 'unscheduled'}.`;
    } catch (error) {
      this.errors = readableErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  handleDismissNotice(): void {
    this.notice = '';
  }

  private async load(): Promise<void> {
    this.busyText = 'Loading the settings';
    this.loadErrors = [];
    try {
      this.show(await getSettings());
    } catch (error) {
      this.loadErrors = readableErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  /** The settings as the Apex answers them, in the form too (the saved form, not the typed one). */
  private show(settings: Settings): void {
    this.settings = settings;
    this.retentionDays = String(settings.logRetentionDays);
    this.recipients = settings.failureEmailRecipients ?? '';
    this.alertOnCompletedWithErrors = settings.alertOnCompletedWithErrors === true;
  }
}
