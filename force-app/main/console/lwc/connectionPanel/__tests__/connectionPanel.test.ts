import { createElement } from 'lwc';
import ConnectionPanel from 'c/connectionPanel';
import getConnections from '@salesforce/apex/ConnectionController.getConnections';
import connect from '@salesforce/apex/ConnectionController.connect';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import disconnect from '@salesforce/apex/ConnectionController.disconnect';
import getEnvironment from '@salesforce/apex/ConnectionController.getEnvironment';
import getIntegrations from '@salesforce/apex/IntegrationController.getIntegrations';

jest.mock('@salesforce/apex/ConnectionController.getConnections', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/ConnectionController.connect', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/ConnectionController.testConnection', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/ConnectionController.disconnect', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/ConnectionController.getEnvironment', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/IntegrationController.getIntegrations',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);

type Status = InsightsSync.InsightsConnectionStatus;

const CONNECTIONS = jest.requireActual<Status[]>('./data/getConnections.json');
const ENVIRONMENT = jest.requireActual<InsightsSync.ConsoleEnvironment>(
  './data/getEnvironment.json'
);
const CONNECTED_EU = jest.requireActual<Status>('./data/connectEu.json');
const TEST_SUCCEEDED = jest.requireActual<Status>('./data/testConnectionSucceeded.json');
const TEST_FAILED = jest.requireActual<Status>('./data/testConnectionFailed.json');
const DISCONNECTED_US = jest.requireActual<Status>('./data/disconnectUs.json');
const TEST_MISSING_ACCESS = jest.requireActual<Status>('./data/testConnectionMissingAccess.json');
const MISSING_ACCESS = TEST_MISSING_ACCESS.missingAccess ?? '';

const getConnectionsMock = getConnections as jest.MockedFunction<typeof getConnections>;
const connectMock = connect as jest.MockedFunction<typeof connect>;
const testConnectionMock = testConnection as jest.MockedFunction<typeof testConnection>;
const disconnectMock = disconnect as jest.MockedFunction<typeof disconnect>;
const getEnvironmentMock = getEnvironment as jest.MockedFunction<typeof getEnvironment>;
const getIntegrationsMock = getIntegrations as jest.MockedFunction<typeof getIntegrations>;

/** Rows of the integration list, as much of them as the panel reads. */
function integrationRow(
  developerName: string,
  label: string,
  connectionRegion: string,
  sourceType = 'Insights API'
): InsightsSync.IntegrationRow {
  return {
    developerName,
    label,
    connectionRegion,
    sourceType
  } as unknown as InsightsSync.IntegrationRow;
}

const INTEGRATIONS = [
  integrationRow('Lead_Logins', 'Lead logins', 'US'),
  integrationRow('Contact_NPS', 'Contact NPS', 'US'),
  integrationRow('Account_Onboarding', 'Account onboarding', 'EU'),
  integrationRow('Csv_Logins', 'CSV logins', 'US', 'CSV Export')
];

const SECRET = 'wm-Secret-7Q2x!value';
const CLIENT_ID = 'client-id-0042-9a7f';

/** The properties of the base-component stubs the tests read (LWC sets them, not attributes). */
type FormElement = HTMLElement & {
  value: string;
  disabled: boolean;
  label: string;
  type: string;
  options: { label: string; value: string }[];
  alternativeText: string;
};

/** Lets every pending promise (and the re-render that follows) settle. */
function flushPromises(): Promise<void> {
  // A macrotask runs after every queued microtask, however long the chain of awaits.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A promise the test settles when it wants, to look at the panel while a call runs. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

async function render(): Promise<HTMLElement> {
  const element = createElement('c-connection-panel', { is: ConnectionPanel });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function query<T extends HTMLElement = FormElement>(element: HTMLElement, selector: string): T {
  const found = element.shadowRoot?.querySelector<T>(selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function within<T extends HTMLElement = FormElement>(container: HTMLElement, selector: string): T {
  const found = container.querySelector<T>(selector);
  if (!found) {
    throw new Error(`${selector} not rendered`);
  }
  return found;
}

function text(element: HTMLElement, selector: string): string {
  return query(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function regionItem(element: HTMLElement, regionCode: string): HTMLElement {
  return query(element, `li[data-region="${regionCode}"]`);
}

function rowMessage(element: HTMLElement, regionCode: string): HTMLElement {
  return within<HTMLElement>(regionItem(element, regionCode), '[data-id="message"]');
}

function stateOf(element: HTMLElement, regionCode: string): FormElement {
  return within(regionItem(element, regionCode), '[data-id="state"]');
}

/** How often a text appears anywhere the panel shows it (the live announcement left out). */
function visibleCount(element: HTMLElement, part: string): number {
  const notice = query(element, '[data-id="notice"]');
  const saved = notice.textContent;
  notice.textContent = '';
  const count = everythingRendered(element.shadowRoot as unknown as Node).split(part).length - 1;
  notice.textContent = saved;
  return count;
}

function connectButton(element: HTMLElement): FormElement {
  return query(element, 'lightning-button[data-action="connect"]');
}

function secretInput(element: HTMLElement): FormElement {
  return query(element, 'lightning-input[data-id="client-secret"]');
}

/** Types into a base component the way it reports input: `value` set, then `change`. */
async function enter(element: HTMLElement, selector: string, value: string): Promise<void> {
  const field = query(element, selector);
  field.value = value;
  field.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

async function fillForm(
  element: HTMLElement,
  values: { region?: string; clientId?: string; secret?: string } = {}
): Promise<void> {
  await enter(element, 'lightning-combobox[data-id="region"]', values.region ?? 'EU');
  await enter(element, 'lightning-input[data-id="client-id"]', values.clientId ?? CLIENT_ID);
  await enter(element, 'lightning-input[data-id="client-secret"]', values.secret ?? SECRET);
}

async function click(button: HTMLElement): Promise<void> {
  button.click();
  await flushPromises();
}

/**
 * Everything the panel puts on the page: text, attributes, and the properties LWC sets on base
 * components instead of attributes, through every shadow root.
 */
function everythingRendered(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent ?? '');
    }
    if (node instanceof HTMLElement) {
      for (const attribute of Array.from(node.attributes)) {
        parts.push(attribute.value);
      }
      const properties = node as unknown as Record<string, unknown>;
      for (const name of ['value', 'label', 'message', 'alternativeText', 'options']) {
        if (properties[name] !== undefined) {
          parts.push(JSON.stringify(properties[name]));
        }
      }
      node.shadowRoot?.childNodes.forEach(visit);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return parts.join('\n');
}

/** Everything written to the console from now on, to prove the secret is never logged. */
function watchConsole(): () => string {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    jest.spyOn(console, level)
  );
  return () => JSON.stringify(spies.flatMap((spy) => spy.mock.calls));
}

function collectConnectionChanges(element: HTMLElement): unknown[] {
  const details: unknown[] = [];
  element.addEventListener('connectionchange', (event) => {
    details.push((event as CustomEvent).detail);
  });
  return details;
}

describe('c-connection-panel', () => {
  beforeEach(() => {
    getConnectionsMock.mockResolvedValue(CONNECTIONS);
    getEnvironmentMock.mockResolvedValue(ENVIRONMENT);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  describe('what it shows', () => {
    it('hands the org it read to the environment block', async () => {
      const element = await render();

      const block = query<HTMLElement & { environment?: InsightsSync.ConsoleEnvironment }>(
        element,
        'c-environment-block'
      );
      expect(block.environment).toEqual(ENVIRONMENT);
      expect(query(element, '[data-id="environment"]').contains(block)).toBe(true);
    });

    it('shows every region with its state, masked client id and message', async () => {
      const element = await render();

      const us = regionItem(element, 'US');
      expect(us.textContent).toContain('United States');
      expect(us.querySelector<FormElement>('[data-id="state"]')?.label).toBe('Connected');
      expect(us.querySelector('[data-id="client-id-hint"]')?.textContent).toContain('••••4f2c');
      expect(us.querySelector('[data-id="message"]')?.textContent).toContain('Connected.');

      const eu = regionItem(element, 'EU');
      expect(eu.querySelector<FormElement>('[data-id="state"]')?.label).toBe('Not connected');
      expect(eu.querySelector('[data-id="client-id-hint"]')).toBeNull();
      expect(eu.querySelector('[data-id="message"]')?.textContent).toContain('is not connected');
    });

    it('says nothing about User External Credentials when the user holds the access', async () => {
      const element = await render();

      expect(element.shadowRoot?.querySelector('[data-id="missing-access"]')).toBeNull();
    });

    it('offers Test connection and Disconnect only on connected regions, named for screen readers', async () => {
      const element = await render();

      const usButtons = regionItem(element, 'US').querySelectorAll('lightning-button');
      // Each accessible name starts with the visible label (WCAG 2.5.3, Label in Name).
      expect(Array.from(usButtons).map((button) => button.getAttribute('aria-label'))).toEqual([
        'Test connection to United States',
        'Disconnect United States'
      ]);
      expect(Array.from(usButtons).map((button) => (button as FormElement).label)).toEqual([
        'Test connection',
        'Disconnect'
      ]);
      expect(regionItem(element, 'EU').querySelectorAll('lightning-button')).toHaveLength(0);
    });

    it('offers the four regions with the labels of the statuses', async () => {
      const element = await render();

      expect(query(element, 'lightning-combobox[data-id="region"]').options).toEqual([
        { value: 'US', label: 'United States' },
        { value: 'EU', label: 'Europe' },
        { value: 'CA', label: 'Canada' },
        { value: 'FEDRAMP', label: 'FedRAMP' }
      ]);
    });

    it('shows a spinner with assistive text and disables the form while loading', async () => {
      const loading = deferred<Status[]>();
      getConnectionsMock.mockReturnValue(loading.promise);
      const element = await render();

      expect(query(element, 'lightning-spinner').alternativeText).toBe(
        'Loading the Insights connections'
      );
      expect(query(element, 'lightning-combobox[data-id="region"]').disabled).toBe(true);

      loading.resolve(CONNECTIONS);
      await flushPromises();
      expect(element.shadowRoot?.querySelector('lightning-spinner')).toBeNull();
    });

    it('shows why the org or the statuses could not be read', async () => {
      getEnvironmentMock.mockRejectedValue({ body: { message: 'No access to the organization.' } });
      getConnectionsMock.mockRejectedValue([
        { body: { message: 'The External Credential could not be read.' } },
        { body: { message: 'Ask your admin for the Insights Sync Admin permission set.' } }
      ]);
      const element = await render();

      const errors = text(element, '[data-id="load-errors"]');
      expect(errors).toContain('No access to the organization.');
      expect(errors).toContain('The External Credential could not be read.');
      expect(errors).toContain('Ask your admin for the Insights Sync Admin permission set.');
      expect(query(element, '[data-id="load-errors"]').getAttribute('role')).toBe('alert');
    });
  });

  describe('connect', () => {
    beforeEach(() => {
      connectMock.mockResolvedValue(CONNECTED_EU);
      testConnectionMock.mockResolvedValue(TEST_SUCCEEDED);
    });

    it('keeps Connect disabled until region, client id and secret are all filled', async () => {
      const element = await render();
      expect(connectButton(element).disabled).toBe(true);

      await enter(element, 'lightning-combobox[data-id="region"]', 'EU');
      expect(connectButton(element).disabled).toBe(true);

      await enter(element, 'lightning-input[data-id="client-id"]', CLIENT_ID);
      expect(connectButton(element).disabled).toBe(true);

      await enter(element, 'lightning-input[data-id="client-secret"]', '   ');
      expect(connectButton(element).disabled).toBe(true);

      await enter(element, 'lightning-input[data-id="client-secret"]', SECRET);
      expect(connectButton(element).disabled).toBe(false);
    });

    it('asks for the secret in a password field', async () => {
      const element = await render();

      expect(secretInput(element).type).toBe('password');
      expect(secretInput(element).label).toBe('Client secret');
    });

    it('connects with exactly the entered values, then tests the region in a separate call', async () => {
      const saving = deferred<Status>();
      connectMock.mockReturnValue(saving.promise);
      const element = await render();
      await fillForm(element, { clientId: ` ${CLIENT_ID} ` });

      await click(connectButton(element));

      expect(connectMock).toHaveBeenCalledTimes(1);
      expect(connectMock).toHaveBeenCalledWith({
        regionCode: 'EU',
        clientId: ` ${CLIENT_ID} `,
        clientSecret: SECRET
      });
      // Not in the same request: the test waits until the credentials are stored.
      expect(testConnectionMock).not.toHaveBeenCalled();

      saving.resolve(CONNECTED_EU);
      await flushPromises();

      expect(testConnectionMock).toHaveBeenCalledTimes(1);
      expect(testConnectionMock).toHaveBeenCalledWith({ regionCode: 'EU' });
    });

    it('shows the test result with the number of tagged reports after connecting', async () => {
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      expect(rowMessage(element, 'EU').textContent).toContain(
        'WalkMe accepted the connection to WalkMe Insights (Europe): 3 reports are tagged'
      );
      expect(stateOf(element, 'EU').label).toBe('Connected');
      expect(text(element, '[data-id="notice"]')).toContain('WalkMe accepted the connection');
      expect(query(element, '[data-id="notice"]').className).toContain('slds-assistive-text');
    });

    it('shows the outcome once, with the report count once', async () => {
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      expect(visibleCount(element, 'WalkMe accepted the connection')).toBe(1);
      expect(visibleCount(element, '3 reports')).toBe(1);
      expect(visibleCount(element, 'Reports tagged for Salesforce')).toBe(0);
    });

    it('connects when Enter is pressed in the client secret or the client id', async () => {
      const element = await render();
      await fillForm(element);

      secretInput(element).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
      );
      await flushPromises();

      expect(connectMock).toHaveBeenCalledWith({
        regionCode: 'EU',
        clientId: CLIENT_ID,
        clientSecret: SECRET
      });

      connectMock.mockClear();
      await fillForm(element);
      query(element, 'lightning-input[data-id="client-id"]').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
      );
      await flushPromises();
      expect(connectMock).toHaveBeenCalledTimes(1);
    });

    it('ignores Enter while the form is incomplete, and other keys', async () => {
      const element = await render();
      await enter(element, 'lightning-combobox[data-id="region"]', 'EU');
      await enter(element, 'lightning-input[data-id="client-id"]', CLIENT_ID);

      secretInput(element).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
      );
      await enter(element, 'lightning-input[data-id="client-secret"]', SECRET);
      secretInput(element).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true })
      );
      await flushPromises();

      expect(connectMock).not.toHaveBeenCalled();
    });

    it('shows why the test failed when WalkMe refuses the new credentials', async () => {
      testConnectionMock.mockResolvedValue(TEST_FAILED);
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      expect(rowMessage(element, 'EU').textContent).toContain(
        'WalkMe refused the client id and secret (HTTP 401)'
      );
      expect(rowMessage(element, 'EU').className).toContain('slds-text-color_error');
      expect(stateOf(element, 'EU').label).toBe('Credentials refused');
      expect(stateOf(element, 'EU').className).toContain('slds-theme_error');
      expect(visibleCount(element, 'HTTP 401')).toBe(1);
    });

    it('keeps the region connected and shows why when the test after connecting cannot run', async () => {
      testConnectionMock.mockRejectedValue({ body: { message: 'Callouts are not allowed.' } });
      const element = await render();
      const changes = collectConnectionChanges(element);
      await fillForm(element);

      await click(connectButton(element));

      expect(text(element, '[data-id="errors"]')).toBe('Callouts are not allowed.');
      expect(changes).toEqual([{ regionCode: 'EU', connected: true }]);
      expect(regionItem(element, 'EU').querySelector<FormElement>('[data-id="state"]')?.label).toBe(
        'Connected'
      );
    });

    it('clears the secret right after a successful connect and shows it nowhere', async () => {
      const element = await render();
      const changes = collectConnectionChanges(element);
      const logged = watchConsole();
      await fillForm(element);
      // The search below does reach the input's value: the typed secret is found there.
      expect(everythingRendered(element)).toContain(SECRET);

      await click(connectButton(element));

      expect(secretInput(element).value).toBe('');
      // The state is cleared too: with an empty secret Connect cannot be pressed again.
      await enter(element, 'lightning-combobox[data-id="region"]', 'CA');
      await enter(element, 'lightning-input[data-id="client-id"]', CLIENT_ID);
      expect(connectButton(element).disabled).toBe(true);
      expect(everythingRendered(element)).not.toContain(SECRET);
      expect(JSON.stringify(changes)).not.toContain(SECRET);
      expect(logged()).not.toContain(SECRET);
    });

    it('clears the secret after a failed connect too, and hides it in the error', async () => {
      connectMock.mockRejectedValue({
        body: {
          message: `Could not store the client secret ${SECRET} for WalkMe Insights (Europe).`
        }
      });
      const element = await render();
      const changes = collectConnectionChanges(element);
      const logged = watchConsole();
      await fillForm(element);

      await click(connectButton(element));

      expect(secretInput(element).value).toBe('');
      expect(connectButton(element).disabled).toBe(true);
      expect(logged()).not.toContain(SECRET);
      expect(text(element, '[data-id="errors"]')).toContain(
        'Could not store the client secret •••• for WalkMe Insights (Europe).'
      );
      expect(everythingRendered(element)).not.toContain(SECRET);
      expect(changes).toEqual([]);
      expect(testConnectionMock).not.toHaveBeenCalled();
    });

    it('clears the secret from the input while the call is still running', async () => {
      connectMock.mockReturnValue(deferred<Status>().promise);
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      expect(secretInput(element).value).toBe('');
      expect(everythingRendered(element)).not.toContain(SECRET);
    });

    it('shows the Apex error message next to the form', async () => {
      connectMock.mockRejectedValue({
        body: { message: 'Client ID is missing.\nClient secret is too short.' }
      });
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      const errors = query(element, '[data-id="errors"]');
      expect(errors.getAttribute('role')).toBe('alert');
      expect(Array.from(errors.querySelectorAll('p')).map((line) => line.textContent)).toEqual([
        'Client ID is missing.',
        'Client secret is too short.'
      ]);
      expect(query(element, '[data-id="connect-form"]').contains(errors)).toBe(true);
    });

    it('shows a spinner and disables the form while connecting', async () => {
      connectMock.mockReturnValue(deferred<Status>().promise);
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      expect(query(element, 'lightning-spinner').alternativeText).toBe(
        'Saving the client id and secret for Europe'
      );
      expect(connectButton(element).disabled).toBe(true);
      expect(query(element, 'lightning-input[data-id="client-id"]').disabled).toBe(true);
      expect(query(element, 'lightning-combobox[data-id="region"]').disabled).toBe(true);
      const usButtons = regionItem(element, 'US').querySelectorAll<FormElement>('lightning-button');
      expect(Array.from(usButtons).every((button) => button.disabled)).toBe(true);
    });

    it('dispatches connectionchange with the region and its state, and refreshes the statuses', async () => {
      const element = await render();
      const changes = collectConnectionChanges(element);
      await fillForm(element);

      await click(connectButton(element));

      expect(changes).toEqual([{ regionCode: 'EU', connected: true }]);
      expect(getConnectionsMock).toHaveBeenCalledTimes(2);
    });

    it('keeps the new status of the region when the refreshed list answers from the cache', async () => {
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      // getConnections still answers the fixture in which Europe is not connected.
      const eu = regionItem(element, 'EU');
      expect(eu.querySelector<FormElement>('[data-id="state"]')?.label).toBe('Connected');
      expect(eu.querySelector('[data-id="client-id-hint"]')?.textContent).toContain('••••9a7f');
      expect(eu.querySelector('[data-id="message"]')?.textContent).toContain('3 reports');
    });
  });

  describe('test connection', () => {
    it('tests a connected region and shows the report count', async () => {
      testConnectionMock.mockResolvedValue({ ...TEST_SUCCEEDED, regionCode: 'US' });
      const element = await render();

      await click(within(regionItem(element, 'US'), 'lightning-button[data-action="test"]'));

      expect(testConnectionMock).toHaveBeenCalledWith({ regionCode: 'US' });
      expect(rowMessage(element, 'US').textContent).toContain('3 reports are tagged');
      expect(getConnectionsMock).toHaveBeenCalledTimes(2);
    });

    it('says once, above the regions, what to grant when the test finds the access missing', async () => {
      testConnectionMock.mockResolvedValue(TEST_MISSING_ACCESS);
      const element = await render();
      expect(element.shadowRoot?.querySelector('[data-id="missing-access"]')).toBeNull();

      await click(within(regionItem(element, 'US'), 'lightning-button[data-action="test"]'));

      const boxes = element.shadowRoot?.querySelectorAll('[data-id="missing-access"]') ?? [];
      expect(boxes).toHaveLength(1);
      expect(query(element, '[data-id="regions"]').contains(boxes[0] as Node)).toBe(true);
      expect(text(element, '[data-id="missing-access"]')).toBe(MISSING_ACCESS);
      expect(MISSING_ACCESS).toContain('Modify All Records');
      expect(MISSING_ACCESS).toContain('User External Credentials');
      expect(rowMessage(element, 'US').textContent).toContain('Could not call WalkMe Insights');
      expect(text(element, '[data-id="notice"]')).toContain('Could not call WalkMe Insights');
      expect(stateOf(element, 'US').label).toBe('Connected');
    });

    it('warns rather than reports success when WalkMe answers but the access is missing', async () => {
      testConnectionMock.mockResolvedValue({
        ...TEST_SUCCEEDED,
        regionCode: 'US',
        missingAccess: MISSING_ACCESS
      });
      const element = await render();

      await click(within(regionItem(element, 'US'), 'lightning-button[data-action="test"]'));

      expect(query(element, '[data-id="missing-access"]').className).toContain(
        'slds-theme_warning'
      );
      expect(text(element, '[data-id="missing-access"]')).toBe(MISSING_ACCESS);
    });

    it('drops the sentence once a test finds the access granted', async () => {
      testConnectionMock
        .mockResolvedValueOnce(TEST_MISSING_ACCESS)
        .mockResolvedValueOnce({ ...TEST_SUCCEEDED, regionCode: 'US' });
      const element = await render();
      const testButton = (): HTMLElement =>
        within(regionItem(element, 'US'), 'lightning-button[data-action="test"]');
      await click(testButton());
      expect(text(element, '[data-id="missing-access"]')).toBe(MISSING_ACCESS);

      await click(testButton());

      expect(element.shadowRoot?.querySelector('[data-id="missing-access"]')).toBeNull();
      expect(rowMessage(element, 'US').textContent).toContain('WalkMe accepted');
    });

    it('shows an Error thrown by the call as a readable message', async () => {
      testConnectionMock.mockRejectedValue(new Error('The request timed out.'));
      const element = await render();

      await click(within(regionItem(element, 'US'), 'lightning-button[data-action="test"]'));

      expect(text(element, '[data-id="errors"]')).toBe('The request timed out.');
      expect(element.shadowRoot?.querySelector('lightning-spinner')).toBeNull();
    });
  });

  describe('disconnect', () => {
    function disconnectButton(element: HTMLElement): FormElement {
      return within(regionItem(element, 'US'), 'lightning-button[data-action="disconnect"]');
    }

    function dialog(element: HTMLElement): HTMLElement | null {
      return (
        element.shadowRoot?.querySelector<HTMLElement>('[data-id="disconnect-dialog"]') ?? null
      );
    }

    function dialogButton(element: HTMLElement, action: string): FormElement {
      return query(
        element,
        `[data-id="disconnect-dialog"] lightning-button[data-action="${action}"]`
      );
    }

    beforeEach(() => {
      getIntegrationsMock.mockResolvedValue(INTEGRATIONS);
    });

    it('asks in a dialog that names the integrations using the region, with a Disconnect button', async () => {
      const element = await render();

      await click(disconnectButton(element));

      const opened = dialog(element) as HTMLElement;
      expect(opened.getAttribute('role')).toBe('dialog');
      expect(opened.getAttribute('aria-modal')).toBe('true');
      expect(text(element, '[data-id="disconnect-dialog"] h2')).toBe('Disconnect United States?');
      expect(text(element, '[data-id="disconnect-dialog"] .slds-modal__content')).toContain(
        'These 2 integrations use it and fail until you connect the region again:'
      );
      const named = Array.from(
        element.shadowRoot?.querySelectorAll('[data-id="disconnect-integrations"] li') ?? []
      ).map((item) => item.textContent);
      expect(named).toEqual(['Contact NPS', 'Lead logins']);
      expect(dialogButton(element, 'confirm-disconnect').label).toBe('Disconnect');
      expect(dialogButton(element, 'cancel-disconnect').label).toBe('Cancel');
      expect(disconnectMock).not.toHaveBeenCalled();
    });

    it('says when no integration uses the region', async () => {
      getIntegrationsMock.mockResolvedValue([integrationRow('A', 'Account onboarding', 'EU')]);
      const element = await render();

      await click(disconnectButton(element));

      expect(text(element, '[data-id="disconnect-integrations"]')).toBe(
        'No integration uses this region.'
      );
    });

    it('still asks, saying why, when the integrations cannot be read', async () => {
      getIntegrationsMock.mockRejectedValue({ body: { message: 'No access to integrations.' } });
      const element = await render();

      await click(disconnectButton(element));

      expect(text(element, '[data-id="disconnect-integrations"]')).toBe(
        'Insights Sync could not read which integrations use it: No access to integrations.'
      );
      expect(dialogButton(element, 'confirm-disconnect').label).toBe('Disconnect');
    });

    it('leaves the region connected when the admin cancels', async () => {
      const element = await render();
      const changes = collectConnectionChanges(element);

      await click(disconnectButton(element));
      await click(dialogButton(element, 'cancel-disconnect'));

      expect(dialog(element)).toBeNull();
      expect(disconnectMock).not.toHaveBeenCalled();
      expect(changes).toEqual([]);
    });

    it('closes on Escape without disconnecting', async () => {
      const element = await render();

      await click(disconnectButton(element));
      (dialog(element) as HTMLElement).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })
      );
      await flushPromises();

      expect(dialog(element)).toBeNull();
      expect(disconnectMock).not.toHaveBeenCalled();
    });

    it('keeps Tab inside the dialog', async () => {
      const element = await render();
      await click(disconnectButton(element));
      const cancel = dialogButton(element, 'cancel-disconnect');
      const confirm = dialogButton(element, 'confirm-disconnect');
      const focused: HTMLElement[] = [];
      for (const button of [cancel, confirm]) {
        button.focus = () => {
          focused.push(button);
        };
      }

      const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
      (dialog(element) as HTMLElement).dispatchEvent(tab);
      const shiftTab = new KeyboardEvent('keydown', {
        key: 'Tab',
        shiftKey: true,
        bubbles: true,
        cancelable: true
      });
      (dialog(element) as HTMLElement).dispatchEvent(shiftTab);

      // The focus is outside both buttons (jsdom moves none): Tab goes to the first, Shift+Tab to
      // the last, and neither leaves the dialog.
      expect(tab.defaultPrevented).toBe(true);
      expect(shiftTab.defaultPrevented).toBe(true);
      expect(focused).toEqual([cancel, confirm]);
    });

    it('disconnects once confirmed, announces the change and refreshes the statuses', async () => {
      disconnectMock.mockResolvedValue(DISCONNECTED_US);
      const element = await render();
      const changes = collectConnectionChanges(element);

      await click(disconnectButton(element));
      await click(dialogButton(element, 'confirm-disconnect'));

      expect(dialog(element)).toBeNull();
      expect(disconnectMock).toHaveBeenCalledWith({ regionCode: 'US' });
      expect(changes).toEqual([{ regionCode: 'US', connected: false }]);
      expect(getConnectionsMock).toHaveBeenCalledTimes(2);
      expect(text(element, '[data-id="notice"]')).toContain('Disconnected WalkMe Insights');
      const us = regionItem(element, 'US');
      expect(us.querySelector<FormElement>('[data-id="state"]')?.label).toBe('Not connected');
      expect(us.querySelectorAll('lightning-button')).toHaveLength(0);
    });

    it('shows the Apex error when the region cannot be disconnected', async () => {
      disconnectMock.mockRejectedValue({
        body: { message: 'Insights Sync could not disconnect the region.' }
      });
      const element = await render();
      const changes = collectConnectionChanges(element);

      await click(disconnectButton(element));
      await click(dialogButton(element, 'confirm-disconnect'));

      expect(text(element, '[data-id="errors"]')).toBe(
        'Insights Sync could not disconnect the region.'
      );
      expect(changes).toEqual([]);
    });
  });

  describe('refused credentials', () => {
    const REFUSED_US: Status = {
      ...CONNECTIONS[0],
      credentialsRefused: true,
      failureReason: 'CREDENTIALS',
      message:
        'WalkMe refused the client id and secret stored for WalkMe Insights (United States) at the last test or run.'
    };

    it('shows a region refused at the last test or run as Credentials refused, never Connected', async () => {
      getConnectionsMock.mockResolvedValue([REFUSED_US, ...CONNECTIONS.slice(1)]);
      const element = await render();

      expect(stateOf(element, 'US').label).toBe('Credentials refused');
      expect(stateOf(element, 'US').className).toContain('slds-theme_error');
      expect(rowMessage(element, 'US').className).toContain('slds-text-color_error');
      expect(visibleCount(element, 'Connected')).toBe(0);
      expect(text(element, '[data-id="summary"]')).toBe('Credentials refused: United States.');
    });

    it('shows Credentials refused after a test that WalkMe refused', async () => {
      testConnectionMock.mockResolvedValue({ ...TEST_FAILED, regionCode: 'US' });
      const element = await render();

      await click(within(regionItem(element, 'US'), 'lightning-button[data-action="test"]'));

      expect(stateOf(element, 'US').label).toBe('Credentials refused');
    });
  });

  describe('disclosure', () => {
    function toggle(element: HTMLElement): HTMLButtonElement {
      return query<HTMLButtonElement>(element, 'button[data-action="toggle"]');
    }

    function bodyHidden(element: HTMLElement): boolean {
      return query(element, '[data-id="body"]').hidden;
    }

    it('is collapsed once a region is connected, and says which in the header', async () => {
      const element = await render();

      expect(toggle(element).getAttribute('aria-expanded')).toBe('false');
      expect(toggle(element).textContent?.trim()).toBe('WalkMe Insights connections');
      expect(bodyHidden(element)).toBe(true);
      expect(text(element, '[data-id="summary"]')).toBe('Connected: United States.');
    });

    it('is expanded when no region is connected', async () => {
      getConnectionsMock.mockResolvedValue(
        CONNECTIONS.map((status) => ({ ...status, connected: false }))
      );
      const element = await render();

      expect(toggle(element).getAttribute('aria-expanded')).toBe('true');
      expect(bodyHidden(element)).toBe(false);
      expect(text(element, '[data-id="summary"]')).toBe('No region is connected.');
    });

    it('is expanded when a region is refused, even with others connected', async () => {
      getConnectionsMock.mockResolvedValue([
        CONNECTIONS[0],
        { ...CONNECTIONS[1], connected: true, credentialsRefused: true }
      ]);
      const element = await render();

      expect(toggle(element).getAttribute('aria-expanded')).toBe('true');
      expect(text(element, '[data-id="summary"]')).toBe(
        'Connected: United States. Credentials refused: Europe.'
      );
    });

    it('is expanded when the statuses cannot be read', async () => {
      getConnectionsMock.mockRejectedValue({ body: { message: 'Unreadable.' } });
      const element = await render();

      expect(toggle(element).getAttribute('aria-expanded')).toBe('true');
    });

    it('opens and closes on its button', async () => {
      const element = await render();

      await click(toggle(element));
      expect(toggle(element).getAttribute('aria-expanded')).toBe('true');
      expect(bodyHidden(element)).toBe(false);

      await click(toggle(element));
      expect(toggle(element).getAttribute('aria-expanded')).toBe('false');
      expect(bodyHidden(element)).toBe(true);
    });

    it('stays open after connecting the first region, to show the result', async () => {
      getConnectionsMock.mockResolvedValue(
        CONNECTIONS.map((status) => ({ ...status, connected: false }))
      );
      connectMock.mockResolvedValue(CONNECTED_EU);
      testConnectionMock.mockResolvedValue(TEST_SUCCEEDED);
      const element = await render();
      await fillForm(element);

      await click(connectButton(element));

      expect(stateOf(element, 'EU').label).toBe('Connected');
      expect(toggle(element).getAttribute('aria-expanded')).toBe('true');
    });
  });
});
