/**
 * `npm run lint:metadata` — checks every source-format `*-meta.xml` under force-app offline:
 * well-formed XML, the root element and namespace its suffix calls for, only elements its
 * Metadata API type declares (at every depth, per `@salesforce/types`), text no longer than
 * the org stores, the naming and documentation rules of custom objects and fields, the
 * sharing of custom objects (detail objects controlled by their parent, every other one
 * Private) and no permission set granting View All, Modify All, View All Data or Modify All
 * Data. It also validates `sfdx-project.json` and the scratch org
 * definitions in config/ against the official schemas of `@salesforce/schemas`. A deploy or
 * `org create` would find most of these, but only with an org at hand and one error at a time.
 */
import { lintProject } from '../lib/lintMetadata.ts';
import { loadMetadataSchema, type MetadataSchema } from '../lib/metadataSchema.ts';
import { projectFromArgs } from '../lib/project.ts';
import { loadConfigSchemas, type ConfigSchemas } from '../lib/projectConfig.ts';

const project = projectFromArgs();
const started = Date.now();

let metadata: MetadataSchema;
let configSchemas: ConfigSchemas;
try {
  metadata = loadMetadataSchema();
  configSchemas = loadConfigSchemas();
} catch (error) {
  console.error(
    `lint:metadata: cannot read the schemas of @salesforce/types and @salesforce/schemas (${(error as Error).message}). Run npm ci.`
  );
  process.exit(2);
}

const { problems, files } = lintProject(project, metadata, configSchemas);
for (const problem of problems) {
  console.log(problem);
}
const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `lint:metadata: ${plural(problems.length, 'problem')} in ${plural(files, 'file')}, ${seconds} s`
);
process.exitCode = problems.length > 0 ? 1 : 0;
