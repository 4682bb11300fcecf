import { createElement } from 'lwc';
import SettingsPanel from 'c/settingsPanel';
import getSettings from '@salesforce/apex/SettingsController.getSettings';
import saveSettings from '@salesforce/apex/SettingsController.saveSettings';
import scheduleJob from '@salesforce/apex/SettingsController.scheduleJob';
import unscheduleJob from '@salesforce/apex/SettingsController.unscheduleJob';

jest.mock('@salesforce/apex/SettingsController.getSettings', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/SettingsController.saveSettings', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/SettingsController.scheduleJob', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/SettingsController.unscheduleJob', () => ({ default: jest.fn() }), {
  virtual: true
});

type Settings = InsightsSync.ConsoleSettings;

const getSettingsMock = getSettings as jest.MockedFunction<typeof getSettings>;
const saveSettingsMock = saveSettings as jest.MockedFunction<typeof saveSettings>;
const scheduleJobMock = scheduleJob as jest.MockedFunction<typeof scheduleJob>;
const unscheduleJobMock = unscheduleJob as jest.MockedFunction<typeof unscheduleJob>;

type FormElement = HTMLElement & {
  value: string;
  checked: boolean;
  disabled: boolean;
  label: string;
};

const SETTINGS: Settings = {
  logRetentionDays: 30,
  failureEmailRecipients: 'ops@example.com',
  alertOnCompletedWithErrors: false,
  dispatcherScheduled: true,
  dispatcherNextFireTime: '2026-03-02T09:00:00.000Z',
  dispatcherScheduledBy: 'Ada Admin',
  purgeScheduled: false,
  maxLogRetentionDays: 3650,
  maxFailureEmailRecipients: 10,
  problems: []
};

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

function apexError(message: string): { body: { message: string }; status: number } {
  return { body: { message }, status: 500 };
}

function mount(): HTMLElement {
  const element = createElement('c-settings-panel', { is: SettingsPanel });
  document.body.appendChild(element);
  return element;
}

function find<T extends HTMLElement = FormElement>(
  element: HTMLElement,
  selector: string
): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

function texts(element: HTMLElement, selector: string): string[] {
  return Array.from(element.shadowRoot!.querySelectorAll(`${selector} p`)).map(
    (node) => node.textContent ?? ''
  );
}

function change(input: HTMLElement, detail: Record<string, unknown>): void {
  input.dispatchEvent(new CustomEvent('change', { detail }));
}

describe('c-settings-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows a spinner while the settings load', async () => {
    const pending = deferred<Settings>();
    getSettingsMock.mockReturnValue(pending.promise);
    const element = mount();
    await Promise.resolve();

    expect(find(element, 'lightning-spinner')).not.toBeNull();
    expect(find(element, '[data-id="settings-form"]')).toBeNull();

    pending.resolve(SETTINGS);
    await flushPromises();
    expect(find(element, 'lightning-spinner')).toBeNull();
  });

  it('shows the loaded settings and the state of both jobs', async () => {
    getSettingsMock.mockResolvedValue(SETTINGS);
    const element = mount();
    await flushPromises();

    expect(find(element, '[data-id="retention"]')!.value).toBe('30');
    expect(find(element, '[data-id="recipients"]')!.value).toBe('ops@example.com');
    expect(find(element, '[data-id="alert"]')!.checked).toBe(false);
    const dispatcher = find(element, '[data-job-row="dispatcher"]')!;
    expect(dispatcher.querySelector<FormElement>('[data-id="job-state"]')!.label).toContain(
      'Scheduled by Ada Admin'
    );
    expect(dispatcher.querySelector<FormElement>('lightning-button')!.label).toBe(
      'Unschedule hourly dispatcher'
    );
    const purge = find(element, '[data-job-row="purge"]')!;
    expect(purge.querySelector<FormElement>('[data-id="job-state"]')!.label).toBe('Not scheduled');
    expect(purge.querySelector<FormElement>('lightning-button')!.label).toBe(
      'Schedule daily log purge'
    );
  });

  it('shows what in the stored settings is ignored', async () => {
    getSettingsMock.mockResolvedValue({
      ...SETTINGS,
      problems: ['"nobody" in Failure Email Recipients is not an email address.']
    });
    const element = mount();
    await flushPromises();

    expect(texts(element, '[data-id="stored-problems"]')).toEqual([
      '"nobody" in Failure Email Recipients is not an email address.'
    ]);
  });

  it('says why the settings could not be loaded', async () => {
    getSettingsMock.mockRejectedValue(apexError('You cannot read the Insights Sync settings.'));
    const element = mount();
    await flushPromises();

    expect(texts(element, '[data-id="load-errors"]')).toEqual([
      'You cannot read the Insights Sync settings.'
    ]);
    expect(find(element, '[data-id="settings-form"]')).toBeNull();
  });

  it('sends the typed values and disables Save while saving, then shows them saved', async () => {
    getSettingsMock.mockResolvedValue(SETTINGS);
    const pending = deferred<Settings>();
    saveSettingsMock.mockReturnValue(pending.promise);
    const element = mount();
    await flushPromises();

    change(find(element, '[data-id="retention"]')!, { value: '90' });
    change(find(element, '[data-id="recipients"]')!, { value: 'a@example.com; b@example.com' });
    change(find(element, '[data-id="alert"]')!, { checked: true });
    find(element, '[data-action="save"]')!.click();
    await Promise.resolve();

    expect(saveSettingsMock).toHaveBeenCalledWith({
      logRetentionDays: 90,
      failureEmailRecipients: 'a@example.com; b@example.com',
      alertOnCompletedWithErrors: true
    });
    expect(find(element, '[data-action="save"]')!.disabled).toBe(true);
    expect(find(element, 'lightning-spinner')).not.toBeNull();

    pending.resolve({
      ...SETTINGS,
      logRetentionDays: 90,
      failureEmailRecipients: 'a@example.com, b@example.com',
      alertOnCompletedWithErrors: true
    });
    await flushPromises();

    expect(find(element, '[data-id="settings-notice"]')!.textContent).toContain('Settings saved');
    expect(find(element, '[data-id="recipients"]')!.value).toBe('a@example.com, b@example.com');
    expect(find(element, '[data-id="alert"]')!.checked).toBe(true);
    expect(find(element, '[data-action="save"]')!.disabled).toBe(false);
  });

  it('lists every refused value, one a line, and keeps what was typed', async () => {
    getSettingsMock.mockResolvedValue(SETTINGS);
    saveSettingsMock.mockRejectedValue(
      apexError(
        'Log retention must be a whole number of days from 1 to 3650, not 0.\n"nobody" is not an email address.'
      )
    );
    const element = mount();
    await flushPromises();

    change(find(element, '[data-id="retention"]')!, { value: '0' });
    change(find(element, '[data-id="recipients"]')!, { value: 'nobody' });
    find(element, '[data-action="save"]')!.click();
    await flushPromises();

    expect(texts(element, '[data-id="errors"]')).toEqual([
      'Log retention must be a whole number of days from 1 to 3650, not 0.',
      '"nobody" is not an email address.'
    ]);
    expect(find(element, '[data-id="settings-notice"]')).toBeNull();
    expect(find(element, '[data-id="recipients"]')!.value).toBe('nobody');
  });

  it('refuses a retention with a fraction before sending it, as Apex takes whole days', async () => {
    getSettingsMock.mockResolvedValue(SETTINGS);
    const element = mount();
    await flushPromises();

    change(find(element, '[data-id="retention"]')!, { value: '30.5' });
    find(element, '[data-action="save"]')!.click();
    await flushPromises();

    expect(saveSettingsMock).not.toHaveBeenCalled();
    expect(texts(element, '[data-id="errors"]')).toEqual([
      'Log retention must be a whole number of days, not 30.5.'
    ]);
  });

  it('sends an empty retention as null for the Apex to name', async () => {
    getSettingsMock.mockResolvedValue(SETTINGS);
    saveSettingsMock.mockRejectedValue(apexError('Log retention must be ...; it is empty.'));
    const element = mount();
    await flushPromises();

    change(find(element, '[data-id="retention"]')!, { value: '' });
    find(element, '[data-action="save"]')!.click();
    await flushPromises();

    expect(saveSettingsMock.mock.calls[0][0].logRetentionDays).toBeNull();
  });

  it('schedules the purge and unschedules the dispatcher from their rows', async () => {
    getSettingsMock.mockResolvedValue(SETTINGS);
    scheduleJobMock.mockResolvedValue({ ...SETTINGS, purgeScheduled: true });
    unscheduleJobMock.mockResolvedValue({
      ...SETTINGS,
      purgeScheduled: true,
      dispatcherScheduled: false,
      dispatcherNextFireTime: undefined
    });
    const element = mount();
    await flushPromises();

    find(element, '[data-job-row="purge"] lightning-button')!.click();
    await flushPromises();
    expect(scheduleJobMock).toHaveBeenCalledWith({ job: 'purge' });
    expect(find(element, '[data-id="settings-notice"]')!.textContent).toContain(
      'The daily log purge is scheduled.'
    );

    find(element, '[data-job-row="dispatcher"] lightning-button')!.click();
    await flushPromises();
    expect(unscheduleJobMock).toHaveBeenCalledWith({ job: 'dispatcher' });
    expect(find(element, '[data-job-row="dispatcher"] [data-id="job-state"]')!.label).toBe(
      'Not scheduled'
    );
  });

  it('says why a job could not be scheduled', async () => {
    getSettingsMock.mockResolvedValue(SETTINGS);
    scheduleJobMock.mockRejectedValue(apexError('Salesforce refused to schedule the job.'));
    const element = mount();
    await flushPromises();

    find(element, '[data-job-row="purge"] lightning-button')!.click();
    await flushPromises();

    expect(texts(element, '[data-id="errors"]')).toEqual([
      'Salesforce refused to schedule the job.'
    ]);
  });
});
