import { createElement } from 'lwc';
import InsightsConsole from 'c/insightsConsole';
import getIntegrations from '@salesforce/apex/IntegrationController.getIntegrations';
import getSchedulerStatus from '@salesforce/apex/IntegrationController.getSchedulerStatus';
import getConnections from '@salesforce/apex/ConnectionController.getConnections';

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
  { virtual: true }
);
jest.mock('@salesforce/apex/ConnectionController.getConnections', () => ({ default: jest.fn() }), {
  virtual: true
});
// A viewer: the Insights Sync Viewer permission set grants no Manage Insights Sync.
jest.mock('@salesforce/customPermission/Manage_Insights_Sync', () => ({ default: undefined }), {
  virtual: true
});

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('c-insights-console for a viewer', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('leaves the connection panel out and shows the integrations list', async () => {
    (getIntegrations as jest.Mock).mockResolvedValue([]);
    (getSchedulerStatus as jest.Mock).mockResolvedValue({ scheduled: false });
    const element = createElement('c-insights-console', { is: InsightsConsole });
    document.body.appendChild(element);
    await flushPromises();

    expect(element.shadowRoot!.querySelector('c-connection-panel')).toBeNull();
    expect(element.shadowRoot!.querySelector('c-settings-panel')).toBeNull();
    const list = element.shadowRoot!.querySelector<HTMLElement & { readOnly: boolean }>(
      'c-integration-list'
    );
    expect(list!.readOnly).toBe(true);
    expect(element.shadowRoot!.querySelector('[data-action="new-integration"]')).toBeNull();
    expect(getConnections).not.toHaveBeenCalled();
    expect(getIntegrations).toHaveBeenCalledTimes(1);
  });
});
