import { createElement } from 'lwc';
import SyncPolicies from 'c/syncPolicies';
import type { SyncPoliciesDetail } from 'c/syncPolicies';

function createPolicies() {
  return createElement('c-sync-policies', { is: SyncPolicies });
}

type PoliciesElement = ReturnType<typeof createPolicies>;

interface Rendered {
  element: PoliciesElement;
  changes: SyncPoliciesDetail[];
}

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(properties: Partial<PoliciesElement> = {}): Promise<Rendered> {
  const element = createPolicies();
  const changes: SyncPoliciesDetail[] = [];
  element.addEventListener('policychange', (event) => {
    changes.push((event as CustomEvent<SyncPoliciesDetail>).detail);
  });
  Object.assign(element, properties);
  document.body.appendChild(element);
  await flushPromises();
  return { element, changes };
}

function radios(element: HTMLElement): HTMLInputElement[] {
  return Array.from(element.shadowRoot?.querySelectorAll<HTMLInputElement>('input') ?? []);
}

function radio(element: HTMLElement, value: string): HTMLInputElement {
  const found = radios(element).find((input) => input.value === value);
  if (!found) {
    throw new Error(`no radio ${value}`);
  }
  return found;
}

function checked(element: HTMLElement): string[] {
  return radios(element)
    .filter((input) => input.checked)
    .map((input) => input.value);
}

/** The label and the sentence of a choice, as a screen reader gets them. */
function described(element: HTMLElement, value: string): { label: string; sentence: string } {
  const input = radio(element, value);
  const root = element.shadowRoot as ShadowRoot;
  const label = root.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ?? '';
  const sentenceId = input.getAttribute('aria-describedby') ?? '';
  const sentence = root.querySelector(`[id="${sentenceId}"]`)?.textContent?.trim() ?? '';
  return { label, sentence };
}

async function pick(element: HTMLElement, value: string): Promise<void> {
  const input = radio(element, value);
  input.checked = true;
  input.dispatchEvent(new CustomEvent('change'));
  await flushPromises();
}

describe('c-sync-policies', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows the defaults, Update all and Leave as is, and fires nothing', async () => {
    const { element, changes } = await render();

    expect(radios(element).map((input) => input.value)).toEqual([
      'Update all',
      'Skip and report',
      'Leave as is',
      'Clear'
    ]);
    expect(checked(element)).toEqual(['Update all', 'Leave as is']);
    expect(changes).toEqual([]);
  });

  it('puts each policy in its own group under a legend that says when it applies', async () => {
    const { element } = await render();

    const legends = Array.from(element.shadowRoot?.querySelectorAll('fieldset legend') ?? []).map(
      (legend) => legend.textContent?.trim()
    );
    expect(legends).toEqual([
      'When several records share a key',
      'When the report has no value for a field'
    ]);
    const names = new Set(radios(element).map((input) => input.name));
    expect(names.size).toBe(2);
  });

  it('says in one sentence what each choice does', async () => {
    const { element } = await render();

    expect(described(element, 'Update all')).toEqual({
      label: 'Update all',
      sentence: 'Every record that holds the key gets the values of the report row.'
    });
    expect(described(element, 'Skip and report')).toEqual({
      label: 'Skip and report',
      sentence:
        'None of those records is updated, and the run log names the key so that you can make it unique.'
    });
    expect(described(element, 'Leave as is')).toEqual({
      label: 'Leave as is',
      sentence: 'The field keeps the value it has: a blank in the report changes nothing.'
    });
    expect(described(element, 'Clear')).toEqual({
      label: 'Clear',
      sentence: 'The field is emptied (a checkbox is unchecked), so that it matches the report.'
    });
  });

  it('shows the policies it is given, whatever their case, without firing', async () => {
    const { element, changes } = await render({
      matchPolicy: 'skip and report',
      blankValuePolicy: 'Clear'
    });

    expect(checked(element)).toEqual(['Skip and report', 'Clear']);
    expect(element.matchPolicy).toBe('Skip and report');
    expect(changes).toEqual([]);
  });

  it('shows a policy it does not know as the default', async () => {
    const { element } = await render({ matchPolicy: 'Merge', blankValuePolicy: undefined });

    expect(checked(element)).toEqual(['Update all', 'Leave as is']);
  });

  it('fires policychange with both policies when a match policy is chosen, without bubbling', async () => {
    const bubbled = jest.fn();
    document.body.addEventListener('policychange', bubbled);
    const { element, changes } = await render({ blankValuePolicy: 'Clear' });

    await pick(element, 'Skip and report');
    document.body.removeEventListener('policychange', bubbled);

    expect(changes).toEqual([{ matchPolicy: 'Skip and report', blankValuePolicy: 'Clear' }]);
    expect(checked(element)).toEqual(['Skip and report', 'Clear']);
    expect(bubbled).not.toHaveBeenCalled();
  });

  it('fires policychange with both policies when a blank value policy is chosen', async () => {
    const { element, changes } = await render({ matchPolicy: 'Skip and report' });

    await pick(element, 'Clear');
    await pick(element, 'Leave as is');

    expect(changes).toEqual([
      { matchPolicy: 'Skip and report', blankValuePolicy: 'Clear' },
      { matchPolicy: 'Skip and report', blankValuePolicy: 'Leave as is' }
    ]);
  });

  it('points to the per-row option for keeping values records already hold', async () => {
    const { element } = await render();

    expect(element.shadowRoot?.querySelector('[data-id="row-option-hint"]')?.textContent).toContain(
      'Only fill … when empty'
    );
  });

  it('gives two instances radio groups of their own', async () => {
    const first = await render();
    const second = await render();

    const firstNames = new Set(radios(first.element).map((input) => input.name));
    expect(radios(second.element).some((input) => firstNames.has(input.name))).toBe(false);
  });
});
