import { LightningElement } from 'lwc';
import { formatRuntime, formatUtc } from 'c/syncFormat';
import { SAMPLE_RUNS } from 'preview/sampleRuns';

interface RunRow {
  id: string;
  reportName?: string;
  objectName?: string;
  status?: string;
  started: string;
  runtime: string;
  rowsRead: number;
  recordsUpdated: number;
}

/** The console's components rendered with sample runs, as they will look in the org. */
export default class Gallery extends LightningElement {
  /** Whether the Log overlay is shown; the overlay asks to be removed with `close`. */
  logOpen = false;

  get runs(): RunRow[] {
    return SAMPLE_RUNS.map((run) => ({
      id: run.id,
      reportName: run.reportName,
      objectName: run.objectName,
      status: run.status,
      started: run.startedAt ? formatUtc(run.startedAt) : 'Not started',
      runtime: formatRuntime(run.startedAt, run.finishedAt),
      rowsRead: run.rowsRead,
      recordsUpdated: run.recordsUpdated
    }));
  }

  handleOpenLog(): void {
    this.logOpen = true;
  }

  /** Closing a dialog gives the focus back to the control that opened it. */
  handleCloseLog(): void {
    this.logOpen = false;
    this.template
      ?.querySelector<HTMLElement & { focus(): void }>('[data-action="open-log"]')
      ?.focus();
  }
}
