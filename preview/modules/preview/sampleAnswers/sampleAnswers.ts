/**
 * The sample answers of the console's Apex methods in the preview: imported once by main.ts,
 * before any component asks. Each answer behaves as the Apex does (filters, limits, messages),
 * so the components show what they will show in an org.
 */
import { answer } from 'preview/backend';
import { SAMPLE_RUNS, SAMPLE_RUN_DETAILS } from 'preview/sampleRuns';

/** RunLogController.getRuns: null or below 1 means 50. */
const DEFAULT_MAX_RUNS = 50;

answer('RunLogController.getRuns', ({ integrationName, maxRuns }) => {
  const limit = typeof maxRuns === 'number' && maxRuns >= 1 ? maxRuns : DEFAULT_MAX_RUNS;
  return SAMPLE_RUNS.filter(
    (run) => !integrationName || run.integrationName === integrationName
  ).slice(0, limit);
});

answer('RunLogController.getRunDetail', ({ runId }) => {
  if (!runId) {
    throw new Error('Choose a run to show its log.');
  }
  const detail = SAMPLE_RUN_DETAILS[String(runId)];
  if (!detail) {
    throw new Error(
      'This run is no longer in the log: runs are kept for a number of days and then deleted. ' +
        'Refresh the log to see the runs it holds.'
    );
  }
  return detail;
});
