/**
 * The field request an admin copies from the wizard (step 2, a ready-made report) is written by
 * ReportTemplates in an org and by the preview's copy of it locally. ReportTemplatesTest holds the
 * whole text of one request, word for word; this test reads those lines out of the Apex test and
 * checks that the preview writes the same, so the wording cannot drift apart.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  allTemplates,
  fieldRequestText
} from '../../preview/modules/preview/sampleAnswers/templates.ts';
import { findObject } from '../../preview/modules/preview/sampleCatalog/sampleCatalog.ts';

const APEX_TEST = join(
  import.meta.dirname,
  '../../force-app/main/integrations/tests/ReportTemplatesTest.cls'
);
const METHOD = 'it_should_write_the_whole_request_word_for_word';

/** An Apex string literal's value: `\'`, `\\` and `\n` as Apex reads them. */
function apexString(literal: string): string {
  return literal.replace(/\\(.)/g, (_match, escaped: string) =>
    escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped
  );
}

/** The expected lines of the Apex test method, and the call it checks. */
function expectedRequest(source: string): {
  templateKey: string;
  objectApiName: string;
  text: string;
} {
  const start = source.indexOf(`static void ${METHOD}()`);
  assert.ok(start >= 0, `ReportTemplatesTest has no method ${METHOD}`);
  const body = source.slice(start, source.indexOf('\n  }', start));
  const list = /new List<String>\{([\s\S]*?)\n\s*\},\s*'\\n'\s*\)/.exec(body);
  assert.ok(list, 'the expected text is String.join of a list of literals with \\n');
  const lines = [...list[1].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((match) => apexString(match[1]));
  const call = /ReportTemplates\.fieldRequestText\('(\w+)', '(\w+)'\)/.exec(body);
  assert.ok(call, 'the method calls ReportTemplates.fieldRequestText with two literals');
  return { templateKey: call[1], objectApiName: call[2], text: lines.join('\n') };
}

describe('the field request, in Apex and in the preview', () => {
  const expected = expectedRequest(readFileSync(APEX_TEST, 'utf8'));

  it('reads the whole request out of the Apex test', () => {
    assert.equal(expected.templateKey, 'nps');
    assert.match(expected.text, /^Subject: Fields for WalkMe Insights data on /);
    assert.match(expected.text, /It shows each user's latest Net Promoter Score/);
    assert.match(expected.text, /\nThank you!$/);
    assert.equal(
      findObject(expected.objectApiName),
      undefined,
      'an object the preview does not have either, so both request every field'
    );
  });

  it('writes the same text in the preview as ReportTemplates does', () => {
    assert.equal(fieldRequestText(expected.templateKey, expected.objectApiName), expected.text);
  });

  it('lists each of the template suggested fields in the text', () => {
    const template = allTemplates().find((candidate) => candidate.key === expected.templateKey);
    for (const field of template?.suggestedFields ?? []) {
      assert.ok(expected.text.includes(`   API name: ${field.apiName}\n`), field.apiName);
    }
  });

  it('fails when a word of the preview differs from the Apex test', () => {
    const changed = readFileSync(APEX_TEST, 'utf8').replace(
      "'Thank you!'",
      "'Thank you very much!'"
    );
    assert.notEqual(
      fieldRequestText(expected.templateKey, expected.objectApiName),
      expectedRequest(changed).text
    );
  });
});
