/**
 * The rules of the key pair (the report column and the object field that find each row's
 * record), apart from any UI so that the wizard and the tests apply the same ones:
 *
 * - which key fields identify a record (the describe says so per field: `keyStrength` and
 *   `keyReason` of CatalogField) and the key field's choices in that order, identifying first;
 * - which key column types can match which key field types (ColumnTypeCompatibility's
 *   KEY_PAIR_RULE, the rule the save applies; shared-cases/key-pairs.json binds the two);
 * - what the wizard says of a chosen pair: refused (the save would refuse it), a warning (a weak
 *   key: several records may share its value) or nothing.
 *
 * Every function is pure.
 */

type CatalogField = InsightsSync.CatalogField;

/** CatalogField.KEY_IDENTIFYING / KEY_WEAK. */
export type KeyStrength = 'identifying' | 'weak';

export const KEY_IDENTIFYING: KeyStrength = 'identifying';
export const KEY_WEAK: KeyStrength = 'weak';

/** ColumnTypeCompatibility.KEY_PAIR_RULE, word for word. */
export const KEY_PAIR_RULE =
  'A text key column can match any key field; a number or integer key column only a text or number field; percent, boolean, date and datetime columns cannot be keys.';

/** The report column types of the Insights API contract (ColumnTypeCompatibility.columnTypes). */
const COLUMN_TYPES: ReadonlySet<string> = new Set([
  'string',
  'number',
  'integer',
  'percent',
  'boolean',
  'date',
  'datetime'
]);

/** The key field types a number or integer key column can match (ColumnTypeCompatibility). */
const NUMBER_KEY_FIELDS: ReadonlySet<string> = new Set([
  'STRING',
  'TEXTAREA',
  'DOUBLE',
  'INTEGER',
  'LONG',
  'CURRENCY',
  'PERCENT'
]);

/** One choice of the key field combobox (lightning-combobox shows `description` below the label). */
export interface KeyFieldOption {
  /** The field's API name. */
  value: string;
  /** `Email (Email) · Email`, `City (City) · not unique`: the field, and why it is offered. */
  label: string;
  /** `Identifies a record: External ID`, or the warning of a weak key. */
  description: string;
  strength: KeyStrength;
}

/** The arguments of {@link keyFieldOptions}. */
export interface KeyFieldOptionArgs {
  /** The object's key fields (ObjectDescription.keyFields). */
  keyFields: readonly CatalogField[];
  /** The key column's type; when given, fields it can never match are left out. */
  columnType?: string;
  /** The chosen key field: kept as a choice even when refused, so the box still shows it. */
  currentField?: string;
}

/** What the wizard says of a key pair. */
export interface KeyPairVerdict {
  /** `refused`: the save refuses the pair; `warning`: a weak key; `ok`: nothing to say. */
  state: 'ok' | 'warning' | 'refused';
  /** The refusal or the warning, for the admin; undefined when `ok`. */
  message?: string;
}

/** The arguments of {@link keyPairVerdict}. */
export interface KeyPairArgs {
  /** The object's key fields (ObjectDescription.keyFields). */
  keyFields: readonly CatalogField[];
  /** The key field's API name (any case). */
  keyField?: string;
  /** The key column's name. */
  column?: string;
  /** The key column's type as the report defines it; without one only a weak key is warned. */
  columnType?: string;
}

function lower(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/** ColumnTypeCompatibility.normalize: the lower-case column type, or undefined when unknown. */
export function normaliseKeyColumnType(columnType: string | undefined): string | undefined {
  const normalised = lower(columnType);
  return COLUMN_TYPES.has(normalised) ? normalised : undefined;
}

/** ColumnTypeCompatibility.isKeyPairCompatible: whether the two types can ever hold one key. */
export function isKeyPairCompatible(
  columnType: string | undefined,
  fieldType: string | undefined
): boolean {
  const normalised = normaliseKeyColumnType(columnType);
  const type = (fieldType ?? '').trim().toUpperCase();
  if (normalised === undefined || type === '') {
    return false;
  }
  if (normalised === 'string') {
    return true;
  }
  return (normalised === 'number' || normalised === 'integer') && NUMBER_KEY_FIELDS.has(type);
}

/**
 * ColumnTypeCompatibility.keyPairRefusal: the refusal of a pair whose types cannot match, naming
 * both, in the save's words; undefined when the pair can match.
 * @param fieldName the field as messages name it: `"Email" (Email)`
 */
export function keyPairRefusal(
  column: string,
  columnType: string,
  fieldName: string,
  fieldType: string
): string | undefined {
  if (isKeyPairCompatible(columnType, fieldType)) {
    return undefined;
  }
  return `The key column "${column}" holds ${normaliseKeyColumnType(columnType) ?? 'null'} values, which can never match the key field ${fieldName} of type ${fieldType.trim().toUpperCase()}. ${KEY_PAIR_RULE}`;
}

/** How well a field identifies a record: the describe's word, else from isKeyCandidate. */
export function keyStrengthOf(field: CatalogField): KeyStrength {
  if (field.keyStrength === KEY_IDENTIFYING || field.keyStrength === KEY_WEAK) {
    return field.keyStrength;
  }
  return field.isKeyCandidate ? KEY_IDENTIFYING : KEY_WEAK;
}

/** ObjectCatalog.weakKeyWarning: `Not unique: several records may share a City.` */
export function weakKeyWarning(fieldLabel: string): string {
  return `Not unique: several records may share a ${fieldLabel}.`;
}

/** Why a field identifies a record (`External ID`), or the warning of a weak key. */
export function keyReasonOf(field: CatalogField): string {
  if (field.keyReason) {
    return field.keyReason;
  }
  return keyStrengthOf(field) === KEY_IDENTIFYING ? 'ID lookup' : weakKeyWarning(field.label);
}

const LABEL_ORDER = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The key field's choices: fields that identify a record first, then the weak ones, each group
 * by label. Each label says why the field is offered (`· External ID`) or marks it `· not
 * unique`; the description gives the reason or the warning in full. Fields the key column's
 * type can never match are left out, except the current field.
 */
export function keyFieldOptions(args: KeyFieldOptionArgs): KeyFieldOption[] {
  const current = lower(args.currentField);
  const typed = normaliseKeyColumnType(args.columnType) !== undefined;
  const offered = args.keyFields.filter(
    (field) =>
      !typed ||
      isKeyPairCompatible(args.columnType, field.type) ||
      (current !== '' && lower(field.apiName) === current)
  );
  const ranked = offered.map((field) => ({ field, strength: keyStrengthOf(field) }));
  ranked.sort(
    (first, second) =>
      (first.strength === second.strength ? 0 : first.strength === KEY_IDENTIFYING ? -1 : 1) ||
      LABEL_ORDER.compare(first.field.label, second.field.label) ||
      LABEL_ORDER.compare(first.field.apiName, second.field.apiName)
  );
  return ranked.map(({ field, strength }) => {
    const reason = keyReasonOf(field);
    const identifying = strength === KEY_IDENTIFYING;
    return {
      value: field.apiName,
      label: `${field.label} (${field.apiName}) · ${identifying ? reason : 'not unique'}`,
      description: identifying ? `Identifies a record: ${reason}` : reason,
      strength
    };
  });
}

/**
 * What to say of the chosen pair: `refused` with the save's refusal when the column's type can
 * never match the field's, `warning` with the weak key's warning when several records may share
 * the field's value, else `ok`. A field that is not among the key fields, or no field, is `ok`:
 * the save words those problems itself.
 */
export function keyPairVerdict(args: KeyPairArgs): KeyPairVerdict {
  const wanted = lower(args.keyField);
  const field =
    wanted === ''
      ? undefined
      : args.keyFields.find((candidate) => lower(candidate.apiName) === wanted);
  if (!field) {
    return { state: 'ok' };
  }
  const column = (args.column ?? '').trim();
  if (column !== '' && normaliseKeyColumnType(args.columnType) !== undefined) {
    const refusal = keyPairRefusal(
      column,
      args.columnType ?? '',
      `"${field.label}" (${field.apiName})`,
      field.type
    );
    if (refusal !== undefined) {
      return { state: 'refused', message: refusal };
    }
  }
  if (keyStrengthOf(field) === KEY_WEAK) {
    return { state: 'warning', message: keyReasonOf(field) };
  }
  return { state: 'ok' };
}
