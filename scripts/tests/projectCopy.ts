/**
 * A throw-away copy of the project for the check scripts' own tests: each test breaks one
 * thing in its copy and asserts that the right check fails and names the problem.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { packageDirectories, repositoryRoot } from '../lib/project.ts';

export interface CheckResult {
  status: number | null;
  output: string;
}

export class ProjectCopy {
  readonly root: string;

  /**
   * @param withToolConfig also copy the TypeScript and Jest configuration and link
   * node_modules, so the tools themselves (tsc, Jest) can run inside the copy.
   * @param sources what to copy of the project's sources (paths relative to its root); when left
   * out, every package directory sfdx-project.json lists, whole, and config/
   */
  constructor(withToolConfig = false, sources?: readonly string[]) {
    this.root = mkdtempSync(join(tmpdir(), 'insights-sync-check-'));
    const entries = [
      ...(sources ?? [
        ...packageDirectories(repositoryRoot).map((folder) => relative(repositoryRoot, folder)),
        'config'
      ]),
      'sfdx-project.json'
    ];
    if (withToolConfig) {
      entries.push('package.json', 'tsconfig.json', 'types', 'jest.config.js');
      symlinkSync(join(repositoryRoot, 'node_modules'), join(this.root, 'node_modules'), 'dir');
    }
    for (const entry of entries.filter((name) => existsSync(join(repositoryRoot, name)))) {
      cpSync(join(repositoryRoot, entry), join(this.root, entry), { recursive: true });
    }
  }

  /** Writes (or overwrites) a file in the copy; `path` is relative to the copy's root. */
  write(path: string, content: string): void {
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  /** Puts a file of the copy back as it is in the project. */
  restore(path: string): void {
    cpSync(join(repositoryRoot, path), join(this.root, path));
  }

  /** The 1-based line of the first occurrence of `text` in a file of the copy. */
  lineOf(path: string, text: string): number {
    const lines = readFileSync(join(this.root, path), 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes(text));
    if (index === -1) {
      throw new Error(`${text} is not in ${path}`);
    }
    return index + 1;
  }

  /** A minimal valid custom object (source format) with one number field, for checks on objects. */
  writeCustomObject(folder: string, fieldName: string): void {
    const objectName = basename(folder);
    this.write(
      join(folder, `${objectName}.object-meta.xml`),
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">',
        '  <deploymentStatus>Deployed</deploymentStatus>',
        '  <description>An object made by a check test.</description>',
        '  <label>Probe</label>',
        '  <pluralLabel>Probes</pluralLabel>',
        '  <nameField>',
        '    <label>Probe Name</label>',
        '    <type>Text</type>',
        '  </nameField>',
        '  <sharingModel>ReadWrite</sharingModel>',
        '</CustomObject>',
        ''
      ].join('\n')
    );
    this.write(
      join(folder, 'fields', `${fieldName}.field-meta.xml`),
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
        `  <fullName>${fieldName}</fullName>`,
        '  <description>A field made by a check test.</description>',
        '  <label>Probe Count</label>',
        '  <precision>18</precision>',
        '  <scale>0</scale>',
        '  <type>Number</type>',
        '</CustomField>',
        ''
      ].join('\n')
    );
  }

  /** Rewrites a file of the copy through `edit`, failing when the edit changed nothing. */
  edit(path: string, edit: (content: string) => string): void {
    const full = join(this.root, path);
    const before = readFileSync(full, 'utf8');
    const after = edit(before);
    if (after === before) {
      throw new Error(
        `the edit of ${path} changed nothing: the test no longer breaks what it means to`
      );
    }
    writeFileSync(full, after);
  }

  /** Runs one of the project's check scripts against this copy. */
  runCheck(script: string, args: readonly string[] = []): CheckResult {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repositoryRoot, 'scripts', 'checks', script),
        '--project',
        this.root,
        ...args
      ],
      { cwd: repositoryRoot, encoding: 'utf8', timeout: 240_000 }
    );
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  /** Runs a tool installed in node_modules (a path under node_modules) inside this copy. */
  runTool(binPath: string, args: readonly string[]): CheckResult {
    const result = spawnSync(
      process.execPath,
      [join(repositoryRoot, 'node_modules', binPath), ...args],
      {
        cwd: this.root,
        encoding: 'utf8',
        timeout: 240_000,
        env: { ...process.env, CI: 'true', FORCE_COLOR: '0' }
      }
    );
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
