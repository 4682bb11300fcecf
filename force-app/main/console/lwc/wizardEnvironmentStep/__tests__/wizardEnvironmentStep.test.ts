import { createElement } from 'lwc';
import WizardEnvironmentStep from 'c/wizardEnvironmentStep';
import type { RegionChangeDetail } from 'c/wizardRules';

const ENVIRONMENT = jest.requireActual<InsightsSync.ConsoleEnvironment>(
  './data/getEnvironment.json'
);
const CONNECTIONS = jest.requireActual<InsightsSync.InsightsConnectionStatus[]>(
  './data/getConnections.json'
);

type RadioGroupElement = HTMLElement & {
  value: string;
  options: { label: string; value: string }[];
};
type EnvironmentBlockElement = HTMLElement & {
  environment?: InsightsSync.ConsoleEnvironment;
  errors: string[];
};
type StepElement = HTMLElement & { focusHeading(): void };

interface StepProperties {
  environment?: InsightsSync.ConsoleEnvironment;
  environmentErrors?: string[];
  connections?: InsightsSync.InsightsConnectionStatus[];
  connectionsLoaded?: boolean;
  connectionErrors?: string[];
  connectionRegion?: string;
  sourceType?: string;
}

async function render(values: StepProperties = {}): Promise<StepElement> {
  const element = createElement('c-wizard-environment-step', { is: WizardEnvironmentStep });
  Object.assign(element, {
    environment: ENVIRONMENT,
    connections: CONNECTIONS,
    connectionsLoaded: true,
    ...values
  });
  document.body.appendChild(element);
  await Promise.resolve();
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

function text(element: HTMLElement, selector: string): string {
  return query(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('c-wizard-environment-step', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows the org through the environment block and offers only the connected regions', async () => {
    const element = await render({ environmentErrors: ['No access to the organization.'] });

    const block = query<EnvironmentBlockElement>(element, 'c-environment-block');
    expect(block.environment).toEqual(ENVIRONMENT);
    expect(block.errors).toEqual(['No access to the organization.']);
    const connection = query<RadioGroupElement>(
      element,
      'lightning-radio-group[data-id="connection"]'
    );
    expect(connection.options).toEqual([
      { value: 'US', label: 'United States (api.walkme.com)' },
      { value: 'EU', label: 'Europe (eu-api.walkme.com)' }
    ]);
    expect(find(element, '[data-id="no-connection"]')).toBeNull();
  });

  it('shows the chosen region and announces the one the admin chooses', async () => {
    const element = await render({ connectionRegion: 'US' });
    const changes: RegionChangeDetail[] = [];
    element.addEventListener('regionchange', (event) => {
      changes.push((event as CustomEvent<RegionChangeDetail>).detail);
    });
    const connection = query<RadioGroupElement>(
      element,
      'lightning-radio-group[data-id="connection"]'
    );
    expect(connection.value).toBe('US');

    connection.dispatchEvent(new CustomEvent('change', { detail: { value: 'EU' } }));

    expect(changes).toEqual([{ regionCode: 'EU' }]);
  });

  it('says to connect a region when none is connected', async () => {
    const element = await render({
      connections: CONNECTIONS.map((status) => ({ ...status, connected: false }))
    });

    expect(text(element, '[data-id="no-connection"]')).toContain(
      'Connect one under WalkMe Insights connections'
    );
    expect(find(element, 'lightning-radio-group[data-id="connection"]')).toBeNull();
  });

  it('says nothing of missing connections before they are read', async () => {
    const element = await render({ connections: [], connectionsLoaded: false });

    expect(find(element, '[data-id="no-connection"]')).toBeNull();
  });

  it('shows why the connections could not be read, in the step', async () => {
    const element = await render({
      connectionErrors: ['The connections could not be read.', 'Ask for Insights Sync Admin.']
    });

    const errors = query(element, '[data-id="connection-errors"]');
    expect(errors.getAttribute('role')).toBe('alert');
    expect(Array.from(errors.querySelectorAll('p')).map((line) => line.textContent)).toEqual([
      'The connections could not be read.',
      'Ask for Insights Sync Admin.'
    ]);
    expect(query(element, '[data-id="step-environment"]').contains(errors)).toBe(true);
  });

  it('warns when the integration’s region is no longer connected', async () => {
    const element = await render({
      connections: CONNECTIONS.map((status) => ({
        ...status,
        connected: status.regionCode === 'US'
      })),
      connectionRegion: 'EU'
    });

    expect(text(element, '[data-id="region-warning"]')).toBe(
      'This integration reads from Europe, which is not connected. Connect it in the Connection panel, or choose another connection.'
    );
  });

  it('flags a region whose credentials WalkMe refused, in its option and under the choice', async () => {
    const element = await render({
      connections: CONNECTIONS.map((status) => ({
        ...status,
        credentialsRefused: status.regionCode === 'EU'
      })),
      connectionRegion: 'EU'
    });

    const labels = (
      query(element, 'lightning-radio-group[data-id="connection"]') as unknown as {
        options: { label: string }[];
      }
    ).options.map((option) => option.label);
    expect(labels).toContain('Europe (eu-api.walkme.com) · Credentials refused');
    expect(labels).toContain('United States (api.walkme.com)');
    expect(text(element, '[data-id="refused-warning"]')).toContain(
      'WalkMe refused the credentials of Europe'
    );
  });

  it('says nothing of refused credentials for a region WalkMe accepts', async () => {
    const element = await render({ connectionRegion: 'EU' });

    expect(find(element, '[data-id="refused-warning"]')).toBeNull();
  });

  it('offers the two report sources, Insights API first, and announces the one chosen', async () => {
    const element = await render({ connectionRegion: 'EU' });
    const source = query(element, 'lightning-radio-group[data-id="source"]') as unknown as {
      label: string;
      value: string;
      options: { value: string; label: string }[];
    } & HTMLElement;
    expect(source.label).toBe('Report source');
    expect(source.value).toBe('Insights API');
    expect(source.options.map((option) => option.value)).toEqual(['Insights API', 'CSV Export']);
    const heard: unknown[] = [];
    element.addEventListener('sourcechange', (event) => {
      heard.push((event as CustomEvent).detail);
    });
    source.dispatchEvent(new CustomEvent('change', { detail: { value: 'CSV Export' } }));

    expect(heard).toEqual([{ sourceType: 'CSV Export' }]);
  });

  it('asks for no region for a CSV export', async () => {
    const element = await render({
      sourceType: 'CSV Export',
      connections: CONNECTIONS.map((status) => ({ ...status, connected: false })),
      connectionsLoaded: true,
      connectionRegion: 'EU'
    });

    expect(find(element, 'lightning-radio-group[data-id="connection"]')).toBeNull();
    expect(find(element, '[data-id="no-connection"]')).toBeNull();
    expect(find(element, '[data-id="region-warning"]')).toBeNull();
    expect(text(element, '[data-id="csv-source-note"]')).toContain('next step');
  });

  it('moves the focus to its heading when asked', async () => {
    const element = await render();

    element.focusHeading();

    const heading = query(element, '[data-id="heading-environment"]');
    expect(element.shadowRoot?.activeElement).toBe(heading);
    expect(heading.textContent?.trim()).toBe('Environment');
  });
});
