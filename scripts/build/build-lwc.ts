/**
 * `npm run build:lwc` — compiles the TypeScript of every Lightning web component to the `.js`
 * beside it (what the Salesforce CLI deploys and packages), then hands every `.js` module of
 * each bundle (helper modules too), its templates and styles to the LWC compiler so that
 * anything the platform would reject (decorator helpers, bad templates) fails here instead of
 * in the first deploy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { compileBundle } from '../lib/lwcBundles.ts';
import { displayPath, listFiles, repositoryRoot } from '../lib/project.ts';

const require = createRequire(import.meta.url);
const started = Date.now();
const problems: string[] = [];

const bundles = listFiles(join(repositoryRoot, 'force-app'), (path) =>
  path.endsWith('.js-meta.xml')
).map((metaFile) => dirname(metaFile));

// tsconfig `paths` allows one `*` per pattern and components live in feature folders, so each
// component needs its own `c/<name>` entry; a missing one would type-check imports as `any`-less
// errors only later, far from the cause.
const tsconfig = JSON.parse(readFileSync(join(repositoryRoot, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { paths?: Record<string, string[]> };
};
const paths = tsconfig.compilerOptions.paths ?? {};
for (const bundle of bundles) {
  const name = basename(bundle);
  const source = join(bundle, `${name}.ts`);
  if (!existsSync(source)) {
    problems.push(
      `${displayPath(repositoryRoot, bundle)}: no ${name}.ts (components are written in TypeScript)`
    );
    continue;
  }
  const expected = displayPath(repositoryRoot, source);
  if (paths[`c/${name}`]?.[0] !== expected) {
    problems.push(`tsconfig.json: compilerOptions.paths needs "c/${name}": ["${expected}"]`);
  }
}

const tsc = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: repositoryRoot,
    encoding: 'utf8'
  }
);
if (tsc.status !== 0) {
  problems.push(`tsc -p tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`);
}

let compiled = 0;
if (tsc.status === 0) {
  for (const bundle of bundles) {
    const result = compileBundle(bundle, repositoryRoot);
    compiled += result.compiled;
    problems.push(...result.problems);
  }
}

for (const problem of problems) {
  console.error(problem);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `build:lwc: ${bundles.length} components, ${compiled} files accepted by the LWC compiler, ${problems.length} problems, ${seconds} s`
);
process.exitCode = problems.length === 0 ? 0 : 1;
