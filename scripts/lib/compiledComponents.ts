/**
 * The JavaScript the package ships for its Lightning web components, compiled by the scan itself
 * from their TypeScript sources: the same compiler options as `npm run build:lwc`
 * (tsconfig.build.json), written under the scan's own folder rather than beside the sources.
 *
 * What an engine reads of the components then depends on the sources only: not on whether
 * build:lwc ran before the scan (a clean clone has no `.js` at all), nor on a stale `.js` an
 * earlier build left, nor on a build running beside the scan (`npm test` runs both at once).
 *
 * Each module is compiled alone (`transpileModule`): the project compiles with
 * `isolatedModules`, which guarantees that this gives what the full build emits.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decode } from '@jridgewell/sourcemap-codec';
import { displayPath, repositoryRoot } from './project.ts';

/** A component module that build:lwc compiles: TypeScript in an `lwc` folder, not a test. */
export function isComponentSource(path: string): boolean {
  const normalized = path.split('\\').join('/');
  return (
    /\/lwc\/.+\.ts$/.test(normalized) &&
    !normalized.endsWith('.d.ts') &&
    !/\/__(tests|mocks)__\//.test(normalized)
  );
}

/** build:lwc's output: the `.js` beside a component's TypeScript (tests' own `.js` excepted). */
export function isBuildOutput(path: string): boolean {
  const normalized = path.split('\\').join('/');
  return /\/lwc\/.+\.js$/.test(normalized) && !/\/__(tests|mocks)__\//.test(normalized);
}

/** The build's configuration: the project's own, or the repository's for a copy without one. */
export function buildConfigFile(project: string): string {
  const own = join(project, 'tsconfig.build.json');
  return existsSync(own) ? own : join(repositoryRoot, 'tsconfig.build.json');
}

/** The files the compiled output depends on besides the sources: the build configuration. */
export function buildConfigFiles(project: string): string[] {
  const file = buildConfigFile(project);
  return [file, join(dirname(file), 'tsconfig.json')].filter((path) => existsSync(path));
}

export interface CompiledModule {
  /** The TypeScript source, relative to the project. */
  source: string;
  /** The compiled file (absolute), under the output folder. */
  compiled: string;
  /** The compiled file relative to the project, as the engines name it. */
  compiledPath: string;
  /** The source map's `mappings`, to find a compiled line's source line. */
  mappings: string;
}

export interface Compilation {
  modules: CompiledModule[];
  /** Sources the compiler could not read, each with its message. */
  problems: { source: string; text: string }[];
  seconds: number;
}

/**
 * Compiles each source (absolute paths under `project`) to `outFolder`, keeping the source's
 * path below it: `force-app/x/lwc/c/c.ts` becomes `<outFolder>/force-app/x/lwc/c/c.js`.
 */
export async function compileComponents(
  project: string,
  sources: readonly string[],
  outFolder: string
): Promise<Compilation> {
  const started = Date.now();
  const { default: ts } = await import('typescript');
  const configFile = buildConfigFile(project);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      }
    }
  );
  if (parsed === undefined) {
    throw new Error(`${configFile} could not be read`);
  }
  const compilerOptions = { ...parsed.options, sourceMap: true, inlineSourceMap: false };
  const modules: CompiledModule[] = [];
  const problems: { source: string; text: string }[] = [];
  for (const file of sources) {
    const source = displayPath(project, file);
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions,
      fileName: file,
      reportDiagnostics: true
    });
    const errors = (output.diagnostics ?? []).filter(
      (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error
    );
    if (errors.length > 0) {
      problems.push({
        source,
        text: errors
          .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '))
          .join('; ')
      });
      continue;
    }
    const compiled = join(outFolder, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(compiled), { recursive: true });
    // Without the `//# sourceMappingURL` line the build does not write either.
    writeFileSync(compiled, output.outputText.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
    const map = JSON.parse(output.sourceMapText ?? '{"mappings":""}') as { mappings: string };
    modules.push({
      source,
      compiled,
      compiledPath: displayPath(project, compiled),
      mappings: map.mappings
    });
  }
  return { modules, problems, seconds: (Date.now() - started) / 1000 };
}

/**
 * The 1-based source line of a 1-based line (and column) of a compiled module: the mapping at
 * or before the column, else the line's first mapping, else the nearest mapped line above it.
 */
export function sourceLine(mappings: string, line: number, column = 1): number {
  const lines = decode(mappings);
  for (let index = Math.min(line, lines.length) - 1; index >= 0; index -= 1) {
    const segments = (lines[index] ?? []).filter((segment) => segment.length >= 4);
    if (segments.length === 0) {
      continue;
    }
    const atOrBefore =
      index === line - 1
        ? segments.filter((segment) => segment[0] <= column - 1).at(-1)
        : segments.at(-1);
    const segment = atOrBefore ?? segments[0];
    return (segment?.[2] ?? 0) + 1;
  }
  return 1;
}
