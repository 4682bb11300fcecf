/**
 * RunOutcome, as the preview's org answers it: how a finished run ended, in the words the
 * console's list and Log, the last step line and the alert email share. A run that read rows but
 * matched no record is a warning, whatever its status says.
 */

type RunSummary = InsightsSync.RunSummary;

const COMPLETED = new Set(['Completed', 'Completed with errors']);
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** RunOutcome.NO_MATCH_LABEL. */
export const NO_MATCH_LABEL = 'no record matched';

function matchedNothing(run: RunSummary): boolean {
  return (
    COMPLETED.has(run.status ?? '') &&
    run.rowsRead > 0 &&
    run.rowsMatched === 0 &&
    run.rowsUnmatched > 0
  );
}

/** RunOutcome.grouped: `4,000`. */
export function grouped(value: number | undefined): string {
  return COUNT_FORMAT.format(value ?? 0);
}

/** RunOutcome.warningOf. */
export function warningOf(run: RunSummary): string | undefined {
  if (!matchedNothing(run)) {
    return undefined;
  }
  return (
    `No record matched: ${grouped(run.rowsRead)} read, ${grouped(run.rowsUnmatched)} unmatched ` +
    '— check the key pair.'
  );
}

/** RunOutcome.labelOf. */
export function labelOf(run: RunSummary): string | undefined {
  if (!run.status) {
    return undefined;
  }
  return matchedNothing(run) ? `${run.status} · ${NO_MATCH_LABEL}` : run.status;
}

/** RunSummary.forRun: `outcome` and `warning` set from the run's status and counts. */
export function withOutcome(run: RunSummary): RunSummary {
  const warning = warningOf(run);
  const outcome = labelOf(run);
  const result: RunSummary = { ...run };
  delete result.outcome;
  delete result.warning;
  return {
    ...result,
    ...(outcome ? { outcome } : {}),
    ...(warning ? { warning } : {})
  };
}
