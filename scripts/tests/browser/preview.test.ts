import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PreviewHarness, artifactsDir } from './previewHarness.ts';

describe('local preview in Chromium', () => {
  const harness = new PreviewHarness();

  before(async () => {
    await harness.start();
  });
  after(async () => {
    await harness.stop();
  });

  it('renders the sample runs with the real base components and SLDS, without page errors', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);

    const rows = page.locator('preview-gallery tbody tr');
    await rows.first().waitFor();

    assert.equal(await rows.count(), 5, 'one row per sample run');
    const failedRow = page.locator('tr[data-run="run-2"]');
    assert.match(await failedRow.innerText(), /TeachMe course progress/);
    assert.match(await failedRow.innerText(), /420 ms/, 'runtime is end − start');
    const failedBadge = failedRow.locator('c-run-status-badge .slds-badge');
    assert.match((await failedBadge.getAttribute('class')) ?? '', /slds-theme_error/);
    // SLDS really styles the badge: the error theme paints it red, not the default grey.
    const background = await failedBadge.evaluate(
      (element) => getComputedStyle(element).backgroundColor
    );
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the SLDS stylesheet is applied');
    assert.match(
      await page.locator('tr[data-run="run-4"]').innerText(),
      /2026-11-24 08:00:03 UTC/,
      'start shown in UTC'
    );
    // lightning-card is the real base component: it renders its header with the title.
    assert.match(
      await page.locator('lightning-card .slds-card__header').innerText(),
      /Recent runs/
    );

    await page.screenshot({ path: join(artifactsDir, 'preview-recent-runs.png'), fullPage: true });
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
  });
});
