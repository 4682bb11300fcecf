/**
 * KeyNormalizer, as the Apex runs it: the one form a report's key and a record's key are compared
 * in. Invisible characters (byte order mark, zero-width space, non-joiner, joiner, word joiner)
 * are removed wherever they are; Unicode spaces become plain spaces; the key is trimmed as Apex
 * trims; a letter followed by combining marks (U+0300 to U+036F) is composed into one character
 * as Unicode NFC composes it; and the key is lower-cased unless the key field distinguishes case
 * (emails and GUIDs always). Spaces inside a key are kept as they are, never collapsed.
 *
 * A key that cannot be put in that form (a control character other than tab, half of a UTF-16
 * surrogate pair, a combining mark that composes with nothing, a key longer than the key field,
 * a number key too long to write out) has no comparable form: `normalizeKey` gives undefined and
 * `keyProblem` the reason.
 */
import {
  abbreviate,
  apexTrim,
  decimalOfNumber,
  isNumber,
  oversizedNumberReason,
  plainString,
  stripTrailingZeros,
  textOf
} from './apexValues.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** KeyNormalizer.DEFAULT_MAX_LENGTH: the longest key a key field holds when its length is unknown. */
export const DEFAULT_MAX_KEY_LENGTH = 255;
/** KeyNormalizer.MAX_READ_LENGTH: longer keys are refused before they are read character by character. */
const MAX_READ_LENGTH = 1000;

/** Removed wherever they are: byte order mark, zero-width space, non-joiner, joiner, word joiner. */
const INVISIBLE = new Set([0xfeff, 0x200b, 0x200c, 0x200d, 0x2060]);
/** Unicode spaces other than U+0020 (category Zs), each written as a plain space. */
const UNICODE_SPACES = new Set([
  0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
  0x200a, 0x202f, 0x205f, 0x3000
]);
const TAB = 0x09;
/** The combining marks composed with the character before them (U+0300–U+036F). */
export const FIRST_MARK = 0x0300;
export const LAST_MARK = 0x036f;
const FIRST_HIGH_SURROGATE = 0xd800;
const FIRST_LOW_SURROGATE = 0xdc00;
const LAST_LOW_SURROGATE = 0xdfff;

/** `U+0301`: how the messages name a character. */
function codePoint(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** C0 and C1 controls (but tab), and the line and paragraph separators. */
function isControl(unit: number): boolean {
  return (
    (unit < 0x20 && unit !== TAB) ||
    (unit >= 0x7f && unit <= 0x9f) ||
    unit === 0x2028 ||
    unit === 0x2029
  );
}

/**
 * UnicodeCompositions.compose: the one character Unicode NFC makes of a character (itself in NFC)
 * followed by a combining mark U+0300 to U+036F, or undefined when NFC keeps them apart. The Apex
 * holds the same pairs as a table, written from this function (scripts/build/shared-cases.ts).
 */
export function composeMark(base: number, mark: number): number | undefined {
  if (mark < FIRST_MARK || mark > LAST_MARK) {
    return undefined;
  }
  if (base >= FIRST_HIGH_SURROGATE && base <= LAST_LOW_SURROGATE) {
    return undefined;
  }
  const letter = String.fromCharCode(base);
  if (letter.normalize('NFC') !== letter) {
    return undefined;
  }
  const pair = `${letter}${String.fromCharCode(mark)}`.normalize('NFC');
  return pair.length === 1 ? pair.charCodeAt(0) : undefined;
}

interface KeyReading {
  key?: string;
  problem?: string;
}

/** Invisible characters removed, Unicode spaces made plain, trimmed as Apex trims. */
function visible(text: string): string {
  let kept = '';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (INVISIBLE.has(unit)) {
      continue;
    }
    kept += UNICODE_SPACES.has(unit) ? ' ' : text.charAt(index);
  }
  return apexTrim(kept);
}

/** The key with its combining marks composed, or the reason it cannot be. */
function composedKey(text: string): KeyReading {
  const units: number[] = [];
  let index = 0;
  while (index < text.length) {
    const unit = text.charCodeAt(index);
    index++;
    if (isControl(unit)) {
      return {
        problem: `the key contains the control character ${codePoint(unit)}, which a key cannot hold (only tab is allowed)`
      };
    }
    if (unit >= FIRST_HIGH_SURROGATE && unit <= LAST_LOW_SURROGATE) {
      const next = index < text.length ? text.charCodeAt(index) : 0;
      if (unit >= FIRST_LOW_SURROGATE || next < FIRST_LOW_SURROGATE || next > LAST_LOW_SURROGATE) {
        return {
          problem: `the key contains ${codePoint(unit)}, half of a character whose other half is missing`
        };
      }
      units.push(unit, next);
      index++;
      continue;
    }
    if (unit >= FIRST_MARK && unit <= LAST_MARK) {
      if (units.length === 0) {
        return {
          problem: `the key starts with the combining mark ${codePoint(unit)}, which belongs to no letter`
        };
      }
      const previous = units[units.length - 1];
      const letter = composeMark(previous, unit);
      if (letter === undefined) {
        return {
          problem: `the key has the combining mark ${codePoint(unit)} after ${codePoint(previous)}, and Unicode has no single character for the two (keys are compared in NFC form)`
        };
      }
      units[units.length - 1] = letter;
      continue;
    }
    units.push(unit);
  }
  return { key: String.fromCharCode(...units) };
}

function tooLong(length: number, maxLength: number | undefined): string {
  const holds =
    maxLength === undefined
      ? `the ${DEFAULT_MAX_KEY_LENGTH} characters any key field holds`
      : `the ${maxLength} characters the key field holds`;
  return `the key has ${length} characters, more than ${holds}`;
}

/** KeyNormalizer.read: the key's comparable form, no key (blank), or the reason it has none. */
function readKey(raw: unknown, caseSensitive: boolean, maxLength: number | undefined): KeyReading {
  if (raw === null || raw === undefined) {
    return {};
  }
  let key: string;
  if (isNumber(raw)) {
    const value = decimalOfNumber(raw);
    if (!value) {
      return { problem: `the key "${abbreviate(String(raw))}" is not a finite number` };
    }
    const reason = oversizedNumberReason(value);
    if (reason !== undefined) {
      return { problem: `the number key has ${reason}` };
    }
    key = plainString(stripTrailingZeros(value));
  } else {
    const text = visible(textOf(raw));
    if (text === '') {
      return {};
    }
    const limit = maxLength ?? DEFAULT_MAX_KEY_LENGTH;
    if (text.length > Math.max(MAX_READ_LENGTH, limit)) {
      return { problem: tooLong(text.length, maxLength) };
    }
    const reading = composedKey(text);
    if (reading.key === undefined) {
      return reading;
    }
    key = reading.key;
  }
  if (!caseSensitive || key.includes('@') || GUID.test(key)) {
    key = key.toLowerCase();
  }
  if (key.length > (maxLength ?? DEFAULT_MAX_KEY_LENGTH)) {
    return { problem: tooLong(key.length, maxLength) };
  }
  return { key };
}

/**
 * KeyNormalizer.normalize: the key's comparable form; undefined for a missing or blank key, and
 * for a key that has no comparable form (see keyProblem).
 * @param maxLength the key field's length, when known (255 otherwise)
 */
export function normalizeKey(
  raw: unknown,
  caseSensitive = false,
  maxLength?: number
): string | undefined {
  return readKey(raw, caseSensitive, maxLength).key;
}

/**
 * KeyNormalizer.problemOf: why a key that is not blank has no comparable form; undefined when it
 * normalises (or is blank).
 * @param maxLength the key field's length, when known (255 otherwise)
 */
export function keyProblem(
  raw: unknown,
  caseSensitive = false,
  maxLength?: number
): string | undefined {
  return readKey(raw, caseSensitive, maxLength).problem;
}
