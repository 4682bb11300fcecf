/**
 * ValueConverter, as the Apex runs it: a report value as the field's type holds it (Datetime as
 * ISO-8601 UTC with milliseconds, Date as `yyyy-MM-dd`, Time as `HH:mm:ss.SSSZ`, numbers as
 * doubles), a blank, or a problem naming the value and the field in the Apex's words.
 *
 * Numbers are read as Apex's Decimal reads them (apexValues.ts) and refused before anything
 * writes them out when they have more than 100 digits written out. Epoch values are milliseconds
 * from 1990-01-01 to 2099-12-31 UTC, or seconds of the same span (the two ranges do not overlap).
 */
import type { FieldValue } from '../sampleCatalog/sampleCatalog.js';
import {
  abbreviate,
  apexTrim,
  decimalOf,
  decimalOfNumber,
  isNumber,
  oversizedNumberReason,
  plainString,
  setScaleHalfUp,
  stripTrailingZeros,
  textOf,
  toNumber,
  unscaled,
  type Decimal
} from './apexValues.js';
import { normalizeColumnType, type PlannedField } from './validation.js';

/** What converting one report value gives: a value, a blank, or a problem. */
export interface Conversion {
  value?: FieldValue;
  blank?: boolean;
  problem?: string;
  warning?: string;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const EPOCH_DIGITS = /^-?\d{1,13}$/;
const DIGITS = /^-?\d+$/;
const NOT_FINITE = /^[+-]?(nan|infinity)$/i;
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);
// Salesforce stores date/times from 1700 to 4000.
const MIN_DATETIME_MILLIS = -8520336000000;
const MAX_DATETIME_MILLIS = 64092211200000;
/** ValueConverter.EPOCH_*: 1990-01-01T00:00:00Z (inclusive) to 2100-01-01T00:00:00Z (exclusive). */
const EPOCH_MILLIS_FROM = 631152000000;
const EPOCH_MILLIS_UNTIL = 4102444800000;
const EPOCH_SECONDS_FROM = 631152000;
const EPOCH_SECONDS_UNTIL = 4102444800;
/** ValueConverter.EPOCH_RULE. */
const EPOCH_RULE =
  'a number is read as whole epoch milliseconds from 631152000000 to 4102444799999 or epoch seconds from 631152000 to 4102444799, 1990-01-01 to 2099-12-31 UTC';
/** ValueConverter.MAX_NUMBER_TEXT: longer text is not read as a number at all. */
const MAX_NUMBER_TEXT = 120;
const INTEGER_RANGE: [bigint, bigint] = [BigInt(-2147483648), BigInt(2147483647)];
const LONG_RANGE: [bigint, bigint] = [
  BigInt('-9223372036854775808'),
  BigInt('9223372036854775807')
];

function failed(problem: string): Conversion {
  return { problem };
}

function isBlankValue(raw: unknown): boolean {
  if (raw === null || raw === undefined) {
    return true;
  }
  if (typeof raw === 'string') {
    return apexTrim(raw) === '';
  }
  return Array.isArray(raw) && raw.length === 0;
}

/** ValueConverter.oversizedNumberIn: a number, or a number in a list, too long to write out. */
function oversizedNumberIn(raw: unknown, field: PlannedField): string | undefined {
  for (const value of Array.isArray(raw) ? raw : [raw]) {
    const number = isNumber(value) ? decimalOfNumber(value) : undefined;
    const reason = number ? oversizedNumberReason(number) : undefined;
    if (reason !== undefined) {
      return `the number has ${reason} (${field.apiName})`;
    }
  }
  return undefined;
}

interface NumberReading {
  value?: Decimal;
  problem?: string;
}

function notANumber(raw: unknown, fieldName: string): string {
  return `"${abbreviate(textOf(raw))}" is not a number (${fieldName})`;
}

/** ValueConverter.readNumber: a number, numeric text, or why it is not one. */
function readNumber(raw: unknown, fieldName: string): NumberReading {
  if (isNumber(raw)) {
    const value = decimalOfNumber(raw);
    if (!value) {
      return { problem: `"${textOf(raw)}" is not a finite number (${fieldName})` };
    }
    const reason = oversizedNumberReason(value);
    return reason === undefined
      ? { value }
      : { problem: `the number has ${reason} (${fieldName})` };
  }
  if (typeof raw !== 'string') {
    return { problem: notANumber(raw, fieldName) };
  }
  const text = apexTrim(raw);
  if (text.length > MAX_NUMBER_TEXT) {
    return {
      problem: `"${abbreviate(raw)}" has ${text.length} characters, more than the ${MAX_NUMBER_TEXT} a number may be written with (${fieldName})`
    };
  }
  if (NOT_FINITE.test(text)) {
    return { problem: `"${abbreviate(raw)}" is not a finite number (${fieldName})` };
  }
  const value = text.includes(',') ? undefined : decimalOf(text);
  if (!value) {
    return { problem: notANumber(raw, fieldName) };
  }
  const reason = oversizedNumberReason(value);
  return reason === undefined
    ? { value }
    : { problem: `"${abbreviate(raw)}" has ${reason} (${fieldName})` };
}

/**
 * ValueConverter.parseDecimal: a number, or numeric text of at most 120 characters (no thousands
 * separators, no NaN or Infinity), as a double; undefined for anything else.
 */
export function parseDecimal(raw: unknown): number | undefined {
  if (isNumber(raw)) {
    const value = decimalOfNumber(raw);
    return value ? toNumber(value) : undefined;
  }
  if (typeof raw !== 'string') {
    return undefined;
  }
  const text = apexTrim(raw);
  if (text.length > MAX_NUMBER_TEXT || text.includes(',')) {
    return undefined;
  }
  const value = decimalOf(text);
  return value ? toNumber(value) : undefined;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    year >= 1700 && year <= 4000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth
  );
}

function isClockTime(hours: number, minutes: number, seconds: number): boolean {
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}

function millisOf(fraction: string | undefined): number {
  return fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
}

function offsetMinutes(designator: string | undefined): number | undefined {
  if (!designator || designator.toUpperCase() === 'Z') {
    return 0;
  }
  const digits = designator.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) {
    return undefined;
  }
  const total = hours * 60 + minutes;
  return designator.startsWith('-') ? -total : total;
}

function fromEpochMillis(millis: number): Date | undefined {
  return millis < MIN_DATETIME_MILLIS || millis >= MAX_DATETIME_MILLIS
    ? undefined
    : new Date(millis);
}

/** ValueConverter.fromEpoch: milliseconds or seconds of 1990 to 2099; undefined for the rest. */
function fromEpoch(value: number): Date | undefined {
  if (value >= EPOCH_MILLIS_FROM && value < EPOCH_MILLIS_UNTIL) {
    return new Date(value);
  }
  if (value >= EPOCH_SECONDS_FROM && value < EPOCH_SECONDS_UNTIL) {
    return new Date(value * 1000);
  }
  return undefined;
}

/** ValueConverter.fromEpochNumber: a whole number of at most 13 digits, read by fromEpoch. */
function fromEpochNumber(value: Decimal): Date | undefined {
  if (value.scale > 100 || value.digits.length - value.scale > 13) {
    return undefined;
  }
  const whole = stripTrailingZeros(value);
  return whole.scale > 0 ? undefined : fromEpoch(toNumber(whole));
}

/**
 * ValueConverter.parseInstant: ISO-8601 (offsets allowed; 1700 to 4000) or an epoch value (a
 * number, or digits as text) read by fromEpoch; undefined for anything else.
 */
export function parseInstant(raw: unknown): Date | undefined {
  if (raw === null || raw === undefined || typeof raw === 'boolean') {
    return undefined;
  }
  if (isNumber(raw)) {
    const value = decimalOfNumber(raw);
    return value ? fromEpochNumber(value) : undefined;
  }
  const text = apexTrim(textOf(raw));
  if (EPOCH_DIGITS.test(text)) {
    return fromEpoch(Number(text));
  }
  const iso = ISO_DATE_TIME.exec(text);
  if (!iso) {
    return undefined;
  }
  const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const [hours, minutes, seconds] = [Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
  const offset = offsetMinutes(iso[8]);
  if (
    !isCalendarDay(year, month, day) ||
    !isClockTime(hours, minutes, seconds) ||
    offset === undefined
  ) {
    return undefined;
  }
  const utcMillis =
    Date.UTC(year, month - 1, day, hours, minutes, seconds) + millisOf(iso[7]) - offset * 60_000;
  return fromEpochMillis(utcMillis);
}

function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function isoTime(instant: Date): string {
  return `${instant.toISOString().slice(11, 23)}Z`;
}

/** ValueConverter.isEpochCandidate: a number, or text of digits only. */
function isEpochCandidate(raw: unknown): boolean {
  return isNumber(raw) || (typeof raw === 'string' && DIGITS.test(apexTrim(raw)));
}

function notADate(raw: unknown, field: PlannedField): string {
  const shown = `"${abbreviate(textOf(raw))}" is not a date or date/time for ${field.apiName}`;
  if (isEpochCandidate(raw)) {
    return `${shown} (${EPOCH_RULE})`;
  }
  return `${shown} (expected ISO-8601 such as 2026-11-24 or 2026-11-24T08:00:00Z, or epoch milliseconds)`;
}

function fitLength(text: string, field: PlannedField): Conversion {
  if (field.length > 0 && text.length > field.length) {
    return {
      value: text.slice(0, field.length),
      warning: `text of ${text.length} characters truncated to the ${field.length} that ${field.apiName} holds`
    };
  }
  return { value: text };
}

function toText(raw: unknown, column: string | undefined, field: PlannedField): Conversion {
  let text: string;
  if (typeof raw === 'boolean') {
    text = String(raw);
  } else if ((column === 'datetime' || column === 'date') && typeof raw !== 'string') {
    // An epoch instant is unreadable in a text field; write it as ISO-8601 UTC.
    const instant = parseInstant(raw);
    text = instant ? instant.toISOString() : textOf(raw);
  } else if (isNumber(raw)) {
    text = textOf(raw);
  } else if (Array.isArray(raw)) {
    text = raw.map(textOf).join(';');
  } else {
    text = apexTrim(textOf(raw));
  }
  return fitLength(text, field);
}

function toEmail(raw: unknown, field: PlannedField): Conversion {
  const text = apexTrim(textOf(raw));
  if (!EMAIL_ADDRESS.test(text)) {
    return failed(`"${abbreviate(text)}" is not an email address (${field.apiName})`);
  }
  if (field.length > 0 && text.length > field.length) {
    // A cut email address would be a different, wrong address: refuse instead of truncating.
    return failed(
      `the email address is longer than the ${field.length} characters ${field.apiName} holds`
    );
  }
  return { value: text };
}

function allowedPicklistValue(text: string, field: PlannedField): string | undefined {
  const allowed = field.picklistValues.find((value) => value.toLowerCase() === text.toLowerCase());
  return allowed ?? (field.restrictedPicklist ? undefined : text);
}

function toPicklist(text: string, field: PlannedField): Conversion {
  const allowed = allowedPicklistValue(text, field);
  if (allowed === undefined) {
    return failed(
      `"${abbreviate(text)}" is not a value of the restricted picklist ${field.apiName} (allowed: ${abbreviate(field.picklistValues.join(', '))})`
    );
  }
  return fitLength(allowed, field);
}

function toMultiPicklist(raw: unknown, field: PlannedField): Conversion {
  const parts = Array.isArray(raw) ? raw.map(textOf) : textOf(raw).split(';');
  const values: string[] = [];
  const refused: string[] = [];
  for (const part of parts) {
    const text = apexTrim(part);
    if (text === '') {
      continue;
    }
    const allowed = allowedPicklistValue(text, field);
    if (allowed === undefined) {
      refused.push(text);
    } else if (!values.includes(allowed)) {
      values.push(allowed);
    }
  }
  if (refused.length > 0) {
    return failed(
      `"${abbreviate(refused.join(';'))}" not allowed in the restricted picklist ${field.apiName}`
    );
  }
  return values.length === 0 ? { blank: true } : { value: values.join(';') };
}

function toBoolean(raw: unknown, field: PlannedField): Conversion {
  if (typeof raw === 'boolean') {
    return { value: raw };
  }
  const number = isNumber(raw) ? decimalOfNumber(raw) : undefined;
  const word = number
    ? plainString(stripTrailingZeros(number))
    : apexTrim(textOf(raw)).toLowerCase();
  if (TRUE_WORDS.has(word)) {
    return { value: true };
  }
  if (FALSE_WORDS.has(word)) {
    return { value: false };
  }
  return failed(
    `"${abbreviate(textOf(raw))}" is not a yes/no value for ${field.apiName} (use true/false, yes/no or 1/0)`
  );
}

function toWholeNumber(raw: unknown, field: PlannedField, long: boolean): Conversion {
  const reading = readNumber(raw, field.apiName);
  if (!reading.value) {
    return failed(reading.problem ?? notANumber(raw, field.apiName));
  }
  const parsed = reading.value;
  const whole = stripTrailingZeros(parsed);
  if (whole.scale > 0) {
    return failed(`${plainString(parsed)} is not a whole number, which ${field.apiName} needs`);
  }
  const [lowest, highest] = long ? LONG_RANGE : INTEGER_RANGE;
  const integer = BigInt(plainString(whole));
  if (integer < lowest || integer > highest) {
    return failed(`${plainString(parsed)} is out of range for ${field.apiName}`);
  }
  return { value: toNumber(whole) };
}

function toDecimal(raw: unknown, field: PlannedField): Conversion {
  const reading = readNumber(raw, field.apiName);
  if (!reading.value) {
    return failed(reading.problem ?? notANumber(raw, field.apiName));
  }
  const parsed = reading.value;
  if (!field.precision) {
    return { value: toNumber(parsed) };
  }
  const scale = field.scale ?? 0;
  const allowedDigits = field.precision - scale;
  const doesNotFit = `${plainString(parsed)} does not fit ${field.apiName} (at most ${allowedDigits} digits before the decimal point)`;
  // Judged from the digits before the decimal point first, so setScale never works on a number
  // the field cannot hold.
  if (Math.max(parsed.digits.length - parsed.scale, 0) > allowedDigits) {
    return failed(doesNotFit);
  }
  // Salesforce rounds to the field's scale on save; rounding here keeps change detection exact.
  const rounded = setScaleHalfUp(parsed, scale);
  const magnitude = unscaled(rounded) < BigInt(0) ? -unscaled(rounded) : unscaled(rounded);
  if (magnitude >= BigInt(10) ** BigInt(field.precision)) {
    return failed(doesNotFit);
  }
  return { value: toNumber(rounded) };
}

function toTime(raw: unknown, field: PlannedField): Conversion {
  if (typeof raw === 'string') {
    const clock = TIME_OF_DAY.exec(apexTrim(raw));
    if (clock) {
      const [hours, minutes, seconds] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
      if (!isClockTime(hours, minutes, seconds)) {
        return failed(`"${raw}" is not a time of day (${field.apiName})`);
      }
      const pad = (value: number): string => String(value).padStart(2, '0');
      const millis = String(millisOf(clock[4])).padStart(3, '0');
      return { value: `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${millis}Z` };
    }
  }
  const instant = parseInstant(raw);
  return instant ? { value: isoTime(instant) } : failed(notADate(raw, field));
}

/**
 * ValueConverter.convert: a report value as the field's type holds it (Datetime as ISO-8601 UTC
 * with milliseconds, Date as `yyyy-MM-dd`), a blank, or a problem naming the value and the field.
 */
export function convertValue(
  raw: unknown,
  columnType: string | undefined,
  field: PlannedField
): Conversion {
  if (isBlankValue(raw)) {
    return { blank: true };
  }
  if (Array.isArray(raw) && field.type !== 'MULTIPICKLIST') {
    return failed(`a list of values cannot be written to the single value field ${field.apiName}`);
  }
  if (typeof raw === 'object' && !Array.isArray(raw) && !isNumber(raw)) {
    return failed(`an object cannot be written to ${field.apiName}`);
  }
  const oversized = oversizedNumberIn(raw, field);
  if (oversized !== undefined) {
    return failed(oversized);
  }
  const column = normalizeColumnType(columnType);
  switch (field.type) {
    case 'STRING':
    case 'TEXTAREA':
    case 'PHONE':
    case 'URL':
    case 'COMBOBOX':
    case 'ENCRYPTEDSTRING':
      return toText(raw, column, field);
    case 'EMAIL':
      return toEmail(raw, field);
    case 'PICKLIST':
      return toPicklist(apexTrim(textOf(raw)), field);
    case 'MULTIPICKLIST':
      return toMultiPicklist(raw, field);
    case 'BOOLEAN':
      return toBoolean(raw, field);
    case 'INTEGER':
      return toWholeNumber(raw, field, false);
    case 'LONG':
      return toWholeNumber(raw, field, true);
    case 'DOUBLE':
    case 'CURRENCY':
    case 'PERCENT':
      return toDecimal(raw, field);
    case 'DATE': {
      const instant = parseInstant(raw);
      // The day it is in UTC: the schedule and the console work in UTC.
      return instant ? { value: isoDate(instant) } : failed(notADate(raw, field));
    }
    case 'DATETIME': {
      const instant = parseInstant(raw);
      return instant ? { value: instant.toISOString() } : failed(notADate(raw, field));
    }
    case 'TIME':
      return toTime(raw, field);
    default:
      return failed(
        `fields of type ${field.type} (${field.apiName}) are not written by Insights Sync`
      );
  }
}

/** Apex Decimal.toPlainString of a number: never in exponent form. */
export function plainNumber(value: number): string {
  return textOf(value);
}
