/**
 * `npm run check:apex` against one copy of the project holding every planted defect, checked by
 * one apex-ls run: an unknown String method, an unknown field of a custom object, and the
 * anonymous Apex of `npm run e2e:org` and of docs/org.md wrapped in probe classes (with one
 * misspelt probe, proving the probes are really checked). The clean project is the `check:apex`
 * stage itself. The run must report exactly the planted issues: one more would be a check that
 * reports on code it should accept.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  archiveApex,
  listReportsApex,
  readReportApex,
  runNowApex,
  saveIntegrationApex,
  testConnectionApex,
  type ClassName
} from '../org/lib/e2eApex.ts';
import { repositoryRoot } from '../lib/project.ts';
import { LOGINS_MAPPINGS } from '../org/lib/loginsReport.ts';
import { ProjectCopy, type CheckResult } from './projectCopy.ts';

const COMPATIBILITY_CLASS = 'force-app/main/integrations/classes/ColumnTypeCompatibility.cls';
const PROBE_CLASS = 'force-app/main/integrations/classes/RunProbe.cls';
const E2E_FOLDER = 'force-app/main/e2eprobe/classes';
const APEX_META =
  '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n  <apiVersion>65.0</apiVersion>\n  <status>Active</status>\n</ApexClass>\n';
const noNamespace: ClassName = (name) => name;

function probeClass(name: string, snippets: Record<string, string>): string {
  const methods = Object.entries(snippets).map(([method, apex]) =>
    [
      `  public static void ${method}() {`,
      ...apex.split('\n').map((line) => `    ${line}`),
      '  }'
    ].join('\n')
  );
  return [`public with sharing class ${name} {`, ...methods, '}', ''].join('\n');
}

/** The ```apex blocks of a Markdown file. */
function apexBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```apex\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** The issue lines of a check:apex run (`file:line:col category: message`). */
function issues(result: CheckResult): string[] {
  return result.output.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line));
}

let copy: ProjectCopy;
let result: CheckResult;
let lowerKaseLine = 0;
let docsBlocks = 0;

before(() => {
  copy = new ProjectCopy();

  // An unknown method of System.String.
  copy.edit(COMPATIBILITY_CLASS, (apex) =>
    apex.replace('columnType.trim().toLowerCase()', 'columnType.trim().toLowerKase()')
  );
  lowerKaseLine = copy.lineOf(COMPATIBILITY_CLASS, 'toLowerKase');

  // An unknown field of a custom object that has other fields.
  copy.write(`${PROBE_CLASS}-meta.xml`, APEX_META);
  copy.write(
    PROBE_CLASS,
    [
      'public with sharing class RunProbe {',
      '  public static Decimal failedRows(Sync_Probe__c run) {',
      '    return run.Rows_Failed__c;',
      '  }',
      '}',
      ''
    ].join('\n')
  );
  copy.writeCustomObject('force-app/main/sync/objects/Sync_Probe__c', 'Rows_Read__c');

  // The anonymous Apex of the e2e run and of docs/org.md, and one misspelt snippet.
  const snippets = {
    testConnection: testConnectionApex(noNamespace, 'EU'),
    listReports: listReportsApex(noNamespace, 'EU'),
    readReport: readReportApex(noNamespace, 'EU', "rpt-logins-'001"),
    saveIntegration: saveIntegrationApex(noNamespace, {
      developerName: 'Insights_Sync_E2E_Logins',
      label: 'Insights Sync e2e: Logins to Lead',
      reportId: 'rpt-logins-001',
      reportName: 'Logins review',
      region: 'EU',
      targetObject: 'Lead',
      keyColumn: 'email',
      keyField: 'Email',
      mappings: LOGINS_MAPPINGS.map((mapping) => ({
        ...mapping,
        columnType: mapping.kind.type === 'number' ? 'integer' : 'datetime'
      }))
    }),
    runNow: runNowApex(noNamespace, 'Insights_Sync_E2E_Logins'),
    archive: archiveApex(noNamespace, 'Insights_Sync_E2E_Logins')
  };
  const docs = apexBlocks(readFileSync(join(repositoryRoot, 'docs', 'org.md'), 'utf8'));
  docsBlocks = docs.length;
  copy.write(`${E2E_FOLDER}/E2eProbe.cls`, probeClass('E2eProbe', snippets));
  copy.write(
    `${E2E_FOLDER}/DocsProbe.cls`,
    probeClass(
      'DocsProbe',
      Object.fromEntries(docs.map((apex, index) => [`block${index + 1}`, apex]))
    )
  );
  copy.write(
    `${E2E_FOLDER}/E2eMisspeltProbe.cls`,
    probeClass('E2eMisspeltProbe', {
      runNow: runNowApex(noNamespace, 'X').replace('.runNow(', '.runNoww(')
    })
  );
  for (const probe of ['E2eProbe', 'DocsProbe', 'E2eMisspeltProbe']) {
    copy.write(`${E2E_FOLDER}/${probe}.cls-meta.xml`, APEX_META);
  }

  result = copy.runCheck('check-apex.ts');
});
after(() => copy.dispose());

describe('npm run check:apex', () => {
  it('fails, reporting exactly the planted issues', () => {
    assert.equal(result.status, 1, result.output);
    assert.equal(issues(result).length, 3, result.output);
    assert.match(result.output, /^check:apex: 3 issues in \d+ Apex files/m);
  });

  it('names an unknown String method with its file and line', () => {
    assert.match(
      result.output,
      new RegExp(
        `^${COMPATIBILITY_CLASS}:${lowerKaseLine}:\\d+ .*toLowerKase.*System\\.String`,
        'm'
      )
    );
  });

  it('names an unknown field of a custom object with its file and line', () => {
    assert.match(result.output, new RegExp(`^${PROBE_CLASS}:3:\\d+ .*Rows_Failed__c`, 'm'));
    assert.doesNotMatch(result.output, /Rows_Read__c/, 'a field the object has is not reported');
  });
});

describe('the e2e run’s anonymous Apex and the Apex of docs/org.md', () => {
  const issuesIn = (file: string): string[] =>
    issues(result).filter((line) => line.startsWith(`${E2E_FOLDER}/${file}:`));

  it('compile against the package’s classes', () => {
    assert.ok(docsBlocks >= 5, `docs/org.md shows its Apex (${docsBlocks} blocks)`);
    assert.deepEqual(issuesIn('E2eProbe.cls'), [], 'the e2e snippets compile');
    assert.deepEqual(issuesIn('DocsProbe.cls'), [], 'the Apex of docs/org.md compiles');
  });

  it('are really checked: a misspelt method in a snippet is caught', () => {
    assert.equal(issuesIn('E2eMisspeltProbe.cls').length, 1, result.output);
    assert.match(issuesIn('E2eMisspeltProbe.cls')[0] ?? '', /runNoww/);
  });
});
