/**
 * `npm run scan`: the static scan of the project's Salesforce sources with PMD and Salesforce
 * Graph Engine, driven through Code Analyzer's core library (the `sf code-analyzer` plugin is not
 * part of the toolchain).
 *
 * Fails on any violation of severity 1 (Critical) or 2 (High), on any file an engine could not
 * parse, and on any engine that errored or could not start: a scan that silently skipped a file
 * or an engine would report a clean project it never looked at. Violations of severity 3-5 are
 * printed and do not fail.
 *
 * Usage: `npm run scan [-- --project DIR]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  SeverityLevel,
  type EngineLogEvent,
  type EngineResultsEvent,
  type EngineRunProgressEvent,
  type LogEvent
} from '@salesforce/code-analyzer-core';
import { createEnginePlugin as createPmdEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import { createEnginePlugin as createSfgeEnginePlugin } from '@salesforce/code-analyzer-sfge-engine';
import { displayPath, listSourceFiles, projectFromArgs, repositoryRoot } from '../lib/project.ts';

/**
 * Rule selectors as Code Analyzer reads them: `engine:tag` intersects, separate entries unite.
 * Graph Engine tags no rule `Recommended` (all of its rules are tagged `DevPreview`), so it
 * runs whole.
 */
const RULE_SELECTORS = [
  'pmd:Recommended',
  'pmd:Security',
  'pmd:Performance',
  'pmd:BestPractices',
  'sfge'
] as const;

/** The engines the scan must have run for its verdict to mean anything. */
const REQUIRED_ENGINES = ['pmd', 'sfge'] as const;

const ENGINE_LABELS: Readonly<Record<string, string>> = { pmd: 'PMD', sfge: 'Graph Engine' };

/** Severity 1 (Critical) and 2 (High) fail the scan. */
const FAILING_SEVERITY = SeverityLevel.High;

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
 * Findings looked at and accepted, each for one rule on named files with the reason. They are
 * printed as acknowledged rather than counted, so a new finding of the same rule elsewhere still
 * shows up. Used where PMD cannot take a suppression (metadata XML), and where a rule's measure
 * is off for a reason written beside it.
 */
const ACKNOWLEDGED: readonly { rule: string; file: RegExp; reason: string }[] = [
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
    rule: 'pmd:CognitiveComplexity',
    file: /\/insights\/classes\/ConnectApiCredentialStore\.cls$/,
    reason:
      'the class total counts the store again for its inner class (the ConnectApi calls, kept inside so tests cover the class): with a four-line inner class it reads 123, without one under 50; no method exceeds 6'
  }
];

/**
 * Entry points Graph Engine cannot finish (its path expansion times out or the engine throws on
 * a construct it does not model), each reviewed by hand: what the paths from it reach, and why
 * that is safe. Only these methods are excused; a new entry point that fails still fails the scan.
 */
const ACKNOWLEDGED_ENTRY_POINTS: readonly { file: string; methods: string[]; reason: string }[] = [
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
  },
  {
    file: 'ConnectionController.cls',
    methods: ['testConnection'],
    reason:
      "one callout through the Named Credential, a ConnectApi read of the principal and, in system mode, the running user's own permission sets (UserExternalCredentialAccess); no SOQL on subscriber data, no DML"
  }
];

const ENTRY_POINT_ERROR = /while scanning entry point: (\S+?\.cls):(\d+):\d+: (.*)$/s;

/** The method declared on a line of Apex, e.g. `getTemplates` in `public static List<X> getTemplates() {`. */
function methodDeclaredAt(project: string, file: string, line: number): string | undefined {
  const source = readFileSync(join(project, file), 'utf8').split('\n')[line - 1] ?? '';
  return /(\w+)\s*\(/.exec(source)?.[1];
}

/** Moves Graph Engine errors of acknowledged entry points from `errors` to `acknowledged`. */
function acknowledgeEntryPoints(
  project: string,
  errors: ScanError[],
  acknowledged: string[]
): ScanError[] {
  return errors.filter((error) => {
    const match = error.label === 'sfge:Error' ? ENTRY_POINT_ERROR.exec(error.text) : null;
    if (!match) {
      return true;
    }
    const [, file = '', line = '0', cause = ''] = match;
    const method = methodDeclaredAt(project, file, Number(line));
    const entry = ACKNOWLEDGED_ENTRY_POINTS.find(
      (candidate) =>
        file.endsWith(`/${candidate.file}`) &&
        method !== undefined &&
        candidate.methods.includes(method)
    );
    if (!entry) {
      return true;
    }
    const why = cause.startsWith('Path evaluation timed out')
      ? 'path evaluation timed out'
      : 'engine error';
    acknowledged.push(
      `${file}:${line} sfge: entry point ${method} not analysed (${why}); reviewed: ${entry.reason}`
    );
    return false;
  });
}

/**
 * The kinds of file PMD (Apex, Visualforce, Aura and LWC markup, JavaScript, metadata XML) and
 * Graph Engine read. TypeScript is left out: PMD has no rules for it and ESLint checks it.
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
 * Whether a file under force-app goes into the scan. The LWC `.js` files are compiled from the
 * TypeScript sources by `npm run build:lwc`: scanning them would report on code nobody edits,
 * and only on machines that happened to build first.
 */
function isScanned(path: string): boolean {
  const normalized = path.split('\\').join('/');
  if (normalized.includes('/lwc/') && normalized.endsWith('.js')) {
    return false;
  }
  return SCANNED_EXTENSIONS.some((extension) => normalized.endsWith(extension));
}

interface Finding {
  file: string;
  line: number;
  severity: SeverityLevel;
  text: string;
}

/** A file or engine that could not be scanned: the scan cannot vouch for what it did not see. */
interface ScanError {
  /** The file, relative to the project, or '' when the error is not about one file. */
  where: string;
  label: string;
  text: string;
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

function at(project: string, file: string, line: number | undefined): string {
  return `${displayPath(project, file)}:${line ?? 1}`;
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

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  const project = projectFromArgs();
  const scanFolder = join(repositoryRoot, '.tmp', 'scan');
  const logFolder = join(scanFolder, 'logs');
  const workingFolder = join(scanFolder, 'work');
  mkdirSync(logFolder, { recursive: true });
  mkdirSync(workingFolder, { recursive: true });

  // Engine messages carry absolute paths; the project-relative form is what a reader can act on.
  const relativize = (text: string): string => text.split(`${project}/`).join('');

  const files = listSourceFiles(project, isScanned);
  if (files.length === 0) {
    console.error(`scan: no files in the source folders of ${project}`);
    return 1;
  }

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
  const started = new Map<string, number>();
  const durations = new Map<string, number>();

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
    // carries on with the other files; Graph Engine logs its internal errors the same way.
    if (event.logLevel === LogLevel.Error) {
      errors.push(toScanError(event.engineName, relativize(event.message)));
    } else if (event.logLevel === LogLevel.Warn) {
      warnings.push(`${event.engineName}: ${oneLine(relativize(event.message))}`);
    }
  });
  analyzer.onEvent(EventType.EngineRunProgressEvent, (event: EngineRunProgressEvent) => {
    if (!started.has(event.engineName)) {
      started.set(event.engineName, Date.now());
    }
  });
  analyzer.onEvent(EventType.EngineResultsEvent, (event: EngineResultsEvent) => {
    const engine = event.results.getEngineName();
    durations.set(engine, Date.now() - (started.get(engine) ?? Date.now()));
  });

  await analyzer.addEnginePlugin(createPmdEnginePlugin());
  await analyzer.addEnginePlugin(createSfgeEnginePlugin());

  const workspace = await analyzer.createWorkspace(files);
  const selection = await analyzer.selectRules([...RULE_SELECTORS], { workspace });
  for (const engine of REQUIRED_ENGINES) {
    if (selection.getRulesFor(engine).length === 0) {
      errors.push({
        where: '',
        label: `${engine}:Error`,
        text: `no rule selected by ${RULE_SELECTORS.join(' ')}`
      });
    }
  }

  const results = await analyzer.run(selection, { workspace });
  const finished = Date.now();
  writeFileSync(join(logFolder, 'scan.log'), `${logLines.join('\n')}\n`);
  // An engine that throws emits no results event; its time still says how far it got.
  for (const [engine, start] of started) {
    if (!durations.has(engine)) {
      durations.set(engine, finished - start);
    }
  }

  const violations: Finding[] = [];
  const acknowledged: string[] = [];
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
    // Graph Engine reports the entry point of the path that reaches the violating line: without
    // it, a violation in shared code does not say which caller leads there.
    const via: string[] = [];
    violation.getCodeLocations().forEach((location, index) => {
      const other = location.getFile();
      if (index !== primaryIndex && other !== undefined) {
        via.push(at(project, other, location.getStartLine()));
      }
    });
    const path = displayPath(project, file);
    const line = primary.getStartLine() ?? 1;
    const accepted = ACKNOWLEDGED.find((entry) => entry.rule === label && entry.file.test(path));
    if (accepted) {
      acknowledged.push(`${path}:${line} ${label}: ${accepted.reason}`);
      continue;
    }
    violations.push({
      file: path,
      line,
      severity: rule.getSeverityLevel(),
      text:
        `${path}:${line} ${label} [sev ${rule.getSeverityLevel()}] ` +
        oneLine(relativize(violation.getMessage())) +
        (via.length > 0 ? ` (path from ${via.join(', ')})` : '')
    });
  }
  violations.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.text.localeCompare(b.text)
  );

  const unexplainedErrors = acknowledgeEntryPoints(project, errors, acknowledged);
  errors.length = 0;
  errors.push(...unexplainedErrors);

  for (const warning of warnings) {
    console.log(`warning: ${warning}`);
  }
  for (const violation of violations) {
    console.log(violation.text);
  }
  for (const line of acknowledged) {
    console.log(`acknowledged: ${line}`);
  }
  for (const error of errors) {
    const [first = '', ...rest] = withoutStackTrace(error.text);
    console.log(`${error.where ? `${error.where} ` : ''}${error.label} ${first}`);
    for (const line of rest) {
      console.log(`  ${line}`);
    }
  }

  const failing = violations.filter((violation) => violation.severity <= FAILING_SEVERITY).length;
  const timings = [...durations.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([engine, duration]) => `${ENGINE_LABELS[engine] ?? engine} ${seconds(duration)}`)
    .join(', ');
  const errorNote =
    errors.length > 0 ? `, ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}` : '';
  console.log(
    `scan: ${failing} violations of severity 1-2 (${violations.length - failing} lower, ` +
      `${acknowledged.length} acknowledged)${errorNote} ` +
      `in ${files.length} files, ${timings}`
  );
  if (errors.length > 0) {
    console.log(`scan: engine logs in ${displayPath(repositoryRoot, logFolder)}`);
  }
  return failing > 0 || errors.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`scan: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
