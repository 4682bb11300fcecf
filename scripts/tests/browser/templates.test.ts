/**
 * The ready-made reports in Chromium against the preview's sample org: in step 2 of a new
 * integration, the Logins template on Contact (which has one of its three suggested fields) lists
 * the field Contact has and the two it lacks, and shows the field request for those two, the same
 * text the preview's copy of ReportTemplates writes; Copy puts it on the clipboard; Auto-map in
 * step 3 then maps the template's column onto the field Contact has.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { fieldRequestText } from '../../../preview/modules/preview/sampleAnswers/templates.ts';
import { artifactsDir, startedHarness } from './previewHarness.ts';
import { choose } from './consolePage.ts';

/** The texts of a list's items, spaces collapsed (the ✓ and ✗ marks are hidden from readers). */
async function itemTexts(list: Locator): Promise<string[]> {
  const texts = await list.getByRole('listitem').allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('ready-made reports in Chromium', () => {
  const harness = startedHarness();

  it('shows the two Logins fields Contact lacks, the request to copy, and Auto-maps the one it has', async () => {
    const pageErrors: string[] = [];
    const page = await harness.openPreview(pageErrors);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'New integration' }).click();
    const wizard = page.locator('c-integration-wizard');

    // Step 1: the Europe connection.
    await wizard.getByRole('radio', { name: /^Europe/ }).check({ force: true });
    await wizard.getByRole('button', { name: 'Continue' }).click();

    // Step 2: the Logins report onto Contact, matched on email, and the Logins template.
    await wizard.getByLabel('Integration name').fill('Contact logins');
    await choose(page, wizard, 'Report', 'Logins review');
    await choose(page, wizard, 'Object', 'Contact (Contact)');
    await choose(page, wizard, 'Report key column', 'Email (email)');
    await choose(page, wizard, 'Key field on Contact', 'Email (Email) · Email');
    await choose(page, wizard, 'Template', 'Logins (Logins review)');

    const missing = wizard.getByRole('list', {
      name: 'Missing on Contact (or not editable by you):'
    });
    await missing.waitFor();
    assert.deepEqual(await itemTexts(missing), [
      '✗ WalkMe First Login (WalkMe_First_Login__c)',
      '✗ WalkMe Last Login (WalkMe_Last_Login__c)'
    ]);
    assert.deepEqual(await itemTexts(wizard.getByRole('list', { name: 'On Contact:' })), [
      '✓ WalkMe Logins Last 30 Days (WalkMe_Logins_Last_30_Days__c)'
    ]);

    const request = wizard.getByRole('textbox', { name: 'Field request for Contact' });
    await request.waitFor();
    const text = await request.inputValue();
    assert.match(text, /Could you please create these 2 fields on Contact \(Contact\)/);
    assert.match(text, /1\. WalkMe First Login\n {3}API name: WalkMe_First_Login__c\n/);
    assert.match(text, /2\. WalkMe Last Login\n {3}API name: WalkMe_Last_Login__c\n/);
    assert.equal(text, fieldRequestText('logins', 'Contact'), 'the request ReportTemplates writes');
    assert.equal(await request.getAttribute('readonly'), '', 'read-only');

    await wizard.getByRole('button', { name: 'Copy request' }).click();
    await wizard
      .getByRole('status')
      .filter({ hasText: 'Copied. Paste it into an email to your Salesforce admin.' })
      .waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    await wizard
      .locator('c-report-template-panel')
      .screenshot({ path: join(artifactsDir, 'template-missing-fields.png') });

    // Step 3: Auto-map maps the template's column onto the field Contact has.
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await wizard.getByText('1 of 1 row complete').waitFor();
    const column = wizard.getByRole('combobox', { name: 'Report column, row 1', exact: true });
    const field = wizard.getByRole('combobox', { name: 'Salesforce field, row 1', exact: true });
    assert.match(await column.innerText(), /# Logins last 30 days/);
    assert.match(await field.innerText(), /WalkMe Logins Last 30 Days/);
    assert.deepEqual(pageErrors, [], 'the page logs no errors');
  });
});
