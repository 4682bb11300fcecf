import { createElement } from 'lwc';
import RunStatusBadge from 'c/runStatusBadge';

function render(status?: string): HTMLElement {
  const element = createElement('c-run-status-badge', { is: RunStatusBadge });
  if (status !== undefined) {
    Object.assign(element, { status });
  }
  document.body.appendChild(element);
  return element;
}

function badgeOf(element: HTMLElement): HTMLElement {
  const badge = element.shadowRoot?.querySelector<HTMLElement>('.slds-badge');
  if (!badge) {
    throw new Error('badge not rendered');
  }
  return badge;
}

describe('c-run-status-badge', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it.each([
    ['Completed', 'slds-theme_success'],
    ['Completed with errors', 'slds-theme_warning'],
    ['Failed', 'slds-theme_error'],
    ['Running', 'slds-badge_inverse']
  ])('shows %s with the %s theme', (status, themeClass) => {
    const badge = badgeOf(render(status));

    expect(badge.classList).toContain(themeClass);
    expect(badge.textContent).toContain(status);
  });

  it('says the integration never ran when there is no status', () => {
    const badge = badgeOf(render());

    expect(badge.textContent).toContain('Never run');
  });

  it('shows an unknown status as it is, in a neutral badge', () => {
    const badge = badgeOf(render('Paused by admin'));

    expect(badge.textContent).toContain('Paused by admin');
    expect(badge.classList).toContain('slds-badge_lightest');
  });

  it('announces what the badge means to screen readers', () => {
    const badge = badgeOf(render('Failed'));

    expect(badge.querySelector('.slds-assistive-text')?.textContent).toBe('Run status:');
  });

  it('updates when the status changes', async () => {
    const element = render('Running');
    Object.assign(element, { status: 'Completed' });
    await Promise.resolve();

    expect(badgeOf(element).classList).toContain('slds-theme_success');
  });

  it('shows a completed run that matched no record as a warning, in the words of the Apex', () => {
    const element = render('Completed');
    Object.assign(element, {
      outcome: 'Completed · no record matched',
      warning: 'No record matched: 10 read, 10 unmatched — check the key pair.'
    });
    return Promise.resolve().then(() => {
      const badge = badgeOf(element);
      expect(badge.classList).toContain('slds-theme_warning');
      expect(badge.classList).not.toContain('slds-theme_success');
      expect(badge.textContent).toContain('Completed · no record matched');
    });
  });
});
