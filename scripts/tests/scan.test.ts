/**
 * `npm run scan` against one small project holding every planted defect at once: the scan of
 * the whole project is the `scan` stage itself, so the copy holds only the planted classes and
 * each engine runs on it once (a second Graph Engine run proves the cache, a third that a class
 * it cannot parse stops it). Each assertion names the one line its defect must produce.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectCopy, type CheckResult } from './projectCopy.ts';

const CLASSES = 'force-app/main/integrations/classes';
const TESTS = 'force-app/main/integrations/tests';

const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
  <apiVersion>65.0</apiVersion>
  <status>Active</status>
</ApexClass>
`;

function addClass(copy: ProjectCopy, folder: string, name: string, lines: string[]): void {
  copy.write(`${folder}/${name}.cls`, [...lines, ''].join('\n'));
  copy.write(`${folder}/${name}.cls-meta.xml`, CLASS_META);
}

/** The lines of a scan that report a finding or an error (not the summary). */
function reported(result: CheckResult): string[] {
  return result.output
    .split('\n')
    .filter((line) => /^(\S+:\d+ (pmd|sfge):|\S+ (pmd|sfge):\w+ |(pmd|sfge):\w+ )/.test(line));
}

describe('npm run scan', () => {
  let copy: ProjectCopy;
  let first: CheckResult;

  before(() => {
    copy = new ProjectCopy();
    for (const folder of ['force-app', 'unpackaged']) {
      rmSync(join(copy.root, folder), { recursive: true, force: true });
    }
    // A query built from a parameter: PMD's injection rule and Graph Engine's FLS rule.
    addClass(copy, CLASSES, 'AccountLookup', [
      'public with sharing class AccountLookup {',
      '  @AuraEnabled',
      '  public static List<Account> byName(String name) {',
      "    return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\'');",
      '  }',
      '}'
    ]);
    // A DTO whose only entry points are property accessors: read, not started from.
    addClass(copy, CLASSES, 'AccountFilter', [
      'public with sharing class AccountFilter {',
      '  @AuraEnabled',
      '  public String name { get; set; }',
      '}'
    ]);
    // A test class that does not parse: PMD names it; Graph Engine, which reads no test,
    // carries on (it would stop on any class it cannot parse).
    addClass(copy, TESTS, 'AccountLookupTest', [
      '@IsTest',
      'private class AccountLookupTest {',
      '  @IsTest',
      '  static void it_should_find_nothing() {',
      "    Assert.areEqual(0, AccountLookup.byName('x').size(), 'no accounts')",
      '  }',
      '}'
    ]);
    first = copy.runCheck('scan.ts', ['--no-cache']);
  });
  after(() => copy.dispose());

  it('fails on a query built from a parameter, with PMD and Graph Engine, at its line', () => {
    assert.equal(first.status, 1, first.output);
    const lookup = `${CLASSES}/AccountLookup.cls`;
    assert.deepEqual(
      reported(first).filter((line) => line.startsWith(`${lookup}:`) && /\[sev [12]\]/.test(line)),
      [
        `${lookup}:4 pmd:ApexSOQLInjection [sev 2] Avoid untrusted/unescaped variables in DML query`,
        `${lookup}:4 sfge:ApexFlsViolation [sev 2] Salesforce Graph Engine couldn't resolve the parameter passed to [READ] operation with field(s) [Unknown]. Confirm that this operation has the necessary FLS checks. (path from ${lookup}:3)`
      ]
    );
    assert.match(first.output, /^scan: 2 violations of severity 1-2 /m);
  });

  it('fails on a class PMD cannot parse and names it, and Graph Engine reads no test', () => {
    assert.match(
      first.output,
      new RegExp(`^${TESTS}/AccountLookupTest\\.cls pmd:ProcessingError `, 'm')
    );
    assert.doesNotMatch(first.output, /sfge:Error/);
    assert.match(
      first.output,
      /^scan: Graph Engine reads 2 files and starts from the entry points of 1 classes \(left out: 1 test classes, 1 classes whose only entry points are property accessors\)$/m
    );
  });

  it('fails on a reviewed entry point that is no longer there, so the list only shrinks', () => {
    assert.deepEqual(
      reported(first)
        .filter((line) => line.includes('sfge:EntryPoint'))
        .map((line) => / names \S+ (\w+), which is no entry point/.exec(line)?.[1]),
      [
        'getTemplates',
        'getFieldRequestText',
        'saveIntegration',
        'resumeIntegration',
        'previewIntegration'
      ]
    );
  });

  it('serves an unchanged project from the cache with the same findings', () => {
    const again = copy.runCheck('scan.ts', ['--engine', 'sfge']);

    assert.match(again.output, /, Graph Engine cached$/m);
    const graphEngineLines = (result: CheckResult): string[] =>
      reported(result).filter((line) => line.includes(' sfge:'));
    assert.deepEqual(graphEngineLines(again), graphEngineLines(first));
  });

  it('fails when Graph Engine cannot parse a class, naming the class', () => {
    addClass(copy, CLASSES, 'Unparsable', [
      'public with sharing class Unparsable {',
      '  public static Integer twice(Integer value) {',
      '    return value * 2',
      '  }',
      '}'
    ]);

    const result = copy.runCheck('scan.ts', ['--engine', 'sfge']);

    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /^sfge:Error Graph Engine stopped .*Unparsable\.cls/m);
    assert.match(result.output, /^scan: 0 violations of severity 1-2 .*, 1 error in /m);
  });
});
