import {
  KEY_PAIR_RULE,
  isKeyPairCompatible,
  keyFieldOptions,
  keyPairRefusal,
  keyPairVerdict,
  keyReasonOf,
  keyStrengthOf
} from 'c/keyRules';

type CatalogField = InsightsSync.CatalogField;

function keyField(
  apiName: string,
  label: string,
  type: string,
  strength?: 'identifying' | 'weak',
  reason?: string
): CatalogField {
  return {
    apiName,
    label,
    type,
    length: 0,
    precision: 0,
    scale: 0,
    picklistValues: [],
    isRestrictedPicklist: false,
    isKeyCandidate: strength === 'identifying',
    keyStrength: strength,
    keyReason: reason,
    isCustom: apiName.endsWith('__c')
  };
}

/** Lead's key fields as ObjectCatalog.describe('Lead') gives them (a few of them). */
const LEAD_KEY_FIELDS: CatalogField[] = [
  keyField('City', 'City', 'STRING', 'weak', 'Not unique: several records may share a City.'),
  keyField('Email', 'Email', 'EMAIL', 'identifying', 'Email'),
  keyField(
    'Company',
    'Company',
    'STRING',
    'weak',
    'Not unique: several records may share a Company.'
  ),
  keyField('WalkMe_User_Guid__c', 'WalkMe User GUID', 'STRING', 'identifying', 'External ID'),
  keyField('Id', 'Lead ID', 'ID', 'identifying', 'Record ID'),
  keyField('Seats__c', 'Seats', 'DOUBLE', 'identifying', 'Unique'),
  keyField(
    'FirstName',
    'First Name',
    'STRING',
    'weak',
    'Not unique: several records may share a First Name.'
  )
];

describe('c/keyRules', () => {
  describe('keyFieldOptions', () => {
    it('offers the fields that identify a record first, each group by label', () => {
      const options = keyFieldOptions({ keyFields: LEAD_KEY_FIELDS });

      expect(options.map((option) => option.value)).toEqual([
        'Email',
        'Id',
        'Seats__c',
        'WalkMe_User_Guid__c',
        'City',
        'Company',
        'FirstName'
      ]);
      expect(options.map((option) => option.strength)).toEqual([
        'identifying',
        'identifying',
        'identifying',
        'identifying',
        'weak',
        'weak',
        'weak'
      ]);
    });

    it('says in each label why a field is offered, and marks the weak ones', () => {
      const options = keyFieldOptions({ keyFields: LEAD_KEY_FIELDS });
      const byValue = new Map(options.map((option) => [option.value, option]));

      expect(byValue.get('WalkMe_User_Guid__c')).toEqual({
        value: 'WalkMe_User_Guid__c',
        label: 'WalkMe User GUID (WalkMe_User_Guid__c) · External ID',
        description: 'Identifies a record: External ID',
        strength: 'identifying'
      });
      expect(byValue.get('City')).toEqual({
        value: 'City',
        label: 'City (City) · not unique',
        description: 'Not unique: several records may share a City.',
        strength: 'weak'
      });
    });

    it('leaves out the fields the key column can never match', () => {
      const forNumbers = keyFieldOptions({ keyFields: LEAD_KEY_FIELDS, columnType: 'Integer' });
      const forDates = keyFieldOptions({ keyFields: LEAD_KEY_FIELDS, columnType: 'date' });

      expect(forNumbers.map((option) => option.value)).toEqual([
        'Seats__c',
        'WalkMe_User_Guid__c',
        'City',
        'Company',
        'FirstName'
      ]);
      expect(forDates).toEqual([]);
    });

    it('keeps the chosen field as a choice even when the column cannot match it', () => {
      const options = keyFieldOptions({
        keyFields: LEAD_KEY_FIELDS,
        columnType: 'datetime',
        currentField: 'email'
      });

      expect(options.map((option) => option.value)).toEqual(['Email']);
    });

    it('offers every key field while the column type is unknown or not chosen', () => {
      expect(keyFieldOptions({ keyFields: LEAD_KEY_FIELDS, columnType: '' })).toHaveLength(7);
      expect(keyFieldOptions({ keyFields: LEAD_KEY_FIELDS, columnType: 'uuid' })).toHaveLength(7);
    });

    it('falls back on isKeyCandidate when the describe gives no strength or reason', () => {
      const older = { ...keyField('Title', 'Title', 'STRING'), isKeyCandidate: false };
      const candidate = { ...keyField('Username__c', 'Username', 'STRING'), isKeyCandidate: true };

      expect(keyStrengthOf(older)).toBe('weak');
      expect(keyReasonOf(older)).toBe('Not unique: several records may share a Title.');
      expect(keyStrengthOf(candidate)).toBe('identifying');
      expect(keyReasonOf(candidate)).toBe('ID lookup');
    });
  });

  describe('keyPairVerdict', () => {
    it('refuses a date column paired with Email, naming both', () => {
      expect(
        keyPairVerdict({
          keyFields: LEAD_KEY_FIELDS,
          keyField: 'Email',
          column: 'signup_date',
          columnType: 'date'
        })
      ).toEqual({
        state: 'refused',
        message: `The key column "signup_date" holds date values, which can never match the key field "Email" (Email) of type EMAIL. ${KEY_PAIR_RULE}`
      });
    });

    it('warns about a weak key of a matching type', () => {
      expect(
        keyPairVerdict({
          keyFields: LEAD_KEY_FIELDS,
          keyField: 'city',
          column: 'city',
          columnType: 'string'
        })
      ).toEqual({ state: 'warning', message: 'Not unique: several records may share a City.' });
    });

    it('warns about a weak key before the column type is known', () => {
      expect(keyPairVerdict({ keyFields: LEAD_KEY_FIELDS, keyField: 'Company' })).toEqual({
        state: 'warning',
        message: 'Not unique: several records may share a Company.'
      });
    });

    it('says nothing of an identifying key of a matching type', () => {
      expect(
        keyPairVerdict({
          keyFields: LEAD_KEY_FIELDS,
          keyField: 'Email',
          column: 'email',
          columnType: 'string'
        })
      ).toEqual({ state: 'ok' });
    });

    it('leaves a missing or unknown key field to the save', () => {
      expect(keyPairVerdict({ keyFields: LEAD_KEY_FIELDS })).toEqual({ state: 'ok' });
      expect(
        keyPairVerdict({ keyFields: LEAD_KEY_FIELDS, keyField: 'Nope__c', columnType: 'date' })
      ).toEqual({ state: 'ok' });
    });
  });

  describe('the pair rule', () => {
    it('matches text with anything, numbers with text and numbers, and nothing else', () => {
      expect(isKeyPairCompatible('string', 'ID')).toBe(true);
      expect(isKeyPairCompatible('number', 'DOUBLE')).toBe(true);
      expect(isKeyPairCompatible('number', 'STRING')).toBe(true);
      expect(isKeyPairCompatible('number', 'EMAIL')).toBe(false);
      expect(isKeyPairCompatible('boolean', 'STRING')).toBe(false);
      expect(isKeyPairCompatible('percent', 'DOUBLE')).toBe(false);
      expect(isKeyPairCompatible(undefined, 'STRING')).toBe(false);
      expect(isKeyPairCompatible('string', undefined)).toBe(false);
    });

    it('words no refusal for a pair that can match', () => {
      expect(keyPairRefusal('email', 'string', '"Email" (Email)', 'EMAIL')).toBeUndefined();
    });
  });
});
