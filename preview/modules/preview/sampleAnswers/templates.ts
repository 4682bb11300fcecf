/**
 * The ready-made templates of the four out-of-the-box Insights reports and the field request an
 * admin can send, as ReportTemplates builds them, over the preview's schema.
 */
import { findField, findObject } from '../sampleCatalog/sampleCatalog.js';

const SOURCE_NOTE = ' Filled daily by Insights Sync from WalkMe Insights.';
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type SuggestedField = InsightsSync.SuggestedField;
type ReportTemplate = InsightsSync.ReportTemplate;

function suggested(
  column: string,
  apiName: string,
  label: string,
  fieldType: string,
  helpText: string,
  extra: Partial<SuggestedField> = {}
): SuggestedField {
  return {
    column,
    apiName,
    label,
    fieldType,
    picklistValues: [],
    isKeyField: false,
    helpText: helpText + SOURCE_NOTE,
    ...extra
  };
}

function emailKey(): SuggestedField {
  return suggested(
    'email',
    'WalkMe_Email__c',
    'WalkMe Email',
    'Email',
    "The user's email address in WalkMe, which Insights reports identify users by.",
    { isKeyField: true }
  );
}

function reportColumn(name: string, label: string, type: string): InsightsSync.ReportColumn {
  return { name, label, type };
}

/** ReportTemplates.all(): new instances, in the order the console offers them. */
export function allTemplates(): ReportTemplate[] {
  return [
    {
      key: 'logins',
      name: 'Logins',
      reportName: 'Logins review',
      description:
        'It shows when each user first and last logged in to WalkMe, and how often in the last 30 days.',
      columns: [
        reportColumn('user_id', 'User ID', 'string'),
        reportColumn('email', 'Email', 'string'),
        reportColumn('first_login', 'First login', 'datetime'),
        reportColumn('last_login', 'Last login', 'datetime'),
        reportColumn('logins_last_30_days', '# Logins last 30 days', 'integer')
      ],
      keyColumn: 'email',
      keyField: 'Email',
      keyFieldToCreate: emailKey(),
      suggestedFields: [
        suggested(
          'first_login',
          'WalkMe_First_Login__c',
          'WalkMe First Login',
          'DateTime',
          'When the user first logged in to WalkMe.'
        ),
        suggested(
          'last_login',
          'WalkMe_Last_Login__c',
          'WalkMe Last Login',
          'DateTime',
          'When the user last logged in to WalkMe.'
        ),
        suggested(
          'logins_last_30_days',
          'WalkMe_Logins_Last_30_Days__c',
          'WalkMe Logins Last 30 Days',
          'Number',
          'How many times the user logged in to WalkMe in the last 30 days.',
          { precision: 18, scale: 0 }
        )
      ]
    },
    {
      key: 'nps',
      name: 'NPS',
      reportName: 'NPS per end user',
      description: "It shows each user's latest Net Promoter Score answer in WalkMe.",
      columns: [
        reportColumn('email', 'Email', 'string'),
        reportColumn('nps_score', 'NPS score', 'integer'),
        reportColumn('nps_category', 'NPS category', 'string'),
        reportColumn('nps_answered_at', 'Answered at', 'date')
      ],
      keyColumn: 'email',
      keyField: 'Email',
      keyFieldToCreate: emailKey(),
      suggestedFields: [
        suggested(
          'nps_score',
          'WalkMe_NPS_Score__c',
          'WalkMe NPS Score',
          'Number',
          "The user's latest NPS score, 0 to 10.",
          { precision: 2, scale: 0 }
        ),
        suggested(
          'nps_category',
          'WalkMe_NPS_Category__c',
          'WalkMe NPS Category',
          'Picklist',
          'Promoter (9-10), Passive (7-8) or Detractor (0-6), from the latest NPS answer.',
          { picklistValues: ['Promoter', 'Passive', 'Detractor'] }
        ),
        suggested(
          'nps_answered_at',
          'WalkMe_NPS_Answered_At__c',
          'WalkMe NPS Answered At',
          'Date',
          'When the user last answered the NPS survey.'
        )
      ]
    },
    {
      key: 'onboarding',
      name: 'Onboarding completion',
      reportName: 'Onboarding completion rate',
      description: 'It shows how far each user got through their WalkMe onboarding.',
      columns: [
        reportColumn('email', 'Email', 'string'),
        reportColumn('onboarding_completion', 'Onboarding completion', 'percent'),
        reportColumn('onboarding_completed', 'Onboarding completed', 'boolean')
      ],
      keyColumn: 'email',
      keyField: 'Email',
      keyFieldToCreate: emailKey(),
      suggestedFields: [
        suggested(
          'onboarding_completion',
          'WalkMe_Onboarding_Completion__c',
          'WalkMe Onboarding Completion',
          'Percent',
          'How much of the WalkMe onboarding the user completed, 0 to 100%.',
          { precision: 5, scale: 2 }
        ),
        suggested(
          'onboarding_completed',
          'WalkMe_Onboarding_Completed__c',
          'WalkMe Onboarding Completed',
          'Checkbox',
          'Checked when the user completed the WalkMe onboarding.'
        )
      ]
    },
    {
      key: 'teachme',
      name: 'TeachMe',
      reportName: 'TeachMe course progress',
      description: "It shows each user's progress through their WalkMe TeachMe courses.",
      columns: [
        reportColumn('user_guid', 'User GUID', 'string'),
        reportColumn('courses_completed', 'Courses completed', 'integer'),
        reportColumn('course_progress', 'Course progress', 'percent'),
        reportColumn('last_course_activity', 'Last course activity', 'datetime')
      ],
      keyColumn: 'user_guid',
      keyField: 'WalkMe_User_Guid__c',
      keyFieldToCreate: suggested(
        'user_guid',
        'WalkMe_User_Guid__c',
        'WalkMe User GUID',
        'Text',
        "The user's WalkMe GUID, which TeachMe reports identify users by.",
        { length: 100, isKeyField: true }
      ),
      suggestedFields: [
        suggested(
          'courses_completed',
          'WalkMe_Courses_Completed__c',
          'WalkMe Courses Completed',
          'Number',
          'How many TeachMe courses the user completed.',
          { precision: 18, scale: 0 }
        ),
        suggested(
          'course_progress',
          'WalkMe_Course_Progress__c',
          'WalkMe Course Progress',
          'Percent',
          "The user's progress through their TeachMe courses, 0 to 100%.",
          { precision: 5, scale: 2 }
        ),
        suggested(
          'last_course_activity',
          'WalkMe_Last_Course_Activity__c',
          'WalkMe Last Course Activity',
          'DateTime',
          'When the user last worked on a TeachMe course.'
        )
      ]
    }
  ];
}

/** ReportTemplates.forKey: any case; an unknown key is refused naming the known ones. */
export function templateFor(templateKey: string | null | undefined): ReportTemplate {
  const wanted = (templateKey ?? '').trim().toLowerCase();
  const templates = allTemplates();
  const template = templates.find((candidate) => candidate.key === wanted);
  if (!template) {
    throw new Error(
      `Unknown report template "${templateKey ?? 'null'}". Known templates: ${templates.map((known) => known.key).join(', ')}.`
    );
  }
  return template;
}

/** SuggestedField.setupType: the type as Setup's New Field wizard names it. */
export function setupType(field: SuggestedField): string {
  switch (field.fieldType) {
    case 'DateTime':
      return 'Date/Time';
    case 'Number':
    case 'Percent': {
      const scale = field.scale ?? 0;
      const digits = (field.precision ?? 0) - scale;
      return `${field.fieldType} (length ${digits}, ${scale} decimal place${scale === 1 ? '' : 's'})`;
    }
    case 'Text':
      return `Text (length ${field.length})${field.isKeyField ? ', External ID, Unique' : ''}`;
    case 'Email':
      return `Email${field.isKeyField ? ', External ID, Unique' : ''}`;
    case 'Picklist':
      return `Picklist, values: ${field.picklistValues.join(', ')} (restrict to these values)`;
    case 'Checkbox':
      return 'Checkbox (default: unchecked)';
    default:
      return field.fieldType ?? '';
  }
}

/**
 * ReportTemplates.fieldRequestText: the fields the template suggests on the object (the key field
 * too when the object has none for the report's key), those already there listed apart.
 */
export function fieldRequestText(
  templateKey: string | null | undefined,
  objectApiName: string | null | undefined
): string {
  const template = templateFor(templateKey);
  if (!objectApiName || !API_NAME.test(objectApiName.trim())) {
    throw new Error(
      `The object name "${objectApiName ?? 'null'}" is not an API name, such as Lead or Customer_Success__c.`
    );
  }
  // An object that does not exist yet is named as given: the admin may be planning it.
  const target = findObject(objectApiName);
  const objectName = target?.apiName ?? objectApiName.trim();
  const objectLabel = target?.label ?? objectApiName.trim();
  const exists = (apiName: string): boolean => !!target && !!findField(target, apiName);

  const toCreate: SuggestedField[] = [];
  const existing: string[] = [];
  let keyField = template.keyField;
  if (exists(template.keyField)) {
    existing.push(template.keyField);
  } else if (template.keyFieldToCreate) {
    toCreate.push(template.keyFieldToCreate);
    keyField = template.keyFieldToCreate.apiName;
  }
  for (const field of template.suggestedFields) {
    if (exists(field.apiName)) {
      existing.push(field.apiName);
    } else {
      toCreate.push(field);
    }
  }

  const lines = [
    `Subject: Fields for WalkMe Insights data on ${objectLabel}`,
    '',
    'Hello,',
    '',
    `I would like to bring the WalkMe Insights report "${template.reportName}" onto ${objectLabel} records every day with Insights Sync for Salesforce. ${template.description}`,
    ''
  ];
  if (toCreate.length === 0) {
    lines.push(
      `All the fields it needs already exist on ${objectLabel}, so there is nothing to create.`
    );
  } else {
    const one = toCreate.length === 1;
    lines.push(
      `Could you please create ${one ? 'this field' : `these ${toCreate.length} fields`} on ${objectLabel} (${objectName}) in Setup > Object Manager > ${objectLabel} > Fields & Relationships > New, and give me edit access to ${one ? 'it' : 'them'} (field-level security)?`
    );
    toCreate.forEach((field, index) => {
      lines.push(
        '',
        `${index + 1}. ${field.label}`,
        `   API name: ${field.apiName}`,
        `   Type: ${setupType(field)}`,
        `   Help text: ${field.helpText ?? 'null'}`
      );
    });
  }
  lines.push(
    '',
    `Records are found by matching the report column "${template.keyColumn}" with the ${objectLabel} field ${keyField}.`
  );
  if (existing.length > 0) {
    lines.push(`Already on ${objectLabel}, nothing to do: ${existing.join(', ')}.`);
  }
  lines.push('', 'Thank you!');
  return lines.join('\n');
}
