/**
 * Judges an Apex test run as `@salesforce/apex-node`'s TestService reports it: which tests
 * failed (with message and stack), the coverage of each class, the run's overall coverage, and
 * whether the run meets the thresholds (every test passes, at least 90% overall and 75% for each
 * class). Pure: the script feeds it the live result, the tests a recorded one.
 */
import type { TestResult } from '@salesforce/apex-node';

export interface CoverageThresholds {
  /** Lowest overall coverage, in percent. */
  readonly overall: number;
  /** Lowest coverage of any one class or trigger, in percent. */
  readonly perClass: number;
}

export const DEFAULT_THRESHOLDS: CoverageThresholds = { overall: 90, perClass: 75 };

export interface FailedTest {
  /** `Class.method` (or `Class.setupMethod` for a failed @TestSetup). */
  readonly name: string;
  readonly outcome: string;
  readonly message: string;
  readonly stackTrace: string;
}

export interface ClassCoverage {
  readonly name: string;
  readonly coveredLines: number;
  readonly totalLines: number;
  /** Covered share in percent, unrounded. */
  readonly percent: number;
}

export interface TestRunEvaluation {
  readonly testsRan: number;
  readonly passing: number;
  readonly failing: number;
  readonly skipped: number;
  readonly failures: readonly FailedTest[];
  /** Classes and triggers with executable lines, lowest coverage first. */
  readonly classes: readonly ClassCoverage[];
  /** Covered lines over all lines of the classes the run touched, in percent; null when unknown. */
  readonly overallPercent: number | null;
  /** The org-wide figure TestService reports beside it (every class in the org), e.g. `91%`. */
  readonly orgWideCoverage: string | undefined;
  /** Why the run does not pass; empty when it does. */
  readonly problems: readonly string[];
  readonly passed: boolean;
}

function percentOf(covered: number, total: number): number {
  return total === 0 ? 100 : (covered / total) * 100;
}

/** Shows a percentage without claiming precision it has not: 89.96 is 89.9%, never 90%. */
export function formatPercent(percent: number): string {
  const tenths = Math.floor(percent * 10 + 1e-9) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

export function evaluateTestRun(
  result: TestResult,
  thresholds: CoverageThresholds = DEFAULT_THRESHOLDS
): TestRunEvaluation {
  const failures: FailedTest[] = [];
  for (const test of result.tests) {
    if (test.outcome === 'Fail' || test.outcome === 'CompileFail') {
      failures.push({
        name: `${test.apexClass.fullName || test.apexClass.name}.${test.methodName}`,
        outcome: test.outcome,
        message: test.message ?? '(no message)',
        stackTrace: test.stackTrace ?? ''
      });
    }
  }
  for (const setup of result.setup ?? []) {
    if (setup.message) {
      failures.push({
        name: `${setup.apexClass.fullName || setup.apexClass.name}.${setup.methodName}`,
        outcome: 'Fail',
        message: setup.message,
        stackTrace: setup.stackTrace ?? ''
      });
    }
  }

  const classes = (result.codecoverage ?? [])
    .map((entry) => {
      const totalLines = entry.numLinesCovered + entry.numLinesUncovered;
      return {
        name: entry.name,
        coveredLines: entry.numLinesCovered,
        totalLines,
        percent: percentOf(entry.numLinesCovered, totalLines)
      };
    })
    .filter((entry) => entry.totalLines > 0)
    .sort((a, b) => a.percent - b.percent || a.name.localeCompare(b.name));

  const summary = result.summary;
  const summaryLines =
    typeof summary.totalLines === 'number' && typeof summary.coveredLines === 'number'
      ? { covered: summary.coveredLines, total: summary.totalLines }
      : undefined;
  const classLines = classes.reduce(
    (sum, entry) => ({
      covered: sum.covered + entry.coveredLines,
      total: sum.total + entry.totalLines
    }),
    { covered: 0, total: 0 }
  );
  const lines = summaryLines ?? classLines;
  const overallPercent = lines.total > 0 ? percentOf(lines.covered, lines.total) : null;

  const testsRan = summary.testsRan ?? result.tests.length;
  const problems: string[] = [];
  if (testsRan === 0) {
    problems.push('no Apex test ran');
  }
  if (failures.length > 0) {
    problems.push(`${failures.length} test${failures.length === 1 ? '' : 's'} failed`);
  }
  if (overallPercent === null) {
    problems.push('the run reported no code coverage');
  } else if (overallPercent < thresholds.overall) {
    problems.push(
      `overall coverage ${formatPercent(overallPercent)} is below ${thresholds.overall}%`
    );
  }
  const thin = classes.filter((entry) => entry.percent < thresholds.perClass);
  if (thin.length > 0) {
    problems.push(
      `${thin.length} class${thin.length === 1 ? ' is' : 'es are'} below ${thresholds.perClass}%: ${thin
        .map((entry) => `${entry.name} ${formatPercent(entry.percent)}`)
        .join(', ')}`
    );
  }

  return {
    testsRan,
    passing: summary.passing ?? testsRan - failures.length,
    failing: summary.failing ?? failures.length,
    skipped: summary.skipped ?? 0,
    failures,
    classes,
    overallPercent,
    orgWideCoverage: summary.orgWideCoverage,
    problems,
    passed: problems.length === 0
  };
}

/** The report the script prints: failures, per-class coverage, the verdict. */
export function formatEvaluation(
  evaluation: TestRunEvaluation,
  thresholds: CoverageThresholds = DEFAULT_THRESHOLDS
): string[] {
  const lines: string[] = [];
  lines.push(
    `Tests: ${evaluation.testsRan} ran, ${evaluation.passing} passed, ${evaluation.failing} failed, ${evaluation.skipped} skipped`
  );
  if (evaluation.failures.length > 0) {
    lines.push('', 'Failures:');
    for (const failure of evaluation.failures) {
      lines.push(`  ${failure.name}: ${failure.message}`);
      for (const frame of failure.stackTrace.split(/\r?\n/).filter((line) => line.trim())) {
        lines.push(`      ${frame.trim()}`);
      }
    }
  }
  if (evaluation.classes.length > 0) {
    lines.push('', `Coverage per class (at least ${thresholds.perClass}% each):`);
    const width = Math.max(...evaluation.classes.map((entry) => entry.name.length));
    for (const entry of evaluation.classes) {
      const mark = entry.percent < thresholds.perClass ? '✖' : ' ';
      lines.push(
        `  ${mark} ${entry.name.padEnd(width)}  ${formatPercent(entry.percent).padStart(6)}  (${entry.coveredLines}/${entry.totalLines} lines)`
      );
    }
  }
  lines.push('');
  lines.push(
    `Overall coverage: ${
      evaluation.overallPercent === null ? 'unknown' : formatPercent(evaluation.overallPercent)
    } (at least ${thresholds.overall}%)${
      evaluation.orgWideCoverage ? `; org-wide ${evaluation.orgWideCoverage}` : ''
    }`
  );
  lines.push(
    evaluation.passed ? 'Result: passed' : `Result: failed — ${evaluation.problems.join('; ')}`
  );
  return lines;
}
