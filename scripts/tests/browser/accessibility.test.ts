/**
 * axe-core on every view of the console at 1280×720 and at phone width (390×844): the list, the
 * row menu, the Run log and Show log of a run with issues, the New integration wizard's three
 * steps and its Preview. One page per size walks the views in turn, found by role and label.
 *
 * - Any violation in the package's own markup fails (the page, a `c-*` template, or a text the
 *   package hands to a base component), except known findings listed below (none today).
 * - Violations inside base components (`lightning-*` markup) are listed with the component named,
 *   and their count per component and rule is pinned: a new one fails until it is looked at.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeFinding, runAxe, type AxeFinding } from './axe.ts';
import { startedHarness } from './previewHarness.ts';
import { choose } from './consolePage.ts';

const VIEWPORTS = [
  { name: '1280×720', width: 1280, height: 720 },
  { name: '390×844', width: 390, height: 844 }
] as const;

type ViewportName = (typeof VIEWPORTS)[number]['name'];

/**
 * Findings in the package's own markup that are known and not yet fixed (none today): each is
 * printed as "known, to fix" and kept out of the failure. A known finding that no longer occurs
 * fails too, so this list only shrinks.
 */
const KNOWN_WIZARD_FINDINGS: readonly {
  rule: string;
  target: string;
  at: readonly ViewportName[];
  fix: string;
}[] = [];

/**
 * Violations inside base components: distinct nodes per `component · rule` over all views, at
 * each size. Pinned: a new one (or one gone) fails the test until this table is updated. None
 * today: the two the schedule's time box (lightning-input type="time") carried went with it, when
 * the whole hours of a combobox replaced it.
 */
const BASE_COMPONENT_FINDINGS: Record<ViewportName, Record<string, number>> = {
  '1280×720': {},
  '390×844': {}
};

interface ViewFinding extends AxeFinding {
  view: string;
}

/** Opens each view in turn on one page, running axe on the whole document at each. */
async function walkViews(page: Page): Promise<ViewFinding[]> {
  const findings: ViewFinding[] = [];
  const check = async (view: string): Promise<void> => {
    const started = Date.now();
    const found = await runAxe(page);
    console.log(`  ${view}: ${found.length} finding(s), axe ${Date.now() - started} ms`);
    findings.push(...found.map((finding) => ({ ...finding, view })));
  };

  // The list.
  const list = page.locator('c-integration-list');
  const menuButton = list.getByRole('button', { name: 'Actions for Lead logins', exact: true });
  await menuButton.waitFor();
  await check('list');

  // The row menu, open.
  await menuButton.click();
  await page.getByRole('menuitem', { name: 'Edit' }).waitFor();
  await check('row menu');
  await page.keyboard.press('Escape');
  await page.getByRole('menuitem', { name: 'Edit' }).waitFor({ state: 'hidden' });

  // The Run log, and Show log of a run with row issues.
  await page.getByRole('button', { name: 'Run log', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run log' });
  const showLog = dialog.getByRole('button', { name: /^Show log of Contact NPS/ });
  await showLog.waitFor();
  await check('Log');
  await showLog.click();
  await dialog.getByRole('table', { name: 'Row issues' }).waitFor();
  await check('Show log');
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await dialog.waitFor({ state: 'detached' });

  // New integration, step 1: a connected region chosen.
  await list.getByRole('button', { name: 'New integration', exact: true }).click();
  const wizard = page.locator('c-integration-wizard');
  await wizard.getByText('Europe (eu-api.walkme.com)').click();
  await check('wizard step 1');
  await wizard.getByRole('button', { name: 'Continue', exact: true }).click();

  // Step 2: a report, an object and a key pair of the same kind.
  await wizard.getByLabel('Integration name').fill('Lead logins by email');
  await choose(page, wizard, 'Report', 'Logins review');
  await choose(page, wizard, 'Object', 'Lead (Lead)');
  await choose(page, wizard, 'Report key column', 'Email (email)');
  await choose(page, wizard, 'Key field on Lead', 'Email (Email) · Email');
  await check('wizard step 2');
  await wizard.getByRole('button', { name: 'Continue', exact: true }).click();

  // Step 3: Auto-map's rows.
  await wizard.getByText(/\d+ of \d+ rows complete/).waitFor();
  await check('wizard step 3');

  // Preview.
  await wizard.getByRole('button', { name: 'Preview', exact: true }).click();
  await wizard.getByRole('region', { name: 'Preview' }).waitFor();
  await check('wizard preview');
  return findings;
}

/**
 * One entry per node and rule: a node seen in several views is one finding. Base components
 * number the ids of their inner elements anew when they render again: the numbers are left out.
 */
function distinct(findings: readonly ViewFinding[]): ViewFinding[] {
  const seen = new Map<string, ViewFinding>();
  for (const finding of findings) {
    const where = finding.kind === 'base' ? finding.target.replace(/-\d+\b/g, '') : finding.target;
    const key = `${finding.rule} ${where}`;
    if (!seen.has(key)) {
      seen.set(key, finding);
    }
  }
  return [...seen.values()];
}

function knownEntry(
  finding: AxeFinding,
  viewport: ViewportName
): (typeof KNOWN_WIZARD_FINDINGS)[number] | undefined {
  return KNOWN_WIZARD_FINDINGS.find(
    (known) =>
      known.rule === finding.rule && known.target === finding.target && known.at.includes(viewport)
  );
}

interface Verdict {
  /** Own-markup findings that fail the test. */
  failing: ViewFinding[];
  /** Known wizard findings, printed "known, to fix". */
  known: ViewFinding[];
  /** Known wizard findings that no longer occur: the list must lose them. */
  knownGone: (typeof KNOWN_WIZARD_FINDINGS)[number][];
  /** Findings inside base components. */
  base: ViewFinding[];
  /** Distinct base-component findings per `component · rule`, compared with the pinned table. */
  counts: Record<string, number>;
}

/** Sorts the findings of one size into what fails, what is known and what is pinned. */
function judge(findings: readonly ViewFinding[], viewport: ViewportName): Verdict {
  const all = distinct(findings);
  const own = all.filter((finding) => finding.kind === 'own');
  const base = all.filter((finding) => finding.kind === 'base');
  const counts: Record<string, number> = {};
  for (const finding of base) {
    const key = `${finding.component} · ${finding.rule}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return {
    failing: own.filter((finding) => !knownEntry(finding, viewport)),
    known: own.filter((finding) => knownEntry(finding, viewport)),
    knownGone: KNOWN_WIZARD_FINDINGS.filter(
      (entry) =>
        entry.at.includes(viewport) &&
        !own.some((finding) => finding.rule === entry.rule && finding.target === entry.target)
    ),
    base,
    counts
  };
}

describe('axe-core on every view of the console', () => {
  const harness = startedHarness();

  for (const viewport of VIEWPORTS) {
    it(`finds no violation in the package's own markup at ${viewport.name}`, async () => {
      const pageErrors: string[] = [];
      const page = await harness.openPreview(pageErrors);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      console.log(`axe-core at ${viewport.name}:`);
      const verdict = judge(await walkViews(page), viewport.name);
      await page.close();

      for (const finding of verdict.known) {
        console.log(
          `known, to fix (${finding.view}): ${describeFinding(finding)}\n` +
            `    fix: ${knownEntry(finding, viewport.name)?.fix}`
        );
      }
      for (const finding of verdict.base) {
        console.log(`base component (${finding.view}): ${describeFinding(finding)}`);
      }
      console.log(
        `base-component findings at ${viewport.name}: ${JSON.stringify(verdict.counts, null, 2)}`
      );

      assert.deepEqual(
        verdict.failing.map((finding) => `${finding.view}: ${describeFinding(finding)}`),
        [],
        "no violation in the package's own markup"
      );
      assert.deepEqual(
        verdict.knownGone,
        [],
        'every known wizard finding still occurs: remove the fixed ones from the list'
      );
      assert.deepEqual(
        verdict.counts,
        BASE_COMPONENT_FINDINGS[viewport.name],
        'violations inside base components, per component and rule, as pinned'
      );
      assert.deepEqual(pageErrors, [], 'the page logs no errors');
    });
  }

  it('fails on planted defects: own markup, a text handed to a base component, base markup', async () => {
    const page = await harness.openPreview([]);
    const list = page.locator('c-integration-list');
    // The rows come after the card: the row menu's button says they are there.
    await list.getByRole('button', { name: 'Actions for Lead logins', exact: true }).waitFor();
    // An ARIA value no browser accepts on a row of the list's own template and on the article
    // of lightning-card's template, and a spoken name on New integration that leaves out its
    // visible label.
    await page.evaluate(() => {
      const listRoot = document
        .querySelector('c-insights-console')
        ?.shadowRoot?.querySelector('c-integration-list')?.shadowRoot;
      const row = listRoot?.querySelector('tr[data-developer-name]');
      const article = listRoot
        ?.querySelector('lightning-card')
        ?.shadowRoot?.querySelector('article');
      const newButton = listRoot?.querySelector<HTMLElement & { ariaLabel: string | null }>(
        '[data-action="new-integration"]'
      );
      if (!row || !article || !newButton) {
        throw new Error('the list is not rendered');
      }
      row.setAttribute('aria-busy', 'maybe');
      article.setAttribute('aria-busy', 'maybe');
      newButton.ariaLabel = 'Start something';
    });
    const findings = (
      await runAxe(page, ['aria-valid-attr-value', 'label-content-name-mismatch'])
    ).map((finding) => ({ ...finding, view: 'planted' }));
    await page.close();
    for (const finding of findings) {
      console.log(`planted: ${describeFinding(finding)}`);
    }

    const verdict = judge(findings, '1280×720');
    assert.deepEqual(
      verdict.failing.map((finding) => [finding.rule, finding.owner, finding.handedOver ?? '']),
      [
        ['aria-valid-attr-value', 'c-integration-list', ''],
        ['label-content-name-mismatch', 'lightning-button', 'lightning-button aria-label']
      ],
      'the row of the list and the name handed to lightning-button fail as own markup'
    );
    assert.deepEqual(
      verdict.base.map((finding) => [finding.rule, finding.component, finding.usedIn]),
      [['aria-valid-attr-value', 'lightning-card', 'c-integration-list']],
      'the article inside lightning-card is named as a base-component finding'
    );
    assert.notDeepEqual(
      verdict.counts,
      BASE_COMPONENT_FINDINGS['1280×720'],
      'a new base-component finding breaks the pinned table'
    );
  });
});
