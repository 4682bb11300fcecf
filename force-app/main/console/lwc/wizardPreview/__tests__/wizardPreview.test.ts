import { createElement } from 'lwc';
import WizardPreview from 'c/wizardPreview';

const PREVIEW = jest.requireActual<InsightsSync.SyncPreviewResult>(
  './data/previewIntegration.json'
);
const LEAD = jest.requireActual<InsightsSync.ObjectDescription>('./data/describeLead.json');

type SpinnerElement = HTMLElement & { alternativeText: string };

interface PreviewProperties {
  previewing?: boolean;
  errors?: string[];
  result?: InsightsSync.SyncPreviewResult;
  stale?: boolean;
  objectLabel?: string;
  reportKeyColumn?: string;
  objectKeyField?: string;
  fields?: InsightsSync.CatalogField[];
}

async function render(values: PreviewProperties): Promise<HTMLElement> {
  const element = createElement('c-wizard-preview', { is: WizardPreview });
  Object.assign(element, {
    objectLabel: 'Lead',
    reportKeyColumn: 'email',
    objectKeyField: 'Email',
    fields: LEAD.fields,
    ...values
  });
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
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

function text(element: HTMLElement, selector: string): string {
  return query(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function lines(element: HTMLElement, selector: string, item = 'p'): string[] {
  return Array.from(query(element, selector).querySelectorAll(item)).map(
    (line) => line.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

describe('c-wizard-preview', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows counts, changes named by field label, problems and unmatched keys', async () => {
    const element = await render({ result: PREVIEW });

    expect(query(element, '[data-id="preview"]').getAttribute('aria-label')).toBe('Preview');
    const counts = Object.fromEntries(
      Array.from(
        query(element, '[data-id="preview-counts"]').querySelectorAll<HTMLElement>('[data-count]')
      ).map((item) => [item.dataset.count, item.querySelector('dd')?.textContent])
    );
    expect(counts).toEqual({
      read: '50',
      matched: '47',
      'to-update': '2',
      unchanged: '45',
      unmatched: '3',
      skipped: '0',
      'value-issues': '1'
    });
    const changes = Array.from(
      query(element, '[data-id="preview-rows"]').querySelectorAll('[data-id="change"]')
    ).map((change) => change.textContent?.replace(/\s+/g, ' ').trim());
    expect(changes).toEqual([
      'WalkMe first login (WalkMe_First_Login__c): (blank) → 2026-11-02 09:15:00 UTC',
      'WalkMe logins last 30 days (WalkMe_Logins_Last_30_Days__c): 12 → 14',
      'WalkMe last login (WalkMe_Last_Login__c): 2026-11-20 07:00:00 UTC → 2026-11-24 08:30:00 UTC'
    ]);
    expect(query(element, '[data-id="preview-rows"]').getAttribute('aria-label')).toBe(
      'Records a run would change'
    );
    expect(text(element, '[data-id="preview-rows"]')).toContain('grace@acme.example');
    expect(text(element, '[data-id="preview-rows"]')).toContain('is not a number');
    expect(lines(element, '[data-id="unmatched-keys"]', 'li')).toEqual([
      'nobody@acme.example',
      'former@acme.example',
      'typo@acme.exmple'
    ]);
    expect(lines(element, '[data-id="preview-problems"]')).toEqual([
      '3 report rows match no Lead by Email.'
    ]);
    expect(text(element, '[data-id="preview-scope"]')).toContain('first 50 rows');
    expect(find(element, '[data-id="preview-stale"]')).toBeNull();
    expect(find(element, '[data-id="no-key-matched"]')).toBeNull();
    expect(find(element, 'lightning-spinner')).toBeNull();
  });

  it('counts the records the reset would reset, only when the reset is on', async () => {
    const element = await render({ result: { ...PREVIEW, recordsToReset: 4 } });
    expect(text(element, '[data-count="to-reset"] dd')).toBe('4');

    Object.assign(element, { result: PREVIEW });
    await Promise.resolve();
    expect(find(element, '[data-count="to-reset"]')).toBeNull();
  });

  it('says when Preview read the whole report', async () => {
    const element = await render({ result: { ...PREVIEW, hasMoreRows: false } });

    expect(text(element, '[data-id="preview-scope"]')).toBe(
      'Preview read the whole report. Nothing was written.'
    );
  });

  it('shows No change for a row a run would leave as it is', async () => {
    const element = await render({
      result: {
        ...PREVIEW,
        rows: [{ key: 'ada@acme.example', recordId: '00Q000000000001', changes: [], problems: [] }]
      }
    });

    expect(text(element, '[data-id="preview-row"]')).toContain('No change');
  });

  it('points at the key pair when no row read found a record', async () => {
    const element = await render({
      result: {
        ...PREVIEW,
        rowsRead: 8,
        rowsMatched: 0,
        recordsToUpdate: 0,
        recordsUnchanged: 0,
        rowsUnmatched: 8,
        rows: []
      }
    });

    const warning = query(element, '[data-id="no-key-matched"]');
    expect(warning.getAttribute('role')).toBe('status');
    expect(text(element, '[data-id="no-key-matched"]')).toBe(
      'None of the 8 rows read found a Lead record: no email value equals the Email of a Lead. Check the key pair in step 2: the report key column and the key field must hold the same values.'
    );
    expect(find(element, '[data-id="preview-rows"]')).toBeNull();
  });

  it('says the preview is out of date when told the settings changed', async () => {
    const element = await render({ result: PREVIEW, stale: true });

    expect(text(element, '[data-id="preview-stale"]')).toBe(
      'The settings changed since this preview. Preview again to see what they do.'
    );
  });

  it('shows a spinner while the preview runs', async () => {
    const element = await render({ previewing: true });

    expect(query<SpinnerElement>(element, 'lightning-spinner').alternativeText).toBe(
      'Previewing the integration on the first rows'
    );
    expect(find(element, '[data-id="preview"]')).toBeNull();
  });

  it('shows why Preview could not run, in its area', async () => {
    const element = await render({
      errors: [
        'The field WalkMe_First_Login__c is not updateable.',
        'The report rpt-logins-001 was not found.'
      ]
    });

    const errors = query(element, '[data-id="preview-errors"]');
    expect(query(element, '[data-id="preview-area"]').contains(errors)).toBe(true);
    expect(errors.getAttribute('role')).toBe('alert');
    expect(lines(element, '[data-id="preview-errors"]')).toEqual([
      'Preview could not run.',
      'The field WalkMe_First_Login__c is not updateable.',
      'The report rpt-logins-001 was not found.'
    ]);
    expect(find(element, '[data-id="preview"]')).toBeNull();
  });
});
