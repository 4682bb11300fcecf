/**
 * The Settings panel in Chromium against the preview's sample org: an admin changes the log
 * retention and the failure email recipients, saves, reloads the page and finds them saved; a
 * value the Apex refuses is named and nothing is saved; the log purge is scheduled from its row.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { artifactsDir, startedHarness } from './previewHarness.ts';

function field(panel: Locator, label: string): Locator {
  return panel.getByLabel(label, { exact: true });
}

describe('the Settings panel in Chromium', () => {
  const harness = startedHarness();

  it('saves retention and recipients, and shows them again after a reload', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    const panel = page.locator('c-settings-panel');
    const retention = field(panel, 'Log retention (days)');
    await retention.waitFor();
    assert.equal(await retention.inputValue(), '30', 'the default retention');

    await retention.fill('90');
    await field(panel, 'Failure email recipients').fill('ops@example.com; data@example.com');
    await panel
      .getByText('Also email when a run completes with errors or matches no record')
      .click();
    await panel.getByRole('button', { name: 'Save settings', exact: true }).click();
    await panel.locator('[data-id="settings-notice"]').waitFor();
    assert.match(await panel.locator('[data-id="settings-notice"]').innerText(), /Settings saved/);
    assert.equal(
      await field(panel, 'Failure email recipients').inputValue(),
      'ops@example.com, data@example.com',
      'shown as saved: each address once, separated by commas'
    );
    await panel.screenshot({ path: join(artifactsDir, 'settings.png') });

    await page.reload();
    const reloaded = page.locator('c-settings-panel');
    await field(reloaded, 'Log retention (days)').waitFor();
    assert.equal(await field(reloaded, 'Log retention (days)').inputValue(), '90');
    assert.equal(
      await field(reloaded, 'Failure email recipients').inputValue(),
      'ops@example.com, data@example.com'
    );
    assert.equal(
      await field(
        reloaded,
        'Also email when a run completes with errors or matches no record'
      ).isChecked(),
      true
    );
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
    await page.close();
  });

  it('names a refused value and shows no confirmation', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    const panel = page.locator('c-settings-panel');
    const retention = field(panel, 'Log retention (days)');
    await retention.waitFor();

    await field(panel, 'Failure email recipients').fill('nobody');
    await panel.getByRole('button', { name: 'Save settings', exact: true }).click();
    const errors = panel.locator('[data-id="errors"]');
    await errors.waitFor();
    assert.equal(await errors.innerText(), '"nobody" is not an email address.');
    assert.equal(await panel.locator('[data-id="settings-notice"]').count(), 0);
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
    await page.close();
  });

  it('schedules the log purge from its row', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    const purge = page.locator('c-settings-panel [data-job-row="purge"]');
    await purge.waitFor();
    assert.match(await purge.innerText(), /Not scheduled/);

    await purge.getByRole('button', { name: 'Schedule daily log purge', exact: true }).click();
    await purge.getByRole('button', { name: 'Unschedule daily log purge', exact: true }).waitFor();
    assert.match(await purge.innerText(), /Scheduled, daily/);
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
    await page.close();
  });
});
