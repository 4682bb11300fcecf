/**
 * What the New / Edit integration wizard (c-integration-wizard) and its step components share:
 * the names of the steps, the rules a step is checked with, and the details of the events the
 * steps send to the wizard.
 */

type FieldMapping = InsightsSync.FieldMapping;

/** The wizard's steps, in order. */
export type StepName = 'environment' | 'report' | 'mapping';

/** An option of a lightning-combobox or lightning-radio-group. */
export interface ComboboxOption {
  label: string;
  value: string;
}

/** Detail of c-wizard-environment-step's `regionchange` event: the region the admin chose. */
export interface RegionChangeDetail {
  regionCode: string;
}

/** The settings of the report step, each one a value of the definition or of the step. */
export type ReportStepField =
  | 'label'
  | 'apiName'
  | 'reportId'
  | 'objectSearch'
  | 'targetObject'
  | 'objectKeyField'
  | 'reportKeyColumn'
  | 'frequency'
  | 'scheduleTimeUtc'
  | 'scheduleWeekday';

/** Detail of c-wizard-report-step's `settingchange` event: one setting, as the admin set it. */
export interface ReportStepChangeDetail {
  field: ReportStepField;
  value: string;
}

/** Detail of c-wizard-mapping-step's `mappingchange` event, as c-mapping-editor says it. */
export interface MappingStepChangeDetail {
  /** Every row, in order, complete or not. */
  mappings: FieldMapping[];
  /** The rows a save keeps: a column, its type and a field the rules allow. */
  completeMappings?: FieldMapping[];
}

/** Where an integration reads its rows (Integration__mdt.Source_Type__c). */
export const SOURCE_INSIGHTS_API = 'Insights API';
export const SOURCE_CSV_EXPORT = 'CSV Export';

/** The source a value names: a CSV export, or else the Insights API. */
export function sourceTypeOf(value: string | undefined): string {
  return value === SOURCE_CSV_EXPORT ? SOURCE_CSV_EXPORT : SOURCE_INSIGHTS_API;
}

/** The detail of `sourcechange`: the report source chosen in step 1. */
export interface SourceChangeDetail {
  sourceType: string;
}

/**
 * Passes a child's change on to the wizard as the step's own event, of the same name and detail:
 * the child's event stays inside the step.
 */
export function passOn(step: EventTarget, event: CustomEvent<unknown>): void {
  event.stopPropagation();
  step.dispatchEvent(new CustomEvent(event.type, { detail: event.detail }));
}

export const FREQUENCY_DAILY = 'Daily';
export const FREQUENCY_HOURLY = 'Hourly';
export const FREQUENCY_WEEKLY = 'Weekly';
export const DEFAULT_TIME = '08:00';
export const WEEKDAYS: readonly string[] = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday'
];

/** Custom metadata labels and developer names take at most 40 characters. */
export const MAX_NAME_LENGTH = 40;
const DEVELOPER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const TIME_OF_DAY = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const WHOLE_HOUR = /^([01][0-9]|2[0-3]):00$/;

/** The mapping as the definition carries it: exactly column, columnType and field. */
export function mappingOf(mapping: FieldMapping): FieldMapping {
  const row: FieldMapping = {
    column: mapping.column,
    columnType: mapping.columnType,
    field: mapping.field
  };
  if (mapping.onlyWhenEmpty === true) {
    row.onlyWhenEmpty = true;
  }
  return row;
}

/**
 * The API name Salesforce would suggest for a label: letters and digits kept (accents dropped),
 * every other run of characters one underscore, starting with a letter, at most 40 characters.
 */
export function apiNameFrom(label: string): string {
  const ascii = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  let name = ascii.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (name !== '' && !/^[A-Za-z]/.test(name)) {
    name = `X${name}`;
  }
  return name.slice(0, MAX_NAME_LENGTH).replace(/_+$/, '');
}

/** Why an API name cannot be saved, as IntegrationValidator decides it; '' when it can. */
export function apiNameProblemOf(name: string): string {
  if (name === '') {
    return '';
  }
  if (
    name.length > MAX_NAME_LENGTH ||
    !DEVELOPER_NAME.test(name) ||
    name.includes('__') ||
    name.endsWith('_')
  ) {
    return (
      'Use letters, digits and single underscores, start with a letter, do not end with an ' +
      `underscore, and keep it to ${MAX_NAME_LENGTH} characters.`
    );
  }
  return '';
}

/**
 * The times a daily or weekly integration may run at: the whole hours of a UTC day, 00:00 to
 * 23:00. One dispatcher fires at the top of each hour, so no other time would be kept.
 */
export const HOURS_UTC: readonly ComboboxOption[] = Array.from({ length: 24 }, (_unused, hour) => {
  const value = `${String(hour).padStart(2, '0')}:00`;
  return { value, label: value };
});

/** Whether a time is a whole hour, HH:00 from 00:00 to 23:00 (IntegrationValidator's rule). */
export function isWholeHour(value: string): boolean {
  return WHOLE_HOUR.test(value);
}

/**
 * Why a schedule time cannot be kept, for the time field; empty when it is a whole hour. A
 * saved time with minutes is named with the hour it runs at until a whole hour is chosen.
 */
export function scheduleTimeProblem(value: string): string {
  if (isWholeHour(value)) {
    return '';
  }
  const withMinutes = TIME_OF_DAY.exec(value);
  if (withMinutes) {
    return (
      `The saved time ${value} is not on the hour: runs start when the hourly dispatcher ` +
      `passes, at the top of each hour, so it runs at ${withMinutes[1]}:00. Choose a whole hour.`
    );
  }
  return 'Choose a time on the hour, from 00:00 to 23:00.';
}

/** Whether two API names are the same name (Salesforce compares them without case). */
export function sameName(first: string | undefined, second: string | undefined): boolean {
  return (first ?? '').toLowerCase() === (second ?? '').toLowerCase();
}

/** The label of an object: as described, else as listed, else its API name. */
export function objectLabelOf(
  targetObject: string,
  description: InsightsSync.ObjectDescription | undefined,
  objects: readonly InsightsSync.CatalogObject[]
): string {
  return (
    description?.label ??
    objects.find((object) => object.apiName === targetObject)?.label ??
    targetObject
  );
}
