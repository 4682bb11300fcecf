/**
 * The rules of the field mapping (DESIGN.md 1.4.3), apart from any UI so that the mapping editor,
 * the wizard and the tests apply the same ones: which fields a row may offer, when a row is
 * complete, what is wrong with a row, and what Auto-map proposes.
 *
 * Every function is pure. The catalog of an object can hold 800 fields and a report 200 columns,
 * so what depends only on the field list (sorting, lower-cased names, lookups by name) is worked
 * out once per list and remembered by the list's identity: treat `fields` and `compatibility` as
 * read-only (an `@api` value in LWC is).
 */

type CatalogField = InsightsSync.CatalogField;
type ReportColumn = InsightsSync.ReportColumn;
type FieldMapping = InsightsSync.FieldMapping;

/** One row of the mapping editor: a report column and the field it fills. */
export interface MappingRow {
  /** Stable per row while the editor lives, for rendering and for events about the row. */
  key: string;
  column?: string;
  /** The column's type as the report defines it (`string`, `integer`, `datetime`…). */
  columnType?: string;
  /** The field's API name. */
  field?: string;
  /** True: the run fills the field only on records where it is empty (never on a checkbox). */
  onlyWhenEmpty?: boolean;
}

/**
 * A column → field pair a ready-made report template suggests (ReportTemplate.suggestedFields):
 * Auto-map tries it before any name or label.
 */
export interface TemplatePair {
  column: string;
  /** The field's API name. */
  field: string;
}

/** Which fields are taken: a `Set` of lower-cased API names, or anything that answers `has`. */
export type UsedFields = Pick<ReadonlySet<string>, 'has'>;

/** The arguments of {@link fieldChoices}. */
export interface FieldChoiceArgs {
  /** The object's fields the admin can update (ObjectDescription.fields). */
  fields: readonly CatalogField[];
  /** Lower-case column type → `Schema.DisplayType` names (IntegrationController.getCompatibility). */
  compatibility: Readonly<Record<string, readonly string[]>>;
  /** The type of the row's column; without one no field can be chosen yet. */
  columnType?: string;
  /** The object's key field: it identifies records, so no row may write it. */
  keyField?: string;
  /** Lower-cased API names of the fields that OTHER rows map. */
  usedFields: UsedFields;
  /** Text the label or the API name must contain (any case); blank for every field. */
  search?: string;
  /** The row's own field: kept even when the search does not match it, so the box still shows it. */
  currentField?: string;
}

/** The arguments of {@link mappingProblem}: the same catalog and rules as {@link fieldChoices}. */
export interface MappingProblemArgs {
  fields: readonly CatalogField[];
  compatibility: Readonly<Record<string, readonly string[]>>;
  keyField?: string;
  /** Lower-cased API names of the fields that OTHER rows map. */
  usedFields: UsedFields;
  /** The report's columns; when given, a row naming a column the report lacks is a problem. */
  columns?: readonly ReportColumn[];
}

/** A field with what the rules compare, worked out once per field list. */
interface PreparedField {
  field: CatalogField;
  apiName: string;
  lowerApiName: string;
  lowerLabel: string;
  type: string;
}

/** A field list sorted by label, with lookups by lower-cased and by normalised name and label. */
interface PreparedCatalog {
  sorted: PreparedField[];
  /** The sorted fields a set of compatible types admits, worked out once per set. */
  byTypes: WeakMap<ReadonlySet<string>, PreparedField[]>;
  byApiName: Map<string, PreparedField>;
  byNormalisedApiName: Map<string, PreparedField[]>;
  byNormalisedLabel: Map<string, PreparedField[]>;
}

/** The prefix DESIGN.md recommends for the fields that receive Insights data. */
const WALKME_PREFIX = 'walkme';

const LABEL_ORDER = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const preparedCatalogs = new WeakMap<readonly CatalogField[], PreparedCatalog>();
const preparedCompatibility = new WeakMap<
  Readonly<Record<string, readonly string[]>>,
  Map<string, Set<string>>
>();

const NO_TYPES: ReadonlySet<string> = new Set<string>();

function lower(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/**
 * A name or label reduced to what Auto-map compares: lower case, without a trailing `__c` and
 * without anything that is not a letter or digit, so `WalkMe_First_Login__c`, `walkme first
 * login`, `walkmeFirstLogin` and `# WalkMe first-login` all read `walkmefirstlogin`.
 */
export function normaliseName(value: string | undefined): string {
  return lower(value)
    .replace(/__c$/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** A column type as the compatibility table keys it: trimmed, lower case; undefined if blank. */
export function normaliseColumnType(columnType: string | undefined): string | undefined {
  const normalised = lower(columnType);
  return normalised === '' ? undefined : normalised;
}

function addTo(index: Map<string, PreparedField[]>, key: string, field: PreparedField): void {
  if (key === '') {
    return;
  }
  const existing = index.get(key);
  if (existing) {
    existing.push(field);
  } else {
    index.set(key, [field]);
  }
}

function prepareCatalog(fields: readonly CatalogField[]): PreparedCatalog {
  const cached = preparedCatalogs.get(fields);
  if (cached) {
    return cached;
  }
  // Copied out once: an @api array arrives as a read-only proxy, and reading it field by field
  // for every row and keystroke would cost far more than this one pass.
  const sorted: PreparedField[] = fields.map((field) => ({
    field,
    apiName: field.apiName,
    lowerApiName: lower(field.apiName),
    lowerLabel: lower(field.label),
    type: (field.type ?? '').toUpperCase()
  }));
  sorted.sort(
    (first, second) =>
      LABEL_ORDER.compare(first.lowerLabel, second.lowerLabel) ||
      LABEL_ORDER.compare(first.lowerApiName, second.lowerApiName)
  );
  const byApiName = new Map<string, PreparedField>();
  const byNormalisedApiName = new Map<string, PreparedField[]>();
  const byNormalisedLabel = new Map<string, PreparedField[]>();
  for (const prepared of sorted) {
    byApiName.set(prepared.lowerApiName, prepared);
    addTo(byNormalisedApiName, normaliseName(prepared.apiName), prepared);
    addTo(byNormalisedLabel, normaliseName(prepared.field.label), prepared);
  }
  const catalog = {
    sorted,
    byTypes: new WeakMap<ReadonlySet<string>, PreparedField[]>(),
    byApiName,
    byNormalisedApiName,
    byNormalisedLabel
  };
  preparedCatalogs.set(fields, catalog);
  return catalog;
}

/** The `Schema.DisplayType` names (upper case) a column type may be mapped to. */
function compatibleTypes(
  compatibility: Readonly<Record<string, readonly string[]>>,
  columnType: string | undefined
): ReadonlySet<string> {
  const normalised = normaliseColumnType(columnType);
  if (normalised === undefined) {
    return NO_TYPES;
  }
  let table = preparedCompatibility.get(compatibility);
  if (!table) {
    table = new Map<string, Set<string>>();
    for (const [type, targets] of Object.entries(compatibility)) {
      table.set(lower(type), new Set(targets.map((target) => target.toUpperCase())));
    }
    preparedCompatibility.set(compatibility, table);
  }
  return table.get(normalised) ?? NO_TYPES;
}

/** Whether a field of a `Schema.DisplayType` may receive values of a column type. */
export function isCompatible(
  compatibility: Readonly<Record<string, readonly string[]>>,
  columnType: string | undefined,
  fieldType: string | undefined
): boolean {
  return compatibleTypes(compatibility, columnType).has((fieldType ?? '').toUpperCase());
}

/**
 * The fields a row may map its column to, sorted by label: fields the admin can update (the
 * catalog holds only those), type-compatible with the column, not the key field, not mapped by
 * another row, and matching the search by label or API name. The row's current field stays a
 * choice while it follows the rules, whatever the search.
 */
export function fieldChoices(args: FieldChoiceArgs): CatalogField[] {
  const types = compatibleTypes(args.compatibility, args.columnType);
  if (types.size === 0) {
    return [];
  }
  const catalog = prepareCatalog(args.fields);
  let compatible = catalog.byTypes.get(types);
  if (!compatible) {
    compatible = catalog.sorted.filter((prepared) => types.has(prepared.type));
    catalog.byTypes.set(types, compatible);
  }
  const keyField = lower(args.keyField);
  const currentField = lower(args.currentField);
  const search = lower(args.search);
  const choices: CatalogField[] = [];
  for (const prepared of compatible) {
    if (
      prepared.lowerApiName !== keyField &&
      !args.usedFields.has(prepared.lowerApiName) &&
      (search === '' ||
        prepared.lowerApiName === currentField ||
        prepared.lowerLabel.includes(search) ||
        prepared.lowerApiName.includes(search))
    ) {
      choices.push(prepared.field);
    }
  }
  return choices;
}

/** The catalog field with an API name (any case), if the admin can update it. */
export function findField(
  fields: readonly CatalogField[],
  apiName: string | undefined
): CatalogField | undefined {
  return prepareCatalog(fields).byApiName.get(lower(apiName))?.field;
}

/** A row is complete when it names a column, the column's type and a field. */
export function isComplete(row: FieldMapping): boolean {
  return Boolean(row.column && row.columnType && row.field);
}

/** A row as the Apex takes it: only the members it has. */
export function toFieldMapping(row: FieldMapping): FieldMapping {
  const mapping: FieldMapping = {};
  if (row.column) {
    mapping.column = row.column;
  }
  if (row.columnType) {
    mapping.columnType = row.columnType;
  }
  if (row.field) {
    mapping.field = row.field;
  }
  if (row.onlyWhenEmpty === true) {
    mapping.onlyWhenEmpty = true;
  }
  return mapping;
}

/** Every row as a FieldMapping, in order. */
export function toFieldMappings(rows: readonly FieldMapping[]): FieldMapping[] {
  return rows.map((row) => toFieldMapping(row));
}

/** The complete rows as FieldMappings, in order: what a save keeps. */
export function completeMappings(rows: readonly FieldMapping[]): FieldMapping[] {
  return rows.filter((row) => isComplete(row)).map((row) => toFieldMapping(row));
}

/** Lower-cased API names of the fields the rows map, except the row with `exceptKey`. */
export function usedFieldsExcept(
  rows: readonly MappingRow[],
  exceptKey?: string
): ReadonlySet<string> {
  const used = new Set<string>();
  for (const row of rows) {
    if (row.key !== exceptKey && row.field) {
      used.add(lower(row.field));
    }
  }
  return used;
}

function describeField(field: CatalogField | undefined, apiName: string): string {
  return field && field.label && field.label !== apiName ? `${field.label} (${apiName})` : apiName;
}

/**
 * What stops a row from being saved as it is, as a sentence that names the column or field and
 * says what to do; undefined when nothing does. An empty row, or a row still waiting for its
 * field, has no problem: it is merely incomplete.
 */
export function mappingProblem(row: MappingRow, args: MappingProblemArgs): string | undefined {
  if (row.column && args.columns && args.columns.length > 0) {
    const known = args.columns.some((column) => column.name === row.column);
    if (!known) {
      return `The report has no column ${row.column} any more. Choose another column or remove the row.`;
    }
  }
  if (row.column && compatibleTypes(args.compatibility, row.columnType).size === 0) {
    const type = row.columnType ? `type ${row.columnType}` : 'no type';
    return `The column ${row.column} has ${type}, which Insights Sync cannot write to any field. Choose another column.`;
  }
  if (!row.field) {
    return undefined;
  }
  const field = findField(args.fields, row.field);
  if (!field) {
    return `${row.field} is not a field you can update on this object. Choose another field.`;
  }
  const name = describeField(field, field.apiName);
  if (lower(field.apiName) === lower(args.keyField)) {
    return `${name} is the key field that finds the records; it cannot be filled from a column. Choose another field.`;
  }
  if (args.usedFields.has(lower(field.apiName))) {
    return `${name} is mapped in another row already. Choose another field or remove one of the rows.`;
  }
  if (row.columnType && !isCompatible(args.compatibility, row.columnType, field.type)) {
    return `${name} is a ${field.type} field and cannot take the ${row.columnType} values of ${row.column ?? 'this column'}. Choose another field.`;
  }
  if (row.onlyWhenEmpty === true && !canBeEmpty(field)) {
    return `${name} is a checkbox, which is never empty, so "Only fill when empty" would never write it. Untick "Only fill when empty".`;
  }
  return undefined;
}

/**
 * Whether a field can be empty, so that "Only fill when empty" means something for it: every type
 * but a checkbox, which is always checked or unchecked (IntegrationValidator refuses the option
 * on one).
 */
export function canBeEmpty(field: Pick<CatalogField, 'type'> | undefined): boolean {
  return field?.type !== 'BOOLEAN';
}

/** A key no row has yet, derived from `base`. */
function freshKey(base: string, taken: Set<string>): string {
  let key = base;
  let suffix = 2;
  while (taken.has(key)) {
    key = `${base}-${suffix}`;
    suffix += 1;
  }
  taken.add(key);
  return key;
}

/**
 * Auto-map: proposes a field for every report column that no complete row maps yet, by the
 * chosen template's pair for the column first (`templatePairs`), then by the
 * recommended `WalkMe_` prefix (`first_login` "First login" → `WalkMe_First_Login__c`), then
 * by the column's own name or label (case, spaces, underscores, symbols and `__c` ignored). Only
 * fields the rules allow are proposed (compatible, not the key field, not mapped by a row or by
 * an earlier proposal), so no field is proposed twice.
 *
 * Returns every row: existing rows in place (complete ones unchanged, an incomplete row with a
 * column gets that column's proposal), then a new row per column that had no row and got one.
 * Columns without a proposal add no row.
 */
export function autoMap(
  columns: readonly ReportColumn[],
  fields: readonly CatalogField[],
  compatibility: Readonly<Record<string, readonly string[]>>,
  keyField: string | undefined,
  rows: readonly MappingRow[],
  templatePairs: readonly TemplatePair[] = []
): MappingRow[] {
  const catalog = prepareCatalog(fields);
  const key = lower(keyField);
  const used = new Set(usedFieldsExcept(rows));
  const pairedField = new Map<string, string>();
  for (const pair of templatePairs) {
    if (!pairedField.has(pair.column)) {
      pairedField.set(pair.column, lower(pair.field));
    }
  }

  // A column gets a proposal when no row maps it completely and a row can take one: its first
  // row still without a field, or a new row when it has none. A column whose rows all name a
  // field (complete or not) is the admin's to settle.
  const rowToFill = new Map<string, string>();
  const columnsWithRow = new Set<string>();
  const mapped = new Set<string>();
  for (const row of rows) {
    if (!row.column) {
      continue;
    }
    columnsWithRow.add(row.column);
    if (isComplete(row)) {
      mapped.add(row.column);
    } else if (!row.field && !rowToFill.has(row.column)) {
      rowToFill.set(row.column, row.key);
    }
  }

  const propose = (column: ReportColumn): CatalogField | undefined => {
    const types = compatibleTypes(compatibility, column.type);
    if (types.size === 0) {
      return undefined;
    }
    const allowed = (prepared: PreparedField | undefined): prepared is PreparedField =>
      prepared !== undefined &&
      types.has(prepared.type) &&
      prepared.lowerApiName !== key &&
      !used.has(prepared.lowerApiName);
    // The template names the field meant for its column: taken when the object has it and the
    // rules allow it, whatever its label says.
    const paired = catalog.byApiName.get(pairedField.get(column.name) ?? '');
    if (allowed(paired)) {
      used.add(paired.lowerApiName);
      return paired.field;
    }
    const name = normaliseName(column.name);
    const label = normaliseName(column.label);
    // The recommended WalkMe_ fields come first: they exist to receive Insights data, while a
    // same-named field (Email for an `email` column) may hold data the admin keeps elsewhere.
    for (const candidate of [WALKME_PREFIX + name, WALKME_PREFIX + label, name, label]) {
      if (candidate === '' || candidate === WALKME_PREFIX) {
        continue;
      }
      const found = [
        ...(catalog.byNormalisedApiName.get(candidate) ?? []),
        ...(catalog.byNormalisedLabel.get(candidate) ?? [])
      ].find(allowed);
      if (found) {
        used.add(found.lowerApiName);
        return found.field;
      }
    }
    return undefined;
  };

  const fillRow = new Map<string, { column: ReportColumn; field: CatalogField }>();
  const keys = new Set(rows.map((row) => row.key));
  const newRows: MappingRow[] = [];
  for (const column of columns) {
    const canTake = rowToFill.has(column.name) || !columnsWithRow.has(column.name);
    if (mapped.has(column.name) || !canTake) {
      continue;
    }
    const field = propose(column);
    if (!field) {
      continue;
    }
    // A report lists a column once; marking it keeps a repeated name from a second proposal.
    mapped.add(column.name);
    const rowKey = rowToFill.get(column.name);
    if (rowKey !== undefined) {
      fillRow.set(rowKey, { column, field });
    } else {
      newRows.push({
        key: freshKey(`auto-${column.name}`, keys),
        column: column.name,
        columnType: column.type,
        field: field.apiName
      });
    }
  }
  const result = rows.map((row) => {
    const fill = fillRow.get(row.key);
    return fill
      ? { ...row, columnType: fill.column.type ?? row.columnType, field: fill.field.apiName }
      : row;
  });
  result.push(...newRows);
  return result;
}
