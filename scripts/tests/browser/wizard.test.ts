/**
 * The New / Edit integration wizard in Chromium against the preview's sample org, at 1280×720
 * and at phone width (390×844), found by role and label:
 *
 * - New integration and Edit bring the wizard into view and focus its heading, from a window
 *   scrolled down to the list;
 * - no step is wider than the window; the mapping boxes show their whole value; each row's X
 *   shows without hovering and is reached by the keyboard;
 * - a taken API name is named under the field in step 2, and the message goes with the name;
 * - the Auto-map message goes once the rows change; the footer hint keeps clear of Back; the
 *   check mark of the current, complete step stands out from its button (≥ 3:1);
 * - Save warns after a Preview that matched no record, and still saves;
 * - Cancel asks before it discards a draft, and not when nothing changed;
 * - the key field offers identifying fields first, warns on a weak one and refuses a key pair
 *   whose types can never match.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir, startedHarness } from './previewHarness.ts';
import { choose, focusPath, focusWithin } from './consolePage.ts';

const VIEWPORTS = [
  { name: '1280×720', width: 1280, height: 720 },
  { name: '390×844', width: 390, height: 844 }
] as const;

/** Whether the page is wider than the window (sideways scrolling). */
async function assertNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth
  }));
  assert.ok(
    scrollWidth <= innerWidth,
    `${where}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`
  );
}

/** Waits until the locator's top edge is inside the window (a smooth scroll takes a moment). */
async function assertTopInView(page: Page, target: Locator, what: string): Promise<void> {
  let top = Number.NaN;
  let height = 0;
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const box = await target.boundingBox();
    height = page.viewportSize()?.height ?? 0;
    top = box?.y ?? Number.NaN;
    if (top >= 0 && top < height) {
      return;
    }
    await page.waitForTimeout(50);
  }
  assert.fail(`${what} is not in the window: its top is at ${top} px of ${height} px`);
}

/** The WCAG contrast ratio of two CSS `rgb()`/`rgba()` colours (alpha ignored: both opaque). */
function contrastRatio(first: string, second: string): number {
  const luminance = (color: string): number => {
    const parts = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const [r, g, b] = parts.map((part) => {
      const channel = part / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

/** The SLDS button inside the lightning-button named `name` in `scope`. */
function button(scope: Locator, name: string): Locator {
  return scope.getByRole('button', { name, exact: true });
}

/** Scrolls the window to its end, where the list is, as an admin reading it would be. */
async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

describe('the integration wizard in Chromium', () => {
  const harness = startedHarness();

  for (const viewport of VIEWPORTS) {
    describe(`at ${viewport.name}`, () => {
      async function open(pageErrors: string[]): Promise<Page> {
        const page = await harness.openPreview(pageErrors);
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        page.setDefaultTimeout(10_000);
        await page.locator('c-integration-list tr[data-developer-name]').first().waitFor();
        return page;
      }

      it('New integration brings the wizard into view and focuses its heading', async () => {
        const pageErrors: string[] = [];
        const page = await open(pageErrors);
        await scrollToEnd(page);
        await button(page.locator('c-integration-list'), 'New integration').click();

        const wizard = page.locator('c-integration-wizard');
        const heading = wizard.getByRole('heading', { name: 'New integration', exact: true });
        await heading.waitFor();
        await assertTopInView(page, heading, 'the wizard heading');
        assert.match(await focusPath(page), /c-integration-wizard > h2\[title\]$/);
        await assertNoSidewaysScroll(page, 'step 1');
        assert.deepEqual(pageErrors, [], 'the page logs no errors');
        await page.close();
      });

      it('Edit brings the wizard into view, and Cancel without a change leaves at once', async () => {
        const pageErrors: string[] = [];
        const page = await open(pageErrors);
        const list = page.locator('c-integration-list');
        await scrollToEnd(page);
        await list.getByRole('button', { name: 'Actions for Lead logins', exact: true }).click();
        await page.getByRole('menuitem', { name: 'Edit' }).click();

        const wizard = page.locator('c-integration-wizard');
        const heading = wizard.getByRole('heading', { name: /^Edit integration/ });
        await heading.waitFor();
        await wizard.getByRole('combobox', { name: 'Salesforce field, row 1' }).waitFor();
        await assertTopInView(page, heading, 'the wizard heading');
        assert.match(await focusPath(page), /c-integration-wizard > h2\[title\]$/);
        await assertNoSidewaysScroll(page, 'the mapping step of Edit');

        await button(wizard, 'Cancel').click();
        await wizard.waitFor({ state: 'detached' });
        assert.equal(await page.getByRole('alertdialog').count(), 0, 'nothing to confirm');
        assert.deepEqual(pageErrors, [], 'the page logs no errors');
        await page.close();
      });

      it('offers identifying key fields first, warns on a weak one and refuses a date key with Email', async () => {
        const pageErrors: string[] = [];
        const page = await open(pageErrors);
        await button(page.locator('c-integration-list'), 'New integration').click();
        const wizard = page.locator('c-integration-wizard');
        await wizard.getByText('Europe (eu-api.walkme.com)').click();
        await button(wizard, 'Continue').click();
        await wizard.getByLabel('Integration name').fill('Lead logins keys');
        await choose(page, wizard, 'Report', 'Logins review');
        await wizard.getByLabel('Search objects').fill('Lead');
        await choose(page, wizard, 'Object', 'Lead (Lead)');
        await choose(page, wizard, 'Report key column', 'Email (email)');

        // Identifying fields first, each saying why; the others marked "not unique".
        await wizard.getByRole('combobox', { name: 'Key field on Lead', exact: true }).click();
        const options = await page.getByRole('option').allInnerTexts();
        const labels = options.map((option) => option.trim()).filter((option) => option !== '');
        const firstWeak = labels.findIndex((label) => label.endsWith('· not unique'));
        assert.ok(firstWeak > 0, `identifying fields come first: ${labels.join(' | ')}`);
        assert.ok(
          labels.slice(0, firstWeak).every((label) => !label.endsWith('· not unique')),
          'no weak field among the identifying ones'
        );
        assert.ok(labels.includes('Email (Email) · Email'), 'Email identifies a lead');
        await page.getByRole('option', { name: 'City (City) · not unique', exact: true }).click();
        await wizard
          .getByRole('status')
          .filter({ hasText: 'Not unique: several records may share a City.' })
          .waitFor();
        assert.equal(
          await button(wizard, 'Continue').isDisabled(),
          false,
          'a weak key is warned, not refused'
        );

        // A date column can never match Email: refused, and step 2 stays incomplete.
        await choose(page, wizard, 'Key field on Lead', 'Email (Email) · Email');
        await choose(page, wizard, 'Report key column', 'First login (first_login)');
        const refused = wizard.getByRole('alert').filter({ hasText: 'can never match' });
        await refused.waitFor();
        assert.match(await refused.innerText(), /The key column "first_login" holds/);
        assert.equal(await button(wizard, 'Continue').isDisabled(), true, 'the pair is refused');
        await assertNoSidewaysScroll(page, 'step 2 with the key pair refused');
        await page.screenshot({
          path: join(artifactsDir, `wizard-key-refused-${viewport.width}.png`)
        });
        assert.deepEqual(pageErrors, [], 'the page logs no errors');
        await page.close();
      });

      it('walks a new integration: taken API name, mapping rows, contrast, Save warning, Cancel', async () => {
        const pageErrors: string[] = [];
        const page = await open(pageErrors);
        await button(page.locator('c-integration-list'), 'New integration').click();
        const wizard = page.locator('c-integration-wizard');

        // Step 1.
        await wizard.getByText('Europe (eu-api.walkme.com)').click();
        await assertNoSidewaysScroll(page, 'step 1');
        await button(wizard, 'Continue').click();

        // Step 2: an API name in use is named under the field once the field is left.
        await wizard.getByLabel('Integration name').fill('Lead logins (EU)');
        const apiName = wizard.getByLabel('API name');
        await apiName.fill('Lead_Logins');
        await apiName.press('Tab');
        const taken = wizard.getByRole('alert').filter({ hasText: 'already exists' });
        await taken.waitFor();
        assert.match(
          await taken.innerText(),
          /An integration with the API name "Lead_Logins" already exists/
        );
        await apiName.fill('Lead_Logins_EU');
        assert.equal(await taken.count(), 0, 'the message goes as soon as the name changes');
        await page.waitForTimeout(700);
        assert.equal(await taken.count(), 0, 'and stays away for a free name');
        await choose(page, wizard, 'Report', 'Logins review');
        await wizard.getByLabel('Search objects').fill('Lead');
        await choose(page, wizard, 'Object', 'Lead (Lead)');
        await choose(page, wizard, 'Report key column', 'User ID (user_id)');
        await choose(page, wizard, 'Key field on Lead', 'Email (Email) · Email');
        // The time: the whole hours of a UTC day, the passes of the hourly dispatcher.
        const time = wizard.getByRole('combobox', { name: 'Time (UTC)', exact: true });
        assert.equal(
          (await time.innerText()).trim(),
          '08:00',
          'a new integration runs at 08:00 UTC'
        );
        await time.click();
        const hours = await page.getByRole('option').allInnerTexts();
        assert.deepEqual(
          hours.map((hour) => hour.trim()),
          Array.from({ length: 24 }, (_unused, hour) => `${String(hour).padStart(2, '0')}:00`),
          'whole hours only, 00:00 to 23:00'
        );
        await page.getByRole('option', { name: '06:00', exact: true }).click();
        assert.equal((await time.innerText()).trim(), '06:00', 'the chosen hour');
        await assertNoSidewaysScroll(page, 'step 2');

        // The current step's check mark: step 1 is complete; opened again, it is current.
        await wizard.getByRole('button', { name: /^1 Environment/ }).click();
        const check = wizard.locator('button[aria-current="step"] lightning-icon svg');
        await check.waitFor();
        // The colours at rest: neither hovered nor pressed.
        await page.mouse.move(0, 0);
        const [iconColor, buttonColor] = await Promise.all([
          check.evaluate((svg) => getComputedStyle(svg).fill),
          wizard
            .locator('button[aria-current="step"]')
            .evaluate((element) => getComputedStyle(element).backgroundColor)
        ]);
        const ratio = contrastRatio(iconColor, buttonColor);
        console.log(`  check mark ${iconColor} on ${buttonColor}: ${ratio.toFixed(2)}:1`);
        assert.ok(ratio >= 3, `the check mark stands out from its button: ${ratio.toFixed(2)}:1`);
        await assertNoSidewaysScroll(page, 'step 1 with the headers complete');
        await wizard.getByRole('button', { name: /^2 Report and object/ }).click();
        await button(wizard, 'Continue').click();

        // Step 3: Auto-map's rows, whole values, and an X on each row without hovering.
        const editor = wizard.locator('c-mapping-editor');
        const message = editor.getByText('Auto-map added 3 mappings.');
        await message.waitFor();
        await page.mouse.move(0, 0);
        const fieldBoxes = editor.getByRole('combobox', { name: /^Salesforce field, row/ });
        assert.equal(await fieldBoxes.count(), 3);
        for (let index = 0; index < 3; index += 1) {
          const box = fieldBoxes.nth(index);
          const { value, scrollWidth, clientWidth } = await box.evaluate((input) => ({
            value: (input as HTMLInputElement).value,
            scrollWidth: input.scrollWidth,
            clientWidth: input.clientWidth
          }));
          assert.ok(
            scrollWidth <= clientWidth,
            `"${value}" shows whole: ${scrollWidth} px of text in a ${clientWidth} px box`
          );
        }
        const removes = editor.getByRole('button', { name: /^Remove row/ });
        for (let index = 0; index < 3; index += 1) {
          const remove = removes.nth(index);
          const opacity = await remove.evaluate(
            (element) =>
              getComputedStyle(element.closest('[data-action="remove-row"]') ?? element).opacity
          );
          assert.equal(opacity, '1', `row ${index + 1}'s X shows without hovering`);
          const box = await remove.boundingBox();
          assert.ok(box && box.x + box.width <= viewport.width, 'and inside the window');
        }
        await assertNoSidewaysScroll(page, 'step 3');
        await page.screenshot({
          path: join(artifactsDir, `wizard-mapping-${viewport.width}.png`),
          fullPage: true
        });

        // The keyboard reaches the X: Tab from the last field box lands on row 3's X.
        await fieldBoxes.nth(2).focus();
        await page.keyboard.press('Tab');
        assert.match(await focusPath(page), /lightning-button-icon\[remove-row\] > button$/);
        await page.keyboard.press('Enter');
        await assert.doesNotReject(() => removes.nth(2).waitFor({ state: 'detached' }));
        assert.equal(await message.count(), 0, 'the Auto-map message goes with the row');

        // The footer hint keeps clear of Back.
        await button(editor, 'Add Column').click();
        const hint = wizard.getByText(/1 row is incomplete or not valid/);
        await hint.waitFor();
        const [hintBox, backBox] = await Promise.all([
          hint.boundingBox(),
          button(wizard, 'Back').boundingBox()
        ]);
        assert.ok(hintBox && backBox, 'both are shown');
        const apart =
          hintBox.x >= backBox.x + backBox.width + 4 ||
          hintBox.x + hintBox.width + 4 <= backBox.x ||
          hintBox.y >= backBox.y + backBox.height ||
          hintBox.y + hintBox.height <= backBox.y;
        assert.ok(
          apart,
          `the hint ${JSON.stringify(hintBox)} keeps 4 px from Back ${JSON.stringify(backBox)}`
        );
        await assertNoSidewaysScroll(page, 'step 3 with the hint');

        // Preview matches no Lead (User IDs are no emails): Save warns, and stays enabled.
        await button(wizard, 'Preview').click();
        const warning = wizard.getByText(/^Preview matched no Lead:/);
        await warning.waitFor();
        assert.match(
          await warning.innerText(),
          /Preview matched no Lead: \d+ rows read, \d+ unmatched\. Check the key pair before saving\./
        );
        assert.equal(await button(wizard, 'Save').isEnabled(), true);
        const [warningBox, saveBox] = await Promise.all([
          warning.boundingBox(),
          button(wizard, 'Save').boundingBox()
        ]);
        assert.ok(warningBox && saveBox && warningBox.y < saveBox.y, 'the warning is above Save');
        await assertNoSidewaysScroll(page, 'step 3 after Preview');

        // Cancel asks first: No keeps the draft, Yes leaves.
        await button(wizard, 'Cancel').click();
        const confirm = page.getByRole('alertdialog', { name: 'Discard your changes?' });
        await confirm.waitFor();
        // The dialog fades in: the screenshot waits for it.
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(artifactsDir, `wizard-cancel-${viewport.width}.png`) });
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        await confirm.waitFor({ state: 'detached' });
        assert.equal(await wizard.count(), 1, 'the draft stays');
        await button(wizard, 'Cancel').click();
        await confirm.waitFor();
        // The dialog takes the focus once it has faded in; Escape is pressed there, as a user would.
        await focusWithin(page, confirm);
        await page.keyboard.press('Escape');
        await confirm.waitFor({ state: 'detached' });
        assert.equal(await wizard.count(), 1, 'Escape keeps the draft too');
        await button(wizard, 'Cancel').click();
        await confirm.getByRole('button', { name: 'OK' }).click();
        await wizard.waitFor({ state: 'detached' });
        await page.locator('c-integration-list tr[data-developer-name]').first().waitFor();
        assert.deepEqual(pageErrors, [], 'the page logs no errors');
        await page.close();
      });
    });
  }
});
