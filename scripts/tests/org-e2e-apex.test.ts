/**
 * The anonymous Apex `npm run e2e:org` executes, and the Apex blocks of docs/org.md, compiled
 * offline: every snippet is wrapped in a method of a probe class, added to a copy of the project,
 * and checked by apex-ls against the package's classes. A renamed class, method or field then
 * fails here instead of in an org (or in a newcomer's hands). A second probe with a misspelt
 * method proves the probes are really checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
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
import { ProjectCopy } from './projectCopy.ts';

const FOLDER = 'force-app/main/e2eprobe/classes';
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

describe('the e2e run’s anonymous Apex and the Apex of docs/org.md', () => {
  const copy = new ProjectCopy();
  after(() => copy.dispose());

  it('compile against the package’s classes', () => {
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
    assert.ok(docs.length >= 5, `docs/org.md shows its Apex (${docs.length} blocks)`);
    copy.write(`${FOLDER}/E2eProbe.cls`, probeClass('E2eProbe', snippets));
    copy.write(
      `${FOLDER}/DocsProbe.cls`,
      probeClass(
        'DocsProbe',
        Object.fromEntries(docs.map((apex, index) => [`block${index + 1}`, apex]))
      )
    );
    copy.write(`${FOLDER}/DocsProbe.cls-meta.xml`, APEX_META);
    copy.write(`${FOLDER}/E2eProbe.cls-meta.xml`, APEX_META);
    copy.write(
      `${FOLDER}/E2eMisspeltProbe.cls`,
      probeClass('E2eMisspeltProbe', {
        runNow: runNowApex(noNamespace, 'X').replace('.runNow(', '.runNoww(')
      })
    );
    copy.write(`${FOLDER}/E2eMisspeltProbe.cls-meta.xml`, APEX_META);

    const result = copy.runCheck('check-apex.ts');

    assert.match(result.output, /check:apex: \d+ issues? in \d+ Apex files/, result.output);
    const issuesIn = (file: string): string[] =>
      result.output.split('\n').filter((line) => line.includes(`${FOLDER}/${file}:`));
    assert.deepEqual(issuesIn('E2eProbe.cls'), [], 'the e2e snippets compile');
    assert.deepEqual(issuesIn('DocsProbe.cls'), [], 'the Apex of docs/org.md compiles');
    assert.match(
      result.output,
      new RegExp(`${FOLDER}/E2eMisspeltProbe\\.cls:\\d+:\\d+ .*runNoww`),
      'a misspelt method in a snippet is caught'
    );
  });
});
