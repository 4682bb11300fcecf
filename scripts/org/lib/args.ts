/**
 * A small, typed command-line parser for the org scripts: `--name value`, `--name=value` and
 * boolean `--name`. Anything else (an unknown flag, a missing or malformed value, a positional
 * argument) is a UsageError of one line that ends with the script's usage.
 */
import { UsageError } from './main.ts';

export interface StringFlag<Value extends string | undefined> {
  readonly kind: 'string';
  readonly description: string;
  readonly valueName: string;
  readonly defaultValue: Value;
}

export interface IntegerFlag<Value extends number | undefined> {
  readonly kind: 'integer';
  readonly description: string;
  readonly valueName: string;
  readonly defaultValue: Value;
  readonly min: number;
  readonly max: number;
}

export interface BooleanFlag {
  readonly kind: 'boolean';
  readonly description: string;
}

export type Flag = StringFlag<string | undefined> | IntegerFlag<number | undefined> | BooleanFlag;

export interface CommandSpec<Flags extends Record<string, Flag>> {
  /** The npm script, e.g. `org:create`; usage lines read `npm run org:create -- …`. */
  readonly script: string;
  readonly summary: string;
  readonly flags: Flags;
}

/** The parsed value of each flag: defaults applied, optional flags possibly undefined. */
export type FlagValues<Flags extends Record<string, Flag>> = {
  readonly [Name in keyof Flags]: Flags[Name] extends BooleanFlag
    ? boolean
    : Flags[Name] extends StringFlag<infer Value>
      ? Value
      : Flags[Name] extends IntegerFlag<infer Value>
        ? Value
        : never;
};

export type ParsedArgs<Flags extends Record<string, Flag>> =
  { readonly help: true } | { readonly help: false; readonly values: FlagValues<Flags> };

export function stringFlag(options: {
  description: string;
  valueName: string;
  defaultValue: string;
}): StringFlag<string>;
export function stringFlag(options: {
  description: string;
  valueName: string;
}): StringFlag<string | undefined>;
export function stringFlag(options: {
  description: string;
  valueName: string;
  defaultValue?: string;
}): StringFlag<string | undefined> {
  return { kind: 'string', ...options, defaultValue: options.defaultValue };
}

export function integerFlag(options: {
  description: string;
  valueName: string;
  defaultValue: number;
  min: number;
  max: number;
}): IntegerFlag<number>;
export function integerFlag(options: {
  description: string;
  valueName: string;
  min: number;
  max: number;
}): IntegerFlag<number | undefined>;
export function integerFlag(options: {
  description: string;
  valueName: string;
  defaultValue?: number;
  min: number;
  max: number;
}): IntegerFlag<number | undefined> {
  return { kind: 'integer', ...options, defaultValue: options.defaultValue };
}

export function booleanFlag(description: string): BooleanFlag {
  return { kind: 'boolean', description };
}

/** `npm run x -- [--a VALUE] [--b]`, on one line. */
export function usageLine<Flags extends Record<string, Flag>>(spec: CommandSpec<Flags>): string {
  const parts = Object.entries(spec.flags).map(([name, flag]) =>
    flag.kind === 'boolean' ? `[--${name}]` : `[--${name} ${flag.valueName}]`
  );
  return `npm run ${spec.script} --${parts.length > 0 ? ` ${parts.join(' ')}` : ''}`;
}

/** The text `--help` prints: summary, usage and one line per flag. */
export function helpText<Flags extends Record<string, Flag>>(spec: CommandSpec<Flags>): string {
  const rows = Object.entries(spec.flags).map(([name, flag]) => {
    const left = flag.kind === 'boolean' ? `--${name}` : `--${name} ${flag.valueName}`;
    const fallback =
      flag.kind !== 'boolean' && flag.defaultValue !== undefined
        ? ` (default: ${String(flag.defaultValue)})`
        : '';
    return { left, right: `${flag.description}${fallback}` };
  });
  const width = Math.max(0, ...rows.map((row) => row.left.length));
  return [
    spec.summary,
    '',
    `usage: ${usageLine(spec)}`,
    '',
    ...rows.map((row) => `  ${row.left.padEnd(width)}  ${row.right}`),
    `  ${'--help'.padEnd(width)}  print this help`
  ].join('\n');
}

/** Parses `argv` (without node and the script) against the spec. */
export function parseArgs<Flags extends Record<string, Flag>>(
  spec: CommandSpec<Flags>,
  argv: readonly string[]
): ParsedArgs<Flags> {
  const fail = (problem: string): never => {
    throw new UsageError(`${problem} (usage: ${usageLine(spec)})`);
  };
  const given = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--help' || argument === '-h') {
      return { help: true };
    }
    if (!argument.startsWith('--') || argument === '--') {
      fail(`unexpected argument "${argument}"`);
    }
    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals === -1 ? undefined : equals);
    const flag = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (flag === undefined) {
      fail(`unknown flag --${name}`);
    } else if (given.has(name)) {
      fail(`--${name} is given twice`);
    } else if (flag.kind === 'boolean') {
      if (equals !== -1) {
        fail(`--${name} takes no value`);
      }
      given.set(name, true);
    } else if (equals !== -1) {
      given.set(name, argument.slice(equals + 1));
    } else {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) {
        fail(`--${name} needs a value (${flag.valueName})`);
      }
      given.set(name, value ?? '');
      index++;
    }
  }

  const values: Record<string, string | number | boolean | undefined> = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    const raw = given.get(name);
    if (flag.kind === 'boolean') {
      values[name] = raw === true;
    } else if (raw === undefined || raw === true) {
      values[name] = flag.defaultValue;
    } else if (raw.trim() === '') {
      fail(`--${name} needs a value (${flag.valueName})`);
    } else if (flag.kind === 'string') {
      values[name] = raw;
    } else {
      if (!/^-?\d+$/.test(raw)) {
        fail(`--${name} must be a whole number, not "${raw}"`);
      }
      const number = Number(raw);
      if (number < flag.min || number > flag.max) {
        fail(`--${name} must be between ${flag.min} and ${flag.max}, not ${raw}`);
      }
      values[name] = number;
    }
  }
  // The loop above gave every flag of the spec a value of its kind.
  return { help: false, values: values as FlagValues<Flags> };
}
