import { LightningElement } from 'lwc';
import { formatRuntime, formatUtc } from 'c/syncFormat';
import { SAMPLE_RUNS, type SampleRun } from './sampleRuns';

interface RunRow extends SampleRun {
  started: string;
  runtime: string;
}

/** The console's components rendered with sample runs, as they will look in the org. */
export default class Gallery extends LightningElement {
  get runs(): RunRow[] {
    return SAMPLE_RUNS.map((run) => ({
      ...run,
      started: formatUtc(run.startedAt),
      runtime: formatRuntime(run.startedAt, run.finishedAt)
    }));
  }
}
