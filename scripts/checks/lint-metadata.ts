/**
 * `npm run lint:metadata` — checks every source-format `*-meta.xml` under force-app offline:
 * well-formed XML, the root element and namespace its suffix calls for, only elements its
 * Metadata API type declares (at every depth, per `@salesforce/types`), and the naming and
 * documentation rules of custom objects and fields. A deploy would find most of these, but
 * only with an org at hand and one error at a time.
 */
import { readFileSync } from 'node:fs';
import { lintMetadataFile, lintObjectFolder, objectFolderOf } from '../lib/metadataRules.ts';
import { loadMetadataSchema, type MetadataSchema } from '../lib/metadataSchema.ts';
import { displayPath, listSourceFiles, projectFromArgs } from '../lib/project.ts';

const project = projectFromArgs();
const started = Date.now();
const files = listSourceFiles(project, (path) => path.endsWith('-meta.xml'));

let schema: MetadataSchema;
try {
  schema = loadMetadataSchema();
} catch (error) {
  console.error(
    `lint:metadata: cannot read the Metadata API types of @salesforce/types (${(error as Error).message}). Run npm ci.`
  );
  process.exit(2);
}

const problems: string[] = [];
const objectFolders = new Set<string>();
for (const file of files) {
  const path = displayPath(project, file);
  for (const problem of lintMetadataFile(path, readFileSync(file, 'utf8'), schema)) {
    problems.push(`${path}: ${problem}`);
  }
  const folder = objectFolderOf(path);
  if (folder !== undefined) {
    objectFolders.add(folder);
  }
}
for (const folder of [...objectFolders].sort()) {
  for (const problem of lintObjectFolder(folder)) {
    problems.push(`${folder}: ${problem}`);
  }
}

for (const problem of problems) {
  console.log(problem);
}
const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `lint:metadata: ${plural(problems.length, 'problem')} in ${plural(files.length, 'file')}, ${seconds} s`
);
process.exitCode = problems.length > 0 ? 1 : 0;
