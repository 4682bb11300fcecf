/**
 * A cache of the scan's engine results, keyed by a hash of everything the engine reads and
 * everything that decides how it runs: the files (their paths in the project and their
 * contents), the engine and tool versions, the rule selection and settings, and the scan's own
 * code. Any change to one of them is a new key, so a cached result is only ever reused for the
 * very input it was computed from. Results of a run that errored are not kept.
 *
 * The cache lives in `.tmp/scan/cache/` (git-ignored): a clean clone, as CI checks out, starts
 * without it and runs the full analysis.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { displayPath } from './project.ts';

/** Results kept per engine: enough to switch between a few branches without a cold scan. */
const KEPT_PER_ENGINE = 8;

/** A hash of files (by project-relative path and content) and of the settings they are read with. */
export function inputHash(project: string, files: readonly string[], settings: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(settings));
  for (const file of [...files].sort()) {
    hash.update(`\0${displayPath(project, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function entryPath(folder: string, engine: string, key: string): string {
  const name = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return join(folder, `${engine}.${name}.json`);
}

export function readCached<T>(folder: string, engine: string, key: string): T | undefined {
  try {
    const stored = JSON.parse(readFileSync(entryPath(folder, engine, key), 'utf8')) as {
      key: string;
      value: T;
    };
    return stored.key === key ? stored.value : undefined;
  } catch {
    return undefined;
  }
}

export function writeCached(folder: string, engine: string, key: string, value: unknown): void {
  mkdirSync(folder, { recursive: true });
  // Written aside and renamed into place: a scan running at the same time reads all or nothing.
  const path = entryPath(folder, engine, key);
  writeFileSync(`${path}.${process.pid}`, JSON.stringify({ key, value }));
  renameSync(`${path}.${process.pid}`, path);
  const entries = readdirSync(folder)
    .filter((name) => name.startsWith(`${engine}.`) && name.endsWith('.json'))
    .map((name) => ({ name, modified: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.modified - a.modified);
  for (const stale of entries.slice(KEPT_PER_ENGINE)) {
    rmSync(join(folder, stale.name), { force: true });
  }
}
