/**
 * The save rules of an integration as IntegrationValidator words them, the column-type table of
 * ColumnTypeCompatibility, the targets TargetRules allows, the CSV credential rule of
 * CsvCredentialName, and the run checks of SyncPreflight (which Preview and every run make), over
 * the preview's schema (preview/sampleCatalog).
 */
import {
  findField,
  findObject,
  isUsableAsKey,
  nameOf,
  type SampleField,
  type SampleObject
} from '../sampleCatalog/sampleCatalog.js';
import { WEEKDAYS } from './schedule.js';

export const REGIONS: readonly { code: string; label: string; host: string; credential: string }[] =
  [
    {
      code: 'US',
      label: 'United States',
      host: 'api.walkme.com',
      credential: 'WalkMe_Insights_US'
    },
    { code: 'EU', label: 'Europe', host: 'eu-api.walkme.com', credential: 'WalkMe_Insights_EU' },
    {
      code: 'CA',
      label: 'Canada',
      host: 'api-ca1.walkmedap.com',
      credential: 'WalkMe_Insights_CA'
    },
    {
      code: 'FEDRAMP',
      label: 'FedRAMP',
      host: 'api.walkmegov.com',
      credential: 'WalkMe_Insights_FedRAMP'
    }
  ];

export type Region = (typeof REGIONS)[number];

/** InsightsRegion.forCode: any case; an unknown code is refused naming the known ones. */
export function regionFor(code: string | null | undefined): Region {
  const wanted = (code ?? '').trim().toUpperCase();
  const region = REGIONS.find((candidate) => candidate.code === wanted);
  if (!region) {
    throw new Error(
      `Unknown Insights region "${code ?? 'null'}". Known regions: ${REGIONS.map((known) => known.code).join(', ')}.`
    );
  }
  return region;
}

export const SOURCE_TYPES = ['Insights API', 'CSV Export'];
export const FREQUENCIES = ['Daily', 'Hourly', 'Weekly'];
export const STATES = ['Active', 'Paused', 'Archived'];
export const MATCH_POLICIES = ['Update all', 'Skip and report'];
export const BLANK_VALUE_POLICIES = ['Leave as is', 'Clear'];

const MAX_LABEL_LENGTH = 40;
const MAX_DEVELOPER_NAME_LENGTH = 40;
const MAX_TEXT_LENGTH = 255;
/** ReportPage.MAX_SIZE. */
const MAX_PAGE_SIZE = 10000;
const DEFAULT_PAGE_SIZE = 2000;

const DEVELOPER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const TIME_OF_DAY = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** IntegrationValidator.NOT_ON_THE_HOUR. */
export const NOT_ON_THE_HOUR =
  'Time (UTC) must be on the hour, such as 08:00: runs start when the hourly dispatcher passes, at the top of each hour.';

// ColumnTypeCompatibility: every column type can land in text; beyond that, only where its
// values convert without guessing.
const TEXT_FIELDS = ['STRING', 'TEXTAREA'];
const TARGETS_BY_COLUMN_TYPE: Readonly<Record<string, readonly string[]>> = {
  string: ['EMAIL', 'URL', 'PHONE', 'PICKLIST', 'MULTIPICKLIST', 'COMBOBOX'],
  number: ['DOUBLE', 'CURRENCY', 'PERCENT', 'INTEGER', 'LONG'],
  integer: ['INTEGER', 'LONG', 'DOUBLE', 'CURRENCY', 'PERCENT'],
  percent: ['PERCENT', 'DOUBLE'],
  boolean: ['BOOLEAN'],
  date: ['DATE', 'DATETIME'],
  datetime: ['DATETIME', 'DATE', 'TIME']
};

/** ColumnTypeCompatibility.normalize: the lower-case column type, or undefined when unknown. */
export function normalizeColumnType(columnType: string | null | undefined): string | undefined {
  const candidate = (columnType ?? '').trim().toLowerCase();
  return candidate && candidate in TARGETS_BY_COLUMN_TYPE ? candidate : undefined;
}

/**
 * IntegrationValidator.checkboxNeverEmpty: why "Only fill when empty" is refused on a checkbox.
 */
export function checkboxNeverEmpty(fieldName: string): string {
  return `the field ${fieldName} is a checkbox, which is never empty (it is checked or unchecked), so "Only fill when empty" would never write it. Untick "Only fill when empty" for this row.`;
}

/** ColumnTypeCompatibility.isCompatible. */
export function isCompatible(columnType: string | undefined, fieldType: string): boolean {
  const normalized = normalizeColumnType(columnType);
  if (!normalized) {
    return false;
  }
  return TEXT_FIELDS.includes(fieldType) || TARGETS_BY_COLUMN_TYPE[normalized].includes(fieldType);
}

/** ColumnTypeCompatibility.KEY_PAIR_RULE. */
export const KEY_PAIR_RULE =
  'A text key column can match any key field; a number or integer key column only a text or number field; percent, boolean, date and datetime columns cannot be keys.';

// ColumnTypeCompatibility: the key field types a number or integer key column can match.
const NUMBER_KEY_FIELDS = [
  'STRING',
  'TEXTAREA',
  'DOUBLE',
  'INTEGER',
  'LONG',
  'CURRENCY',
  'PERCENT'
];

/** ColumnTypeCompatibility.isKeyPairCompatible. */
export function isKeyPairCompatible(columnType: string | undefined, fieldType: string): boolean {
  const normalized = normalizeColumnType(columnType);
  if (!normalized || !fieldType) {
    return false;
  }
  if (normalized === 'string') {
    return true;
  }
  return (
    (normalized === 'number' || normalized === 'integer') && NUMBER_KEY_FIELDS.includes(fieldType)
  );
}

/** ColumnTypeCompatibility.keyPairRefusal: the refusal naming both, or undefined. */
export function keyPairRefusal(
  column: string,
  columnType: string,
  fieldName: string,
  fieldType: string
): string | undefined {
  if (isKeyPairCompatible(columnType, fieldType)) {
    return undefined;
  }
  return `The key column "${column}" holds ${normalizeColumnType(columnType) ?? 'null'} values, which can never match the key field ${fieldName} of type ${fieldType}. ${KEY_PAIR_RULE}`;
}

/** ColumnTypeCompatibility.asTable: column type => sorted `Schema.DisplayType` names. */
export function compatibilityTable(): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const [columnType, targets] of Object.entries(TARGETS_BY_COLUMN_TYPE)) {
    table[columnType] = [...new Set([...TEXT_FIELDS, ...targets])].sort();
  }
  return table;
}

/** IntegrationValidator.canonical: the choice as the picklist spells it, or undefined. */
export function canonical(
  value: string | null | undefined,
  choices: readonly string[]
): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const wanted = value.trim().toLowerCase();
  return choices.find((choice) => choice.toLowerCase() === wanted);
}

function isBlank(value: string | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value.trim() === '';
}

// CsvCredentialName: a Named Credential's API name, after a namespace prefix if any.
const CSV_CREDENTIAL_NAME =
  /^(?:([A-Za-z][A-Za-z0-9]*)__)?([A-Za-z](?:[A-Za-z0-9]|_(?=[A-Za-z0-9]))*)$/;
const PACKAGED_CREDENTIAL_PREFIX = 'walkme_insights_';

/**
 * CsvCredentialName.problem: why a name cannot be the Named Credential of a CSV export source
 * (not an API name, or one of the package's own WalkMe credentials), or undefined. The preview
 * runs unpackaged, so the package has no namespace here.
 */
export function csvCredentialProblem(name: string | null | undefined): string | undefined {
  if (isBlank(name)) {
    return 'A CSV export source needs the API name of the Named Credential that reaches the bucket holding the export.';
  }
  const parts = CSV_CREDENTIAL_NAME.exec(name.trim());
  if (!parts) {
    return `The Named Credential name "${name}" is not valid. Enter its API name (letters, digits and single underscores, starting with a letter and not ending with an underscore, after the namespace prefix of the package it belongs to, if any), such as Insights_Export_Bucket.`;
  }
  const localName = parts[2] ?? '';
  const packaged =
    localName.toLowerCase().startsWith(PACKAGED_CREDENTIAL_PREFIX) ||
    REGIONS.some((region) => region.credential.toLowerCase() === localName.toLowerCase());
  if (packaged) {
    return `The Named Credential "${name.trim()}" is Insights Sync's own connection to the WalkMe API, not a storage bucket: a CSV export source cannot read through it. Create a Named Credential for the bucket that holds the export and enter its API name, such as Insights_Export_Bucket.`;
  }
  return undefined;
}

/** ByteRangeReader.normalizePath: why a path names no file below the credential's URL, or undefined. */
export function csvPathProblem(path: string): string | undefined {
  const trimmed = path.trim().replace(/^\//, '');
  const valid =
    trimmed !== '' &&
    !trimmed.endsWith('/') &&
    trimmed.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return valid
    ? undefined
    : `The export file path must name a file below the Named Credential's URL, such as exports/logins.csv, got "${path}".`;
}

/**
 * TargetRules, as data: the objects report data may not reach and the fields it may never set,
 * with the reasons in the Apex words. scripts/tests/preview-backend.test.ts compares every entry
 * with TargetRules.cls.
 */
export const TARGET_RULES = {
  reasons: {
    OWN_OBJECT:
      'belongs to Insights Sync itself (its run log), which report data must never change',
    CUSTOM_SETTING:
      'is a custom setting: it holds configuration that code and apps act on, not records for report data',
    CUSTOM_METADATA:
      'is a custom metadata type: it holds configuration, deployed as metadata rather than written as records',
    SHARING:
      'is a sharing object: its records decide who can see and edit the records of another object',
    TRACKING:
      'holds the history, feed or change events of another object, which Salesforce writes itself',
    NOT_RECORDS:
      'is a platform event, big, external, Data Cloud, knowledge, tag or historical trending object, which an integration cannot update',
    SECURITY_OBJECT: 'decides who can log in, or what users can see and do',
    USER_PERMISSION: 'grants the user a feature license, such as Marketing User or Knowledge User',
    SECURITY_REFERENCE:
      'points to a profile, role, permission set or group, which decide what users can see and do'
  },
  reasonsBySuffix: {
    __mdt: 'CUSTOM_METADATA',
    __share: 'SHARING',
    __history: 'TRACKING',
    __feed: 'TRACKING',
    __changeevent: 'TRACKING',
    __e: 'NOT_RECORDS',
    __b: 'NOT_RECORDS',
    __x: 'NOT_RECORDS',
    __dlm: 'NOT_RECORDS',
    __kav: 'NOT_RECORDS',
    __ka: 'NOT_RECORDS',
    __tag: 'NOT_RECORDS',
    __hd: 'NOT_RECORDS'
  } as Readonly<Record<string, TargetReasonName>>,
  securityObjects: [
    'AccountTeamMember',
    'AuthProvider',
    'AuthSession',
    'CaseTeamMember',
    'ConnectedApplication',
    'ExternalCredential',
    'ExternalDataUserAuth',
    'FieldPermissions',
    'Group',
    'GroupMember',
    'LoginIp',
    'MutingPermissionSet',
    'NamedCredential',
    'ObjectPermissions',
    'ObjectTerritory2Association',
    'OpportunityTeamMember',
    'Organization',
    'PermissionSet',
    'PermissionSetAssignment',
    'PermissionSetGroup',
    'PermissionSetGroupComponent',
    'PermissionSetLicenseAssign',
    'Profile',
    'SessionPermSetActivation',
    'SetupEntityAccess',
    'Territory2',
    'TwoFactorInfo',
    'UserAccountTeamMember',
    'UserExternalCredential',
    'UserLogin',
    'UserPackageLicense',
    'UserRole',
    'UserTeamMember',
    'UserTerritory2Association'
  ],
  fieldReasons: {
    '*.OwnerId': 'decides who owns the record, and with it who can see and edit it',
    '*.RecordTypeId':
      'decides the record type, on which sharing rules, page layouts and business processes depend',
    'Account.IsCustomerPortal':
      "turns the customer portal logins of the account's contacts on or off",
    'Account.IsPartner': "turns the partner logins of the account's contacts on or off",
    'User.DelegatedApproverId': "approves records on the user's behalf",
    'User.Email':
      "receives the user's password resets and verification codes, so whoever sets it can take over the login",
    'User.FederationIdentifier':
      'ties the user to a single sign-on identity: whoever holds that identity logs in as the user',
    'User.ForecastEnabled':
      "turns the user's forecasting on or off, which Salesforce saves only apart from the other records a run writes (MIXED_DML_OPERATION)",
    'User.IsActive': "turns the user's login on or off",
    'User.IsPortalEnabled':
      "turns the user's portal login on or off, which Salesforce saves only apart from the other records a run writes (MIXED_DML_OPERATION)",
    'User.ManagerId':
      'places the user in manager groups, through which records are shared and approved',
    'User.ProfileId': "decides the user's permissions",
    'User.UserRoleId': 'places the user in the role hierarchy, which decides the records they see',
    'User.Username': 'is the name the user logs in with'
  } as Readonly<Record<string, string>>,
  userPermissionPrefix: 'UserPermissions',
  securityReferences: [
    'Group',
    'PermissionSet',
    'PermissionSetGroup',
    'PermissionSetLicense',
    'Profile',
    'UserLicense',
    'UserRole'
  ],
  ownObjects: [
    'Insights_Sync_Settings__c',
    'Integration__mdt',
    'Integration_Saved__e',
    'Sync_Run__c',
    'Sync_Run_Finished__e',
    'Sync_Run_Issue__c'
  ]
};

type TargetReasonName =
  | 'OWN_OBJECT'
  | 'CUSTOM_SETTING'
  | 'CUSTOM_METADATA'
  | 'SHARING'
  | 'TRACKING'
  | 'NOT_RECORDS'
  | 'SECURITY_OBJECT'
  | 'USER_PERMISSION'
  | 'SECURITY_REFERENCE';

/** What TargetRules reads of an object's describe. */
export interface TargetObjectFacts {
  apiName: string;
  isCustomSetting?: boolean;
  /** `getAssociateEntityType()`: Share, History, Feed, ChangeEvent… */
  associateEntityType?: string;
}

/** What TargetRules reads of a field's describe. */
export interface TargetFieldFacts {
  apiName: string;
  type: string;
  referenceTo?: readonly string[];
}

const sameText = (first: string, second: string): boolean =>
  first.toLowerCase() === second.toLowerCase();

/**
 * TargetRules.objectReason: why an object may not be the target of an integration, completing
 * "it …", or undefined. The preview runs unpackaged: the package has no namespace here.
 */
export function targetObjectReason(object: TargetObjectFacts): string | undefined {
  const { reasons } = TARGET_RULES;
  if (object.isCustomSetting) {
    return reasons.CUSTOM_SETTING;
  }
  if (object.associateEntityType) {
    return sameText(object.associateEntityType, 'Share') ? reasons.SHARING : reasons.TRACKING;
  }
  const lowerName = object.apiName.toLowerCase();
  for (const [suffix, reason] of Object.entries(TARGET_RULES.reasonsBySuffix)) {
    if (lowerName.endsWith(suffix)) {
      return reasons[reason];
    }
  }
  if (TARGET_RULES.ownObjects.some((own) => sameText(own, object.apiName))) {
    return reasons.OWN_OBJECT;
  }
  return TARGET_RULES.securityObjects.some((name) => sameText(name, object.apiName))
    ? reasons.SECURITY_OBJECT
    : undefined;
}

/** TargetRules.objectRefusal: the object named, and why, or undefined. */
export function targetObjectRefusal(
  object: TargetObjectFacts & { label: string }
): string | undefined {
  const reason = targetObjectReason(object);
  return reason ? `Insights Sync does not write to ${nameOf(object)}: it ${reason}.` : undefined;
}

/** TargetRules.fieldReason: why report data may never be written to a field, or undefined. */
export function targetFieldReason(
  objectApiName: string,
  field: TargetFieldFacts
): string | undefined {
  const entries = Object.entries(TARGET_RULES.fieldReasons);
  const reasonFor = (key: string): string | undefined =>
    entries.find(([candidate]) => sameText(candidate, key))?.[1];
  const reason = reasonFor(`${objectApiName}.${field.apiName}`) ?? reasonFor(`*.${field.apiName}`);
  if (reason) {
    return reason;
  }
  if (
    sameText(objectApiName, 'User') &&
    field.apiName.startsWith(TARGET_RULES.userPermissionPrefix)
  ) {
    return TARGET_RULES.reasons.USER_PERMISSION;
  }
  if (
    field.type === 'REFERENCE' &&
    (field.referenceTo ?? []).some((referenced) =>
      TARGET_RULES.securityReferences.some((name) => sameText(name, referenced))
    )
  ) {
    return TARGET_RULES.reasons.SECURITY_REFERENCE;
  }
  return undefined;
}

/** TargetRules.fieldRefusal: the field and its object named, and why, or undefined. */
export function targetFieldRefusal(
  object: { apiName: string; label: string },
  field: TargetFieldFacts & { label: string }
): string | undefined {
  const reason = targetFieldReason(object.apiName, field);
  return reason
    ? `Insights Sync does not write ${nameOf(field)} of ${nameOf(object)}: it ${reason}.`
    : undefined;
}

/** ObjectCatalog's message for a name that is no object. */
export function unknownObjectMessage(objectApiName: string | null | undefined): string {
  return `The object "${objectApiName ?? 'null'}" does not exist in this org, or you cannot see it. Check its API name (for example Lead or Customer_Success__c).`;
}

class Validation {
  private readonly problems: string[] = [];
  private target?: SampleObject;
  private keyField?: SampleField;
  private readonly rowByField = new Map<string, number>();

  constructor(
    private readonly definition: InsightsSync.IntegrationDefinition,
    private readonly others: readonly InsightsSync.IntegrationDefinition[]
  ) {}

  run(): string[] {
    this.validateNames();
    this.validateSource();
    this.validateTarget();
    this.validateKey();
    this.validateMappings();
    this.validateSchedule();
    this.checkChoice('state', this.definition.state, STATES);
    this.checkChoice(
      'policy for keys matching several records',
      this.definition.matchPolicy,
      MATCH_POLICIES
    );
    this.checkChoice(
      'policy for blank report values',
      this.definition.blankValuePolicy,
      BLANK_VALUE_POLICIES
    );
    this.validatePageSize();
    return this.problems;
  }

  private validateNames(): void {
    const label = this.definition.label?.trim();
    if (isBlank(label)) {
      this.problems.push('Enter a name for the integration.');
    } else if (label.length > MAX_LABEL_LENGTH) {
      this.problems.push(
        `The name "${label}" is longer than ${MAX_LABEL_LENGTH} characters. Shorten it.`
      );
    } else {
      this.checkLabelIsFree(label);
    }
    const developerName = this.definition.developerName?.trim();
    if (isBlank(developerName)) {
      this.problems.push('Enter an API name for the integration, such as Lead_Logins.');
    } else if (!isValidDeveloperName(developerName)) {
      this.problems.push(
        `The API name "${this.definition.developerName}" is not valid. Use up to 40 letters, digits and single underscores, starting with a letter and not ending with an underscore, such as Lead_Logins.`
      );
    }
  }

  /** IntegrationValidator.checkLabelIsFree: archived integrations and the integration itself aside. */
  private checkLabelIsFree(label: string): void {
    const developerName = this.definition.developerName?.trim().toLowerCase();
    const other = this.others.find(
      (candidate) =>
        candidate.state !== 'Archived' &&
        (candidate.label ?? '').trim().toLowerCase() === label.toLowerCase() &&
        (developerName === undefined ||
          (candidate.developerName ?? '').toLowerCase() !== developerName)
    );
    if (other) {
      this.problems.push(
        `The integration "${other.label ?? ''}" (${other.developerName ?? ''}) already has the name "${label}". Choose another name, so the list and the run log tell them apart.`
      );
    }
  }

  private validateSource(): void {
    const sourceType = this.checkChoice('source type', this.definition.sourceType, SOURCE_TYPES);
    const insightsApi = sourceType === 'Insights API';
    if (insightsApi && isBlank(this.definition.connectionRegion)) {
      this.problems.push('Choose the Insights connection (region) the report is read from.');
    } else if (!isBlank(this.definition.connectionRegion)) {
      try {
        regionFor(this.definition.connectionRegion);
      } catch (unknownRegion) {
        this.problems.push((unknownRegion as Error).message);
      }
    }
    if (insightsApi && isBlank(this.definition.reportId)) {
      this.problems.push('Choose the Insights report to read.');
    }
    this.checkLength('report id', this.definition.reportId);
    if (sourceType === 'CSV Export') {
      this.validateCsvSource();
    }
  }

  private validateCsvSource(): void {
    const credentialProblem = csvCredentialProblem(this.definition.csvNamedCredential);
    if (credentialProblem) {
      this.problems.push(credentialProblem);
    }
    const path = this.definition.csvFilePath;
    if (isBlank(path)) {
      this.problems.push(
        'A CSV export source needs the path of the export file in the bucket, such as /exports/logins.csv.'
      );
      return;
    }
    const pathProblem = csvPathProblem(path);
    if (pathProblem) {
      this.problems.push(pathProblem);
    }
    this.checkLength('CSV file path', path);
  }

  private validateTarget(): void {
    if (isBlank(this.definition.targetObject)) {
      this.problems.push('Choose the object whose records the integration updates.');
      return;
    }
    const found = findObject(this.definition.targetObject);
    if (!found) {
      this.problems.push(unknownObjectMessage(this.definition.targetObject));
      return;
    }
    const refusal = targetObjectRefusal(found);
    if (refusal) {
      this.problems.push(`${refusal} Choose another object.`);
      return;
    }
    this.target = found;
  }

  private validateKey(): void {
    if (isBlank(this.definition.reportKeyColumn)) {
      this.problems.push(
        'Choose the report column that identifies a record (usually email or user_guid).'
      );
    }
    const keyFieldName = this.definition.objectKeyField;
    if (isBlank(keyFieldName)) {
      this.problems.push(
        `Choose the field${this.target ? ` of ${nameOf(this.target)}` : ''} that holds the same key as the report column (usually Email or an external id).`
      );
      return;
    }
    if (!this.target) {
      return;
    }
    const found = findField(this.target, keyFieldName);
    if (!found) {
      this.problems.push(
        `The key field "${keyFieldName}" does not exist on ${nameOf(this.target)}.`
      );
    } else if (!isUsableAsKey(found)) {
      this.problems.push(
        `The field ${nameOf(found)} of ${nameOf(this.target)} cannot be the key field: a key field must be readable by you and filterable, and be an email, external id, unique, id lookup or text field.`
      );
    } else {
      this.keyField = found;
      this.validateKeyPair(found);
    }
  }

  // IntegrationValidator.validateKeyPair: a pair whose types cannot match is refused; a weak key
  // is allowed (the console warns about it).
  private validateKeyPair(keyField: SampleField): void {
    const column = (this.definition.reportKeyColumn ?? '').trim();
    const typeName = this.keyColumnType(column);
    if (column === '' || isBlank(typeName)) {
      return;
    }
    const columnType = normalizeColumnType(typeName);
    if (!columnType) {
      const known = Object.keys(TARGETS_BY_COLUMN_TYPE).sort();
      this.problems.push(
        `The key column "${column}" has the type "${typeName}", which is unknown. Use one of: ${known.join(', ')}.`
      );
      return;
    }
    const refusal = keyPairRefusal(column, columnType, nameOf(keyField), keyField.type);
    if (refusal) {
      this.problems.push(refusal);
    }
  }

  // IntegrationValidator.keyColumnType: as the console sent it, else that of a mapping row
  // reading the same column (Apex compares the names without case).
  private keyColumnType(column: string): string | undefined {
    if (!isBlank(this.definition.reportKeyColumnType)) {
      return this.definition.reportKeyColumnType;
    }
    if (column === '') {
      return undefined;
    }
    const wanted = column.toLowerCase();
    const mapping = (this.definition.mappings ?? []).find(
      (candidate) => (candidate?.column ?? '').trim().toLowerCase() === wanted
    );
    return mapping?.columnType;
  }

  private validateMappings(): void {
    const mappings = this.definition.mappings ?? [];
    if (mappings.length === 0) {
      this.problems.push('Map at least one report column to a field.');
      return;
    }
    mappings.forEach((mapping, index) => this.validateRow(index + 1, mapping));
  }

  private validateRow(row: number, mapping: InsightsSync.FieldMapping | null): void {
    const column = mapping?.column;
    const rowName = `Row ${row}${isBlank(column) ? '' : ` (column "${column}")`}`;
    if (isBlank(column)) {
      this.problems.push(`${rowName}: choose a report column.`);
    }
    const columnType = normalizeColumnType(mapping?.columnType);
    if (!columnType) {
      const known = Object.keys(TARGETS_BY_COLUMN_TYPE).sort();
      this.problems.push(
        `${rowName}: the column type "${mapping?.columnType ?? 'null'}" is unknown. Use one of: ${known.join(', ')}.`
      );
    }
    const fieldName = mapping?.field;
    if (isBlank(fieldName)) {
      this.problems.push(`${rowName}: choose the field the column is written to.`);
      return;
    }
    const fieldKey = fieldName.trim().toLowerCase();
    const earlierRow = this.rowByField.get(fieldKey);
    if (earlierRow !== undefined) {
      this.problems.push(
        `${rowName}: the field "${fieldName}" is already mapped in row ${earlierRow}. Map each field once.`
      );
      return;
    }
    this.rowByField.set(fieldKey, row);
    if (fieldKey === this.keyFieldName()) {
      this.problems.push(
        `${rowName}: the field "${fieldName}" is the key field. The key finds the records and is never written; choose another field.`
      );
    } else if (this.target) {
      this.validateMappedField(this.target, rowName, fieldName, columnType);
      this.validateOnlyWhenEmpty(this.target, rowName, mapping);
    }
  }

  // The end of IntegrationValidator.validateMappedField's chain: checked only for a field that
  // passed every other check there.
  private validateOnlyWhenEmpty(
    target: SampleObject,
    rowName: string,
    mapping: InsightsSync.FieldMapping | null
  ): void {
    const found = findField(target, mapping?.field);
    if (
      mapping?.onlyWhenEmpty === true &&
      found?.type === 'BOOLEAN' &&
      !targetFieldRefusal(target, found) &&
      found.updateable &&
      (!normalizeColumnType(mapping.columnType) ||
        isCompatible(normalizeColumnType(mapping.columnType), found.type))
    ) {
      this.problems.push(`${rowName}: ${checkboxNeverEmpty(nameOf(found))}`);
    }
  }

  private validateMappedField(
    target: SampleObject,
    rowName: string,
    fieldName: string,
    columnType: string | undefined
  ): void {
    const found = findField(target, fieldName);
    const refusal = found ? targetFieldRefusal(target, found) : undefined;
    if (!found) {
      this.problems.push(
        `${rowName}: the field "${fieldName}" does not exist on ${nameOf(target)}.`
      );
    } else if (refusal) {
      this.problems.push(`${rowName}: ${refusal} Choose another field.`);
    } else if (!found.updateable) {
      this.problems.push(
        `${rowName}: you cannot edit the field ${nameOf(found)} of ${nameOf(target)}. Choose another field, or ask your Salesforce admin for edit access to it.`
      );
    } else if (columnType && !isCompatible(columnType, found.type)) {
      this.problems.push(
        `${rowName}: the column holds ${columnType} values, which cannot be written to the field ${nameOf(found)} of type ${found.type}. Choose a field of a matching type.`
      );
    }
  }

  private validateSchedule(): void {
    const frequency = this.checkChoice('frequency', this.definition.frequency, FREQUENCIES);
    const timeOfDay = this.definition.scheduleTimeUtc ?? '';
    const isTimeOfDay = TIME_OF_DAY.test(timeOfDay.trim());
    // Hourly runs follow the dispatcher, so they need no time of day.
    if (frequency !== 'Hourly' && !isTimeOfDay) {
      this.problems.push(
        `The schedule time "${timeOfDay}" is not a time of day. Enter it as HH:mm in UTC, from 00:00 to 23:59, such as 08:00.`
      );
    }
    // The dispatcher fires at the top of each hour; a minute stored on an hourly integration
    // would promise the same run it does not keep.
    if (isTimeOfDay && !timeOfDay.trim().endsWith(':00')) {
      this.problems.push(NOT_ON_THE_HOUR);
    }
    if (frequency !== 'Weekly') {
      return;
    }
    if (isBlank(this.definition.scheduleWeekday)) {
      this.problems.push('A weekly integration needs the weekday (in UTC) on which it runs.');
    } else {
      this.checkChoice('weekday', this.definition.scheduleWeekday, WEEKDAYS);
    }
  }

  private validatePageSize(): void {
    const pageSize = this.definition.pageSize;
    if (pageSize !== null && pageSize !== undefined && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
      this.problems.push(
        `The page size ${pageSize} is out of range. Use 1 to ${MAX_PAGE_SIZE} rows, or leave it blank for the default of ${DEFAULT_PAGE_SIZE}.`
      );
    }
  }

  private keyFieldName(): string {
    if (this.keyField) {
      return this.keyField.apiName.toLowerCase();
    }
    return (this.definition.objectKeyField ?? '').trim().toLowerCase();
  }

  private checkChoice(
    what: string,
    value: string | null | undefined,
    choices: readonly string[]
  ): string | undefined {
    const choice = canonical(value, choices);
    if (!choice) {
      this.problems.push(
        `${isBlank(value) ? `Choose the ${what}.` : `The ${what} "${value}" is unknown.`} Use one of: ${choices.join(', ')}.`
      );
    }
    return choice;
  }

  private checkLength(what: string, value: string | null | undefined): void {
    if (value && value.trim().length > MAX_TEXT_LENGTH) {
      this.problems.push(
        `The ${what} is longer than ${MAX_TEXT_LENGTH} characters, more than Salesforce can store.`
      );
    }
  }
}

/**
 * Every reason the integration cannot be saved, in IntegrationValidator's order and words.
 * `others` are the org's saved integrations (IntegrationSelector's), whose names it may not take.
 */
export function validateIntegration(
  definition: InsightsSync.IntegrationDefinition | null | undefined,
  others: readonly InsightsSync.IntegrationDefinition[] = []
): string[] {
  if (!definition) {
    return ['There is no integration to save.'];
  }
  return new Validation(definition, others).run();
}

function isValidDeveloperName(name: string): boolean {
  return (
    name.length <= MAX_DEVELOPER_NAME_LENGTH &&
    DEVELOPER_NAME.test(name) &&
    !name.includes('__') &&
    !name.endsWith('_')
  );
}

/**
 * IntegrationValidator.normalize: names and choices as Salesforce spells them, on a copy of a
 * definition that has no problems.
 */
export function normalizeIntegration(
  definition: InsightsSync.IntegrationDefinition
): InsightsSync.IntegrationDefinition {
  const target = findObject(definition.targetObject) as SampleObject;
  const normalized: InsightsSync.IntegrationDefinition = {
    ...definition,
    developerName: definition.developerName?.trim(),
    label: definition.label?.trim(),
    targetObject: target.apiName,
    objectKeyField: findField(target, definition.objectKeyField)?.apiName,
    mappings: (definition.mappings ?? []).map((mapping) => ({
      column: mapping.column,
      columnType: normalizeColumnType(mapping.columnType),
      field: findField(target, mapping.field)?.apiName,
      onlyWhenEmpty: mapping.onlyWhenEmpty === true
    })),
    sourceType: canonical(definition.sourceType, SOURCE_TYPES),
    frequency: canonical(definition.frequency, FREQUENCIES),
    scheduleWeekday: canonical(definition.scheduleWeekday, WEEKDAYS),
    state: canonical(definition.state, STATES),
    matchPolicy: canonical(definition.matchPolicy, MATCH_POLICIES),
    blankValuePolicy: canonical(definition.blankValuePolicy, BLANK_VALUE_POLICIES),
    scheduleTimeUtc: definition.scheduleTimeUtc?.trim(),
    csvNamedCredential: definition.csvNamedCredential?.trim(),
    csvFilePath: definition.csvFilePath?.trim()
  };
  if (!isBlank(definition.connectionRegion)) {
    normalized.connectionRegion = regionFor(definition.connectionRegion).code;
  }
  return withoutEmptyMembers(normalized);
}

/** Lightning leaves null members out of the JSON: so does the preview. */
export function withoutEmptyMembers<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== undefined && member !== null)
  ) as T;
}

/** A field the run writes, with what its values must fit (TargetField). */
export interface PlannedField {
  apiName: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  picklistValues: string[];
  restrictedPicklist: boolean;
}

/** What SyncPreflight hands a run: the object, the key field and the mappings that can run. */
export interface SyncPlan {
  definition: InsightsSync.IntegrationDefinition;
  object: SampleObject;
  keyField: PlannedField;
  mappings: { column: string; columnType: string; field: string; onlyWhenEmpty: boolean }[];
  fieldsByApiName: Map<string, PlannedField>;
}

/** A field as SyncPlan carries it: what conversion and the write need of its describe. */
export function planned(field: SampleField): PlannedField {
  return {
    apiName: field.apiName,
    type: field.type,
    length: field.length,
    precision: field.precision,
    scale: field.scale,
    picklistValues: field.picklistValues.map((entry) => entry.value),
    restrictedPicklist: field.isRestrictedPicklist
  };
}

/** A run the preflight refuses: every reason, one a line, as the console shows them. */
export class PreflightError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

/** SyncPreflight.plan: the run's plan, or every reason the integration does not fit the org. */
export function planSync(
  definition: InsightsSync.IntegrationDefinition | null | undefined
): SyncPlan {
  if (!definition) {
    throw new PreflightError(['There is no integration to run.']);
  }
  const reasons: string[] = [];
  let target: SampleObject | undefined;
  let keyField: SampleField | undefined;
  const mappings: SyncPlan['mappings'] = [];
  const fieldsByApiName = new Map<string, PlannedField>();
  if (isBlank(definition.targetObject)) {
    reasons.push(
      'The integration has no target object: edit it and choose the object whose records it updates.'
    );
  } else {
    target = findObject(definition.targetObject);
    const refusal = target ? targetObjectRefusal(target) : undefined;
    if (!target) {
      reasons.push(
        `The object "${definition.targetObject.trim()}" no longer exists in this org, or you cannot see it: restore it, ask your Salesforce admin for access to it, or edit the integration and choose another object.`
      );
    } else if (refusal) {
      reasons.push(`${refusal} Edit the integration and choose another object.`);
      target = undefined;
    }
  }
  if (target) {
    const qualified = (name: string): string => `${(target as SampleObject).apiName}.${name}`;
    if (isBlank(definition.reportKeyColumn)) {
      reasons.push(
        'The integration has no report key column: edit it and choose the column that identifies a record (usually email or user_guid).'
      );
    }
    if (isBlank(definition.objectKeyField)) {
      reasons.push(
        `The integration has no key field on ${target.apiName}: edit it and choose the field that holds the same key as the report column.`
      );
    } else {
      const key = findField(target, definition.objectKeyField);
      if (!key) {
        reasons.push(
          `${qualified(definition.objectKeyField.trim())}, the key field, no longer exists: recreate it or edit the integration and choose another key field.`
        );
      } else if (!isUsableAsKey(key)) {
        reasons.push(
          `${qualified(key.apiName)}, the key field, can no longer serve as a key (a key field must be filterable and hold an email, an external id, an id lookup value or text; it is now of type ${key.type}): edit the integration and choose another key field.`
        );
      } else {
        keyField = key;
      }
    }
    const rows = definition.mappings ?? [];
    if (rows.length === 0) {
      reasons.push(
        'The integration maps no report column to a field: edit its mapping and add at least one row.'
      );
    }
    const rowByField = new Map<string, number>();
    rows.forEach((mapping, index) => {
      const row = index + 1;
      const column = mapping?.column;
      const rowName = `Mapping row ${row}${isBlank(column) ? '' : ` (column "${column}")`}`;
      if (isBlank(column)) {
        reasons.push(`${rowName} has no report column: edit the integration's mapping.`);
      }
      const columnType = normalizeColumnType(mapping?.columnType);
      if (!columnType) {
        reasons.push(
          `${rowName} has the unknown column type "${mapping?.columnType ?? 'null'}": edit the integration's mapping.`
        );
      }
      if (isBlank(mapping?.field)) {
        reasons.push(`${rowName} has no field: edit the integration's mapping.`);
        return;
      }
      const found = findField(target as SampleObject, mapping.field);
      if (!found) {
        reasons.push(
          `${qualified(mapping.field.trim())} no longer exists: recreate it or edit the integration's mapping.`
        );
        return;
      }
      const earlierRow = rowByField.get(found.apiName.toLowerCase());
      if (earlierRow !== undefined) {
        reasons.push(
          `${qualified(found.apiName)} is mapped twice (rows ${earlierRow} and ${row}): edit the integration's mapping so that each field is mapped once.`
        );
        return;
      }
      rowByField.set(found.apiName.toLowerCase(), row);
      const fieldRefusal = targetFieldRefusal(target as SampleObject, found);
      if (keyField && found.apiName.toLowerCase() === keyField.apiName.toLowerCase()) {
        reasons.push(
          `${qualified(found.apiName)} is the key field, which finds the records and is never written (mapping row ${row}): edit the integration's mapping and choose another field.`
        );
      } else if (fieldRefusal) {
        reasons.push(`${fieldRefusal} Edit the integration's mapping and remove row ${row}.`);
      } else if (!found.updateable) {
        reasons.push(
          `You cannot edit ${qualified(found.apiName)} (it is read-only, or your field-level security does not let you edit it): ask your Salesforce admin for edit access to it, or edit the integration's mapping.`
        );
      } else if (columnType && !isCompatible(columnType, found.type)) {
        reasons.push(
          `${qualified(found.apiName)} is of type ${found.type}, which cannot take the ${columnType} values of column "${column}": change the field's type back or edit the integration's mapping.`
        );
      } else if (!isBlank(column) && columnType) {
        mappings.push({
          column,
          columnType,
          field: found.apiName,
          onlyWhenEmpty: mapping.onlyWhenEmpty === true
        });
        fieldsByApiName.set(found.apiName, planned(found));
      }
    });
  }
  checkPolicy(
    reasons,
    'policy for keys matching several records',
    definition.matchPolicy,
    MATCH_POLICIES
  );
  checkPolicy(
    reasons,
    'policy for blank report values',
    definition.blankValuePolicy,
    BLANK_VALUE_POLICIES
  );
  if (reasons.length > 0 || !target || !keyField) {
    throw new PreflightError(reasons);
  }
  return { definition, object: target, keyField: planned(keyField), mappings, fieldsByApiName };
}

// A blank policy runs with the default; an unknown one is refused rather than guessed.
function checkPolicy(
  reasons: string[],
  what: string,
  value: string | null | undefined,
  choices: readonly string[]
): void {
  if (!isBlank(value) && !canonical(value, choices)) {
    reasons.push(
      `The ${what} "${value}" is unknown: edit the integration and choose one of ${choices.join(', ')}.`
    );
  }
}
