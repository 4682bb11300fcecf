/**
 * Writes two Apex classes from what the preview and the Apex must agree on:
 *
 * - SharedBehaviourCases (a test class): the shared behaviour cases of shared-cases/*.json, so
 *   the packaged Apex test SharedBehaviourCasesTest runs every case through KeyNormalizer,
 *   ValueConverter and ColumnTypeCompatibility's key pair rule without a static resource, as
 *   scripts/tests/shared-cases.test.ts runs them through the preview's copies (and the key pairs
 *   through the console's c/keyRules too).
 * - UnicodeCompositions: every composition Unicode NFC makes of a character and a combining mark
 *   U+0300 to U+036F, as the preview's KeyNormalizer (composeMark) makes them with JavaScript's
 *   String.normalize. Apex has no Unicode normalizer; this table is its NFC for keys.
 *
 *   npx tsx scripts/build/shared-cases.ts
 *
 * Run it after changing a case file; scripts/tests/shared-cases.test.ts fails while a class and
 * its source differ. Each case file is kept in the class as JSON, one case a line, in printable
 * ASCII (other characters as \u escapes); every JSON number becomes `{"$number": "<its text>"}`
 * so that the Apex test reads it with the digits and scale it was written with, whatever a JSON
 * parser would make of 1e999999999.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DecimalText } from '../../preview/modules/preview/sampleAnswers/apexValues.ts';
import {
  FIRST_MARK,
  LAST_MARK,
  composeMark
} from '../../preview/modules/preview/sampleAnswers/keyNormalizer.ts';
import { apexLiteral, literalsOf, methodName, writeFormatted } from '../lib/generatedApex.ts';
import { repositoryRoot } from '../lib/project.ts';

/** The case files, relative to the repository. */
export const CASES_FOLDER = 'shared-cases';
/** The generated Apex test class holding the cases. */
export const CASES_CLASS = 'force-app/main/sync/tests/SharedBehaviourCases.cls';
/** The generated Apex class holding the Unicode compositions. */
export const COMPOSITIONS_CLASS = 'force-app/main/sync/classes/UnicodeCompositions.cls';

export interface CaseFile {
  /** The name the Apex test asks for: `SharedBehaviourCases.json('KeyNormalization')`. */
  shortName: string;
  /** The file in CASES_FOLDER. */
  file: string;
}

export const CASE_FILES: readonly CaseFile[] = [
  { shortName: 'KeyNormalization', file: 'key-normalization.json' },
  { shortName: 'ValueConversion', file: 'value-conversion.json' },
  { shortName: 'KeyPairs', file: 'key-pairs.json' }
];

const ENTRIES_PER_LINE = 7;

// ---------------------------------------------------------------------------------------------
// JSON that keeps each number's text

/** A JSON value whose numbers are DecimalText (their text as written), not doubles. */
export type CaseJson =
  string | boolean | null | DecimalText | CaseJson[] | { [key: string]: CaseJson };

const NUMBER_MARK = '\u0000number:';

/**
 * JSON.parse, but every number keeps the text it was written with (`12.0`, `1e999999999` and a
 * 20-digit integer stay what they are).
 */
export function parseCaseJson(text: string): CaseJson {
  // Numbers outside strings become marked strings, which JSON.parse keeps exactly.
  const marked = text.replace(
    /"(?:[^"\\]|\\.)*"|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
    (token: string, number: string | undefined) =>
      number === undefined ? token : JSON.stringify(`${NUMBER_MARK}${number}`)
  );
  return unmark(JSON.parse(marked) as unknown);
}

function unmark(value: unknown): CaseJson {
  if (typeof value === 'string') {
    return value.startsWith(NUMBER_MARK) ? new DecimalText(value.slice(NUMBER_MARK.length)) : value;
  }
  if (Array.isArray(value)) {
    return value.map(unmark);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unmark(item)]));
  }
  return value as boolean | null;
}

/** `\u00e9` for every character outside printable ASCII, so the JSON is safe in an Apex literal. */
function asciiOnly(json: string): string {
  return json.replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

/** One value as the Apex test reads it: numbers as `{"$number":"<text>"}`. */
function apexJson(value: CaseJson): string {
  if (value instanceof DecimalText) {
    return `{"$number":${JSON.stringify(value.text)}}`;
  }
  if (Array.isArray(value)) {
    return `[${value.map(apexJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${apexJson(item)}`)
      .join(',')}}`;
  }
  return asciiOnly(JSON.stringify(value));
}

/** A case file as the Apex class holds it: `{"cases":[`, one case a line, `]}`. */
export function apexCaseLines(file: CaseJson): string[] {
  const cases =
    file !== null &&
    typeof file === 'object' &&
    !Array.isArray(file) &&
    !(file instanceof DecimalText)
      ? file.cases
      : undefined;
  if (!Array.isArray(cases)) {
    throw new Error('a case file is an object with a "cases" list');
  }
  return [
    '{"cases":[',
    ...cases.map((entry, index) => `${apexJson(entry)}${index < cases.length - 1 ? ',' : ''}`),
    ']}'
  ];
}

export function readCaseFile(root: string, caseFile: CaseFile): CaseJson {
  return parseCaseJson(readFileSync(join(root, CASES_FOLDER, caseFile.file), 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Apex literals

// ---------------------------------------------------------------------------------------------
// SharedBehaviourCases

/** The generated cases class, before formatting. */
export function renderCasesClass(root: string = repositoryRoot): string {
  const methods = CASE_FILES.map((caseFile) => {
    const lines = apexCaseLines(readCaseFile(root, caseFile)).map(apexLiteral);
    return [
      `  // ${CASES_FOLDER}/${caseFile.file}`,
      `  private static String ${methodName(caseFile.shortName)}() {`,
      `    return String.join(new List<String>{ ${lines.join(', ')} }, '\\n');`,
      '  }'
    ].join('\n');
  });
  const cases = CASE_FILES.map(
    (caseFile) =>
      `      when '${caseFile.shortName}' {\n        return ${methodName(caseFile.shortName)}();\n      }`
  );
  return [
    '/**',
    ` * @description The shared behaviour cases of ${CASES_FOLDER}/ (one set of cases for the Apex`,
    ' * and the preview\'s copy of it), as Apex: every JSON number is written `{"$number": "<text>"}`',
    ' * and every character outside printable ASCII as a backslash-u escape. Generated by',
    ' * `npx tsx scripts/build/shared-cases.ts`; do not edit by hand (scripts/tests/shared-cases.test.ts',
    ' * fails when this class and the files differ). SharedBehaviourCasesTest runs them.',
    ' */',
    '@IsTest',
    'public with sharing class SharedBehaviourCases {',
    '  /**',
    "   * @description A case file's JSON.",
    `   * @param shortName ${CASE_FILES.map((caseFile) => `\`${caseFile.shortName}\``).join(' or ')}`,
    '   * @return the JSON text; null for an unknown name',
    '   */',
    '  public static String json(String shortName) {',
    '    switch on shortName {',
    ...cases,
    '      when else {',
    '        return null;',
    '      }',
    '    }',
    '  }',
    '',
    methods.join('\n\n'),
    '}',
    ''
  ].join('\n');
}

/** The JSON the class holds, by short name, however the class is formatted. */
export function readApexCases(source: string): Map<string, string> {
  const found = new Map<string, string>();
  const method =
    /private static String (\w+)\(\)\s*\{\s*return\s+String\.join\(\s*new List<String>\{([\s\S]*?)\}\s*,\s*'\\n'\s*\)\s*;/g;
  for (const [, name = '', list = ''] of source.matchAll(method)) {
    const caseFile = CASE_FILES.find((candidate) => methodName(candidate.shortName) === name);
    found.set(caseFile?.shortName ?? name, literalsOf(list).join('\n'));
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// UnicodeCompositions

let composedPairs: [number, number, number][] | undefined;

/**
 * Every [character, mark, composed] the preview's composeMark gives, in code unit order (every
 * BMP character with every mark: about half a second, so it is worked out once).
 */
export function compositions(): [number, number, number][] {
  composedPairs ??= allCompositions();
  return composedPairs;
}

function allCompositions(): [number, number, number][] {
  const table: [number, number, number][] = [];
  for (let base = 0; base <= 0xffff; base++) {
    for (let mark = FIRST_MARK; mark <= LAST_MARK; mark++) {
      const composed = composeMark(base, mark);
      if (composed !== undefined) {
        table.push([base, mark, composed]);
      }
    }
  }
  return table;
}

/** The generated compositions class, before formatting. */
export function renderCompositionsClass(table = compositions()): string {
  const entries = table.map((entry) => entry.join(','));
  const lines: string[] = [];
  for (let start = 0; start < entries.length; start += ENTRIES_PER_LINE) {
    lines.push(`${entries.slice(start, start + ENTRIES_PER_LINE).join(';')};`);
  }
  return [
    '/**',
    ' * @description The compositions Unicode NFC makes of a character and a combining mark U+0300',
    " * to U+036F (`e` and U+0301 make `é`, `ê` and U+0301 make `ế`): KeyNormalizer's NFC, since Apex",
    ` * has no Unicode normalizer. ${table.length} pairs, covering the accented letters of Latin,`,
    ' * Greek and Cyrillic. Generated by `npx tsx scripts/build/shared-cases.ts` from the same rule',
    " * as the preview's KeyNormalizer (JavaScript's String.normalize('NFC')); do not edit by hand",
    ' * (scripts/tests/shared-cases.test.ts fails when this table and that rule differ). Canonical',
    ' * compositions are stable across Unicode versions, so the table does not age.',
    ' */',
    'public with sharing class UnicodeCompositions {',
    `  private static final Integer FIRST_MARK = ${FIRST_MARK};`,
    `  private static final Integer LAST_MARK = ${LAST_MARK};`,
    '  // Room for every mark of the range in a pair key: character * MARK_SLOTS + (mark - FIRST_MARK).',
    '  private static final Integer MARK_SLOTS = 128;',
    '  private static Map<Integer, Integer> composedByPair;',
    '',
    '  /**',
    '   * @description Whether a UTF-16 unit is a combining mark this table composes (U+0300 to U+036F).',
    '   * @param unit a UTF-16 code unit',
    '   * @return true for U+0300 to U+036F',
    '   */',
    '  public static Boolean isCombiningMark(Integer unit) {',
    '    return unit >= FIRST_MARK && unit <= LAST_MARK;',
    '  }',
    '',
    '  /**',
    '   * @description The one character NFC makes of a character followed by a combining mark.',
    '   * @param base the character (a UTF-16 code unit)',
    '   * @param mark the combining mark, U+0300 to U+036F',
    '   * @return the composed character, or null when NFC keeps the two apart',
    '   */',
    '  public static Integer compose(Integer base, Integer mark) {',
    '    if (base == null || !isCombiningMark(mark)) {',
    '      return null;',
    '    }',
    '    if (composedByPair == null) {',
    '      composedByPair = load();',
    '    }',
    '    return composedByPair.get(base * MARK_SLOTS + mark - FIRST_MARK);',
    '  }',
    '',
    '  // Built on first use only: a transaction whose keys have no combining mark never pays for it.',
    '  private static Map<Integer, Integer> load() {',
    '    Map<Integer, Integer> table = new Map<Integer, Integer>();',
    "    for (String entry : String.join(entries(), '').split(';')) {",
    "      List<String> parts = entry.split(',');",
    '      table.put(',
    '        Integer.valueOf(parts[0]) * MARK_SLOTS + Integer.valueOf(parts[1]) - FIRST_MARK,',
    '        Integer.valueOf(parts[2])',
    '      );',
    '    }',
    '    return table;',
    '  }',
    '',
    '  // character,mark,composed; as decimal UTF-16 code units',
    '  private static List<String> entries() {',
    `    return new List<String>{ ${lines.map(apexLiteral).join(', ')} };`,
    '  }',
    '}',
    ''
  ].join('\n');
}

/** The table the class holds, however it is formatted. */
export function readApexCompositions(source: string): [number, number, number][] {
  const list =
    /private static List<String> entries\(\)\s*\{\s*return new List<String>\{([\s\S]*?)\};/.exec(
      source
    );
  return literalsOf(list?.[1] ?? '')
    .join('')
    .split(';')
    .filter((entry) => entry !== '')
    .map((entry) => entry.split(',').map(Number) as [number, number, number]);
}

// ---------------------------------------------------------------------------------------------
// Staleness and writing

/**
 * Where a generated class and its source disagree, one line each; empty when both classes hold
 * exactly what they are generated from.
 */
export function generatedDifferences(root: string = repositoryRoot): string[] {
  const differences: string[] = [];
  const held = readApexCases(readFileSync(join(root, CASES_CLASS), 'utf8'));
  for (const caseFile of CASE_FILES) {
    const inClass = held.get(caseFile.shortName);
    const expected = apexCaseLines(readCaseFile(root, caseFile)).join('\n');
    if (inClass === undefined) {
      differences.push(`${caseFile.shortName}: missing from ${CASES_CLASS}`);
    } else if (inClass !== expected) {
      differences.push(`${caseFile.shortName}: ${CASES_CLASS} differs from ${caseFile.file}`);
    }
  }
  for (const name of held.keys()) {
    if (!CASE_FILES.some((caseFile) => caseFile.shortName === name)) {
      differences.push(`${name}: in ${CASES_CLASS} but not a case file`);
    }
  }
  const table = readApexCompositions(readFileSync(join(root, COMPOSITIONS_CLASS), 'utf8'));
  if (JSON.stringify(table) !== JSON.stringify(compositions())) {
    differences.push(
      `${COMPOSITIONS_CLASS} differs from the compositions the preview's KeyNormalizer makes`
    );
  }
  return differences;
}

/** Writes both classes, formatted as `npm run format` would. */
export async function writeApexClasses(root: string = repositoryRoot): Promise<string[]> {
  const paths = [join(root, CASES_CLASS), join(root, COMPOSITIONS_CLASS)];
  await writeFormatted(paths[0] as string, renderCasesClass(root));
  await writeFormatted(paths[1] as string, renderCompositionsClass());
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeApexClasses().then(
    (paths) => console.log(`shared-cases: wrote ${paths.join(', ')}`),
    (error: unknown) => {
      console.error(`shared-cases: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  );
}
