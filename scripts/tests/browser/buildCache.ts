/**
 * Whether the compiled components and the preview bundle on disk are those of the sources as
 * they are: a hash of every input of `npm run build:lwc` and of the preview build (component and
 * preview sources, declarations, TypeScript configuration, the locked dependency versions, the
 * build scripts), and a hash of their outputs, kept beside the bundle in `.tmp/preview/`. When
 * both still match, the browser tests reuse the build instead of repeating it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath, listFiles, repositoryRoot } from '../../lib/project.ts';
import { previewOutputDir } from '../../preview/build-preview.ts';

const STAMP = join(previewOutputDir, 'build-inputs.json');

const CONFIGURATION = [
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build/build-lwc.ts',
  'scripts/preview/build-preview.ts',
  'scripts/lib/project.ts'
];

/** A `.js` compiled from the `.ts` beside it. */
function isCompiled(path: string): boolean {
  return path.endsWith('.js') && existsSync(`${path.slice(0, -3)}.ts`);
}

/** The component and preview sources tsc compiles, and everything else the builds read. */
function inputs(): { sources: string[]; all: string[] } {
  const sources = [
    ...listFiles(join(repositoryRoot, 'force-app'), (path) => path.includes('/lwc/')),
    ...listFiles(join(repositoryRoot, 'preview'), () => true)
  ].filter((path) => !isCompiled(path));
  return {
    sources,
    all: [
      ...sources,
      ...listFiles(join(repositoryRoot, 'types'), () => true),
      ...CONFIGURATION.map((file) => join(repositoryRoot, file))
    ]
  };
}

/** The `.js` tsc writes beside each source (tsconfig.build.json), and the preview bundle. */
function outputs(sources: readonly string[]): string[] {
  const compiled = sources
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
    .filter((path) => !/\/__(tests|mocks)__\//.test(path))
    .map((path) => `${path.slice(0, -3)}.js`);
  return [...compiled, join(previewOutputDir, 'preview.js'), join(previewOutputDir, 'index.html')];
}

function hash(files: readonly string[]): string | undefined {
  const digest = createHash('sha256');
  for (const file of [...files].sort()) {
    if (!existsSync(file)) {
      return undefined;
    }
    digest.update(`\0${displayPath(repositoryRoot, file)}\0`);
    digest.update(readFileSync(file));
  }
  return digest.digest('hex');
}

interface Stamp {
  inputs: string;
  outputs: string;
}

/** Whether the build on disk was made from the sources as they are and is still whole. */
export function buildIsCurrent(): boolean {
  if (!existsSync(STAMP)) {
    return false;
  }
  const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as Stamp;
  const { sources, all } = inputs();
  return stamp.inputs === hash(all) && stamp.outputs === hash(outputs(sources));
}

/** Records the build just made as that of the sources as they are. */
export function recordBuild(): void {
  const { sources, all } = inputs();
  const stamp = { inputs: hash(all), outputs: hash(outputs(sources)) };
  if (stamp.inputs && stamp.outputs) {
    writeFileSync(STAMP, JSON.stringify(stamp));
  }
}
