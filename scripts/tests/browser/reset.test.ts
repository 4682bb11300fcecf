/**
 * The reset of values that left the report in Chromium against the preview's sample org: a new
 * Logins → Lead integration opts in, chooses WalkMe Last Synced as its stamp, sees in Preview how
 * many Leads would be reset, saves, shows the reset again on Edit, runs, and its Log says how
 * many records the run reset (Noa's Lead, stamped by an earlier run and no longer in the report).
 * Elements are found by role and label.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { artifactsDir, startedHarness } from './previewHarness.ts';
import { choose } from './consolePage.ts';

describe('the reset of values that left the report in Chromium', () => {
  const harness = startedHarness();

  it('opts in, previews the count, saves, shows it on Edit, runs and logs the reset', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    const list = page.locator('c-integration-list');
    await list.locator('tr[data-developer-name="Lead_Logins"]').waitFor();

    // A new integration of the Logins report onto Lead, matched on email.
    await list.getByRole('button', { name: 'New integration' }).click();
    const wizard = page.locator('c-integration-wizard');
    await wizard.getByText('Europe (eu-api.walkme.com)').click();
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await wizard.getByLabel('Integration name').fill('Lead logins reset');
    await choose(page, wizard, 'Report', 'Logins review');
    await choose(page, wizard, 'Object', 'Lead (Lead)');
    await choose(page, wizard, 'Report key column', 'Email (email)');
    await choose(page, wizard, 'Key field on Lead', 'Email (Email) · Email');
    await wizard.getByRole('button', { name: 'Continue' }).click();

    // Auto-map proposes three rows; First login goes (one of its values is no date, and a run
    // with errors resets nothing).
    await wizard.getByText('3 of 3 rows complete').waitFor();
    await wizard.getByRole('button', { name: 'Remove row 1 (First login)' }).click();
    await wizard.getByText('2 of 2 rows complete').waitFor();

    // Opt in and choose the stamp: the sentence says what runs will do.
    // The base component draws its own box over the input: its label takes the click.
    await wizard.getByText('Reset values that left the report', { exact: true }).click();
    assert.equal(
      await wizard.getByRole('checkbox', { name: 'Reset values that left the report' }).isChecked(),
      true
    );
    await choose(
      page,
      wizard,
      'Stamp field (Date/Time)',
      'WalkMe Last Synced (WalkMe_Last_Synced__c)'
    );
    const sentence = wizard.getByText(/^Each run stamps WalkMe Last Synced on every Lead/);
    await sentence.waitFor();
    assert.match(
      await sentence.innerText(),
      /the mapped fields \(WalkMe Last Login, WalkMe Logins Last 30 Days\) of Leads whose stamp is older are cleared/
    );

    // Preview: how many Leads would be reset now.
    await wizard.getByRole('button', { name: 'Preview' }).click();
    const preview = wizard.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /To reset \(left the report\)\s*1/);
    await page.screenshot({ path: join(artifactsDir, 'reset-preview.png') });

    // Save: the new row.
    await wizard.getByRole('button', { name: 'Save' }).click();
    const row = list.locator('tr[data-developer-name="Lead_logins_reset"]');
    await row.waitFor({ timeout: 15_000 });

    // Edit shows the reset again.
    await row.getByRole('button', { name: 'Actions for Lead logins reset' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const optIn = wizard.getByRole('checkbox', { name: 'Reset values that left the report' });
    await optIn.waitFor();
    assert.equal(await optIn.isChecked(), true, 'the stored reset ticks the box');
    assert.match(
      await wizard
        .getByRole('combobox', { name: 'Stamp field (Date/Time)', exact: true })
        .innerText(),
      /WalkMe Last Synced/
    );
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    await row.waitFor();

    // Run Now, then the Log: the run completed and reset Noa's Lead.
    await row.getByRole('button', { name: 'Actions for Lead logins reset' }).click();
    await page.getByRole('menuitem', { name: 'Run Now' }).click();
    await row.getByText(/Run queued/).waitFor();
    await row.getByRole('button', { name: 'Actions for Lead logins reset' }).click();
    await page.getByRole('menuitem', { name: 'Log' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run log' });
    const runRows = dialog.locator('tbody tr[data-run-id]');
    await runRows.first().waitFor();
    let runText = '';
    for (let attempt = 0; attempt < 20; attempt += 1) {
      runText = await runRows.first().innerText();
      if (/Completed|Failed/.test(runText)) {
        break;
      }
      await page.waitForTimeout(500);
      await dialog.getByRole('button', { name: /^Refresh/ }).click();
    }
    assert.match(runText, /Completed/);
    await dialog.getByRole('button', { name: /^Show log of Lead logins reset/ }).click();
    const stepLog = dialog.locator('pre[data-id="step-log"]');
    await stepLog.waitFor();
    const steps = await stepLog.innerText();
    assert.match(
      steps,
      /Reset of values that left the report: 1 Lead records stamped before this run by WalkMe_Last_Synced__c; 1 reset/
    );
    assert.match(steps, /Finished: Completed\. .*1 records reset \(left the report\)\./);
    await page.screenshot({ path: join(artifactsDir, 'reset-log.png') });
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
  });
});
