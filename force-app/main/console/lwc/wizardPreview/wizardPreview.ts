import { LightningElement, api } from 'lwc';
import { asMessageItems, formatUtc, type MessageItem } from 'c/syncFormat';

interface CountItem {
  key: string;
  label: string;
  value: string;
}

interface ChangeView {
  key: string;
  field: string;
  before: string;
  after: string;
}

interface PreviewRowView {
  key: string;
  rowKey: string;
  recordId: string;
  changes: ChangeView[];
  hasChanges: boolean;
  problems: MessageItem[];
  hasProblems: boolean;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A field value as Preview shows it: blanks named, datetimes in UTC. */
function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '(blank)';
  }
  if (typeof value === 'string') {
    return ISO_DATETIME.test(value) ? formatUtc(value) : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/**
 * The results of the wizard's Preview (a dry run of the integration on the first rows of the
 * report): a spinner while it runs, why it could not run, or its counts, the records a run would
 * change (before → after), the keys that matched no record and the problems it met. Says when the
 * settings changed since, and points at the key pair when no row found a record.
 */
export default class WizardPreview extends LightningElement {
  /** Whether Preview is running. */
  @api previewing = false;
  /** Why Preview could not run, one message a line. */
  @api errors: string[] = [];
  /** What Preview found; undefined before it ran, or when it failed. */
  @api result?: InsightsSync.SyncPreviewResult;
  /** Whether the settings changed since this preview. */
  @api stale = false;
  /** The label of the target object, as the wizard names it. */
  @api objectLabel = '';
  /** The report column holding each row's key. */
  @api reportKeyColumn = '';
  /** The object's field holding the same key. */
  @api objectKeyField = '';
  /** The object's fields: changes are named by their labels. */
  @api fields: InsightsSync.CatalogField[] = [];

  get errorItems(): MessageItem[] {
    return asMessageItems(this.errors ?? []);
  }

  get hasErrors(): boolean {
    return (this.errors ?? []).length > 0;
  }

  get hasResult(): boolean {
    return this.result !== undefined && this.result !== null;
  }

  /**
   * When no row of the preview found a record, the key pair is the likely cause (User ID values
   * compared with emails, say): the wizard says so rather than leave eight unmatched keys to
   * interpret.
   */
  get noKeyMatchedText(): string {
    const preview = this.result;
    if (!preview || preview.rowsRead === 0 || preview.rowsMatched > 0) {
      return '';
    }
    return (
      `None of the ${preview.rowsRead} rows read found a ${this.objectLabel} record: no ` +
      `${this.reportKeyColumn} value equals the ${this.objectKeyField} of a ${this.objectLabel}. ` +
      'Check the key pair in step 2: the report key column and the key field must hold the ' +
      'same values.'
    );
  }

  get counts(): CountItem[] {
    const result = this.result;
    if (!result) {
      return [];
    }
    const counts: [string, string, number][] = [
      ['read', 'Rows read', result.rowsRead],
      ['matched', 'Matched', result.rowsMatched],
      ['to-update', 'To update', result.recordsToUpdate],
      ['unchanged', 'Unchanged', result.recordsUnchanged],
      ['unmatched', 'Unmatched', result.rowsUnmatched],
      ['skipped', 'Skipped', result.rowsSkipped],
      ['value-issues', 'Value issues', result.valueIssues]
    ];
    if (result.recordsToReset !== undefined && result.recordsToReset !== null) {
      counts.push(['to-reset', 'To reset (left the report)', result.recordsToReset]);
    }
    return counts.map(([key, label, value]) => ({ key, label, value: String(value ?? 0) }));
  }

  get rows(): PreviewRowView[] {
    const labels = new Map<string, string>();
    for (const field of this.fields ?? []) {
      labels.set(field.apiName.toLowerCase(), field.label);
    }
    return (this.result?.rows ?? []).map((row, index) => {
      const changes = (row.changes ?? []).map((change, changeIndex) => {
        const label = labels.get(change.field.toLowerCase());
        return {
          key: String(changeIndex),
          field: label ? `${label} (${change.field})` : change.field,
          before: displayValue(change.before),
          after: displayValue(change.after)
        };
      });
      const problems = asMessageItems(row.problems ?? []);
      return {
        key: `${index}-${row.recordId ?? row.key ?? ''}`,
        rowKey: row.key ?? '—',
        recordId: row.recordId ?? '—',
        changes,
        hasChanges: changes.length > 0,
        problems,
        hasProblems: problems.length > 0
      };
    });
  }

  get hasRows(): boolean {
    return (this.result?.rows ?? []).length > 0;
  }

  get unmatchedKeyItems(): MessageItem[] {
    return asMessageItems(this.result?.unmatchedKeys ?? []);
  }

  get hasUnmatchedKeys(): boolean {
    return this.unmatchedKeyItems.length > 0;
  }

  get problemItems(): MessageItem[] {
    return asMessageItems(this.result?.problems ?? []);
  }

  get hasProblems(): boolean {
    return this.problemItems.length > 0;
  }

  get scopeText(): string {
    return this.result?.hasMoreRows
      ? `Preview read the first ${this.result.rowsRead} rows of the report; a run reads them all. Nothing was written.`
      : 'Preview read the whole report. Nothing was written.';
  }
}
