import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { PreviewHarness, artifactsDir } from './previewHarness.ts';

/** Where the focus is, through the shadow roots: `TAG[data-action]` of each host, outermost first. */
function focusPath(page: Page): Promise<string> {
  return page.evaluate(() => {
    const chain: string[] = [];
    let active: Element | null = document.activeElement;
    while (active) {
      const action = active.getAttribute('data-action') ?? active.getAttribute('data-id');
      chain.push(active.tagName.toLowerCase() + (action ? `[${action}]` : ''));
      active = active.shadowRoot?.activeElement ?? null;
    }
    return chain.join(' > ');
  });
}

describe('Log overlay in Chromium', () => {
  const harness = new PreviewHarness();

  before(async () => {
    await harness.start();
  });
  after(async () => {
    await harness.stop();
  });

  it('lists the runs, shows a log, downloads its issues as CSV and closes', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    await page.locator('preview-gallery tbody tr').first().waitFor();

    await page.getByRole('button', { name: 'Log', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Run log' });
    await dialog.waitFor();
    const rows = dialog.locator('tbody tr[data-run-id]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 5, 'one row per sample run');
    assert.match(await focusPath(page), /c-log-viewer > h1\[heading\]$/, 'focus moved into it');
    assert.match(await dialog.locator('tr[data-run-id="run-2"]').innerText(), /420 ms/);
    await page.screenshot({ path: join(artifactsDir, 'log-runs.png') });

    await dialog
      .getByRole('button', { name: 'Show log of NPS per end user started 2026-11-24 08:00:05 UTC' })
      .click();
    const stepLog = dialog.locator('pre[data-id="step-log"]');
    await stepLog.waitFor();
    assert.match(await stepLog.innerText(), /Completed with errors/);
    assert.equal(await dialog.locator('table[data-id="issues-table"] tbody tr').count(), 3);
    await page.screenshot({ path: join(artifactsDir, 'log-detail.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download the row issues of RUN-000042 as CSV' }).click()
    ]);
    assert.equal(download.suggestedFilename(), 'insights-sync-run-RUN-000042-issues.csv');
    const csv = readFileSync((await download.path()) as string, 'utf8');
    assert.ok(csv.startsWith('\uFEFFKey,Record ID,Severity,'), 'BOM and header row');
    assert.match(csv, /"NPS must be between 0 and 10, got ""11""",WalkMe_NPS_Score__c,2\r\n/);
    assert.match(csv, /zoë\.müller@example\.com/);

    await dialog.getByRole('button', { name: 'Back to runs' }).click();
    await rows.first().waitFor();
    assert.equal(await rows.count(), 5);
    assert.match(await focusPath(page), /lightning-button\[show-log\] > button$/);

    await dialog.getByRole('button', { name: 'Close', exact: true }).focus();
    await page.keyboard.press('Tab');
    assert.match(await focusPath(page), /lightning-button-icon\[close\] > button$/, 'Tab wraps');
    await page.keyboard.press('Shift+Tab');
    assert.match(await focusPath(page), /lightning-button\[close-footer\] > button$/);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.locator('preview-gallery tbody tr').count(), 5);
    assert.match(await focusPath(page), /lightning-button\[open-log\] > button$/, 'focus returns');
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
  });
});
