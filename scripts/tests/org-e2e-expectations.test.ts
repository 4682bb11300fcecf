/**
 * What `npm run e2e:org` expects a run to do, worked out from the Insights Logins fixtures (the
 * project's scripts/tests/fixtures/insights, which the Apex tests carry as InsightsFixtureBodies)
 * and the sample Leads: keys trimmed
 * and lower-cased, the first row of a key winning, blanks left alone, bad values counted, dates
 * with offsets and epoch milliseconds read as instants. Then the comparison of that expectation
 * with what the org returns, the reading of values anonymous Apex emits, the choice of report,
 * and the sample data file itself.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, FIXTURE_FOLDER } from '../build/insights-fixtures.ts';
import { repositoryRoot } from '../lib/project.ts';
import { apexString, emit, readEmitted } from '../org/lib/anonymousApex.ts';
import {
  KEY_COLUMN,
  LOGINS_MAPPINGS,
  chooseLoginsReport,
  readReportList,
  readReportPage
} from '../org/lib/loginsReport.ts';
import { OrgScriptError } from '../org/lib/main.ts';
import { readSampleData } from '../org/lib/sampleData.ts';
import {
  compareCounts,
  compareRecords,
  convertValue,
  expectRun,
  normalizeKey,
  parseInstant,
  type RecordState,
  type ReportRow,
  type StoredValue
} from '../org/lib/syncExpectations.ts';

/** The Insights fixtures, by the short name the Apex tests use (`LoginsPage1`). */
function fixture(shortName: string): unknown {
  const file = FIXTURES.find((candidate) => candidate.shortName === shortName)?.file;
  assert.ok(file, `an Insights fixture named ${shortName}`);
  return JSON.parse(readFileSync(join(repositoryRoot, FIXTURE_FOLDER, file), 'utf8'));
}

/** The Logins report's rows, both pages, as the package reads them. */
const ROWS: readonly ReportRow[] = [
  ...readReportPage(fixture('LoginsPage1')).rows,
  ...readReportPage(fixture('LoginsPage2')).rows
];

const FIRST = 'WalkMe_First_Login__c';
const LAST = 'WalkMe_Last_Login__c';
const LOGINS = 'WalkMe_Logins_Last_30_Days__c';

/** The sample Leads as org:create loads them: WalkMe_ fields empty. */
function freshLeads(): RecordState[] {
  return readSampleData().leads.map((lead, index) => ({
    id: `00Q00000000000${index}`,
    key: lead.Email,
    values: { [FIRST]: null, [LAST]: null, [LOGINS]: null }
  }));
}

function idOf(email: string): string {
  const lead = freshLeads().find((candidate) => candidate.key === email);
  assert.ok(lead, `a sample Lead has ${email}`);
  return lead.id;
}

/** A date/time as the REST API returns it. */
function stored(iso: string): string {
  return iso.replace('Z', '+0000');
}

/** The Leads as the org should hold them after the run (REST API formats). */
function leadsAfterRun(): RecordState[] {
  const values: Record<string, Record<string, StoredValue>> = {
    'ana.silva@example.com': {
      [FIRST]: stored('2026-09-01T07:15:00.000Z'),
      [LAST]: stored('2026-11-24T16:02:11.000Z'),
      [LOGINS]: 42
    },
    'ben.okafor@example.com': {
      [FIRST]: stored('2026-10-12T07:00:00.000Z'),
      [LAST]: stored('2026-11-23T06:30:00.000Z'),
      [LOGINS]: 7
    },
    'chloe.martin@example.fr': {
      [FIRST]: stored('2025-09-01T07:00:00.000Z'),
      [LAST]: stored('2025-11-24T16:00:00.000Z'),
      [LOGINS]: 15
    },
    'dev.patel@example.com': {
      [FIRST]: stored('2026-11-20T10:00:00.000Z'),
      [LAST]: null,
      [LOGINS]: 0
    },
    // "not a date" leaves the field as it was; Salesforce keeps 23:59:59.999 as 23:59:59.
    'eve.nakamura@example.jp': {
      [FIRST]: null,
      [LAST]: stored('2026-11-24T23:59:59.000Z'),
      [LOGINS]: 12
    },
    'farid.haddad@example.com': {
      [FIRST]: stored('2026-07-14T12:00:00.000Z'),
      [LAST]: stored('2026-11-24T07:59:00.000Z'),
      [LOGINS]: 88
    },
    'grace.lee@example.com': {
      [FIRST]: stored('2026-07-01T04:00:00.000Z'),
      [LAST]: stored('2026-11-10T14:45:00.000Z'),
      [LOGINS]: -1
    }
  };
  return freshLeads().map((lead) => ({ ...lead, values: values[lead.key ?? ''] ?? lead.values }));
}

describe('the run the Logins fixtures must produce', () => {
  it('counts every row once: 2 skipped (blank, repeated), 1 unmatched, 7 matched, 1 bad value', () => {
    const expected = expectRun(ROWS, KEY_COLUMN, LOGINS_MAPPINGS, freshLeads());
    assert.deepEqual(expected.counts, {
      rowsRead: 10,
      rowsMatched: 7,
      rowsUnmatched: 1,
      rowsSkipped: 2,
      recordsUpdated: 7,
      recordsUnchanged: 0,
      recordsFailed: 0,
      valueIssues: 1
    });
    assert.deepEqual(expected.unmatchedKeys, ['no-such-lead@example.com']);
    assert.equal(
      expected.status,
      'Completed with errors',
      'a value that cannot be converted is an error'
    );
  });

  it('gives each sample Lead the values of the first row with its key', () => {
    const expected = expectRun(ROWS, KEY_COLUMN, LOGINS_MAPPINGS, freshLeads());
    assert.deepEqual(
      expected.valuesByRecordId.get(idOf('ana.silva@example.com')),
      {
        [FIRST]: { kind: 'instant', millis: Date.parse('2026-09-01T07:15:00Z') },
        [LAST]: { kind: 'instant', millis: Date.parse('2026-11-24T16:02:11Z') },
        [LOGINS]: { kind: 'number', value: 42 }
      },
      'row 1, not the repeated ANA.SILVA@EXAMPLE.COM of row 6'
    );
    assert.deepEqual(
      expected.valuesByRecordId.get(idOf('ben.okafor@example.com'))?.[FIRST],
      {
        kind: 'instant',
        millis: Date.parse('2026-10-12T07:00:00Z')
      },
      'a key with spaces and capitals matches; +02:00 is converted to UTC'
    );
    assert.deepEqual(
      expected.valuesByRecordId.get(idOf('chloe.martin@example.fr')),
      {
        [FIRST]: { kind: 'instant', millis: 1756710000000 },
        [LAST]: { kind: 'instant', millis: 1764000000000 },
        [LOGINS]: { kind: 'number', value: 15 }
      },
      'epoch milliseconds and a number as text'
    );
    assert.equal(
      expected.valuesByRecordId.get(idOf('dev.patel@example.com'))?.[LAST],
      null,
      'a blank leaves the field as it was'
    );
    assert.equal(
      expected.valuesByRecordId.get(idOf('eve.nakamura@example.jp'))?.[FIRST],
      null,
      '"not a date" leaves it too'
    );
  });

  it('expects nothing to change when the run repeats', () => {
    const expected = expectRun(ROWS, KEY_COLUMN, LOGINS_MAPPINGS, leadsAfterRun());
    assert.equal(expected.counts.recordsUpdated, 0);
    assert.equal(expected.counts.recordsUnchanged, 7);
  });

  it('updates every record sharing a key', () => {
    const leads = [
      ...freshLeads(),
      { id: '00Q0000000000AN', key: 'Ana.Silva@example.com', values: {} }
    ];
    const expected = expectRun(ROWS, KEY_COLUMN, LOGINS_MAPPINGS, leads);
    assert.equal(expected.counts.rowsMatched, 7, 'rows are counted once');
    assert.equal(expected.counts.recordsUpdated, 8, 'records are counted each');
  });

  it('reads keys and values the way the package does', () => {
    assert.equal(normalizeKey('  Ben.Okafor@Example.com '), 'ben.okafor@example.com');
    assert.equal(normalizeKey('   '), null);
    assert.equal(parseInstant('2026-06-30T23:00:00-05:00'), Date.parse('2026-07-01T04:00:00Z'));
    assert.equal(
      parseInstant('2026-11-24'),
      Date.parse('2026-11-24T00:00:00Z'),
      'a date is midnight UTC'
    );
    assert.equal(parseInstant('2026-02-30T00:00:00Z'), null, 'no 30 February');
    assert.equal(parseInstant('1756710000000'), 1756710000000, 'epoch milliseconds as text');
    assert.equal(parseInstant(12.5), null);
    const number = { type: 'number', precision: 18, scale: 0 } as const;
    assert.deepEqual(convertValue('15', number), {
      outcome: 'value',
      value: { kind: 'number', value: 15 }
    });
    assert.deepEqual(
      convertValue(2.5, number),
      { outcome: 'value', value: { kind: 'number', value: 3 } },
      'half up'
    );
    assert.deepEqual(
      convertValue(-2.5, number),
      { outcome: 'value', value: { kind: 'number', value: -3 } },
      'away from zero'
    );
    assert.equal(
      convertValue('1,000', number).outcome,
      'invalid',
      'thousands separators are refused'
    );
    assert.equal(convertValue(true, number).outcome, 'invalid');
    assert.equal(convertValue(' ', number).outcome, 'blank');
  });
});

describe('comparing the org with the expectation', () => {
  const expected = expectRun(ROWS, KEY_COLUMN, LOGINS_MAPPINGS, freshLeads());

  it('accepts the values as the REST API returns them', () => {
    assert.deepEqual(compareRecords(expected.valuesByRecordId, leadsAfterRun()), []);
  });

  it('names each field that differs, with both values', () => {
    const leads = leadsAfterRun().map((lead) =>
      lead.key === 'grace.lee@example.com'
        ? { ...lead, values: { ...lead.values, [LOGINS]: 1 } }
        : lead
    );
    assert.deepEqual(compareRecords(expected.valuesByRecordId, leads), [
      { recordId: idOf('grace.lee@example.com'), field: LOGINS, expected: '-1', actual: '1' }
    ]);
  });

  it('refuses a date/time a second or more away, and a missing record', () => {
    const leads = leadsAfterRun()
      .filter((lead) => lead.key !== 'farid.haddad@example.com')
      .map((lead) =>
        lead.key === 'ana.silva@example.com'
          ? { ...lead, values: { ...lead.values, [LAST]: stored('2026-11-24T16:02:12.000Z') } }
          : lead
      );
    const mismatches = compareRecords(expected.valuesByRecordId, leads);
    assert.deepEqual(
      mismatches.map((mismatch) => `${mismatch.field}: ${mismatch.expected} / ${mismatch.actual}`),
      [
        `${LAST}: 2026-11-24T16:02:11.000Z / 2026-11-24T16:02:12.000+0000`,
        `${FIRST}: 2026-07-14T12:00:00.000Z / record not found`,
        `${LAST}: 2026-11-24T07:59:00.000Z / record not found`,
        `${LOGINS}: 88 / record not found`
      ]
    );
  });

  it('names each run log count that differs', () => {
    assert.deepEqual(compareCounts(expected.counts, expected.counts), []);
    assert.deepEqual(
      compareCounts(expected.counts, { ...expected.counts, rowsSkipped: 1, valueIssues: 0 }),
      ['rowsSkipped: expected 2, the run log says 1', 'valueIssues: expected 1, the run log says 0']
    );
  });
});

describe('values handed back by anonymous Apex', () => {
  it('finds every emitted value in a debug log, in order', () => {
    const encode = (value: unknown): string =>
      Buffer.from(JSON.stringify(value)).toString('base64');
    const log = [
      '65.0 APEX_CODE,DEBUG',
      `08:00:01.123 (1234)|USER_DEBUG|[1]|ERROR|INSIGHTS_SYNC_E2E:${encode({ testSucceeded: true, message: 'a|b\nc' })}:END`,
      '08:00:01.200 (2000)|LIMIT_USAGE_FOR_NS|(default)|',
      `08:00:02.000 (3000)|USER_DEBUG|[9]|ERROR|INSIGHTS_SYNC_E2E:${encode('a0x000000000001AAA')}:END`
    ].join('\n');
    assert.deepEqual(readEmitted(log), [
      { testSucceeded: true, message: 'a|b\nc' },
      'a0x000000000001AAA'
    ]);
    assert.deepEqual(readEmitted('no markers here'), []);
  });

  it('writes Apex that encodes the value, and safe string literals', () => {
    assert.equal(
      emit('x'),
      "System.debug(LoggingLevel.ERROR, 'INSIGHTS_SYNC_E2E:' + EncodingUtil.base64Encode(Blob.valueOf(JSON.serialize(x))) + ':END');"
    );
    assert.equal(apexString("O'Brien \\ report\n"), "'O\\'Brien \\\\ report\\n'");
  });
});

describe('the report the e2e run syncs', () => {
  const reports = readReportList((fixture('Reports') as { reports: unknown }).reports);

  it('is the one report with the Logins columns', () => {
    assert.equal(reports.length, 6);
    assert.equal(chooseLoginsReport(reports, undefined, 'EU').id, 'rpt-logins-001');
  });

  it('is the one asked for, even when the list does not show it', () => {
    assert.equal(chooseLoginsReport(reports, 'rpt-nps-002', 'EU').id, 'rpt-nps-002');
    assert.equal(chooseLoginsReport(reports, 'rpt-hidden', 'EU').id, 'rpt-hidden');
  });

  it('must be chosen when none or several fit', () => {
    const withoutLogins = reports.filter((report) => report.id !== 'rpt-logins-001');
    assert.throws(
      () => chooseLoginsReport(withoutLogins, undefined, 'EU'),
      (error: unknown) =>
        error instanceof OrgScriptError &&
        /^no report of the EU Insights account has the Logins columns \(email, first_login, last_login, logins_last_30_days\)/.test(
          error.message
        )
    );
    const logins = reports.find((report) => report.id === 'rpt-logins-001');
    assert.ok(logins);
    const twice = [...reports, { ...logins, id: 'rpt-logins-copy', name: 'Logins (copy)' }];
    assert.throws(
      () => chooseLoginsReport(twice, undefined, 'EU'),
      /set INSIGHTS_REPORT_ID to one of rpt-logins-001, rpt-logins-copy$/
    );
  });
});

describe('the sample data', () => {
  it('has a Lead and a Contact for every email of the Logins fixtures but the unmatched one', () => {
    const sample = readSampleData();
    const reportEmails = new Set(
      ROWS.map((row) => normalizeKey(row[KEY_COLUMN])).filter((key): key is string => key !== null)
    );
    reportEmails.delete('no-such-lead@example.com');
    const leadEmails = sample.leads.map((lead) => normalizeKey(lead.Email));
    const contactEmails = sample.contacts.map((contact) => normalizeKey(contact.Email));
    assert.deepEqual(new Set(leadEmails), reportEmails);
    assert.deepEqual(new Set(contactEmails), reportEmails);
    assert.equal(leadEmails.length, reportEmails.size, 'one Lead per email');
    assert.equal(sample.company, 'Insights Sync Sample');
  });
});
