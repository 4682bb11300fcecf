/** Sample runs shaped like `Sync_Run__c`, covering every status a run can have. */
export interface SampleRun {
  id: string;
  reportName: string;
  objectName: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  rowsRead: number;
  rowsUpdated: number;
}

export const SAMPLE_RUNS: readonly SampleRun[] = [
  {
    id: 'run-5',
    reportName: 'Logins review',
    objectName: 'Lead',
    status: 'Running',
    startedAt: '2026-11-25T08:00:02Z',
    finishedAt: null,
    rowsRead: 4000,
    rowsUpdated: 3120
  },
  {
    id: 'run-4',
    reportName: 'Logins review',
    objectName: 'Lead',
    status: 'Completed',
    startedAt: '2026-11-24T08:00:03Z',
    finishedAt: '2026-11-24T08:02:41Z',
    rowsRead: 10,
    rowsUpdated: 4
  },
  {
    id: 'run-3',
    reportName: 'NPS per end user',
    objectName: 'Contact',
    status: 'Completed with errors',
    startedAt: '2026-11-24T08:00:05Z',
    finishedAt: '2026-11-24T08:00:09Z',
    rowsRead: 6,
    rowsUpdated: 3
  },
  {
    id: 'run-2',
    reportName: 'TeachMe course progress',
    objectName: 'Contact',
    status: 'Failed',
    startedAt: '2026-11-24T08:00:06Z',
    finishedAt: '2026-11-24T08:00:06.420Z',
    rowsRead: 0,
    rowsUpdated: 0
  },
  {
    id: 'run-1',
    reportName: 'Onboarding completion rate',
    objectName: 'Account',
    status: 'Queued',
    startedAt: '2026-11-25T08:00:01Z',
    finishedAt: null,
    rowsRead: 0,
    rowsUpdated: 0
  }
];
