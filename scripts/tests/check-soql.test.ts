import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findQueries, withPlainBinds } from '../lib/apexQueries.ts';
import { StandardObjects } from '../lib/standardObjects.ts';
import { ProjectCopy, type CheckResult } from './projectCopy.ts';

const PROBE = 'force-app/main/sync/classes/SoqlProbe.cls';
const APEX_META =
  '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n  <apiVersion>65.0</apiVersion>\n  <status>Active</status>\n</ApexClass>\n';

// One class holding every planted defect and the clean queries that must pass beside them.
const PROBE_LINES = [
  'public with sharing class SoqlProbe {',
  "  private static final String LEAD_QUERY = 'SELECT Id, Email FROM Lead';",
  '  public static void probe(Set<Id> ids, String email, Integer size) {',
  '    List<Sync_Run__c> locked = [',
  '      SELECT Id FROM Sync_Run__c WHERE Id IN :ids WITH SYSTEM_MODE',
  '      ORDER BY CreatedDate',
  '      LIMIT 1',
  '      FOR UPDATE',
  '    ];',
  '    List<Lead> leads = [SELECT Id, Walkme_Score__c FROM Lead WHERE Id IN :ids WITH USER_MODE];',
  '    List<Sync_Run__c> runs = [SELECT Id, Rows_Lost__c FROM Sync_Run__c WITH SYSTEM_MODE];',
  '    List<SObject> nothing = [SELECT Id FROM Sync_Batch__c WITH SYSTEM_MODE];',
  '    List<AsyncApexJob> jobs = [SELECT Id, ApexClass.Title FROM AsyncApexJob WITH SYSTEM_MODE];',
  '    List<Sync_Run_Issue__c> issues = [SELECT Run__r.Name FROM Sync_Run_Issue__c WITH SYSTEM_MODE];',
  "    List<Lead> typed = Database.query('SELECT Id, Scor__c FROM Lead WITH USER_MODE');",
  '    List<AggregateResult> totals = [SELECT COUNT(Id) n FROM Sync_Run__c WITH SYSTEM_MODE FOR UPDATE];',
  '    // Clean: binds of every shape, access modes, a subquery, COUNT(), polymorphic owners.',
  '    List<Sync_Run__c> clean = [',
  '      SELECT Id, Owner.Name, CreatedBy.Name, (SELECT Id, Key__c, Sync_Run__r.Status__c FROM Issues__r)',
  '      FROM Sync_Run__c',
  "      WHERE Id IN :ids AND Status__c IN (:email, :email) AND Integration_Name__c LIKE :email + '%'",
  '      WITH USER_MODE',
  '      LIMIT :size',
  '      FOR UPDATE',
  '    ];',
  '    Integer open = [SELECT COUNT() FROM Lead WHERE Email = :email AND IsConverted = FALSE WITH USER_MODE];',
  '    Integer jobCount = [SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = :email WITH SYSTEM_MODE];',
  '    List<Account> accounts = [SELECT Id, (SELECT Email FROM Contacts) FROM Account WITH SECURITY_ENFORCED];',
  "    List<Lead> constant = Database.query(LEAD_QUERY + ' WHERE Email = :email');",
  '    List<Integration__mdt> saved = [SELECT DeveloperName, QualifiedApiName, Label, Target_Object__c FROM Integration__mdt WITH SYSTEM_MODE];',
  '    List<Insights_Sync_Settings__c> settings = [SELECT SetupOwnerId, Log_Retention_Days__c FROM Insights_Sync_Settings__c WITH SYSTEM_MODE];',
  '    List<Lead> dynamic = Database.query(buildQuery(email));',
  '  }',
  '  private static String buildQuery(String field) {',
  "    return 'SELECT Id, ' + field + ' FROM Lead WHERE Email = :email';",
  '  }',
  '}',
  ''
];

/** The 1-based line of the probe holding `text`. */
function probeLine(text: string): number {
  const index = PROBE_LINES.findIndex((line) => line.includes(text));
  assert.notEqual(index, -1, `${text} is not in the probe`);
  return index + 1;
}

describe('npm run check:soql', () => {
  let copy: ProjectCopy;
  let result: CheckResult;

  before(() => {
    copy = new ProjectCopy();
    copy.write(`${PROBE}-meta.xml`, APEX_META);
    copy.write(PROBE, PROBE_LINES.join('\n'));
    result = copy.runCheck('check-soql.ts');
  });
  after(() => copy.dispose());

  it('fails and names file:line of exactly the planted defects', () => {
    const probeProblems = result.output
      .split('\n')
      .filter(
        (line) => line.startsWith(`${PROBE}:`) && !/ skipped as dynamic: | checked in /.test(line)
      );

    assert.equal(result.status, 1, result.output);
    assert.deepEqual(probeProblems, [
      `${PROBE}:${probeLine('ORDER BY CreatedDate')} ORDER BY in a query with FOR UPDATE: Salesforce rejects it (pick the id with an ordered query, then lock that id)`,
      `${PROBE}:${probeLine('Walkme_Score__c')} unknown field Walkme_Score__c on Lead`,
      `${PROBE}:${probeLine('Rows_Lost__c')} unknown field Rows_Lost__c on Sync_Run__c`,
      `${PROBE}:${probeLine('Sync_Batch__c')} unknown object Sync_Batch__c: neither in the project's objects nor a standard object`,
      `${PROBE}:${probeLine('ApexClass.Title')} unknown field ApexClass.Title on AsyncApexJob (ApexClass has no field Title)`,
      `${PROBE}:${probeLine('Run__r.Name')} unknown relationship Run__r on Sync_Run_Issue__c (in Run__r.Name)`,
      `${PROBE}:${probeLine('Scor__c')} unknown field Scor__c on Lead`,
      `${PROBE}:${probeLine('COUNT(Id) n')} FOR UPDATE in an aggregate query: it returns AggregateResults, no records to lock`
    ]);
  });

  it('lists a query built at run time as skipped and checks the constant parts of its text', () => {
    assert.match(
      result.output,
      new RegExp(
        `^${PROBE}:${probeLine('buildQuery(email)')} skipped as dynamic: Database\\.query\\(buildQuery\\(email\\)\\)`,
        'm'
      )
    );
    assert.match(
      result.output,
      new RegExp(
        `^${PROBE}:${probeLine("'SELECT Id, ' + field")} checked in its constant parts only`,
        'm'
      )
    );
    assert.match(
      result.output,
      /check:soql: \d+ problems in \d+ queries \(\d+ skipped as dynamic\) in \d+ Apex files, standard objects from sobject-types-65\.0\.0\.jar/
    );
  });
});

describe('the standard objects apex-ls ships (sobject-types jar)', () => {
  const standard = new StandardObjects();

  it('knows the fields, lookups and child relationships of standard objects', () => {
    assert.ok(standard.get('Lead')?.fields.has('isconverted'), 'Lead.IsConverted');
    assert.ok(standard.get('AsyncApexJob')?.fields.has('apexclassid'), 'AsyncApexJob.ApexClassId');
    assert.equal(standard.get('asyncapexjob')?.fields.get('apexclass')?.referenceTo, 'ApexClass');
    assert.equal(standard.get('Lead')?.fields.get('owner')?.referenceTo, 'Name', 'polymorphic');
    assert.equal(standard.get('Account')?.fields.get('contacts')?.childObject, 'Contact');
    assert.equal(standard.get('Sync_Run__c'), undefined, 'custom objects are not in the jar');
  });
});

describe('finding SOQL in Apex', () => {
  it('finds inline queries and literal Database.query text, with their lines and plain binds', () => {
    const apex = [
      'class A {',
      "  static final String BASE = 'SELECT Id FROM Lead';",
      '  void a() {',
      '    Lead l = [',
      '      SELECT Id // a comment',
      '      FROM Lead WHERE Id = :record.Id AND Email IN (:x, :y) LIMIT :n',
      '    ];',
      "    Database.query(BASE + ' WHERE Name = \\'x\\'');",
      '    Database.query(text);',
      '  }',
      '}'
    ].join('\n');

    const found = findQueries(apex);

    assert.deepEqual(
      found.queries.map((query) => [
        query.line,
        query.kind,
        withPlainBinds(query.soql).text.replace(/\s+/g, ' ').trim()
      ]),
      [
        [
          4,
          'inline',
          "SELECT Id FROM Lead WHERE Id = :bind1 AND Email IN ('bind2', 'bind3') LIMIT 1"
        ],
        [8, 'string', "SELECT Id FROM Lead WHERE Name = 'x'"]
      ]
    );
    assert.equal(found.queries[0]?.soql.lines[found.queries[0].soql.text.indexOf('FROM')], 6);
    assert.deepEqual(found.skipped, [
      { line: 9, reason: 'Database.query(text): the query text is built at run time' }
    ]);
  });
});
