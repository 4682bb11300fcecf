/**
 * The shared behaviour cases (shared-cases/*.json): one set of cases for key normalisation, value
 * conversion and the key pair rule, run here through the preview's copies (keyNormalizer.ts,
 * valueConverter.ts, validation.ts) and the console's c/keyRules, and in the org through
 * KeyNormalizer, ValueConverter and ColumnTypeCompatibility (SharedBehaviourCasesTest, which reads
 * them from the generated SharedBehaviourCases). This file also fails when a generated class is
 * stale: SharedBehaviourCases against the case files, UnicodeCompositions against the
 * compositions the preview makes.
 */
// This project's tsconfig for scripts leaves out types/*.d.ts; the preview's modules are typed with
// the InsightsSync DTOs declared there.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../types/apex.d.ts" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DecimalText } from '../../preview/modules/preview/sampleAnswers/apexValues.ts';
import {
  composeMark,
  keyProblem,
  normalizeKey
} from '../../preview/modules/preview/sampleAnswers/keyNormalizer.ts';
import { convertValue } from '../../preview/modules/preview/sampleAnswers/valueConverter.ts';
import {
  isKeyPairCompatible as previewKeyPairCompatible,
  keyPairRefusal as previewKeyPairRefusal,
  type PlannedField
} from '../../preview/modules/preview/sampleAnswers/validation.ts';
import {
  keyFieldOptions,
  keyPairVerdict
} from '../../force-app/main/console/lwc/keyRules/keyRules.ts';
import {
  CASES_CLASS,
  CASES_FOLDER,
  CASE_FILES,
  COMPOSITIONS_CLASS,
  apexCaseLines,
  compositions,
  generatedDifferences,
  parseCaseJson,
  readApexCases,
  readApexCompositions,
  readCaseFile,
  renderCasesClass,
  type CaseJson
} from '../build/shared-cases.ts';
import { repositoryRoot } from '../lib/project.ts';
import { ProjectCopy } from './projectCopy.ts';

type CaseObject = { [key: string]: CaseJson };

function isObject(value: CaseJson | undefined): value is CaseObject {
  return (
    value !== null &&
    value !== undefined &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof DecimalText)
  );
}

function casesOf(shortName: string): CaseObject[] {
  const caseFile = CASE_FILES.find((candidate) => candidate.shortName === shortName);
  assert.ok(caseFile, shortName);
  const file = readCaseFile(repositoryRoot, caseFile);
  assert.ok(isObject(file) && Array.isArray(file.cases), `${caseFile.file} has a "cases" list`);
  return (file.cases as CaseJson[]).filter(isObject);
}

function count(value: CaseJson | undefined): number {
  return value instanceof DecimalText ? Number(value.text) : 1;
}

/**
 * A case's value as the preview's engine receives it: JSON numbers as DecimalText (their digits
 * and scale, as Apex's Decimal holds them), `{"$number": "9", "repeat": 5000}` and
 * `{"$text": "a", "repeat": 256}` as that text repeated.
 */
function input(node: CaseJson | undefined): unknown {
  if (Array.isArray(node)) {
    return node.map(input);
  }
  if (!isObject(node)) {
    return node ?? null;
  }
  if (typeof node.$number === 'string') {
    return new DecimalText(node.$number.repeat(count(node.repeat)));
  }
  if (typeof node.$text === 'string') {
    return node.$text.repeat(count(node.repeat));
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, input(value)]));
}

function targetField(spec: CaseJson | undefined): PlannedField {
  assert.ok(isObject(spec), 'a value case has a field');
  const numberOf = (value: CaseJson | undefined): number =>
    value instanceof DecimalText ? Number(value.text) : 0;
  return {
    apiName: 'Probe__c',
    type: String(spec.type),
    length: numberOf(spec.length),
    precision: numberOf(spec.precision),
    scale: numberOf(spec.scale),
    picklistValues: Array.isArray(spec.picklistValues) ? spec.picklistValues.map(String) : [],
    restrictedPicklist: spec.restrictedPicklist === true
  };
}

/** The expected value as the preview holds values: numbers as doubles, the rest as written. */
function expectedValue(value: CaseJson | undefined): unknown {
  return value instanceof DecimalText ? Number(value.text) : value;
}

describe('shared behaviour cases: the files', () => {
  it('name every case once and give each an expectation', () => {
    const ids = new Set<string>();
    for (const caseFile of CASE_FILES) {
      for (const entry of casesOf(caseFile.shortName)) {
        const id = String(entry.id);
        assert.ok(/^[a-z0-9-]+$/.test(id), `${caseFile.file}: "${id}" is a kebab-case id`);
        assert.ok(!ids.has(id), `${caseFile.file}: ${id} is used once`);
        ids.add(id);
        const pair = caseFile.shortName === 'KeyPairs';
        if (pair) {
          assert.ok(typeof entry.column === 'string', `${id} has a key column type`);
          assert.ok(isObject(entry.field), `${id} has a key field`);
        } else {
          assert.ok('input' in entry, `${id} has an input`);
        }
        assert.ok(isObject(entry.expect), `${id} has an expectation`);
        const allowed = pair ? ['match', 'problem'] : ['key', 'value', 'blank', 'problem'];
        const forms = allowed.filter((form) => isObject(entry.expect) && form in entry.expect);
        assert.equal(forms.length, 1, `${id} expects one of ${allowed.join(', ')}`);
      }
    }
    assert.ok(ids.size >= 230, `${ids.size} cases`);
  });

  it('keep every number with the text it was written with', () => {
    const parsed = parseCaseJson('{"a": [12.0, 1e999999999, -0.50, "7"], "b": {"c": 3}}');
    assert.ok(isObject(parsed) && Array.isArray(parsed.a));
    assert.deepEqual(
      parsed.a.map((value) => (value instanceof DecimalText ? `number ${value.text}` : value)),
      ['number 12.0', 'number 1e999999999', 'number -0.50', '7']
    );
    assert.deepEqual(
      apexCaseLines(parseCaseJson('{"cases": [{"input": 1.50, "text": "caf\\u00e9 1.5"}]}')),
      ['{"cases":[', '{"input":{"$number":"1.50"},"text":"caf\\u00e9 1.5"}', ']}'],
      'numbers tagged for the Apex test, text in printable ASCII'
    );
  });
});

describe('shared behaviour cases: key normalisation in the preview', () => {
  for (const entry of casesOf('KeyNormalization')) {
    it(String(entry.id), () => {
      const raw = input(entry.input);
      const caseSensitive = entry.caseSensitive === true;
      const maxLength =
        entry.maxLength instanceof DecimalText ? Number(entry.maxLength.text) : undefined;
      const expect = entry.expect as CaseObject;
      const key = normalizeKey(raw, caseSensitive, maxLength);
      const problem = keyProblem(raw, caseSensitive, maxLength);
      if ('problem' in expect) {
        assert.deepEqual({ key, problem }, { key: undefined, problem: expect.problem });
      } else {
        assert.deepEqual({ key, problem }, { key: expect.key ?? undefined, problem: undefined });
      }
    });
  }
});

describe('shared behaviour cases: value conversion in the preview', () => {
  for (const entry of casesOf('ValueConversion')) {
    it(String(entry.id), () => {
      const field = targetField(entry.field);
      const result = convertValue(input(entry.input), String(entry.column), field);
      const expect = entry.expect as CaseObject;
      if ('problem' in expect) {
        assert.deepEqual(result, { problem: expect.problem });
      } else if (expect.blank === true) {
        assert.deepEqual(result, { blank: true });
      } else {
        const expected: Record<string, unknown> = { value: expectedValue(expect.value) };
        if (typeof expect.warning === 'string') {
          expected.warning = expect.warning;
        }
        assert.deepEqual(result, expected);
      }
    });
  }
});

/** The key pair cases: the column is key_column, the field "Probe" (Probe__c) of the case's type. */
const PAIR_COLUMN = 'key_column';
const PAIR_FIELD_NAME = '"Probe" (Probe__c)';

function pairField(entry: CaseObject): InsightsSync.CatalogField {
  const spec = entry.field as CaseObject;
  return {
    apiName: 'Probe__c',
    label: 'Probe',
    type: String(spec.type),
    length: 0,
    precision: 0,
    scale: 0,
    picklistValues: [],
    isRestrictedPicklist: false,
    isKeyCandidate: true,
    keyStrength: 'identifying',
    keyReason: 'External ID',
    isCustom: true
  };
}

describe('shared behaviour cases: key pairs in the preview', () => {
  for (const entry of casesOf('KeyPairs')) {
    it(String(entry.id), () => {
      const fieldType = String((entry.field as CaseObject).type);
      const expect = entry.expect as CaseObject;
      const expected = 'problem' in expect ? expect.problem : undefined;
      assert.equal(
        previewKeyPairRefusal(PAIR_COLUMN, String(entry.column), PAIR_FIELD_NAME, fieldType),
        expected
      );
      assert.equal(
        previewKeyPairCompatible(String(entry.column), fieldType),
        !('problem' in expect)
      );
    });
  }
});

describe('shared behaviour cases: key pairs in the console (c/keyRules)', () => {
  for (const entry of casesOf('KeyPairs')) {
    it(String(entry.id), () => {
      const field = pairField(entry);
      const expect = entry.expect as CaseObject;
      const verdict = keyPairVerdict({
        keyFields: [field],
        keyField: field.apiName,
        column: PAIR_COLUMN,
        columnType: String(entry.column)
      });
      assert.deepEqual(
        verdict,
        'problem' in expect ? { state: 'refused', message: expect.problem } : { state: 'ok' }
      );
      assert.equal(
        keyFieldOptions({ keyFields: [field], columnType: String(entry.column) }).length,
        'problem' in expect ? 0 : 1,
        'a field the column can never match is not offered'
      );
    });
  }
});

describe('shared behaviour cases: the Apex classes generated from them', () => {
  it('SharedBehaviourCases and UnicodeCompositions hold what they are generated from', () => {
    assert.deepEqual(generatedDifferences(repositoryRoot), []);
  });

  it('SharedBehaviourCases reads back as the case files, however it is formatted', () => {
    const inClass = readApexCases(readFileSync(join(repositoryRoot, CASES_CLASS), 'utf8'));
    const rendered = readApexCases(renderCasesClass(repositoryRoot));
    for (const caseFile of CASE_FILES) {
      const expected = apexCaseLines(readCaseFile(repositoryRoot, caseFile)).join('\n');
      assert.equal(inClass.get(caseFile.shortName), expected, `${caseFile.shortName} in the class`);
      assert.equal(rendered.get(caseFile.shortName), expected, `${caseFile.shortName} as rendered`);
    }
  });

  it('fails when a case changes and the class is not generated again', () => {
    const copy = new ProjectCopy(false, [CASES_FOLDER, CASES_CLASS, COMPOSITIONS_CLASS]);
    try {
      copy.edit(join(CASES_FOLDER, 'value-conversion.json'), (content) =>
        content.replace(
          '"value": "2025-09-01T07:00:00.000Z"',
          '"value": "2025-09-01T07:00:01.000Z"'
        )
      );
      assert.deepEqual(generatedDifferences(copy.root), [
        `ValueConversion: ${CASES_CLASS} differs from value-conversion.json`
      ]);
    } finally {
      copy.dispose();
    }
  });

  it('fails when a case is added to a file and the class is not generated again', () => {
    const copy = new ProjectCopy(false, [CASES_FOLDER, CASES_CLASS, COMPOSITIONS_CLASS]);
    try {
      copy.edit(join(CASES_FOLDER, 'key-normalization.json'), (content) =>
        content.replace(
          '"cases": [',
          '"cases": [\n    { "id": "key-new", "input": "A", "expect": { "key": "a" } },'
        )
      );
      assert.deepEqual(generatedDifferences(copy.root), [
        `KeyNormalization: ${CASES_CLASS} differs from key-normalization.json`
      ]);
    } finally {
      copy.dispose();
    }
  });

  it('fails when the compositions table loses or changes a pair', () => {
    const copy = new ProjectCopy(false, [CASES_FOLDER, CASES_CLASS, COMPOSITIONS_CLASS]);
    try {
      // e and U+0301 make U+00E9 (233); the edit makes the table say U+00E8.
      copy.edit(COMPOSITIONS_CLASS, (content) => content.replace('101,769,233;', '101,769,232;'));
      assert.deepEqual(generatedDifferences(copy.root), [
        `${COMPOSITIONS_CLASS} differs from the compositions the preview's KeyNormalizer makes`
      ]);
    } finally {
      copy.dispose();
    }
  });

  it('UnicodeCompositions composes the decomposed accents of Latin, Greek and Cyrillic', () => {
    const table = readApexCompositions(
      readFileSync(join(repositoryRoot, COMPOSITIONS_CLASS), 'utf8')
    );
    const composed = new Map(table.map(([base, mark, letter]) => [`${base},${mark}`, letter]));
    assert.equal(table.length, compositions().length);
    assert.equal(composed.get('101,769'), 0xe9, 'e + U+0301 = é');
    assert.equal(composed.get('234,769'), 0x1ebf, 'ê + U+0301 = ế');
    assert.equal(composed.get('945,769'), 0x3ac, 'α + U+0301 = ά');
    assert.equal(composed.get('1080,774'), 0x439, 'и + U+0306 = й');
    assert.equal(composed.get('120,769'), undefined, 'x + U+0301 has no single character');
    assert.equal(composeMark(0x78, 0x301), undefined, 'and the preview agrees');
    assert.ok(
      table.every(
        ([base, mark, letter]) =>
          `${String.fromCharCode(base)}${String.fromCharCode(mark)}`.normalize('NFC') ===
          String.fromCharCode(letter)
      ),
      'every pair is what NFC makes of it'
    );
  });
});
