/**
 * The integration list and the Log overlay in Chromium against the preview's sample org, at a
 * laptop's 1280×720 and a phone's 390×844, found by role and label: a run that matched no record
 * is a warning with its reason in both; the Log names each run's integration and follows a run
 * until it ends; "Run queued" goes once the run ended; the page behind the Log does not scroll;
 * and at phone width Last run, State, the row menu, Status and Show log are reached without
 * sideways scrolling.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { type PreviewHarness, artifactsDir, startedHarness } from './previewHarness.ts';

const require = createRequire(import.meta.url);
/** The components this file covers: an axe finding inside one of them is ours to fix. */
const OWN_COMPONENTS = /^c-(integration-list|log-viewer|run-status-badge)$/;

/**
 * The axe-core violations whose element lies inside the list, the Log or a status badge, as
 * `rule: path`. (The synthetic shadow hides the components from `document.querySelector`, so the
 * whole page is checked and the findings are sorted by the path axe gives.)
 */
async function ownViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document)) as {
      violations: { id: string; nodes: { target: unknown[] }[] }[];
    };
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => ({ id: violation.id, path: node.target.flat().map(String) }))
    );
  });
  return found
    .filter((violation) =>
      violation.path.some((part) => OWN_COMPONENTS.test(part.split(/[[.#]/)[0]))
    )
    .map((violation) => `${violation.id}: ${violation.path.join(' > ')}`);
}

const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
const NO_MATCH = 'No record matched: 10 read, 10 unmatched — check the key pair.';

/** How long the list and the Log take to follow a run of the sample org to its end. */
const RUN_ENDS_WITHIN_MS = 30000;

async function openConsole(
  harness: PreviewHarness,
  viewport: { width: number; height: number },
  pageErrors: string[]
): Promise<Page> {
  const page = await harness.openPreview(pageErrors);
  await page.setViewportSize(viewport);
  await page.getByRole('table', { name: 'Integrations' }).locator('tbody tr').first().waitFor();
  return page;
}

function integrationRow(page: Page, label: string): Locator {
  return page
    .getByRole('table', { name: 'Integrations' })
    .locator('tbody tr')
    .filter({ has: page.getByRole('button', { name: `Actions for ${label}`, exact: true }) });
}

/** Whether the page is no wider than the window: nothing needs sideways scrolling. */
function fitsTheWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Whether the element lies within the window's width (it may be further down). */
async function withinWidth(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return box !== null && box.x >= 0 && box.x + box.width <= width + 0.5;
}

async function openAllRuns(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Run log', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run log' });
  await dialog.getByRole('table', { name: 'Runs' }).locator('tbody tr').first().waitFor();
  return dialog;
}

function runRow(dialog: Locator, name: string): Locator {
  return dialog.getByRole('table', { name: 'Runs' }).locator(`tr[data-run-id="${name}"]`);
}

async function waitForText(
  page: Page,
  element: Locator,
  pattern: RegExp,
  withinMs: number
): Promise<string> {
  let text = '';
  for (let waited = 0; waited <= withinMs; waited += 500) {
    text = await element.innerText();
    if (pattern.test(text)) {
      return text;
    }
    await page.waitForTimeout(500);
  }
  return text;
}

describe('the integration list and the Log in Chromium', () => {
  const harness = startedHarness();

  for (const [name, viewport] of [
    ['1280×720', LAPTOP],
    ['390×844', PHONE]
  ] as const) {
    it(`shows a run that matched no record as a warning, in the list and the Log (${name})`, async () => {
      const pageErrors: string[] = [];
      const page = await openConsole(harness, viewport, pageErrors);

      const onboarding = integrationRow(page, 'Account onboarding');
      const text = await onboarding.innerText();
      assert.match(text, /Completed · no record matched/);
      assert.ok(text.includes(NO_MATCH), `the reason is on the row: ${text}`);
      assert.match(text, /10 read · 0 updated · 10 unmatched · 0 failed/);
      const badge = onboarding.locator('c-run-status-badge .slds-badge');
      assert.match((await badge.getAttribute('class')) ?? '', /slds-theme_warning/);

      const dialog = await openAllRuns(page);
      const run = runRow(dialog, 'run-1');
      const runText = await run.innerText();
      assert.match(runText, /Account onboarding/);
      assert.match(runText, /Completed · no record matched/);
      assert.ok(runText.includes(NO_MATCH), `the same reason in the Log: ${runText}`);
      await page.screenshot({ path: join(artifactsDir, `list-log-warning-${viewport.width}.png`) });
      assert.deepEqual(pageErrors, []);
      await page.close();
    });

    it(`names the integration of each run, with its API name where two share a report and object (${name})`, async () => {
      const pageErrors: string[] = [];
      const page = await openConsole(harness, viewport, pageErrors);
      const dialog = await openAllRuns(page);

      const headers = await dialog
        .getByRole('table', { name: 'Runs' })
        .locator('thead th')
        .allInnerTexts();
      assert.equal(headers[0]?.trim(), 'Integration');
      assert.match(await runRow(dialog, 'run-5').innerText(), /Lead logins\s+Lead_Logins\b/);
      assert.match(await runRow(dialog, 'run-0').innerText(), /Lead logins\s+Lead_Logins_Pilot/);
      assert.doesNotMatch(await runRow(dialog, 'run-3').innerText(), /Contact_NPS/);
      assert.match(await runRow(dialog, 'run-5').innerText(), /4,000/, 'one number format');
      assert.deepEqual(pageErrors, []);
      await page.close();
    });

    it(`keeps the page behind the Log still, and lets it scroll again once closed (${name})`, async () => {
      const pageErrors: string[] = [];
      const page = await openConsole(harness, viewport, pageErrors);
      const before = await page.evaluate(() => window.scrollY);

      const dialog = await openAllRuns(page);
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.documentElement).overflow),
        'hidden'
      );
      await page.mouse.move(viewport.width / 2, 5);
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.scrollY), before, 'the page did not scroll');

      await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.documentElement).overflow),
        'visible'
      );
      await page.evaluate(() => window.scrollTo(0, 400));
      assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the page scrolls again');
      assert.deepEqual(pageErrors, []);
      await page.close();
    });
  }

  for (const [name, viewport] of [
    ['1280×720', LAPTOP],
    ['390×844', PHONE]
  ] as const) {
    it(`has no axe-core finding in the list, the Log or Show log (${name})`, async () => {
      const pageErrors: string[] = [];
      const page = await openConsole(harness, viewport, pageErrors);
      assert.deepEqual(await ownViolations(page), [], 'the list');

      const dialog = await openAllRuns(page);
      assert.deepEqual(await ownViolations(page), [], 'the Log');
      await dialog.getByRole('button', { name: /^Show log of Contact NPS/ }).click();
      await dialog.getByRole('table', { name: 'Row issues' }).waitFor();
      assert.deepEqual(await ownViolations(page), [], 'Show log');
      assert.deepEqual(pageErrors, []);
      await page.close();
    });
  }

  it('says Not scheduled instead of next-run times while the dispatcher is not scheduled', async () => {
    const pageErrors: string[] = [];
    const page = await openConsole(harness, LAPTOP, pageErrors);

    assert.match(
      await page.getByText(/Not scheduled: integrations run only on Run Now/).innerText(),
      /Not scheduled/
    );
    const header = await page
      .getByRole('table', { name: 'Integrations' })
      .locator('thead')
      .innerText();
    assert.match(header, /Last run \(UTC\)[\s\S]*Next run \(UTC\)/, 'one casing');
    assert.match(await integrationRow(page, 'Lead logins').innerText(), /Not scheduled/);
    assert.doesNotMatch(
      await page.getByRole('table', { name: 'Integrations' }).innerText(),
      /Queued|Running/,
      'no sample run is stuck in progress'
    );
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('follows a run in the Log without Refresh, and the list drops "Run queued" once it ended', async () => {
    const pageErrors: string[] = [];
    const page = await openConsole(harness, LAPTOP, pageErrors);
    const row = integrationRow(page, 'Lead logins');

    await row.getByRole('button', { name: 'Actions for Lead logins', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Run Now' }).click();
    await row.getByText(/Run queued/).waitFor();

    await row.getByRole('button', { name: 'Actions for Lead logins', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Log' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run log' });
    const newest = dialog.getByRole('table', { name: 'Runs' }).locator('tbody tr').first();
    await newest.waitFor();
    assert.match(await newest.innerText(), /Queued|Running/, 'the run is in progress');
    const ended = await waitForText(page, newest, /Completed|Failed/, RUN_ENDS_WITHIN_MS);
    assert.match(ended, /Completed|Failed/, 'the Log followed the run to its end');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });

    const rowText = await waitForText(page, row, /Completed|Failed/, RUN_ENDS_WITHIN_MS);
    assert.match(rowText, /Completed|Failed/);
    assert.doesNotMatch(rowText, /Run queued|Run started/, 'no stale message');
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('at 1280×720 shows every column of the list and the Log without sideways scrolling', async () => {
    const pageErrors: string[] = [];
    const page = await openConsole(harness, LAPTOP, pageErrors);
    const overflow = (table: Locator): Promise<number> =>
      table.evaluate((element) => {
        const container = element.parentElement as HTMLElement;
        return container.scrollWidth - container.clientWidth;
      });

    const list = page.getByRole('table', { name: 'Integrations' });
    assert.equal(await overflow(list), 0, 'the Integrations table fits its card');

    const dialog = await openAllRuns(page);
    const runs = dialog.getByRole('table', { name: 'Runs' });
    assert.equal(await overflow(runs), 0, 'the Runs table fits the Log');
    const failed = runs.locator('[data-run-id="run-1"] [data-cell="failed"]');
    assert.ok(await withinWidth(page, failed), 'Failed is within the window');
    const showLog = runRow(dialog, 'run-1').getByRole('button', { name: /^Show log of / });
    assert.ok(await withinWidth(page, showLog), 'Show log is within the window');
    const reportToObject = runRow(dialog, 'run-1').locator('[data-id="report-to-object"]');
    assert.equal(
      await reportToObject.locator('[data-cell="report"]').innerText(),
      'Onboarding completion rate',
      'the report is named under the integration'
    );
    assert.equal(await reportToObject.locator('[data-cell="object"]').innerText(), 'Account');
    await page.screenshot({ path: join(artifactsDir, 'list-log-laptop-log.png') });
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('at 390×844 reaches Last run, State, the row menu, Status and Show log without sideways scrolling', async () => {
    const pageErrors: string[] = [];
    const page = await openConsole(harness, PHONE, pageErrors);

    assert.ok(await fitsTheWidth(page), 'the list page is no wider than the phone');
    const row = integrationRow(page, 'Contact NPS');
    for (const part of [
      row.locator('[data-id="last-run"]'),
      row.locator('[data-id="state"]'),
      row.getByRole('button', { name: 'Actions for Contact NPS', exact: true })
    ]) {
      await part.scrollIntoViewIfNeeded();
      assert.ok(await withinWidth(page, part), `${part.toString()} is within the width`);
    }

    const dialog = await openAllRuns(page);
    assert.ok(await fitsTheWidth(page), 'the Log is no wider than the phone');
    const run = runRow(dialog, 'run-3');
    const status = run.locator('[data-cell="status"]');
    await status.scrollIntoViewIfNeeded();
    assert.ok(await withinWidth(page, status), 'Status is within the width');
    const showLog = run.getByRole('button', { name: /^Show log of Contact NPS/ });
    await showLog.scrollIntoViewIfNeeded();
    assert.ok(await withinWidth(page, showLog), 'Show log is within the width');

    await showLog.click();
    const issues = dialog.getByRole('table', { name: 'Row issues' });
    await issues.waitFor();
    const region = dialog.getByRole('region', { name: /Row issues/ });
    const scrolls = await region.evaluate((element) => element.scrollWidth > element.clientWidth);
    assert.ok(
      !scrolls || (await region.getAttribute('tabindex')) === '0',
      'the issues table does not scroll, or its region takes the focus'
    );
    assert.ok(await fitsTheWidth(page), 'Show log is no wider than the phone');
    await page.screenshot({ path: join(artifactsDir, 'list-log-phone-show-log.png') });
    assert.deepEqual(pageErrors, []);
    await page.close();
  });
});
