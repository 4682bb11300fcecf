import { createElement } from 'lwc';
import EnvironmentBlock from 'c/environmentBlock';

const ENVIRONMENT = jest.requireActual<InsightsSync.ConsoleEnvironment>(
  './data/getEnvironment.json'
);

type BadgeElement = HTMLElement & { label: string };

async function render(values: {
  environment?: InsightsSync.ConsoleEnvironment;
  errors?: string[];
}): Promise<HTMLElement> {
  const element = createElement('c-environment-block', { is: EnvironmentBlock });
  Object.assign(element, values);
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

function text(element: HTMLElement, selector: string): string {
  return find(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('c-environment-block', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows the org name, instance and Sandbox in amber', async () => {
    const element = await render({ environment: ENVIRONMENT });

    expect(text(element, '[data-id="organization-name"]')).toBe('Acme Corporation');
    expect(text(element, '[data-id="instance-name"]')).toBe('CS42');
    const badge = find<BadgeElement>(element, '[data-id="environment-type"]');
    expect(badge?.label).toBe('Sandbox');
    expect(badge?.className).toContain('slds-theme_warning');
    expect(find(element, '[data-id="environment-errors"]')).toBeNull();
  });

  it('shows Production in green and Unknown for an instance it was not told', async () => {
    const element = await render({
      environment: {
        ...ENVIRONMENT,
        instanceName: undefined,
        isSandbox: false,
        environmentType: 'Production'
      }
    });

    expect(text(element, '[data-id="instance-name"]')).toBe('Unknown');
    const badge = find<BadgeElement>(element, '[data-id="environment-type"]');
    expect(badge?.label).toBe('Production');
    expect(badge?.className).toContain('slds-theme_success');
  });

  it('shows why the org could not be read, one line a message, and no details', async () => {
    const element = await render({ errors: ['No access to the organization.', 'Ask an admin.'] });

    const errors = find(element, '[data-id="environment-errors"]');
    expect(errors?.getAttribute('role')).toBe('alert');
    expect(
      Array.from(errors?.querySelectorAll('p') ?? []).map((line) => line.textContent?.trim())
    ).toEqual(['No access to the organization.', 'Ask an admin.']);
    expect(find(element, '[data-id="organization-name"]')).toBeNull();
  });

  it('shows nothing before the org is read', async () => {
    const element = await render({});

    expect(element.shadowRoot?.children.length ?? 0).toBe(0);
  });
});
