/**
 * `npm run test:org`'s verdict, from a recorded TestService result (the shape of
 * `@salesforce/apex-node`'s TestResult, with code coverage): failures with message and stack,
 * per-class coverage, and the thresholds of 90% overall and 75% per class.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TestResult } from '@salesforce/apex-node';
import { repositoryRoot } from '../lib/project.ts';
import { evaluateTestRun, formatEvaluation, formatPercent } from '../org/lib/coverage.ts';

const RECORDED = join(
  repositoryRoot,
  'scripts',
  'tests',
  'fixtures',
  'org',
  'apex-test-run-result.json'
);

/** A fresh copy of the recorded run: 12 tests, 2 failing; 8 classes, 702 of 754 lines covered. */
function recorded(): TestResult {
  return JSON.parse(readFileSync(RECORDED, 'utf8')) as TestResult;
}

/** The recorded run with every test passing and SyncLogPurge covered like the others. */
function passingRun(): TestResult {
  const result = recorded();
  for (const test of result.tests) {
    Object.assign(test, { outcome: 'Pass', message: null, stackTrace: null });
  }
  const purge = result.codecoverage?.find((entry) => entry.name === 'SyncLogPurge');
  assert.ok(purge, 'the recording covers SyncLogPurge');
  Object.assign(purge, { numLinesCovered: 28, numLinesUncovered: 2 });
  Object.assign(result.summary, { passing: 12, failing: 0, coveredLines: 710, totalLines: 754 });
  return result;
}

describe('Apex test run verdict', () => {
  it('lists each failing test as Class.method with its message and stack', () => {
    const evaluation = evaluateTestRun(recorded());
    assert.deepEqual(
      evaluation.failures.map((failure) => failure.name),
      [
        'SyncRunJobTest.it_should_retry_a_locked_record_on_the_next_link',
        'SyncLogPurgeTest.it_should_schedule_the_purge_at_three'
      ]
    );
    const lines = formatEvaluation(evaluation);
    assert.ok(
      lines.includes(
        '  SyncLogPurgeTest.it_should_schedule_the_purge_at_three: System.QueryException: List has no rows for assignment to SObject'
      ),
      'the failure line names the test and the message'
    );
    assert.ok(
      lines.includes('      Class.SyncLogPurgeTest.findCronTrigger: line 58, column 1'),
      'every stack frame is printed'
    );
  });

  it('reports the coverage of each class, lowest first, and overall from the run lines', () => {
    const evaluation = evaluateTestRun(recorded());
    assert.deepEqual(
      evaluation.classes.map((entry) => `${entry.name} ${formatPercent(entry.percent)}`),
      [
        'SyncLogPurge 66.6%',
        'SyncRunJob 87.5%',
        'RecordMatcher 93.7%',
        'IntegrationStore 94.5%',
        'ValueConverter 95%',
        'InsightsApiSource 97.7%',
        'CsvParser 98.3%',
        'KeyNormalizer 100%'
      ]
    );
    assert.equal(formatPercent(evaluation.overallPercent ?? 0), '93.1%', '702 of 754 lines');
    assert.equal(evaluation.orgWideCoverage, '92%');
  });

  it('fails the recorded run for its failing tests and the class below 75%', () => {
    const evaluation = evaluateTestRun(recorded());
    assert.equal(evaluation.passed, false);
    assert.deepEqual(evaluation.problems, [
      '2 tests failed',
      '1 class is below 75%: SyncLogPurge 66.6%'
    ]);
    assert.equal(
      formatEvaluation(evaluation).at(-1),
      'Result: failed — 2 tests failed; 1 class is below 75%: SyncLogPurge 66.6%'
    );
  });

  it('passes a run whose tests pass with 90% overall and 75% per class', () => {
    const evaluation = evaluateTestRun(passingRun());
    assert.deepEqual(evaluation.problems, []);
    assert.equal(evaluation.passed, true);
    assert.equal(formatEvaluation(evaluation).at(-1), 'Result: passed');
  });

  it('fails a run below 90% overall even when every class reaches 75%', () => {
    const result = passingRun();
    Object.assign(result.summary, { coveredLines: 678, totalLines: 754 });
    const evaluation = evaluateTestRun(result);
    assert.deepEqual(
      evaluation.problems,
      ['overall coverage 89.9% is below 90%'],
      '678/754 = 89.92%, never shown as 90%'
    );
  });

  it('takes a class at exactly 75% as enough', () => {
    const result = passingRun();
    const purge = result.codecoverage?.find((entry) => entry.name === 'SyncLogPurge');
    assert.ok(purge);
    Object.assign(purge, { numLinesCovered: 3, numLinesUncovered: 1 });
    assert.ok(!evaluateTestRun(result).problems.some((problem) => problem.includes('below 75%')));
  });

  it('computes overall from the classes when the summary has no line totals', () => {
    const result = passingRun();
    delete result.summary.coveredLines;
    delete result.summary.totalLines;
    assert.equal(
      formatPercent(evaluateTestRun(result).overallPercent ?? 0),
      '94.1%',
      '710 of 754 lines'
    );
  });

  it('fails a run without tests or without coverage', () => {
    const result = recorded();
    result.tests = [];
    result.codecoverage = [];
    Object.assign(result.summary, { testsRan: 0, passing: 0, failing: 0 });
    delete result.summary.coveredLines;
    delete result.summary.totalLines;
    assert.deepEqual(evaluateTestRun(result).problems, [
      'no Apex test ran',
      'the run reported no code coverage'
    ]);
  });

  it('counts a failed @TestSetup as a failure', () => {
    const result = passingRun();
    result.setup = [
      {
        id: '07M000000000099',
        stackTrace: 'Class.SyncRunTestData.insertRuns: line 20, column 1',
        message: 'System.DmlException: Insert failed. REQUIRED_FIELD_MISSING',
        asyncApexJobId: '707000000000001',
        methodName: 'makeData',
        apexLogId: null,
        apexClass: {
          id: '01p000000000001',
          name: 'SyncRunLogTest',
          namespacePrefix: '',
          fullName: 'SyncRunLogTest'
        },
        testSetupTime: 120,
        testTimestamp: '2026-11-24T08:00:00.000+0000',
        fullName: 'SyncRunLogTest.makeData'
      }
    ];
    const evaluation = evaluateTestRun(result);
    assert.deepEqual(
      evaluation.failures.map((failure) => failure.name),
      ['SyncRunLogTest.makeData']
    );
    assert.equal(evaluation.passed, false);
  });
});
