/**
 * A Lightning web component bundle as the platform compiles it: every `.js` module of the
 * bundle (the component's own and any helper module beside it), its templates and its styles
 * go through the LWC compiler on deploy, each under the bundle's name. Tests and mocks stay
 * local (.forceignore), so they are not part of it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { transformSync } from '@lwc/compiler';
import { displayPath, listFiles, repositoryRoot } from './project.ts';

const LOCAL_ONLY = /[\\/]__(tests|mocks)__[\\/]/;

/** Every file of `bundle` (a folder) that deploys and that the LWC compiler reads, sorted. */
export function compiledBundleFiles(bundle: string): string[] {
  return listFiles(bundle, (path) => /\.(js|html|css)$/.test(path) && !LOCAL_ONLY.test(path));
}

export interface BundleCompilation {
  /** How many files the compiler accepted. */
  readonly compiled: number;
  /** `path: rejected by the LWC compiler: …`, paths relative to `root`. */
  readonly problems: readonly string[];
}

/** Hands every file of the bundle to the LWC compiler, as a deploy would. */
export function compileBundle(bundle: string, root: string): BundleCompilation {
  const name = basename(bundle);
  const problems: string[] = [];
  let compiled = 0;
  for (const file of compiledBundleFiles(bundle)) {
    try {
      transformSync(readFileSync(file, 'utf8'), file, { name, namespace: 'c' });
      compiled += 1;
    } catch (error) {
      problems.push(
        `${displayPath(root, file)}: rejected by the LWC compiler: ${(error as Error).message}`
      );
    }
  }
  return { compiled, problems };
}

/**
 * The TypeScript modules of the components whose compiled `.js` (build:lwc's output) is missing
 * or older than the source: what a step that reads the compiled components must not trust.
 * @returns paths relative to the repository, sorted
 */
export function staleCompiledModules(root: string = repositoryRoot): string[] {
  return listFiles(
    join(root, 'force-app'),
    (path) => /[\\/]lwc[\\/]/.test(path) && path.endsWith('.ts') && !LOCAL_ONLY.test(path)
  )
    .filter((source) => {
      const compiled = source.replace(/\.ts$/, '.js');
      return !existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs;
    })
    .map((path) => displayPath(root, path));
}
