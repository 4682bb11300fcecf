/**
 * What the browser tests do on the console's page, by role and label: choose an option of a
 * combobox, find a row action's button, say where the focus is, keep a screenshot.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir } from './previewHarness.ts';

/**
 * Chooses an option of the lightning-combobox labelled `label` inside `scope`: the option named
 * exactly `option`, or the first whose name matches it.
 */
export async function choose(
  page: Page,
  scope: Locator,
  label: string,
  option: string | RegExp
): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** The button of the lightning-button (or menu) marked `data-action="name"` in `scope`. */
export function action(scope: Locator, name: string): Locator {
  return scope.locator(`[data-action="${name}"] button`).first();
}

/**
 * Where the focus is, through the shadow roots: `tag[data-action|data-id]`, outermost first.
 * (Code passed to page.evaluate declares no named functions: tsx would wrap them in a helper
 * that exists only in Node.)
 */
export function focusPath(page: Page): Promise<string> {
  return page.evaluate(() => {
    const chain: string[] = [];
    let active: Element | null = document.activeElement;
    while (active) {
      const name = active.getAttribute('data-action') ?? active.getAttribute('data-id');
      chain.push(active.tagName.toLowerCase() + (name ? `[${name}]` : ''));
      active = active.shadowRoot?.activeElement ?? null;
    }
    return chain.join(' > ');
  });
}

/**
 * Waits until the focus is inside `scope` (through the shadow roots), as it is once a dialog has
 * taken it: keys pressed before then go to the page behind, and a dialog still fading in has not.
 */
export async function focusWithin(page: Page, scope: Locator): Promise<void> {
  const element = await scope.elementHandle();
  await page.waitForFunction(
    (container) => {
      let active: Element | null = document.activeElement;
      while (active) {
        if (container === active || container?.contains(active)) return true;
        active = active.shadowRoot?.activeElement ?? null;
      }
      return false;
    },
    element,
    { timeout: 10_000 }
  );
}

/**
 * Keeps a screenshot as a test artifact named `name`: of the part a step is about when given,
 * else of the window (dialogs cover the window, not the whole page).
 */
export function shot(page: Page, name: string, part?: Locator): Promise<Buffer> {
  const path = join(artifactsDir, `${name}.png`);
  return part ? part.screenshot({ path }) : page.screenshot({ path });
}
