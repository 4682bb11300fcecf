/**
 * The preview's Insights account and saved integrations: the report list as Insights answers it
 * (copied from /work/shared/fixtures/insights/reports.json, the untagged report included, so the
 * Salesforce-tag filter has something to leave out), each report's rows in the pages Insights
 * returns them (from the fixtures' rows files, awkward values and all), and the integrations the
 * sample runs in preview/sampleRuns belong to.
 */

/** A report cell as Insights sends it in JSON. */
export type ReportValue = string | number | boolean | null;

export type ReportRow = Readonly<Record<string, ReportValue>>;

/** One page of a report's rows, as `GET …/reports/{id}/rows` answers it. */
export interface ReportPageData {
  columns: InsightsSync.ReportColumn[];
  rows: ReportRow[];
}

/** Insights' report list, in Insights' order, tags as Insights sends them. */
export const SAMPLE_REPORTS: readonly InsightsSync.InsightsReport[] = [
  {
    id: 'rpt-logins-001',
    name: 'Logins review',
    tags: ['integrations_salesforce', 'out_of_the_box'],
    columns: [
      { name: 'user_id', label: 'User ID', type: 'string' },
      { name: 'email', label: 'Email', type: 'string' },
      { name: 'first_login', label: 'First login', type: 'datetime' },
      { name: 'last_login', label: 'Last login', type: 'datetime' },
      { name: 'logins_last_30_days', label: '# Logins last 30 days', type: 'integer' }
    ]
  },
  {
    id: 'rpt-nps-002',
    name: 'NPS per end user',
    tags: ['integrations_salesforce', 'out_of_the_box'],
    columns: [
      { name: 'email', label: 'Email', type: 'string' },
      { name: 'nps_score', label: 'NPS score', type: 'integer' },
      { name: 'nps_category', label: 'NPS category', type: 'string' },
      { name: 'nps_answered_at', label: 'Answered at', type: 'date' }
    ]
  },
  {
    id: 'rpt-onboarding-003',
    name: 'Onboarding completion rate',
    tags: ['integrations_salesforce', 'out_of_the_box'],
    columns: [
      { name: 'email', label: 'Email', type: 'string' },
      { name: 'onboarding_completion', label: 'Onboarding completion', type: 'percent' },
      { name: 'onboarding_completed', label: 'Onboarding completed', type: 'boolean' }
    ]
  },
  {
    id: 'rpt-teachme-004',
    name: 'TeachMe course progress',
    tags: ['integrations_salesforce', 'out_of_the_box', 'teachme'],
    columns: [
      { name: 'user_guid', label: 'User GUID', type: 'string' },
      { name: 'courses_completed', label: 'Courses completed', type: 'integer' },
      { name: 'course_progress', label: 'Course progress', type: 'percent' },
      { name: 'last_course_activity', label: 'Last course activity', type: 'datetime' }
    ]
  },
  {
    id: 'rpt-upsell-005',
    name: 'Capped feature usage (custom)',
    tags: ['integrations_salesforce'],
    columns: [
      { name: 'email', label: 'Email', type: 'string' },
      { name: 'export_feature_uses', label: 'Export feature uses (30d)', type: 'number' },
      { name: 'viewed_upgrade_page', label: 'Viewed upgrade page', type: 'boolean' },
      { name: 'plan', label: 'Plan', type: 'string' }
    ]
  },
  {
    id: 'rpt-internal-006',
    name: 'Internal QA report (not for Salesforce)',
    tags: ['qa'],
    columns: [{ name: 'email', label: 'Email', type: 'string' }]
  }
];

function columnsOf(reportId: string): InsightsSync.ReportColumn[] {
  return SAMPLE_REPORTS.find((report) => report.id === reportId)?.columns ?? [];
}

/**
 * Each report's rows in the pages Insights sends them: the Logins report in two pages (cursor
 * `c2`), the others in one. The custom report has no fixture; its rows are the preview's own.
 */
export const SAMPLE_REPORT_PAGES: Readonly<Record<string, readonly ReportPageData[]>> = {
  'rpt-logins-001': [
    {
      columns: columnsOf('rpt-logins-001'),
      rows: [
        {
          user_id: 'u-1001',
          email: 'ana.silva@example.com',
          first_login: '2026-09-01T07:15:00Z',
          last_login: '2026-11-24T16:02:11Z',
          logins_last_30_days: 42
        },
        {
          user_id: 'u-1002',
          email: '  Ben.Okafor@Example.com ',
          first_login: '2026-10-12T09:00:00+02:00',
          last_login: '2026-11-23T08:30:00+02:00',
          logins_last_30_days: 7
        },
        {
          user_id: 'u-1003',
          email: 'chloe.martin@example.fr',
          first_login: 1756710000000,
          last_login: 1764000000000,
          logins_last_30_days: '15'
        },
        {
          user_id: 'u-1004',
          email: 'dev.patel@example.com',
          first_login: '2026-11-20T10:00:00Z',
          last_login: null,
          logins_last_30_days: 0
        },
        {
          user_id: 'u-1005',
          email: 'no-such-lead@example.com',
          first_login: '2026-08-01T00:00:00Z',
          last_login: '2026-11-01T00:00:00Z',
          logins_last_30_days: 3
        },
        {
          user_id: 'u-1006',
          email: 'ANA.SILVA@EXAMPLE.COM',
          first_login: '2026-09-02T07:15:00Z',
          last_login: '2026-11-22T16:02:11Z',
          logins_last_30_days: 40
        },
        {
          user_id: 'u-1007',
          email: '',
          first_login: '2026-09-03T07:15:00Z',
          last_login: '2026-11-21T16:02:11Z',
          logins_last_30_days: 1
        },
        {
          user_id: 'u-1008',
          email: 'eve.nakamura@example.jp',
          first_login: 'not a date',
          last_login: '2026-11-24T23:59:59.999Z',
          logins_last_30_days: 12.0
        }
      ]
    },
    {
      columns: columnsOf('rpt-logins-001'),
      rows: [
        {
          user_id: 'u-1009',
          email: 'farid.haddad@example.com',
          first_login: '2026-07-14T12:00:00Z',
          last_login: '2026-11-24T07:59:00Z',
          logins_last_30_days: 88,
          unexpected_extra_column: 'ignored'
        },
        {
          user_id: 'u-1010',
          email: 'grace.lee@example.com',
          first_login: '2026-06-30T23:00:00-05:00',
          last_login: '2026-11-10T14:45:00Z',
          logins_last_30_days: -1
        }
      ]
    }
  ],
  'rpt-nps-002': [
    {
      columns: columnsOf('rpt-nps-002'),
      rows: [
        {
          email: 'ana.silva@example.com',
          nps_score: 10,
          nps_category: 'Promoter',
          nps_answered_at: '2026-11-02'
        },
        {
          email: 'ben.okafor@example.com',
          nps_score: 6,
          nps_category: 'Detractor',
          nps_answered_at: '2026-11-03'
        },
        {
          email: 'chloe.martin@example.fr',
          nps_score: 8,
          nps_category: 'Passive',
          nps_answered_at: '2026-11-04T00:00:00Z'
        },
        {
          email: 'dev.patel@example.com',
          nps_score: 11,
          nps_category: 'Champion',
          nps_answered_at: '2026-13-01'
        }
      ]
    }
  ],
  'rpt-onboarding-003': [
    {
      columns: columnsOf('rpt-onboarding-003'),
      rows: [
        { email: 'ana.silva@example.com', onboarding_completion: 100, onboarding_completed: true },
        {
          email: 'ben.okafor@example.com',
          onboarding_completion: 37.5,
          onboarding_completed: 'false'
        },
        {
          email: 'chloe.martin@example.fr',
          onboarding_completion: '62.5',
          onboarding_completed: 'TRUE'
        },
        { email: 'dev.patel@example.com', onboarding_completion: null, onboarding_completed: 'yes' }
      ]
    }
  ],
  'rpt-teachme-004': [
    {
      columns: columnsOf('rpt-teachme-004'),
      rows: [
        {
          user_guid: '9B2E4C1A-7D3F-4E8B-A1C2-0F9E8D7C6B5A',
          courses_completed: 4,
          course_progress: 80,
          last_course_activity: '2026-11-20T10:00:00Z'
        },
        {
          user_guid: '9b2e4c1a-7d3f-4e8b-a1c2-0f9e8d7c6b5b',
          courses_completed: 1,
          course_progress: 12.5,
          last_course_activity: '2026-10-01T10:00:00Z'
        }
      ]
    }
  ],
  'rpt-upsell-005': [
    {
      columns: columnsOf('rpt-upsell-005'),
      rows: [
        {
          email: 'ana.silva@example.com',
          export_feature_uses: 212,
          viewed_upgrade_page: true,
          plan: 'Team'
        },
        {
          email: 'ben.okafor@example.com',
          export_feature_uses: 48.5,
          viewed_upgrade_page: false,
          plan: 'business'
        },
        {
          email: 'chloe.martin@example.fr',
          export_feature_uses: '1,024',
          viewed_upgrade_page: 'no',
          plan: 'Enterprise Plus'
        },
        {
          email: 'hana.kim@example.com',
          export_feature_uses: 3,
          viewed_upgrade_page: true,
          plan: 'Free'
        }
      ]
    }
  ],
  'rpt-internal-006': [{ columns: columnsOf('rpt-internal-006'), rows: [] }]
};

function mapping(column: string, columnType: string, field: string): InsightsSync.FieldMapping {
  return { column, columnType, field };
}

const DEFAULTS = {
  sourceType: 'Insights API',
  scheduleTimeUtc: '08:00',
  frequency: 'Daily',
  state: 'Active',
  matchPolicy: 'Update all',
  blankValuePolicy: 'Leave as is'
};

/**
 * The saved integrations, as `IntegrationController.getIntegration` answers them; their developer
 * names and labels are those of the sample runs.
 */
export const SAMPLE_INTEGRATIONS: readonly InsightsSync.IntegrationDefinition[] = [
  {
    ...DEFAULTS,
    developerName: 'Lead_Logins',
    label: 'Lead logins',
    reportId: 'rpt-logins-001',
    reportName: 'Logins review',
    connectionRegion: 'EU',
    targetObject: 'Lead',
    reportKeyColumn: 'email',
    objectKeyField: 'Email',
    mappings: [
      mapping('first_login', 'datetime', 'WalkMe_First_Login__c'),
      mapping('last_login', 'datetime', 'WalkMe_Last_Login__c'),
      mapping('logins_last_30_days', 'integer', 'WalkMe_Logins_Last_30_Days__c')
    ]
  },
  {
    ...DEFAULTS,
    developerName: 'Contact_NPS',
    label: 'Contact NPS',
    reportId: 'rpt-nps-002',
    reportName: 'NPS per end user',
    connectionRegion: 'EU',
    targetObject: 'Contact',
    reportKeyColumn: 'email',
    objectKeyField: 'Email',
    mappings: [
      mapping('nps_score', 'integer', 'WalkMe_NPS_Score__c'),
      mapping('nps_category', 'string', 'WalkMe_NPS_Category__c'),
      mapping('nps_answered_at', 'date', 'WalkMe_NPS_Answered_At__c')
    ]
  },
  {
    ...DEFAULTS,
    developerName: 'Contact_TeachMe',
    label: 'Contact TeachMe',
    reportId: 'rpt-teachme-004',
    reportName: 'TeachMe course progress',
    // The region whose credentials WalkMe refused in the sample run; it is not connected.
    connectionRegion: 'US',
    targetObject: 'Contact',
    reportKeyColumn: 'user_guid',
    objectKeyField: 'WalkMe_User_Guid__c',
    scheduleTimeUtc: '06:00',
    mappings: [
      mapping('courses_completed', 'integer', 'WalkMe_Courses_Completed__c'),
      mapping('course_progress', 'percent', 'WalkMe_Course_Progress__c'),
      mapping('last_course_activity', 'datetime', 'WalkMe_Last_Course_Activity__c')
    ]
  },
  {
    ...DEFAULTS,
    developerName: 'Account_Onboarding',
    label: 'Account onboarding',
    reportId: 'rpt-onboarding-003',
    reportName: 'Onboarding completion rate',
    connectionRegion: 'EU',
    targetObject: 'Account',
    reportKeyColumn: 'email',
    objectKeyField: 'WalkMe_Email__c',
    frequency: 'Hourly',
    mappings: [
      mapping('onboarding_completion', 'percent', 'WalkMe_Onboarding_Completion__c'),
      mapping('onboarding_completed', 'boolean', 'WalkMe_Onboarding_Completed__c')
    ]
  },
  {
    ...DEFAULTS,
    developerName: 'Account_Feature_Usage',
    label: 'Account feature usage',
    reportId: 'rpt-upsell-005',
    reportName: 'Capped feature usage (custom)',
    connectionRegion: 'EU',
    targetObject: 'Account',
    reportKeyColumn: 'email',
    objectKeyField: 'WalkMe_Email__c',
    frequency: 'Weekly',
    scheduleWeekday: 'Monday',
    scheduleTimeUtc: '06:00',
    state: 'Paused',
    matchPolicy: 'Skip and report',
    mappings: [
      mapping('export_feature_uses', 'number', 'WalkMe_Export_Feature_Uses__c'),
      mapping('viewed_upgrade_page', 'boolean', 'WalkMe_Viewed_Upgrade_Page__c'),
      mapping('plan', 'string', 'WalkMe_Plan__c')
    ]
  },
  {
    // Archived: the list shows it only with "Show archived", where it can be restored.
    ...DEFAULTS,
    developerName: 'Lead_Logins_Pilot',
    label: 'Lead logins (pilot)',
    reportId: 'rpt-logins-001',
    reportName: 'Logins review',
    connectionRegion: 'EU',
    targetObject: 'Lead',
    reportKeyColumn: 'email',
    objectKeyField: 'Email',
    state: 'Archived',
    mappings: [mapping('last_login', 'datetime', 'WalkMe_Last_Login__c')]
  }
];
