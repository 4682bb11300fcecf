/**
 * What the generators of Apex classes holding data (scripts/build/insights-fixtures.ts,
 * scripts/build/shared-cases.ts) share: string literals written and read back, the method
 * names the data goes under, and writing the class as `npm run format` would.
 */
import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

/** An Apex string literal of `text`. */
export function apexLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** The text of an Apex string literal's body (between the quotes). */
export function unescapeApex(body: string): string {
  return body.replace(/\\(.)/g, (_, escaped: string) => {
    switch (escaped) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return escaped;
    }
  });
}

/** The literals of `new List<String>{ ... }` in a method's source, unescaped. */
export function literalsOf(list: string): string[] {
  return [...list.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((literal) =>
    unescapeApex(literal[1] ?? '')
  );
}

/** The Apex method a piece of data goes under: its short name with a lower-case first letter. */
export function methodName(shortName: string): string {
  return shortName.charAt(0).toLowerCase() + shortName.slice(1);
}

/** Writes a generated class, formatted as `npm run format` would. */
export async function writeFormatted(path: string, source: string): Promise<void> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(source, { ...options, filepath: path }));
}
