/**
 * `npm run check:apex` — the compiler-grade check of every Apex class, trigger and test, offline.
 *
 * apex-ls (the Apex language server's project checker, bundled as a jar with the PMD engine
 * package together with the platform's types and the standard objects for API 65.0) resolves
 * types, methods and fields across the whole project the way the org's compiler would. It does
 * not look inside SOQL: `npm run check:soql` checks the names there.
 */
import { spawnSync } from 'node:child_process';
import {
  bundledJavaClassPath,
  displayPath,
  listSourceFiles,
  projectFromArgs
} from '../lib/project.ts';

interface ApexLsPosition {
  line: number;
  offset: number;
}
interface ApexLsMessage {
  start: ApexLsPosition;
  category: string;
  message: string;
}
interface ApexLsReport {
  files: { path: string; messages: ApexLsMessage[] }[];
}

const EXIT_ISSUES_FOUND = 4;
const project = projectFromArgs();
const started = Date.now();
const apexFiles = listSourceFiles(project, (path) => /\.(cls|trigger)$/.test(path));

const java = spawnSync(
  'java',
  [
    '-cp',
    bundledJavaClassPath(),
    'io.github.apexdevtools.apexls.CheckForIssues',
    '-n', // no cache: a cache in $HOME could hide a change made since the last run
    '-d',
    'warnings',
    '-f',
    'json',
    '-w',
    project
  ],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
);

if (java.error) {
  console.error(
    `check:apex: could not start Java (${java.error.message}). Install Java 17, e.g. apt-get install -y openjdk-17-jre-headless.`
  );
  process.exit(2);
}
if (java.status !== 0 && java.status !== EXIT_ISSUES_FOUND) {
  console.error(`check:apex: apex-ls failed (exit ${java.status}):\n${java.stdout}${java.stderr}`);
  process.exit(2);
}

let report: ApexLsReport;
try {
  report = JSON.parse(java.stdout.slice(java.stdout.indexOf('{'))) as ApexLsReport;
} catch {
  console.error(
    `check:apex: apex-ls answered something that is not its JSON report:\n${java.stdout}${java.stderr}`
  );
  process.exit(2);
}

let issues = 0;
for (const file of report.files) {
  for (const message of file.messages) {
    issues += 1;
    // Editors and CI annotate `file:line:col`; apex-ls offsets are 0-based columns.
    console.log(
      `${displayPath(project, file.path) || file.path}:${message.start.line}:${message.start.offset + 1} ${message.category}: ${message.message}`
    );
  }
}

// apex-ls exits with 4 on issues; trust both signals so a report it could not express still fails.
const failed = issues > 0 || java.status === EXIT_ISSUES_FOUND;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`check:apex: ${issues} issues in ${apexFiles.length} Apex files, ${seconds} s`);
process.exitCode = failed ? 1 : 0;
