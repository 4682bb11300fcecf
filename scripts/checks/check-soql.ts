/**
 * `npm run check:soql` — every SOQL in the project's Apex, parsed and checked offline.
 *
 * apex-ls compiles Apex but does not look inside queries. This check finds each query
 * (`apexQueries.ts`: inline `[SELECT …]`, text passed to `Database.query*` and the like, and
 * `'SELECT …'` text built for later), parses it with `@jetstreamapp/soql-parser-js`, and checks
 * every object, field and relationship it names against the project's objects and the standard
 * objects of API 65.0 that apex-ls ships (`standardObjects.ts`), and the locking rules that a
 * query's text shows (`soqlRules.ts`). Text built at run time is checked in its constant parts
 * and listed as skipped where nothing of it is known.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { findQueries, withPlainBinds, type FoundQuery, type SoqlText } from '../lib/apexQueries.ts';
import { displayPath, listSourceFiles, projectFromArgs } from '../lib/project.ts';
import { queryProblems } from '../lib/soqlRules.ts';
import { SchemaCatalog } from '../lib/soqlSchema.ts';
import { StandardObjects } from '../lib/standardObjects.ts';

const project = projectFromArgs();
const started = Date.now();
const apexFiles = listSourceFiles(project, (path) => /\.(cls|trigger)$/.test(path));

let standard: StandardObjects;
try {
  standard = new StandardObjects();
} catch (error) {
  console.error(
    `check:soql: cannot read the standard objects apex-ls ships (${(error as Error).message}). Run npm ci.`
  );
  process.exit(2);
}
const catalog = new SchemaCatalog(project, standard);

const problems: string[] = [];
const notes: string[] = [];
let queryCount = 0;
let skippedCount = 0;

for (const file of apexFiles) {
  const path = displayPath(project, file);
  const found = findQueries(readFileSync(file, 'utf8'));
  queryCount += found.queries.length + found.skipped.length;
  for (const skipped of found.skipped) {
    skippedCount += 1;
    notes.push(`${path}:${skipped.line} skipped as dynamic: ${skipped.reason}`);
  }
  for (const query of found.queries) {
    const soql = withPlainBinds(query.soql);
    let parsed: Query;
    try {
      // ignoreParseErrors spelled out: when it is left undefined the parser builds itself anew
      // (a grammar analysis of about 0.1 s) for every query.
      parsed = parseQuery(soql.text, { allowApexBindVariables: true, ignoreParseErrors: false });
    } catch (error) {
      const reason = parseFailure((error as Error).message);
      if (mustParse(query)) {
        problems.push(`${path}:${query.line} SOQL does not parse: ${reason}`);
      } else {
        // Text that is not a whole query yet (a variable completed elsewhere): nothing to check.
        skippedCount += 1;
        notes.push(
          `${path}:${query.line} skipped as dynamic: 'SELECT …' text completed at run time (${reason})`
        );
      }
      continue;
    }
    if (query.kind === 'skeleton') {
      notes.push(
        `${path}:${query.line} checked in its constant parts only: parts of its text are built at run time`
      );
    }
    for (const problem of queryProblems(parsed, catalog)) {
      problems.push(`${path}:${lineOf(soql, problem.near, query.line)} ${problem.message}`);
    }
  }
}

for (const problem of problems) {
  console.log(problem);
}
for (const note of notes) {
  console.log(note);
}
const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `check:soql: ${plural(problems.length, 'problem')} in ${plural(queryCount, 'query', 'queries')} (${skippedCount} skipped as dynamic) in ${plural(apexFiles.length, 'Apex file')}, standard objects from ${basename(catalog.standardSource)}, ${seconds} s`
);
process.exitCode = problems.length > 0 ? 1 : 0;

/** Inline queries and text handed straight to Database must parse; other text may be a fragment. */
function mustParse(query: FoundQuery): boolean {
  return query.kind === 'inline' || (query.kind === 'string' && query.passedTo !== undefined);
}

/** The line of the first match of `near` in the query, or the query's own line. */
function lineOf(soql: SoqlText, near: RegExp, fallback: number): number {
  const match = near.exec(soql.text);
  return match ? (soql.lines[match.index] ?? fallback) : fallback;
}

/** The parser's message, shortened to what was found where (its token lists run to 30 lines). */
function parseFailure(message: string): string {
  const found = /but found:?\s*(?:-->\s*)?'([^']*)'/.exec(message);
  if (found) {
    return found[1] === '' ? 'the query ends too early' : `unexpected '${found[1]}'`;
  }
  return message.split('\n')[0]!;
}
