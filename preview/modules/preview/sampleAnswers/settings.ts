/**
 * SettingsController's checks in the preview: the same limits and the same sentences, so the
 * Settings panel refuses in the preview what the Apex refuses in an org.
 */

/** SyncSettings.MAX_LOG_RETENTION_DAYS. */
export const MAX_LOG_RETENTION_DAYS = 3650;
/** SyncSettings.MAX_FAILURE_EMAIL_RECIPIENTS. */
export const MAX_FAILURE_EMAIL_RECIPIENTS = 10;
/** The length of Insights_Sync_Settings__c.Failure_Email_Recipients__c. */
export const RECIPIENTS_FIELD_LENGTH = 255;

/** The three values the panel saves, as the org default holds them. */
export interface StoredSettings {
  logRetentionDays: number;
  failureEmailRecipients: string;
  alertOnCompletedWithErrors: boolean;
}

export const DEFAULT_SETTINGS: Readonly<StoredSettings> = {
  logRetentionDays: 30,
  failureEmailRecipients: '',
  alertOnCompletedWithErrors: false
};

// SyncSettings.EMAIL_ADDRESS and RECIPIENT_SEPARATORS.
const EMAIL_ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
const RECIPIENT_SEPARATORS = /[,;\s]+/;

/** Apex String.abbreviate(max): the text, or its start and `...` within max characters. */
function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/**
 * SettingsController.saveSettings's checks: the values as stored, or every problem, one a line
 * (nothing is stored then).
 */
export function checkedSettings(
  logRetentionDays: number | undefined,
  failureEmailRecipients: string | undefined,
  alertOnCompletedWithErrors: boolean | undefined
): StoredSettings {
  const problems: string[] = [];
  if (
    logRetentionDays === undefined ||
    logRetentionDays < 1 ||
    logRetentionDays > MAX_LOG_RETENTION_DAYS
  ) {
    problems.push(
      `Log retention must be a whole number of days from 1 to ${MAX_LOG_RETENTION_DAYS}${
        logRetentionDays === undefined ? '; it is empty.' : `, not ${logRetentionDays}.`
      }`
    );
  }
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const candidate of (failureEmailRecipients ?? '').trim().split(RECIPIENT_SEPARATORS)) {
    if (candidate === '') {
      continue;
    }
    if (!EMAIL_ADDRESS.test(candidate)) {
      problems.push(`"${abbreviate(candidate, 80)}" is not an email address.`);
    } else if (!seen.has(candidate.toLowerCase())) {
      seen.add(candidate.toLowerCase());
      kept.push(candidate);
    }
  }
  if (kept.length > MAX_FAILURE_EMAIL_RECIPIENTS) {
    problems.push(
      `At most ${MAX_FAILURE_EMAIL_RECIPIENTS} failure email recipients, not ${kept.length}: use a group address for more people.`
    );
  }
  const joined = kept.join(', ');
  if (joined.length > RECIPIENTS_FIELD_LENGTH) {
    problems.push(
      `The failure email recipients take ${joined.length} characters; at most ${RECIPIENTS_FIELD_LENGTH} fit. Use fewer or shorter addresses.`
    );
  }
  if (problems.length > 0) {
    throw new Error(problems.join('\n'));
  }
  return {
    logRetentionDays: logRetentionDays as number,
    failureEmailRecipients: joined,
    alertOnCompletedWithErrors: alertOnCompletedWithErrors === true
  };
}

/** SettingsController.schedulableFor's refusal of a job it does not know. */
export function unknownJobMessage(job: string | undefined): string {
  return `There is no Insights Sync job called "${abbreviate(String(job ?? 'null'), 40)}": choose "dispatcher" or "purge".`;
}
