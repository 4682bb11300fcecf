/**
 * `npm run test:org` — runs every local Apex test of the target org with
 * `@salesforce/apex-node`'s TestService, prints each failure (Class.method: message and stack)
 * and the coverage of each class, and exits non-zero when a test fails, overall coverage is
 * below 90% or any class is below 75% (lib/coverage.ts decides; it is tested offline against a
 * recorded result).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApexTestProgressValue, TestLevel, TestResult } from '@salesforce/apex-node';
import { repositoryRoot } from '../lib/project.ts';
import { helpText, parseArgs } from './lib/args.ts';
import { testOrgCommand as spec } from './lib/commands.ts';
import { connect } from './lib/connection.ts';
import { DEFAULT_THRESHOLDS, evaluateTestRun, formatEvaluation } from './lib/coverage.ts';
import { OrgScriptError, runScript } from './lib/main.ts';
import { checkNodeVersion, requireTargetOrg } from './lib/prerequisites.ts';
import { readProjectFile } from './lib/projectFile.ts';
import { createSf, type Sf } from './lib/sf.ts';
import { announce } from './lib/steps.ts';

function progressPrinter(): { report(value: ApexTestProgressValue): void } {
  let last = '';
  return {
    report(value) {
      let line = '';
      if (value.type === 'TestQueueProgress') {
        const items = value.value.records;
        const done = items.filter((item) =>
          ['Completed', 'Failed', 'Aborted'].includes(item.Status)
        );
        line = `  ${done.length}/${items.length} test classes finished`;
      } else if (value.type === 'FormatTestResultProgress') {
        line = '  collecting results and coverage';
      }
      if (line && line !== last) {
        console.log(line);
        last = line;
      }
    }
  };
}

async function main(argv: readonly string[], sf: Sf): Promise<number> {
  const parsed = parseArgs(spec, argv);
  if (parsed.help) {
    console.log(helpText(spec));
    return 0;
  }
  const options = parsed.values;
  checkNodeVersion();
  const project = readProjectFile(repositoryRoot);
  const org = await requireTargetOrg(sf, options['target-org']);

  const { CancellationTokenSource, TestService } = await import('@salesforce/apex-node');
  const connection = await connect(org.username, project.sourceApiVersion);
  announce(`Running the local Apex tests in ${org.username} (up to ${options.wait} minutes)`);
  const cancel = new CancellationTokenSource();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void cancel.asyncCancel();
  }, options.wait * 60_000);
  let result: Awaited<ReturnType<InstanceType<typeof TestService>['runTestAsynchronous']>>;
  try {
    result = await new TestService(connection).runTestAsynchronous(
      // TestLevel is an ambient const enum, which verbatimModuleSyntax cannot read: its value.
      { testLevel: 'RunLocalTests' as TestLevel, skipCodeCoverage: false },
      true,
      false,
      progressPrinter(),
      cancel.token
    );
  } finally {
    clearTimeout(timer);
  }
  // A cancelled run may end without a result at all, whatever the types say.
  if (timedOut || typeof result !== 'object' || result === null || !('summary' in result)) {
    throw new OrgScriptError(
      `the test run did not finish within ${options.wait} minutes: pass a longer --wait, or see Setup → Apex Test Execution`
    );
  }
  const testResult: TestResult = result;
  if (options['result-file']) {
    const file = resolve(options['result-file']);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(testResult, null, 2)}\n`);
    console.log(`  result written to ${file}`);
  }

  const evaluation = evaluateTestRun(testResult, DEFAULT_THRESHOLDS);
  console.log('');
  for (const line of formatEvaluation(evaluation, DEFAULT_THRESHOLDS)) {
    console.log(line);
  }
  return evaluation.passed ? 0 : 1;
}

await runScript(spec.script, () => main(process.argv.slice(2), createSf()));
