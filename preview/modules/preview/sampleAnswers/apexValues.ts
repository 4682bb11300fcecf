/**
 * Report values as Apex holds them, for the preview's copies of ValueConverter and KeyNormalizer:
 * numbers as Apex's Decimal (the digits and scale the report sent, never a double's
 * approximation), text trimmed and printed as Apex trims and prints it. Each function names the
 * Apex it stands for; the shared behaviour cases (shared-cases/) hold both to the same answers.
 */

/**
 * A JSON number kept as its text, as Apex's JSON parser keeps a number's digits in a Decimal.
 * The sample reports hold plain numbers; the shared behaviour cases hold these, so that numbers a
 * double cannot hold (1e999999999, 20 digits, the scale of 12.0) reach the preview as they reach
 * Apex.
 */
export class DecimalText {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/** A number as Apex's Decimal holds it: unscaled digits and a scale. */
export interface Decimal {
  negative: boolean;
  /** The unscaled value's digits without leading zeros; "0" for zero. */
  digits: string;
  /** Digits after the decimal point; negative for trailing powers of ten (1E+3 has scale -3). */
  scale: number;
}

/** ValueConverter.MAX_NUMBER_DIGITS: the most digits a number may have, written out. */
export const MAX_NUMBER_DIGITS = 100;

/**
 * ValueConverter.NUMBER_TEXT: what Decimal.valueOf reads (Java's BigDecimal grammar), with an
 * exponent of at most nine digits.
 */
const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,9}))?$/;

/** Decimal.valueOf(String) of text NUMBER_TEXT accepts; undefined for any other text. */
export function decimalOf(text: string): Decimal | undefined {
  const match = NUMBER_TEXT.exec(text);
  if (!match) {
    return undefined;
  }
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') {
    return undefined;
  }
  const digits = `${whole}${fraction}`.replace(/^0+/, '') || '0';
  return {
    negative: sign === '-' && digits !== '0',
    digits,
    scale: fraction.length - Number(exponent)
  };
}

/** The Decimal Apex holds for a number of a report row: a JSON number, or a double of the preview. */
export function decimalOfNumber(raw: unknown): Decimal | undefined {
  if (raw instanceof DecimalText) {
    return decimalOf(raw.text);
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    return decimalOf(String(raw));
  }
  return undefined;
}

/** Whether the value is a number as Apex sees one (Decimal, Integer or Long). */
export function isNumber(raw: unknown): boolean {
  return raw instanceof DecimalText || typeof raw === 'number';
}

/** Decimal.precision(). */
function precision(value: Decimal): number {
  return value.digits.length;
}

/**
 * ValueConverter.oversizedNumberReason: why a number is too long to write out, judged from its
 * precision and scale alone; undefined when it has at most MAX_NUMBER_DIGITS digits written out.
 */
export function oversizedNumberReason(value: Decimal): string | undefined {
  const before = Math.max(precision(value) - value.scale, 0);
  const after = Math.max(value.scale, 0);
  if (before + after <= MAX_NUMBER_DIGITS) {
    return undefined;
  }
  const limit = `more than the ${MAX_NUMBER_DIGITS} digits a number may have`;
  if (before > MAX_NUMBER_DIGITS) {
    return `${before} digits before the decimal point, ${limit}`;
  }
  if (after > MAX_NUMBER_DIGITS) {
    return `${after} digits after the decimal point, ${limit}`;
  }
  return `${before + after} digits, ${limit}`;
}

/** Decimal.toPlainString(). */
export function plainString(value: Decimal): string {
  const sign = value.negative ? '-' : '';
  if (value.scale <= 0) {
    return value.digits === '0' ? '0' : `${sign}${value.digits}${'0'.repeat(-value.scale)}`;
  }
  const padded = value.digits.padStart(value.scale + 1, '0');
  const point = padded.length - value.scale;
  return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
}

/** Decimal.stripTrailingZeros(). */
export function stripTrailingZeros(value: Decimal): Decimal {
  if (value.digits === '0') {
    return { negative: false, digits: '0', scale: 0 };
  }
  const digits = value.digits.replace(/0+$/, '');
  return { ...value, digits, scale: value.scale - (value.digits.length - digits.length) };
}

/** The unscaled value as a BigInt (the number is `unscaled / 10^scale`). */
export function unscaled(value: Decimal): bigint {
  const magnitude = BigInt(value.digits);
  return value.negative ? -magnitude : magnitude;
}

/** A Decimal of an unscaled value and a scale. */
export function fromUnscaled(unscaledValue: bigint, scale: number): Decimal {
  const negative = unscaledValue < BigInt(0);
  const digits = (negative ? -unscaledValue : unscaledValue).toString();
  return { negative: negative && digits !== '0', digits, scale };
}

/** Decimal.setScale(scale, RoundingMode.HALF_UP): halves away from zero. */
export function setScaleHalfUp(value: Decimal, scale: number): Decimal {
  const ten = BigInt(10);
  const current = unscaled(value);
  if (scale >= value.scale) {
    return fromUnscaled(current * ten ** BigInt(scale - value.scale), scale);
  }
  const divisor = ten ** BigInt(value.scale - scale);
  const magnitude = current < BigInt(0) ? -current : current;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * BigInt(2) >= divisor) {
    quotient += BigInt(1);
  }
  return fromUnscaled(current < BigInt(0) ? -quotient : quotient, scale);
}

/** The number as the preview's sample records hold numbers (a double). */
export function toNumber(value: Decimal): number {
  return Number(plainString(value));
}

/**
 * String.trim() in Apex: removes leading and trailing characters up to U+0020 (spaces and ASCII
 * control characters), and nothing else: a no-break space stays.
 */
export function apexTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) {
    start++;
  }
  while (end > start && text.charCodeAt(end - 1) <= 0x20) {
    end--;
  }
  return text.slice(start, end);
}

/** String.abbreviate(80). */
export function abbreviate(text: string | null | undefined): string {
  if (text === null || text === undefined) {
    return 'null';
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * ValueConverter.textOf: a value as messages and text fields show it (numbers written out in
 * full, as Decimal.toPlainString does; lists as Apex prints a list).
 */
export function textOf(raw: unknown): string {
  if (raw === null || raw === undefined) {
    return 'null';
  }
  if (Array.isArray(raw)) {
    return `(${raw.map(textOf).join(', ')})`;
  }
  if (isNumber(raw)) {
    const value = decimalOfNumber(raw);
    return value ? plainString(value) : String(raw);
  }
  return String(raw);
}
