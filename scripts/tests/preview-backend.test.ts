/**
 * The local preview's sample org (preview/modules/preview/sampleAnswers): what it answers must be
 * what the Apex answers, or the preview shows the console a behaviour the org will not have. Key
 * normalisation, value conversion and matching as the sync engine does them, the next run in UTC,
 * the save rules in the validator's words, and the life of a save and of a run.
 */
// This project's tsconfig for scripts leaves out types/*.d.ts; the preview's modules are typed with
// the InsightsSync DTOs declared there.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../types/apex.d.ts" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findObject } from '../../preview/modules/preview/sampleCatalog/sampleCatalog.ts';
import { SAMPLE_INTEGRATIONS } from '../../preview/modules/preview/sampleIntegrations/sampleIntegrations.ts';
import { sampleRunsAt } from '../../preview/modules/preview/sampleRuns/sampleRuns.ts';
import {
  DEPLOY_MS,
  MISSING_TOKEN_ACCESS,
  RUN_PAGE_MS,
  RUN_START_MS,
  SAVED_CHANNEL,
  SampleConsole,
  USER_ID,
  USER_NAME
} from '../../preview/modules/preview/sampleAnswers/sampleConsole.ts';
import {
  describeSchedule,
  nextFullHour,
  nextOccurrence
} from '../../preview/modules/preview/sampleAnswers/schedule.ts';
import {
  convertValue,
  normalizeKey,
  processPage,
  valuesDiffer,
  type EnginePage,
  type PageOutcome
} from '../../preview/modules/preview/sampleAnswers/syncEngine.ts';
import {
  TARGET_RULES,
  compatibilityTable,
  csvCredentialProblem,
  csvPathProblem,
  planSync,
  targetFieldReason,
  targetObjectReason,
  validateIntegration,
  type TargetFieldFacts,
  type TargetObjectFacts,
  type PlannedField,
  type SyncPlan
} from '../../preview/modules/preview/sampleAnswers/validation.ts';
import {
  LOGINS_EXPORT_CSV,
  proposeType
} from '../../preview/modules/preview/sampleAnswers/csvExports.ts';
import { repositoryRoot } from '../lib/project.ts';
import { FakeTime, NOW } from './sampleOrgTime.ts';

function sampleOrg(time = new FakeTime()): { org: SampleConsole; time: FakeTime } {
  return { org: new SampleConsole(time), time };
}

function integration(developerName: string): InsightsSync.IntegrationDefinition {
  const found = SAMPLE_INTEGRATIONS.find((candidate) => candidate.developerName === developerName);
  assert.ok(found, `sample integration ${developerName}`);
  return structuredClone(found);
}

/** A new integration as the wizard sends it: Logins review onto Lead. */
function loginsOnLead(keyColumn: string): InsightsSync.IntegrationDefinition {
  return {
    developerName: 'Logins_review',
    label: 'Logins review',
    sourceType: 'Insights API',
    connectionRegion: 'EU',
    reportId: 'rpt-logins-001',
    reportName: 'Logins review',
    targetObject: 'Lead',
    reportKeyColumn: keyColumn,
    objectKeyField: 'Email',
    mappings: [
      { column: 'first_login', columnType: 'datetime', field: 'WalkMe_First_Login__c' },
      { column: 'last_login', columnType: 'datetime', field: 'WalkMe_Last_Login__c' },
      {
        column: 'logins_last_30_days',
        columnType: 'integer',
        field: 'WalkMe_Logins_Last_30_Days__c'
      }
    ],
    frequency: 'Daily',
    scheduleTimeUtc: '08:00',
    state: 'Active'
  };
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected the call to fail');
}

function target(type: string, extra: Partial<PlannedField> = {}): PlannedField {
  return {
    apiName: 'Target__c',
    type,
    length: 0,
    precision: 0,
    scale: 0,
    picklistValues: [],
    restrictedPicklist: false,
    ...extra
  };
}

describe('preview sync engine: keys and values', () => {
  it('normalises keys as KeyNormalizer: trimmed, emails and GUIDs lower-cased, blanks absent', () => {
    assert.equal(normalizeKey('  Ben.Okafor@Example.com '), 'ben.okafor@example.com');
    assert.equal(normalizeKey('ABC-1', true), 'ABC-1', 'a case-sensitive key keeps its case');
    assert.equal(
      normalizeKey('9B2E4C1A-7D3F-4E8B-A1C2-0F9E8D7C6B5A', true),
      '9b2e4c1a-7d3f-4e8b-a1c2-0f9e8d7c6b5a',
      'a GUID never distinguishes case'
    );
    assert.equal(normalizeKey(12.0), '12', 'numbers without trailing zeros');
    assert.equal(normalizeKey('   '), undefined);
    assert.equal(normalizeKey(null), undefined);
  });

  it('converts dates as ValueConverter: offsets and epoch milliseconds to UTC, bad days refused', () => {
    const dateTime = target('DATETIME');
    assert.deepEqual(convertValue('2026-10-12T09:00:00+02:00', 'datetime', dateTime), {
      value: '2026-10-12T07:00:00.000Z'
    });
    assert.deepEqual(convertValue(1756710000000, 'datetime', dateTime), {
      value: '2025-09-01T07:00:00.000Z'
    });
    assert.deepEqual(convertValue('2026-11-04T00:00:00Z', 'date', target('DATE')), {
      value: '2026-11-04'
    });
    assert.equal(
      convertValue('2026-13-01', 'date', target('DATE')).problem,
      '"2026-13-01" is not a date or date/time for Target__c (expected ISO-8601 such as 2026-11-24 or 2026-11-24T08:00:00Z, or epoch milliseconds)'
    );
    assert.deepEqual(convertValue(null, 'datetime', dateTime), { blank: true });
  });

  it('converts numbers, yes/no values and picklist values, and names what it refuses', () => {
    const wholeNumber = target('DOUBLE', { precision: 18, scale: 0 });
    assert.deepEqual(convertValue('15', 'integer', wholeNumber), { value: 15 });
    assert.deepEqual(convertValue(12.5, 'number', wholeNumber), { value: 13 }, 'half up');
    assert.equal(
      convertValue('1,024', 'number', wholeNumber).problem,
      '"1,024" is not a number (Target__c)'
    );
    assert.equal(
      convertValue(11, 'integer', target('DOUBLE', { precision: 1, scale: 0 })).problem,
      '11 does not fit Target__c (at most 1 digits before the decimal point)'
    );
    assert.deepEqual(convertValue('yes', 'boolean', target('BOOLEAN')), { value: true });
    const plans = target('PICKLIST', {
      picklistValues: ['Free', 'Team', 'Business'],
      restrictedPicklist: true
    });
    assert.deepEqual(convertValue('business', 'string', plans), { value: 'Business' });
    assert.equal(
      convertValue('Enterprise Plus', 'string', plans).problem,
      '"Enterprise Plus" is not a value of the restricted picklist Target__c (allowed: Free, Team, Business)'
    );
    assert.deepEqual(convertValue('abcdef', 'string', target('STRING', { length: 4 })), {
      value: 'abcd',
      warning: 'text of 6 characters truncated to the 4 that Target__c holds'
    });
  });

  it('sees a change only where the stored value differs (date/times to the second)', () => {
    assert.equal(
      valuesDiffer('2026-10-12T07:00:00.000Z', '2026-10-12T07:00:00.400Z', 'DATETIME'),
      false
    );
    assert.equal(valuesDiffer(null, 5, 'DOUBLE'), true);
    assert.equal(valuesDiffer('', null, 'STRING'), false, 'empty is empty');
    assert.equal(valuesDiffer('Team', 'team', 'STRING'), true, 'text compares with its case');
    assert.equal(valuesDiffer('A;B', 'B;A', 'MULTIPICKLIST'), false);
  });

  it('offers the column-type table of ColumnTypeCompatibility.asTable', () => {
    const table = compatibilityTable();
    assert.deepEqual(table.datetime, ['DATE', 'DATETIME', 'STRING', 'TEXTAREA', 'TIME']);
    assert.deepEqual(table.integer, [
      'CURRENCY',
      'DOUBLE',
      'INTEGER',
      'LONG',
      'PERCENT',
      'STRING',
      'TEXTAREA'
    ]);
    assert.deepEqual(Object.keys(table).sort(), [
      'boolean',
      'date',
      'datetime',
      'integer',
      'number',
      'percent',
      'string'
    ]);
  });
});

/**
 * Logins review onto Lead with one mapping, last_login → WalkMe_Last_Login__c, against two leads
 * of its own that both hold a last login.
 */
function lastLoginPlan(blankValuePolicy: string): SyncPlan {
  const definition = loginsOnLead('email');
  definition.mappings = [
    { column: 'last_login', columnType: 'datetime', field: 'WalkMe_Last_Login__c' }
  ];
  definition.blankValuePolicy = blankValuePolicy;
  const plan = planSync(definition);
  const held = '2026-11-02T09:12:00.000Z';
  return {
    ...plan,
    object: {
      ...plan.object,
      records: [
        { Id: '00Q000000000001AAA', Email: 'ana.silva@example.com', WalkMe_Last_Login__c: held },
        { Id: '00Q000000000002AAA', Email: 'ben.okafor@example.com', WalkMe_Last_Login__c: held }
      ]
    }
  };
}

function lastLoginPage(
  rows: EnginePage['rows'],
  rowProblems?: EnginePage['rowProblems']
): EnginePage {
  return {
    columns: [
      { name: 'email', label: 'Email', type: 'string' },
      { name: 'last_login', label: 'Last login', type: 'datetime' }
    ],
    rows,
    rowProblems
  };
}

function run(plan: SyncPlan, page: EnginePage, dryRun = false): PageOutcome {
  return processPage(plan, page, { firstRowNumber: 1, seenKeys: new Set(), dryRun });
}

function lastLoginOf(plan: SyncPlan, email: string): unknown {
  return plan.object.records.find((record) => record.Email === email)?.WalkMe_Last_Login__c;
}

function countsAddUp(outcome: PageOutcome): void {
  assert.equal(
    outcome.rowsRead,
    outcome.rowsMatched + outcome.rowsUnmatched + outcome.rowsSkipped,
    'every row read is matched, unmatched or skipped'
  );
}

describe('preview sync engine: rows that are not whole, as SyncPageProcessor reads them', () => {
  it('clears on an explicit null but leaves a field whose cell the row lacks, under Clear', () => {
    const plan = lastLoginPlan('Clear');
    const outcome = run(
      plan,
      lastLoginPage([
        { email: 'ana.silva@example.com' },
        { email: 'ben.okafor@example.com', last_login: null }
      ])
    );
    assert.equal(lastLoginOf(plan, 'ana.silva@example.com'), '2026-11-02T09:12:00.000Z');
    assert.equal(lastLoginOf(plan, 'ben.okafor@example.com'), null, 'the null clears');
    assert.deepEqual([outcome.recordsUpdated, outcome.recordsUnchanged], [1, 1]);
    assert.deepEqual(outcome.issues, [
      {
        severity: 'Warning',
        statusCode: 'MISSING_COLUMN',
        message:
          'Row 1 has no cell for the column "last_login", which the integration writes to Lead.WalkMe_Last_Login__c; on its records the field was left as it is (a missing cell is not a blank, so it never clears a field).',
        field: 'WalkMe_Last_Login__c',
        rowNumber: 1
      }
    ]);
  });

  it('leaves the field and reports the row under Leave as is too', () => {
    const plan = lastLoginPlan('Leave as is');
    const outcome = run(
      plan,
      lastLoginPage([
        { email: 'ana.silva@example.com' },
        { email: 'ben.okafor@example.com', last_login: '2026-11-20T00:00:00Z' }
      ])
    );
    assert.equal(lastLoginOf(plan, 'ana.silva@example.com'), '2026-11-02T09:12:00.000Z');
    assert.deepEqual(
      outcome.issues.map((issue) => [issue.severity, issue.statusCode]),
      [['Warning', 'MISSING_COLUMN']]
    );
  });

  it('counts the rows lacking a column once for the page, and errs when no row has it', () => {
    const some = run(
      lastLoginPlan('Clear'),
      lastLoginPage([
        { email: 'ana.silva@example.com', last_login: null },
        { email: 'ben.okafor@example.com' },
        { email: 'no-such-lead@example.com' }
      ])
    ).issues.filter((issue) => issue.statusCode === 'MISSING_COLUMN');
    assert.equal(some.length, 1, 'one issue, not one per row');
    assert.match(some[0].message, /^2 of the page's 3 rows \(the first is row 2\) have no cell/);

    const none = run(
      lastLoginPlan('Clear'),
      lastLoginPage([{ email: 'ana.silva@example.com' }, { email: 'ben.okafor@example.com' }])
    ).issues;
    assert.equal(none[0].severity, 'Error');
    assert.match(
      none[0].message,
      /^None of the page's 2 rows has a cell for the column "last_login"/
    );
  });

  it('treats a cell named in another case or spacing as missing, and names it', () => {
    const plan = lastLoginPlan('Clear');
    const outcome = run(
      plan,
      lastLoginPage([{ email: 'ana.silva@example.com', 'Last_Login ': null }])
    );
    assert.equal(lastLoginOf(plan, 'ana.silva@example.com'), '2026-11-02T09:12:00.000Z');
    assert.match(
      outcome.issues[0].message,
      /\(row 1 has "Last_Login " instead: column names must match exactly\)/
    );
  });

  it('shows a missing cell with its row in a Preview', () => {
    const outcome = run(
      lastLoginPlan('Clear'),
      lastLoginPage([{ email: 'ana.silva@example.com' }]),
      true
    );
    assert.deepEqual(outcome.previewRows[0].problems, [
      'Column "last_login" is missing from this row; Lead.WalkMe_Last_Login__c was left as it is.'
    ]);
  });

  it('skips rows lacking the key column with one Error for the page, not a blank key', () => {
    const outcome = run(
      lastLoginPlan('Clear'),
      lastLoginPage([
        { last_login: null },
        { email: 'ben.okafor@example.com', last_login: '2026-11-20T00:00:00Z' },
        { last_login: null }
      ])
    );
    assert.equal(outcome.rowsSkipped, 2);
    assert.equal(outcome.rowsMatched, 1);
    countsAddUp(outcome);
    assert.deepEqual(outcome.issues, [
      {
        severity: 'Error',
        statusCode: 'MISSING_COLUMN',
        message:
          '2 of the page\'s 3 rows (the first is row 1) have no cell for the key column "email" (the cell is missing, not blank), so they were skipped: the report sent incomplete rows; if this repeats, check the report in Insights.',
        rowNumber: 1
      }
    ]);
  });

  it('says so when no row has the key column, declared or not', () => {
    const declared = run(lastLoginPlan('Clear'), lastLoginPage([{ last_login: null }]));
    assert.equal(
      declared.issues[0].message,
      'The page\'s one row has no cell for the key column "email" (the cell is missing, not blank), so none could be matched: restore the column in the report or edit the integration\'s key.'
    );
    const undeclared = run(lastLoginPlan('Clear'), {
      columns: [],
      rows: [{ last_login: null }, { last_login: null }]
    });
    assert.match(
      undeclared.issues[0].message,
      /^None of the page's 2 rows has a cell for the key column/
    );
    assert.equal(undeclared.issues[0].severity, 'Error');
  });

  it('keeps a null or blank key a blank key', () => {
    const outcome = run(
      lastLoginPlan('Clear'),
      lastLoginPage([
        { email: null, last_login: null },
        { email: '  ', last_login: null }
      ])
    );
    assert.deepEqual(
      outcome.issues.map((issue) => [issue.severity, issue.statusCode]),
      [
        ['Info', 'BLANK_KEY'],
        ['Info', 'BLANK_KEY']
      ]
    );
  });

  it('skips an unreadable row with an Error naming its row and reason', () => {
    const plan = lastLoginPlan('Clear');
    const outcome = run(
      plan,
      lastLoginPage(
        [
          { email: 'ana.silva@example.com', last_login: '2026-11-20T00:00:00Z' },
          {},
          { email: 'no-such-lead@example.com', last_login: null }
        ],
        { 1: 'the line has 7 cells where the header has 5.' }
      )
    );
    assert.deepEqual(
      [outcome.rowsRead, outcome.rowsMatched, outcome.rowsUnmatched, outcome.rowsSkipped],
      [3, 1, 1, 1]
    );
    countsAddUp(outcome);
    assert.deepEqual(outcome.issues[0], {
      severity: 'Error',
      statusCode: 'MALFORMED_ROW',
      message:
        "Row 2 could not be read (the line has 7 cells where the header has 5), so it was skipped; the page's other rows were still synced.",
      rowNumber: 2
    });
    assert.equal(outcome.issues.filter((issue) => issue.statusCode === 'MISSING_COLUMN').length, 0);
  });

  it('skips a key that cannot be normalised with an Error naming the key and the reason', () => {
    const plan = lastLoginPlan('Clear');
    const outcome = processPage(
      plan,
      lastLoginPage([
        { email: 'bad:ana.silva@example.com', last_login: null },
        { email: 'no-such-lead@example.com', last_login: null }
      ]),
      {
        firstRowNumber: 1,
        seenKeys: new Set(),
        dryRun: false,
        keys: {
          keyOf: (raw) => (String(raw).startsWith('bad:') ? undefined : normalizeKey(raw)),
          keyProblemOf: (raw) =>
            String(raw).startsWith('bad:')
              ? 'it holds a character that has no comparable form.'
              : undefined
        }
      }
    );
    assert.deepEqual([outcome.rowsSkipped, outcome.rowsUnmatched], [1, 1]);
    assert.deepEqual(outcome.issues[0], {
      severity: 'Error',
      statusCode: 'UNNORMALIZABLE_KEY',
      message:
        'The key "bad:ana.silva@example.com" in row 1 cannot be compared with Lead.Email: it holds a character that has no comparable form. The row was skipped; fix the key in the source of the report.',
      key: 'bad:ana.silva@example.com',
      rowNumber: 1
    });
  });
});

describe('preview sync engine: the policies, as SyncPageProcessor applies them', () => {
  it('fills an empty field and leaves a filled one under "only fill when empty"', () => {
    const plan = lastLoginPlan('Leave as is');
    plan.mappings[0].onlyWhenEmpty = true;
    plan.object.records[1].WalkMe_Last_Login__c = null;
    const outcome = run(
      plan,
      lastLoginPage([
        { email: 'ana.silva@example.com', last_login: '2026-11-20T00:00:00Z' },
        { email: 'ben.okafor@example.com', last_login: '2026-11-20T00:00:00Z' }
      ])
    );
    assert.equal(lastLoginOf(plan, 'ana.silva@example.com'), '2026-11-02T09:12:00.000Z', 'kept');
    assert.equal(lastLoginOf(plan, 'ben.okafor@example.com'), '2026-11-20T00:00:00.000Z', 'filled');
    assert.deepEqual([outcome.recordsUpdated, outcome.recordsUnchanged], [1, 1]);
  });

  it('clears nothing already filled under Clear when the row fills only empty fields', () => {
    const plan = lastLoginPlan('Clear');
    plan.mappings[0].onlyWhenEmpty = true;
    const outcome = run(
      plan,
      lastLoginPage([{ email: 'ana.silva@example.com', last_login: null }])
    );
    assert.equal(lastLoginOf(plan, 'ana.silva@example.com'), '2026-11-02T09:12:00.000Z');
    assert.equal(outcome.recordsUnchanged, 1);
  });

  it('skips a key shared by several records under "Skip and report" and updates both under "Update all"', () => {
    const shared = (matchPolicy: string): SyncPlan => {
      const plan = lastLoginPlan('Leave as is');
      plan.definition = { ...plan.definition, matchPolicy };
      plan.object.records[1].Email = 'ana.silva@example.com';
      return plan;
    };
    const page = lastLoginPage([
      { email: 'ana.silva@example.com', last_login: '2026-11-20T00:00:00Z' }
    ]);
    const skipped = run(shared('Skip and report'), page);
    assert.deepEqual([skipped.rowsSkipped, skipped.recordsUpdated], [1, 0]);
    assert.deepEqual(
      skipped.issues.map((issue) => issue.statusCode),
      ['AMBIGUOUS_KEY']
    );
    const updated = run(shared('Update all'), page);
    assert.deepEqual([updated.rowsMatched, updated.recordsUpdated], [1, 2]);
  });

  it('carries the option into the plan and refuses it on a checkbox, as IntegrationValidator', () => {
    const withPolicies = (): InsightsSync.IntegrationDefinition => ({
      ...loginsOnLead('email'),
      matchPolicy: 'Update all',
      blankValuePolicy: 'Leave as is'
    });
    const definition = withPolicies();
    definition.mappings = [
      ...(definition.mappings ?? []),
      {
        column: 'opted_out',
        columnType: 'boolean',
        field: 'HasOptedOutOfEmail',
        onlyWhenEmpty: true
      }
    ];
    assert.deepEqual(validateIntegration(definition), [
      'Row 4 (column "opted_out"): the field "Email Opt Out" (HasOptedOutOfEmail) is a checkbox, which is never empty (it is checked or unchecked), so "Only fill when empty" would never write it. Untick "Only fill when empty" for this row.'
    ]);
    const fillsEmpty = withPolicies();
    (fillsEmpty.mappings ?? [])[1].onlyWhenEmpty = true;
    assert.deepEqual(validateIntegration(fillsEmpty), []);
    assert.deepEqual(
      planSync(fillsEmpty).mappings.map((mapping) => mapping.onlyWhenEmpty),
      [false, true, false]
    );
  });
});

describe('preview Preview: the first page matched against the sample records', () => {
  it('matches Logins review to leads by email: counts, before → after, unmatched keys, problems', () => {
    const { org } = sampleOrg();
    const result = org.previewIntegration(loginsOnLead('email'), 50);

    assert.equal(result.rowsRead, 8, 'the first page of the report holds 8 rows');
    assert.equal(result.hasMoreRows, true, 'a second page follows');
    assert.equal(result.rowsMatched, 5, 'ana, ben, chloe, dev (two leads) and eve');
    assert.equal(result.recordsToUpdate, 6, "dev's row updates both of his leads");
    assert.equal(result.recordsUnchanged, 0);
    assert.equal(result.rowsUnmatched, 1);
    assert.equal(result.rowsSkipped, 2, 'the repeated key and the blank key');
    assert.equal(result.valueIssues, 1);
    assert.deepEqual(result.unmatchedKeys, ['no-such-lead@example.com']);
    assert.deepEqual(result.problems, [
      'Row 6 (ANA.SILVA@EXAMPLE.COM): The key "ANA.SILVA@EXAMPLE.COM" already appeared in row 1; the first row wins, so row 6 was skipped.',
      'Row 7: Row 7 has no value in the key column "email"; skipped.',
      'Row 8 (eve.nakamura@example.jp): Column "first_login": "not a date" is not a date or date/time for WalkMe_First_Login__c (expected ISO-8601 such as 2026-11-24 or 2026-11-24T08:00:00Z, or epoch milliseconds). Lead.WalkMe_First_Login__c was left as it is; the record\'s other fields were still updated.'
    ]);

    const ben = result.rows.find((row) => row.recordId === '00Q5g00000LEAD2AAA');
    assert.deepEqual(
      ben,
      {
        rowNumber: 2,
        key: '  Ben.Okafor@Example.com ',
        recordId: '00Q5g00000LEAD2AAA',
        changes: [
          {
            field: 'WalkMe_Last_Login__c',
            before: '2026-11-02T09:12:00.000Z',
            after: '2026-11-23T06:30:00.000Z'
          },
          { field: 'WalkMe_Logins_Last_30_Days__c', before: 5, after: 7 }
        ],
        problems: []
      },
      'the key matched without case and spaces; the first login it already holds is no change'
    );
    const ana = result.rows.find((row) => row.recordId === '00Q5g00000LEAD1AAA');
    assert.deepEqual(ana?.changes[0], {
      field: 'WalkMe_First_Login__c',
      after: '2026-09-01T07:15:00.000Z'
    });
  });

  it('matches TeachMe rows to contacts by GUID whatever its case, once US is connected', () => {
    const { org } = sampleOrg();
    org.connect('US', 'walkme-us-client', 'a-secret');
    const result = org.previewIntegration(integration('Contact_TeachMe'), undefined);
    assert.deepEqual(
      [result.rowsRead, result.rowsMatched, result.recordsToUpdate, result.recordsUnchanged],
      [2, 2, 1, 1],
      "Ben's contact holds the report's values already"
    );
    assert.deepEqual(result.rows[0].changes, [
      { field: 'WalkMe_Courses_Completed__c', after: 4 },
      { field: 'WalkMe_Course_Progress__c', after: 80 },
      { field: 'WalkMe_Last_Course_Activity__c', after: '2026-11-20T10:00:00.000Z' }
    ]);
    assert.equal(result.hasMoreRows, false);
  });

  it('reads only maxRows rows, and says there are more', () => {
    const { org } = sampleOrg();
    const result = org.previewIntegration(loginsOnLead('email'), 3);
    assert.equal(result.rowsRead, 3);
    assert.equal(result.hasMoreRows, true);
  });

  it('finds no lead for User ID keys: every row unmatched, nothing to update', () => {
    const { org } = sampleOrg();
    const result = org.previewIntegration(loginsOnLead('user_id'), 50);
    assert.equal(result.rowsMatched, 0);
    assert.equal(result.rowsUnmatched, 8);
    assert.deepEqual(result.unmatchedKeys.slice(0, 2), ['u-1001', 'u-1002']);
    assert.deepEqual(result.problems, []);
  });

  it('refuses what the preflight refuses, every reason a line', () => {
    const { org } = sampleOrg();
    const definition = loginsOnLead('email');
    definition.objectKeyField = 'WalkMe_First_Login__c';
    definition.mappings?.push({ column: 'email', columnType: 'string', field: 'No_Such__c' });
    assert.equal(
      errorOf(() => org.previewIntegration(definition, 50)),
      [
        'Lead.WalkMe_First_Login__c, the key field, can no longer serve as a key (a key field must be filterable and hold an email, an external id, an id lookup value or text; it is now of type DATETIME): edit the integration and choose another key field.',
        "Lead.No_Such__c no longer exists: recreate it or edit the integration's mapping."
      ].join('\n')
    );
  });

  it('cannot read a report of a region that is not connected', () => {
    const { org } = sampleOrg();
    const definition = loginsOnLead('email');
    definition.connectionRegion = 'CA';
    assert.match(
      errorOf(() => org.previewIntegration(definition, 50)),
      /^Insights \(Canada\) could not be called \(Salesforce said: .*\)\. Check in Setup that the Named Credential WalkMe_Insights_CA is enabled, that the Insights account for region CA is connected/
    );
  });
});

describe('preview schedule: next runs in UTC', () => {
  const now = new Date(NOW);

  it('runs a daily integration at its time today, or tomorrow once the time has passed', () => {
    assert.deepEqual(
      describeSchedule({ frequency: 'Daily', scheduleTimeUtc: '08:00', state: 'Active' }, now),
      {
        scheduleText: 'Daily at 08:00 UTC',
        nextRunAt: '2026-11-25T08:00:00.000Z'
      }
    );
    assert.equal(
      nextOccurrence(
        { frequency: 'Daily', scheduleTimeUtc: '08:00' },
        new Date('2026-11-25T08:00:00Z')
      ).toISOString(),
      '2026-11-26T08:00:00.000Z',
      'the next run is strictly after now'
    );
  });

  it('runs an hourly integration at every pass of the dispatcher, a weekly one on its UTC weekday', () => {
    assert.deepEqual(describeSchedule({ frequency: 'Hourly', state: 'Active' }, now), {
      scheduleText: 'Hourly, on the hour',
      nextRunAt: '2026-11-25T05:00:00.000Z'
    });
    assert.deepEqual(
      describeSchedule({ frequency: 'Hourly', scheduleTimeUtc: '08:15', state: 'Active' }, now),
      {
        scheduleText: 'Hourly, on the hour',
        nextRunAt: '2026-11-25T05:00:00.000Z'
      },
      'a minute stored earlier promises no run the dispatcher does not keep'
    );
    assert.deepEqual(
      describeSchedule(
        {
          frequency: 'Weekly',
          scheduleWeekday: 'Monday',
          scheduleTimeUtc: '06:00',
          state: 'Active'
        },
        now
      ),
      { scheduleText: 'Weekly on Monday at 06:00 UTC', nextRunAt: '2026-11-30T06:00:00.000Z' },
      '2026-11-25 is a Wednesday'
    );
    assert.deepEqual(
      describeSchedule(
        {
          frequency: 'Weekly',
          scheduleWeekday: 'Wednesday',
          scheduleTimeUtc: '04:00',
          state: 'Active'
        },
        now
      ).nextRunAt,
      '2026-12-02T04:00:00.000Z',
      "today's time has passed: next week"
    );
  });

  it('drops a minute stored on a daily integration, showing the pass that starts it', () => {
    assert.deepEqual(
      describeSchedule({ frequency: 'Daily', scheduleTimeUtc: '06:30', state: 'Active' }, now),
      {
        scheduleText: 'Daily at 06:00 UTC',
        nextRunAt: '2026-11-25T06:00:00.000Z'
      },
      'the dispatcher fires at 06:00, not 06:30'
    );
  });

  it('gives a paused integration no next run, and names a time that is no time of day', () => {
    assert.deepEqual(
      describeSchedule({ frequency: 'Daily', scheduleTimeUtc: '06:00', state: 'Paused' }, now),
      {
        scheduleText: 'Daily at 06:00 UTC',
        nextRunAt: undefined
      }
    );
    assert.deepEqual(
      describeSchedule({ frequency: 'Daily', scheduleTimeUtc: 'soon', state: 'Active' }, now),
      {
        scheduleText: 'Daily',
        problem:
          'The schedule time "soon" is not a time of day. Edit the integration, enter the time as HH:mm in UTC (such as 08:00) and save it again.'
      }
    );
  });

  it('lists the sample integrations with their schedule in words and their last run', () => {
    const { org } = sampleOrg();
    const rows = org.getIntegrations();
    assert.deepEqual(
      rows.map((row) => [
        row.label,
        row.scheduleText,
        row.nextRunAt ?? '',
        row.lastRun?.status ?? ''
      ]),
      [
        ['Account feature usage', 'Weekly on Monday at 06:00 UTC', '', ''],
        ['Account onboarding', 'Hourly, on the hour', '2026-11-25T05:00:00.000Z', 'Completed'],
        ['Contact NPS', 'Daily at 08:00 UTC', '2026-11-25T08:00:00.000Z', 'Completed with errors'],
        ['Contact TeachMe', 'Daily at 06:00 UTC', '2026-11-25T06:00:00.000Z', 'Failed'],
        ['Lead logins', 'Daily at 08:00 UTC', '2026-11-25T08:00:00.000Z', 'Completed']
      ],
      'sorted by name; the paused one has no next run and never ran'
    );
    assert.deepEqual(
      rows.map((row) => [row.developerName, row.savedByName]),
      [
        ['Account_Feature_Usage', USER_NAME],
        ['Account_Onboarding', USER_NAME],
        ['Contact_NPS', 'Ben Okafor'],
        ['Contact_TeachMe', USER_NAME],
        ['Lead_Logins', USER_NAME]
      ],
      'who last saved each: scheduled runs write only what that user may edit'
    );
  });

  it('schedules the dispatcher once, by the running user, firing at the next full hour', () => {
    const { org } = sampleOrg();
    assert.deepEqual(org.getSchedulerStatus(), { scheduled: false });
    const status = org.scheduleDispatcher();
    assert.equal(status.scheduled, true);
    assert.equal(status.scheduledBy, 'Ada Admin');
    assert.equal(status.nextFireTime, '2026-11-25T05:00:00.000Z');
    assert.equal(
      nextFullHour(new Date('2026-11-25T05:00:00Z')).toISOString(),
      '2026-11-25T06:00:00.000Z'
    );
    assert.equal(org.scheduleDispatcher().scheduledAt, status.scheduledAt, 'scheduled already');
  });

  it('unschedules the dispatcher, and answers not scheduled when nothing was', () => {
    const { org } = sampleOrg();
    assert.deepEqual(org.unscheduleJobs(), { scheduled: false }, 'nothing to unschedule');
    org.scheduleDispatcher();
    assert.deepEqual(org.unscheduleJobs(), { scheduled: false });
    assert.deepEqual(org.getSchedulerStatus(), { scheduled: false }, 'and it stays so');
    assert.equal(org.scheduleDispatcher().scheduled, true, 'it can be scheduled again');
  });
});

describe('preview settings: SettingsController', () => {
  const apex = (path: string): string => readFileSync(join(process.cwd(), path), 'utf8');

  it('starts with the defaults and both jobs unscheduled', () => {
    const { org } = sampleOrg();
    const settings = org.getSettings();
    assert.equal(settings.logRetentionDays, 30);
    assert.equal(settings.failureEmailRecipients, '');
    assert.equal(settings.alertOnCompletedWithErrors, false);
    assert.equal(settings.dispatcherScheduled, false);
    assert.equal(settings.purgeScheduled, false);
  });

  it('saves the values as the Apex stores them: each address once, separated by commas', () => {
    const { org } = sampleOrg();
    const saved = org.saveSettings(90, 'ops@example.com; data@example.com ops@example.com', true);
    assert.equal(saved.logRetentionDays, 90);
    assert.equal(saved.failureEmailRecipients, 'ops@example.com, data@example.com');
    assert.equal(saved.alertOnCompletedWithErrors, true);
    assert.deepEqual(org.storedSettings(), {
      logRetentionDays: 90,
      failureEmailRecipients: 'ops@example.com, data@example.com',
      alertOnCompletedWithErrors: true
    });
  });

  it('refuses every value out of range at once, in the words of the Apex, and saves nothing', () => {
    const { org } = sampleOrg();
    assert.throws(() => org.saveSettings(0, 'ops@example.com, nobody', false), {
      message:
        'Log retention must be a whole number of days from 1 to 3650, not 0.\n' +
        '"nobody" is not an email address.'
    });
    assert.throws(() => org.saveSettings(undefined, '', false), /; it is empty\.$/);
    const eleven = Array.from({ length: 11 }, (_, index) => `p${index}@example.com`).join(',');
    assert.throws(
      () => org.saveSettings(30, eleven, false),
      /At most 10 failure email recipients, not 11:/
    );
    assert.equal(org.getSettings().logRetentionDays, 30, 'nothing saved');
  });

  it('uses the limits and sentences of the Apex', () => {
    const settings = apex('force-app/main/sync/classes/SyncSettings.cls');
    assert.match(settings, /MAX_LOG_RETENTION_DAYS = 3650;/);
    assert.match(settings, /MAX_FAILURE_EMAIL_RECIPIENTS = 10;/);
    const controller = apex('force-app/main/console/classes/SettingsController.cls');
    for (const fragment of [
      "'Log retention must be a whole number of days from 1 to '",
      "'; it is empty.'",
      "'\" is not an email address.'",
      "' failure email recipients, not '",
      "': use a group address for more people.'",
      '\'": choose "dispatcher" or "purge".\''
    ]) {
      assert.ok(controller.includes(fragment), `SettingsController says ${fragment}`);
    }
  });

  it('schedules and unschedules each job on its own; Unschedule all stops both', () => {
    const { org } = sampleOrg();
    assert.equal(org.scheduleJob('purge').purgeScheduled, true);
    const both = org.scheduleJob('dispatcher');
    assert.equal(both.dispatcherScheduled, true);
    assert.equal(both.dispatcherScheduledBy, 'Ada Admin');
    const purgeOnly = org.unscheduleJob('dispatcher');
    assert.equal(purgeOnly.dispatcherScheduled, false);
    assert.equal(purgeOnly.purgeScheduled, true, 'the purge is left alone');
    org.unscheduleJobs();
    assert.equal(org.getSettings().purgeScheduled, false);
    assert.throws(() => org.scheduleJob('reports'), {
      message: 'There is no Insights Sync job called "reports": choose "dispatcher" or "purge".'
    });
  });
});

describe('preview saves: IntegrationValidator rules and the Integration_Saved__e that follows', () => {
  it("names every problem of an integration that cannot be saved, in the validator's order", () => {
    const definition = {
      ...loginsOnLead('email'),
      matchPolicy: 'Update all',
      blankValuePolicy: 'Leave as is'
    };
    definition.developerName = 'Logins__review';
    definition.connectionRegion = 'Mars';
    definition.mappings = [
      { column: 'first_login', columnType: 'datetime', field: 'Email' },
      { column: 'last_login', columnType: 'datetime', field: 'Company' },
      { column: 'logins_last_30_days', columnType: 'integer', field: 'WalkMe_Last_Login__c' },
      { column: 'user_id', columnType: 'text', field: 'Company' },
      { column: 'email', columnType: 'string', field: 'IsConverted' }
    ];
    definition.frequency = 'Weekly';
    assert.deepEqual(validateIntegration(definition), [
      'The API name "Logins__review" is not valid. Use up to 40 letters, digits and single underscores, starting with a letter and not ending with an underscore, such as Lead_Logins.',
      'Unknown Insights region "Mars". Known regions: US, EU, CA, FEDRAMP.',
      'Row 1 (column "first_login"): the field "Email" is the key field. The key finds the records and is never written; choose another field.',
      'Row 3 (column "logins_last_30_days"): the column holds integer values, which cannot be written to the field "WalkMe Last Login" (WalkMe_Last_Login__c) of type DATETIME. Choose a field of a matching type.',
      'Row 4 (column "user_id"): the column type "text" is unknown. Use one of: boolean, date, datetime, integer, number, percent, string.',
      'Row 4 (column "user_id"): the field "Company" is already mapped in row 2. Map each field once.',
      'Row 5 (column "email"): you cannot edit the field "Converted" (IsConverted) of "Lead" (Lead). Choose another field, or ask your Salesforce admin for edit access to it.',
      'A weekly integration needs the weekday (in UTC) on which it runs.'
    ]);
  });

  it('refuses a schedule time that is not on the hour, as IntegrationValidator', () => {
    const onTheHour =
      'Time (UTC) must be on the hour, such as 08:00: runs start when the hourly dispatcher passes, at the top of each hour.';
    const savable = {
      ...loginsOnLead('email'),
      matchPolicy: 'Update all',
      blankValuePolicy: 'Leave as is'
    };
    for (const frequency of ['Daily', 'Weekly']) {
      assert.deepEqual(
        validateIntegration({
          ...savable,
          frequency,
          scheduleWeekday: 'Monday',
          scheduleTimeUtc: '08:30'
        }),
        [onTheHour],
        `${frequency} at 08:30 would run at the 09:00 pass`
      );
    }
    assert.deepEqual(
      validateIntegration({
        ...savable,
        frequency: 'Hourly',
        scheduleTimeUtc: '00:15'
      }),
      [onTheHour],
      'a minute stored on an hourly integration is refused alike'
    );
    assert.deepEqual(
      validateIntegration({
        ...savable,
        frequency: 'Hourly',
        scheduleTimeUtc: undefined
      }),
      [],
      'an hourly integration needs no time'
    );
    assert.deepEqual(
      validateIntegration({ ...savable, scheduleTimeUtc: '23:00' }),
      [],
      'the last whole hour of the day'
    );
    assert.deepEqual(
      validateIntegration({ ...savable, scheduleTimeUtc: '08:60' }),
      [
        'The schedule time "08:60" is not a time of day. Enter it as HH:mm in UTC, from 00:00 to 23:59, such as 08:00.'
      ],
      'a time that is no time of day is refused for its format only'
    );
  });

  it('keeps every sample integration on a whole hour', () => {
    for (const sample of SAMPLE_INTEGRATIONS) {
      assert.match(sample.scheduleTimeUtc ?? '08:00', /^\d{2}:00$/, sample.developerName);
    }
  });

  it('asks for the basics of an empty integration', () => {
    assert.deepEqual(
      validateIntegration({ sourceType: 'Insights API', mappings: [] }).slice(0, 6),
      [
        'Enter a name for the integration.',
        'Enter an API name for the integration, such as Lead_Logins.',
        'Choose the Insights connection (region) the report is read from.',
        'Choose the Insights report to read.',
        'Choose the object whose records the integration updates.',
        'Choose the report column that identifies a record (usually email or user_guid).'
      ]
    );
    assert.equal(
      validateIntegration({ targetObject: 'Nope__c' }).find((problem) =>
        problem.includes('Nope__c')
      ),
      'The object "Nope__c" does not exist in this org, or you cannot see it. Check its API name (for example Lead or Customer_Success__c).'
    );
  });

  it('refuses the name of another integration, as IntegrationValidator does', () => {
    const others = [
      integration('Lead_Logins'),
      { ...integration('Contact_NPS'), state: 'Archived' }
    ];
    const named = (developerName: string, label: string): string[] =>
      validateIntegration(
        {
          ...loginsOnLead('email'),
          matchPolicy: 'Update all',
          blankValuePolicy: 'Leave as is',
          developerName,
          label
        },
        others
      );
    assert.deepEqual(named('Logins_review', ' LEAD LOGINS '), [
      'The integration "Lead logins" (Lead_Logins) already has the name "LEAD LOGINS". Choose another name, so the list and the run log tell them apart.'
    ]);
    assert.deepEqual(named('lead_logins', 'Lead logins'), [], 'Edit keeps its own name');
    assert.deepEqual(named('Logins_review', others[1].label ?? ''), [], 'archived names are free');
  });

  it('refuses at Save a name another saved integration has', () => {
    const { org } = sampleOrg();
    assert.throws(
      () =>
        org.saveIntegration({
          ...loginsOnLead('email'),
          label: 'Lead logins',
          isNew: true
        }),
      /The integration "Lead logins" \(Lead_Logins\) already has the name "Lead logins"/
    );
  });

  it("holds a CSV source to the run's rules: credential name, packaged credentials, file path", () => {
    const csv = (credential: string, path: string): string[] =>
      validateIntegration({
        ...loginsOnLead('email'),
        matchPolicy: 'Update all',
        blankValuePolicy: 'Leave as is',
        sourceType: 'CSV Export',
        connectionRegion: undefined,
        csvNamedCredential: credential,
        csvFilePath: path
      });
    for (const usable of ['Insights_Export_Bucket', 'acme__Exports_2', ' Bucket1 ']) {
      assert.deepEqual(csv(usable, '/exports/logins.csv'), [], usable);
    }
    for (const malformed of ['Bucket_', 'Insights__Export__Bucket', 'Export___Bucket', '_Bucket']) {
      assert.deepEqual(csv(malformed, 'exports/logins.csv'), [csvCredentialProblem(malformed)]);
      assert.match(csvCredentialProblem(malformed) ?? '', /is not valid/);
    }
    for (const packaged of [
      'WalkMe_Insights_US',
      'walkme_insights_eu',
      'acme__WalkMe_Insights_CA'
    ]) {
      assert.deepEqual(csv(packaged, 'public/v1/insights/reports'), [
        `The Named Credential "${packaged}" is Insights Sync's own connection to the WalkMe API, not a storage bucket: a CSV export source cannot read through it. Create a Named Credential for the bucket that holds the export and enter its API name, such as Insights_Export_Bucket.`
      ]);
    }
    assert.deepEqual(csv('Insights_Export_Bucket', 'exports/../secret.csv'), [
      'The export file path must name a file below the Named Credential\'s URL, such as exports/logins.csv, got "exports/../secret.csv".'
    ]);
    assert.deepEqual(csv('Insights_Export_Bucket', 'exports/'), [csvPathProblem('exports/')]);
  });

  it('refuses to preview through a packaged WalkMe credential, as ReportSources does', () => {
    const { org } = sampleOrg();
    assert.equal(
      errorOf(() =>
        org.previewIntegration(
          {
            ...loginsOnLead('email'),
            sourceType: 'CSV Export',
            csvNamedCredential: 'WalkMe_Insights_EU',
            csvFilePath: 'public/v1/insights/reports'
          },
          50
        )
      ),
      `${csvCredentialProblem('WalkMe_Insights_EU') ?? ''} Edit the integration.`
    );
  });

  it('words the CSV credential problems as CsvCredentialName does', () => {
    const source = readFileSync(
      join(repositoryRoot, 'force-app/main/insights/classes/CsvCredentialName.cls'),
      'utf8'
    );
    const body = /String problem\(String name\) \{([\s\S]*?)\n {2}\}/.exec(source)?.[1];
    assert.ok(body, 'CsvCredentialName.problem found');
    const messages = ['', 'Bucket_', 'WalkMe_Insights_US'].map((name) =>
      csvCredentialProblem(name)
    );
    for (const literal of apexLiterals(body).filter((text) => text.length > 3)) {
      assert.ok(
        messages.some((message) => message?.includes(literal)),
        `the preview words "${literal}" as the Apex does`
      );
    }
  });

  it('refuses a save with the problems one a line, and publishes nothing', () => {
    const { org, time } = sampleOrg();
    const definition = loginsOnLead('email');
    definition.label = '';
    assert.equal(
      errorOf(() => org.saveIntegration(definition)),
      'Enter a name for the integration.'
    );
    time.advance(DEPLOY_MS * 2);
    assert.deepEqual(time.events, []);
  });

  it('refuses a key pair whose types cannot match, naming both, as IntegrationValidator', () => {
    const { org, time } = sampleOrg();
    const definition = loginsOnLead('signup_date');
    definition.reportKeyColumnType = 'date';
    assert.equal(
      errorOf(() => org.saveIntegration(definition)),
      'The key column "signup_date" holds date values, which can never match the key field "Email" (Email) of type EMAIL. ' +
        'A text key column can match any key field; a number or integer key column only a text or number field; percent, boolean, date and datetime columns cannot be keys.'
    );
    const fromMapping = loginsOnLead('first_login');
    assert.match(
      errorOf(() => org.saveIntegration(fromMapping)),
      /^The key column "first_login" holds datetime values/,
      'the type of a mapping row reading the key column stands in for it'
    );
    time.advance(DEPLOY_MS * 2);
    assert.deepEqual(time.events, []);
  });

  it('saves a weak key of a matching type (the wizard warns about it)', () => {
    const { org } = sampleOrg();
    const definition = loginsOnLead('city');
    definition.reportKeyColumnType = 'string';
    definition.objectKeyField = 'City';
    assert.ok(org.saveIntegration(definition), 'saved: a deployment was started');
  });

  it('refuses a new integration the API name of an existing one, in any case', () => {
    const { org, time } = sampleOrg();
    const definition = loginsOnLead('email');
    definition.developerName = 'lead_logins';
    definition.isNew = true;
    assert.equal(
      errorOf(() => org.saveIntegration(definition)),
      'An integration with the API name "lead_logins" already exists (it may be archived). ' +
        'Choose another API name.'
    );
    time.advance(DEPLOY_MS * 2);
    assert.deepEqual(time.events, []);
  });

  it('answers a job id at once, then adds the integration and publishes its event a second later', () => {
    const { org, time } = sampleOrg();
    const definition = loginsOnLead('email');
    definition.targetObject = 'lead';
    definition.frequency = 'daily';
    const jobId = org.saveIntegration(definition);
    assert.match(jobId, /^0Af[A-Za-z0-9]{15}$/, 'an 18-character deployment id');
    assert.equal(
      org.getIntegrations().some((row) => row.developerName === 'Logins_review'),
      false,
      'not saved before the deployment finishes'
    );

    time.advance(DEPLOY_MS);
    assert.deepEqual(time.events, [
      {
        channel: SAVED_CHANNEL,
        payload: {
          Developer_Name__c: 'Logins_review',
          Deploy_Job_Id__c: jobId,
          Success__c: true,
          Message__c: 'The integration "Logins_review" is saved.'
        }
      }
    ]);
    const saved = org.getIntegration('logins_review');
    assert.equal(saved.targetObject, 'Lead', 'names spelled as Salesforce does');
    assert.equal(saved.frequency, 'Daily');
    assert.equal(
      org.getIntegrations().find((row) => row.developerName === 'Logins_review')?.scheduleText,
      'Daily at 08:00 UTC'
    );
  });

  it('names the channel and payload keys it publishes on, as getSaveEventChannel does', () => {
    const { org, time } = sampleOrg();
    const names = org.getSaveEventChannel();
    assert.deepEqual(names, {
      channel: '/event/Integration_Saved__e',
      developerNameField: 'Developer_Name__c',
      deployJobIdField: 'Deploy_Job_Id__c',
      successField: 'Success__c',
      messageField: 'Message__c'
    });

    org.pauseIntegration('Lead_Logins');
    time.advance(DEPLOY_MS);
    const [event] = time.events;
    assert.equal(event?.channel, names.channel, 'published on the channel it names');
    assert.deepEqual(
      Object.keys(event?.payload ?? {}).sort(),
      [
        names.deployJobIdField,
        names.developerNameField,
        names.messageField,
        names.successField
      ].sort(),
      'with the payload keys it names'
    );
  });

  it('pauses through a deployment too, and refuses an unknown integration by name', () => {
    const { org, time } = sampleOrg();
    org.pauseIntegration('Lead_Logins');
    assert.equal(org.getIntegration('Lead_Logins').state, 'Active');
    time.advance(DEPLOY_MS);
    assert.equal(org.getIntegration('Lead_Logins').state, 'Paused');
    assert.equal(time.events.length, 1);
    assert.equal(
      errorOf(() => org.archiveIntegration('Gone')),
      'There is no integration with the API name "Gone".'
    );
  });

  it('lists the archived integrations only when asked, and restores one as Paused', () => {
    const { org, time } = sampleOrg();
    assert.ok(
      !org.getIntegrations().some((row) => row.state === 'Archived'),
      'the list leaves archived integrations out'
    );
    assert.deepEqual(
      org.getArchivedIntegrations().map((row) => [row.developerName, row.state, row.nextRunAt]),
      [['Lead_Logins_Pilot', 'Archived', undefined]],
      'the archived sample integration, without a next run'
    );

    const jobId = org.restoreIntegration('lead_logins_pilot');
    assert.equal(org.getIntegration('Lead_Logins_Pilot').state, 'Archived', 'not before the event');
    time.advance(DEPLOY_MS);
    assert.equal(time.events[0]?.payload.Deploy_Job_Id__c, jobId, 'its Integration_Saved__e');
    assert.equal(org.getIntegration('Lead_Logins_Pilot').state, 'Paused', 'back, paused');
    assert.deepEqual(org.getArchivedIntegrations(), [], 'no longer archived');
    assert.equal(
      org.getIntegrations().find((row) => row.developerName === 'Lead_Logins_Pilot')?.nextRunAt,
      undefined,
      'listed again, with no next run until it is resumed'
    );
  });

  it('refuses to restore an integration that is not archived or does not exist', () => {
    const { org, time } = sampleOrg();
    assert.equal(
      errorOf(() => org.restoreIntegration('Lead_Logins')),
      'The integration "Lead_Logins" is not archived (it is Active): only an archived ' +
        'integration can be restored.'
    );
    assert.equal(
      errorOf(() => org.restoreIntegration('Gone')),
      'There is no integration with the API name "Gone".'
    );
    time.advance(DEPLOY_MS);
    assert.equal(time.events.length, 0, 'nothing deployed');
  });
});

describe('preview sample runs: relative to now, and consistent with the schedule', () => {
  it('puts every sample run in the past of now, none queued or running', () => {
    for (const now of [NOW, Date.parse('2027-03-14T23:59:00Z')]) {
      const { runs, details } = sampleRunsAt(new Date(now));
      for (const run of runs) {
        assert.ok(
          ['Completed', 'Completed with errors', 'Failed'].includes(run.status ?? ''),
          `${run.name} has ended: ${run.status}`
        );
        for (const time of [run.queuedAt, run.startedAt, run.finishedAt]) {
          assert.ok(time === undefined || Date.parse(time) <= now, `${run.name} at ${time}`);
        }
        assert.ok(now - Date.parse(run.queuedAt) < 8 * 86_400_000, `${run.name} is recent`);
      }
      assert.match(
        details['run-5'].stepLog ?? '',
        new RegExp(
          `^${runs.find((run) => run.id === 'run-5')?.startedAt?.slice(0, 10)} 08:00:02 UTC`
        ),
        'the step log moves with its run'
      );
    }
  });

  it('keeps scheduled runs at their schedule time of day', () => {
    const { runs } = sampleRunsAt(new Date('2027-03-14T23:59:00Z'));
    const times = runs
      .filter((run) => run.triggerType === 'Scheduled')
      .map((run) => [run.integrationName, run.queuedAt.slice(11, 16)]);
    assert.deepEqual(times, [
      ['Lead_Logins', '08:00'],
      ['Lead_Logins', '08:00'],
      ['Contact_NPS', '08:00'],
      ['Contact_TeachMe', '06:00']
    ]);
  });

  it('gives a sample run that matched no record the warning outcome of RunOutcome', () => {
    const onboarding = sampleRunsAt(new Date(NOW)).runs.find((run) => run.id === 'run-1');
    assert.equal(onboarding?.status, 'Completed');
    assert.equal(onboarding?.outcome, 'Completed · no record matched');
    assert.equal(
      onboarding?.warning,
      'No record matched: 10 read, 10 unmatched — check the key pair.'
    );
  });
});

describe('preview Run Now: queued, running, finished, with its log', () => {
  it('refuses an integration whose run is already queued or running', () => {
    const { org } = sampleOrg();
    org.runNow('Lead_Logins');
    assert.equal(
      errorOf(() => org.runNow('Lead_Logins')),
      '"Lead logins" is already queued or running. Open its Log to follow the run.'
    );
    assert.equal(
      errorOf(() => org.runNow('Nope')),
      'There is no integration named "Nope" (or it is archived).'
    );
  });

  it('ends a run that matched no record as a warning, in the words of RunOutcome', () => {
    const { org, time } = sampleOrg();
    org.saveIntegration(loginsOnLead('user_id'));
    time.advance(DEPLOY_MS);

    const runId = org.runNow('Logins_review');
    assert.equal(
      org.getRuns(undefined, 1)[0].outcome,
      'Queued',
      'the outcome of a run in progress'
    );
    time.advance(RUN_START_MS + RUN_PAGE_MS * 5);

    const { run, stepLog } = org.getRunDetail(runId);
    assert.ok(run.rowsRead > 0 && run.rowsMatched === 0, `nothing matched: ${JSON.stringify(run)}`);
    assert.equal(run.outcome, `${run.status} · no record matched`);
    assert.equal(
      run.warning,
      `No record matched: ${run.rowsRead} read, ${run.rowsUnmatched} unmatched — check the key pair.`
    );
    assert.match(
      stepLog ?? '',
      /Finished: Completed[^.]* · no record matched\. No record matched: /
    );
    assert.equal(
      org.getIntegrations().find((row) => row.developerName === 'Logins_review')?.lastRun?.warning,
      run.warning
    );
  });

  it('runs an integration page by page and counts what it did', () => {
    const { org, time } = sampleOrg();
    org.saveIntegration(loginsOnLead('email'));
    time.advance(DEPLOY_MS);

    const runId = org.runNow('Logins_review');
    const queued = org.getRuns(undefined, undefined)[0];
    assert.equal(queued.id, runId, 'the new run tops the log');
    assert.equal(queued.status, 'Queued');
    assert.equal(queued.name, 'RUN-000046');
    assert.deepEqual(
      [queued.startedById, queued.startedByName],
      [USER_ID, USER_NAME],
      'Run Now runs as the user who pressed it'
    );
    assert.equal(
      errorOf(() => org.runNow('Logins_review')),
      '"Logins review" is already queued or running. Open its Log to follow the run.'
    );

    time.advance(RUN_START_MS);
    assert.equal(org.getRunDetail(runId).run.status, 'Running');
    time.advance(RUN_PAGE_MS * 2);

    const detail = org.getRunDetail(runId);
    const { run } = detail;
    assert.equal(run.status, 'Completed with errors', 'a value could not be converted');
    assert.deepEqual(
      [run.rowsRead, run.rowsMatched, run.recordsUpdated, run.recordsUnchanged, run.rowsUnmatched],
      [10, 7, 7, 1, 1],
      "Farid's lead already holds the report's values"
    );
    assert.deepEqual(
      [run.rowsSkipped, run.valueIssues, run.pagesRead, run.issueCount],
      [2, 1, 2, 4]
    );
    assert.equal(run.runtimeMs, RUN_PAGE_MS * 2);
    assert.deepEqual(
      detail.issues.map((issue) => [issue.rowNumber, issue.statusCode]),
      [
        [5, 'UNMATCHED_KEY'],
        [6, 'DUPLICATE_KEY'],
        [7, 'BLANK_KEY'],
        [8, 'UNCONVERTIBLE_VALUE']
      ]
    );
    const lines = (detail.stepLog ?? '').split('\n');
    assert.equal(lines.length, 6, 'queued, started, runs as, two pages, finished');
    assert.match(lines[0], /^2026-11-25 04:59:01 UTC {2}Queued \(Manual run, by Ada Admin\)$/);
    assert.match(lines[1], /UTC {2}Started \(job 7075g\w+\)$/);
    assert.match(lines[2], /UTC {2}Runs as Ada Admin\.$/);
    assert.match(
      lines[3],
      /UTC {2}Page 1: rows read 8, matched 5; records updated 6, unchanged 0, failed 0; rows unmatched 1, skipped 2; value issues 1; issues 4\.$/
    );
    assert.match(
      lines[5],
      /UTC {2}Finished: Completed with errors\. Rows read 10, matched 7; records updated 7, unchanged 1, failed 0; rows unmatched 1, skipped 2; value issues 1; issues 4; pages 2\.$/
    );
    assert.equal(
      org.recordsOf('Lead').find((lead) => lead.Id === '00Q5g00000LEAD1AAA')
        ?.WalkMe_Logins_Last_30_Days__c,
      42,
      'the run wrote to the records'
    );
    assert.equal(
      org.getIntegrations().find((row) => row.developerName === 'Logins_review')?.lastRun?.id,
      runId
    );

    const second = org.runNow('Logins_review');
    time.advance(RUN_START_MS + RUN_PAGE_MS * 2);
    const again = org.getRunDetail(second).run;
    assert.deepEqual(
      [again.recordsUpdated, again.recordsUnchanged],
      [0, 8],
      'nothing left to change'
    );
  });

  it('records what a validation rule refuses as a failed record', () => {
    const { org, time } = sampleOrg();
    const runId = org.runNow('Contact_NPS');
    time.advance(RUN_START_MS + RUN_PAGE_MS);
    const detail = org.getRunDetail(runId);
    assert.equal(detail.run.status, 'Completed with errors');
    assert.equal(detail.run.recordsFailed, 1);
    const refused = detail.issues.find(
      (issue) => issue.statusCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION'
    );
    assert.deepEqual(
      [refused?.rowNumber, refused?.key, refused?.recordId, refused?.field, refused?.message],
      [
        4,
        'dev.patel@example.com',
        '0035g00000CONT4AAA',
        'WalkMe_NPS_Score__c',
        'NPS must be between 0 and 10.'
      ]
    );
  });

  it('fails the run of a region that is not connected, without starting it', () => {
    const { org, time } = sampleOrg();
    const runId = org.runNow('Contact_TeachMe');
    time.advance(RUN_START_MS);
    const { run, stepLog } = org.getRunDetail(runId);
    assert.equal(run.status, 'Failed');
    assert.equal(run.startedAt, undefined);
    assert.match(
      run.errorSummary ?? '',
      /^Reading page 1 failed: Insights \(United States\) could not be called/
    );
    assert.match(stepLog ?? '', /Finished: Failed \(Reading page 1 failed: /);
  });

  it('keeps the sample runs and answers the log as RunLogController does', () => {
    const { org } = sampleOrg();
    assert.deepEqual(org.getRuns(undefined, undefined), sampleRunsAt(new Date(NOW)).runs);
    assert.deepEqual(
      org.getRuns('lead_logins', 1).map((run) => run.id),
      ['run-5'],
      'by integration, newest first, limited'
    );
    assert.equal(org.getRunDetail('run-3').issues.length, 3);
    assert.equal(
      errorOf(() => org.getRunDetail('')),
      'Choose a run to show its log.'
    );
    assert.match(
      errorOf(() => org.getRunDetail('run-999')),
      /^This run is no longer in the log/
    );
  });
});

/** The string literals of a piece of Apex, unescaped, in order. */
function apexLiterals(apex: string): string[] {
  return [...apex.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((literal) =>
    (literal[1] ?? '').replace(/\\'/g, "'")
  );
}

/** The text an Apex method of InsightsConnectionMessages returns: its concatenated literals. */
function apexSentence(method: string): string {
  const source = readFileSync(
    join(repositoryRoot, 'force-app/main/insights/classes/InsightsConnectionMessages.cls'),
    'utf8'
  );
  const body = new RegExp(`String ${method}\\(\\)\\s*\\{\\s*return ([^;]+);`).exec(source)?.[1];
  assert.ok(body, `InsightsConnectionMessages.${method}() found`);
  return [...body.matchAll(/'((?:[^'\\]|\\.)*)'/g)]
    .map((literal) => (literal[1] ?? '').replace(/\\'/g, "'"))
    .join('');
}

/** The parts of TargetRules.cls the preview mirrors, read from the Apex source. */
function apexTargetRules(): typeof TARGET_RULES {
  const source = readFileSync(
    join(repositoryRoot, 'force-app/main/integrations/classes/TargetRules.cls'),
    'utf8'
  );
  const block = (name: string): string => {
    const found = new RegExp(`${name} = new [^{]+\\{([\\s\\S]*?)\\};`).exec(source)?.[1];
    assert.ok(found, `TargetRules.${name} found`);
    return found;
  };
  const constants = Object.fromEntries(
    [...source.matchAll(/private static final String (\w+) =\s*'((?:[^'\\]|\\.)*)';/g)].map(
      (match) => [match[1], (match[2] ?? '').replace(/\\'/g, "'")]
    )
  );
  const pairs = (text: string, value: RegExp): [string, string][] =>
    [...text.matchAll(new RegExp(`'([^']+)'\\s*=>\\s*${value.source}`, 'g'))].map((match) => [
      match[1] ?? '',
      (match[2] ?? '').replace(/\\'/g, "'")
    ]);
  const reasonNames = Object.keys(TARGET_RULES.reasons);
  return {
    reasons: Object.fromEntries(
      reasonNames.map((name) => [name, constants[name]])
    ) as typeof TARGET_RULES.reasons,
    reasonsBySuffix: Object.fromEntries(
      pairs(block('REASONS_BY_SUFFIX'), /(\w+)/)
    ) as typeof TARGET_RULES.reasonsBySuffix,
    securityObjects: apexLiterals(block('SECURITY_OBJECTS')),
    fieldReasons: Object.fromEntries(pairs(block('FIELD_REASONS'), /'((?:[^'\\]|\\.)*)'/)),
    userPermissionPrefix: constants.USER_PERMISSION_PREFIX ?? '',
    securityReferences: apexLiterals(block('SECURITY_REFERENCES')),
    ownObjects: [...block('OWN_OBJECTS').matchAll(/(\w+)\.SObjectType/g)].map(
      (match) => match[1] ?? ''
    )
  };
}

describe('preview targets: TargetRules at save, at run and in the wizard', () => {
  it('holds the same objects, fields and reasons as TargetRules', () => {
    assert.deepEqual(TARGET_RULES, apexTargetRules());
  });

  it('refuses the objects TargetRules refuses, and allows those report data belongs on', () => {
    const reasons = TARGET_RULES.reasons;
    const cases: [TargetObjectFacts, string | undefined][] = [
      [{ apiName: 'Insights_Sync_Settings__c', isCustomSetting: true }, reasons.CUSTOM_SETTING],
      [{ apiName: 'Sync_Run__c' }, reasons.OWN_OBJECT],
      [{ apiName: 'Sync_Run_Issue__c' }, reasons.OWN_OBJECT],
      [{ apiName: 'Integration__mdt' }, reasons.CUSTOM_METADATA],
      [{ apiName: 'Integration_Saved__e' }, reasons.NOT_RECORDS],
      [{ apiName: 'AccountShare', associateEntityType: 'Share' }, reasons.SHARING],
      [{ apiName: 'AccountHistory', associateEntityType: 'History' }, reasons.TRACKING],
      [{ apiName: 'AccountFeed', associateEntityType: 'Feed' }, reasons.TRACKING],
      [{ apiName: 'Customer_Success__Share' }, reasons.SHARING],
      [{ apiName: 'PermissionSet' }, reasons.SECURITY_OBJECT],
      [{ apiName: 'groupmember' }, reasons.SECURITY_OBJECT],
      [{ apiName: 'Lead' }, undefined],
      [{ apiName: 'User' }, undefined],
      [{ apiName: 'Customer_Success__c' }, undefined]
    ];
    for (const [object, reason] of cases) {
      assert.equal(targetObjectReason(object), reason, object.apiName);
    }
  });

  it('refuses owner, login, identity and access fields, and nothing that only looks like one', () => {
    const reasons = TARGET_RULES.reasons;
    const cases: [string, TargetFieldFacts, string | undefined][] = [
      ['Lead', { apiName: 'OwnerId', type: 'REFERENCE' }, TARGET_RULES.fieldReasons['*.OwnerId']],
      [
        'Case',
        { apiName: 'recordtypeid', type: 'REFERENCE' },
        TARGET_RULES.fieldReasons['*.RecordTypeId']
      ],
      ['User', { apiName: 'IsActive', type: 'BOOLEAN' }, "turns the user's login on or off"],
      ['User', { apiName: 'Email', type: 'EMAIL' }, TARGET_RULES.fieldReasons['User.Email']],
      [
        'User',
        { apiName: 'UserPermissionsKnowledgeUser', type: 'BOOLEAN' },
        reasons.USER_PERMISSION
      ],
      [
        'GroupMember',
        { apiName: 'GroupId', type: 'REFERENCE', referenceTo: ['Group'] },
        reasons.SECURITY_REFERENCE
      ],
      ['Lead', { apiName: 'Email', type: 'EMAIL' }, undefined],
      ['Campaign', { apiName: 'IsActive', type: 'BOOLEAN' }, undefined],
      ['Contact', { apiName: 'AccountId', type: 'REFERENCE', referenceTo: ['Account'] }, undefined]
    ];
    for (const [objectName, field, reason] of cases) {
      assert.equal(targetFieldReason(objectName, field), reason, `${objectName}.${field.apiName}`);
    }
  });

  it('offers the wizard no refused object or field, and keeps identifiers as keys', () => {
    const { org } = sampleOrg();
    const offered = org.getObjects().map((object) => object.apiName);
    assert.ok(offered.includes('User'), 'User is offered');
    assert.ok(!offered.includes('Insights_Sync_Settings__c'), 'the settings are not');
    const user = org.describeObject('User');
    const writable = user.fields.map((field) => field.apiName);
    for (const refused of ['IsActive', 'Username', 'Email', 'FederationIdentifier', 'ProfileId']) {
      assert.ok(!writable.includes(refused), `User.${refused} is not offered to write`);
    }
    assert.ok(writable.includes('Title'), 'User.Title is');
    const keys = user.keyFields.map((field) => field.apiName);
    assert.ok(keys.includes('Email') && keys.includes('Username'), 'users are found by them');
    assert.ok(
      !org.describeObject('Lead').fields.some((field) => field.apiName === 'OwnerId'),
      'no owner to write'
    );
    assert.equal(
      errorOf(() => org.describeObject('insights_sync_settings__c')),
      `Insights Sync does not write to "Insights Sync Settings" (Insights_Sync_Settings__c): it ${TARGET_RULES.reasons.CUSTOM_SETTING}. Choose another object.`
    );
  });

  it("refuses at save a refused object and a refused field, in the validator's words", () => {
    const settings = {
      ...loginsOnLead('email'),
      targetObject: 'Insights_Sync_Settings__c',
      objectKeyField: 'Name'
    };
    assert.ok(
      validateIntegration(settings).includes(
        `Insights Sync does not write to "Insights Sync Settings" (Insights_Sync_Settings__c): it ${TARGET_RULES.reasons.CUSTOM_SETTING}. Choose another object.`
      )
    );
    const onUser = {
      ...loginsOnLead('email'),
      matchPolicy: 'Update all',
      blankValuePolicy: 'Leave as is',
      targetObject: 'User',
      mappings: [
        { column: 'user_id', columnType: 'string', field: 'Title' },
        { column: 'active', columnType: 'boolean', field: 'IsActive' }
      ]
    };
    assert.deepEqual(validateIntegration(onUser), [
      `Row 2 (column "active"): Insights Sync does not write "Active" (IsActive) of "User" (User): it turns the user's login on or off. Choose another field.`
    ]);
    assert.deepEqual(validateIntegration({ ...onUser, mappings: onUser.mappings.slice(0, 1) }), []);
  });

  it('refuses at run (Preview included) what the save refuses, before reading the report', () => {
    const { org } = sampleOrg();
    const onUser = {
      ...loginsOnLead('email'),
      targetObject: 'User',
      mappings: [{ column: 'last_login', columnType: 'boolean', field: 'IsActive' }]
    };
    assert.equal(
      errorOf(() => org.previewIntegration(onUser, 50)),
      `Insights Sync does not write "Active" (IsActive) of "User" (User): it turns the user's login on or off. Edit the integration's mapping and remove row 1.`
    );
    assert.equal(
      errorOf(() =>
        org.previewIntegration(
          {
            ...loginsOnLead('email'),
            targetObject: 'Insights_Sync_Settings__c',
            objectKeyField: 'Name'
          },
          50
        )
      ),
      `Insights Sync does not write to "Insights Sync Settings" (Insights_Sync_Settings__c): it ${TARGET_RULES.reasons.CUSTOM_SETTING}. Edit the integration and choose another object.`
    );
  });
});

describe('preview connections and catalog', () => {
  it('says what to grant, in the Apex words, for a user without the token access', () => {
    const { org } = sampleOrg();
    assert.equal(MISSING_TOKEN_ACCESS, apexSentence('missingTokenAccess'));
    assert.equal(org.testConnection('EU').missingAccess, undefined, 'the user starts with it');

    org.connect('US', 'walkme-client-4f2c', 'secret-no-token-access');

    assert.equal(
      org.getConnections().some((status) => status.missingAccess),
      false,
      'only a test checks it, as in the Apex'
    );
    const tested = org.testConnection('US');
    assert.equal(tested.testSucceeded, false);
    assert.equal(tested.failureReason, 'CONFIGURATION');
    assert.equal(tested.missingAccess, MISSING_TOKEN_ACCESS);
    assert.match(tested.message ?? '', /^Could not call WalkMe Insights \(United States\): /);
  });

  it('remembers refused credentials until the region is connected again, as RefusedCredentials does', () => {
    const { org } = sampleOrg();
    org.connect('US', 'walkme-client-4f2c', 'wrong-secret-1');
    assert.equal(
      org.getConnections().find((status) => status.regionCode === 'US')?.credentialsRefused,
      false,
      'unknown until WalkMe is asked'
    );

    const tested = org.testConnection('US');
    assert.equal(tested.credentialsRefused, true);
    const listed = org.getConnections().find((status) => status.regionCode === 'US');
    assert.equal(listed?.connected, true);
    assert.equal(listed?.credentialsRefused, true, 'still refused on the next page load');
    assert.equal(listed?.failureReason, 'CREDENTIALS');
    assert.match(
      listed?.message ?? '',
      /^WalkMe refused the client id and secret stored for WalkMe Insights \(United States\) at the last test or run\./
    );

    org.connect('US', 'walkme-client-4f2c', 'right-secret-1');
    assert.equal(
      org.getConnections().find((status) => status.regionCode === 'US')?.credentialsRefused,
      false,
      'new values are not refused'
    );
  });

  it('starts with Europe connected and validates a connect like the Apex', () => {
    const { org } = sampleOrg();
    assert.deepEqual(
      org.getConnections().map((status) => [status.regionCode, status.connected]),
      [
        ['US', false],
        ['EU', true],
        ['CA', false],
        ['FEDRAMP', false]
      ]
    );
    assert.equal(
      errorOf(() => org.connect('US', '  ', 'secret')),
      'Client ID is required. Copy it from the WalkMe API key of this region.'
    );
    assert.equal(
      errorOf(() => org.connect('US', 'id', 'two words')),
      'Client secret contains spaces or line breaks. Paste it again without them.'
    );
    assert.equal(
      errorOf(() => org.connect('', 'id', 'secret')),
      'Region is required. Choose one of: US, EU, CA, FEDRAMP.'
    );
  });

  it('connects a region, which then lists its tagged reports and passes the test', () => {
    const { org } = sampleOrg();
    assert.match(
      errorOf(() => org.getReports('US')),
      /^Insights \(United States\) could not be called/
    );
    const connected = org.connect('us', 'walkme-client-4f2c', 'a-secret');
    assert.equal(connected.clientIdHint, '••••4f2c');
    assert.equal(
      org
        .getReports('US')
        .map((report) => report.id)
        .join(' '),
      'rpt-logins-001 rpt-nps-002 rpt-onboarding-003 rpt-teachme-004 rpt-upsell-005',
      'the report without the Salesforce tag is left out'
    );
    const tested = org.testConnection('US');
    assert.equal(tested.testSucceeded, true);
    assert.equal(tested.reportCount, 5);
    assert.equal(
      tested.message,
      'WalkMe accepted the connection to WalkMe Insights (United States): 5 reports are tagged for Salesforce.'
    );
    assert.equal(
      errorOf(() => org.getReports('')),
      'Choose the Insights connection (region) whose reports you want to see.'
    );
    assert.equal(org.disconnect('US').connected, false);
    assert.match(
      org.disconnect('US').message ?? '',
      /was not connected; there was nothing to remove\.$/
    );
  });

  it('describes objects as ObjectCatalog: updateable fields, key fields with candidates first', () => {
    const { org } = sampleOrg();
    const lead = org.describeObject('lead');
    assert.equal(lead.apiName, 'Lead');
    assert.deepEqual(
      lead.keyFields.slice(0, 2).map((field) => field.apiName),
      ['Email', 'Id'],
      'Email, then the id lookup Lead ID'
    );
    assert.ok(
      !lead.fields.some((field) => field.apiName === 'Id' || field.apiName === 'CreatedDate')
    );
    const byName = new Map(lead.keyFields.map((field) => [field.apiName, field]));
    assert.deepEqual(
      [byName.get('Email')?.keyStrength, byName.get('Email')?.keyReason],
      ['identifying', 'Email']
    );
    assert.deepEqual(
      [byName.get('City')?.keyStrength, byName.get('City')?.keyReason],
      ['weak', 'Not unique: several records may share a City.']
    );
    assert.equal(byName.get('Id')?.keyReason, 'Record ID');
    const strengths = lead.keyFields.map((field) => field.keyStrength);
    assert.ok(
      strengths.lastIndexOf('identifying') < strengths.indexOf('weak'),
      'identifying key fields first'
    );
    const logins = lead.fields.find((field) => field.apiName === 'WalkMe_Logins_Last_30_Days__c');
    assert.deepEqual([logins?.type, logins?.precision, logins?.scale], ['DOUBLE', 18, 0]);
    assert.equal(
      errorOf(() => org.describeObject('Nope__c')),
      'The object "Nope__c" does not exist in this org, or you cannot see it. Check its API name (for example Lead or Customer_Success__c).'
    );
    assert.equal(findObject('Product_Usage__c')?.fields.length, 800, 'a big schema to try');
    const usage = org.describeObject('Product_Usage__c');
    assert.equal(new Set(usage.fields.map((field) => field.apiName)).size, usage.fields.length);
  });

  it('writes the field request of a template, naming the fields the object lacks', () => {
    const { org } = sampleOrg();
    const text = org.getFieldRequestText('logins', 'Contact');
    assert.match(text, /^Subject: Fields for WalkMe Insights data on Contact\n/);
    assert.match(text, /Could you please create these 2 fields on Contact \(Contact\)/);
    assert.match(text, /1\. WalkMe First Login\n {3}API name: WalkMe_First_Login__c\n/);
    assert.match(text, /2\. WalkMe Last Login\n {3}API name: WalkMe_Last_Login__c\n/);
    assert.doesNotMatch(text, /API name: WalkMe_Logins_Last_30_Days__c/);
    assert.match(text, /Already on Contact, nothing to do: Email, WalkMe_Logins_Last_30_Days__c\./);
    assert.match(
      org.getFieldRequestText('logins', 'Lead'),
      /All the fields it needs already exist on Lead/
    );
  });
});

describe('preview CSV export source: the credentials, the header read, Preview and Run Now', () => {
  /** Logins review onto Lead, read from the preview bucket's CSV export. */
  function csvOnLead(path = 'exports/logins.csv'): InsightsSync.IntegrationDefinition {
    return {
      ...loginsOnLead('Email'),
      developerName: 'Csv_logins',
      label: 'CSV logins',
      sourceType: 'CSV Export',
      connectionRegion: undefined,
      reportId: undefined,
      reportName: 'logins.csv',
      csvNamedCredential: 'Insights_Export_Bucket',
      csvFilePath: path,
      mappings: [
        { column: 'Last login', columnType: 'datetime', field: 'WalkMe_Last_Login__c' },
        {
          column: '# Logins last 30 days',
          columnType: 'integer',
          field: 'WalkMe_Logins_Last_30_Days__c'
        }
      ]
    };
  }

  it('serves the fixture export byte for byte', () => {
    const fixture = readFileSync(
      join(repositoryRoot, 'scripts/tests/fixtures/insights/logins-export.csv'),
      'utf8'
    );
    assert.equal(LOGINS_EXPORT_CSV, fixture);
  });

  it('lists the Named Credentials a CSV source may use, never the packaged WalkMe ones', () => {
    const { org } = sampleOrg();
    assert.deepEqual(
      org.getCsvCredentials().map((option) => option.apiName),
      ['Insights_Export_Bucket', 'Blob_Exports']
    );
  });

  it('reads the header and rows and proposes the types CsvExportSampleTest expects', () => {
    const { org } = sampleOrg();
    const sample = org.readCsvSample('Insights_Export_Bucket', '/exports/logins.csv');
    assert.equal(sample.filePath, 'exports/logins.csv');
    assert.deepEqual(
      sample.columns.map((column) => `${column.name}:${column.type ?? ''}`),
      [
        'User ID:string',
        'Email:string',
        'First login:datetime',
        'Last login:datetime',
        '# Logins last 30 days:integer',
        'Notes:string'
      ]
    );
    assert.equal(sample.rows.length, 4);
    assert.equal(sample.rows[3][3], null, 'an empty cell is null');
    assert.equal(sample.rows[3][5], 'line one\nline two', 'a quoted CRLF is one LF');
    assert.equal(sample.rows[2][5], 'quote "inside" here');
    assert.equal(sample.hasMoreRows, false);
  });

  it('proposes types as CsvExportSample does', () => {
    assert.equal(proposeType(['true', 'No', null]), 'boolean');
    assert.equal(proposeType(['1', '2.5']), 'number');
    assert.equal(proposeType(['00123', '45']), 'string');
    assert.equal(proposeType(['2026-11-24']), 'date');
    assert.equal(proposeType([' ', null]), 'string');
  });

  it('answers a missing file, a refused credential and an empty file as the Apex words them', () => {
    const { org } = sampleOrg();
    const apex = readFileSync(
      join(repositoryRoot, 'force-app/main/insights/classes/CsvExportSample.cls'),
      'utf8'
    );
    const missing = errorOf(() => org.readCsvSample('Insights_Export_Bucket', 'exports/nope.csv'));
    assert.equal(
      missing,
      'There is no file "exports/nope.csv" behind Named Credential Insights_Export_Bucket (HTTP 404). Check the path (it is case-sensitive and starts below the Named Credential\'s URL) and that the WalkMe export has run at least once.'
    );
    for (const literal of apexLiterals(apex).filter((text) =>
      text.startsWith('There is no file')
    )) {
      assert.ok(missing.startsWith(literal), `the Apex's wording: ${literal}`);
    }
    assert.match(
      errorOf(() => org.readCsvSample('Blob_Exports', 'exports/logins.csv')),
      /^The storage service behind Named Credential Blob_Exports refused access with these credentials \(HTTP 403\)\./
    );
    assert.equal(
      errorOf(() => org.readCsvSample('Insights_Export_Bucket', 'exports/empty.csv')),
      'The export file "exports/empty.csv" is empty: it has no header row.'
    );
    assert.equal(
      errorOf(() => org.readCsvSample('WalkMe_Insights_EU', 'public/v1/insights/reports')),
      `${csvCredentialProblem('WalkMe_Insights_EU') ?? ''} Edit the integration.`
    );
  });

  it('previews a CSV export integration against the sample leads', () => {
    const { org } = sampleOrg();
    const result = org.previewIntegration(csvOnLead(), 50);
    assert.ok(result.rowsRead === 4, `four rows read, got ${result.rowsRead}`);
    assert.ok(result.rowsMatched > 0, 'rows matched the leads by email');
  });

  it('runs a saved CSV export integration to the end, with its log', () => {
    const { org, time } = sampleOrg();
    org.saveIntegration(csvOnLead());
    time.advance(DEPLOY_MS);

    const runId = org.runNow('Csv_logins');
    time.advance(RUN_START_MS + RUN_PAGE_MS * 2);

    const { run } = org.getRunDetail(runId);
    assert.match(run.status ?? '', /^Completed/);
    assert.equal(run.rowsRead, 4);
    assert.equal(run.reportName, 'logins.csv');
  });

  it("fails the run of a file that is gone with the reader's 404", () => {
    const { org, time } = sampleOrg();
    org.saveIntegration(csvOnLead('exports/gone.csv'));
    time.advance(DEPLOY_MS);

    const runId = org.runNow('Csv_logins');
    time.advance(RUN_START_MS + RUN_PAGE_MS);

    const { run } = org.getRunDetail(runId);
    assert.equal(run.status, 'Failed');
    assert.match(
      run.errorSummary ?? '',
      /The storage service behind Named Credential Insights_Export_Bucket has no export file "exports\/gone.csv" \(HTTP 404\)/
    );
  });
});
