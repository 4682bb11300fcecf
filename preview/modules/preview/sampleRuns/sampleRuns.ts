/**
 * Sample runs as RunLogController answers them (`InsightsSync.RunSummary` and `RunDetail`): every
 * way a finished run can end (Completed, a warning because no record matched, Completed with
 * errors, Failed), and row issues with the text a CSV must quote: commas, quotes, line breaks and
 * accented names. Scheduled runs run as Ada Admin, who scheduled the dispatcher before it was
 * unscheduled; the manual one as Ben Okafor, who pressed Run Now. None is queued or running: the
 * preview starts with the dispatcher unscheduled, and Run Now shows those states as they happen.
 *
 * The runs are written as of SAMPLE_NOW; `sampleRunsAt` moves them by whole days to just before
 * the preview's own now, so they stay on their schedule's times and never lie in the future.
 */
import { withOutcome } from '../sampleAnswers/runOutcome.js';

type RunSummary = InsightsSync.RunSummary;
type RunDetail = InsightsSync.RunDetail;

/** The counts of a run that has read nothing yet. */
export const NO_COUNTS = {
  rowsRead: 0,
  rowsMatched: 0,
  recordsUpdated: 0,
  recordsUnchanged: 0,
  rowsUnmatched: 0,
  rowsSkipped: 0,
  recordsFailed: 0,
  valueIssues: 0,
  pagesRead: 0,
  issueCount: 0
};

/** The moment the sample runs are written for: each is in the past of it. */
export const SAMPLE_NOW = '2026-11-25T09:00:00Z';

/** Newest first, as `RunLogController.getRuns` answers, as of SAMPLE_NOW. */
export const SAMPLE_RUNS: readonly RunSummary[] = [
  {
    ...NO_COUNTS,
    id: 'run-1',
    name: 'RUN-000045',
    integrationName: 'Account_Onboarding',
    integrationLabel: 'Account onboarding',
    reportName: 'Onboarding completion rate',
    objectName: 'Account',
    triggerType: 'Manual',
    startedById: '0055g00000BEN01AAA',
    startedByName: 'Ben Okafor',
    status: 'Completed',
    queuedAt: '2026-11-25T08:40:01Z',
    startedAt: '2026-11-25T08:40:03Z',
    finishedAt: '2026-11-25T08:40:05Z',
    runtimeMs: 2000,
    rowsRead: 10,
    rowsUnmatched: 10,
    pagesRead: 1,
    issueCount: 10
  },
  {
    ...NO_COUNTS,
    id: 'run-5',
    name: 'RUN-000044',
    integrationName: 'Lead_Logins',
    integrationLabel: 'Lead logins',
    reportName: 'Logins review',
    objectName: 'Lead',
    triggerType: 'Scheduled',
    startedById: '0055g00000ADA01AAA',
    startedByName: 'Ada Admin',
    status: 'Completed',
    queuedAt: '2026-11-25T08:00:00Z',
    startedAt: '2026-11-25T08:00:02Z',
    finishedAt: '2026-11-25T08:00:14Z',
    runtimeMs: 12000,
    rowsRead: 4000,
    rowsMatched: 3200,
    recordsUpdated: 3120,
    recordsUnchanged: 80,
    rowsUnmatched: 800,
    pagesRead: 4
  },
  {
    ...NO_COUNTS,
    id: 'run-4',
    name: 'RUN-000043',
    integrationName: 'Lead_Logins',
    integrationLabel: 'Lead logins',
    reportName: 'Logins review',
    objectName: 'Lead',
    triggerType: 'Scheduled',
    startedById: '0055g00000ADA01AAA',
    startedByName: 'Ada Admin',
    status: 'Completed',
    queuedAt: '2026-11-24T08:00:00Z',
    startedAt: '2026-11-24T08:00:03Z',
    finishedAt: '2026-11-24T08:02:41Z',
    runtimeMs: 158000,
    rowsRead: 10,
    rowsMatched: 8,
    recordsUpdated: 4,
    recordsUnchanged: 4,
    rowsUnmatched: 2,
    pagesRead: 1,
    issueCount: 2
  },
  {
    ...NO_COUNTS,
    id: 'run-3',
    name: 'RUN-000042',
    integrationName: 'Contact_NPS',
    integrationLabel: 'Contact NPS',
    reportName: 'NPS per end user',
    objectName: 'Contact',
    triggerType: 'Scheduled',
    startedById: '0055g00000ADA01AAA',
    startedByName: 'Ada Admin',
    status: 'Completed with errors',
    queuedAt: '2026-11-24T08:00:00Z',
    startedAt: '2026-11-24T08:00:05Z',
    finishedAt: '2026-11-24T08:00:09Z',
    runtimeMs: 4000,
    rowsRead: 6,
    rowsMatched: 5,
    recordsUpdated: 3,
    recordsUnchanged: 1,
    rowsUnmatched: 1,
    recordsFailed: 1,
    valueIssues: 1,
    pagesRead: 1,
    issueCount: 3
  },
  {
    ...NO_COUNTS,
    id: 'run-2',
    name: 'RUN-000041',
    integrationName: 'Contact_TeachMe',
    integrationLabel: 'Contact TeachMe',
    reportName: 'TeachMe course progress',
    objectName: 'Contact',
    triggerType: 'Scheduled',
    startedById: '0055g00000ADA01AAA',
    startedByName: 'Ada Admin',
    status: 'Failed',
    queuedAt: '2026-11-24T06:00:00Z',
    startedAt: '2026-11-24T06:00:06Z',
    finishedAt: '2026-11-24T06:00:06.420Z',
    runtimeMs: 420,
    errorSummary:
      'WalkMe refused the credentials of the US region (401). Connect the region again in Connections.'
  },
  {
    ...NO_COUNTS,
    id: 'run-0',
    name: 'RUN-000040',
    integrationName: 'Lead_Logins_Pilot',
    integrationLabel: 'Lead logins',
    reportName: 'Logins review',
    objectName: 'Lead',
    triggerType: 'Manual',
    startedById: '0055g00000ADA01AAA',
    startedByName: 'Ada Admin',
    status: 'Completed',
    queuedAt: '2026-11-20T14:10:00Z',
    startedAt: '2026-11-20T14:10:02Z',
    finishedAt: '2026-11-20T14:10:05Z',
    runtimeMs: 3000,
    rowsRead: 10,
    rowsMatched: 10,
    recordsUpdated: 10,
    pagesRead: 1
  }
];

function runOf(id: string): RunSummary {
  const run = SAMPLE_RUNS.find((candidate) => candidate.id === id);
  if (!run) {
    throw new Error(`No sample run ${id}`);
  }
  return run;
}

/** The full log of each sample run, by run id, as `RunLogController.getRunDetail` answers. */
export const SAMPLE_RUN_DETAILS: Readonly<Record<string, RunDetail>> = {
  'run-5': {
    run: runOf('run-5'),
    stepLog: [
      '2026-11-25 08:00:02 UTC  Started: Logins review → Lead (key Email = Email)',
      '2026-11-25 08:00:04 UTC  Read page 1: 1,000 rows',
      '2026-11-25 08:00:07 UTC  Read page 2: 1,000 rows',
      '2026-11-25 08:00:09 UTC  Read page 3: 1,000 rows',
      '2026-11-25 08:00:12 UTC  Read page 4: 1,000 rows',
      '2026-11-25 08:00:14 UTC  Completed'
    ].join('\n'),
    issues: [],
    hasMoreIssues: false
  },
  'run-1': {
    run: runOf('run-1'),
    stepLog: [
      '2026-11-25 08:40:01 UTC  Queued (Manual run, by Ben Okafor)',
      '2026-11-25 08:40:03 UTC  Started: Onboarding completion rate → Account (key email = WalkMe_Email__c)',
      '2026-11-25 08:40:05 UTC  Page 1: rows read 10, matched 0; records updated 0, unchanged 0, failed 0; rows unmatched 10, skipped 0; value issues 0; issues 10.',
      '2026-11-25 08:40:05 UTC  Finished: Completed · no record matched. No record matched: 10 read, 10 unmatched — check the key pair. Rows read 10, matched 0; records updated 0, unchanged 0, failed 0; rows unmatched 10, skipped 0; value issues 0; issues 10; pages 1.'
    ].join('\n'),
    issues: [
      'ana.silva',
      'ben.okafor',
      'chen.li',
      'dara.kaya',
      'eli.moss',
      'fatou.ndiaye',
      'gus.berg',
      'hana.sato',
      'ivo.novak',
      'jo.reyes'
    ].map((user, index) => ({
      id: `issue-1-${index + 1}`,
      rowNumber: index + 1,
      key: `${user}@example.com`,
      severity: 'Warning',
      statusCode: 'UNMATCHED',
      message: `No Account has WalkMe Email ${user}@example.com`
    })),
    hasMoreIssues: false
  },
  'run-0': {
    run: runOf('run-0'),
    stepLog: [
      '2026-11-20 14:10:02 UTC  Started: Logins review → Lead (key Email = Email)',
      '2026-11-20 14:10:05 UTC  Finished: Completed. Rows read 10, matched 10; records updated 10, unchanged 0, failed 0; rows unmatched 0, skipped 0; value issues 0; issues 0; pages 1.'
    ].join('\n'),
    issues: [],
    hasMoreIssues: false
  },
  'run-4': {
    run: runOf('run-4'),
    stepLog: [
      '2026-11-24 08:00:03 UTC  Started: Logins review → Lead (key Email = Email)',
      '2026-11-24 08:00:05 UTC  Read page 1: 10 rows',
      '2026-11-24 08:02:40 UTC  Updated 4 records, 4 unchanged, 2 unmatched',
      '2026-11-24 08:02:41 UTC  Completed'
    ].join('\n'),
    issues: [
      {
        id: 'issue-4-1',
        rowNumber: 3,
        key: 'sam.lee@example.com',
        severity: 'Warning',
        statusCode: 'UNMATCHED',
        message: 'No Lead has Email sam.lee@example.com'
      },
      {
        id: 'issue-4-2',
        rowNumber: 9,
        key: 'noa@example.org',
        severity: 'Warning',
        statusCode: 'UNMATCHED',
        message: 'No Lead has Email noa@example.org'
      }
    ],
    hasMoreIssues: false
  },
  'run-3': {
    run: runOf('run-3'),
    stepLog: [
      '2026-11-24 08:00:05 UTC  Started: NPS per end user → Contact (key Email = Email)',
      '2026-11-24 08:00:07 UTC  Read page 1: 6 rows',
      '2026-11-24 08:00:08 UTC  Row 5: could not convert "yes, mostly" to a number',
      '2026-11-24 08:00:09 UTC  Updated 3 records, 1 unchanged, 1 unmatched, 1 failed',
      '2026-11-24 08:00:09 UTC  Completed with errors'
    ].join('\n'),
    issues: [
      {
        id: 'issue-3-1',
        rowNumber: 2,
        key: 'zoë.müller@example.com',
        recordId: '0035g00000CONT1AAA',
        severity: 'Error',
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'NPS must be between 0 and 10, got "11"',
        field: 'WalkMe_NPS_Score__c'
      },
      {
        id: 'issue-3-2',
        rowNumber: 4,
        key: 'sam@example.com',
        severity: 'Warning',
        statusCode: 'UNMATCHED',
        message: 'No Contact has Email sam@example.com'
      },
      {
        id: 'issue-3-3',
        rowNumber: 5,
        key: 'li@example.com',
        recordId: '0035g00000CONT3AAA',
        severity: 'Error',
        statusCode: 'INVALID_VALUE',
        message: 'Could not convert "yes, mostly" to a number.\nThe column NPS holds text.',
        field: 'WalkMe_NPS_Score__c'
      }
    ],
    hasMoreIssues: false
  },
  'run-2': {
    run: runOf('run-2'),
    stepLog: [
      '2026-11-24 06:00:06 UTC  Started: TeachMe course progress → Contact (key Email = Email)',
      '2026-11-24 06:00:06 UTC  Failed: WalkMe refused the credentials of the US region (401).',
      '    Connect the region again in Connections.'
    ].join('\n'),
    issues: [],
    hasMoreIssues: false
  }
};

const MILLIS_PER_DAY = 86_400_000;
const STEP_TIME = /\b(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC\b/g;

function shifted(iso: string | undefined, days: number): string | undefined {
  return iso === undefined
    ? undefined
    : new Date(Date.parse(iso) + days * MILLIS_PER_DAY).toISOString();
}

function shiftedStepLog(stepLog: string | undefined, days: number): string | undefined {
  return stepLog?.replace(STEP_TIME, (_match, time: string) => {
    const moved = new Date(Date.parse(`${time.replace(' ', 'T')}Z`) + days * MILLIS_PER_DAY);
    return `${moved.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  });
}

/**
 * The sample runs and their logs as of `now`: moved by the whole days that put SAMPLE_NOW at or
 * just before `now` (same times of day, so scheduled runs stay on their schedule), with the
 * outcome and warning RunSummary.forRun gives them.
 */
export function sampleRunsAt(now: Date): {
  runs: RunSummary[];
  details: Record<string, RunDetail>;
} {
  const days = Math.floor((now.getTime() - Date.parse(SAMPLE_NOW)) / MILLIS_PER_DAY);
  const runs = SAMPLE_RUNS.map((run) =>
    withOutcome({
      ...run,
      queuedAt: shifted(run.queuedAt, days) ?? run.queuedAt,
      ...(run.startedAt ? { startedAt: shifted(run.startedAt, days) } : {}),
      ...(run.finishedAt ? { finishedAt: shifted(run.finishedAt, days) } : {})
    })
  );
  const details: Record<string, RunDetail> = {};
  for (const [id, detail] of Object.entries(SAMPLE_RUN_DETAILS)) {
    const run = runs.find((candidate) => candidate.id === id) ?? detail.run;
    details[id] = {
      ...detail,
      run,
      ...(detail.stepLog ? { stepLog: shiftedStepLog(detail.stepLog, days) } : {})
    };
  }
  return { runs, details };
}
