/**
 * The packaged Apex tests run wherever the package is installed: a subscriber's "Run All Tests"
 * runs them in an org holding only the package. So nothing under force-app may read a static
 * resource or name a component that only the unpackaged folders define (the WalkMe_ fields on
 * Lead and their permission set, the test that writes them), and the Insights fixtures the tests
 * use live in code: InsightsFixtureBodies, generated from scripts/tests/fixtures/insights, must
 * hold every fixture file exactly.
 *
 * The budget tests, which assert CPU and heap figures measured in the org, live in budget-tests/:
 * a package directory without a package that is not the package's `unpackagedMetadata`, so
 * `sf package version create` neither packages nor runs them, while scratch orgs (org:create,
 * test:org) deploy and run them. Nothing the version build deploys may name what they define.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  FIXTURES,
  FIXTURE_CLASS,
  FIXTURE_FOLDER,
  fixtureDifferences,
  readApexFixtures,
  renderApexClass
} from '../build/insights-fixtures.ts';
import {
  packagedReferenceProblems,
  scratchOnlyComponents,
  sourceFolders,
  unpackagedComponents,
  unusedAllowances,
  versionBuildReferenceProblems,
  type AllowedReference
} from '../lib/packagedReferences.ts';
import { withoutComments } from '../lib/apexSource.ts';
import { displayPath, listFiles, repositoryRoot } from '../lib/project.ts';
import { ProjectCopy } from './projectCopy.ts';

/** Packaged files that name an unpackaged component without depending on it. */
const ALLOWED: readonly AllowedReference[] = [
  {
    file: 'force-app/main/integrations/classes/ReportTemplates.cls',
    name: 'WalkMe_First_Login__c',
    reason: 'suggests the name for a field the admin creates; never reads or writes it'
  },
  {
    file: 'force-app/main/integrations/classes/ReportTemplates.cls',
    name: 'WalkMe_Last_Login__c',
    reason: 'suggests the name for a field the admin creates; never reads or writes it'
  },
  {
    file: 'force-app/main/integrations/classes/ReportTemplates.cls',
    name: 'WalkMe_Logins_Last_30_Days__c',
    reason: 'suggests the name for a field the admin creates; never reads or writes it'
  },
  {
    file: 'force-app/main/integrations/tests/ReportTemplatesTest.cls',
    name: 'WalkMe_First_Login__c',
    reason: 'compares the suggested names as text'
  },
  {
    file: 'force-app/main/integrations/tests/ReportTemplatesTest.cls',
    name: 'WalkMe_Last_Login__c',
    reason: 'compares the suggested names as text'
  },
  {
    file: 'force-app/main/integrations/tests/ReportTemplatesTest.cls',
    name: 'WalkMe_Logins_Last_30_Days__c',
    reason: 'compares the suggested names as text'
  },
  {
    file: 'force-app/main/console/tests/IntegrationControllerTest.cls',
    name: 'WalkMe_First_Login__c',
    reason: 'the field request text lists fields to create, whether or not they exist'
  },
  {
    file: 'force-app/main/sync/tests/SyncRunLogTest.cls',
    name: 'WalkMe_Last_Login__c',
    reason: 'a run failure message quotes the name; nothing describes, reads or writes the field'
  }
];

const PROBE_TEST = 'force-app/main/insights/tests/PackagedProbeTest.cls';

/** The problems of a copy of the project after `breakIt` has changed it. */
function problemsAfter(breakIt: (copy: ProjectCopy) => void): string[] {
  const copy = new ProjectCopy();
  try {
    breakIt(copy);
    return packagedReferenceProblems(copy.root, ALLOWED);
  } finally {
    copy.dispose();
  }
}

function probeTest(...body: string[]): string {
  return [
    '@IsTest',
    'private class PackagedProbeTest {',
    '  @IsTest',
    '  static void it_should_probe() {',
    ...body.map((line) => `    ${line}`),
    '  }',
    '}',
    ''
  ].join('\n');
}

describe('the packaged Apex and the unpackaged folders', () => {
  it('knows what only unpackaged/ defines: the Lead test fields, their permission set, the test using them', () => {
    const names = [...unpackagedComponents(repositoryRoot).keys()];
    for (const expected of [
      'walkme_first_login__c',
      'walkme_last_login__c',
      'walkme_logins_last_30_days__c',
      'insights_sync_test_fields',
      'syncrunjobtest'
    ]) {
      assert.ok(names.includes(expected), `${expected} among ${names.join(', ')}`);
    }
    assert.ok(!names.includes('lead'), 'Lead is a standard object, not defined there');
  });

  it('references no static resource and no unpackaged component', () => {
    assert.deepEqual(packagedReferenceProblems(repositoryRoot, ALLOWED), []);
  });

  it('allows only references that still occur', () => {
    assert.deepEqual(
      unusedAllowances(repositoryRoot, ALLOWED).map((entry) => `${entry.file}: ${entry.name}`),
      []
    );
  });

  it('fails on a packaged test that reads a static resource, naming the line', () => {
    const problems = problemsAfter((copy) =>
      copy.write(
        PROBE_TEST,
        probeTest(
          "StaticResource fixture = [SELECT Body FROM StaticResource WHERE Name = 'InsightsFixture_Reports' WITH SYSTEM_MODE];",
          "Assert.isNotNull(fixture.Body, 'a body');"
        )
      )
    );
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', new RegExp(`^${PROBE_TEST}:5: reads a static resource`));
  });

  it('fails on a packaged test that writes a Lead field only unpackaged/ defines', () => {
    const problems = problemsAfter((copy) =>
      copy.write(
        PROBE_TEST,
        probeTest(
          "FieldMapping mapping = FieldMapping.forColumn('last_login', 'datetime', 'WalkMe_Last_Login__c');",
          "Assert.isNotNull(mapping, 'a mapping');"
        )
      )
    );
    assert.deepEqual(problems, [
      `${PROBE_TEST}:5: names WalkMe_Last_Login__c, which only ` +
        'unpackaged/test-fields/objects/Lead/fields/WalkMe_Last_Login__c.field-meta.xml defines; ' +
        'it is not in the package, so a subscriber org does not have it.'
    ]);
  });

  it('fails on a packaged test that assigns the unpackaged permission set', () => {
    const problems = problemsAfter((copy) =>
      copy.write(
        PROBE_TEST,
        probeTest(
          "List<PermissionSet> sets = [SELECT Id FROM PermissionSet WHERE Name = 'Insights_Sync_Test_Fields' WITH SYSTEM_MODE];",
          "Assert.areEqual(1, sets.size(), 'one set');"
        )
      )
    );
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /names Insights_Sync_Test_Fields, which only unpackaged\//);
  });

  it('fails when the unpackaged test moves back into the package', () => {
    const problems = problemsAfter((copy) => {
      const moved = readFileSync(
        join(repositoryRoot, 'unpackaged/test-fields/classes/SyncRunJobTest.cls'),
        'utf8'
      );
      copy.write('force-app/main/sync/tests/SyncRunJobCopyTest.cls', moved);
    });
    assert.ok(
      problems.some((problem) => problem.includes('names WalkMe_First_Login__c')),
      problems.join('\n')
    );
    assert.ok(
      problems.some((problem) => problem.includes('names Insights_Sync_Test_Fields')),
      problems.join('\n')
    );
  });

  it('leaves comments alone: only code can depend on a component', () => {
    const source = [
      '// reads WalkMe_Last_Login__c from StaticResource, once',
      "String url = 'https://example.com/a'; /* WalkMe_First_Login__c",
      "   and more */ String next = 'it\\'s // not a comment';"
    ].join('\n');
    const stripped = withoutComments(source);
    assert.equal(stripped.split('\n').length, 3, 'lines kept');
    assert.ok(!stripped.includes('WalkMe_'), stripped);
    assert.ok(!stripped.includes('StaticResource'), stripped);
    assert.ok(stripped.includes("'https://example.com/a'"), 'a string is not a comment');
    assert.ok(stripped.includes("'it\\'s // not a comment'"), 'nor is // inside a string');
  });
});

describe('the budget tests and the package version build', () => {
  const BUDGET_TESTS = [
    'syncpagebudgettest',
    'synckeyledgerbudgettest',
    'insightspagebudgettest',
    'insightsrowsbodybuilder'
  ];

  it('keeps budget-tests/ out of the package and out of its unpackagedMetadata', () => {
    const folders = sourceFolders(repositoryRoot);
    const shown = (paths: string[]): string[] =>
      paths.map((path) => displayPath(repositoryRoot, path));
    assert.deepEqual(shown(folders.packaged), ['force-app']);
    assert.deepEqual(shown(folders.versionBuild), ['unpackaged']);
    assert.deepEqual(shown(folders.scratchOnly), ['budget-tests']);
  });

  it('knows what only budget-tests/ defines: the budget tests and the body builder they share', () => {
    const names = [...scratchOnlyComponents(repositoryRoot).keys()];
    assert.deepEqual([...names].sort(), [...BUDGET_TESTS].sort());
  });

  it('puts every budget test in budget-tests/, none where the version build runs it', () => {
    const folders = sourceFolders(repositoryRoot);
    const misplaced = [...folders.packaged, ...folders.versionBuild]
      .flatMap((folder) => listFiles(folder, (file) => /BudgetTest\.cls$/.test(file)))
      .map((path) => displayPath(repositoryRoot, path));
    assert.deepEqual(misplaced, []);
  });

  it('needs nothing from budget-tests/ in unpackaged/', () => {
    assert.deepEqual(versionBuildReferenceProblems(repositoryRoot), []);
  });

  it('fails on a packaged test that uses the body builder of the budget tests', () => {
    const problems = problemsAfter((copy) =>
      copy.write(
        PROBE_TEST,
        probeTest(
          'String body = new InsightsRowsBodyBuilder(10, 2).build();',
          "Assert.isNotNull(body, 'a body');"
        )
      )
    );
    assert.deepEqual(problems, [
      `${PROBE_TEST}:5: names InsightsRowsBodyBuilder, which only ` +
        'budget-tests/main/insights/tests/InsightsRowsBodyBuilder.cls-meta.xml defines; ' +
        'it is not in the package, so a subscriber org does not have it.'
    ]);
  });

  it('fails on an unpackaged test that uses the body builder of the budget tests', () => {
    const copy = new ProjectCopy();
    try {
      copy.write(
        'unpackaged/test-fields/classes/UnpackagedProbeTest.cls',
        probeTest(
          'String body = new InsightsRowsBodyBuilder(10, 2).build();',
          "Assert.isNotNull(body, 'a body');"
        ).replace('PackagedProbeTest', 'UnpackagedProbeTest')
      );
      assert.deepEqual(versionBuildReferenceProblems(copy.root), [
        'unpackaged/test-fields/classes/UnpackagedProbeTest.cls:5: names InsightsRowsBodyBuilder, ' +
          'which only budget-tests/main/insights/tests/InsightsRowsBodyBuilder.cls-meta.xml ' +
          'defines; package version create deploys this folder without it, so the version build ' +
          'would fail to compile.'
      ]);
    } finally {
      copy.dispose();
    }
  });

  it('fails when a budget test moves back into the package', () => {
    const copy = new ProjectCopy();
    try {
      const moved = 'force-app/main/sync/tests/SyncPageBudgetTest.cls';
      copy.write(
        moved,
        readFileSync(
          join(repositoryRoot, 'budget-tests/main/sync/tests/SyncPageBudgetTest.cls'),
          'utf8'
        )
      );
      const problems = packagedReferenceProblems(copy.root, ALLOWED);
      assert.ok(
        problems.some(
          (problem) =>
            problem.startsWith(`${moved}:`) && problem.includes('names SyncPageBudgetTest')
        ),
        problems.join('\n')
      );
    } finally {
      copy.dispose();
    }
  });
});

describe('the Insights fixtures in code (InsightsFixtureBodies)', () => {
  it('holds every fixture file byte for byte', () => {
    assert.deepEqual(fixtureDifferences(repositoryRoot), []);
    assert.equal(
      readApexFixtures(readFileSync(join(repositoryRoot, FIXTURE_CLASS), 'utf8')).size,
      FIXTURES.length
    );
  });

  it('keeps the CSV export byte order mark and CRLF line ends', () => {
    const csv = readApexFixtures(readFileSync(join(repositoryRoot, FIXTURE_CLASS), 'utf8')).get(
      'LoginsExport'
    );
    assert.ok(csv, 'LoginsExport');
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
    assert.ok(csv.toString('utf8').includes('\r\n'), 'CRLF');
  });

  it('renders a class that reads back as the files', () => {
    const rendered = readApexFixtures(renderApexClass(repositoryRoot));
    for (const fixture of FIXTURES) {
      assert.ok(
        rendered
          .get(fixture.shortName)
          ?.equals(readFileSync(join(repositoryRoot, FIXTURE_FOLDER, fixture.file))),
        fixture.shortName
      );
    }
  });

  it('fails when a fixture file changes and the class is not generated again', () => {
    const copy = new ProjectCopy();
    try {
      cpSync(join(repositoryRoot, FIXTURE_FOLDER), join(copy.root, FIXTURE_FOLDER), {
        recursive: true
      });
      const reports = join(copy.root, FIXTURE_FOLDER, 'reports.json');
      writeFileSync(
        reports,
        readFileSync(reports, 'utf8').replace('rpt-logins-001', 'rpt-logins-002')
      );
      assert.deepEqual(fixtureDifferences(copy.root), [
        `Reports: ${FIXTURE_CLASS} differs from reports.json`
      ]);
    } finally {
      copy.dispose();
    }
  });
});
