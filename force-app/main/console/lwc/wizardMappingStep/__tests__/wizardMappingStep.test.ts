import { createElement } from 'lwc';
import WizardMappingStep from 'c/wizardMappingStep';
import type { MappingStepChangeDetail } from 'c/wizardRules';

type FieldMapping = InsightsSync.FieldMapping;

const REPORTS = jest.requireActual<InsightsSync.InsightsReport[]>('./data/getReports.json');
const LEAD = jest.requireActual<InsightsSync.ObjectDescription>('./data/describeLead.json');
const COMPATIBILITY = jest.requireActual<Record<string, string[]>>('./data/getCompatibility.json');
const INTEGRATION = jest.requireActual<InsightsSync.IntegrationDefinition>(
  './data/getIntegration.json'
);

type StepElement = HTMLElement & { autoMap(): void; focusHeading(): void };
type EditorElement = HTMLElement & {
  columns: unknown;
  fields: unknown;
  compatibility: unknown;
  keyField: string;
  keyColumn: string;
  mappings: FieldMapping[];
};

/** Lets every pending promise (and the re-render that follows) settle. */
function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(values: Record<string, unknown> = {}): Promise<StepElement> {
  const element = createElement('c-wizard-mapping-step', { is: WizardMappingStep });
  Object.assign(element, {
    reportName: 'Logins review',
    objectLabel: 'Lead',
    reportKeyColumn: 'email',
    objectKeyField: 'Email',
    columns: REPORTS[0].columns,
    fields: LEAD.fields,
    compatibility: COMPATIBILITY,
    mappings: [],
    ...values
  });
  document.body.appendChild(element);
  await flushPromises();
  return element as unknown as StepElement;
}

function find<T extends HTMLElement = HTMLElement>(
  element: HTMLElement,
  selector: string
): T | null {
  return element.shadowRoot?.querySelector<T>(selector) ?? null;
}

function query<T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T {
  const found = find<T>(element, selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function collect(element: HTMLElement): MappingStepChangeDetail[] {
  const details: MappingStepChangeDetail[] = [];
  element.addEventListener('mappingchange', (event) => {
    details.push((event as CustomEvent<MappingStepChangeDetail>).detail);
  });
  return details;
}

describe('c-wizard-mapping-step', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('hands the editor the report columns, the fields, the table, the key pair and the rows', async () => {
    const element = await render({ mappings: INTEGRATION.mappings });

    const editor = query<EditorElement>(element, 'c-mapping-editor');
    expect(editor.columns).toEqual(REPORTS[0].columns);
    expect(editor.fields).toEqual(LEAD.fields);
    expect(editor.compatibility).toEqual(COMPATIBILITY);
    expect(editor.keyField).toBe('Email');
    expect(editor.keyColumn).toBe('email');
    expect(editor.mappings).toEqual(INTEGRATION.mappings);
    expect(query(element, '[data-id="mapping-summary"]').textContent).toBe(
      'Logins review → Lead, matched on email = Email'
    );
    expect(find(element, '[data-id="compatibility-errors"]')).toBeNull();
  });

  it('passes on the editor’s rows as the definition carries them', async () => {
    const element = await render();
    const changes = collect(element);

    query(element, 'c-mapping-editor').dispatchEvent(
      new CustomEvent('mappingchange', {
        detail: {
          mappings: [
            { column: 'first_login', columnType: 'datetime', field: 'X__c', extra: 1 },
            { column: 'user_id' }
          ],
          completeMappings: [{ column: 'first_login', columnType: 'datetime', field: 'X__c' }]
        }
      })
    );

    expect(changes).toEqual([
      {
        mappings: [
          { column: 'first_login', columnType: 'datetime', field: 'X__c' },
          { column: 'user_id', columnType: undefined, field: undefined }
        ],
        completeMappings: [{ column: 'first_login', columnType: 'datetime', field: 'X__c' }]
      }
    ]);
  });

  it('shows the policies it is handed and passes the admin’s choice on', async () => {
    const element = await render({ matchPolicy: 'Skip and report', blankValuePolicy: 'Clear' });
    const policies = element.shadowRoot?.querySelector('c-sync-policies') as HTMLElement & {
      matchPolicy: string;
      blankValuePolicy: string;
    };
    expect([policies.matchPolicy, policies.blankValuePolicy]).toEqual(['Skip and report', 'Clear']);
    const heard: unknown[] = [];
    element.addEventListener('policychange', (event) => {
      heard.push((event as CustomEvent).detail);
    });
    const detail = { matchPolicy: 'Update all', blankValuePolicy: 'Clear' };
    policies.dispatchEvent(new CustomEvent('policychange', { detail }));

    expect(heard).toEqual([detail]);
  });

  it('hands the reset block the fields, the key field and the reset, and passes its change on', async () => {
    const element = await render({
      objectKeyField: 'Email',
      mappedFields: ['WalkMe_First_Login__c'],
      resetStampField: 'WalkMe_Last_Login__c',
      resetMode: 'Clear',
      resetValue: ''
    });
    const block = element.shadowRoot?.querySelector('c-stale-value-reset') as HTMLElement &
      Record<string, unknown>;
    expect(block.fields).toEqual(LEAD.fields);
    expect(block.keyField).toBe('Email');
    expect(block.mappedFields).toEqual(['WalkMe_First_Login__c']);
    expect([block.stampField, block.mode]).toEqual(['WalkMe_Last_Login__c', 'Clear']);
    const heard: unknown[] = [];
    element.addEventListener('resetchange', (event) => {
      heard.push((event as CustomEvent).detail);
    });
    const detail = { resetStampField: '', resetMode: '', resetValue: '' };
    block.dispatchEvent(new CustomEvent('resetchange', { detail }));

    expect(heard).toEqual([detail]);
  });

  it('hands the editor the pairs of the chosen ready-made report', async () => {
    const templatePairs = [{ column: 'logins_30d', field: 'WalkMe_Logins_Last_30_Days__c' }];
    const element = await render({ templatePairs });
    const editor = element.shadowRoot?.querySelector('c-mapping-editor') as HTMLElement & {
      templatePairs: unknown;
    };

    expect(editor.templatePairs).toEqual(templatePairs);
  });

  it('auto-maps through the editor when asked', async () => {
    const element = await render();
    const changes = collect(element);

    element.autoMap();
    await flushPromises();

    const last = changes[changes.length - 1];
    expect(last.mappings.map((row) => row.field)).toEqual([
      'WalkMe_User_Id__c',
      'WalkMe_First_Login__c',
      'WalkMe_Last_Login__c',
      'WalkMe_Logins_Last_30_Days__c'
    ]);
    expect(last.completeMappings).toHaveLength(4);
  });

  it('shows why the column-type table could not be read, in the step', async () => {
    const element = await render({ compatibilityErrors: ['The table is unavailable.'] });

    const errors = query(element, '[data-id="compatibility-errors"]');
    expect(errors.getAttribute('role')).toBe('alert');
    expect(errors.textContent?.trim()).toBe('The table is unavailable.');
  });

  it('shows what the wizard slots in after the editor', async () => {
    const element = createElement('c-wizard-mapping-step', { is: WizardMappingStep });
    const slotted = document.createElement('p');
    slotted.textContent = 'Preview goes here';
    element.appendChild(slotted);
    document.body.appendChild(element);
    await flushPromises();

    expect(query(element, 'slot')).not.toBeNull();
    expect(slotted.isConnected).toBe(true);
  });

  it('moves the focus to its heading when asked', async () => {
    const element = await render();

    element.focusHeading();

    expect(element.shadowRoot?.activeElement).toBe(
      query<HTMLElement>(element, '[data-id="heading-mapping"]')
    );
  });
});
