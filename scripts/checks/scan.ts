/**
 * `npm run scan`: the static scan of the project's Salesforce sources with PMD (driven through
 * Code Analyzer's core library; the `sf code-analyzer` plugin is not part of the toolchain) and
 * Salesforce Graph Engine (run from its bundled jars, see scripts/lib/graphEngine.ts).
 *
 * Fails on any violation of severity 1 (Critical) or 2 (High), on any file an engine could not
 * parse, on any engine that errored or could not start (a scan that silently skipped a file or an
 * engine would report a clean project it never looked at), and on any Graph Engine entry point
 * it could not analyse that is not a reviewed exception. Violations of severity 3-5 are printed
 * and do not fail.
 *
 * Each engine's results are cached under `.tmp/scan/cache/`, keyed by a hash of all it reads and
 * how it runs (scripts/lib/scanCache.ts): unchanged sources cost no analysis at all, and a change
 * to a test class or a component costs PMD only. A clean clone has no cache and runs both.
 *
 * Usage: `npm run scan [-- --project DIR] [-- --no-cache]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { EngineLogEvent, LogEvent } from '@salesforce/code-analyzer-core';
import { displayPath, listSourceFiles, projectFromArgs, repositoryRoot } from '../lib/project.ts';
import {
  graphEngineCacheKey,
  graphEngineRules,
  graphEngineWorkspace,
  isAcknowledged,
  judgeEntryPoints,
  runGraphEngine,
  unfinishedEntryPoints,
  INTERNAL_ERROR_RULE,
  type AcknowledgedEntryPoints,
  type GraphEngineResult,
  type GraphEngineTarget,
  type UnfinishedEntryPoint
} from '../lib/graphEngine.ts';
import { inputHash, readCached, writeCached } from '../lib/scanCache.ts';

/**
 * PMD rule selectors as Code Analyzer reads them: `engine:tag` intersects, separate entries
 * unite. Graph Engine runs all of its rules (it tags none `Recommended`).
 */
const PMD_RULE_SELECTORS = [
  'pmd:Recommended',
  'pmd:Security',
  'pmd:Performance',
  'pmd:BestPractices'
] as const;

/** Severity 1 (Critical) and 2 (High) fail the scan. */
const FAILING_SEVERITY = 2;

/**
 * Rules switched off for this project, each with the reason. Code Analyzer takes them as rule
 * overrides, so they drop out of the selection rather than being filtered after the fact.
 */
const DISABLED_RULES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  pmd: {
    // Its test-method pattern admits only camelCase, while Apex tests here are named for the
    // behaviour they prove (`it_should_skip_unchanged_records`). PMD cannot relax the test
    // pattern alone, and a severity-3 line per test method would bury the findings that matter.
    MethodNamingConventions: 'test methods are named it_should_<behaviour>',
    // It asks every test method for a System.runAs. The tests whose outcome depends on the
    // running user's access run as a user made for them; for conversion tables or parsers a
    // runAs adds nothing, and one line per test method would bury the findings that matter.
    ApexUnitTestClassShouldHaveRunAs: 'tests run as a user where access is what they test'
  }
};

/**
 * Findings looked at and accepted, each for one rule on named files (and, where given, with a
 * message matching `message`) with the reason. They are printed as acknowledged rather than
 * counted, so a new finding of the same rule elsewhere still shows up. Used where PMD cannot
 * take a suppression (metadata XML), and where a rule's measure is off for a reason written
 * beside it.
 */
const ACKNOWLEDGED: readonly { rule: string; file: RegExp; message?: RegExp; reason: string }[] = [
  {
    rule: 'pmd:ProtectSensitiveData',
    file: /\/fields\/(Report_Key_Column__c|Object_Key_Field__c|Key__c)\.field-meta\.xml$/,
    reason: 'the field holds a report column name, a field API name or a report key, not a secret'
  },
  {
    rule: 'pmd:ProtectSensitiveData',
    file: /\/fields\/Csv_Named_Credential__c\.field-meta\.xml$/,
    reason: 'the field holds the name of a Named Credential; the secret stays in the credential'
  },
  {
    rule: 'sfge:DatabaseOperationsMustUseWithSharing',
    file: /\/sync\/classes\/(SyncRunLog|SyncRunSelector|SyncQueueSelector|SyncLogPurge)\.cls$/,
    reason:
      "the package's own run log, Private and owned by whoever queued each run: its one writer (SyncRunLog), its selectors and its purge reach every run across owners; the console's reads check Read_Insights_Sync_Log and the log's object and field permissions first (docs/security.md)"
  },
  {
    rule: 'sfge:ApexFlsViolation',
    file: /\/sync\/classes\/SyncRunSelector\.cls$/,
    message: /\[Integration_Name__c name,MAX\(CreatedDate\) latest\]/,
    reason:
      'latestRuns checks read access to Integration_Name__c and CreatedDate (requireReadable) before its aggregate; Graph Engine reads the aliased "MAX(CreatedDate) latest" as a field name it cannot match to that check'
  },
  {
    rule: 'pmd:CognitiveComplexity',
    file: /\/insights\/classes\/ConnectApiCredentialStore\.cls$/,
    reason:
      'the class total counts the store again for its inner class (the ConnectApi calls, kept inside so tests cover the class): with a four-line inner class it reads 123, without one under 50; no method exceeds 6'
  }
];

/**
 * Entry points Graph Engine cannot finish, each reviewed by hand: what the paths from it reach,
 * and why that is safe. Checked both ways on every scan: an entry point it cannot finish that is
 * not here fails the scan, and so does one listed here that it now finishes, so the list only
 * shrinks. Those that time out were measured not to finish in 10 minutes (their paths multiply
 * through the branches of the template and validation tables), so they are not retried.
 */
const ACKNOWLEDGED_ENTRY_POINTS: readonly AcknowledgedEntryPoints[] = [
  {
    file: 'IntegrationController.cls',
    methods: ['getTemplates', 'getFieldRequestText'],
    reason: 'ReportTemplates builds static template data: no SOQL, no DML'
  },
  {
    file: 'IntegrationController.cls',
    methods: ['saveIntegration', 'resumeIntegration'],
    reason:
      "reads Integration__mdt in system mode (the package's own configuration, commented in IntegrationSelector) and writes through a Metadata API deploy, not DML; behind the Manage_Insights_Sync permission"
  },
  {
    file: 'IntegrationController.cls',
    methods: ['previewIntegration'],
    reason:
      'the target object is read only through RecordMatcher with Database.queryWithBinds(..., AccessLevel.USER_MODE) and nothing is written; behind the Manage_Insights_Sync permission'
  }
];

/**
 * How Graph Engine runs. An entry point gets FIRST_LIMIT_MS; one that times out and is not on
 * the list above is analysed again, alone with the others that timed out, with RETRY_LIMIT_MS.
 * The entry points that finish take seconds each (under 10 s on a loaded 2-core machine), so a
 * timeout in the first pass means a busy machine, and the retry gives it four times the margin;
 * only an entry point that does not finish in RETRY_LIMIT_MS either fails the scan. Two threads
 * for two cores: more would only share them and stretch each entry point's time towards its
 * limit. The heap is fixed because the engine derives its path-expansion limit from it.
 */
const GRAPH_ENGINE = {
  threads: 2,
  heap: '2g',
  firstLimitMs: 30_000,
  retryLimitMs: 120_000
} as const;

/**
 * The kinds of file PMD reads (Apex, Visualforce, Aura and LWC markup, JavaScript, metadata
 * XML). TypeScript is left out: PMD has no rules for it and ESLint checks it.
 */
const SCANNED_EXTENSIONS = [
  '.cls',
  '.trigger',
  '.page',
  '.component',
  '.cmp',
  '.html',
  '.js',
  '.xml'
];

/**
 * Whether a file under force-app goes into the PMD scan. The LWC `.js` files are compiled from
 * the TypeScript sources by `npm run build:lwc`: scanning them would report on code nobody
 * edits, and only on machines that happened to build first.
 */
function isScanned(path: string): boolean {
  const normalized = path.split('\\').join('/');
  if (normalized.includes('/lwc/') && normalized.endsWith('.js')) {
    return false;
  }
  return SCANNED_EXTENSIONS.some((extension) => normalized.endsWith(extension));
}

/** A violation, with project-relative paths (so that a cached one fits any checkout). */
interface Finding {
  label: string;
  severity: number;
  file: string;
  line: number;
  message: string;
  /** Other locations, e.g. the entry point of the path Graph Engine followed to `file`. */
  via: string[];
}

/** A file or engine that could not be scanned: the scan cannot vouch for what it did not see. */
interface ScanError {
  /** The file, relative to the project, or '' when the error is not about one file. */
  where: string;
  label: string;
  text: string;
}

interface PmdAnalysis {
  findings: Finding[];
  warnings: string[];
  errors: ScanError[];
  seconds: number;
}

interface GraphEngineAnalysis {
  findings: Finding[];
  unfinished: UnfinishedEntryPoint[];
  /** Entry points that timed out in the first pass and were analysed again. */
  retried: string[];
  errors: ScanError[];
  seconds: number;
}

/** PMD's message for a file it skipped; the engine offers no structured form of it. */
const PROCESSING_ERROR = /^(\w+) issued a processing error for file '([^']+)':\n([\s\S]*)$/;

function toScanError(engine: string, message: string): ScanError {
  const match = PROCESSING_ERROR.exec(message);
  if (match) {
    return { where: match[2] ?? '', label: `${engine}:ProcessingError`, text: match[3] ?? '' };
  }
  return { where: '', label: `${engine}:Error`, text: message };
}

/**
 * The lines of an error message without the JavaScript stack the core appends to it, nor the
 * `|` Graph Engine puts before each line of its own error output.
 */
function withoutStackTrace(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/^\|\s*/, ''))
    .filter((line) => line !== '' && !/^at \S/.test(line));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function packageVersion(name: string): string {
  const file = join(repositoryRoot, 'node_modules', ...name.split('/'), 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** `java -version` (it answers on stderr): part of both cache keys. */
function javaVersion(): string {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return `${java.stderr ?? ''}${java.stdout ?? ''}`.trim();
}

/** The scan's own code: a change to how it analyses is a change of every cache key. */
function scanCode(): string {
  const hash = createHash('sha256');
  for (const file of ['checks/scan.ts', 'lib/graphEngine.ts', 'lib/scanCache.ts']) {
    hash.update(readFileSync(join(repositoryRoot, 'scripts', file)));
  }
  return hash.digest('hex');
}

async function analyseWithPmd(
  project: string,
  files: string[],
  folder: string
): Promise<PmdAnalysis> {
  // Loaded only when PMD runs: a scan served from the cache does not need Code Analyzer.
  const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } =
    await import('@salesforce/code-analyzer-core');
  const { createEnginePlugin } = await import('@salesforce/code-analyzer-pmd-engine');
  const started = Date.now();
  const logFolder = join(folder, 'logs');
  const workingFolder = join(folder, 'work');
  mkdirSync(logFolder, { recursive: true });
  mkdirSync(workingFolder, { recursive: true });
  const relativize = (text: string): string => text.split(`${project}/`).join('');

  const rules: Record<string, Record<string, { disabled: true }>> = {};
  for (const [engine, disabled] of Object.entries(DISABLED_RULES)) {
    rules[engine] = Object.fromEntries(
      Object.keys(disabled).map((rule) => [rule, { disabled: true }])
    );
  }
  const config = CodeAnalyzerConfig.fromObject(
    {
      log_folder: logFolder,
      log_level: LogLevel.Debug,
      root_working_folder: workingFolder,
      rules,
      // Violations must not be silenced by markers in the sources: a finding is fixed or the
      // rule is disabled here, where the reason is written down.
      suppressions: { disable_suppressions: true },
      engines: {
        // The PMD plugin also carries CPD (copy-paste detection), which the scan does not run.
        cpd: { disable_engine: true }
      }
    },
    project
  );
  const analyzer = new CodeAnalyzer(config);
  const errors: ScanError[] = [];
  const warnings: string[] = [];
  const logLines: string[] = [];
  analyzer.onEvent(EventType.LogEvent, (event: LogEvent) => {
    logLines.push(
      `${event.timestamp.toISOString()} [core] ${LogLevel[event.logLevel]} ${event.message}`
    );
    if (event.logLevel === LogLevel.Error) {
      errors.push({ where: '', label: 'core:Error', text: relativize(event.message) });
    }
  });
  analyzer.onEvent(EventType.EngineLogEvent, (event: EngineLogEvent) => {
    logLines.push(
      `${event.timestamp.toISOString()} [${event.engineName}] ${LogLevel[event.logLevel]} ${event.message}`
    );
    // PMD reports a file it could not parse only as an error-level log event, after which it
    // carries on with the other files.
    if (event.logLevel === LogLevel.Error) {
      errors.push(toScanError(event.engineName, relativize(event.message)));
    } else if (event.logLevel === LogLevel.Warn) {
      warnings.push(`${event.engineName}: ${oneLine(relativize(event.message))}`);
    }
  });

  await analyzer.addEnginePlugin(createEnginePlugin());
  const workspace = await analyzer.createWorkspace(files);
  const selection = await analyzer.selectRules([...PMD_RULE_SELECTORS], { workspace });
  if (selection.getRulesFor('pmd').length === 0) {
    errors.push({
      where: '',
      label: 'pmd:Error',
      text: `no rule selected by ${PMD_RULE_SELECTORS.join(' ')}`
    });
  }
  const results = await analyzer.run(selection, { workspace });
  writeFileSync(join(logFolder, 'pmd.log'), `${logLines.join('\n')}\n`);

  const findings: Finding[] = [];
  for (const violation of results.getViolations()) {
    const rule = violation.getRule();
    const primary = violation.getPrimaryLocation();
    const file = primary.getFile();
    const label = `${rule.getEngineName()}:${rule.getName()}`;
    if (file === undefined) {
      // Code Analyzer turns an engine that threw or could not start into a location-less
      // violation; it is a broken scan, not a finding about the code.
      errors.push({ where: '', label, text: relativize(violation.getMessage()) });
      continue;
    }
    const primaryIndex = violation.getPrimaryLocationIndex();
    const via: string[] = [];
    violation.getCodeLocations().forEach((location, index) => {
      const other = location.getFile();
      if (index !== primaryIndex && other !== undefined) {
        via.push(`${displayPath(project, other)}:${location.getStartLine() ?? 1}`);
      }
    });
    findings.push({
      label,
      severity: rule.getSeverityLevel(),
      file: displayPath(project, file),
      line: primary.getStartLine() ?? 1,
      message: oneLine(relativize(violation.getMessage())),
      via
    });
  }
  return { findings, warnings, errors, seconds: (Date.now() - started) / 1000 };
}

function toFinding(project: string, result: GraphEngineResult): Finding {
  const source = `${displayPath(project, result.sourceFileName)}:${result.sourceLineNumber}`;
  // A path-based rule reports the entry point (source) and the violating line (sink): the sink
  // is where the fix goes, the source says which caller leads there.
  const sink = result.sinkFileName;
  return {
    label: `sfge:${result.ruleName}`,
    severity: result.severity,
    file: displayPath(project, sink ?? result.sourceFileName),
    line: (sink ? result.sinkLineNumber : result.sourceLineNumber) ?? 1,
    message: oneLine(result.message.split(`${project}/`).join('')),
    via: sink ? [source] : []
  };
}

function analyseWithGraphEngine(
  project: string,
  workspace: ReturnType<typeof graphEngineWorkspace>,
  folder: string,
  cacheFolder: string
): GraphEngineAnalysis {
  const started = Date.now();
  const relative = (path: string): string => displayPath(project, path);
  const runFolder = join(folder, 'graph-engine');
  const rules = graphEngineRules(runFolder, cacheFolder);
  if (rules.length === 0) {
    throw new Error('Graph Engine lists no rules');
  }
  const common = {
    files: workspace.files,
    rules,
    threads: GRAPH_ENGINE.threads,
    heap: GRAPH_ENGINE.heap,
    folder: runFolder
  };
  const first = runGraphEngine({
    ...common,
    name: 'first',
    targets: workspace.targets.map((file) => ({ file, methods: [] })),
    timeoutMs: GRAPH_ENGINE.firstLimitMs
  });
  const stopped = (error: string): GraphEngineAnalysis => ({
    findings: [],
    unfinished: [],
    retried: [],
    errors: [{ where: '', label: 'sfge:Error', text: error.split(`${project}/`).join('') }],
    seconds: (Date.now() - started) / 1000
  });
  if (!first.ok) {
    return stopped(first.error);
  }
  const retry = unfinishedEntryPoints(first.results, relative).filter(
    (entry) =>
      entry.cause === 'timed out' &&
      !isAcknowledged(ACKNOWLEDGED_ENTRY_POINTS, entry.file, entry.method)
  );
  const isRetried = (result: GraphEngineResult): boolean =>
    retry.some(
      (entry) =>
        entry.file === relative(result.sourceFileName) && entry.line === result.sourceLineNumber
    );
  let results = first.results;
  if (retry.length > 0) {
    const byFile = new Map<string, string[]>();
    for (const entry of retry) {
      byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry.method]);
    }
    const targets: GraphEngineTarget[] = [...byFile].map(([file, methods]) => ({
      file: join(project, file),
      methods
    }));
    const second = runGraphEngine({
      ...common,
      name: 'retry',
      targets,
      timeoutMs: GRAPH_ENGINE.retryLimitMs
    });
    if (!second.ok) {
      return stopped(second.error);
    }
    // The retry's answer replaces the first pass's for the entry points it analysed again.
    results = [...first.results.filter((result) => !isRetried(result)), ...second.results];
  }
  return {
    findings: results
      .filter((result) => result.ruleName !== INTERNAL_ERROR_RULE)
      .map((result) => toFinding(project, result)),
    unfinished: unfinishedEntryPoints(results, relative),
    retried: retry.map(
      (entry) =>
        `${entry.file}:${entry.line} ${entry.method} timed out after ${GRAPH_ENGINE.firstLimitMs / 1000} s; analysed again with ${GRAPH_ENGINE.retryLimitMs / 1000} s`
    ),
    errors: [],
    seconds: (Date.now() - started) / 1000
  };
}

/** `declares` for judgeEntryPoints: the target file of that name, if it has such a method. */
function entryPointDeclarer(project: string, targets: readonly string[]) {
  return (file: string, method: string): string | undefined => {
    const path = targets.find((target) => target.endsWith(`/${file}`));
    if (path === undefined) {
      return undefined;
    }
    const declared = new RegExp(`\\b${method}\\s*\\(`).test(readFileSync(path, 'utf8'));
    return declared ? displayPath(project, path) : undefined;
  };
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

/** The engines a run uses: both, or the one `--engine pmd|sfge` names. */
function enginesFromArgs(args: readonly string[]): { pmd: boolean; sfge: boolean } {
  const index = args.indexOf('--engine');
  if (index === -1) {
    return { pmd: true, sfge: true };
  }
  const engine = args[index + 1];
  if (engine !== 'pmd' && engine !== 'sfge') {
    throw new Error('--engine takes pmd or sfge');
  }
  return { pmd: engine === 'pmd', sfge: engine === 'sfge' };
}

const NOT_RUN = { findings: [], warnings: [], unfinished: [], retried: [], errors: [], seconds: 0 };

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const project = projectFromArgs(args);
  const engines = enginesFromArgs(args);
  // `--no-cache` analyses again whatever is cached (and caches the new results).
  const readCache = !args.includes('--no-cache');
  // Logs and engine input of this project's scans; a scan of a copy works in the copy, so
  // scans of different projects can run at the same time.
  const scanFolder = join(project, '.tmp', 'scan');
  const cacheFolder = join(repositoryRoot, '.tmp', 'scan', 'cache');

  const files = listSourceFiles(project, isScanned);
  if (files.length === 0) {
    console.error(`scan: no files in the source folders of ${project}`);
    return 1;
  }
  const tools = { java: javaVersion(), scan: scanCode() };

  let pmd: PmdAnalysis = NOT_RUN;
  let pmdCached = false;
  if (engines.pmd) {
    const key = inputHash(project, files, {
      ...tools,
      core: packageVersion('@salesforce/code-analyzer-core'),
      pmd: packageVersion('@salesforce/code-analyzer-pmd-engine'),
      selectors: PMD_RULE_SELECTORS,
      disabled: DISABLED_RULES
    });
    const cached = readCache ? readCached<PmdAnalysis>(cacheFolder, 'pmd', key) : undefined;
    pmdCached = cached !== undefined;
    pmd = cached ?? (await analyseWithPmd(project, files, scanFolder));
    if (!pmdCached && pmd.errors.length === 0) {
      writeCached(cacheFolder, 'pmd', key, pmd);
    }
  }

  const workspace = graphEngineWorkspace(project);
  let sfge: GraphEngineAnalysis = NOT_RUN;
  let sfgeCached = false;
  if (engines.sfge && workspace.targets.length > 0) {
    const key = graphEngineCacheKey(project, workspace, { ...tools, settings: GRAPH_ENGINE });
    const cached = readCache
      ? readCached<GraphEngineAnalysis>(cacheFolder, 'sfge', key)
      : undefined;
    sfgeCached = cached !== undefined;
    sfge = cached ?? analyseWithGraphEngine(project, workspace, scanFolder, cacheFolder);
    if (!sfgeCached && sfge.errors.length === 0) {
      writeCached(cacheFolder, 'sfge', key, sfge);
    }
  }

  const errors: ScanError[] = [...pmd.errors, ...sfge.errors];
  const acknowledged: string[] = [];
  const violations: (Finding & { text: string })[] = [];
  for (const finding of [...pmd.findings, ...sfge.findings]) {
    const accepted = ACKNOWLEDGED.find(
      (entry) =>
        entry.rule === finding.label &&
        entry.file.test(finding.file) &&
        (entry.message?.test(finding.message) ?? true)
    );
    if (accepted) {
      acknowledged.push(`${finding.file}:${finding.line} ${finding.label}: ${accepted.reason}`);
      continue;
    }
    violations.push({
      ...finding,
      text:
        `${finding.file}:${finding.line} ${finding.label} [sev ${finding.severity}] ${finding.message}` +
        (finding.via.length > 0 ? ` (path from ${finding.via.join(', ')})` : '')
    });
  }
  violations.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.text.localeCompare(b.text)
  );
  // The list of unanalysable entry points is judged on every Graph Engine run that completed.
  if (engines.sfge && sfge.errors.length === 0) {
    const verdict = judgeEntryPoints(
      sfge.unfinished,
      ACKNOWLEDGED_ENTRY_POINTS,
      entryPointDeclarer(project, workspace.targets)
    );
    acknowledged.push(...verdict.acknowledged);
    errors.push(
      ...verdict.problems.map((problem) => ({
        where: problem.where,
        label: 'sfge:EntryPoint',
        text: problem.text
      }))
    );
  }

  for (const warning of pmd.warnings) {
    console.log(`warning: ${warning}`);
  }
  for (const violation of violations) {
    console.log(violation.text);
  }
  for (const line of acknowledged) {
    console.log(`acknowledged: ${line}`);
  }
  for (const line of sfge.retried) {
    console.log(`retried: ${line}`);
  }
  for (const error of errors) {
    const [first = '', ...rest] = withoutStackTrace(error.text);
    console.log(`${error.where ? `${error.where} ` : ''}${error.label} ${first}`);
    for (const line of rest) {
      console.log(`  ${line}`);
    }
  }

  const timings: string[] = [];
  if (engines.pmd) {
    timings.push(`PMD ${pmdCached ? 'cached' : seconds(pmd.seconds)}`);
  }
  if (engines.sfge) {
    console.log(
      `scan: Graph Engine reads ${workspace.files.length} files and starts from the entry points ` +
        `of ${workspace.targets.length} classes (left out: ${workspace.testClasses.length} test ` +
        `classes, ${workspace.accessorOnlyClasses.length} classes whose only entry points are ` +
        `property accessors)`
    );
    timings.push(`Graph Engine ${sfgeCached ? 'cached' : seconds(sfge.seconds)}`);
  }
  const failing = violations.filter((violation) => violation.severity <= FAILING_SEVERITY).length;
  const errorNote =
    errors.length > 0 ? `, ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}` : '';
  console.log(
    `scan: ${failing} violations of severity 1-2 (${violations.length - failing} lower, ` +
      `${acknowledged.length} acknowledged)${errorNote} in ${files.length} files, ` +
      timings.join(', ')
  );
  if (errors.length > 0) {
    console.log(`scan: engine logs in ${scanFolder}`);
  }
  return failing > 0 || errors.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`scan: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
