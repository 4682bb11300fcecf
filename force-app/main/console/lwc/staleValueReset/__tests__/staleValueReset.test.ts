import { createElement } from 'lwc';
import StaleValueReset from 'c/staleValueReset';
import type { ResetChangeDetail } from 'c/staleValueReset';

type CatalogField = InsightsSync.CatalogField;

function field(apiName: string, label: string, type: string): CatalogField {
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

/** Lead's updateable fields: two Date/Time ones, of which one is mapped. */
const LEAD_FIELDS: CatalogField[] = [
  field('Title', 'Title', 'STRING'),
  field('WalkMe_Logins_30d__c', 'WalkMe Logins (30 days)', 'DOUBLE'),
  field('WalkMe_Last_Login__c', 'WalkMe Last Login', 'DATETIME'),
  field('WalkMe_Last_Synced__c', 'WalkMe Last Synced', 'DATETIME'),
  field('Email', 'Email', 'EMAIL')
];
const MAPPED = ['WalkMe_Logins_30d__c', 'WalkMe_Last_Login__c'];

type BaseElement = HTMLElement & {
  value?: string;
  checked?: boolean;
  label?: string;
  options: { label: string; value: string }[];
};

function createReset() {
  return createElement('c-stale-value-reset', { is: StaleValueReset });
}
type ResetElement = ReturnType<typeof createReset>;

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(
  properties: Partial<ResetElement> = {}
): Promise<{ element: ResetElement; changes: ResetChangeDetail[] }> {
  const element = createReset();
  const changes: ResetChangeDetail[] = [];
  element.addEventListener('resetchange', (event) => {
    changes.push((event as CustomEvent<ResetChangeDetail>).detail);
  });
  Object.assign(element, {
    fields: LEAD_FIELDS,
    objectLabel: 'Lead',
    mappedFields: MAPPED,
    keyField: 'Email',
    ...properties
  });
  document.body.appendChild(element);
  await flushPromises();
  return { element, changes };
}

function find(element: HTMLElement, selector: string): BaseElement | null {
  return element.shadowRoot?.querySelector<BaseElement>(selector) ?? null;
}

function get(element: HTMLElement, selector: string): BaseElement {
  const found = find(element, selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

async function fire(target: HTMLElement, detail: object): Promise<void> {
  target.dispatchEvent(new CustomEvent('change', { detail }));
  await flushPromises();
}

function sentence(element: HTMLElement): string {
  return (
    find(element, '[data-id="reset-sentence"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

describe('c-stale-value-reset', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('is off by default: only the opt-in box shows', async () => {
    const { element } = await render();

    expect(get(element, 'lightning-input[data-id="reset-opt-in"]').checked).toBe(false);
    expect(find(element, 'lightning-combobox[data-id="reset-stamp-field"]')).toBeNull();
    expect(sentence(element)).toBe('');
  });

  it('offers as stamp only the Date/Time fields that are neither mapped nor the key', async () => {
    const { element, changes } = await render();

    await fire(get(element, 'lightning-input[data-id="reset-opt-in"]'), { checked: true });

    const box = get(element, 'lightning-combobox[data-id="reset-stamp-field"]');
    expect(box.options.map((option) => option.value)).toEqual(['WalkMe_Last_Synced__c']);
    // Ticked, but no stamp yet: the definition carries no reset.
    expect(changes.at(-1)).toEqual({ resetStampField: '', resetMode: '', resetValue: '' });
  });

  it('sends the stamp and Clear once a stamp field is chosen, and says what runs will do', async () => {
    const { element, changes } = await render();
    await fire(get(element, 'lightning-input[data-id="reset-opt-in"]'), { checked: true });

    await fire(get(element, 'lightning-combobox[data-id="reset-stamp-field"]'), {
      value: 'WalkMe_Last_Synced__c'
    });

    expect(changes.at(-1)).toEqual({
      resetStampField: 'WalkMe_Last_Synced__c',
      resetMode: 'Clear',
      resetValue: ''
    });
    expect(sentence(element)).toBe(
      'Each run stamps WalkMe Last Synced on every Lead it matches, so every matched Lead is ' +
        'saved on every run, also when no value changes: its triggers, flows and validation ' +
        'rules run and its Last Modified Date moves each time. ' +
        'After a run that completes without errors, the mapped fields (WalkMe Logins (30 days), ' +
        'WalkMe Last Login) of Leads whose stamp is older are cleared, and their stamp is ' +
        'cleared, so each is reset once. Leads never stamped are left alone; a run that fails ' +
        'or has errors resets nothing.'
    );
  });

  it('asks for the value with "Set to value" and sends it', async () => {
    const { element, changes } = await render({ stampField: 'WalkMe_Last_Synced__c' });

    await fire(get(element, 'lightning-radio-group[data-id="reset-mode"]'), {
      value: 'Set to value'
    });
    await fire(get(element, 'lightning-input[data-id="reset-value"]'), { value: '0' });

    expect(changes.at(-1)).toEqual({
      resetStampField: 'WalkMe_Last_Synced__c',
      resetMode: 'Set to value',
      resetValue: '0'
    });
    expect(sentence(element)).toContain('whose stamp is older are set to "0"');
  });

  it('shows a stored reset again, ticked, with its stamp and mode (Edit)', async () => {
    const { element } = await render({
      stampField: 'WalkMe_Last_Synced__c',
      mode: 'Set to value',
      value: '0'
    });

    expect(get(element, 'lightning-input[data-id="reset-opt-in"]').checked).toBe(true);
    expect(get(element, 'lightning-combobox[data-id="reset-stamp-field"]').value).toBe(
      'WalkMe_Last_Synced__c'
    );
    expect(get(element, 'lightning-radio-group[data-id="reset-mode"]').value).toBe('Set to value');
    expect(get(element, 'lightning-input[data-id="reset-value"]').value).toBe('0');
  });

  it('turns the reset off when the box is unticked', async () => {
    const { element, changes } = await render({ stampField: 'WalkMe_Last_Synced__c' });

    await fire(get(element, 'lightning-input[data-id="reset-opt-in"]'), { checked: false });

    expect(changes.at(-1)).toEqual({ resetStampField: '', resetMode: '', resetValue: '' });
    expect(find(element, 'lightning-combobox[data-id="reset-stamp-field"]')).toBeNull();
  });

  it('says what to ask for when the object has no Date/Time field to stamp', async () => {
    const { element } = await render({ fields: LEAD_FIELDS.filter((f) => f.type !== 'DATETIME') });

    await fire(get(element, 'lightning-input[data-id="reset-opt-in"]'), { checked: true });

    expect(find(element, 'lightning-combobox[data-id="reset-stamp-field"]')).toBeNull();
    expect(get(element, '[data-id="no-stamp-field"]').textContent).toContain(
      'Lead has no Date/Time field you can edit that is not mapped'
    );
  });
});
