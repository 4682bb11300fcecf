/**
 * The preview org's schema and records: the objects the admin can update (as
 * `IntegrationController.getObjects` lists them), each object's fields with the describe facts the
 * Apex decides on (updateable, filterable, external id, id lookup), and a few records per object
 * for Preview and Run Now to match report rows against.
 *
 * `Product_Usage__c` has 800 fields, generated deterministically, so the mapping editor can be
 * tried on a big schema. Records are kept as Lightning sends field values: Datetime as ISO-8601
 * UTC with milliseconds, Date as `yyyy-MM-dd`, numbers as numbers.
 */

/** A field value as a record holds it in the preview (and as Lightning sends it). */
export type FieldValue = string | number | boolean | null;

/** A record of the preview org: its Id and field values by API name. */
export interface SampleRecord {
  Id: string;
  [field: string]: FieldValue;
}

/** A field with the describe facts ObjectCatalog and the validator use. */
export interface SampleField extends InsightsSync.CatalogField {
  /** `isUpdateable()` for the preview's admin. */
  updateable: boolean;
  /** `isFilterable()`: long text areas are not. */
  filterable: boolean;
  /** `isNillable()`: false for required fields, checkboxes and the record ID. */
  nillable: boolean;
  externalId: boolean;
  /** `isUnique()`. */
  unique: boolean;
  idLookup: boolean;
  /** `getReferenceTo()` of a lookup: the objects it points to. */
  referenceTo: string[];
}

/** A validation rule of the preview org: the record after an update either passes or not. */
export interface SampleValidationRule {
  field: string;
  message: string;
  rejects(record: SampleRecord): boolean;
}

export interface SampleObject {
  apiName: string;
  label: string;
  isCustom: boolean;
  /** `isCustomSetting()`: configuration, which TargetRules refuses as a target. */
  isCustomSetting?: boolean;
  /** Every field, the non-updateable ones too. */
  fields: SampleField[];
  records: SampleRecord[];
  validationRules: SampleValidationRule[];
}

interface FieldOptions {
  length?: number;
  precision?: number;
  scale?: number;
  picklist?: string[];
  restricted?: boolean;
  readOnly?: boolean;
  /** The object requires a value in the field (`isNillable()` false). */
  required?: boolean;
  externalId?: boolean;
  unique?: boolean;
  idLookup?: boolean;
  referenceTo?: string[];
}

/** `getLength()` of the text types when a field does not say. */
const DEFAULT_LENGTHS: Readonly<Record<string, number>> = {
  STRING: 255,
  EMAIL: 80,
  PHONE: 40,
  URL: 255,
  TEXTAREA: 32768,
  PICKLIST: 255,
  MULTIPICKLIST: 4099,
  ID: 18,
  REFERENCE: 18
};

/** ObjectCatalog.keyReason: the strongest reason a field identifies a record, or the warning. */
function keyReason(
  label: string,
  type: string,
  externalId: boolean,
  unique: boolean,
  idLookup: boolean
): string {
  if (type === 'ID') {
    return 'Record ID';
  }
  if (externalId) {
    return 'External ID';
  }
  if (unique) {
    return 'Unique';
  }
  if (type === 'EMAIL') {
    return 'Email';
  }
  return idLookup ? 'ID lookup' : `Not unique: several records may share a ${label}.`;
}

function field(
  apiName: string,
  label: string,
  type: string,
  options: FieldOptions = {}
): SampleField {
  const externalId = options.externalId === true;
  const unique = options.unique === true;
  const idLookup = options.idLookup === true || type === 'ID';
  const picklist = options.picklist ?? [];
  const isKeyCandidate = type === 'EMAIL' || externalId || unique || idLookup;
  return {
    apiName,
    label,
    type,
    length: options.length ?? DEFAULT_LENGTHS[type] ?? 0,
    precision: options.precision ?? 0,
    scale: options.scale ?? 0,
    picklistValues: picklist.map((value) => ({ value, label: value })),
    isRestrictedPicklist: options.restricted === true,
    isKeyCandidate,
    keyStrength: isKeyCandidate ? 'identifying' : 'weak',
    keyReason: keyReason(label, type, externalId, unique, idLookup),
    isCustom: apiName.endsWith('__c'),
    updateable: options.readOnly !== true && type !== 'ID',
    // Long text areas cannot be filtered on; short ones (255) can.
    filterable: !(type === 'TEXTAREA' && (options.length ?? DEFAULT_LENGTHS.TEXTAREA) > 255),
    nillable: options.required !== true && type !== 'BOOLEAN' && type !== 'ID',
    externalId,
    unique,
    idLookup,
    referenceTo: options.referenceTo ?? []
  };
}

const number = (precision: number, scale: number): FieldOptions => ({ precision, scale });
const readOnly: FieldOptions = { readOnly: true };

const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRIES = [
  'Agriculture',
  'Banking',
  'Consulting',
  'Education',
  'Energy',
  'Healthcare',
  'Manufacturing',
  'Retail',
  'Technology'
];
const RATINGS = ['Hot', 'Warm', 'Cold'];
const NPS_CATEGORIES = ['Promoter', 'Passive', 'Detractor'];
const PLANS = ['Free', 'Team', 'Business', 'Enterprise'];

/** The fields every object has and nobody writes. */
function systemFields(idLabel: string): SampleField[] {
  return [
    field('Id', idLabel, 'ID'),
    field('CreatedDate', 'Created Date', 'DATETIME', readOnly),
    field('LastModifiedDate', 'Last Modified Date', 'DATETIME', readOnly),
    field('OwnerId', 'Owner ID', 'REFERENCE', { referenceTo: ['Group', 'User'] })
  ];
}

function loginFields(): SampleField[] {
  return [
    field('WalkMe_First_Login__c', 'WalkMe First Login', 'DATETIME'),
    field('WalkMe_Last_Login__c', 'WalkMe Last Login', 'DATETIME'),
    field('WalkMe_Logins_Last_30_Days__c', 'WalkMe Logins Last 30 Days', 'DOUBLE', number(18, 0))
  ];
}

function npsFields(): SampleField[] {
  return [
    field('WalkMe_NPS_Score__c', 'WalkMe NPS Score', 'DOUBLE', number(2, 0)),
    field('WalkMe_NPS_Category__c', 'WalkMe NPS Category', 'PICKLIST', {
      picklist: NPS_CATEGORIES,
      restricted: true
    }),
    field('WalkMe_NPS_Answered_At__c', 'WalkMe NPS Answered At', 'DATE')
  ];
}

function onboardingFields(): SampleField[] {
  return [
    field(
      'WalkMe_Onboarding_Completion__c',
      'WalkMe Onboarding Completion',
      'PERCENT',
      number(5, 2)
    ),
    field('WalkMe_Onboarding_Completed__c', 'WalkMe Onboarding Completed', 'BOOLEAN')
  ];
}

function teachMeFields(): SampleField[] {
  return [
    field('WalkMe_Courses_Completed__c', 'WalkMe Courses Completed', 'DOUBLE', number(18, 0)),
    field('WalkMe_Course_Progress__c', 'WalkMe Course Progress', 'PERCENT', number(5, 2)),
    field('WalkMe_Last_Course_Activity__c', 'WalkMe Last Course Activity', 'DATETIME')
  ];
}

const LEAD: SampleObject = {
  apiName: 'Lead',
  label: 'Lead',
  isCustom: false,
  fields: [
    ...systemFields('Lead ID'),
    field('Salutation', 'Salutation', 'PICKLIST', { picklist: SALUTATIONS, length: 40 }),
    field('FirstName', 'First Name', 'STRING', { length: 40 }),
    field('LastName', 'Last Name', 'STRING', { length: 80, required: true }),
    field('Name', 'Full Name', 'STRING', { length: 121, readOnly: true }),
    field('Title', 'Title', 'STRING', { length: 128 }),
    field('Company', 'Company', 'STRING', { required: true }),
    field('Email', 'Email', 'EMAIL'),
    field('Phone', 'Phone', 'PHONE'),
    field('MobilePhone', 'Mobile Phone', 'PHONE'),
    field('Website', 'Website', 'URL'),
    field('LeadSource', 'Lead Source', 'PICKLIST', { picklist: LEAD_SOURCES }),
    field('Status', 'Lead Status', 'PICKLIST', {
      picklist: [
        'Open - Not Contacted',
        'Working - Contacted',
        'Closed - Converted',
        'Closed - Not Converted'
      ]
    }),
    field('Rating', 'Rating', 'PICKLIST', { picklist: RATINGS }),
    field('Industry', 'Industry', 'PICKLIST', { picklist: INDUSTRIES }),
    field('AnnualRevenue', 'Annual Revenue', 'CURRENCY', number(18, 0)),
    field('NumberOfEmployees', 'Employees', 'INTEGER', number(8, 0)),
    field('Street', 'Street', 'TEXTAREA', { length: 255 }),
    field('City', 'City', 'STRING', { length: 40 }),
    field('State', 'State/Province', 'STRING', { length: 80 }),
    field('PostalCode', 'Zip/Postal Code', 'STRING', { length: 20 }),
    field('Country', 'Country', 'STRING', { length: 80 }),
    field('Description', 'Description', 'TEXTAREA', { length: 32000 }),
    field('HasOptedOutOfEmail', 'Email Opt Out', 'BOOLEAN'),
    field('DoNotCall', 'Do Not Call', 'BOOLEAN'),
    field('IsConverted', 'Converted', 'BOOLEAN', readOnly),
    field('LastActivityDate', 'Last Activity', 'DATE', readOnly),
    ...loginFields(),
    // A "last synced" stamp for the reset of values that left the report.
    field('WalkMe_Last_Synced__c', 'WalkMe Last Synced', 'DATETIME')
  ],
  records: [
    lead('00Q5g00000LEAD1AAA', 'Ana', 'Silva', 'ana.silva@example.com', 'Silva & Co'),
    {
      ...lead('00Q5g00000LEAD2AAA', 'Ben', 'Okafor', 'ben.okafor@example.com', 'Okafor Logistics'),
      WalkMe_First_Login__c: '2026-10-12T07:00:00.000Z',
      WalkMe_Last_Login__c: '2026-11-02T09:12:00.000Z',
      WalkMe_Logins_Last_30_Days__c: 5
    },
    lead('00Q5g00000LEAD3AAA', 'Chloé', 'Martin', 'chloe.martin@example.fr', 'Martin Conseil'),
    lead('00Q5g00000LEAD4AAA', 'Dev', 'Patel', 'dev.patel@example.com', 'Patel Analytics'),
    // The same person twice, as imported leads often are: a run updates both.
    lead('00Q5g00000LEAD5AAA', 'Dev', 'Patel', 'Dev.Patel@example.com', 'Patel Analytics Ltd'),
    lead('00Q5g00000LEAD6AAA', 'Eve', 'Nakamura', 'eve.nakamura@example.jp', 'Nakamura KK'),
    {
      // Already holds what the report says: a run leaves it unchanged.
      ...lead(
        '00Q5g00000LEAD7AAA',
        'Farid',
        'Haddad',
        'farid.haddad@example.com',
        'Haddad Freight'
      ),
      WalkMe_First_Login__c: '2026-07-14T12:00:00.000Z',
      WalkMe_Last_Login__c: '2026-11-24T07:59:00.000Z',
      WalkMe_Logins_Last_30_Days__c: 88
    },
    lead('00Q5g00000LEAD8AAA', 'Grace', 'Lee', 'grace.lee@example.com', 'Lee Partners'),
    {
      // Stamped by an earlier run, and no longer in the Logins report: a run that resets values
      // that left the report resets hers.
      ...lead('00Q5g00000LEAD9AAA', 'Noa', 'Levi', 'noa@example.org', 'Levi Studio'),
      WalkMe_Last_Login__c: '2026-10-30T16:20:00.000Z',
      WalkMe_Logins_Last_30_Days__c: 3,
      WalkMe_Last_Synced__c: '2026-11-01T08:00:00.000Z'
    }
  ],
  validationRules: []
};

function lead(
  id: string,
  firstName: string,
  lastName: string,
  email: string,
  company: string
): SampleRecord {
  return {
    Id: id,
    FirstName: firstName,
    LastName: lastName,
    Name: `${firstName} ${lastName}`,
    Email: email,
    Company: company,
    Status: 'Working - Contacted',
    WalkMe_First_Login__c: null,
    WalkMe_Last_Login__c: null,
    WalkMe_Logins_Last_30_Days__c: null,
    WalkMe_Last_Synced__c: null
  };
}

const CONTACT: SampleObject = {
  apiName: 'Contact',
  label: 'Contact',
  isCustom: false,
  fields: [
    ...systemFields('Contact ID'),
    field('Salutation', 'Salutation', 'PICKLIST', { picklist: SALUTATIONS, length: 40 }),
    field('FirstName', 'First Name', 'STRING', { length: 40 }),
    field('LastName', 'Last Name', 'STRING', { length: 80, required: true }),
    field('Name', 'Full Name', 'STRING', { length: 121, readOnly: true }),
    field('AccountId', 'Account ID', 'REFERENCE'),
    field('ReportsToId', 'Reports To ID', 'REFERENCE'),
    field('Title', 'Title', 'STRING', { length: 128 }),
    field('Department', 'Department', 'STRING', { length: 80 }),
    field('Email', 'Email', 'EMAIL'),
    field('Phone', 'Business Phone', 'PHONE'),
    field('MobilePhone', 'Mobile Phone', 'PHONE'),
    field('Birthdate', 'Birthdate', 'DATE'),
    field('LeadSource', 'Lead Source', 'PICKLIST', { picklist: LEAD_SOURCES }),
    field('MailingCity', 'Mailing City', 'STRING', { length: 40 }),
    field('MailingCountry', 'Mailing Country', 'STRING', { length: 80 }),
    field('Description', 'Description', 'TEXTAREA', { length: 32000 }),
    field('HasOptedOutOfEmail', 'Email Opt Out', 'BOOLEAN'),
    field('LastActivityDate', 'Last Activity', 'DATE', readOnly),
    field('WalkMe_User_Guid__c', 'WalkMe User GUID', 'STRING', { length: 100, externalId: true }),
    // One of the three Logins fields only: the Logins template shows the two it lacks, and the
    // field request asks for those two.
    loginFields()[2],
    ...npsFields(),
    ...onboardingFields(),
    ...teachMeFields()
  ],
  records: [
    contact('0035g00000CONT1AAA', 'Ana', 'Silva', 'ana.silva@example.com', {
      WalkMe_User_Guid__c: '9b2e4c1a-7d3f-4e8b-a1c2-0f9e8d7c6b5a'
    }),
    contact('0035g00000CONT2AAA', 'Ben', 'Okafor', 'ben.okafor@example.com', {
      WalkMe_User_Guid__c: '9B2E4C1A-7D3F-4E8B-A1C2-0F9E8D7C6B5B',
      WalkMe_Courses_Completed__c: 1,
      WalkMe_Course_Progress__c: 12.5,
      WalkMe_Last_Course_Activity__c: '2026-10-01T10:00:00.000Z'
    }),
    contact('0035g00000CONT3AAA', 'Chloé', 'Martin', 'chloe.martin@example.fr', {
      WalkMe_NPS_Score__c: 8,
      WalkMe_NPS_Category__c: 'Passive',
      WalkMe_NPS_Answered_At__c: '2026-11-04'
    }),
    contact('0035g00000CONT4AAA', 'Dev', 'Patel', 'dev.patel@example.com', {})
  ],
  validationRules: [
    {
      field: 'WalkMe_NPS_Score__c',
      message: 'NPS must be between 0 and 10.',
      rejects: (record) => {
        const score = record.WalkMe_NPS_Score__c;
        return typeof score === 'number' && (score < 0 || score > 10);
      }
    }
  ]
};

function contact(
  id: string,
  firstName: string,
  lastName: string,
  email: string,
  values: Record<string, FieldValue>
): SampleRecord {
  return {
    Id: id,
    FirstName: firstName,
    LastName: lastName,
    Name: `${firstName} ${lastName}`,
    Email: email,
    WalkMe_User_Guid__c: null,
    WalkMe_NPS_Score__c: null,
    WalkMe_NPS_Category__c: null,
    WalkMe_NPS_Answered_At__c: null,
    WalkMe_Onboarding_Completion__c: null,
    WalkMe_Onboarding_Completed__c: false,
    WalkMe_Courses_Completed__c: null,
    WalkMe_Course_Progress__c: null,
    WalkMe_Last_Course_Activity__c: null,
    ...values
  };
}

const ACCOUNT: SampleObject = {
  apiName: 'Account',
  label: 'Account',
  isCustom: false,
  fields: [
    ...systemFields('Account ID'),
    field('Name', 'Account Name', 'STRING'),
    field('AccountNumber', 'Account Number', 'STRING', { length: 40 }),
    field('ParentId', 'Parent Account ID', 'REFERENCE'),
    field('Type', 'Account Type', 'PICKLIST', {
      picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other']
    }),
    field('Industry', 'Industry', 'PICKLIST', { picklist: INDUSTRIES }),
    field('Rating', 'Account Rating', 'PICKLIST', { picklist: RATINGS }),
    field('AnnualRevenue', 'Annual Revenue', 'CURRENCY', number(18, 0)),
    field('NumberOfEmployees', 'Employees', 'INTEGER', number(8, 0)),
    field('Phone', 'Account Phone', 'PHONE'),
    field('Website', 'Website', 'URL'),
    field('BillingCity', 'Billing City', 'STRING', { length: 40 }),
    field('BillingCountry', 'Billing Country', 'STRING', { length: 80 }),
    field('Description', 'Account Description', 'TEXTAREA', { length: 32000 }),
    field('WalkMe_Email__c', 'WalkMe Email', 'EMAIL', { externalId: true }),
    ...npsFields(),
    ...onboardingFields(),
    field('WalkMe_Courses_Completed__c', 'WalkMe Courses Completed', 'DOUBLE', number(18, 0)),
    field('WalkMe_Export_Feature_Uses__c', 'WalkMe Export Feature Uses', 'DOUBLE', number(18, 0)),
    field('WalkMe_Viewed_Upgrade_Page__c', 'WalkMe Viewed Upgrade Page', 'BOOLEAN'),
    field('WalkMe_Plan__c', 'WalkMe Plan', 'PICKLIST', { picklist: PLANS, restricted: true })
  ],
  records: [
    account('0015g00000ACCT1AAA', 'Silva & Co', 'ana.silva@example.com'),
    account('0015g00000ACCT2AAA', 'Okafor Logistics', 'ben.okafor@example.com'),
    account('0015g00000ACCT3AAA', 'Martin Conseil', 'chloe.martin@example.fr'),
    account('0015g00000ACCT4AAA', 'Patel Analytics', 'dev.patel@example.com')
  ],
  validationRules: []
};

function account(id: string, name: string, email: string): SampleRecord {
  return {
    Id: id,
    Name: name,
    Type: 'Customer - Direct',
    WalkMe_Email__c: email,
    WalkMe_NPS_Score__c: null,
    WalkMe_NPS_Category__c: null,
    WalkMe_Onboarding_Completion__c: null,
    WalkMe_Onboarding_Completed__c: false,
    WalkMe_Export_Feature_Uses__c: null,
    WalkMe_Viewed_Upgrade_Page__c: false,
    WalkMe_Plan__c: null
  };
}

// Product_Usage__c: product areas times measures, cut to 800 fields in all.
const PRODUCT_USAGE_FIELD_COUNT = 800;

const PRODUCT_AREAS: readonly [string, string][] = [
  ['Dashboards', 'Dashboards'],
  ['Reports', 'Reports'],
  ['Data_Export', 'Data export'],
  ['Data_Import', 'Data import'],
  ['Search', 'Search'],
  ['Workflows', 'Workflows'],
  ['Approvals', 'Approvals'],
  ['Calendar', 'Calendar'],
  ['Chat', 'Chat'],
  ['File_Sharing', 'File sharing'],
  ['Comments', 'Comments'],
  ['Notifications', 'Notifications'],
  ['Mobile_App', 'Mobile app'],
  ['Integrations', 'Integrations'],
  ['API_Access', 'API access'],
  ['Billing', 'Billing'],
  ['Invoices', 'Invoices'],
  ['Forecasts', 'Forecasts'],
  ['Pipelines', 'Pipelines'],
  ['Goals', 'Goals'],
  ['Surveys', 'Surveys'],
  ['Knowledge_Base', 'Knowledge base'],
  ['Tickets', 'Tickets'],
  ['Onboarding', 'Onboarding'],
  ['Training', 'Training'],
  ['Analytics', 'Analytics'],
  ['Automation', 'Automation'],
  ['Templates', 'Templates'],
  ['Forms', 'Forms'],
  ['Tasks', 'Tasks'],
  ['Projects', 'Projects'],
  ['Time_Tracking', 'Time tracking'],
  ['Expenses', 'Expenses'],
  ['Contracts', 'Contracts'],
  ['Quotes', 'Quotes'],
  ['Inventory', 'Inventory'],
  ['Orders', 'Orders'],
  ['Campaigns', 'Campaigns'],
  ['Segments', 'Segments'],
  ['Audit_Log', 'Audit log'],
  ['Sandbox', 'Sandbox'],
  ['Single_Sign_On', 'Single sign-on']
];

interface Measure {
  suffix: string;
  label: string;
  type: string;
  options?: FieldOptions;
}

const MEASURES: readonly Measure[] = [
  { suffix: 'Uses_30d', label: 'uses (30 days)', type: 'DOUBLE', options: number(18, 0) },
  { suffix: 'Uses_7d', label: 'uses (7 days)', type: 'DOUBLE', options: number(18, 0) },
  { suffix: 'Active_Users', label: 'active users', type: 'DOUBLE', options: number(18, 0) },
  { suffix: 'First_Use', label: 'first use', type: 'DATETIME' },
  { suffix: 'Last_Use', label: 'last use', type: 'DATETIME' },
  { suffix: 'Last_Use_Day', label: 'last use day', type: 'DATE' },
  { suffix: 'Adoption', label: 'adoption', type: 'PERCENT', options: number(5, 2) },
  { suffix: 'Setup_Completion', label: 'setup completion', type: 'PERCENT', options: number(5, 2) },
  { suffix: 'Enabled', label: 'enabled', type: 'BOOLEAN' },
  { suffix: 'In_Trial', label: 'in trial', type: 'BOOLEAN' },
  {
    suffix: 'Stage',
    label: 'adoption stage',
    type: 'PICKLIST',
    options: { picklist: ['Not started', 'Exploring', 'Adopted', 'Champion', 'Churned'] }
  },
  {
    suffix: 'Tier',
    label: 'tier',
    type: 'PICKLIST',
    options: { picklist: PLANS, restricted: true }
  },
  { suffix: 'Notes', label: 'notes', type: 'TEXTAREA', options: { length: 255 } },
  { suffix: 'Owner_Email', label: 'owner email', type: 'EMAIL' },
  { suffix: 'Help_Url', label: 'help URL', type: 'URL' },
  {
    suffix: 'Avg_Session_Min',
    label: 'avg. session minutes',
    type: 'DOUBLE',
    options: number(8, 2)
  },
  { suffix: 'Seats', label: 'licensed seats', type: 'DOUBLE', options: number(18, 0) },
  { suffix: 'Monthly_Spend', label: 'monthly spend', type: 'CURRENCY', options: number(16, 2) },
  { suffix: 'Top_Action', label: 'top action', type: 'STRING', options: { length: 80 } },
  {
    suffix: 'Channels',
    label: 'channels',
    type: 'MULTIPICKLIST',
    options: { picklist: ['Web', 'Mobile', 'API', 'Email'] }
  }
];

function productUsageFields(): SampleField[] {
  const named: SampleField[] = [
    ...systemFields('Record ID'),
    field('Name', 'Product Usage Name', 'STRING', { length: 80 }),
    field('Account__c', 'Account', 'REFERENCE'),
    field('User_Email__c', 'User email', 'EMAIL'),
    field('WalkMe_User_Id__c', 'WalkMe user ID', 'STRING', { length: 50, externalId: true }),
    ...loginFields()
  ];
  const generated: SampleField[] = [];
  for (const [areaName, areaLabel] of PRODUCT_AREAS) {
    for (const measure of MEASURES) {
      generated.push(
        field(
          `${areaName}_${measure.suffix}__c`,
          `${areaLabel} ${measure.label}`,
          measure.type,
          measure.options
        )
      );
    }
  }
  return [...named, ...generated.slice(0, PRODUCT_USAGE_FIELD_COUNT - named.length)];
}

const PRODUCT_USAGE: SampleObject = {
  apiName: 'Product_Usage__c',
  label: 'Product usage',
  isCustom: true,
  fields: productUsageFields(),
  records: [
    productUsage('a025g00000PUSE1AAA', 'u-1001', 'ana.silva@example.com'),
    productUsage('a025g00000PUSE2AAA', 'u-1002', 'ben.okafor@example.com'),
    productUsage('a025g00000PUSE3AAA', 'u-1009', 'farid.haddad@example.com')
  ],
  validationRules: []
};

function productUsage(id: string, userId: string, email: string): SampleRecord {
  return {
    Id: id,
    Name: `Usage of ${email}`,
    WalkMe_User_Id__c: userId,
    User_Email__c: email,
    WalkMe_First_Login__c: null,
    WalkMe_Last_Login__c: null,
    WalkMe_Logins_Last_30_Days__c: null
  };
}

const CUSTOMER_SUCCESS: SampleObject = {
  apiName: 'Customer_Success__c',
  label: 'Customer success',
  isCustom: true,
  fields: [
    ...systemFields('Record ID'),
    field('Name', 'Customer Success Name', 'STRING', { length: 80 }),
    field('Account__c', 'Account', 'REFERENCE'),
    field('Health_Score__c', 'Health score', 'DOUBLE', number(3, 0)),
    field('Success_Manager_Email__c', 'Success manager email', 'EMAIL'),
    field('Renewal_Date__c', 'Renewal date', 'DATE'),
    field('WalkMe_Email__c', 'WalkMe Email', 'EMAIL', { externalId: true }),
    ...onboardingFields()
  ],
  records: [],
  validationRules: []
};

const OPPORTUNITY: SampleObject = {
  apiName: 'Opportunity',
  label: 'Opportunity',
  isCustom: false,
  fields: [
    ...systemFields('Opportunity ID'),
    field('Name', 'Name', 'STRING', { length: 120 }),
    field('AccountId', 'Account ID', 'REFERENCE'),
    field('StageName', 'Stage', 'PICKLIST', {
      picklist: [
        'Prospecting',
        'Qualification',
        'Proposal',
        'Negotiation',
        'Closed Won',
        'Closed Lost'
      ]
    }),
    field('Amount', 'Amount', 'CURRENCY', number(18, 2)),
    field('CloseDate', 'Close Date', 'DATE'),
    field('Probability', 'Probability (%)', 'PERCENT', number(3, 0)),
    field('Type', 'Opportunity Type', 'PICKLIST', {
      picklist: ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Renewal']
    }),
    field('LeadSource', 'Lead Source', 'PICKLIST', { picklist: LEAD_SOURCES }),
    field('NextStep', 'Next Step', 'STRING'),
    field('Description', 'Description', 'TEXTAREA', { length: 32000 })
  ],
  records: [],
  validationRules: []
};

const CASE: SampleObject = {
  apiName: 'Case',
  label: 'Case',
  isCustom: false,
  fields: [
    ...systemFields('Case ID'),
    field('CaseNumber', 'Case Number', 'STRING', { length: 30, readOnly: true, idLookup: true }),
    field('Subject', 'Subject', 'STRING'),
    field('Status', 'Status', 'PICKLIST', { picklist: ['New', 'Working', 'Escalated', 'Closed'] }),
    field('Priority', 'Priority', 'PICKLIST', { picklist: ['High', 'Medium', 'Low'] }),
    field('Origin', 'Case Origin', 'PICKLIST', { picklist: ['Phone', 'Email', 'Web'] }),
    field('ContactId', 'Contact ID', 'REFERENCE'),
    field('SuppliedEmail', 'Web Email', 'EMAIL'),
    field('Description', 'Description', 'TEXTAREA', { length: 32000 })
  ],
  records: [],
  validationRules: []
};

const CAMPAIGN: SampleObject = {
  apiName: 'Campaign',
  label: 'Campaign',
  isCustom: false,
  fields: [
    ...systemFields('Campaign ID'),
    field('Name', 'Campaign Name', 'STRING', { length: 80 }),
    field('Type', 'Type', 'PICKLIST', { picklist: ['Conference', 'Webinar', 'Email', 'Other'] }),
    field('Status', 'Status', 'PICKLIST', {
      picklist: ['Planned', 'In Progress', 'Completed', 'Aborted']
    }),
    field('StartDate', 'Start Date', 'DATE'),
    field('EndDate', 'End Date', 'DATE'),
    field('BudgetedCost', 'Budgeted Cost in Campaign', 'CURRENCY', number(18, 0)),
    field('IsActive', 'Active', 'BOOLEAN'),
    field('Description', 'Description', 'TEXTAREA', { length: 32000 })
  ],
  records: [],
  validationRules: []
};

// Users may be a target, but not their login, identity and access fields (TargetRules).
const USER: SampleObject = {
  apiName: 'User',
  label: 'User',
  isCustom: false,
  fields: [
    field('Id', 'User ID', 'ID'),
    field('CreatedDate', 'Created Date', 'DATETIME', readOnly),
    field('LastModifiedDate', 'Last Modified Date', 'DATETIME', readOnly),
    field('Username', 'Username', 'STRING', { length: 80, unique: true, idLookup: true }),
    field('Email', 'Email', 'EMAIL', { length: 128 }),
    field('FederationIdentifier', 'SAML Federation ID', 'STRING', { length: 512, idLookup: true }),
    field('FirstName', 'First Name', 'STRING', { length: 40 }),
    field('LastName', 'Last Name', 'STRING', { length: 80 }),
    field('Title', 'Title', 'STRING', { length: 80 }),
    field('Department', 'Department', 'STRING', { length: 80 }),
    field('IsActive', 'Active', 'BOOLEAN'),
    field('ProfileId', 'Profile ID', 'REFERENCE', { referenceTo: ['Profile'] }),
    field('UserRoleId', 'Role ID', 'REFERENCE', { referenceTo: ['UserRole'] }),
    field('ManagerId', 'Manager ID', 'REFERENCE', { referenceTo: ['User'] }),
    field('UserPermissionsMarketingUser', 'Marketing User', 'BOOLEAN'),
    ...loginFields()
  ],
  records: [],
  validationRules: []
};

// The package's own settings: a custom setting, which no integration may target (TargetRules).
const INSIGHTS_SYNC_SETTINGS: SampleObject = {
  apiName: 'Insights_Sync_Settings__c',
  label: 'Insights Sync Settings',
  isCustom: true,
  isCustomSetting: true,
  fields: [
    field('Id', 'Record ID', 'ID'),
    field('Name', 'Name', 'STRING', { length: 80 }),
    field('SetupOwnerId', 'Location', 'REFERENCE', {
      referenceTo: ['Organization', 'Profile', 'User']
    }),
    field('Log_Retention_Days__c', 'Log Retention Days', 'DOUBLE', number(4, 0)),
    field('Max_Issues_Per_Run__c', 'Max Issues Per Run', 'DOUBLE', number(5, 0)),
    field('Failure_Email_Recipients__c', 'Failure Email Recipients', 'STRING')
  ],
  records: [],
  validationRules: []
};

/**
 * Every object of the preview org the admin can update: the ones the wizard offers, and the
 * package's settings, which describe finds but TargetRules refuses as a target.
 */
export const SAMPLE_OBJECTS: readonly SampleObject[] = [
  ACCOUNT,
  CAMPAIGN,
  CASE,
  CONTACT,
  CUSTOMER_SUCCESS,
  INSIGHTS_SYNC_SETTINGS,
  LEAD,
  OPPORTUNITY,
  PRODUCT_USAGE,
  USER
];

/** The object of an API name in any case (as `Schema.describeSObjects` finds it), if any. */
export function findObject(objectApiName: string | null | undefined): SampleObject | undefined {
  const wanted = (objectApiName ?? '').trim().toLowerCase();
  return SAMPLE_OBJECTS.find((candidate) => candidate.apiName.toLowerCase() === wanted);
}

/** A field of an object by API name in any case (as `fields.getMap()` finds it), if any. */
export function findField(
  object: SampleObject,
  fieldApiName: string | null | undefined
): SampleField | undefined {
  const wanted = (fieldApiName ?? '').trim().toLowerCase();
  if (!wanted) {
    return undefined;
  }
  return object.fields.find((candidate) => candidate.apiName.toLowerCase() === wanted);
}

/**
 * ObjectCatalog.isUsableAsKey: readable, filterable, and an email, external id, unique, id lookup
 * or text field.
 */
export function isUsableAsKey(candidate: SampleField): boolean {
  return candidate.filterable && (candidate.isKeyCandidate || candidate.type === 'STRING');
}

/** CatalogField.compareTo: key candidates first, then label (case-insensitive), then API name. */
export function compareFields(first: SampleField, second: SampleField): number {
  if (first.isKeyCandidate !== second.isKeyCandidate) {
    return first.isKeyCandidate ? -1 : 1;
  }
  return (
    compareText(first.label.toLowerCase(), second.label.toLowerCase()) ||
    compareText(first.apiName, second.apiName)
  );
}

/** Apex String.compareTo: by UTF-16 code units, as `<` compares strings. */
export function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

/** How messages name an object or a field: `"Lead" (Lead)`. */
export function nameOf(item: { label: string; apiName: string }): string {
  return `"${item.label}" (${item.apiName})`;
}
