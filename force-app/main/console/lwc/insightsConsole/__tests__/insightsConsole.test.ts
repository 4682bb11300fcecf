import { createElement } from 'lwc';
import InsightsConsole from 'c/insightsConsole';
import getIntegrations from '@salesforce/apex/IntegrationController.getIntegrations';
import getSchedulerStatus from '@salesforce/apex/IntegrationController.getSchedulerStatus';
import getConnections from '@salesforce/apex/ConnectionController.getConnections';
import getEnvironment from '@salesforce/apex/ConnectionController.getEnvironment';
import getRuns from '@salesforce/apex/RunLogController.getRuns';

import getObjects from '@salesforce/apex/IntegrationController.getObjects';
import getCompatibility from '@salesforce/apex/IntegrationController.getCompatibility';
import getSettings from '@salesforce/apex/SettingsController.getSettings';

// The methods the console's parts call on loading; any other resolves with nothing (the LWC Jest
// transformer's default), which none of these tests reaches.
jest.mock(
  '@salesforce/apex/IntegrationController.getIntegrations',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock(
  '@salesforce/apex/IntegrationController.getSchedulerStatus',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/apex/ConnectionController.getConnections', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/ConnectionController.getEnvironment', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/RunLogController.getRuns', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/IntegrationController.getObjects', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/IntegrationController.getCompatibility',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/apex/SettingsController.getSettings', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

// An admin: the viewer's console is tested in insightsConsoleViewer.test.ts, because the LWC Jest
// transformer reads a custom permission once, when the component's module loads.
jest.mock('@salesforce/customPermission/Manage_Insights_Sync', () => ({ default: true }), {
  virtual: true
});

const ROWS: InsightsSync.IntegrationRow[] = [
  {
    developerName: 'Lead_Logins',
    label: 'Lead logins',
    reportName: 'Logins review',
    targetObject: 'Lead',
    scheduleText: 'Daily at 08:00 UTC',
    state: 'Active',
    nextRunAt: '2026-11-26T08:00:00.000Z'
  }
];

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** One animation frame, then every promise it released. */
async function nextFrame(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await flushPromises();
}

async function render(): Promise<HTMLElement> {
  const element = createElement('c-insights-console', { is: InsightsConsole });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function part(element: HTMLElement, selector: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(selector);
}

describe('c-insights-console', () => {
  beforeEach(() => {
    (getIntegrations as jest.Mock).mockResolvedValue(ROWS);
    (getSchedulerStatus as jest.Mock).mockResolvedValue({ scheduled: false });
    (getConnections as jest.Mock).mockResolvedValue([]);
    (getEnvironment as jest.Mock).mockResolvedValue({
      organizationName: 'Acme',
      isSandbox: true,
      environmentType: 'Sandbox',
      userName: 'admin@acme.example'
    });
    (getRuns as jest.Mock).mockResolvedValue([]);
    (getObjects as jest.Mock).mockResolvedValue([]);
    (getCompatibility as jest.Mock).mockResolvedValue({});
    (getSettings as jest.Mock).mockResolvedValue({
      logRetentionDays: 30,
      failureEmailRecipients: '',
      alertOnCompletedWithErrors: false,
      dispatcherScheduled: false,
      purgeScheduled: false,
      maxLogRetentionDays: 3650,
      maxFailureEmailRecipients: 10,
      problems: []
    });
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows the connection panel and the integrations list to an admin', async () => {
    const element = await render();

    expect(part(element, 'c-connection-panel')).not.toBeNull();
    expect(part(element, 'c-settings-panel')).not.toBeNull();
    expect(
      (part(element, 'c-integration-list') as HTMLElement & { readOnly: boolean }).readOnly
    ).toBe(false);
    expect(part(element, 'c-integration-wizard')).toBeNull();
    expect(part(element, 'c-log-viewer')).toBeNull();
    expect(part(element, '[data-id="console-heading"]')!.textContent).toBe('Insights Sync');
  });

  it('replaces the list with an empty wizard on New integration, and brings it back on Cancel', async () => {
    const element = await render();

    part(element, 'c-integration-list')!.dispatchEvent(new CustomEvent('newintegration'));
    await flushPromises();

    const wizard = part(element, 'c-integration-wizard') as HTMLElement & {
      developerName?: string;
    };
    expect(wizard).not.toBeNull();
    expect(wizard.developerName).toBeFalsy();
    expect(part(element, 'c-integration-list')).toBeNull();
    expect(part(element, 'section')!.getAttribute('aria-label')).toBe('New integration');

    wizard.dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();

    expect(part(element, 'c-integration-wizard')).toBeNull();
    expect(part(element, 'c-integration-list')).not.toBeNull();
  });

  it('opens the wizard on the integration chosen with Edit', async () => {
    const element = await render();

    part(element, 'c-integration-list')!.dispatchEvent(
      new CustomEvent('edit', { detail: { developerName: 'Lead_Logins' } })
    );
    await flushPromises();

    const wizard = part(element, 'c-integration-wizard') as HTMLElement & {
      developerName?: string;
    };
    expect(wizard.developerName).toBe('Lead_Logins');
    expect(part(element, 'section')!.getAttribute('aria-label')).toBe('Edit integration');
  });

  it('returns to a reloaded list with a confirmation once the wizard saved', async () => {
    const element = await render();
    part(element, 'c-integration-list')!.dispatchEvent(new CustomEvent('newintegration'));
    await flushPromises();
    (getIntegrations as jest.Mock).mockClear();

    part(element, 'c-integration-wizard')!.dispatchEvent(
      new CustomEvent('saved', { detail: { developerName: 'Lead_Logins', label: 'Lead logins' } })
    );
    await flushPromises();

    expect(part(element, 'c-integration-wizard')).toBeNull();
    expect(part(element, 'c-integration-list')).not.toBeNull();
    expect(getIntegrations).toHaveBeenCalledTimes(1);
    expect(part(element, '[data-id="console-notice"]')!.textContent).toContain(
      'Saved Lead logins.'
    );
  });

  it('puts the integrations before the connection panel', async () => {
    const element = await render();

    const list = part(element, 'c-integration-list') as HTMLElement;
    const panel = part(element, 'c-connection-panel') as HTMLElement;
    expect(list.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('brings the Saved message and the saved row into view after a save', async () => {
    const scrolled: string[] = [];
    const scrollIntoView = jest.fn(function (this: HTMLElement) {
      scrolled.push(this.dataset.id ?? this.dataset.developerName ?? this.tagName);
    });
    Object.defineProperty(HTMLElement.prototype, 'scrollIntoView', {
      configurable: true,
      value: scrollIntoView
    });
    try {
      const element = await render();
      part(element, 'c-integration-list')!.dispatchEvent(new CustomEvent('newintegration'));
      await flushPromises();
      // The wizard brings itself into view as it opens; what follows the save is what counts.
      scrolled.length = 0;

      part(element, 'c-integration-wizard')!.dispatchEvent(
        new CustomEvent('saved', { detail: { developerName: 'lead_logins', label: 'Lead logins' } })
      );
      // The frame in which the console looks, the list's load, and the frame after it.
      await nextFrame();
      await nextFrame();
      await nextFrame();

      expect(scrolled).toEqual(['console-notice', 'Lead_Logins']);
      const notice = part(element, '[data-id="console-notice"]') as HTMLElement;
      expect(element.shadowRoot!.activeElement).toBe(notice);
    } finally {
      delete (HTMLElement.prototype as Partial<HTMLElement>).scrollIntoView;
    }
  });

  it("opens the Log overlay on an integration's runs and closes it", async () => {
    const element = await render();

    part(element, 'c-integration-list')!.dispatchEvent(
      new CustomEvent('openlog', { detail: { developerName: 'Lead_Logins', label: 'Lead logins' } })
    );
    await flushPromises();

    const log = part(element, 'c-log-viewer') as HTMLElement & { integrationName?: string };
    expect(log.integrationName).toBe('Lead_Logins');
    expect(getRuns).toHaveBeenCalledWith(
      expect.objectContaining({ integrationName: 'Lead_Logins' })
    );

    log.dispatchEvent(new CustomEvent('close'));
    await flushPromises();

    expect(part(element, 'c-log-viewer')).toBeNull();
  });

  it('opens the Log overlay on every run from the header', async () => {
    const element = await render();

    (part(element, 'lightning-button[data-action="open-all-runs"]') as HTMLElement).click();
    await flushPromises();

    const log = part(element, 'c-log-viewer') as HTMLElement & { integrationName?: string };
    expect(log).not.toBeNull();
    expect(log.integrationName).toBeFalsy();
  });

  it('reloads the list when a region is connected or disconnected', async () => {
    const element = await render();
    (getIntegrations as jest.Mock).mockClear();

    part(element, 'c-connection-panel')!.dispatchEvent(
      new CustomEvent('connectionchange', { detail: { regionCode: 'US', connected: true } })
    );
    await flushPromises();

    expect(getIntegrations).toHaveBeenCalledTimes(1);
  });

  it('passes a connection change to the open wizard', async () => {
    const element = await render();
    part(element, 'c-integration-list')!.dispatchEvent(new CustomEvent('newintegration'));
    await flushPromises();
    const wizard = part(element, 'c-integration-wizard') as HTMLElement & {
      refresh: (change?: unknown) => Promise<void>;
    };
    const refresh = jest.spyOn(wizard, 'refresh').mockResolvedValue();

    part(element, 'c-connection-panel')!.dispatchEvent(
      new CustomEvent('connectionchange', { detail: { regionCode: 'US', connected: true } })
    );
    await flushPromises();

    expect(refresh).toHaveBeenCalledWith({ regionCode: 'US', connected: true });
  });

  it('lets the admin dismiss the confirmation', async () => {
    const element = await render();
    part(element, 'c-integration-list')!.dispatchEvent(new CustomEvent('newintegration'));
    await flushPromises();
    part(element, 'c-integration-wizard')!.dispatchEvent(
      new CustomEvent('saved', { detail: { developerName: 'Lead_Logins', label: 'Lead logins' } })
    );
    await flushPromises();

    (part(element, '[data-id="console-notice"] lightning-button-icon') as HTMLElement).click();
    await flushPromises();

    expect(part(element, '[data-id="console-notice"]')).toBeNull();
  });
});
