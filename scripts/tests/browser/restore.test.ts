/**
 * Archived integrations in Chromium against the preview's sample org: hidden by default, listed
 * greyed with "Show archived", and restored through their row menu, after which the row shows the
 * integration Paused.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { artifactsDir, startedHarness } from './previewHarness.ts';

describe('archived integrations in Chromium', () => {
  const harness = startedHarness();

  it('shows the archived integrations, restores one and sees it Paused', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    const list = page.locator('c-integration-list');
    const rows = list.locator('tr[data-developer-name]');
    await rows.first().waitFor();
    const pilot = list.locator('tr[data-developer-name="Lead_Logins_Pilot"]');
    assert.equal(await pilot.count(), 0, 'archived integrations are hidden by default');
    const listed = await rows.count();

    await list.getByRole('switch', { name: 'Show archived' }).check({ force: true });
    await pilot.waitFor();
    assert.equal(await rows.count(), listed + 1, 'the archived one is added to the list');
    assert.equal(
      await rows.last().getAttribute('data-developer-name'),
      'Lead_Logins_Pilot',
      'after the others'
    );
    assert.match((await pilot.getAttribute('class')) ?? '', /archived-row/);
    assert.equal(await pilot.locator('[data-id="state"]').innerText(), 'Archived');
    assert.match(
      await pilot.locator('[data-id="archived-note"]').innerText(),
      /Restore brings it back paused/
    );
    // Greyed: the row's cells are painted, not left transparent like the others.
    const background = await pilot
      .locator('[data-id="report"]')
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the archived row is greyed');

    await pilot.getByRole('button', { name: 'Actions for Lead logins (pilot)' }).click();
    const items = page.getByRole('menuitem');
    assert.deepEqual(await items.allInnerTexts(), ['Restore'], 'Restore and nothing else');
    await page.screenshot({ path: join(artifactsDir, 'archived-integrations.png') });
    await page.getByRole('menuitem', { name: 'Restore' }).click();

    await pilot.locator('[data-id="row-notice"]').waitFor();
    assert.equal(
      await pilot.locator('[data-id="row-notice"]').innerText(),
      'Restored, paused: it runs only on Run Now until you resume it.'
    );
    assert.equal(await pilot.locator('[data-id="state"]').innerText(), 'Paused');
    assert.equal(await pilot.locator('[data-id="next-run"]').innerText(), 'Paused');
    assert.doesNotMatch((await pilot.getAttribute('class')) ?? '', /archived-row/);
    await pilot.screenshot({ path: join(artifactsDir, 'restored-integration.png') });
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
  });
});
