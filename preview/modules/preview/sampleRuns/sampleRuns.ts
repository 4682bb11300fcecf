/**
 * Sample runs as RunLogController answers them (`InsightsSync.RunSummary` and `RunDetail`),
 * covering every status a run can have, and row issues with the text a CSV must quote: commas,
 * quotes, line breaks and accented names. Scheduled runs run as Ada Admin, who scheduled the
 * dispatcher; the manual one as Ben Okafor, who pressed Run Now.
 */

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

/** Newest first, as `RunLogController.getRuns` answers. */
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
    status: 'Queued',
    queuedAt: '2026-11-25T08:00:01Z'
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
    status: 'Running',
    queuedAt: '2026-11-25T08:00:00Z',
    startedAt: '2026-11-25T08:00:02Z',
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
    queuedAt: '2026-11-24T08:00:00Z',
    startedAt: '2026-11-24T08:00:06Z',
    finishedAt: '2026-11-24T08:00:06.420Z',
    runtimeMs: 420,
    errorSummary:
      'WalkMe refused the credentials of the US region (401). Connect the region again in Connections.'
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
      '2026-11-25 08:00:12 UTC  Read page 4: 1,000 rows'
    ].join('\n'),
    issues: [],
    hasMoreIssues: false
  },
  'run-1': { run: runOf('run-1'), issues: [], hasMoreIssues: false },
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
      '2026-11-24 08:00:06 UTC  Started: TeachMe course progress → Contact (key Email = Email)',
      '2026-11-24 08:00:06 UTC  Failed: WalkMe refused the credentials of the US region (401).',
      '    Connect the region again in Connections.'
    ].join('\n'),
    issues: [],
    hasMoreIssues: false
  }
};
