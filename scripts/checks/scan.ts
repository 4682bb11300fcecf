/**
 * `npm run scan`: the static scan of the project's Salesforce sources with the engines of
 * Salesforce Code Analyzer: PMD, ESLint, RetireJS and the Regex engine, driven through Code
 * Analyzer's core library (the `sf code-analyzer` plugin is not part of the toolchain), and
 * Salesforce Graph Engine, run from its bundled jars (see scripts/lib/graphEngine.ts).
 *
 * Rules: those AppExchange security review asks for (RULE_SELECTORS), with more of PMD and the
 * Regex engine on top. Engines read what the package ships: its sources, and for the Lightning
 * web components the JavaScript that `npm run build:lwc` would compile from their TypeScript,
 * compiled by the scan into its own folder (scripts/lib/compiledComponents.ts), so the result is
 * the same whether build:lwc ran before or not. ESLint reads the TypeScript itself (ESLINT_ENGINE).
 *
 * Fails on any violation of severity 1 (Critical) or 2 (High), on any file an engine could not
 * parse, on any engine that errored or could not start (a scan that silently skipped a file or an
 * engine would report a clean project it never looked at), on an inline suppression of a rule it
 * runs, and on any Graph Engine entry point it could not analyse that is not a reviewed
 * exception. Violations of severity 3-5 are printed and do not fail.
 *
 * Each engine's results are cached under `.tmp/scan/cache/`, keyed by a hash of all it reads and
 * how it runs (scripts/lib/scanCache.ts): unchanged sources cost no analysis at all, and a change
 * to a test class or a component costs the Code Analyzer engines only. A clean clone has no
 * cache and runs them all.
 *
 * Usage: `npm run scan [-- --project DIR] [-- --no-cache] [-- --engine pmd,eslint,...]`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type {
  EngineLogEvent,
  EngineResultsEvent,
  LogEvent,
  RuleSelection
} from '@salesforce/code-analyzer-core';
import { displayPath, listSourceFiles, projectFromArgs, repositoryRoot } from '../lib/project.ts';
import {
  buildConfigFiles,
  compileComponents,
  isBuildOutput,
  isComponentSource,
  sourceLine,
  type CompiledModule
} from '../lib/compiledComponents.ts';
import {
  graphEngineCacheKey,
  graphEngineRules,
  graphEngineWorkspace,
  isAcknowledged,
  judgeEntryPoints,
  runGraphEngine,
  unfinishedEntryPoints,
  ACKNOWLEDGED_ENTRY_POINTS,
  INTERNAL_ERROR_RULE,
  type GraphEngineResult,
  type GraphEngineTarget,
  type UnfinishedEntryPoint
} from '../lib/graphEngine.ts';
import { inputHash, readCached, writeCached } from '../lib/scanCache.ts';

/**
 * The rule selectors, as Code Analyzer reads them: a tag alone selects across engines,
 * `engine:tag` within one engine, `A:B` intersects, separate entries unite.
 *
 * `AppExchange` and `Recommended:Security` are what AppExchange security review runs (Code
 * Analyzer's guide for the review: `sf code-analyzer run --rule-selector AppExchange
 * --rule-selector Recommended:Security`): PMD's AppExchange rules (Apex, Visualforce, Aura, LWC
 * JavaScript, metadata) and every engine's recommended security rules (ESLint's LWC rule on
 * innerHTML, RetireJS's vulnerable libraries, the Regex engine's old API versions). The project
 * adds PMD's recommended, security, performance and best-practice rules and the Regex engine's
 * recommended ones (heap size read in a loop, trailing whitespace). Graph Engine runs all of its
 * rules (see analyseWithGraphEngine).
 */
const RULE_SELECTORS = [
  'AppExchange',
  'Recommended:Security',
  'pmd:Recommended',
  'pmd:Security',
  'pmd:Performance',
  'pmd:BestPractices',
  'regex:Recommended'
] as const;

/** Severity 1 (Critical) and 2 (High) fail the scan. */
const FAILING_SEVERITY = 2;

/** The engines of Code Analyzer the scan runs, as Code Analyzer names them. */
const CODE_ANALYZER_ENGINES = ['pmd', 'eslint', 'retire-js', 'regex'] as const;
type CodeAnalyzerEngine = (typeof CODE_ANALYZER_ENGINES)[number];
type Engine = CodeAnalyzerEngine | 'sfge';

const ENGINE_TITLES: Readonly<Record<Engine, string>> = {
  pmd: 'PMD',
  eslint: 'ESLint',
  'retire-js': 'RetireJS',
  regex: 'Regex',
  sfge: 'Graph Engine'
};

/**
 * The files an engine has rules for: an engine with such files in the scan and no rule selected
 * for it is a broken selection, not a clean project. RetireJS lists no rules at all for a project
 * without JavaScript, so it is held to this only when there is some.
 */
const ENGINE_FILES: Readonly<Record<CodeAnalyzerEngine, RegExp>> = {
  pmd: /\.(cls|trigger)$/,
  eslint: /\.ts$/,
  'retire-js': /\.(js|resource|zip)$/,
  regex: /\.(cls|trigger|xml)$/
};

/**
 * How ESLint runs: with the project's own eslint.config.js (`npm run lint`'s), of which only the
 * selected rules run.
 *
 * The engine's built-in configuration applies the LWC rules to `.js` files only, and TypeScript
 * gets the generic TypeScript rules: on components written in TypeScript the LWC security rule
 * (`@lwc/lwc/no-inner-html`) would run on nothing. The project's configuration applies the
 * Salesforce LWC rules to the `.ts` sources, with the parser and settings `npm run lint` uses, so
 * the two cannot disagree on a file; and it ignores compiled `.js` (build:lwc's beside the
 * sources, the scan's own under `.tmp/`) and node_modules, so the engine never lints build
 * output. The engine's TypeScript base configuration is off: it would add every typescript-eslint
 * rule, type-aware (a TypeScript program per file's tsconfig), and none of them is selected.
 * The other base configurations stay as Code Analyzer ships them, for JavaScript that is not
 * compiled (none yet).
 */
const ESLINT_ENGINE = { disable_typescript_base_config: true } as const;

/** The ESLint configuration the engine loads: the project's, or the repository's for a copy. */
function eslintConfigFile(project: string): string {
  const own = join(project, 'eslint.config.js');
  return existsSync(own) ? own : join(repositoryRoot, 'eslint.config.js');
}
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
    ApexUnitTestClassShouldHaveRunAs: 'tests run as a user where access is what they test',
    // PMD's JavaScript parser (Rhino) reads a class field with an initializer (`runs = [];`)
    // and a `const` declared in a function as assignments to undeclared, global names: on the
    // compiled components it reported 138 lines, not one of them a global. An accidental global
    // cannot reach the compiled code: TypeScript refuses a name that is not declared, and ES
    // modules run in strict mode.
    GlobalVariable: 'Rhino reads class fields and const declarations as global assignments'
  }
};

/**
 * Findings looked at and accepted, each for one rule (of any engine) on named files (and, where
 * given, with a message matching `message`) with the reason. They are printed as acknowledged
 * rather than counted, so a new finding of the same rule elsewhere still shows up. Used where a
 * source cannot take a suppression (metadata XML), and where a rule's measure is off for a reason
 * written beside it; suppressions in the sources are not honoured (see inlineSuppressions).
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
    rule: 'sfge:ApexFlsViolation',
    file: /\/sync\/classes\/SyncRunSelector\.cls$/,
    message: /\[Started_By__r\.Name\]\./,
    reason:
      'the console reads of runs check read access to User.Name (requireReadable with STARTER_FIELDS) and to Sync_Run__c.Started_By__c (SUMMARY_FIELDS) before each query; Graph Engine reports the relationship field as a field of Sync_Run__c and matches no check to it'
  },
  {
    rule: 'sfge:AvoidDatabaseOperationInLoop',
    file: /\/sync\/classes\/SyncRunSelector\.cls$/,
    message: /ForEachStatement at SyncRunSelector/,
    reason:
      'latestRuns looks up the last run of an integration idle for longer than its window one query at a time, at most MAX_OLDER_LOOKUPS (30) queries of one row each: one aggregate would count every run of those integrations against the 50,000 query rows'
  },
  {
    rule: 'pmd:CognitiveComplexity',
    file: /\/insights\/classes\/ConnectApiCredentialStore\.cls$/,
    reason:
      'the class total counts the store again for its inner class (the ConnectApi calls, kept inside so tests cover the class): with a four-line inner class it reads 123, without one under 50; no method exceeds 6'
  }
];

/**
 * How Graph Engine runs. An entry point gets FIRST_LIMIT_MS; one that times out and is not on
 * ACKNOWLEDGED_ENTRY_POINTS (scripts/lib/graphEngine.ts) is analysed again, alone with the
 * others that timed out, with RETRY_LIMIT_MS. The entry points that finish take seconds each
 * (under 10 s on a loaded 2-core machine), so a timeout in the first pass means a busy machine,
 * and the retry gives it four times the margin; only an entry point that does not finish in
 * RETRY_LIMIT_MS either fails the scan. The slowest entry point (ConnectionController.testConnection)
 * takes 20 s alone on an idle machine and 47 s with three busy processes on two cores, as the
 * browser tests make it beside the retry: the retry limit gives that five times the margin, so
 * the verdict does not hang on the machine's load. Two threads for two cores: more would only share them
 * and stretch each entry point's time towards its limit. The heap is fixed because the engine
 * derives its path-expansion limit from it.
 */
const GRAPH_ENGINE = {
  threads: 2,
  heap: '2g',
  firstLimitMs: 30_000,
  retryLimitMs: 240_000
} as const;

/**
 * Whether a file under the project's source folders goes to the Code Analyzer engines: all of
 * them (each engine takes the kinds of file it has rules for) except build:lwc's output, the
 * `.js` beside each component's TypeScript. That is present or not, current or stale, depending
 * on what ran before; the engines read the scan's own compilation of the sources instead.
 */
function isScanned(path: string): boolean {
  return !isBuildOutput(path);
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

/** What one Code Analyzer engine found; cached per engine. */
interface EngineAnalysis {
  findings: Finding[];
  warnings: string[];
  errors: ScanError[];
  /** From the start of the engines' run to this engine's results. */
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

/** ESLint's message for a file it could not parse, as the engine words it. */
const PARSE_ERROR =
  /^When scanning file '([^']+)' with the (\w+) engine, ESLint gave the following error:\n([\s\S]*)$/;

function toScanError(engine: string, message: string): ScanError {
  const skipped = PROCESSING_ERROR.exec(message);
  if (skipped) {
    return { where: skipped[2] ?? '', label: `${engine}:ProcessingError`, text: skipped[3] ?? '' };
  }
  const fatal = PARSE_ERROR.exec(message);
  if (fatal) {
    return { where: fatal[1] ?? '', label: `${engine}:ParseError`, text: fatal[3] ?? '' };
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

function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** `java -version` (it answers on stderr): part of every engine's cache key. */
function javaVersion(): string {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return `${java.stderr ?? ''}${java.stdout ?? ''}`.trim();
}

/** The scan's own code: a change to how it analyses is a change of every cache key. */
function scanCode(): string {
  const hash = createHash('sha256');
  for (const file of [
    'checks/scan.ts',
    'lib/graphEngine.ts',
    'lib/scanCache.ts',
    'lib/compiledComponents.ts'
  ]) {
    hash.update(readFileSync(join(repositoryRoot, 'scripts', file)));
  }
  return hash.digest('hex');
}

/**
 * The installed packages, as package-lock.json pins them: the engines, the rules and plugins
 * they load (ESLint's), and the TypeScript compiler. Any change of one is a new cache key.
 */
function installedPackages(): string {
  return sha256(readFileSync(join(repositoryRoot, 'package-lock.json')));
}

/**
 * Rules a source silences inline, which the scan does not allow: a finding is fixed, or the rule
 * is disabled or the finding acknowledged in this file, where the reason is written down. Code
 * Analyzer's own markers are off (`disable_suppressions`), but ESLint applies `eslint-disable`
 * comments before the engine sees a finding; this finds those that name a selected rule, or no
 * rule at all.
 */
function inlineSuppressions(
  project: string,
  files: readonly string[],
  selected: ReadonlySet<string>
): ScanError[] {
  const errors: ScanError[] = [];
  const directive = /(?:\/\/|\/\*)\s*eslint-disable(?:-next-line|-line)?\b([^\n]*)/g;
  for (const file of files.filter((path) => /\.(ts|js)$/.test(path))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(directive)) {
      const rules = (match[1] ?? '')
        .replace(/\*\/.*$/, '')
        .replace(/\s--\s.*$/, '')
        .split(',')
        .map((rule) => rule.trim())
        .filter((rule) => rule !== '');
      const silenced = rules.length === 0 ? ['every rule'] : rules.filter((r) => selected.has(r));
      if (silenced.length > 0) {
        const line = source.slice(0, match.index).split('\n').length;
        errors.push({
          where: `${displayPath(project, file)}:${line}`,
          label: 'eslint:Suppression',
          text: `an eslint-disable comment silences ${silenced.join(', ')}, which the scan runs: fix the finding, or acknowledge it in scripts/checks/scan.ts with the reason.`
        });
      }
    }
  }
  return errors;
}

interface CodeAnalyzerRun {
  analyses: Map<CodeAnalyzerEngine, EngineAnalysis>;
  /** Components compiled from TypeScript for the engines. */
  compiled: number;
  /** The whole run: compiling, loading the engines, selecting rules, analysing. */
  seconds: number;
}

/**
 * Runs the Code Analyzer engines named in `engines` at once (Code Analyzer runs them side by
 * side) on `files` and the compiled components, with the rules RULE_SELECTORS selects.
 */
async function analyseWithCodeAnalyzer(
  project: string,
  files: string[],
  engines: readonly CodeAnalyzerEngine[],
  folder: string
): Promise<CodeAnalyzerRun> {
  // Loaded only when an engine runs: a scan served from the cache needs neither Code Analyzer
  // nor the TypeScript compiler.
  const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } =
    await import('@salesforce/code-analyzer-core');
  const started = Date.now();
  const logFolder = join(folder, 'logs');
  const workingFolder = join(folder, 'work');
  mkdirSync(logFolder, { recursive: true });
  mkdirSync(workingFolder, { recursive: true });
  const relativize = (text: string): string => text.split(`${project}/`).join('');

  const analyses = new Map<CodeAnalyzerEngine, EngineAnalysis>(
    engines.map((engine) => [engine, { findings: [], warnings: [], errors: [], seconds: 0 }])
  );
  const analysisOf = (engine: string): EngineAnalysis | undefined =>
    analyses.get(engine as CodeAnalyzerEngine);
  // An error of the core (not of one engine) counts against every engine of the run.
  const failAll = (error: ScanError): void => {
    for (const analysis of analyses.values()) {
      analysis.errors.push(error);
    }
  };

  // The JavaScript the components ship, compiled from their TypeScript into the scan's folder.
  const compilation = await compileComponents(
    project,
    files.filter(isComponentSource),
    join(folder, 'compiled')
  );
  const compiledByPath = new Map<string, CompiledModule>(
    compilation.modules.map((module) => [module.compiledPath, module])
  );
  for (const problem of compilation.problems) {
    failAll({ where: problem.source, label: 'tsc:Error', text: problem.text });
  }
  /** A compiled file's path as its source's, for an error about the whole file. */
  const sourceOf = (where: string): string => {
    const module = compiledByPath.get(where);
    return module ? `${module.source} (compiled to .js)` : where;
  };

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
        cpd: { disable_engine: true },
        eslint: { ...ESLINT_ENGINE, eslint_config_file: eslintConfigFile(project) }
      }
    },
    project
  );
  const analyzer = new CodeAnalyzer(config);
  const logLines: string[] = [];
  analyzer.onEvent(EventType.LogEvent, (event: LogEvent) => {
    logLines.push(
      `${event.timestamp.toISOString()} [core] ${LogLevel[event.logLevel]} ${event.message}`
    );
    if (event.logLevel === LogLevel.Error) {
      failAll({ where: '', label: 'core:Error', text: relativize(event.message) });
    }
  });
  analyzer.onEvent(EventType.EngineLogEvent, (event: EngineLogEvent) => {
    logLines.push(
      `${event.timestamp.toISOString()} [${event.engineName}] ${LogLevel[event.logLevel]} ${event.message}`
    );
    const analysis = analysisOf(event.engineName);
    // PMD reports a file it could not parse only as an error-level log event, after which it
    // carries on with the other files; so does ESLint.
    if (event.logLevel === LogLevel.Error) {
      const error = toScanError(event.engineName, relativize(event.message));
      analysis?.errors.push({ ...error, where: sourceOf(error.where) });
    } else if (event.logLevel === LogLevel.Warn) {
      analysis?.warnings.push(`${event.engineName}: ${oneLine(relativize(event.message))}`);
    }
  });
  let runStarted = Date.now();
  analyzer.onEvent(EventType.EngineResultsEvent, (event: EngineResultsEvent) => {
    const analysis = analysisOf(event.results.getEngineName());
    if (analysis) {
      analysis.seconds = (event.timestamp.getTime() - runStarted) / 1000;
    }
  });

  const plugins = {
    pmd: () => import('@salesforce/code-analyzer-pmd-engine'),
    eslint: () => import('@salesforce/code-analyzer-eslint-engine'),
    'retire-js': () => import('@salesforce/code-analyzer-retirejs-engine'),
    regex: () => import('@salesforce/code-analyzer-regex-engine')
  } as const;
  for (const engine of engines) {
    const { createEnginePlugin } = await plugins[engine]();
    // The engines are built against older versions of the engine API than the core's; Code
    // Analyzer loads them all the same (its plugin check is at run time).
    await analyzer.addEnginePlugin(
      createEnginePlugin() as Parameters<typeof analyzer.addEnginePlugin>[0]
    );
  }
  const workspace = await analyzer.createWorkspace([
    ...files,
    ...compilation.modules.map((module) => module.compiled)
  ]);
  const selection: RuleSelection = await analyzer.selectRules([...RULE_SELECTORS], { workspace });
  const inputs = [...files, ...compilation.modules.map((module) => module.compiledPath)];
  for (const engine of engines) {
    const hasFiles = inputs.some((file) => ENGINE_FILES[engine].test(file));
    if (hasFiles && selection.getRulesFor(engine).length === 0) {
      analysisOf(engine)?.errors.push({
        where: '',
        label: `${engine}:Error`,
        text: `no rule selected by ${RULE_SELECTORS.join(' ')}`
      });
    }
  }
  if (engines.includes('eslint')) {
    const selected = new Set(selection.getRulesFor('eslint').map((rule) => rule.getName()));
    analysisOf('eslint')?.errors.push(...inlineSuppressions(project, files, selected));
  }
  runStarted = Date.now();
  const results = await analyzer.run(selection, { workspace });
  writeFileSync(join(logFolder, 'code-analyzer.log'), `${logLines.join('\n')}\n`);

  for (const violation of results.getViolations()) {
    const rule = violation.getRule();
    const analysis = analysisOf(rule.getEngineName());
    if (analysis === undefined) {
      continue;
    }
    const primary = violation.getPrimaryLocation();
    const file = primary.getFile();
    const label = `${rule.getEngineName()}:${rule.getName()}`;
    if (file === undefined) {
      // Code Analyzer turns an engine that threw or could not start into a location-less
      // violation; it is a broken scan, not a finding about the code.
      analysis.errors.push({ where: '', label, text: relativize(violation.getMessage()) });
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
    let path = displayPath(project, file);
    let line = primary.getStartLine() ?? 1;
    let message = oneLine(relativize(violation.getMessage()));
    // A finding in the compiled JavaScript is shown where it is written: the TypeScript line.
    const module = compiledByPath.get(path);
    if (module) {
      message = `${message} (compiled .js, line ${line})`;
      line = sourceLine(module.mappings, line, primary.getStartColumn() ?? 1);
      path = module.source;
    }
    analysis.findings.push({
      label,
      severity: rule.getSeverityLevel(),
      file: path,
      line,
      message,
      via
    });
  }
  const seconds = (Date.now() - started) / 1000;
  for (const analysis of analyses.values()) {
    // An engine that sent no results event (one that failed) gets the run's whole time.
    analysis.seconds = analysis.seconds || seconds;
  }
  return { analyses, compiled: compilation.modules.length, seconds };
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

/** The engines a run uses: all, or those `--engine` names (comma-separated). */
function enginesFromArgs(args: readonly string[]): Set<Engine> {
  const all: Engine[] = [...CODE_ANALYZER_ENGINES, 'sfge'];
  const index = args.indexOf('--engine');
  if (index === -1) {
    return new Set(all);
  }
  const named = (args[index + 1] ?? '').split(',').filter((name) => name !== '');
  const unknown = named.filter((name) => !all.includes(name as Engine));
  if (named.length === 0 || unknown.length > 0) {
    throw new Error(`--engine takes one or more of ${all.join(', ')}, separated by commas`);
  }
  return new Set(named as Engine[]);
}

const NOT_RUN = { findings: [], unfinished: [], retried: [], errors: [], seconds: 0 };

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
  const packages = installedPackages();

  const analyses = new Map<CodeAnalyzerEngine, EngineAnalysis>();
  const cached = new Set<Engine>();
  const toRun: { engine: CodeAnalyzerEngine; key: string }[] = [];
  for (const engine of CODE_ANALYZER_ENGINES.filter((name) => engines.has(name))) {
    const settings: Record<string, unknown> = {
      ...tools,
      packages,
      engine,
      selectors: RULE_SELECTORS,
      disabled: DISABLED_RULES
    };
    // The compiled components depend on the build's configuration too.
    const inputs = [...files, ...buildConfigFiles(project)];
    if (engine === 'eslint') {
      settings.eslint = ESLINT_ENGINE;
      inputs.push(eslintConfigFile(project));
    }
    if (engine === 'regex') {
      // Its rule on old API versions compares with the version of three years before today.
      settings.month = new Date().toISOString().slice(0, 7);
    }
    const key = inputHash(project, inputs, settings);
    const analysis = readCache ? readCached<EngineAnalysis>(cacheFolder, engine, key) : undefined;
    if (analysis) {
      analyses.set(engine, analysis);
      cached.add(engine);
    } else {
      toRun.push({ engine, key });
    }
  }
  let codeAnalyzer: CodeAnalyzerRun | undefined;
  if (toRun.length > 0) {
    codeAnalyzer = await analyseWithCodeAnalyzer(
      project,
      files,
      toRun.map((entry) => entry.engine),
      scanFolder
    );
    for (const { engine, key } of toRun) {
      const analysis = codeAnalyzer.analyses.get(engine);
      if (analysis) {
        analyses.set(engine, analysis);
        if (analysis.errors.length === 0) {
          writeCached(cacheFolder, engine, key, analysis);
        }
      }
    }
  }

  const workspace = graphEngineWorkspace(project);
  let sfge: GraphEngineAnalysis = NOT_RUN;
  if (engines.has('sfge') && workspace.targets.length > 0) {
    const key = graphEngineCacheKey(project, workspace, { ...tools, settings: GRAPH_ENGINE });
    const analysis = readCache
      ? readCached<GraphEngineAnalysis>(cacheFolder, 'sfge', key)
      : undefined;
    if (analysis) {
      cached.add('sfge');
    }
    sfge = analysis ?? analyseWithGraphEngine(project, workspace, scanFolder, cacheFolder);
    if (!analysis && sfge.errors.length === 0) {
      writeCached(cacheFolder, 'sfge', key, sfge);
    }
  }

  const engineAnalyses = [...analyses.values()];
  const errors: ScanError[] = [...engineAnalyses.flatMap((analysis) => analysis.errors)];
  // A core error is every engine's: printed once.
  const printedErrors = new Set<string>();
  const uniqueErrors = errors.filter((error) => {
    const key = `${error.where} ${error.label} ${error.text}`;
    const seen = printedErrors.has(key);
    printedErrors.add(key);
    return !seen;
  });
  uniqueErrors.push(...sfge.errors);
  const acknowledged: string[] = [];
  const violations: (Finding & { text: string })[] = [];
  const findings = [...engineAnalyses.flatMap((analysis) => analysis.findings), ...sfge.findings];
  for (const finding of findings) {
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
  if (engines.has('sfge') && sfge.errors.length === 0) {
    const verdict = judgeEntryPoints(
      sfge.unfinished,
      ACKNOWLEDGED_ENTRY_POINTS,
      entryPointDeclarer(project, workspace.targets)
    );
    acknowledged.push(...verdict.acknowledged);
    uniqueErrors.push(
      ...verdict.problems.map((problem) => ({
        where: problem.where,
        label: 'sfge:EntryPoint',
        text: problem.text
      }))
    );
  }

  for (const warning of engineAnalyses.flatMap((analysis) => analysis.warnings)) {
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
  for (const error of uniqueErrors) {
    const [first = '', ...rest] = withoutStackTrace(error.text);
    console.log(`${error.where ? `${error.where} ` : ''}${error.label} ${first}`);
    for (const line of rest) {
      console.log(`  ${line}`);
    }
  }

  const timings: string[] = [];
  for (const engine of CODE_ANALYZER_ENGINES.filter((name) => engines.has(name))) {
    const analysis = analyses.get(engine);
    timings.push(
      `${ENGINE_TITLES[engine]} ${cached.has(engine) ? 'cached' : seconds(analysis?.seconds ?? 0)}`
    );
  }
  if (codeAnalyzer) {
    console.log(
      `scan: Code Analyzer ran ${toRun.map((entry) => ENGINE_TITLES[entry.engine]).join(', ')} ` +
        `side by side in ${seconds(codeAnalyzer.seconds)}, on the sources and the JavaScript ` +
        `compiled from ${codeAnalyzer.compiled} components' TypeScript`
    );
  }
  if (engines.has('sfge')) {
    console.log(
      `scan: Graph Engine reads ${workspace.files.length} files and starts from the entry points ` +
        `of ${workspace.targets.length} classes (left out: ${workspace.testClasses.length} test ` +
        `classes, ${workspace.accessorOnlyClasses.length} classes whose only entry points are ` +
        `property accessors)`
    );
    timings.push(`Graph Engine ${cached.has('sfge') ? 'cached' : seconds(sfge.seconds)}`);
  }
  const failing = violations.filter((violation) => violation.severity <= FAILING_SEVERITY).length;
  const errorNote =
    uniqueErrors.length > 0
      ? `, ${uniqueErrors.length} ${uniqueErrors.length === 1 ? 'error' : 'errors'}`
      : '';
  console.log(
    `scan: ${failing} violations of severity 1-2 (${violations.length - failing} lower, ` +
      `${acknowledged.length} acknowledged)${errorNote} in ${files.length} files, ` +
      timings.join(', ')
  );
  if (uniqueErrors.length > 0) {
    console.log(`scan: engine logs in ${scanFolder}`);
  }
  return failing > 0 || uniqueErrors.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`scan: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
