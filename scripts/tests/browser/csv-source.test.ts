/**
 * A CSV export integration created end to end in Chromium against the preview's sample org: the
 * CSV export source chosen in step 1, the Named Credential and the file path in step 2, the header
 * read with the column types proposed (and one changed), the key pair, the mapping, Preview, Save,
 * Run Now and the Log. Elements are found by role and label.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { startedHarness } from './previewHarness.ts';
import { choose, shot } from './consolePage.ts';

/** What a combobox shows as chosen. */
function chosen(scope: Locator, label: string): Promise<string> {
  return scope
    .getByRole('combobox', { name: label, exact: true })
    .evaluate((element) =>
      'value' in element && typeof element.value === 'string' && element.value !== ''
        ? element.value
        : (element.textContent ?? '').trim()
    );
}

describe('a CSV export integration in Chromium', () => {
  const harness = startedHarness();

  it('chooses credential and path, reads the header, maps, previews, saves, runs and logs', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    const list = page.locator('c-integration-list');
    await list.getByRole('row').nth(1).waitFor();

    // Step 1: the CSV export source needs no Insights connection.
    await list.getByRole('button', { name: 'New integration' }).click();
    const wizard = page.locator('c-integration-wizard');
    const source = wizard.getByRole('radiogroup', { name: 'Report source' });
    await source.waitFor();
    await source.getByText(/^CSV export:/).click();
    assert.equal(
      await wizard.getByRole('radiogroup', { name: 'Insights connection' }).count(),
      0,
      'the region choice is not asked for a CSV export'
    );
    await shot(page, 'csv-01-source', wizard);
    await wizard.getByRole('button', { name: 'Continue' }).click();

    // Step 2: the Named Credential (the packaged WalkMe ones are not offered) and the path.
    await wizard.getByLabel('Integration name').fill('Lead logins (CSV)');
    await wizard.getByRole('combobox', { name: 'Named Credential', exact: true }).click();
    const credentials = await page.getByRole('option').allInnerTexts();
    assert.ok(
      credentials.some((text) => text.startsWith('Insights export bucket (S3)')),
      `the bucket's credential is offered: ${credentials.join(' | ')}`
    );
    assert.ok(
      !credentials.some((text) => /WalkMe/.test(text)),
      `no packaged credential: ${credentials.join(' | ')}`
    );
    await page.getByRole('option', { name: /^Insights export bucket \(S3\)/ }).click();

    // A path with no file answers as the Apex does.
    const readColumns = wizard.getByRole('button', { name: 'Read columns' });
    await wizard.getByLabel('File path').fill('exports/missing.csv');
    await readColumns.click();
    const alert = wizard.getByRole('alert').filter({ hasText: 'There is no file' });
    await alert.waitFor();
    assert.match(
      await alert.innerText(),
      /There is no file "exports\/missing\.csv" behind Named Credential Insights_Export_Bucket \(HTTP 404\)/
    );

    // The export file: its header, the types proposed from its first rows, the sample.
    await wizard.getByLabel('File path').fill('exports/logins.csv');
    await readColumns.click();
    const sample = wizard.getByRole('table', { name: 'First 4 rows of the file' });
    await sample.waitFor();
    assert.match(await sample.innerText(), /User ID[\s\S]*u-1001[\s\S]*ana\.silva@example\.com/);
    assert.match(await sample.innerText(), /quote "inside" here/);
    assert.deepEqual(
      await Promise.all(
        ['User ID', 'First login', 'Last login', '# Logins last 30 days'].map((column) =>
          chosen(wizard, `Type of ${column}`)
        )
      ),
      ['Text', 'Date and time', 'Date and time', 'Whole number'],
      'types proposed from the sample'
    );
    await choose(page, wizard, 'Type of # Logins last 30 days', 'Number');
    assert.equal(await chosen(wizard, 'Type of # Logins last 30 days'), 'Number');
    await choose(page, wizard, 'Type of # Logins last 30 days', 'Whole number');
    await shot(page, 'csv-02-columns-read', wizard);

    // The columns read are the report's columns for the key pair.
    await choose(page, wizard, 'Object', 'Lead (Lead)');
    await choose(page, wizard, 'Report key column', 'Email');
    await choose(page, wizard, 'Key field on Lead', 'Email (Email) · Email');
    await wizard.getByRole('button', { name: 'Continue' }).click();

    // Step 3: Auto-map proposes the WalkMe_ fields from the CSV's column names.
    const editor = wizard.locator('c-mapping-editor');
    await editor.getByText(/\d+ of \d+ rows complete/).waitFor();
    const mapped = (await editor.innerText()).replace(/\s+/g, ' ');
    assert.match(mapped, /Last login .*WalkMe Last Login/);
    assert.match(mapped, /# Logins last 30 days .*WalkMe Logins Last 30 Days/);
    await shot(page, 'csv-03-mapping', wizard);

    // Preview: the file's rows matched to the sample leads by email.
    await wizard.getByRole('button', { name: 'Preview' }).click();
    const changes = wizard.getByRole('table', { name: 'Records a run would change' });
    await changes.waitFor();
    assert.match(await changes.innerText(), /ana\.silva@example\.com/);
    await shot(page, 'csv-04-preview', wizard);

    // Save: the list shows the new integration, read from the export file.
    await wizard.getByRole('button', { name: 'Save' }).click();
    const row = list.getByRole('row', { name: /Lead logins \(CSV\)/ });
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /logins\.csv[\s\S]*Lead/);

    // Run Now, then the Log of its run, finished.
    await row.getByRole('button', { name: 'Actions for Lead logins (CSV)' }).click();
    await page.getByRole('menuitem', { name: 'Run Now' }).click();
    await row.getByText(/Run queued/).waitFor();
    await row.getByRole('button', { name: 'Actions for Lead logins (CSV)' }).click();
    await page.getByRole('menuitem', { name: 'Log' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run log' });
    await dialog.waitFor();
    const runs = dialog.getByRole('row').filter({ hasText: 'logins.csv' });
    let runText = '';
    for (let attempt = 0; attempt < 20 && !/Completed|Failed/.test(runText); attempt += 1) {
      await page.waitForTimeout(500);
      await dialog.getByRole('button', { name: /^Refresh/ }).click();
      runText = (await runs.count()) > 0 ? await runs.first().innerText() : '';
    }
    assert.match(runText, /logins\.csv[\s\S]*Lead[\s\S]*Completed/);
    await dialog.getByRole('button', { name: /^Show log of Lead logins \(CSV\)/ }).click();
    await dialog
      .getByText(/Finished/)
      .first()
      .waitFor();
    await shot(page, 'csv-05-log');
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    await dialog.waitFor({ state: 'detached' });

    // Edit loads the CSV source back: credential, path and the saved columns.
    await row.getByRole('button', { name: 'Actions for Lead logins (CSV)' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await wizard.getByRole('button', { name: /Report and object/ }).click();
    assert.equal(await wizard.getByLabel('File path').inputValue(), 'exports/logins.csv');
    assert.equal(await chosen(wizard, 'Type of # Logins last 30 days'), 'Whole number');
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
  });
});
