/**
 * Each org script, run on a machine where no org is authorised (a fresh HOME, so the CLI finds
 * no auth files): it must stop within seconds with a non-zero exit code and one line that names
 * what is missing and how to get it — never a stack trace. The scripts run side by side, so the
 * whole file costs about as long as the slowest one.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repositoryRoot } from '../lib/project.ts';

// What this guards against is a script that waits on a network or a login prompt, not a slow
// start: the four scripts load the CLI side by side in about 5 s on an idle 2-core machine, but
// took 20 s while the scan ran beside them on a loaded one. A limit that close to the real cost
// fails at random; a minute still catches a script that hangs.
const LIMIT_MS = 60_000;

interface Run {
  code: number | null;
  output: string;
  milliseconds: number;
}

const home = mkdtempSync(join(tmpdir(), 'insights-sync-no-org-'));

/** The environment of a machine without Salesforce auth: no SF_/SFDX_ settings, empty HOME. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(SF_|SFDX_|INSIGHTS_|XDG_)/.test(name)) {
      env[name] = value;
    }
  }
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    CI: 'true',
    ...extra
  };
}

function runScript(
  file: string,
  args: readonly string[],
  extra: Record<string, string> = {}
): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join('scripts', 'org', file), ...args],
      {
        cwd: repositoryRoot,
        env: environment(extra),
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS * 3);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, milliseconds: Date.now() - started });
    });
  });
}

interface Case {
  script: string;
  file: string;
  args: readonly string[];
  env?: Record<string, string>;
  /** What the one line must say. */
  says: RegExp;
}

const CASES: readonly Case[] = [
  {
    script: 'org:create',
    file: 'create-scratch-org.ts',
    args: [],
    says: /no Dev Hub is authorised: log in with npx sf org login web --set-default-dev-hub/
  },
  {
    script: 'test:org',
    file: 'run-apex-tests.ts',
    args: [],
    says: /no org "insights-sync" is authorised here: create one with npm run org:create/
  },
  {
    script: 'e2e:org',
    file: 'e2e-sync.ts',
    args: [],
    env: { INSIGHTS_REGION: 'EU' },
    says: /no org "insights-sync" is authorised here/
  },
  {
    script: 'e2e:org',
    file: 'e2e-sync.ts',
    args: [],
    says: /INSIGHTS_REGION is not set: set it to the region connected in the org/
  },
  {
    script: 'package:version',
    file: 'package-version.ts',
    args: [],
    says: /no Dev Hub is authorised/
  },
  {
    script: 'package:promote',
    file: 'package-promote.ts',
    args: [],
    says: /no Dev Hub is authorised/
  },
  {
    script: 'test:org',
    file: 'run-apex-tests.ts',
    args: ['--target-org'],
    says: /--target-org needs a value \(ORG\) \(usage: npm run test:org -- /
  },
  {
    script: 'org:create',
    file: 'create-scratch-org.ts',
    args: ['--alias', 'x', '--keep'],
    says: /unknown flag --keep \(usage: npm run org:create -- /
  }
];

describe('org scripts without an org', () => {
  const runs = new Map<Case, Run>();
  let help: Run | undefined;

  before(async () => {
    const results = await Promise.all([
      ...CASES.map((entry) => runScript(entry.file, entry.args, entry.env)),
      runScript('e2e-sync.ts', ['--help'])
    ]);
    CASES.forEach((entry, index) => {
      const run = results[index];
      assert.ok(run);
      runs.set(entry, run);
    });
    help = results.at(-1);
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  for (const entry of CASES) {
    const given = [
      entry.env
        ? Object.entries(entry.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : '',
      entry.args.join(' ')
    ]
      .filter(Boolean)
      .join(', ');
    it(`${entry.script}${given ? ` (${given})` : ''} stops with one line naming what is missing`, () => {
      const run = runs.get(entry);
      assert.ok(run, 'the script ran');
      const lines = run.output.split('\n').filter((line) => line.trim() !== '');
      assert.notEqual(run.code, 0, 'the exit code is not 0');
      assert.equal(lines.length, 1, `one line, not:\n${run.output}`);
      assert.ok(
        lines[0]?.startsWith(`${entry.script}: `),
        `the line starts with the script's name: ${lines[0]}`
      );
      assert.match(lines[0] ?? '', entry.says);
      assert.doesNotMatch(run.output, /^\s+at .+[:(]/m, 'no stack trace');
      assert.ok(run.milliseconds < LIMIT_MS, `it took ${run.milliseconds} ms`);
    });
  }

  it('prints the usage for --help and exits 0', () => {
    assert.ok(help);
    assert.equal(help.code, 0, help.output);
    assert.match(
      help.output,
      /^usage: npm run e2e:org -- \[--target-org ORG\] \[--region REGION\]/m
    );
  });
});
