import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectCopy } from './projectCopy.ts';

const COMPATIBILITY_CLASS = 'force-app/main/integrations/classes/ColumnTypeCompatibility.cls';
const APEX_META =
  '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n  <apiVersion>65.0</apiVersion>\n  <status>Active</status>\n</ApexClass>\n';

describe('npm run check:apex', () => {
  let copy: ProjectCopy;

  before(() => {
    copy = new ProjectCopy();
  });
  after(() => copy.dispose());

  it('passes on the project as it is', () => {
    const result = copy.runCheck('check-apex.ts');

    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /check:apex: 0 issues in \d+ Apex files/);
  });

  it('fails on an unknown String method and names the file and line', () => {
    copy.edit(COMPATIBILITY_CLASS, (apex) =>
      apex.replace('columnType.trim().toLowerCase()', 'columnType.trim().toLowerKase()')
    );
    const line = copy.lineOf(COMPATIBILITY_CLASS, 'toLowerKase');

    const result = copy.runCheck('check-apex.ts');

    assert.equal(result.status, 1, result.output);
    assert.match(
      result.output,
      new RegExp(`${COMPATIBILITY_CLASS}:${line}:\\d+ .*toLowerKase.*System\\.String`)
    );
    copy.restore(COMPATIBILITY_CLASS);
  });

  it('fails on an unknown field of a custom object and names the file and line', () => {
    copy.write('force-app/main/integrations/classes/RunProbe.cls-meta.xml', APEX_META);
    copy.write(
      'force-app/main/integrations/classes/RunProbe.cls',
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

    const result = copy.runCheck('check-apex.ts');

    assert.equal(result.status, 1, result.output);
    assert.match(
      result.output,
      /force-app\/main\/integrations\/classes\/RunProbe\.cls:3:\d+ .*Rows_Failed__c/
    );
    assert.doesNotMatch(result.output, /Rows_Read__c/, 'a field the object has is not reported');
  });
});
