/**
 * The reset of values that left the report in the preview's sample org, as StaleValueReset does it
 * in Apex: Preview counts the records stamped earlier that the rows read do not match, a run
 * stamps what it matches and, when it has no errors, resets the rest; a run with errors resets
 * nothing; the save refuses a stamp field that cannot serve, and clearing a field the object
 * requires.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../types/apex.d.ts" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_INTEGRATIONS } from '../../preview/modules/preview/sampleIntegrations/sampleIntegrations.ts';
import {
  DEPLOY_MS,
  RUN_PAGE_MS,
  RUN_START_MS,
  SampleConsole
} from '../../preview/modules/preview/sampleAnswers/sampleConsole.ts';
import {
  resetProblems,
  sharedStampProblem
} from '../../preview/modules/preview/sampleAnswers/staleValueReset.ts';
import { findObject } from '../../preview/modules/preview/sampleCatalog/sampleCatalog.ts';
import { FakeTime } from './sampleOrgTime.ts';

/**
 * Lead logins, as a new integration, with the reset on, stamping WalkMe Last Synced. Without `first_login` (Eve's
 * "not a date" is a value issue), unless asked for, so that its runs complete without errors.
 */
function resettingLogins(
  options: { keepFirstLogin?: boolean } = {}
): InsightsSync.IntegrationDefinition {
  const stored = SAMPLE_INTEGRATIONS.find((candidate) => candidate.developerName === 'Lead_Logins');
  assert.ok(stored);
  return {
    ...structuredClone(stored),
    // Lead_Logins has a run in progress in the sample org: a new integration runs at once.
    developerName: 'Lead_Reset',
    label: 'Lead reset',
    isNew: true,
    mappings: (stored.mappings ?? []).filter(
      (mapping) => options.keepFirstLogin || mapping.column !== 'first_login'
    ),
    resetStampField: 'WalkMe_Last_Synced__c',
    resetMode: 'Clear'
  };
}

function savedAndRun(definition: InsightsSync.IntegrationDefinition): InsightsSync.RunDetail {
  const time = new FakeTime();
  const org = new SampleConsole(time);
  org.saveIntegration(definition);
  time.advance(DEPLOY_MS);
  const runId = org.runNow('Lead_Reset');
  time.advance(RUN_START_MS + RUN_PAGE_MS * 3);
  return org.getRunDetail(runId);
}

describe('the reset of values that left the report, in the preview', () => {
  it('counts in a Preview the stamped Leads the rows read do not match, and names the fields', () => {
    const org = new SampleConsole(new FakeTime());

    const result = org.previewIntegration(resettingLogins(), 50);

    assert.equal(result.recordsToReset, 1, "Noa's Lead was stamped earlier and is not in the rows");
    assert.deepEqual(result.resetFields, [
      'Lead.WalkMe_Last_Login__c',
      'Lead.WalkMe_Logins_Last_30_Days__c'
    ]);
  });

  it('resets after a run without errors and says how many in the step log', () => {
    const detail = savedAndRun(resettingLogins());

    assert.equal(detail.run.status, 'Completed');
    assert.match(
      detail.stepLog ?? '',
      /Reset of values that left the report: 1 Lead records stamped before this run by WalkMe_Last_Synced__c; 1 reset \(WalkMe_Last_Login__c, WalkMe_Logins_Last_30_Days__c\)/
    );
    assert.match(
      detail.stepLog ?? '',
      /Finished: Completed\. .*; 1 records reset \(left the report\)\./
    );
    // Farid's Lead holds the report's values: written for its stamp only, still unchanged.
    assert.equal(detail.run.recordsUnchanged, 1);
  });

  it('resets nothing after a run with errors, and says why', () => {
    const detail = savedAndRun(resettingLogins({ keepFirstLogin: true }));

    assert.equal(detail.run.status, 'Completed with errors');
    assert.match(
      detail.stepLog ?? '',
      /Reset of values that left the report skipped: this run had errors/
    );
    assert.doesNotMatch(detail.stepLog ?? '', /records reset/);
  });

  it('refuses to save a stamp field that is not a Date/Time field', () => {
    const org = new SampleConsole(new FakeTime());

    assert.throws(
      () => org.saveIntegration({ ...resettingLogins(), resetStampField: 'Title' }),
      /The stamp field Lead\.Title is of type STRING; the stamp must be a Date\/Time field/
    );
  });

  it('refuses to save a reset that clears a field Lead requires', () => {
    const org = new SampleConsole(new FakeTime());
    const definition = resettingLogins();
    definition.mappings = [
      ...(definition.mappings ?? []),
      { column: 'user_id', columnType: 'string', field: 'Company' }
    ];

    assert.throws(
      () => org.saveIntegration(definition),
      /The reset cannot clear "Company" \(Company\): Lead requires a value in it\. Choose "Set to value", or remove its row\./
    );
  });

  it('clears a checkbox by unchecking it, though a checkbox is never empty', () => {
    const definition = resettingLogins();
    definition.mappings = [{ column: 'opted_out', columnType: 'boolean', field: 'DoNotCall' }];
    const values: Parameters<typeof resetProblems>[2] = new Map();

    const problems = resetProblems(definition, findObject('Lead'), values);

    assert.deepEqual(problems, []);
    assert.equal(values.get('DoNotCall'), false);
  });

  it('saves a reset that sets a value in a field Lead requires', () => {
    const org = new SampleConsole(new FakeTime());
    const definition = {
      ...resettingLogins(),
      resetMode: 'Set to value',
      resetValue: '0'
    };
    // "0" fits both the whole number and the text field.
    definition.mappings = [
      ...(definition.mappings ?? []).filter((mapping) => mapping.columnType === 'integer'),
      { column: 'user_id', columnType: 'string', field: 'LastName' }
    ];

    assert.doesNotThrow(() => org.saveIntegration(definition));
  });

  it('refuses to save a stamp field another integration already uses on the same object', () => {
    const time = new FakeTime();
    const org = new SampleConsole(time);
    org.saveIntegration(resettingLogins());
    time.advance(DEPLOY_MS);

    assert.throws(
      () =>
        org.saveIntegration({
          ...resettingLogins(),
          developerName: 'Lead_Reset_Two',
          label: 'Lead reset two',
          resetStampField: 'walkme_last_synced__c'
        }),
      /The stamp field Lead\.WalkMe_Last_Synced__c is already the stamp of the integration "Lead reset" on the same object/
    );
  });

  it('lets an integration keep its own stamp, and an archived one share it', () => {
    const definition = resettingLogins();
    const lead = findObject('Lead');

    assert.equal(sharedStampProblem(definition, lead, [definition]), undefined, 'itself');
    assert.equal(
      sharedStampProblem(definition, lead, [
        { ...definition, developerName: 'Lead_Old', state: 'Archived' }
      ]),
      undefined,
      'an archived integration never runs'
    );
  });
});
