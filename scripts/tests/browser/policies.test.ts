/**
 * The sync policies in Chromium against the preview's sample org: on Edit of "Lead logins", both
 * policies and one row's "only fill when empty" are chosen, the Preview shows what they do (a
 * Last Login already held is left as it is; the two leads sharing a key are skipped and said so),
 * SAVE keeps them, and Edit shows them again.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir, startedHarness } from './previewHarness.ts';
import { action } from './consolePage.ts';

/** Ben's lead: it holds a last login (2026-11-02) and a login count, which the report changes. */
const BEN_LEAD = '00Q5g00000LEAD2AAA';
const ONLY_FILL_LAST_LOGIN = /^Only fill WalkMe Last Login when empty/;

/** Opens "Lead logins" in the wizard with Edit; it opens at the mapping step. */
async function editLeadLogins(page: Page): Promise<Locator> {
  const row = page.locator('c-integration-list tr[data-developer-name="Lead_Logins"]');
  await row.waitFor();
  await row.getByRole('button', { name: 'Actions for Lead logins' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const wizard = page.locator('c-integration-wizard');
  await wizard.getByRole('checkbox', { name: ONLY_FILL_LAST_LOGIN }).waitFor();
  return wizard;
}

/**
 * Picks a policy the way an admin does, by its label: the native radio itself is the 1-pixel
 * input SLDS hides behind its drawn circle.
 */
async function pick(wizard: Locator, choice: string): Promise<void> {
  await wizard.locator('c-sync-policies').getByText(choice, { exact: true }).click();
}

describe('sync policies in Chromium', () => {
  const harness = startedHarness();

  it('sets both policies and a row option, previews what they do, saves, and shows them on Edit', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    let wizard = await editLeadLogins(page);

    // The defaults of the sample integration, each choice saying what it does.
    const updateAll = wizard.getByRole('radio', { name: 'Update all' });
    const skip = wizard.getByRole('radio', { name: 'Skip and report' });
    const leave = wizard.getByRole('radio', { name: 'Leave as is' });
    const clear = wizard.getByRole('radio', { name: 'Clear' });
    assert.equal(await updateAll.isChecked(), true, 'Update all by default');
    assert.equal(await leave.isChecked(), true, 'Leave as is by default');
    const group = wizard.getByRole('group', { name: 'When several records share a key' });
    assert.match(await group.innerText(), /Every record that holds the key gets the values/);
    assert.match(
      await wizard
        .getByRole('group', { name: 'When the report has no value for a field' })
        .innerText(),
      /The field keeps the value it has/
    );
    const onlyFill = wizard.getByRole('checkbox', { name: ONLY_FILL_LAST_LOGIN });
    assert.equal(await onlyFill.isChecked(), false, 'every value written by default');

    await pick(wizard, 'Skip and report');
    await pick(wizard, 'Clear');
    assert.equal(await skip.isChecked(), true, 'Skip and report chosen');
    assert.equal(await clear.isChecked(), true, 'Clear chosen');
    await wizard
      .locator('c-mapping-editor')
      .getByText('Only fill WalkMe Last Login when empty', { exact: true })
      .click();
    assert.equal(await onlyFill.isChecked(), true, 'the row option ticked');
    assert.equal(await updateAll.isChecked(), false, 'one choice per group');

    // Preview: Ben's last login is held, so only his login count changes; Dev's two leads share
    // his key and are skipped.
    await action(wizard, 'preview').click();
    const table = wizard.getByRole('table', { name: 'Records a run would change' });
    await table.waitFor();
    const ben = table.getByRole('row').filter({ hasText: BEN_LEAD });
    const benChanges = await ben.innerText();
    assert.match(benChanges, /WalkMe Logins Last 30 Days/, 'his login count still changes');
    assert.doesNotMatch(benChanges, /WalkMe Last Login/, 'the last login he holds is left');
    const skipped = table.getByRole('row').filter({ hasText: /none was updated/ });
    assert.equal(await skipped.count(), 2, 'both leads of the shared key are shown, unchanged');
    assert.match(await skipped.first().innerText(), /Skip and report|Update all/);
    await wizard.screenshot({ path: join(artifactsDir, 'policies-preview.png') });

    // SAVE, then Edit again: the choices come back.
    await action(wizard, 'save').click();
    const row = page.locator('c-integration-list tr[data-developer-name="Lead_Logins"]');
    await wizard.waitFor({ state: 'detached', timeout: 15_000 });
    await row.waitFor();

    wizard = await editLeadLogins(page);
    assert.equal(
      await wizard.getByRole('radio', { name: 'Skip and report' }).isChecked(),
      true,
      'Skip and report saved'
    );
    assert.equal(
      await wizard.getByRole('radio', { name: 'Clear' }).isChecked(),
      true,
      'Clear saved'
    );
    assert.equal(
      await wizard.getByRole('checkbox', { name: ONLY_FILL_LAST_LOGIN }).isChecked(),
      true,
      'the row option saved'
    );
    assert.equal(
      await wizard
        .getByRole('checkbox', { name: /^Only fill WalkMe First Login when empty/ })
        .isChecked(),
      false,
      'and only on its row'
    );
    await wizard.screenshot({ path: join(artifactsDir, 'policies-edit.png') });
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
  });
});
