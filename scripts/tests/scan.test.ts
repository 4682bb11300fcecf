/**
 * `npm run scan` against small projects: clean with one safe class, and failing, with the cause
 * named, on an injectable query and on a class that does not parse. Each case is its own copy
 * and its own run, so a failure can only come from the one thing the case breaks. The copies
 * hold only the case's class: the whole project is scanned by the `scan` stage itself, and
 * scanning it three more times here would cost minutes for no extra proof.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectCopy, type CheckResult } from './projectCopy.ts';

const CLASSES = 'force-app/main/integrations/classes';

const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
  <apiVersion>65.0</apiVersion>
  <status>Active</status>
</ApexClass>
`;

/** Scans a copy of the project after `breakIt` has changed it, then throws the copy away. */
function scan(breakIt: (copy: ProjectCopy) => void = () => undefined): CheckResult {
  const copy = new ProjectCopy();
  try {
    for (const folder of ['force-app', 'unpackaged']) {
      rmSync(join(copy.root, folder), { recursive: true, force: true });
    }
    breakIt(copy);
    return copy.runCheck('scan.ts');
  } finally {
    copy.dispose();
  }
}

function addClass(copy: ProjectCopy, name: string, source: string): void {
  copy.write(`${CLASSES}/${name}.cls`, source);
  copy.write(`${CLASSES}/${name}.cls-meta.xml`, CLASS_META);
}

test('a project of one safe class scans clean with both engines', () => {
  const result = scan((copy) =>
    addClass(
      copy,
      'AccountNames',
      [
        'public with sharing class AccountNames {',
        '  @AuraEnabled',
        '  public static List<Account> byName(String name) {',
        '    return [SELECT Id, Name FROM Account WHERE Name = :name WITH USER_MODE LIMIT 10];',
        '  }',
        '}',
        ''
      ].join('\n')
    )
  );

  assert.equal(result.status, 0, result.output);
  assert.match(
    result.output,
    /^scan: 0 violations of severity 1-2 \(\d+ lower, \d+ acknowledged\) in \d+ files, .*PMD [\d.]+ s.*Graph Engine [\d.]+ s$/m
  );
});

test('a query built from a parameter fails the scan as ApexSOQLInjection at its line', () => {
  const result = scan((copy) =>
    addClass(
      copy,
      'AccountLookup',
      [
        'public with sharing class AccountLookup {',
        '  @AuraEnabled',
        '  public static List<Account> byName(String name) {',
        "    return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\'');",
        '  }',
        '}',
        ''
      ].join('\n')
    )
  );

  assert.equal(result.status, 1, result.output);
  assert.match(
    result.output,
    /^force-app\/main\/integrations\/classes\/AccountLookup\.cls:4 pmd:ApexSOQLInjection \[sev 2\] /m
  );
  // The failure is the finding itself, not an engine that gave up on the file.
  assert.doesNotMatch(result.output, /\d+ errors? in \d+ files/);
});

test('a class that does not parse fails the scan and is named', () => {
  const result = scan((copy) =>
    addClass(
      copy,
      'Unparsable',
      [
        'public with sharing class Unparsable {',
        '  public static Integer twice(Integer value) {',
        '    return value * 2',
        '  }',
        '}',
        ''
      ].join('\n')
    )
  );

  assert.equal(result.status, 1, result.output);
  assert.match(
    result.output,
    /^force-app\/main\/integrations\/classes\/Unparsable\.cls pmd:ProcessingError /m
  );
  // Graph Engine gives up on the whole project rather than skip the file: that fails too.
  assert.match(result.output, /^sfge:UnexpectedEngineError .*Unparsable\.cls/m);
  assert.match(result.output, /^scan: 0 violations of severity 1-2 .*\d+ errors in /m);
});
