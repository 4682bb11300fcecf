/**
 * `npm test` — every offline check, cheapest first, stopping at the first failure so a broken
 * format or type costs seconds rather than the full suite. Ends with one line per stage and a
 * closing `N passed, N failed` line.
 */
import { spawnSync } from 'node:child_process';
import { repositoryRoot } from './lib/project.ts';

interface Stage {
  script: string;
  covers: string;
}

// Ordered by cost on a 2-core machine (seconds measured on a clean checkout).
const STAGES: readonly Stage[] = [
  {
    script: 'lint:metadata',
    covers: 'metadata XML: known elements, text lengths, sharing, naming; project and scratch files'
  },
  { script: 'check:apex', covers: 'Apex compiles: types, methods, fields (apex-ls)' },
  {
    script: 'check:soql',
    covers: 'SOQL parses; objects, fields, relationships exist; no ORDER BY with FOR UPDATE'
  },
  { script: 'format:check', covers: 'prettier: Apex, TypeScript, HTML, XML, JSON, Markdown' },
  { script: 'typecheck', covers: 'strict TypeScript: components, tests, scripts' },
  { script: 'lint', covers: 'ESLint: LWC platform rules, TypeScript, Jest' },
  { script: 'build:lwc', covers: 'components compile to .js the LWC compiler accepts' },
  { script: 'test:unit', covers: 'LWC Jest tests' },
  { script: 'scan', covers: 'PMD and Graph Engine: security, performance, best practices' },
  { script: 'test:browser', covers: 'the preview in Chromium with the real base components' },
  { script: 'test:scripts', covers: "the checks' own tests: each catches what it must" }
];

interface Outcome {
  stage: Stage;
  result: 'passed' | 'failed' | 'skipped';
  seconds: number;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const outcomes: Outcome[] = [];
let failed = false;

for (const stage of STAGES) {
  if (failed) {
    outcomes.push({ stage, result: 'skipped', seconds: 0 });
    continue;
  }
  console.log(`\n▶ ${stage.script} — ${stage.covers}`);
  const started = Date.now();
  const run = spawnSync(npm, ['run', '--silent', stage.script], {
    cwd: repositoryRoot,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' }
  });
  const seconds = (Date.now() - started) / 1000;
  const passed = run.status === 0;
  outcomes.push({ stage, result: passed ? 'passed' : 'failed', seconds });
  failed = !passed;
}

const width = Math.max(...STAGES.map((stage) => stage.script.length));
const mark = { passed: '✔', failed: '✖', skipped: '-' } as const;
console.log('\nSummary');
for (const { stage, result, seconds } of outcomes) {
  const time = result === 'skipped' ? '' : `${seconds.toFixed(1).padStart(6)} s`;
  console.log(`${mark[result]} ${stage.script.padEnd(width)}  ${result.padEnd(7)} ${time}`);
}
const count = (result: Outcome['result']): number =>
  outcomes.filter((outcome) => outcome.result === result).length;
const total = outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0);
console.log(`total ${total.toFixed(1)} s`);
console.log(
  `stages: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`
);
process.exitCode = failed ? 1 : 0;
