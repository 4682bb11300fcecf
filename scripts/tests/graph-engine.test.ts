/**
 * What the scan hands Graph Engine and how it judges the answer, without running the engine:
 * which classes it reads and starts from, when its cached result may be reused, and the reviewed
 * list of entry points it cannot finish, checked both ways and against the reviews written in
 * docs/security.md.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  entryPointsWithoutReview,
  graphEngineCacheKey,
  graphEngineWorkspace,
  hasOnlyAccessorEntryPoints,
  isTestClass,
  judgeEntryPoints,
  ACKNOWLEDGED_ENTRY_POINTS,
  REVIEW_SECTION,
  type UnfinishedEntryPoint
} from '../lib/graphEngine.ts';
import { repositoryRoot } from '../lib/project.ts';

describe('the classes Graph Engine reads and starts from', () => {
  it('knows a test class by the @IsTest on the class, in any case and with parameters', () => {
    assert.equal(isTestClass('@IsTest\nprivate class ATest {}'), true);
    assert.equal(isTestClass('@isTest(SeeAllData=false)\npublic with sharing class Fake {}'), true);
    assert.equal(isTestClass('// @IsTest once\npublic with sharing class Real {}'), false);
    assert.equal(
      isTestClass('public with sharing class Real {\n  @IsTest\n  void x() {}\n}'),
      false
    );
  });

  it('leaves out classes whose only entry points are automatic property accessors', () => {
    const dto = [
      '/** Used by an interface of the console; an abstract idea. */',
      'public with sharing class Row {',
      '  @AuraEnabled',
      '  public String name { get; set; }',
      '  @AuraEnabled',
      '  public Integer count { get; private set; }',
      "  public static final String KIND = 'row';",
      '}'
    ].join('\n');
    assert.equal(hasOnlyAccessorEntryPoints(dto), true);
    assert.equal(
      hasOnlyAccessorEntryPoints(
        dto.replace(
          'public String name { get; set; }',
          'public static String name() { return null; }'
        )
      ),
      false,
      'an @AuraEnabled method is an entry point'
    );
    assert.equal(
      hasOnlyAccessorEntryPoints(
        dto.replace(
          'public String name { get; set; }',
          'public String name { get { return [SELECT Name FROM Account LIMIT 1].Name; } }'
        )
      ),
      false,
      'an accessor with code is an entry point'
    );
    assert.equal(
      hasOnlyAccessorEntryPoints('public class Fields {\n  @AuraEnabled\n  public String name;\n}'),
      false,
      'fields are no entry points at all: the class stays a target like any other'
    );
    assert.equal(
      hasOnlyAccessorEntryPoints(
        dto.replace('public with sharing class Row', 'public interface Row')
      ),
      false,
      'an interface stays a target of the rule on unimplemented types'
    );
  });

  it('reads no test class and starts from every controller of the project', () => {
    const workspace = graphEngineWorkspace(repositoryRoot);
    const names = (files: string[]): string[] => files.map((file) => basename(file));

    assert.ok(workspace.testClasses.length > 0);
    assert.ok(
      workspace.testClasses.every((file) => /\/tests\/|^unpackaged\/|\/unpackaged\//.test(file)),
      'tests live in tests/ folders, or under unpackaged/ when they need its fields'
    );
    assert.deepEqual(
      workspace.files.filter((file) => workspace.testClasses.includes(file)),
      []
    );
    for (const controller of ['ConnectionController.cls', 'IntegrationController.cls']) {
      assert.ok(names(workspace.targets).includes(controller), controller);
    }
    assert.ok(names(workspace.accessorOnlyClasses).includes('FieldMapping.cls'));
  });
});

describe('the Graph Engine cache key', () => {
  const project = mkdtempSync(join(tmpdir(), 'insights-sync-key-'));
  after(() => rmSync(project, { recursive: true, force: true }));
  cpSync(join(repositoryRoot, 'sfdx-project.json'), join(project, 'sfdx-project.json'));
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), content);
  };
  const key = (): string =>
    graphEngineCacheKey(project, graphEngineWorkspace(project), { settings: 'same' });

  write('force-app/main/a/classes/Lookup.cls', 'public with sharing class Lookup {}');
  write('force-app/main/a/tests/LookupTest.cls', '@IsTest\nprivate class LookupTest {}');
  write(
    'force-app/main/a/objects/Probe__c/Probe__c.object-meta.xml',
    '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"/>'
  );

  it('stays the same when only a test class changes', () => {
    const before = key();
    write('force-app/main/a/tests/LookupTest.cls', '@IsTest\nprivate class LookupTest { }');
    assert.equal(key(), before);
  });

  it('changes with a class, an object or a setting', () => {
    const before = key();
    write('force-app/main/a/classes/Lookup.cls', 'public with sharing class Lookup { }');
    const afterClass = key();
    assert.notEqual(afterClass, before);
    write(
      'force-app/main/a/objects/Probe__c/Probe__c.object-meta.xml',
      '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"> </CustomObject>'
    );
    assert.notEqual(key(), afterClass);
    assert.notEqual(
      graphEngineCacheKey(project, graphEngineWorkspace(project), { settings: 'other' }),
      key()
    );
  });
});

describe('the reviewed entry points Graph Engine cannot finish', () => {
  const list = [{ file: 'Controller.cls', methods: ['slow'], reason: 'reads nothing' }];
  const timedOut = (method: string): UnfinishedEntryPoint => ({
    file: 'force-app/main/console/classes/Controller.cls',
    line: 10,
    method,
    cause: 'timed out',
    message: 'Path evaluation timed out after 120000 ms'
  });
  const declares = (file: string): string | undefined =>
    file === 'Controller.cls' ? 'force-app/main/console/classes/Controller.cls' : undefined;

  it('acknowledges a listed entry point it could not finish, with the reason', () => {
    const verdict = judgeEntryPoints([timedOut('slow')], list, declares);

    assert.deepEqual(verdict.problems, []);
    assert.deepEqual(verdict.acknowledged, [
      'force-app/main/console/classes/Controller.cls:10 sfge: entry point slow not analysed (timed out); reviewed: reads nothing'
    ]);
  });

  it('fails on an entry point it could not finish that nobody reviewed', () => {
    const verdict = judgeEntryPoints([timedOut('slow'), timedOut('other')], list, declares);

    assert.equal(verdict.problems.length, 1);
    assert.match(verdict.problems[0]?.text ?? '', /^entry point other not analysed \(timed out\)/);
  });

  it('fails on a listed entry point it now finishes, and on one that is gone', () => {
    assert.deepEqual(
      judgeEntryPoints([], list, declares).problems.map((problem) => problem.text),
      [
        'entry point slow is on ACKNOWLEDGED_ENTRY_POINTS but Graph Engine now analyses it: take it off the list.'
      ]
    );
    assert.deepEqual(
      judgeEntryPoints([], list, () => undefined).problems.map((problem) => problem.text),
      [
        'ACKNOWLEDGED_ENTRY_POINTS names Controller.cls slow, which is no entry point of the project: take it off the list.'
      ]
    );
  });
});

describe('the manual review of each entry point Graph Engine cannot finish', () => {
  const security = readFileSync(join(repositoryRoot, 'docs', 'security.md'), 'utf8');
  const list = [
    { file: 'Controller.cls', methods: ['slow', 'slower'], reason: 'reads nothing' },
    { file: 'Store.cls', methods: ['save'], reason: 'deploys metadata' }
  ];
  const section = (...reviews: string[]): string =>
    [
      '# Security',
      '',
      `## ${REVIEW_SECTION}`,
      '',
      'What each review checked.',
      '',
      ...reviews,
      '## Next section',
      '',
      '### `Store.save`',
      '',
      'Not the review section: this does not count.',
      ''
    ].join('\n');

  it('has a review in docs/security.md for every entry point on the list', () => {
    assert.deepEqual(entryPointsWithoutReview(ACKNOWLEDGED_ENTRY_POINTS, security), []);
  });

  it('names an entry point on the list that has no review', () => {
    const reviewed = section(
      '### `Controller.slow` and `Controller.slower`',
      '',
      'No query, no DML.',
      ''
    );

    assert.deepEqual(entryPointsWithoutReview(list, reviewed), ['Store.save']);
  });

  it('does not count a heading without text under it, nor a review outside the section', () => {
    const empty = section('### `Controller.slow`', '', '### `Controller.slower`', '', 'Reviewed.');

    assert.deepEqual(entryPointsWithoutReview(list, empty), ['Controller.slow', 'Store.save']);
    assert.deepEqual(entryPointsWithoutReview(list, '# Security\n'), [
      'Controller.slow',
      'Controller.slower',
      'Store.save'
    ]);
  });
});
