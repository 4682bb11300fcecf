import { createElement } from 'lwc';
import ReportTemplatePanel, {
  COPIED,
  COPY_REFUSED,
  type TemplateChangeDetail
} from 'c/reportTemplatePanel';
import getTemplates from '@salesforce/apex/IntegrationController.getTemplates';
import getFieldRequestText from '@salesforce/apex/IntegrationController.getFieldRequestText';

jest.mock('@salesforce/apex/IntegrationController.getTemplates', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/IntegrationController.getFieldRequestText',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

type CatalogField = InsightsSync.CatalogField;

const getTemplatesMock = getTemplates as jest.MockedFunction<typeof getTemplates>;
const getFieldRequestTextMock = getFieldRequestText as jest.MockedFunction<
  typeof getFieldRequestText
>;

/** IntegrationController.getTemplates: the four templates as ReportTemplates builds them. */
const TEMPLATES = jest.requireActual<InsightsSync.ReportTemplate[]>('./data/getTemplates.json');

const REQUEST = 'Subject: Fields for WalkMe Insights data on Contact\n\nHello,';

type BaseElement = HTMLElement & {
  value?: string;
  label?: string;
  readOnly?: boolean;
  options: { label: string; value: string }[];
};

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

/** Contact's fields with one of the three Logins fields: it lacks exactly two. */
const CONTACT_FIELDS: CatalogField[] = [
  catalogField('Email', 'Email', 'EMAIL'),
  catalogField('LastName', 'Last Name', 'STRING'),
  catalogField('walkme_logins_last_30_days__c', 'WalkMe Logins Last 30 Days', 'DOUBLE')
];

function createPanel() {
  return createElement('c-report-template-panel', { is: ReportTemplatePanel });
}

type PanelElement = ReturnType<typeof createPanel>;

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function render(
  properties: Partial<PanelElement> = {}
): Promise<{ element: PanelElement; changes: TemplateChangeDetail[] }> {
  const element = createPanel();
  const changes: TemplateChangeDetail[] = [];
  element.addEventListener('templatechange', (event) => {
    changes.push((event as CustomEvent<TemplateChangeDetail>).detail);
  });
  Object.assign(element, properties);
  document.body.appendChild(element);
  await flushPromises();
  return { element, changes };
}

function query<T extends HTMLElement = BaseElement>(element: HTMLElement, selector: string): T {
  const found = element.shadowRoot?.querySelector<T>(selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function has(element: HTMLElement, selector: string): boolean {
  return element.shadowRoot?.querySelector(selector) !== null;
}

function text(element: HTMLElement, selector: string): string {
  return query(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function items(element: HTMLElement, selector: string): string[] {
  return Array.from(query(element, selector).querySelectorAll('li')).map(
    (item) => item.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

async function chooseTemplate(element: HTMLElement, value: string): Promise<void> {
  const box = query(element, 'lightning-combobox[data-id="template"]');
  box.value = value;
  box.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

function setClipboard(clipboard: unknown): void {
  Object.defineProperty(globalThis.navigator, 'clipboard', {
    value: clipboard,
    configurable: true
  });
}

describe('c-report-template-panel', () => {
  beforeEach(() => {
    getTemplatesMock.mockResolvedValue(TEMPLATES);
    getFieldRequestTextMock.mockResolvedValue(REQUEST);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.resetAllMocks();
    setClipboard(undefined);
  });

  it('offers None and the four templates, and shows nothing more until one is chosen', async () => {
    const { element, changes } = await render({
      objectApiName: 'Contact',
      objectLabel: 'Contact',
      fields: CONTACT_FIELDS
    });

    const box = query(element, 'lightning-combobox[data-id="template"]');
    expect(box.label).toBe('Template');
    expect(box.value).toBe('');
    expect(box.options.map((option) => option.label)).toEqual([
      'None',
      'Logins (Logins review)',
      'NPS (NPS per end user)',
      'Onboarding completion (Onboarding completion rate)',
      'TeachMe (TeachMe course progress)'
    ]);
    expect(has(element, '[data-id="template-fields"]')).toBe(false);
    expect(has(element, 'lightning-textarea')).toBe(false);
    expect(getFieldRequestTextMock).not.toHaveBeenCalled();
    expect(changes).toEqual([]);
  });

  it('lists the fields the object has and the two it lacks, with the request to copy', async () => {
    const { element, changes } = await render({
      objectApiName: 'Contact',
      objectLabel: 'Contact',
      fields: CONTACT_FIELDS
    });

    await chooseTemplate(element, 'logins');

    expect(text(element, '[data-id="template-description"]')).toBe(
      'It shows when each user first and last logged in to WalkMe, and how often in the last 30 days. Insights report: Logins review.'
    );
    expect(query(element, '[data-id="template-present"]').getAttribute('aria-label')).toBe(
      'On Contact:'
    );
    expect(items(element, '[data-id="template-present"]')).toEqual([
      '✓ WalkMe Logins Last 30 Days (WalkMe_Logins_Last_30_Days__c)'
    ]);
    expect(query(element, '[data-id="template-missing"]').getAttribute('aria-label')).toBe(
      'Missing on Contact (or not editable by you):'
    );
    expect(items(element, '[data-id="template-missing"]')).toEqual([
      '✗ WalkMe First Login (WalkMe_First_Login__c)',
      '✗ WalkMe Last Login (WalkMe_Last_Login__c)'
    ]);
    expect(getFieldRequestTextMock).toHaveBeenCalledWith({
      templateKey: 'logins',
      objectApiName: 'Contact'
    });
    const request = query(element, 'lightning-textarea[data-id="request-text"]');
    expect(request.value).toBe(REQUEST);
    expect(request.readOnly).toBe(true);
    expect(request.label).toBe('Field request for Contact');
    expect(changes).toHaveLength(1);
    expect(changes[0].templateKey).toBe('logins');
    expect(changes[0].template?.name).toBe('Logins');
    expect(changes[0].pairs).toEqual([
      { column: 'logins_last_30_days', field: 'walkme_logins_last_30_days__c' }
    ]);
  });

  it('says so when the object has every suggested field, or none of them', async () => {
    const { element } = await render({
      objectApiName: 'Contact',
      objectLabel: 'Contact',
      fields: [
        ...CONTACT_FIELDS,
        catalogField('WalkMe_First_Login__c', 'WalkMe First Login', 'DATETIME'),
        catalogField('WalkMe_Last_Login__c', 'WalkMe Last Login', 'DATETIME')
      ]
    });
    await chooseTemplate(element, 'logins');
    expect(text(element, '[data-id="template-missing-none"]')).toBe(
      'Contact has every field the template suggests.'
    );

    await chooseTemplate(element, 'teachme');
    expect(text(element, '[data-id="template-present-none"]')).toBe(
      "None of the template's fields yet."
    );
    expect(items(element, '[data-id="template-missing"]')).toHaveLength(3);
  });

  it('asks for the object first when none is chosen', async () => {
    const { element, changes } = await render();

    await chooseTemplate(element, 'nps');

    expect(text(element, '[data-id="template-needs-object"]')).toBe(
      "Choose the object to see which of the template's fields it has."
    );
    expect(has(element, '[data-id="template-fields"]')).toBe(false);
    expect(getFieldRequestTextMock).not.toHaveBeenCalled();
    expect(changes.map((change) => [change.templateKey, change.pairs])).toEqual([['nps', []]]);
  });

  it('tells its owner again when the object fields change the pairs, and not otherwise', async () => {
    const { element, changes } = await render({ objectApiName: 'Contact', fields: [] });
    await chooseTemplate(element, 'logins');
    expect(has(element, '[data-id="template-fields"]')).toBe(false);

    element.fields = CONTACT_FIELDS;
    await flushPromises();
    element.fields = [...CONTACT_FIELDS];
    await flushPromises();

    expect(changes.map((change) => change.pairs.length)).toEqual([0, 1]);
    expect(items(element, '[data-id="template-missing"]')).toHaveLength(2);
  });

  it('clears the choice with None', async () => {
    const { element, changes } = await render({
      objectApiName: 'Contact',
      fields: CONTACT_FIELDS
    });
    await chooseTemplate(element, 'logins');

    await chooseTemplate(element, '');

    expect(changes[changes.length - 1]).toEqual({
      templateKey: '',
      template: undefined,
      pairs: []
    });
    expect(has(element, '[data-id="template-fields"]')).toBe(false);
    expect(has(element, 'lightning-textarea')).toBe(false);
  });

  it('keeps a template handed in, and shows the request of the last object chosen', async () => {
    const first = deferred<string>();
    getFieldRequestTextMock.mockReturnValueOnce(first.promise).mockResolvedValueOnce('For Lead');
    const { element } = await render({
      templateKey: 'logins',
      objectApiName: 'Contact',
      fields: CONTACT_FIELDS
    });
    expect(query(element, 'lightning-combobox[data-id="template"]').value).toBe('logins');

    element.objectApiName = 'Lead';
    await flushPromises();
    first.resolve('For Contact');
    await flushPromises();

    expect(query(element, 'lightning-textarea').value).toBe('For Lead');
  });

  it('shows why the request cannot be written', async () => {
    getFieldRequestTextMock.mockRejectedValue({
      body: { message: 'You cannot write field requests: that needs the Insights Sync Admin.' }
    });
    const { element } = await render({ objectApiName: 'Contact', fields: CONTACT_FIELDS });

    await chooseTemplate(element, 'logins');

    expect(query(element, '[data-id="request-errors"]').getAttribute('role')).toBe('alert');
    expect(text(element, '[data-id="request-errors"]')).toBe(
      'You cannot write field requests: that needs the Insights Sync Admin.'
    );
    expect(has(element, 'lightning-textarea')).toBe(false);
  });

  it('shows why the templates cannot be read', async () => {
    getTemplatesMock.mockRejectedValue({ body: { message: 'Insufficient access.' } });
    const { element } = await render();

    expect(text(element, '[data-id="template-load-errors"]')).toBe('Insufficient access.');
    expect(query(element, 'lightning-combobox').options).toEqual([{ label: 'None', value: '' }]);
  });

  describe('Copy request', () => {
    async function copy(): Promise<PanelElement> {
      const { element } = await render({ objectApiName: 'Contact', fields: CONTACT_FIELDS });
      await chooseTemplate(element, 'logins');
      query(element, 'lightning-button[data-action="copy-request"]').click();
      await flushPromises();
      return element;
    }

    it('puts the request on the clipboard and says so', async () => {
      const writeText = jest.fn().mockResolvedValue(undefined);
      setClipboard({ writeText });

      const element = await copy();

      expect(writeText).toHaveBeenCalledWith(REQUEST);
      expect(query(element, '[data-id="copy-message"]').getAttribute('role')).toBe('status');
      expect(text(element, '[data-id="copy-message"]')).toBe(COPIED);
    });

    it('tells how to copy by hand when the browser refuses', async () => {
      setClipboard({ writeText: jest.fn().mockRejectedValue(new Error('NotAllowedError')) });

      expect(text(await copy(), '[data-id="copy-message"]')).toBe(COPY_REFUSED);
    });

    it('tells how to copy by hand when the browser has no clipboard', async () => {
      setClipboard(undefined);

      expect(text(await copy(), '[data-id="copy-message"]')).toBe(COPY_REFUSED);
    });
  });
});
