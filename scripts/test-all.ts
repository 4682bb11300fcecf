/**
 * `npm test` — every offline check, two at a time (one per core of the machines it runs on).
 *
 * Stages start in the order listed below as soon as a lane is free and the stages they wait for
 * have passed: the long scan first, the cheap checks beside it, so a broken format or type still
 * fails within seconds. The first failure stops the stages still running and skips the rest.
 * Each stage's output is held back and printed whole when the stage ends, so two stages never
 * interleave. Ends with one line per stage (result, time, when it started), the wall time and a
 * closing `N passed, N failed, N skipped` line.
 *
 * Every stage is an npm script and runs on its own too: `npm run scan`, `npm run lint`, ...
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { repositoryRoot } from './lib/project.ts';

interface Stage {
  script: string;
  covers: string;
  /** Stages that must have passed before this one starts (they write files it reads). */
  after?: readonly string[];
  /** A line of the stage's output worth repeating in the summary (e.g. whether a cache served). */
  note?: RegExp;
}

/**
 * In start order. The scan goes first: it is the longest stage when its cache is cold, and the
 * cheap stages fill the other lane meanwhile. Times on a quiet 2-core machine: README.md.
 * Adding a stage is one line here and one npm script.
 */
const STAGES: readonly Stage[] = [
  {
    script: 'scan',
    covers: 'Code Analyzer (PMD, ESLint, RetireJS, Regex), Graph Engine: AppExchange rules',
    note: /^scan: .*?(Graph Engine [^,\n]*)$/m
  },
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
  {
    script: 'test:scripts',
    covers: "the checks' own tests: each catches what it must",
    // The deploy payload test converts build:lwc's compiled .js.
    after: ['build:lwc']
  },
  {
    script: 'test:browser',
    covers: 'the preview in Chromium with the real base components',
    // The browser harness compiles the components too; after build:lwc it finds them current.
    after: ['build:lwc'],
    note: /^(preview build: [^\n]*)$/m
  }
];

/** Two lanes: the machines that run `npm test` have two cores. `TEST_LANES` overrides it. */
const LANES = Math.max(1, Number(process.env.TEST_LANES ?? 2) || 2);

/** How long a stopped stage gets to end before it is killed outright. */
const STOP_GRACE_MS = 5_000;

type Result = 'passed' | 'failed' | 'stopped' | 'skipped';

interface Outcome {
  result: Result;
  /** Seconds since `npm test` started. */
  startedAt: number;
  seconds: number;
  note?: string;
}

interface Running {
  stage: Stage;
  child: ChildProcess;
  started: number;
  output: string[];
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const began = Date.now();
const outcomes = new Map<string, Outcome>();
const running = new Map<string, Running>();
let failed = false;

function elapsed(since: number): number {
  return (Date.now() - since) / 1000;
}

/** Ends a stage and everything it started (npm, tsx, Java): each stage is its own process group. */
function stop(run: Running): void {
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (run.child.pid !== undefined) {
        process.kill(-run.child.pid, name);
      }
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), STOP_GRACE_MS).unref();
}

function isReady(stage: Stage): boolean {
  return (stage.after ?? []).every((name) => outcomes.get(name)?.result === 'passed');
}

function start(stage: Stage): Promise<void> {
  console.log(`▶ ${stage.script} — ${stage.covers}`);
  const child = spawn(npm, ['run', '--silent', stage.script], {
    cwd: repositoryRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' }
  });
  const run: Running = { stage, child, started: Date.now(), output: [] };
  running.set(stage.script, run);
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => run.output.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => run.output.push(chunk));
  return new Promise((resolve) => {
    const finish = (code: number | null, error?: Error): void => {
      running.delete(stage.script);
      const output = run.output.join('') + (error ? `${error.message}\n` : '');
      const wasStopped = failed;
      const result: Result = code === 0 ? 'passed' : wasStopped ? 'stopped' : 'failed';
      const seconds = elapsed(run.started);
      const note = stage.note?.exec(output)?.[1];
      outcomes.set(stage.script, {
        result,
        startedAt: (run.started - began) / 1000,
        seconds,
        note
      });
      if (result !== 'stopped') {
        const mark = result === 'passed' ? '✔' : '✖';
        console.log(`\n${mark} ${stage.script} ${result} in ${seconds.toFixed(1)} s`);
        process.stdout.write(output.endsWith('\n') || output === '' ? output : `${output}\n`);
      }
      if (result === 'failed') {
        failed = true;
        for (const other of running.values()) {
          stop(other);
        }
      }
      resolve();
    };
    child.once('error', (error) => finish(null, error));
    child.once('close', (code) => finish(code));
  });
}

/** One lane: takes the first stage, in the listed order, that is ready and not yet taken. */
async function lane(queue: Stage[]): Promise<void> {
  while (!failed) {
    const index = queue.findIndex(isReady);
    if (index === -1) {
      if (queue.length === 0 || running.size === 0) {
        return;
      }
      // A stage waits for one still running in the other lane.
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    const [stage] = queue.splice(index, 1);
    if (stage) {
      await start(stage);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    failed = true;
    for (const run of running.values()) {
      stop(run);
    }
    process.exitCode = 130;
  });
}

const queue = [...STAGES];
await Promise.all(Array.from({ length: LANES }, () => lane(queue)));

const width = Math.max(...STAGES.map((stage) => stage.script.length));
const mark: Record<Result, string> = { passed: '✔', failed: '✖', stopped: '■', skipped: '-' };
console.log('\nSummary');
for (const stage of STAGES) {
  const outcome = outcomes.get(stage.script) ?? { result: 'skipped', startedAt: 0, seconds: 0 };
  const time =
    outcome.result === 'skipped'
      ? ''
      : `${outcome.seconds.toFixed(1).padStart(6)} s  from ${outcome.startedAt.toFixed(0).padStart(3)} s`;
  const note = outcome.note ? `  ${outcome.note}` : '';
  console.log(
    `${mark[outcome.result]} ${stage.script.padEnd(width)}  ${outcome.result.padEnd(7)} ${time}${note}`
  );
}
const count = (...results: Result[]): number =>
  STAGES.filter((stage) => results.includes(outcomes.get(stage.script)?.result ?? 'skipped'))
    .length;
const work = [...outcomes.values()].reduce((sum, outcome) => sum + outcome.seconds, 0);
console.log(
  `total ${elapsed(began).toFixed(1)} s wall time (${work.toFixed(1)} s of stages on ${LANES} lanes)`
);
console.log(
  `stages: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped', 'stopped')} skipped`
);
process.exitCode = process.exitCode ?? (failed ? 1 : 0);
