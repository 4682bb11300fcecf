/**
 * The checks that hold docs/security.md to the source, so that a new grant or a new access
 * outside the user's sharing is read and argued before it ships:
 *
 * - `grantProblems`: every grant of every packaged permission set is listed with a reason, and
 *   nothing the sets do not grant. A grant is one short line (`class RunLogController`,
 *   `object Sync_Run__c: Read`, `field Sync_Run__c.Status__c: Read`), as `grantsOf` writes it.
 *   The table has a header row `| Grant | <column> | <column> | Why |`, one column per
 *   permission set; a row names a grant in backticks, marks the sets that grant it with ✓ and
 *   says why in its last cell.
 * - `systemAccessProblems`: every Apex class that reads or writes in system mode (`SYSTEM_MODE`)
 *   or is declared `without sharing` or `inherited sharing` is listed with a reason, and no
 *   class that does not. That table has a header row starting `| Class |`; a row names the class
 *   in backticks and says why in its last cell.
 */
import { withoutComments } from './apexSource.ts';
import { childText, parseXml, type XmlElement } from './metadataXml.ts';

/** Elements of a permission set that describe it rather than grant anything. */
const NOT_GRANTS = new Set(['label', 'description', 'hasActivationRequired', 'license']);

/** Grants that name their target in one element and are on when another reads `true`. */
const SIMPLE_GRANTS: Readonly<Record<string, { kind: string; name: string; on: string }>> = {
  applicationVisibilities: { kind: 'app', name: 'application', on: 'visible' },
  classAccesses: { kind: 'class', name: 'apexClass', on: 'enabled' },
  customMetadataTypeAccesses: { kind: 'custom metadata', name: 'name', on: 'enabled' },
  customPermissions: { kind: 'custom permission', name: 'name', on: 'enabled' },
  customSettingAccesses: { kind: 'custom setting', name: 'name', on: 'enabled' },
  externalCredentialPrincipalAccesses: {
    kind: 'principal',
    name: 'externalCredentialPrincipal',
    on: 'enabled'
  },
  externalDataSourceAccesses: {
    kind: 'external data source',
    name: 'externalDataSource',
    on: 'enabled'
  },
  flowAccesses: { kind: 'flow', name: 'flow', on: 'enabled' },
  pageAccesses: { kind: 'page', name: 'apexPage', on: 'enabled' },
  recordTypeVisibilities: { kind: 'record type', name: 'recordType', on: 'visible' },
  userPermissions: { kind: 'user permission', name: 'name', on: 'enabled' }
};

/** Object permission flags in the order a grant line lists them. */
const OBJECT_FLAGS: readonly [string, string][] = [
  ['allowRead', 'Read'],
  ['allowCreate', 'Create'],
  ['allowEdit', 'Edit'],
  ['allowDelete', 'Delete'],
  ['viewAllRecords', 'View All'],
  ['modifyAllRecords', 'Modify All']
];

const on = (element: XmlElement, name: string): boolean => childText(element, name) === 'true';

/** One line a grant of the permission set, sorted; an element it does not know is a grant too. */
export function grantsOf(xml: string): string[] {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    throw new Error(parsed.problem);
  }
  const grants: string[] = [];
  for (const element of parsed.root.children) {
    const grant = grantOf(element);
    if (grant !== undefined) {
      grants.push(grant);
    }
  }
  return [...new Set(grants)].sort();
}

function grantOf(element: XmlElement): string | undefined {
  if (NOT_GRANTS.has(element.name)) {
    return undefined;
  }
  const simple = SIMPLE_GRANTS[element.name];
  if (simple) {
    return on(element, simple.on)
      ? `${simple.kind} ${childText(element, simple.name) ?? '?'}`
      : undefined;
  }
  if (element.name === 'objectPermissions') {
    const levels = OBJECT_FLAGS.filter(([flag]) => on(element, flag)).map(([, label]) => label);
    return levels.length === 0
      ? undefined
      : `object ${childText(element, 'object') ?? '?'}: ${levels.join(', ')}`;
  }
  if (element.name === 'fieldPermissions') {
    const levels = [on(element, 'readable') ? 'Read' : '', on(element, 'editable') ? 'Edit' : '']
      .filter(Boolean)
      .join(', ');
    return levels === '' ? undefined : `field ${childText(element, 'field') ?? '?'}: ${levels}`;
  }
  if (element.name === 'tabSettings') {
    const visibility = childText(element, 'visibility') ?? 'None';
    return visibility === 'None' || visibility === 'Hidden'
      ? undefined
      : `tab ${childText(element, 'tab') ?? '?'}: ${visibility}`;
  }
  // Anything else a permission set may hold is named by its element and first value, so that a
  // kind of grant this file does not know yet still has to be listed.
  const value = element.text || element.children.map((child) => child.text).find(Boolean) || '';
  return `${element.name} ${value}`.trim();
}

/** One row of the grants table. */
export interface DocumentedGrant {
  readonly grant: string;
  /** The columns (permission sets) the row marks. */
  readonly columns: ReadonlySet<string>;
  readonly reason: string;
}

const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());

const MARKED = new Set(['✓', 'yes', 'x']);

/**
 * The rows of the grants table: the first table whose header starts with `Grant`, has the given
 * columns and ends with the reason. Undefined when there is no such table.
 */
export function documentedGrants(
  markdown: string,
  columns: readonly string[]
): DocumentedGrant[] | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => {
    const cells = line.trim().startsWith('|') ? cellsOf(line) : [];
    return cells[0] === 'Grant' && columns.every((column) => cells.includes(column));
  });
  if (start < 0) {
    return undefined;
  }
  const header = cellsOf(lines[start] ?? '');
  const rows: DocumentedGrant[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) {
      break;
    }
    const cells = cellsOf(line);
    const grant = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (grant === undefined) {
      continue;
    }
    rows.push({
      grant,
      columns: new Set(
        columns.filter((column) => MARKED.has((cells[header.indexOf(column)] ?? '').toLowerCase()))
      ),
      reason: cells.length > columns.length + 1 ? (cells[cells.length - 1] ?? '') : ''
    });
  }
  return rows;
}

/** A packaged permission set and the column of the table that stands for it. */
export interface PermissionSetSource {
  readonly name: string;
  readonly column: string;
  readonly xml: string;
}

/**
 * Every disagreement between the permission sets and the table: a grant the table does not list
 * for its set, a row marking a set that does not grant it, a row without a reason, a grant
 * listed twice. Empty when the two agree.
 */
export function grantProblems(
  sets: readonly PermissionSetSource[],
  markdown: string,
  document = 'docs/security.md'
): string[] {
  const rows = documentedGrants(
    markdown,
    sets.map((set) => set.column)
  );
  if (rows === undefined) {
    return [
      `${document} has no grants table (a header row "| Grant | ${sets.map((set) => set.column).join(' | ')} | Why |")`
    ];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.grant)) {
      problems.push(`${document} lists \`${row.grant}\` more than once`);
    }
    seen.add(row.grant);
    if (row.reason === '') {
      problems.push(`${document} gives no reason for \`${row.grant}\``);
    }
  }
  for (const set of sets) {
    const granted = new Set(grantsOf(set.xml));
    const listed = new Set(
      rows.filter((row) => row.columns.has(set.column)).map((row) => row.grant)
    );
    for (const grant of granted) {
      if (!listed.has(grant)) {
        problems.push(
          `${set.name} grants \`${grant}\`, which ${document} does not list for ${set.column} with a reason`
        );
      }
    }
    for (const grant of listed) {
      if (!granted.has(grant)) {
        problems.push(
          `${document} lists \`${grant}\` for ${set.column}, which ${set.name} does not grant`
        );
      }
    }
  }
  return problems;
}

/** An Apex class of the package, outside the tests. */
export interface ApexClassSource {
  readonly name: string;
  readonly source: string;
}

/** Code (comments aside) that reads or writes beyond the running user's sharing or permissions. */
const SYSTEM_ACCESS = /\bSYSTEM_MODE\b|\bwithout\s+sharing\b|\binherited\s+sharing\b/i;

/** Whether the class's code reads or writes in system mode or sets aside the user's sharing. */
export function hasSystemAccess(source: string): boolean {
  return SYSTEM_ACCESS.test(withoutComments(source));
}

/**
 * Every disagreement between the classes and the table of system-mode access: a class with such
 * access the table does not list, a listed class without it (or that no longer exists), a row
 * without a reason. Empty when the two agree.
 */
export function systemAccessProblems(
  classes: readonly ApexClassSource[],
  markdown: string,
  document = 'docs/security.md'
): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex(
    (line) => line.trim().startsWith('|') && cellsOf(line)[0] === 'Class'
  );
  if (start < 0) {
    return [`${document} has no table of system-mode access (a header row "| Class | … | Why |")`];
  }
  const listed = new Map<string, string>();
  const problems: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) {
      break;
    }
    const cells = cellsOf(line);
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (name === undefined) {
      continue;
    }
    const reason = cells.length > 2 ? (cells[cells.length - 1] ?? '') : '';
    if (reason === '') {
      problems.push(`${document} gives no reason for \`${name}\``);
    }
    listed.set(name, reason);
  }
  const withAccess = new Set(
    classes
      .filter((apexClass) => hasSystemAccess(apexClass.source))
      .map((apexClass) => apexClass.name)
  );
  for (const name of [...withAccess].sort()) {
    if (!listed.has(name)) {
      problems.push(
        `${name} reads or writes in system mode or without the user's sharing, and ${document} does not list it with a reason`
      );
    }
  }
  for (const name of listed.keys()) {
    if (!withAccess.has(name)) {
      problems.push(
        `${document} lists \`${name}\`, which has no system-mode access (or no longer exists)`
      );
    }
  }
  return problems;
}
