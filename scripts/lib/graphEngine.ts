/**
 * Salesforce Graph Engine, run from its bundled jars with the input the scan chooses: what it
 * reads (the package's Apex without its tests), which entry points it starts from, and how long
 * one entry point may take. Code Analyzer's own Graph Engine plugin offers none of these (it
 * hands the engine every file, every entry point, and one time limit for a single pass), and
 * they decide how long the scan takes and whether its verdict is the same on every run.
 *
 * The engine's input is the JSON file its `execute` command reads (`targets` with optional
 * `targetMethods`, `projectFilesAndFolders`, `rulesToRun`); its output is a JSON list of
 * results. Both are those of `@salesforce/code-analyzer-sfge-engine` 0.25.0, whose jars run here.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { displayPath, listSourceFiles, repositoryRoot } from './project.ts';
import { inputHash, readCached, writeCached } from './scanCache.ts';

export const GRAPH_ENGINE_PACKAGE = join(
  repositoryRoot,
  'node_modules',
  '@salesforce',
  'code-analyzer-sfge-engine'
);

const MAIN_CLASS = 'com.salesforce.Sfge';

/**
 * What Graph Engine reads of a project: Apex, and the metadata its collectors look at (custom
 * objects, for custom settings; Visualforce pages and components, for their controllers).
 */
const READ_BY_GRAPH_ENGINE = /\.(cls|trigger|page|component)$|\.object-meta\.xml$/i;

/** Apex with comments and string literals blanked out, so keywords inside them do not count. */
export function apexCode(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g, (match) =>
    match.replace(/[^\n]/g, ' ')
  );
}

/** Whether an Apex class is a test class: `@IsTest` on the class itself. */
export function isTestClass(source: string): boolean {
  const code = apexCode(source);
  const declaration = code.search(/\bclass\b/i);
  return declaration !== -1 && /@IsTest\b/i.test(code.slice(0, declaration));
}

const ENTRY_ANNOTATION =
  /@(?:AuraEnabled|RemoteAction|InvocableMethod|NamespaceAccessible|Http(?:Get|Post|Put|Patch|Delete))\b(?:\s*\([^)]*\))?/gi;

/** `{ get; set; }` in any of its forms: an accessor pair without code. */
const AUTOMATIC_ACCESSORS =
  /^\{\s*(?:(?:public|private|protected|global)\s+)?get\s*;\s*(?:(?:(?:public|private|protected|global)\s+)?set\s*;\s*)?\}/i;

/**
 * Whether every entry point Graph Engine would find in a class is the accessor of an automatic
 * property (`@AuraEnabled public String name { get; set; }`), as in the DTOs the controllers
 * answer with. Such an accessor has no code, so no path from it reaches a query, a DML statement
 * or a dereference; the engine still analyses each as an entry point, a getter and a setter per
 * property. A class that also declares an annotated method, a property accessor with code,
 * anything global or a web service, an interface or an abstract class is not one of these.
 */
export function hasOnlyAccessorEntryPoints(source: string): boolean {
  const code = apexCode(source);
  if (/\b(?:global|webservice|interface|abstract)\b|@RestResource\b/i.test(code)) {
    return false;
  }
  let accessors = 0;
  for (const annotation of code.matchAll(ENTRY_ANNOTATION)) {
    const rest = code
      .slice((annotation.index ?? 0) + annotation[0].length)
      // Further annotations on the same member.
      .replace(/^(?:\s*@\w+(?:\s*\([^)]*\))?)*\s*/, '');
    const end = rest.search(/[{;=(]/);
    const terminator = rest[end];
    if (terminator === '(') {
      return false; // a method
    }
    if (terminator === '{') {
      if (!AUTOMATIC_ACCESSORS.test(rest.slice(end))) {
        return false; // an accessor with code
      }
      accessors += 1;
    }
    // `;` or `=`: a field, which is no entry point.
  }
  return accessors > 0;
}

export interface GraphEngineWorkspace {
  /** Everything the engine reads. */
  files: string[];
  /** The Apex files whose entry points are analysed. */
  targets: string[];
  /** Test classes, left out: no entry point is ever in a test. */
  testClasses: string[];
  /** Classes whose only entry points are automatic property accessors. */
  accessorOnlyClasses: string[];
}

/**
 * The files Graph Engine reads and the files it starts from.
 *
 * Test classes are left out of both. Graph Engine never enters from a test (a test method is no
 * entry point) and the platform never calls a test class from package code, so the paths it
 * follows are the same without them; leaving them out spares their parse and graph (47 of 124
 * classes when this was written). The findings were compared with and without them: the same.
 *
 * Classes whose only entry points are automatic property accessors are read but not targeted
 * (see hasOnlyAccessorEntryPoints): paths from the controllers still go through them.
 */
export function graphEngineWorkspace(project: string): GraphEngineWorkspace {
  const files: string[] = [];
  const targets: string[] = [];
  const testClasses: string[] = [];
  const accessorOnlyClasses: string[] = [];
  for (const file of listSourceFiles(project, (path) => READ_BY_GRAPH_ENGINE.test(path))) {
    if (!/\.(cls|trigger)$/i.test(file)) {
      files.push(file);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    if (file.endsWith('.cls') && isTestClass(source)) {
      testClasses.push(file);
      continue;
    }
    files.push(file);
    if (file.endsWith('.cls') && hasOnlyAccessorEntryPoints(source)) {
      accessorOnlyClasses.push(file);
    } else {
      targets.push(file);
    }
  }
  return { files, targets, testClasses, accessorOnlyClasses };
}

/** One result of the engine, as its `execute` command writes it. */
export interface GraphEngineResult {
  ruleName: string;
  severity: number;
  message: string;
  sourceFileName: string;
  sourceLineNumber: number;
  sourceColumnNumber: number;
  /** The entry point's method name for path-based rules. */
  sourceVertexName: string;
  sinkFileName?: string;
  sinkLineNumber?: number;
  sinkColumnNumber?: number;
}

/** The result the engine writes for an entry point it could not finish. */
export const INTERNAL_ERROR_RULE = 'InternalExecutionError';

export interface GraphEngineTarget {
  file: string;
  /** Only these methods of the file; empty for all of its entry points. */
  methods: readonly string[];
}

export interface GraphEngineRunOptions {
  files: readonly string[];
  targets: readonly GraphEngineTarget[];
  rules: readonly string[];
  /** Time one entry point may take, in milliseconds. */
  timeoutMs: number;
  /** Entry points analysed at once. */
  threads: number;
  /** The Java heap (-Xmx); fixed so the engine's heap-derived limits are the same everywhere. */
  heap: string;
  /** Where the input, output and log of this run go. */
  folder: string;
  name: string;
}

export type GraphEngineRun =
  | { ok: true; results: GraphEngineResult[]; seconds: number }
  | { ok: false; error: string; seconds: number };

function classPath(): string {
  return join(GRAPH_ENGINE_PACKAGE, 'dist', 'java-lib', '*');
}

/** The engine's own explanation of a failed run, without the Java stack trace. */
function failureMessage(output: string): string {
  const marker = output.indexOf('SfgeErrorStart');
  const text = marker >= 0 ? output.slice(marker + 'SfgeErrorStart'.length) : output;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s+at \S/.test(line))
    .slice(0, 20)
    .join('\n')
    .trim();
}

function runJava(
  args: readonly string[],
  logFile: string
): { status: number | null; output: string } {
  const log = openSync(logFile, 'w');
  try {
    const java = spawnSync('java', ['-cp', classPath(), ...args], {
      // The engine's logger rolls a large log over into `sfge-<date>-<n>.log.gz` in the working
      // folder: the run's folder, not wherever the scan was started.
      cwd: dirname(logFile),
      stdio: ['ignore', log, log]
    });
    if (java.error) {
      return { status: null, output: `could not start Java: ${java.error.message}` };
    }
    return { status: java.status, output: '' };
  } finally {
    closeSync(log);
  }
}

/**
 * The names of the engine's rules (its `catalog` command), cached per engine version: they are
 * part of the jars.
 */
export function graphEngineRules(folder: string, cacheFolder: string): string[] {
  const key = `catalog ${graphEngineVersion()}`;
  const cached = readCached<string[]>(cacheFolder, 'sfge-rules', key);
  if (cached) {
    return cached;
  }
  mkdirSync(folder, { recursive: true });
  const output = join(folder, 'catalog.json');
  const logFile = join(folder, 'catalog.out');
  const run = runJava(
    [`-Dsfge_log_name=${join(folder, 'catalog.log')}`, MAIN_CLASS, 'catalog', 'all', output],
    logFile
  );
  if (run.status !== 0) {
    throw new Error(
      `Graph Engine could not list its rules (exit ${run.status}): ${run.output || failureMessage(readFileSync(logFile, 'utf8'))}`
    );
  }
  const rules = (JSON.parse(readFileSync(output, 'utf8')) as { name: string }[])
    .map((rule) => rule.name)
    .sort();
  if (rules.length > 0) {
    writeCached(cacheFolder, 'sfge-rules', key, rules);
  }
  return rules;
}

/** One run of the engine's `execute` command. */
export function runGraphEngine(options: GraphEngineRunOptions): GraphEngineRun {
  const started = Date.now();
  mkdirSync(options.folder, { recursive: true });
  const input = join(options.folder, `${options.name}-input.json`);
  const output = join(options.folder, `${options.name}-results.json`);
  const logFile = join(options.folder, `${options.name}.out`);
  writeFileSync(
    input,
    JSON.stringify({
      targets: options.targets.map((target) => ({
        targetFile: target.file,
        targetMethods: [...target.methods]
      })),
      projectFilesAndFolders: options.files,
      rulesToRun: options.rules
    })
  );
  writeFileSync(output, '');
  const run = runJava(
    [
      `-Dsfge_log_name=${join(options.folder, `${options.name}.log`)}`,
      `-Xmx${options.heap}`,
      `-DSFGE_RULE_THREAD_COUNT=${options.threads}`,
      `-DSFGE_RULE_THREAD_TIMEOUT=${options.timeoutMs}`,
      MAIN_CLASS,
      'execute',
      input,
      output
    ],
    logFile
  );
  const seconds = (Date.now() - started) / 1000;
  if (run.status !== 0) {
    const message = run.output || failureMessage(readFileSync(logFile, 'utf8'));
    return {
      ok: false,
      error: `Graph Engine stopped (exit ${run.status}, output in ${basename(logFile)}): ${message}`,
      seconds
    };
  }
  try {
    return {
      ok: true,
      results: JSON.parse(readFileSync(output, 'utf8')) as GraphEngineResult[],
      seconds
    };
  } catch (error) {
    return {
      ok: false,
      error: `Graph Engine wrote no readable results: ${(error as Error).message}`,
      seconds
    };
  }
}

/** The engine package's version, for the cache key. */
export function graphEngineVersion(): string {
  return (
    JSON.parse(readFileSync(join(GRAPH_ENGINE_PACKAGE, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/**
 * The cache key of a Graph Engine analysis: every file it reads (so not the test classes, and a
 * change to a test leaves the key as it was), which of them it starts from, the engine's version
 * and `settings` (how it runs, the Java version, the scan's own code).
 */
export function graphEngineCacheKey(
  project: string,
  workspace: GraphEngineWorkspace,
  settings: Record<string, unknown>
): string {
  return inputHash(project, workspace.files, {
    ...settings,
    engine: graphEngineVersion(),
    targets: workspace.targets.map((file) => displayPath(project, file))
  });
}

/** An entry point the engine could not finish: its paths ran out of time, or the engine threw. */
export interface UnfinishedEntryPoint {
  /** Project-relative path of the class. */
  file: string;
  line: number;
  method: string;
  cause: 'timed out' | 'engine error';
  message: string;
}

/** Entry points reviewed by hand because Graph Engine cannot finish them. */
export interface AcknowledgedEntryPoints {
  /** The class file's name, e.g. `IntegrationController.cls`. */
  file: string;
  methods: readonly string[];
  reason: string;
}

/**
 * Entry points Graph Engine cannot finish, each reviewed by hand: the review, with the queries
 * and DML each path reaches and how they are guarded, is in docs/security.md (section
 * REVIEW_SECTION), and a script test fails when an entry point here has none there. Checked
 * both ways on every scan: an entry point it cannot finish that is not here fails the scan, and
 * so does one listed here that it now finishes, so the list only shrinks. Those that time out
 * were measured not to finish in 10 minutes (their paths multiply through the branches of the
 * template and validation tables), so they are not retried.
 */
export const ACKNOWLEDGED_ENTRY_POINTS: readonly AcknowledgedEntryPoints[] = [
  {
    file: 'IntegrationController.cls',
    methods: ['getTemplates', 'getFieldRequestText'],
    reason:
      'ReportTemplates builds static template data, and the field request adds describes of the object: no SOQL, no DML'
  },
  {
    file: 'IntegrationController.cls',
    methods: ['saveIntegration', 'resumeIntegration', 'restoreIntegration'],
    reason:
      "reads Integration__mdt in system mode (the package's own configuration, commented in IntegrationSelector) and writes through a Metadata API deploy, not DML; behind the Manage_Insights_Sync permission and Customize Application (DeployAccess, a user-mode query)"
  },
  {
    file: 'IntegrationController.cls',
    methods: ['previewIntegration'],
    reason:
      'the target object is read only through RecordMatcher with Database.queryWithBinds(..., AccessLevel.USER_MODE) and nothing is written; behind the Manage_Insights_Sync permission'
  },
  {
    file: 'IntegrationController.cls',
    methods: ['readCsvSample'],
    reason:
      "no query, no DML: range GETs of one file through the admin's Named Credential (never the package's own) and the CSV parser; behind the Manage_Insights_Sync permission"
  }
];

/** The section of docs/security.md that holds the review of each entry point above. */
export const REVIEW_SECTION = 'Entry points Graph Engine cannot analyse';

/**
 * The entry points of `list` that the review section of `markdown` (docs/security.md) does not
 * cover, as `Class.method`. An entry point is covered by a `###` heading inside the section that
 * names it in backticks (`` `IntegrationController.getTemplates` ``; one heading may name
 * several) and has text under it.
 */
export function entryPointsWithoutReview(
  list: readonly AcknowledgedEntryPoints[],
  markdown: string
): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${REVIEW_SECTION}`);
  const reviewed = new Set<string>();
  if (start !== -1) {
    const after = lines.slice(start + 1);
    const end = after.findIndex((line) => /^#{1,2} /.test(line));
    const section = end === -1 ? after : after.slice(0, end);
    section.forEach((line, index) => {
      if (!line.startsWith('### ')) {
        return;
      }
      const next = section.slice(index + 1).findIndex((other) => other.startsWith('### '));
      const body = section.slice(index + 1, next === -1 ? undefined : index + 1 + next);
      if (body.every((text) => text.trim() === '')) {
        return;
      }
      for (const match of line.matchAll(/`(\w+\.\w+)`/g)) {
        reviewed.add(match[1] ?? '');
      }
    });
  }
  return list
    .flatMap((entry) =>
      entry.methods.map((method) => `${entry.file.replace(/\.(cls|trigger)$/, '')}.${method}`)
    )
    .filter((name) => !reviewed.has(name));
}

const TIMED_OUT = /^Path evaluation timed out/;

/** The entry points a run could not finish, from the engine's internal-error results. */
export function unfinishedEntryPoints(
  results: readonly GraphEngineResult[],
  relative: (path: string) => string
): UnfinishedEntryPoint[] {
  return results
    .filter((result) => result.ruleName === INTERNAL_ERROR_RULE)
    .map((result) => ({
      file: relative(result.sourceFileName),
      line: result.sourceLineNumber,
      method: result.sourceVertexName,
      cause: TIMED_OUT.test(result.message) ? 'timed out' : 'engine error',
      message: result.message.replace(/\s+/g, ' ').trim()
    }));
}

export function isAcknowledged(
  list: readonly AcknowledgedEntryPoints[],
  file: string,
  method: string
): AcknowledgedEntryPoints | undefined {
  return list.find(
    (entry) =>
      (file === entry.file || file.endsWith(`/${entry.file}`)) && entry.methods.includes(method)
  );
}

export interface EntryPointVerdict {
  /** Unfinished and on the list: printed, not counted. */
  acknowledged: string[];
  /** Unfinished and not on the list, or on the list and no longer unfinished: each fails. */
  problems: { where: string; text: string }[];
}

/**
 * Holds the engine's unfinished entry points against the reviewed list, both ways: an entry
 * point it could not finish that is not on the list fails the scan, and so does one on the list
 * that it now finished (or that no longer exists), so the list only ever shrinks.
 *
 * @param declares whether a project-relative class file declares a method that the engine
 * analysed as an entry point in this run
 */
export function judgeEntryPoints(
  unfinished: readonly UnfinishedEntryPoint[],
  list: readonly AcknowledgedEntryPoints[],
  declares: (file: string, method: string) => string | undefined
): EntryPointVerdict {
  const acknowledged: string[] = [];
  const problems: { where: string; text: string }[] = [];
  for (const entry of unfinished) {
    const listed = isAcknowledged(list, entry.file, entry.method);
    if (listed) {
      acknowledged.push(
        `${entry.file}:${entry.line} sfge: entry point ${entry.method} not analysed (${entry.cause}); reviewed: ${listed.reason}`
      );
    } else {
      problems.push({
        where: `${entry.file}:${entry.line}`,
        text: `entry point ${entry.method} not analysed (${entry.cause}): ${entry.message}. Make its paths analysable, or review what they reach, write the review in docs/security.md and add it to ACKNOWLEDGED_ENTRY_POINTS in scripts/lib/graphEngine.ts.`
      });
    }
  }
  for (const listed of list) {
    for (const method of listed.methods) {
      if (
        unfinished.some(
          (entry) => isAcknowledged([listed], entry.file, entry.method) && entry.method === method
        )
      ) {
        continue;
      }
      const file = declares(listed.file, method);
      problems.push({
        where: file ?? listed.file,
        text:
          file === undefined
            ? `ACKNOWLEDGED_ENTRY_POINTS names ${listed.file} ${method}, which is no entry point of the project: take it off the list.`
            : `entry point ${method} is on ACKNOWLEDGED_ENTRY_POINTS but Graph Engine now analyses it: take it off the list.`
      });
    }
  }
  return { acknowledged, problems };
}
