import {
  autoMap,
  canBeEmpty,
  completeMappings,
  fieldChoices,
  isComplete,
  mappingProblem,
  normaliseName,
  usedFieldsExcept,
  type MappingRow
} from 'c/mappingRules';

type CatalogField = InsightsSync.CatalogField;
type ReportColumn = InsightsSync.ReportColumn;

/** IntegrationController.getCompatibility, as ColumnTypeCompatibility.asTable() builds it. */
const COMPATIBILITY = jest.requireActual<Record<string, string[]>>('./data/getCompatibility.json');
/** describeObject('Lead'): only the fields the admin can update (CreatedDate and the like are absent). */
const LEAD = jest.requireActual<InsightsSync.ObjectDescription>('./data/describeLead.json');
/** The columns of the "Logins review" report in the Insights fixtures. */
const LOGINS_COLUMNS = jest.requireActual<ReportColumn[]>('./data/loginsColumns.json');

const FIELDS = LEAD.fields;
const NONE_USED: ReadonlySet<string> = new Set<string>();

function apiNames(fields: CatalogField[]): string[] {
  return fields.map((field) => field.apiName);
}

function choices(
  columnType: string | undefined,
  extra: Partial<Parameters<typeof fieldChoices>[0]> = {}
): string[] {
  return apiNames(
    fieldChoices({
      fields: FIELDS,
      compatibility: COMPATIBILITY,
      columnType,
      keyField: 'Email',
      usedFields: NONE_USED,
      ...extra
    })
  );
}

function column(name: string, label: string, type: string): ReportColumn {
  return { name, label, type };
}

function catalogField(apiName: string, label: string, type: string): CatalogField {
  return {
    apiName,
    label,
    type,
    length: 0,
    precision: 0,
    scale: 0,
    picklistValues: [],
    isRestrictedPicklist: false,
    isKeyCandidate: false,
    isCustom: apiName.endsWith('__c')
  };
}

describe('c-mapping-rules', () => {
  describe('fieldChoices', () => {
    it('offers the updateable fields that can take the column type, sorted by label', () => {
      expect(choices('datetime')).toEqual([
        'Company',
        'Courses_Completed__c',
        'Description',
        'FirstName',
        'Last_Course_Activity__c',
        'LastName',
        'WalkMe_First_Login__c',
        'WalkMe_Last_Login__c',
        'WalkMe_User_Id__c'
      ]);
    });

    it('never offers a field missing from the catalog: the admin cannot update it', () => {
      const all = new Set(Object.keys(COMPATIBILITY).flatMap((type) => choices(type)));
      expect(all.has('CreatedDate')).toBe(false);
      expect([...all].every((name) => FIELDS.some((candidate) => candidate.apiName === name))).toBe(
        true
      );
    });

    it('leaves out fields whose type cannot take the column values', () => {
      const forBoolean = choices('boolean');
      expect(forBoolean).toEqual([
        'Company',
        'Description',
        'FirstName',
        'LastName',
        'WalkMe_Onboarding_Completed__c',
        'WalkMe_User_Id__c'
      ]);
      expect(forBoolean).not.toContain('WalkMe_First_Login__c');
      expect(choices('datetime')).not.toContain('WalkMe_Logins_Last_30_Days__c');
      expect(choices('integer')).toContain('WalkMe_Logins_Last_30_Days__c');
      expect(choices('integer')).not.toContain('Courses_Completed__c');
    });

    it('reads the column type in any case and offers nothing without a known type', () => {
      expect(choices(' DateTime ')).toEqual(choices('datetime'));
      expect(choices(undefined)).toEqual([]);
      expect(choices('geolocation')).toEqual([]);
    });

    it('leaves out the key field, whatever its case', () => {
      expect(choices('string')).not.toContain('Email');
      expect(choices('string', { keyField: 'email' })).not.toContain('Email');
      expect(choices('string', { keyField: undefined })).toContain('Email');
      expect(choices('string', { keyField: 'WalkMe_User_Id__c' })).toContain('Email');
    });

    it('leaves out a field another row maps but keeps it in the row that maps it', () => {
      const usedElsewhere = new Set(['walkme_first_login__c']);
      expect(choices('datetime', { usedFields: usedElsewhere })).not.toContain(
        'WalkMe_First_Login__c'
      );

      const rows: MappingRow[] = [
        { key: 'a', column: 'first_login', columnType: 'datetime', field: 'WalkMe_First_Login__c' },
        { key: 'b', column: 'last_login', columnType: 'datetime' }
      ];
      expect(choices('datetime', { usedFields: usedFieldsExcept(rows, 'a') })).toContain(
        'WalkMe_First_Login__c'
      );
      expect(choices('datetime', { usedFields: usedFieldsExcept(rows, 'b') })).not.toContain(
        'WalkMe_First_Login__c'
      );
    });

    it('finds fields by label or API name, in any case', () => {
      expect(choices('datetime', { search: 'last LOGIN' })).toEqual(['WalkMe_Last_Login__c']);
      expect(choices('datetime', { search: 'walkme_first' })).toEqual(['WalkMe_First_Login__c']);
      expect(choices('integer', { search: 'numberofemp' })).toEqual(['NumberOfEmployees']);
      expect(choices('integer', { search: 'employees' })).toEqual(['NumberOfEmployees']);
      expect(choices('datetime', { search: 'nothing like it' })).toEqual([]);
    });

    it('keeps the row’s own field while the search does not match it', () => {
      expect(
        choices('datetime', { search: 'last login', currentField: 'WalkMe_First_Login__c' })
      ).toEqual(['WalkMe_First_Login__c', 'WalkMe_Last_Login__c']);
    });
  });

  describe('isComplete and completeMappings', () => {
    it('calls a row complete only with a column, its type and a field', () => {
      expect(isComplete({ column: 'first_login', columnType: 'datetime', field: 'X__c' })).toBe(
        true
      );
      expect(isComplete({ column: 'first_login', columnType: 'datetime' })).toBe(false);
      expect(isComplete({ column: 'first_login', field: 'X__c' })).toBe(false);
      expect(isComplete({ columnType: 'datetime', field: 'X__c' })).toBe(false);
      expect(isComplete({})).toBe(false);
    });

    it('keeps the complete rows in order, as FieldMappings without the row key', () => {
      const rows: MappingRow[] = [
        { key: 'a', column: 'last_login', columnType: 'datetime', field: 'WalkMe_Last_Login__c' },
        { key: 'b' },
        { key: 'c', column: 'first_login', columnType: 'datetime' },
        { key: 'd', column: 'first_login', columnType: 'datetime', field: 'WalkMe_First_Login__c' }
      ];
      expect(completeMappings(rows)).toEqual([
        { column: 'last_login', columnType: 'datetime', field: 'WalkMe_Last_Login__c' },
        { column: 'first_login', columnType: 'datetime', field: 'WalkMe_First_Login__c' }
      ]);
    });
  });

  describe('only fill when empty', () => {
    it('keeps the option in a FieldMapping only when it is ticked', () => {
      const rows: MappingRow[] = [
        {
          key: 'a',
          column: 'first_login',
          columnType: 'datetime',
          field: 'X__c',
          onlyWhenEmpty: true
        },
        {
          key: 'b',
          column: 'last_login',
          columnType: 'datetime',
          field: 'Y__c',
          onlyWhenEmpty: false
        }
      ];
      expect(completeMappings(rows)).toEqual([
        { column: 'first_login', columnType: 'datetime', field: 'X__c', onlyWhenEmpty: true },
        { column: 'last_login', columnType: 'datetime', field: 'Y__c' }
      ]);
    });

    it('calls every field but a checkbox one that can be empty', () => {
      expect(canBeEmpty({ type: 'STRING' })).toBe(true);
      expect(canBeEmpty({ type: 'DATETIME' })).toBe(true);
      expect(canBeEmpty({ type: 'BOOLEAN' })).toBe(false);
    });
  });

  describe('mappingProblem', () => {
    const args = {
      fields: FIELDS,
      compatibility: COMPATIBILITY,
      keyField: 'Email',
      usedFields: NONE_USED,
      columns: LOGINS_COLUMNS
    };

    it('finds nothing wrong with a row the rules allow, or with a row still being filled', () => {
      expect(
        mappingProblem(
          {
            key: 'a',
            column: 'first_login',
            columnType: 'datetime',
            field: 'WalkMe_First_Login__c'
          },
          args
        )
      ).toBeUndefined();
      expect(mappingProblem({ key: 'b' }, args)).toBeUndefined();
      expect(
        mappingProblem({ key: 'c', column: 'first_login', columnType: 'datetime' }, args)
      ).toBeUndefined();
    });

    it('names the field and the fix for each broken rule', () => {
      const row = (field: string, columnType = 'datetime'): MappingRow => ({
        key: 'a',
        column: 'first_login',
        columnType,
        field
      });
      expect(mappingProblem(row('CreatedDate'), args)).toBe(
        'CreatedDate is not a field you can update on this object. Choose another field.'
      );
      expect(mappingProblem(row('Email', 'string'), args)).toBe(
        'Email is the key field that finds the records; it cannot be filled from a column. Choose another field.'
      );
      expect(
        mappingProblem(row('WalkMe_First_Login__c'), {
          ...args,
          usedFields: new Set(['walkme_first_login__c'])
        })
      ).toBe(
        'WalkMe First Login (WalkMe_First_Login__c) is mapped in another row already. Choose another field or remove one of the rows.'
      );
      expect(mappingProblem(row('WalkMe_Onboarding_Completed__c'), args)).toBe(
        'WalkMe Onboarding Completed (WalkMe_Onboarding_Completed__c) is a BOOLEAN field and cannot take the datetime values of first_login. Choose another field.'
      );
    });

    it('says when the report lost the column or the column has no type to map', () => {
      expect(mappingProblem({ key: 'a', column: 'retired', columnType: 'string' }, args)).toBe(
        'The report has no column retired any more. Choose another column or remove the row.'
      );
      expect(mappingProblem({ key: 'a', column: 'first_login' }, args)).toBe(
        'The column first_login has no type, which Insights Sync cannot write to any field. Choose another column.'
      );
    });
  });

  describe('autoMap', () => {
    it('maps the Logins report onto the recommended WalkMe_ fields', () => {
      const rows = autoMap(LOGINS_COLUMNS, FIELDS, COMPATIBILITY, 'Email', []);
      expect(rows).toEqual([
        {
          key: 'auto-user_id',
          column: 'user_id',
          columnType: 'string',
          field: 'WalkMe_User_Id__c'
        },
        {
          key: 'auto-first_login',
          column: 'first_login',
          columnType: 'datetime',
          field: 'WalkMe_First_Login__c'
        },
        {
          key: 'auto-last_login',
          column: 'last_login',
          columnType: 'datetime',
          field: 'WalkMe_Last_Login__c'
        },
        {
          key: 'auto-logins_last_30_days',
          column: 'logins_last_30_days',
          columnType: 'integer',
          field: 'WalkMe_Logins_Last_30_Days__c'
        }
      ]);
    });

    it("tries the chosen template's pair first, whatever the field's name or label", () => {
      const fields = [
        ...FIELDS,
        catalogField('Days_Since_Login__c', 'Portal logins (30 days)', 'DOUBLE')
      ];
      const pairs = [{ column: 'logins_last_30_days', field: 'days_since_login__c' }];
      const rows = autoMap(LOGINS_COLUMNS, fields, COMPATIBILITY, 'Email', [], pairs);
      expect(rows.map((row) => [row.column, row.field])).toEqual([
        ['user_id', 'WalkMe_User_Id__c'],
        ['first_login', 'WalkMe_First_Login__c'],
        ['last_login', 'WalkMe_Last_Login__c'],
        ['logins_last_30_days', 'Days_Since_Login__c']
      ]);
    });

    it('falls back to names when the pair names a field the rules refuse or the object lacks', () => {
      const pairs = [
        { column: 'first_login', field: 'Email' },
        { column: 'last_login', field: 'WalkMe_Nowhere__c' },
        { column: 'logins_last_30_days', field: 'WalkMe_First_Login__c' }
      ];
      const rows = autoMap(LOGINS_COLUMNS, FIELDS, COMPATIBILITY, 'Email', [], pairs);
      expect(rows.map((row) => [row.column, row.field])).toEqual([
        ['user_id', 'WalkMe_User_Id__c'],
        ['first_login', 'WalkMe_First_Login__c'],
        ['last_login', 'WalkMe_Last_Login__c'],
        ['logins_last_30_days', 'WalkMe_Logins_Last_30_Days__c']
      ]);
    });

    it('never proposes the key field, and proposes it once it is no longer the key', () => {
      const email = [column('email', 'Email', 'string')];
      expect(autoMap(email, FIELDS, COMPATIBILITY, 'Email', [])).toEqual([]);
      expect(autoMap(email, FIELDS, COMPATIBILITY, 'WalkMe_User_Id__c', [])).toEqual([
        { key: 'auto-email', column: 'email', columnType: 'string', field: 'Email' }
      ]);
    });

    it('matches camelCase names, labels with symbols, and fields without the prefix', () => {
      const columns = [
        column('firstLogin', 'First login', 'datetime'),
        column('logins30', '# Logins last 30 days', 'number'),
        column('plan', 'Plan', 'string'),
        column('activity', 'Last course activity', 'datetime')
      ];
      expect(
        autoMap(columns, FIELDS, COMPATIBILITY, 'Email', []).map((row) => [row.column, row.field])
      ).toEqual([
        ['firstLogin', 'WalkMe_First_Login__c'],
        ['logins30', 'WalkMe_Logins_Last_30_Days__c'],
        ['plan', 'Plan__c'],
        ['activity', 'Last_Course_Activity__c']
      ]);
    });

    it('refuses a matching field whose type cannot take the column values', () => {
      const columns = [
        column('courses_completed', 'Courses completed', 'integer'),
        column('onboarding_completed', 'Onboarding completed', 'datetime')
      ];
      expect(autoMap(columns, FIELDS, COMPATIBILITY, 'Email', [])).toEqual([]);
    });

    it('never proposes a field missing from the catalog', () => {
      const withoutLastLogin = FIELDS.filter((item) => item.apiName !== 'WalkMe_Last_Login__c');
      const rows = autoMap(LOGINS_COLUMNS, withoutLastLogin, COMPATIBILITY, 'Email', []);
      expect(rows.map((row) => row.column)).not.toContain('last_login');
    });

    it('proposes a field once, even when two columns match it', () => {
      const columns = [
        column('first_login', 'First login', 'datetime'),
        column('firstLogin', 'First login (copy)', 'datetime')
      ];
      const rows = autoMap(columns, FIELDS, COMPATIBILITY, 'Email', []);
      expect(rows).toEqual([
        {
          key: 'auto-first_login',
          column: 'first_login',
          columnType: 'datetime',
          field: 'WalkMe_First_Login__c'
        }
      ]);
    });

    it('leaves a field another row maps to that row', () => {
      const existing: MappingRow[] = [
        {
          key: 'row-1',
          column: 'last_login',
          columnType: 'datetime',
          field: 'WalkMe_First_Login__c'
        }
      ];
      const rows = autoMap(LOGINS_COLUMNS, FIELDS, COMPATIBILITY, 'Email', existing);
      expect(rows[0]).toBe(existing[0]);
      expect(rows.filter((row) => row.field === 'WalkMe_First_Login__c')).toHaveLength(1);
      expect(rows.map((row) => row.column)).not.toContain('first_login');
    });

    it('keeps complete rows as they are and adds no second row for their column', () => {
      const existing: MappingRow[] = [
        { key: 'row-1', column: 'first_login', columnType: 'datetime', field: 'Description' }
      ];
      const rows = autoMap(LOGINS_COLUMNS, FIELDS, COMPATIBILITY, 'Email', existing);
      expect(rows[0]).toBe(existing[0]);
      expect(rows.filter((row) => row.column === 'first_login')).toHaveLength(1);
      expect(rows.map((row) => row.field)).toEqual([
        'Description',
        'WalkMe_User_Id__c',
        'WalkMe_Last_Login__c',
        'WalkMe_Logins_Last_30_Days__c'
      ]);
    });

    it('fills an incomplete row of a column in place and keeps rows it cannot fill', () => {
      const existing: MappingRow[] = [
        { key: 'row-1' },
        { key: 'row-2', column: 'last_login', columnType: 'datetime' },
        { key: 'row-3', column: 'email', columnType: 'string' }
      ];
      const rows = autoMap(LOGINS_COLUMNS, FIELDS, COMPATIBILITY, 'Email', existing);
      expect(rows.slice(0, 3)).toEqual([
        { key: 'row-1' },
        {
          key: 'row-2',
          column: 'last_login',
          columnType: 'datetime',
          field: 'WalkMe_Last_Login__c'
        },
        { key: 'row-3', column: 'email', columnType: 'string' }
      ]);
      expect(rows.slice(3).map((row) => row.column)).toEqual([
        'user_id',
        'first_login',
        'logins_last_30_days'
      ]);
    });

    it('gives new rows keys no row has', () => {
      const existing: MappingRow[] = [
        {
          key: 'auto-first_login',
          column: 'last_login',
          columnType: 'datetime',
          field: 'Description'
        }
      ];
      const rows = autoMap(
        [column('first_login', 'First login', 'datetime')],
        FIELDS,
        COMPATIBILITY,
        'Email',
        existing
      );
      expect(rows.map((row) => row.key)).toEqual(['auto-first_login', 'auto-first_login-2']);
    });
  });

  describe('normaliseName', () => {
    it('ignores case, spaces, underscores, symbols and the __c suffix', () => {
      expect(normaliseName('WalkMe_Logins_Last_30_Days__c')).toBe('walkmeloginslast30days');
      expect(normaliseName('# Logins last 30 days')).toBe('loginslast30days');
      expect(normaliseName('firstLogin')).toBe('firstlogin');
    });
  });

  describe('on an object with 800 fields', () => {
    const TYPES = [
      'STRING',
      'DOUBLE',
      'DATETIME',
      'DATE',
      'BOOLEAN',
      'PICKLIST',
      'PERCENT',
      'TEXTAREA'
    ];
    const COLUMN_TYPES = Object.keys(COMPATIBILITY);
    const manyFields = Array.from({ length: 800 }, (_, index) =>
      catalogField(`Field_${index}__c`, `Field ${800 - index}`, TYPES[index % TYPES.length])
    );
    const manyColumns = Array.from({ length: 200 }, (_, index) =>
      column(`field_${index * 4}`, `Column ${index}`, COLUMN_TYPES[index % COLUMN_TYPES.length])
    );

    it('works out every row’s choices for 200 rows well within 50 ms', () => {
      // Auto-map fills what it can; the other columns get a row still waiting for its field.
      const mapped = autoMap(manyColumns, manyFields, COMPATIBILITY, 'Field_0__c', []);
      const rows: MappingRow[] = manyColumns.map(
        (item) =>
          mapped.find((row) => row.column === item.name) ?? {
            key: `row-${item.name}`,
            column: item.name,
            columnType: item.type
          }
      );
      expect(rows).toHaveLength(200);
      expect(rows.filter((row) => row.field).length).toBeGreaterThan(100);

      const everyRow = (search: string): number => {
        let offered = 0;
        for (const row of rows) {
          offered += fieldChoices({
            fields: manyFields,
            compatibility: COMPATIBILITY,
            columnType: row.columnType,
            keyField: 'Field_0__c',
            usedFields: usedFieldsExcept(rows, row.key),
            search,
            currentField: row.field
          }).length;
        }
        return offered;
      };
      everyRow(''); // the first call prepares the catalog, as the editor's first render does

      // Both passes together, an empty search and a typed one as a keystroke re-filters; the
      // best of three runs, so a busy machine's pause does not fail a fast implementation.
      let offered = 0;
      let filtered = 0;
      const timings = [0, 1, 2].map(() => {
        const started = performance.now();
        offered = everyRow('');
        filtered = everyRow('field 1');
        return performance.now() - started;
      });

      expect(offered).toBeGreaterThan(rows.length * 100);
      expect(filtered).toBeLessThan(offered);
      expect(Math.min(...timings)).toBeLessThan(50);
    });

    it('auto-maps 200 columns well within 50 ms', () => {
      // A copy of the list: the catalog is prepared inside the timed call, as on a first Auto-map.
      const started = performance.now();
      const rows = autoMap(manyColumns, [...manyFields], COMPATIBILITY, undefined, []);
      const elapsed = performance.now() - started;

      expect(rows.length).toBeGreaterThan(100);
      expect(new Set(rows.map((row) => row.field)).size).toBe(rows.length);
      expect(elapsed).toBeLessThan(50);
    });
  });
});
