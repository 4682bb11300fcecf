import { LightningElement, api } from 'lwc';

/** Statuses a run goes through; `Sync_Run__c.Status__c` holds the same values. */
export type RunStatus = 'Queued' | 'Running' | 'Completed' | 'Completed with errors' | 'Failed';

const BADGE_CLASS_BY_STATUS: Record<RunStatus, string> = {
  Queued: 'slds-badge',
  Running: 'slds-badge slds-badge_inverse',
  Completed: 'slds-badge slds-theme_success',
  'Completed with errors': 'slds-badge slds-theme_warning',
  Failed: 'slds-badge slds-theme_error'
};

function isRunStatus(value: string | undefined): value is RunStatus {
  return value !== undefined && Object.prototype.hasOwnProperty.call(BADGE_CLASS_BY_STATUS, value);
}

/**
 * The status of one run as an SLDS badge. A run the console does not recognise is still shown,
 * with its raw value, so nothing is hidden from the admin.
 */
export default class RunStatusBadge extends LightningElement {
  /** The run's status; empty when the integration has never run. */
  @api status?: string;
  /**
   * The status as the Apex words it (`RunSummary.outcome`), e.g. `Completed · no record
   * matched`; shown instead of the status when given.
   */
  @api outcome?: string;
  /**
   * Why the run is a warning although it completed (`RunSummary.warning`): the badge then
   * takes the warning theme, whatever the status.
   */
  @api warning?: string;

  get label(): string {
    if (this.outcome) {
      return this.outcome;
    }
    return this.status ? this.status : 'Never run';
  }

  get badgeClass(): string {
    if (this.warning) {
      return 'slds-badge slds-theme_warning';
    }
    return isRunStatus(this.status)
      ? BADGE_CLASS_BY_STATUS[this.status]
      : 'slds-badge slds-badge_lightest';
  }
}
