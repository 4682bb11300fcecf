/**
 * StaleValueReset, for the preview org: the reset of values that left the report. The stamp field
 * (a Date/Time field of the target object, updateable, neither mapped nor the key) gets each
 * run's start on every record the run matches; after a run without errors, the mapped fields of
 * records whose stamp is older are cleared, or set to the chosen value, and their stamp cleared.
 * Records never stamped are left alone. The same rules and words as the Apex.
 */
import {
  findField,
  type FieldValue,
  type SampleObject,
  type SampleRecord
} from '../sampleCatalog/sampleCatalog.js';
import { convertValue } from './valueConverter.js';
import {
  PreflightError,
  normalizeColumnType,
  planned as plannedField,
  type SyncPlan
} from './validation.js';

export const RESET_CLEAR = 'Clear';
export const RESET_SET_TO_VALUE = 'Set to value';
export const RESET_MODES = [RESET_CLEAR, RESET_SET_TO_VALUE];

/** What a run of an integration that resets needs: the stamp and the value of each field. */
export interface ResetPlan {
  stampField: string;
  valuesByField: Map<string, FieldValue>;
}

/** What resetting the records with an older stamp did. */
export interface ResetOutcome {
  found: number;
  reset: number;
}

function isBlank(value: string | null | undefined): value is null | undefined | '' {
  return value === undefined || value === null || value.trim() === '';
}

function planned(object: SampleObject, apiName: string) {
  const field = findField(object, apiName);
  return field
    ? { ...plannedField(field), label: field.label, nillable: field.nillable }
    : undefined;
}

/** StaleValueReset.problems: why the reset cannot work as set; fills `valuesByField`. */
export function resetProblems(
  definition: InsightsSync.IntegrationDefinition,
  target: SampleObject | undefined,
  valuesByField?: Map<string, FieldValue>
): string[] {
  const problems: string[] = [];
  if (isBlank(definition.resetStampField) || !target) {
    return problems;
  }
  const ending =
    ' Choose another "last synced" field, or turn off the reset of values that left the report.';
  const stamp = findField(target, definition.resetStampField);
  const mapped = (definition.mappings ?? [])
    .map((mapping) => mapping.field?.trim().toLowerCase())
    .filter((name): name is string => !!name);
  if (!stamp) {
    problems.push(
      `The stamp field "${definition.resetStampField.trim()}" does not exist on ${target.apiName}.${ending}`
    );
  } else {
    const name = `${target.apiName}.${stamp.apiName}`;
    if (stamp.type !== 'DATETIME') {
      problems.push(
        `The stamp field ${name} is of type ${stamp.type}; the stamp must be a Date/Time field.${ending}`
      );
    } else if (!stamp.updateable || !stamp.filterable) {
      problems.push(
        `You cannot edit the stamp field ${name} (it is read-only, or your field-level security does not let you edit it).${ending}`
      );
    } else if (stamp.apiName.toLowerCase() === definition.objectKeyField?.trim().toLowerCase()) {
      problems.push(`The stamp field ${name} is the key field.${ending}`);
    } else if (mapped.includes(stamp.apiName.toLowerCase())) {
      problems.push(
        `The stamp field ${name} is also mapped to a report column; the run writes the stamp itself.${ending}`
      );
    }
  }
  if (definition.matchPolicy?.trim().toLowerCase() === 'skip and report') {
    problems.push(
      'The reset of values that left the report needs the policy "Update all" for keys matching several records: under "Skip and report" those records are not stamped, so their values would be reset although the report still has them.'
    );
  }
  const mode = definition.resetMode?.trim() ?? '';
  if (mode !== '' && !RESET_MODES.some((choice) => choice.toLowerCase() === mode.toLowerCase())) {
    problems.push(`The reset mode "${mode}" is unknown: choose one of ${RESET_MODES.join(', ')}.`);
    return problems;
  }
  const setToValue = mode.toLowerCase() === RESET_SET_TO_VALUE.toLowerCase();
  for (const mapping of definition.mappings ?? []) {
    const field = mapping.field ? planned(target, mapping.field) : undefined;
    const columnType = normalizeColumnType(mapping.columnType);
    if (!field || !columnType) {
      continue;
    }
    let value: FieldValue = null;
    if (setToValue) {
      const conversion = isBlank(definition.resetValue)
        ? { problem: 'no value to set was entered' }
        : convertValue(definition.resetValue, columnType, field);
      if (conversion.problem) {
        problems.push(
          `The reset value "${definition.resetValue ?? ''}" cannot be written to ${target.apiName}.${field.apiName} (${conversion.problem}): enter a value every mapped field takes, or choose to clear the fields.`
        );
        continue;
      }
      value = conversion.blank ? null : (conversion.value ?? null);
    }
    if (value === null && !field.nillable && field.type !== 'BOOLEAN') {
      // Every chunk would fail on this field with REQUIRED_FIELD_MISSING.
      problems.push(
        `The reset cannot clear "${field.label}" (${field.apiName}): ${target.label} requires a value in it. Choose "${RESET_SET_TO_VALUE}", or remove its row.`
      );
      continue;
    }
    valuesByField?.set(field.apiName, value === null && field.type === 'BOOLEAN' ? false : value);
  }
  return problems;
}

/**
 * StaleValueReset.sharedStampProblem: another integration (not archived) already stamps the same
 * field of the same object. The two would reset each other's records, which are not in each
 * other's report. `others` are the org's saved integrations; the integration itself is not one.
 */
export function sharedStampProblem(
  definition: InsightsSync.IntegrationDefinition,
  target: SampleObject | undefined,
  others: readonly InsightsSync.IntegrationDefinition[]
): string | undefined {
  const stamp =
    target && !isBlank(definition.resetStampField)
      ? findField(target, definition.resetStampField)
      : undefined;
  if (!target || !stamp) {
    return undefined;
  }
  const developerName = definition.developerName?.trim().toLowerCase();
  const other = others.find(
    (candidate) =>
      candidate.state !== 'Archived' &&
      (candidate.developerName ?? '').toLowerCase() !== developerName &&
      (candidate.targetObject ?? '').trim().toLowerCase() === target.apiName.toLowerCase() &&
      !isBlank(candidate.resetStampField) &&
      findField(target, candidate.resetStampField)?.apiName === stamp.apiName
  );
  if (!other) {
    return undefined;
  }
  const name = isBlank(other.label) ? (other.developerName ?? '') : other.label;
  return (
    `The stamp field ${target.apiName}.${stamp.apiName} is already the stamp of the integration "${name}" on the same object: ` +
    "each would reset the other's records, which are not in its report." +
    ' Choose another "last synced" field, or turn off the reset of values that left the report.'
  );
}

/**
 * The reset of a planned run, or undefined when the integration does not reset. `others` are
 * the org's saved integrations, for a stamp another one uses too (SyncPreflight.checkReset).
 */
export function resetPlan(
  plan: SyncPlan,
  others: readonly InsightsSync.IntegrationDefinition[] = []
): ResetPlan | undefined {
  const definition = plan.definition;
  if (isBlank(definition.resetStampField)) {
    return undefined;
  }
  const valuesByField = new Map<string, FieldValue>();
  const problems = resetProblems(definition, plan.object, valuesByField);
  if (problems.length === 0) {
    const shared = sharedStampProblem(definition, plan.object, others);
    if (shared) {
      problems.push(shared);
    }
  }
  if (problems.length > 0) {
    throw new PreflightError(problems.map((problem) => `${problem} Edit the integration.`));
  }
  const stamp = findField(plan.object, definition.resetStampField);
  return { stampField: stamp?.apiName ?? definition.resetStampField, valuesByField };
}

/** StaleValueReset.wholeSeconds: a stamp as Salesforce stores it. */
export function wholeSeconds(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString();
}

function isOlder(record: SampleRecord, stampField: string, cutoff: string): boolean {
  const stamp = record[stampField];
  return typeof stamp === 'string' && Date.parse(stamp) < Date.parse(cutoff);
}

/** StaleValueReset.countOlderThan: records stamped before the cutoff, less those matched. */
export function countOlderThan(
  records: readonly SampleRecord[],
  reset: ResetPlan,
  cutoff: string,
  matchedIds: ReadonlySet<string>
): number {
  return records.filter(
    (record) => isOlder(record, reset.stampField, cutoff) && !matchedIds.has(String(record.Id))
  ).length;
}

/** StaleValueReset.resetChunk, all chunks at once: the preview org holds a few records. */
export function resetOlderThan(
  records: SampleRecord[],
  reset: ResetPlan,
  cutoff: string
): ResetOutcome {
  const outcome: ResetOutcome = { found: 0, reset: 0 };
  for (const record of records) {
    if (!isOlder(record, reset.stampField, cutoff)) {
      continue;
    }
    outcome.found++;
    for (const [field, value] of reset.valuesByField) {
      record[field] = value;
    }
    record[reset.stampField] = null;
    outcome.reset++;
  }
  return outcome;
}
