/**
 * The connections panel and the page around it in Chromium against the preview's sample org, at
 * a laptop window (1280×720) and a phone (390×844): the integrations come first and the panel
 * folds away once a region is connected; refused credentials read "Credentials refused"; a
 * connect says its outcome once and Enter connects; Disconnect asks in a dialog that names the
 * integrations using the region; after Save the "Saved" message and the saved row are in view.
 * Everything is found by role and label.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir, startedHarness } from './previewHarness.ts';
import { choose } from './consolePage.ts';

const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 }
] as const;

const PANEL_BUTTON = 'WalkMe Insights connections';

/** Whether the element lies wholly inside the window as it is scrolled now. */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  assert.ok(box && size, 'the element is rendered');
  return box.y >= 0 && box.y + box.height <= size.height;
}

/** The accessible name (aria-label, else text) of the element holding the focus, through shadow roots. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    return (active?.getAttribute('aria-label') ?? active?.textContent ?? '').trim();
  });
}

/** How many elements show `text` on screen: the screen-reader-only live region left out. */
async function shownCount(scope: Locator, text: RegExp): Promise<number> {
  const found = scope.getByText(text);
  let shown = 0;
  for (const element of await found.all()) {
    const assistive = await element.evaluate(
      (node) => node.closest('.slds-assistive-text') !== null
    );
    if (!assistive && (await element.isVisible())) {
      shown += 1;
    }
  }
  return shown;
}

async function openPanel(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', { name: PANEL_BUTTON });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  return page.locator('c-connection-panel');
}

async function connect(page: Page, panel: Locator, region: string, secret: string): Promise<void> {
  await choose(page, panel, 'Region', region);
  await panel.getByLabel('Client ID').fill('walkme-client-4f2c-0042');
  await panel.getByLabel('Client secret').fill(secret);
}

for (const viewport of VIEWPORTS) {
  describe(`the connections panel at ${viewport.width}×${viewport.height}`, () => {
    const harness = startedHarness();

    async function open(pageErrors: string[]): Promise<Page> {
      const page = await harness.openPreview(pageErrors);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.getByRole('table', { name: 'Integrations' }).waitFor();
      return page;
    }

    it('puts the integrations first and folds the panel away once a region is connected', async () => {
      const pageErrors: string[] = [];
      const page = await open(pageErrors);

      const toggle = page.getByRole('button', { name: PANEL_BUTTON });
      await toggle.waitFor();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'Europe is connected');
      assert.equal(await page.getByRole('combobox', { name: 'Region' }).count(), 0);
      const table = page.getByRole('table', { name: 'Integrations' });
      const tableBox = await table.boundingBox();
      const toggleBox = await toggle.boundingBox();
      assert.ok(tableBox && toggleBox && tableBox.y < toggleBox.y, 'the integrations come first');
      assert.ok(
        await inViewport(page, page.getByRole('button', { name: 'New integration' })),
        'New integration is on the first screen'
      );
      assert.match(
        await page
          .locator('c-connection-panel')
          .getByText(/^Connected: Europe\.$/)
          .innerText(),
        /Europe/,
        'the folded panel still says which regions are connected'
      );

      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await page.getByRole('combobox', { name: 'Region' }).waitFor();
      await toggle.press('Enter');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the keyboard folds it');
      assert.deepEqual(pageErrors, [], 'the page logs no errors');
    });

    it('shows refused credentials as Credentials refused, never Connected', async () => {
      const pageErrors: string[] = [];
      const page = await open(pageErrors);
      const panel = await openPanel(page);

      // The preview's WalkMe refuses a secret containing "wrong" (HTTP 401).
      await connect(page, panel, 'United States', 'wrong-secret-0042');
      await panel.getByRole('button', { name: 'Connect', exact: true }).click();
      const us = panel.getByRole('listitem').filter({ hasText: 'api.walkme.com' }).first();
      await us.getByText('Credentials refused', { exact: true }).waitFor();
      assert.equal(await us.getByText('Connected', { exact: true }).count(), 0);
      assert.match(await us.innerText(), /HTTP 401/);
      assert.match(
        await panel
          .getByText(/^Connected: Europe\. Credentials refused: United States\.$/)
          .innerText(),
        /refused/
      );
      await page.screenshot({
        path: join(artifactsDir, `connections-refused-${viewport.name}.png`)
      });

      // The wizard's step 1 flags the refused region, in its choice and under it once chosen.
      await page.getByRole('button', { name: 'New integration' }).click();
      const wizard = page.locator('c-integration-wizard');
      const refusedChoice = wizard.getByRole('radio', {
        name: 'United States (api.walkme.com) · Credentials refused'
      });
      await refusedChoice.waitFor();
      await wizard.getByText('United States (api.walkme.com) · Credentials refused').click();
      await wizard.getByText(/^WalkMe refused the credentials of United States/).waitFor();
      assert.deepEqual(pageErrors, [], 'the page logs no errors');
    });

    it('connects on Enter in Client secret and says the outcome once', async () => {
      const pageErrors: string[] = [];
      const page = await open(pageErrors);
      const panel = await openPanel(page);

      await connect(page, panel, 'United States', 'us-secret-value-0042');
      await panel.getByLabel('Client secret').press('Enter');

      const us = panel.getByRole('listitem').filter({ hasText: 'api.walkme.com' }).first();
      await us.getByText('Connected', { exact: true }).waitFor();
      await us.getByText(/5 reports are tagged/).waitFor();
      assert.equal(await shownCount(panel, /WalkMe accepted the connection/), 1, 'one message');
      assert.equal(await shownCount(panel, /5 reports/), 1, '"5 reports" once');
      assert.equal(await panel.getByLabel('Client secret').inputValue(), '');
      assert.equal(
        await page.getByRole('button', { name: PANEL_BUTTON }).getAttribute('aria-expanded'),
        'true',
        'the panel stays open on its result'
      );
      assert.deepEqual(pageErrors, [], 'the page logs no errors');
    });

    it('names Test connection by its visible text', async () => {
      const pageErrors: string[] = [];
      const page = await open(pageErrors);
      const panel = await openPanel(page);

      const test = panel.getByRole('button', { name: 'Test connection to Europe', exact: true });
      assert.equal((await test.innerText()).trim(), 'Test connection');
      assert.deepEqual(pageErrors, [], 'the page logs no errors');
    });

    it('asks before disconnecting, naming the integrations that use the region', async () => {
      const pageErrors: string[] = [];
      const page = await open(pageErrors);
      const panel = await openPanel(page);
      const opener = panel.getByRole('button', { name: 'Disconnect Europe', exact: true });

      await opener.click();
      const dialog = page.getByRole('dialog', { name: 'Disconnect Europe?' });
      await dialog.waitFor();
      const text = await dialog.innerText();
      assert.match(text, /These 4 integrations use it/);
      for (const label of [
        'Account feature usage',
        'Account onboarding',
        'Contact NPS',
        'Lead logins'
      ]) {
        assert.ok(text.includes(label), `names ${label}`);
      }
      assert.ok(!text.includes('Contact TeachMe'), 'not the integration of another region');
      assert.equal(await dialog.getByRole('button', { name: 'OK' }).count(), 0);
      await dialog.getByRole('button', { name: 'Disconnect', exact: true }).waitFor();
      assert.equal(await focusedName(page), 'Cancel', 'the safe choice has the focus');
      await page.keyboard.press('Tab');
      assert.equal(await focusedName(page), 'Disconnect');
      await page.keyboard.press('Tab');
      assert.equal(await focusedName(page), 'Cancel', 'Tab stays in the dialog');
      await page.screenshot({
        path: join(artifactsDir, `connections-disconnect-${viewport.name}.png`)
      });

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await focusedName(page), 'Disconnect Europe', 'the focus returns');

      await opener.click();
      await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      const europe = panel.getByRole('listitem').filter({ hasText: 'eu-api.walkme.com' }).first();
      await europe.getByText('Not connected', { exact: true }).waitFor();
      assert.deepEqual(pageErrors, [], 'the page logs no errors');
    });

    it('brings the Saved message and the saved row into view after Save', async () => {
      const pageErrors: string[] = [];
      const page = await open(pageErrors);
      const list = page.locator('c-integration-list');

      await list.getByRole('button', { name: 'Actions for Lead logins', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      const save = page.getByRole('button', { name: 'Save', exact: true });
      await save.waitFor();
      await save.click();

      const notice = page.getByRole('status').filter({ hasText: /^Saved Lead logins\./ });
      await notice.waitFor({ timeout: 15_000 });
      const row = page.getByRole('row').filter({ hasText: 'Lead_Logins' }).first();
      await row.waitFor();
      // The console scrolls once the list has rendered the row.
      await page.waitForTimeout(300);
      assert.ok(await inViewport(page, notice), 'the Saved message is in view');
      assert.ok(
        await inViewport(page, row),
        `the saved row is in view: row ${JSON.stringify(await row.boundingBox())}, ` +
          `notice ${JSON.stringify(await notice.boundingBox())}`
      );
      const noticeBox = await notice.boundingBox();
      const rowBox = await row.boundingBox();
      assert.ok(
        noticeBox && rowBox && rowBox.y >= noticeBox.y + noticeBox.height,
        'the message does not cover the row'
      );
      await page.screenshot({ path: join(artifactsDir, `connections-saved-${viewport.name}.png`) });
      assert.deepEqual(pageErrors, [], 'the page logs no errors');
    });
  });
}
