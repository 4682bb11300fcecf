/**
 * Everything `npm run lint:metadata` checks in one project, as a function: the command prints
 * its result, and the check's own tests call it on broken copies of the project without
 * starting a process per case.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  lintMetadataFile,
  lintObjectFolder,
  objectFolderOf,
  objectSharingProblems,
  type FieldFacts
} from './metadataRules.ts';
import type { MetadataSchema } from './metadataSchema.ts';
import { childText, parseXml, type XmlElement } from './metadataXml.ts';
import { displayPath, listFiles, listSourceFiles } from './project.ts';
import {
  lintProjectDefinition,
  lintScratchDefinition,
  type ConfigSchemas
} from './projectConfig.ts';

export interface LintResult {
  /** `path: problem` lines, paths relative to the project. */
  readonly problems: readonly string[];
  /** How many files were read. */
  readonly files: number;
}

/** What the object-level rules need of one `objects/<Object>` folder. */
interface ObjectFolder {
  objectFile?: string;
  root?: XmlElement;
  fields: FieldFacts[];
}

export function lintProject(
  project: string,
  metadata: MetadataSchema,
  configSchemas: ConfigSchemas
): LintResult {
  const problems: string[] = [];
  const files = listSourceFiles(project, (path) => path.endsWith('-meta.xml'));
  const folders = new Map<string, ObjectFolder>();
  for (const file of files) {
    const path = displayPath(project, file);
    const xml = readFileSync(file, 'utf8');
    for (const problem of lintMetadataFile(path, xml, metadata)) {
      problems.push(`${path}: ${problem}`);
    }
    const folder = objectFolderOf(path);
    if (folder !== undefined) {
      const facts = folders.get(folder) ?? { fields: [] };
      folders.set(folder, facts);
      recordObjectFile(facts, path, xml);
    }
  }
  for (const [folder, facts] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    for (const problem of lintObjectFolder(folder)) {
      problems.push(`${folder}: ${problem}`);
    }
    if (facts.root && facts.objectFile) {
      for (const problem of objectSharingProblems(basename(folder), facts.root, facts.fields)) {
        problems.push(`${facts.objectFile}: ${problem}`);
      }
    }
  }
  const configFiles = configFilesOf(project);
  for (const [path, lint] of configFiles) {
    const text = readFileSync(join(project, path), 'utf8');
    for (const problem of lint(text)) {
      problems.push(`${path}: ${problem}`);
    }
  }
  return { problems, files: files.length + configFiles.size };

  /** The project file, every `config/*.json` and any other definition file it names. */
  function configFilesOf(root: string): Map<string, (text: string) => string[]> {
    const scratch = (text: string): string[] =>
      lintScratchDefinition(text, configSchemas, metadata);
    const lints = new Map<string, (text: string) => string[]>();
    for (const file of listFiles(join(root, 'config'), (path) => path.endsWith('.json'))) {
      lints.set(displayPath(root, file), scratch);
    }
    const projectFile = join(root, 'sfdx-project.json');
    if (existsSync(projectFile)) {
      lints.set('sfdx-project.json', (text) => lintProjectDefinition(text, configSchemas));
      for (const named of definitionFilesNamedIn(projectFile)) {
        if (existsSync(join(root, named)) && !lints.has(named)) {
          lints.set(named, scratch);
        }
      }
    }
    return lints;
  }
}

/** Keeps what the object rules need from an object's own file or one of its fields. */
function recordObjectFile(facts: ObjectFolder, path: string, xml: string): void {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    return;
  }
  if (parsed.root.name === 'CustomObject' && path.endsWith('.object-meta.xml')) {
    facts.objectFile = path;
    facts.root = parsed.root;
  } else if (parsed.root.name === 'CustomField') {
    facts.fields.push({
      name: basename(path, '.field-meta.xml'),
      type: childText(parsed.root, 'type')
    });
  }
}

function definitionFilesNamedIn(projectFile: string): string[] {
  try {
    const project = JSON.parse(readFileSync(projectFile, 'utf8')) as {
      packageDirectories?: { definitionFile?: unknown }[];
    };
    return (project.packageDirectories ?? [])
      .map((directory) => directory.definitionFile)
      .filter((file): file is string => typeof file === 'string')
      .map((file) => file.split('\\').join('/').replace(/^\.\//, ''));
  } catch {
    // A project file that is not JSON is reported by its own check.
    return [];
  }
}
