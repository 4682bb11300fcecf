import { createElement } from 'lwc';
import MappingEditor from 'c/mappingEditor';
import type { MappingChangeDetail } from 'c/mappingEditor';
import { fieldChoices } from 'c/mappingRules';

type CatalogField = InsightsSync.CatalogField;
type ReportColumn = InsightsSync.ReportColumn;
type FieldMapping = InsightsSync.FieldMapping;

/** IntegrationController.getCompatibility, as ColumnTypeCompatibility.asTable() builds it. */
const COMPATIBILITY = jest.requireActual<Record<string, string[]>>('./data/getCompatibility.json');
/** describeObject('Lead'): only the fields the admin can update. */
const LEAD = jest.requireActual<InsightsSync.ObjectDescription>('./data/describeLead.json');
/** The columns of the "Logins review" report in the Insights fixtures. */
const COLUMNS = jest.requireActual<ReportColumn[]>('./data/loginsColumns.json');

const FIRST_LOGIN: FieldMapping = {
  column: 'first_login',
  columnType: 'datetime',
  field: 'WalkMe_First_Login__c'
};
const LAST_LOGIN_UNMAPPED: FieldMapping = { column: 'last_login', columnType: 'datetime' };

/** The properties of the base-component stubs the tests read (LWC sets them, not attributes). */
type BaseElement = HTMLElement & {
  value?: string;
  disabled?: boolean;
  label?: string;
  placeholder?: string;
  options: { label: string; value: string; description?: string }[];
  alternativeText?: string;
};

function createEditor() {
  return createElement('c-mapping-editor', { is: MappingEditor });
}

/** The editor's element: its `@api` properties and methods as LWC types them. */
type EditorElement = ReturnType<typeof createEditor>;

interface Rendered {
  element: EditorElement;
  /** Every `mappingchange` detail, oldest first. */
  changes: MappingChangeDetail[];
}

/** Lets every pending promise (and the re-render that follows) settle. */
function flushPromises(): Promise<void> {
  // A macrotask runs after every queued microtask, however long the chain of awaits.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(properties: Partial<EditorElement> = {}): Promise<Rendered> {
  const element = createEditor();
  const changes: MappingChangeDetail[] = [];
  element.addEventListener('mappingchange', (event) => {
    changes.push((event as CustomEvent<MappingChangeDetail>).detail);
  });
  Object.assign(element, {
    columns: COLUMNS,
    fields: LEAD.fields,
    compatibility: COMPATIBILITY,
    keyField: 'Email',
    keyColumn: 'email',
    ...properties
  });
  document.body.appendChild(element);
  await flushPromises();
  return { element, changes };
}

function queryAll<T extends HTMLElement = BaseElement>(root: HTMLElement, selector: string): T[] {
  return Array.from(root.shadowRoot?.querySelectorAll<T>(selector) ?? []);
}

function query<T extends HTMLElement = BaseElement>(root: HTMLElement, selector: string): T {
  const found = root.shadowRoot?.querySelector<T>(selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function find(root: HTMLElement, selector: string): HTMLElement | null {
  return root.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

function rows(element: HTMLElement): HTMLElement[] {
  return queryAll<HTMLElement>(element, '[data-id="mapping-row"]');
}

function within(row: HTMLElement, selector: string): BaseElement {
  const found = row.querySelector<BaseElement>(selector);
  if (!found) {
    throw new Error(`${selector} not rendered in the row`);
  }
  return found;
}

function columnBox(row: HTMLElement): BaseElement {
  return within(row, 'lightning-combobox[data-id="column-box"]');
}

function fieldBox(row: HTMLElement): BaseElement {
  return within(row, 'lightning-combobox[data-id="field-box"]');
}

function removeButton(row: HTMLElement): BaseElement {
  return within(row, 'lightning-button-icon[data-action="remove-row"]');
}

function optionValues(box: BaseElement): string[] {
  return box.options.map((option) => option.value);
}

function rowStatus(row: HTMLElement): string {
  return row.querySelector('[data-id="row-status"]')?.textContent?.trim() ?? '';
}

function text(element: HTMLElement, selector: string): string {
  return query(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Chooses in a base component the way it reports it: `value` set, then `change`. */
async function choose(box: BaseElement, value: string): Promise<void> {
  box.value = value;
  box.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

async function click(element: HTMLElement, selector: string): Promise<void> {
  query(element, selector).click();
  await flushPromises();
}

function lastChange(changes: MappingChangeDetail[]): MappingChangeDetail {
  const change = changes[changes.length - 1];
  if (!change) {
    throw new Error('no mappingchange fired');
  }
  return change;
}

describe('c-mapping-editor', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
  });

  it('shows the given mappings as rows and tells its owner once, without bubbling', async () => {
    const bubbled = jest.fn();
    document.body.addEventListener('mappingchange', bubbled);
    const { element, changes } = await render({ mappings: [FIRST_LOGIN, LAST_LOGIN_UNMAPPED] });
    document.body.removeEventListener('mappingchange', bubbled);

    const [first, second] = rows(element);
    expect(rows(element)).toHaveLength(2);
    expect(columnBox(first).value).toBe('first_login');
    expect(fieldBox(first).value).toBe('WalkMe_First_Login__c');
    expect(rowStatus(first)).toBe('');
    expect(columnBox(second).value).toBe('last_login');
    expect(fieldBox(second).value).toBeUndefined();
    expect(rowStatus(second)).toBe('Choose a field');
    expect(text(element, '[data-id="complete-count"]')).toBe('1 of 2 rows complete');

    expect(changes).toEqual([
      { mappings: [FIRST_LOGIN, LAST_LOGIN_UNMAPPED], completeMappings: [FIRST_LOGIN] }
    ]);
    expect(bubbled).not.toHaveBeenCalled();
  });

  it('offers every report column in every row, the key column too and marked as such', async () => {
    const { element } = await render({ mappings: [FIRST_LOGIN] });

    const box = columnBox(rows(element)[0]);
    expect(optionValues(box)).toEqual([
      'user_id',
      'email',
      'first_login',
      'last_login',
      'logins_last_30_days'
    ]);
    expect(box.options[1].label).toBe('Email (key column)');
    expect(box.options[2]).toEqual({
      label: 'First login',
      value: 'first_login',
      description: 'first_login · datetime'
    });
  });

  it('offers in each field box only the fields the rules allow', async () => {
    const { element } = await render({
      mappings: [FIRST_LOGIN, LAST_LOGIN_UNMAPPED, { column: 'email', columnType: 'string' }]
    });
    const [first, second, third] = rows(element);

    // The field row 1 maps is a choice in row 1 only; a datetime column takes no number field.
    expect(optionValues(fieldBox(first))).toContain('WalkMe_First_Login__c');
    expect(optionValues(fieldBox(second))).not.toContain('WalkMe_First_Login__c');
    expect(optionValues(fieldBox(second))).toEqual([
      'Company',
      'Courses_Completed__c',
      'Description',
      'FirstName',
      'Last_Course_Activity__c',
      'LastName',
      'WalkMe_Last_Login__c',
      'WalkMe_User_Id__c'
    ]);
    // A string column: text-like fields, never the key field Email.
    expect(optionValues(fieldBox(third))).toEqual([
      'Company',
      'Description',
      'FirstName',
      'LastName',
      'Phone',
      'Plan__c',
      'Rating',
      'WalkMe_User_Id__c',
      'Website'
    ]);
    expect(fieldBox(third).options[0]).toEqual({
      label: 'Company',
      value: 'Company',
      description: 'Company · STRING'
    });
  });

  it('filters every row’s field choices by label or API name, keeping each row’s own field', async () => {
    const { element, changes } = await render({ mappings: [FIRST_LOGIN, LAST_LOGIN_UNMAPPED] });
    const search = query(element, 'lightning-input[data-id="field-search"]');
    expect(search.label).toBe('Search fields');

    await choose(search, 'Last Login');
    let [first, second] = rows(element);
    expect(optionValues(fieldBox(first))).toEqual([
      'WalkMe_First_Login__c',
      'WalkMe_Last_Login__c'
    ]);
    expect(optionValues(fieldBox(second))).toEqual(['WalkMe_Last_Login__c']);

    await choose(search, 'last_course');
    [first, second] = rows(element);
    expect(optionValues(fieldBox(first))).toEqual([
      'Last_Course_Activity__c',
      'WalkMe_First_Login__c'
    ]);
    expect(optionValues(fieldBox(second))).toEqual(['Last_Course_Activity__c']);

    await choose(search, '');
    expect(fieldBox(rows(element)[1]).options).toHaveLength(8);
    // Searching changes no mapping.
    expect(changes).toHaveLength(1);
  });

  it('adds an empty row with Add Column and puts the focus in its column box', async () => {
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    const { element, changes } = await render({ mappings: [FIRST_LOGIN] });

    await click(element, 'lightning-button[data-action="add-column"]');

    const added = rows(element)[1];
    expect(rows(element)).toHaveLength(2);
    expect(columnBox(added).value).toBeUndefined();
    expect(fieldBox(added).disabled).toBe(true);
    expect(fieldBox(added).placeholder).toBe('Choose a column first');
    expect(rowStatus(added)).toBe('Choose a column');
    expect(removeButton(added).getAttribute('aria-label')).toBe('Remove row 2 (no column chosen)');
    expect(focus.mock.contexts).toContain(columnBox(added));
    expect(text(element, '[data-id="complete-count"]')).toBe('1 of 2 rows complete');
    expect(lastChange(changes)).toEqual({
      mappings: [FIRST_LOGIN, {}],
      completeMappings: [FIRST_LOGIN]
    });
  });

  it('completes a row once a column and a field are chosen', async () => {
    const { element, changes } = await render({ mappings: [FIRST_LOGIN] });
    await click(element, 'lightning-button[data-action="add-column"]');

    await choose(columnBox(rows(element)[1]), 'logins_last_30_days');
    const row = rows(element)[1];
    expect(fieldBox(row).disabled).toBe(false);
    expect(optionValues(fieldBox(row))).toContain('WalkMe_Logins_Last_30_Days__c');
    expect(optionValues(fieldBox(row))).not.toContain('WalkMe_Last_Login__c');
    expect(rowStatus(row)).toBe('Choose a field');
    expect(lastChange(changes).mappings[1]).toEqual({
      column: 'logins_last_30_days',
      columnType: 'integer'
    });

    await choose(fieldBox(rows(element)[1]), 'WalkMe_Logins_Last_30_Days__c');
    const logins = {
      column: 'logins_last_30_days',
      columnType: 'integer',
      field: 'WalkMe_Logins_Last_30_Days__c'
    };
    expect(rowStatus(rows(element)[1])).toBe('');
    expect(text(element, '[data-id="complete-count"]')).toBe('2 of 2 rows complete');
    expect(lastChange(changes)).toEqual({
      mappings: [FIRST_LOGIN, logins],
      completeMappings: [FIRST_LOGIN, logins]
    });
    // The field row 2 took is no longer a choice in row 1.
    expect(optionValues(fieldBox(rows(element)[0]))).not.toContain('WalkMe_Logins_Last_30_Days__c');
  });

  it('keeps a row’s field for a column of a compatible type and clears it otherwise', async () => {
    const { element, changes } = await render({ mappings: [FIRST_LOGIN] });

    await choose(columnBox(rows(element)[0]), 'last_login');
    expect(fieldBox(rows(element)[0]).value).toBe('WalkMe_First_Login__c');

    await choose(columnBox(rows(element)[0]), 'logins_last_30_days');
    expect(fieldBox(rows(element)[0]).value).toBeUndefined();
    expect(rowStatus(rows(element)[0])).toBe('Choose a field');
    expect(lastChange(changes)).toEqual({
      mappings: [{ column: 'logins_last_30_days', columnType: 'integer' }],
      completeMappings: []
    });
  });

  it('removes the row whose X is chosen, and only that row', async () => {
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    const lastLogin = { ...LAST_LOGIN_UNMAPPED, field: 'WalkMe_Last_Login__c' };
    const userId = { column: 'user_id', columnType: 'string', field: 'WalkMe_User_Id__c' };
    const { element, changes } = await render({ mappings: [FIRST_LOGIN, lastLogin, userId] });

    const middle = removeButton(rows(element)[1]);
    expect(middle.getAttribute('aria-label')).toBe('Remove row 2 (Last login)');
    expect(middle.alternativeText).toBe('Remove row 2 (Last login)');
    expect(removeButton(rows(element)[1]).classList).toContain('remove-row');

    middle.click();
    await flushPromises();

    expect(rows(element).map((row) => columnBox(row).value)).toEqual(['first_login', 'user_id']);
    expect(removeButton(rows(element)[1]).getAttribute('aria-label')).toBe(
      'Remove row 2 (User ID)'
    );
    expect(lastChange(changes)).toEqual({
      mappings: [FIRST_LOGIN, userId],
      completeMappings: [FIRST_LOGIN, userId]
    });
    // The focus goes to the row that took the removed row's place.
    expect(focus.mock.contexts).toContain(columnBox(rows(element)[1]));
    // The freed field is a choice again.
    expect(optionValues(fieldBox(rows(element)[0]))).toContain('WalkMe_Last_Login__c');
  });

  it('gives every row its own enabled X (the browser test checks it shows without hovering)', async () => {
    const lastLogin = { ...LAST_LOGIN_UNMAPPED, field: 'WalkMe_Last_Login__c' };
    const { element } = await render({ mappings: [FIRST_LOGIN, lastLogin] });

    const removes = rows(element).map((row) => removeButton(row));
    expect(removes).toHaveLength(2);
    for (const remove of removes) {
      expect(remove.disabled).toBeFalsy();
      expect(remove.closest('.remove-cell')).not.toBeNull();
    }
  });

  it('drops the Auto-map message once the rows change: removed, added or edited', async () => {
    const { element } = await render();
    await click(element, 'lightning-button[data-action="auto-map"]');
    expect(text(element, '[data-id="auto-map-result"]')).toBe('Auto-map added 4 mappings.');

    await click(element, 'lightning-button-icon[data-action="remove-row"]');
    expect(find(element, '[data-id="auto-map-result"]')).toBeNull();

    await click(element, 'lightning-button[data-action="auto-map"]');
    expect(text(element, '[data-id="auto-map-result"]')).toBe('Auto-map added 1 mapping.');
    await click(element, 'lightning-button[data-action="add-column"]');
    expect(find(element, '[data-id="auto-map-result"]')).toBeNull();

    await click(element, 'lightning-button[data-action="auto-map"]');
    expect(find(element, '[data-id="auto-map-result"]')).not.toBeNull();
    await choose(fieldBox(rows(element)[0]), '');
    expect(find(element, '[data-id="auto-map-result"]')).toBeNull();
  });

  it('moves the focus to Add Column when the last row is removed', async () => {
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    const { element, changes } = await render({ mappings: [FIRST_LOGIN] });

    await click(element, 'lightning-button-icon[data-action="remove-row"]');

    expect(rows(element)).toHaveLength(0);
    expect(text(element, '[data-id="complete-count"]')).toBe(
      'No rows yet. Add a column or use Auto-map.'
    );
    expect(focus.mock.contexts).toContain(
      query(element, 'lightning-button[data-action="add-column"]')
    );
    expect(lastChange(changes)).toEqual({ mappings: [], completeMappings: [] });
  });

  it('adds Auto-map proposals next to complete rows and says how many it added', async () => {
    const byHand = { column: 'first_login', columnType: 'datetime', field: 'Description' };
    const { element, changes } = await render({ mappings: [byHand] });

    await click(element, 'lightning-button[data-action="auto-map"]');

    expect(rows(element).map((row) => [columnBox(row).value, fieldBox(row).value])).toEqual([
      ['first_login', 'Description'],
      ['user_id', 'WalkMe_User_Id__c'],
      ['last_login', 'WalkMe_Last_Login__c'],
      ['logins_last_30_days', 'WalkMe_Logins_Last_30_Days__c']
    ]);
    expect(text(element, '[data-id="auto-map-result"]')).toBe('Auto-map added 3 mappings.');
    expect(text(element, '[data-id="complete-count"]')).toBe('4 of 4 rows complete');
    expect(lastChange(changes).completeMappings).toHaveLength(4);
    const count = changes.length;

    await click(element, 'lightning-button[data-action="auto-map"]');
    expect(rows(element)).toHaveLength(4);
    expect(text(element, '[data-id="auto-map-result"]')).toBe(
      'Auto-map found nothing to add: no other field that can take a column matches its name or label.'
    );
    expect(changes).toHaveLength(count);
  });

  it('runs Auto-map when its owner calls autoMap()', async () => {
    const { element, changes } = await render();

    expect(element.autoMap()).toBe(4);
    await flushPromises();

    expect(rows(element)).toHaveLength(4);
    expect(lastChange(changes).completeMappings.map((mapping) => mapping.field)).toEqual([
      'WalkMe_User_Id__c',
      'WalkMe_First_Login__c',
      'WalkMe_Last_Login__c',
      'WalkMe_Logins_Last_30_Days__c'
    ]);
  });

  it("uses the chosen template's pairs when Auto-map runs", async () => {
    const { element, changes } = await render({
      templatePairs: [{ column: 'logins_last_30_days', field: 'NumberOfEmployees' }]
    });

    await click(element, 'lightning-button[data-action="auto-map"]');

    expect(
      lastChange(changes).completeMappings.map((mapping) => [mapping.column, mapping.field])
    ).toEqual([
      ['user_id', 'WalkMe_User_Id__c'],
      ['first_login', 'WalkMe_First_Login__c'],
      ['last_login', 'WalkMe_Last_Login__c'],
      ['logins_last_30_days', 'NumberOfEmployees']
    ]);
    expect(element.templatePairs).toEqual([
      { column: 'logins_last_30_days', field: 'NumberOfEmployees' }
    ]);
  });

  it('replaces the rows when mappings is set, and ignores the rows handed back unchanged', async () => {
    const { element, changes } = await render({ mappings: [FIRST_LOGIN, LAST_LOGIN_UNMAPPED] });
    const userId = { column: 'user_id', columnType: 'string', field: 'WalkMe_User_Id__c' };

    element.mappings = [userId];
    await flushPromises();

    expect(rows(element).map((row) => columnBox(row).value)).toEqual(['user_id']);
    expect(changes).toHaveLength(2);
    expect(lastChange(changes)).toEqual({ mappings: [userId], completeMappings: [userId] });

    const rowKey = rows(element)[0].dataset.rowKey;
    element.mappings = lastChange(changes).mappings;
    await flushPromises();

    expect(changes).toHaveLength(2);
    expect(rows(element)[0].dataset.rowKey).toBe(rowKey);
  });

  it('shows what is wrong with a stored mapping the rules no longer allow, and does not count it', async () => {
    const lostField = { column: 'first_login', columnType: 'datetime', field: 'CreatedDate' };
    const { element, changes } = await render({ mappings: [lostField] });

    const row = rows(element)[0];
    expect(fieldBox(row).value).toBe('CreatedDate');
    expect(optionValues(fieldBox(row))[0]).toBe('CreatedDate');
    expect(rowStatus(row)).toBe(
      'CreatedDate is not a field you can update on this object. Choose another field.'
    );
    expect(row.querySelector('[data-id="row-status"]')?.className).toContain(
      'slds-text-color_error'
    );
    expect(text(element, '[data-id="complete-count"]')).toBe('0 of 1 row complete');
    expect(lastChange(changes)).toEqual({ mappings: [lostField], completeMappings: [] });
  });

  describe('only fill when empty', () => {
    const ONBOARDED_COLUMN: ReportColumn = {
      name: 'onboarded',
      label: 'Onboarded',
      type: 'boolean'
    } as ReportColumn;

    function onlyWhenEmptyBox(row: HTMLElement): BaseElement & { checked?: boolean } {
      return within(row, 'lightning-input[data-id="only-when-empty"]');
    }

    async function tick(box: BaseElement & { checked?: boolean }, checked: boolean): Promise<void> {
      box.checked = checked;
      box.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
      await flushPromises();
    }

    it('offers the option on a row with a field, labelled with the field, unticked', async () => {
      const { element } = await render({ mappings: [FIRST_LOGIN, LAST_LOGIN_UNMAPPED] });

      const [first, second] = rows(element);
      const box = onlyWhenEmptyBox(first);
      expect(box.label).toBe('Only fill WalkMe First Login when empty');
      expect(box.checked).toBe(false);
      expect(box.getAttribute('type') ?? (box as { type?: string }).type).toBe('checkbox');
      expect(second.querySelector('[data-id="only-when-empty"]')).toBeNull();
    });

    it('carries a ticked option in the row and in both lists of the event', async () => {
      const { element, changes } = await render({ mappings: [FIRST_LOGIN] });

      await tick(onlyWhenEmptyBox(rows(element)[0]), true);

      const filled = { ...FIRST_LOGIN, onlyWhenEmpty: true };
      expect(lastChange(changes)).toEqual({ mappings: [filled], completeMappings: [filled] });
      expect(onlyWhenEmptyBox(rows(element)[0]).checked).toBe(true);

      await tick(onlyWhenEmptyBox(rows(element)[0]), false);
      expect(lastChange(changes)).toEqual({
        mappings: [FIRST_LOGIN],
        completeMappings: [FIRST_LOGIN]
      });
    });

    it('shows a stored option ticked again, and takes it back unchanged without an event', async () => {
      const stored = { ...FIRST_LOGIN, onlyWhenEmpty: true };
      const { element, changes } = await render({ mappings: [stored] });

      expect(onlyWhenEmptyBox(rows(element)[0]).checked).toBe(true);
      expect(changes).toEqual([{ mappings: [stored], completeMappings: [stored] }]);
      expect(element.mappings).toEqual([stored]);

      element.mappings = [{ ...stored }];
      await flushPromises();
      expect(changes).toHaveLength(1);

      element.mappings = [FIRST_LOGIN];
      await flushPromises();
      expect(onlyWhenEmptyBox(rows(element)[0]).checked).toBe(false);
    });

    it('offers no option on a checkbox field, and drops it when the row moves to one', async () => {
      const filled = {
        column: 'onboarded',
        columnType: 'boolean',
        field: 'Description',
        onlyWhenEmpty: true
      };
      const { element, changes } = await render({
        columns: [...COLUMNS, ONBOARDED_COLUMN],
        mappings: [filled]
      });
      expect(onlyWhenEmptyBox(rows(element)[0]).checked).toBe(true);

      await choose(fieldBox(rows(element)[0]), 'WalkMe_Onboarding_Completed__c');

      expect(rows(element)[0].querySelector('[data-id="only-when-empty"]')).toBeNull();
      const checkbox = {
        column: 'onboarded',
        columnType: 'boolean',
        field: 'WalkMe_Onboarding_Completed__c'
      };
      expect(lastChange(changes)).toEqual({ mappings: [checkbox], completeMappings: [checkbox] });
    });

    it('says what is wrong with a stored option on a checkbox and lets it be unticked', async () => {
      const stored = {
        column: 'onboarded',
        columnType: 'boolean',
        field: 'WalkMe_Onboarding_Completed__c',
        onlyWhenEmpty: true
      };
      const { element, changes } = await render({
        columns: [...COLUMNS, ONBOARDED_COLUMN],
        mappings: [stored]
      });

      expect(rowStatus(rows(element)[0])).toBe(
        'WalkMe Onboarding Completed (WalkMe_Onboarding_Completed__c) is a checkbox, which is never empty, so "Only fill when empty" would never write it. Untick "Only fill when empty".'
      );
      expect(lastChange(changes).completeMappings).toEqual([]);

      await tick(onlyWhenEmptyBox(rows(element)[0]), false);

      expect(rowStatus(rows(element)[0])).toBe('');
      expect(rows(element)[0].querySelector('[data-id="only-when-empty"]')).toBeNull();
      expect(lastChange(changes).completeMappings).toHaveLength(1);
    });
  });

  it('offers the same choices as c/mappingRules on an object with 800 fields', async () => {
    const types = ['STRING', 'DOUBLE', 'DATETIME', 'DATE', 'BOOLEAN', 'PICKLIST'];
    const manyFields: CatalogField[] = Array.from({ length: 800 }, (_, index) => ({
      ...LEAD.fields[1],
      apiName: `Field_${index}__c`,
      label: `Field ${index}`,
      type: types[index % types.length]
    }));
    const { element } = await render({
      fields: manyFields,
      keyField: 'Field_0__c',
      mappings: [
        { column: 'first_login', columnType: 'datetime', field: 'Field_2__c' },
        { column: 'last_login', columnType: 'datetime' }
      ]
    });

    const expected = fieldChoices({
      fields: manyFields,
      compatibility: COMPATIBILITY,
      columnType: 'datetime',
      keyField: 'Field_0__c',
      usedFields: new Set(['field_2__c'])
    }).map((field) => field.apiName);
    const secondBox = fieldBox(rows(element)[1]);
    // Three of the six types take datetime values: 400 fields, less the key field and row 1’s.
    expect(expected).toHaveLength(398);
    expect(optionValues(secondBox)).toEqual(expected);

    // A change that leaves a row's choices as they were hands its box the same list, so the box
    // does not rebuild 800 options.
    const before = secondBox.options;
    element.keyColumn = 'user_id';
    await flushPromises();
    expect(fieldBox(rows(element)[1]).options).toBe(before);
  });
});
