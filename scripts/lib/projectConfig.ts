/**
 * The project's own configuration against what the Salesforce CLI accepts: `sfdx-project.json`
 * and every scratch org definition (`config/*.json`, and the `definitionFile` each package
 * directory names) validated with a JSON Schema validator against the official schemas that
 * Salesforce publishes in `@salesforce/schemas`. A feature, setting or property the CLI does
 * not know otherwise surfaces only when `org create` or `package version create` runs.
 *
 * On top of the schemas, which leave some things open: every setting of a scratch definition
 * must be a settings type of the Metadata API and hold only its elements (per
 * `@salesforce/types`), and version numbers must have the form the packaging library parses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import type { MetadataSchema } from './metadataSchema.ts';
import { closestName } from './metadataRules.ts';

const require = createRequire(import.meta.url);

interface JsonSchema {
  $id?: string;
  definitions?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  pattern?: string;
  title?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `packageDirectories[0].versionNumber` for `/packageDirectories/0/versionNumber`. */
export function jsonPathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (path, step) => (/^\d+$/.test(step) ? `${path}[${step}]` : path ? `${path}.${step}` : step),
      ''
    );
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const step of pointer.split('/').slice(1)) {
    const key = step.replaceAll('~1', '/').replaceAll('~0', '~');
    current =
      current !== null && typeof current === 'object'
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return 'an array';
  }
  return value === null ? 'null' : `${typeof value} ${JSON.stringify(value)}`;
}

function quoteList(values: readonly unknown[], most = 8): string {
  const shown = values.slice(0, most).map((value) => JSON.stringify(value));
  return values.length > most
    ? `${shown.join(', ')}, … (${values.length} in all)`
    : shown.join(', ');
}

/** One of the official schemas, compiled, with a reader of its errors. */
class OfficialSchema {
  private readonly validate: ValidateFunction;
  private readonly branches = new Map<string, ValidateFunction>();

  constructor(
    private readonly ajv: Ajv,
    readonly schema: JsonSchema,
    readonly file: string
  ) {
    this.validate = ajv.compile(schema as AnySchema);
  }

  /** Every way `value` breaks the schema, one readable sentence each. */
  problems(value: unknown, special?: (error: ErrorObject) => string | undefined): string[] {
    return this.validate(value) ? [] : this.explain(this.validate.errors ?? [], value, '', special);
  }

  /**
   * Ajv reports every failed branch of an `anyOf`, which for a package directory means seven
   * complaints about properties the other branch allows. Instead, each `anyOf` is validated
   * branch by branch and only the closest branch's problems are told.
   */
  private explain(
    errors: readonly ErrorObject[],
    root: unknown,
    prefix: string,
    special?: (error: ErrorObject) => string | undefined
  ): string[] {
    const messages: string[] = [];
    const consumed = new Set<ErrorObject>();
    const combinators = errors
      .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
      .sort((a, b) => a.instancePath.length - b.instancePath.length);
    for (const combinator of combinators) {
      if (consumed.has(combinator)) {
        continue;
      }
      const path = combinator.instancePath;
      for (const error of errors) {
        if (error.instancePath === path || error.instancePath.startsWith(`${path}/`)) {
          consumed.add(error);
        }
      }
      const told = special?.({ ...combinator, instancePath: prefix + path });
      if (told !== undefined) {
        messages.push(told);
        continue;
      }
      const value = valueAt(root, path);
      const candidates = (combinator.schema as JsonSchema[]).map((branch) => {
        const check = this.branch(branch);
        return check(value) ? [] : this.explain(check.errors ?? [], value, prefix + path, special);
      });
      const closest = candidates.reduce((best, next) => (next.length < best.length ? next : best));
      messages.push(
        ...(closest.length > 0
          ? closest
          : [`${jsonPathOf(prefix + path) || 'the file'} ${combinator.message ?? 'is not valid'}`])
      );
    }
    for (const error of errors.filter((candidate) => !consumed.has(candidate))) {
      const located = { ...error, instancePath: prefix + error.instancePath };
      messages.push(special?.(located) ?? sentence(located));
    }
    return [...new Set(messages)];
  }

  /** A branch of an `anyOf`, compiled on its own; its `#/…` references point into the file. */
  private branch(branch: JsonSchema): ValidateFunction {
    const text = JSON.stringify(branch);
    let check = this.branches.get(text);
    if (!check) {
      const id = this.schema.$id ?? '';
      const resolved = JSON.parse(text, (key, value: unknown) =>
        key === '$ref' && typeof value === 'string' && value.startsWith('#') ? id + value : value
      ) as AnySchema;
      check = this.ajv.compile(resolved);
      this.branches.set(text, check);
    }
    return check;
  }
}

/** One schema error as a sentence that names the property the way the file spells it. */
function sentence(error: ErrorObject): string {
  const where = jsonPathOf(error.instancePath);
  const at = where || 'the top level';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(params['additionalProperty']);
      const known = Object.keys((error.parentSchema as JsonSchema | undefined)?.properties ?? {});
      const near = closestName(property, known);
      const place = where ? `in ${where}` : 'at the top level';
      return `unknown property "${property}" ${place}${near ? ` (did you mean "${near}"?)` : ''}`;
    }
    case 'required':
      return `${at} lacks the required property "${String(params['missingProperty'])}"`;
    case 'type':
      return `${at} must be ${String(params['type'])}, not ${describe(error.data)}`;
    case 'enum':
      return `${at}: ${JSON.stringify(error.data)} is not one of ${quoteList(params['allowedValues'] as unknown[])}`;
    case 'pattern':
      return `${at}: ${JSON.stringify(error.data)} does not match ${String(params['pattern'])}`;
    default:
      return `${at} ${error.message ?? `breaks the schema's ${error.keyword} rule`}`;
  }
}

/** Where a schema file of `@salesforce/schemas` is, and which version of the package it is. */
function schemaFile(name: string): { schema: JsonSchema; source: string } {
  const manifest = JSON.parse(
    readFileSync(require.resolve('@salesforce/schemas/package.json'), 'utf8')
  ) as { version?: string };
  const schema = JSON.parse(
    readFileSync(require.resolve(`@salesforce/schemas/${name}`), 'utf8')
  ) as JsonSchema;
  return { schema, source: `@salesforce/schemas ${manifest.version ?? ''} ${name}` };
}

export interface ConfigSchemas {
  readonly scratchDefinition: OfficialSchema;
  readonly project: OfficialSchema;
  /** e.g. `@salesforce/schemas 1.10.3 project-scratch-def.schema.json`. */
  readonly scratchSource: string;
  readonly projectSource: string;
}

let loaded: ConfigSchemas | undefined;

/** Both official schemas, compiled once per run. */
export function loadConfigSchemas(): ConfigSchemas {
  if (!loaded) {
    // The schemas carry annotations of VS Code (markdownDescription…) that strict mode refuses.
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    const scratch = schemaFile('project-scratch-def.schema.json');
    const project = schemaFile('sfdx-project.schema.json');
    loaded = {
      scratchDefinition: new OfficialSchema(ajv, scratch.schema, scratch.source),
      project: new OfficialSchema(ajv, project.schema, project.source),
      scratchSource: scratch.source,
      projectSource: project.source
    };
  }
  return loaded;
}

function parseJson(text: string): { ok: true; value: Json } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return { ok: false, problem: `not valid JSON: ${(error as Error).message}` };
  }
}

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every problem of a scratch org definition (`config/project-scratch-def.json` and kin). */
export function lintScratchDefinition(
  text: string,
  schemas: ConfigSchemas,
  metadata: MetadataSchema
): string[] {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return [parsed.problem];
  }
  const official = schemas.scratchDefinition;
  const features = official.schema.definitions?.['features']?.items?.anyOf ?? [];
  const featureNames = features.flatMap((branch) => (branch.enum ?? []).map(String));
  const unknownFeature = (error: ErrorObject): string | undefined => {
    const match = /^\/features\/\d+$/.exec(error.instancePath);
    const name = valueAt(parsed.value, error.instancePath);
    if (!match || typeof name !== 'string') {
      return undefined;
    }
    const near = closestName(name, featureNames);
    return `scratch org feature "${name}" is not in ${official.file}: org create and package version create reject it${near ? ` (did you mean "${near}"?)` : ''}`;
  };
  return [
    ...official.problems(parsed.value, unknownFeature),
    ...settingsProblems(parsed.value, official.schema, metadata)
  ];
}

/**
 * The schema lists setting names but lets any through, and says nothing of their content; the
 * CLI turns each into a `<Name>Settings` metadata deploy. So each must be a settings type the
 * Metadata API declares, holding only its elements.
 */
function settingsProblems(value: Json, schema: JsonSchema, metadata: MetadataSchema): string[] {
  const settings = isObject(value) ? value['settings'] : undefined;
  if (!isObject(settings)) {
    return [];
  }
  const listed = schema.definitions?.['settings']?.properties ?? {};
  const problems: string[] = [];
  for (const [name, content] of Object.entries(settings)) {
    const type = listed[name]?.title ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    if (!(name in listed) && !metadata.declares(type)) {
      const near = closestName(name, Object.keys(listed));
      problems.push(
        `settings.${name} is neither a setting of the scratch org definition schema nor a settings type of the Metadata API (${metadata.source})${near ? ` (did you mean "${near}"?)` : ''}`
      );
      continue;
    }
    problems.push(...elementProblems(content, type, `settings.${name}`, metadata));
  }
  return problems;
}

function elementProblems(
  content: Json,
  type: string,
  where: string,
  metadata: MetadataSchema
): string[] {
  if (Array.isArray(content)) {
    return content.flatMap((item, index) =>
      elementProblems(item, type, `${where}[${index}]`, metadata)
    );
  }
  const shape = metadata.shapeOf(type);
  if (shape.kind === 'free' || shape.kind === 'missing') {
    return [];
  }
  if (shape.kind === 'value') {
    return isObject(content) ? [`${where} holds an object, but ${type} is a plain value`] : [];
  }
  if (!isObject(content)) {
    return [`${where} must be an object (${type}), not ${describe(content)}`];
  }
  return Object.entries(content).flatMap(([name, inner]) => {
    const spec = shape.elements.get(name);
    if (!spec) {
      const near = closestName(name, shape.elements.keys());
      return [
        `unknown property "${name}" in ${where}: ${type} in ${metadata.source} has no such element${near ? ` (did you mean "${near}"?)` : ''}`
      ];
    }
    return elementProblems(inner, spec.typeName, `${where}.${name}`, metadata);
  });
}

/*
 * Version numbers as `package version create` parses them (Second-Generation Managed Packaging
 * Developer Guide, "Guidance for Package Version Numbering": MAJOR.MINOR.PATCH.BUILD; "Packaging
 * Keywords": NEXT for a package's own build, LATEST or RELEASED for a dependency's, HIGHEST or
 * NONE for an ancestor; an ancestor names MAJOR.MINOR.PATCH with an optional build).
 */
const VERSION_NUMBER = /^\d+\.\d+\.\d+\.(\d+|NEXT)$/;
const DEPENDENCY_VERSION_NUMBER = /^\d+\.\d+\.\d+\.(\d+|LATEST|RELEASED)$/;
const ANCESTOR_VERSION = /^(HIGHEST|NONE|\d+\.\d+\.\d+(\.\d+)?)$/;

/** Every problem of `sfdx-project.json`. */
export function lintProjectDefinition(text: string, schemas: ConfigSchemas): string[] {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return [parsed.problem];
  }
  const problems = schemas.project.problems(parsed.value);
  const directories = isObject(parsed.value) ? parsed.value['packageDirectories'] : undefined;
  for (const [index, directory] of (Array.isArray(directories) ? directories : []).entries()) {
    if (!isObject(directory)) {
      continue;
    }
    const where = `packageDirectories[${index}]`;
    const check = (value: Json | undefined, form: RegExp, what: string, name: string): void => {
      if (typeof value === 'string' && !form.test(value)) {
        problems.push(`${name}: ${JSON.stringify(value)} is not ${what}`);
      }
    };
    check(
      directory['versionNumber'],
      VERSION_NUMBER,
      'MAJOR.MINOR.PATCH.BUILD with a number or NEXT as BUILD (e.g. 1.2.0.NEXT)',
      `${where}.versionNumber`
    );
    check(
      directory['ancestorVersion'],
      ANCESTOR_VERSION,
      'MAJOR.MINOR.PATCH[.BUILD], HIGHEST or NONE',
      `${where}.ancestorVersion`
    );
    const dependencies = directory['dependencies'];
    for (const [position, dependency] of (Array.isArray(dependencies)
      ? dependencies
      : []
    ).entries()) {
      if (isObject(dependency)) {
        check(
          dependency['versionNumber'],
          DEPENDENCY_VERSION_NUMBER,
          'MAJOR.MINOR.PATCH.BUILD with a number, LATEST or RELEASED as BUILD',
          `${where}.dependencies[${position}].versionNumber`
        );
      }
    }
  }
  return problems;
}
