import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { lintProject } from '../lib/lintMetadata.ts';
import {
  loadMetadataSchema,
  parseMetadataSchema,
  type MetadataSchema
} from '../lib/metadataSchema.ts';
import { knownSuffixes, metadataTypeOf } from '../lib/metadataTypes.ts';
import { loadConfigSchemas, type ConfigSchemas } from '../lib/projectConfig.ts';
import { ProjectCopy, type CheckResult } from './projectCopy.ts';

const OBJECT_FOLDER = 'force-app/main/sync/objects/Sync_Run__c';
const OBJECT_FILE = `${OBJECT_FOLDER}/Sync_Run__c.object-meta.xml`;
const STATUS_FIELD = `${OBJECT_FOLDER}/fields/Status__c.field-meta.xml`;
const MESSAGE_FIELD = `${OBJECT_FOLDER}/fields/Error_Message__c.field-meta.xml`;
const SETTING_FOLDER = 'force-app/main/sync/objects/Sync_Setting__mdt';
const SETTING_FIELD = `${SETTING_FOLDER}/fields/Batch_Size__c.field-meta.xml`;
const PROBE_COMPONENT = 'force-app/main/console/lwc/syncProbe/syncProbe.js-meta.xml';

/** Types the suffix table names that @salesforce/types 1.9.0 does not declare. */
const TYPES_MISSING_FROM_THE_PACKAGE = new Set([
  'GenAiPlanner',
  'GenAiPromptTemplate',
  'FeatureParameterBoolean',
  'FeatureParameterDate',
  'FeatureParameterInteger'
]);

const xml = (root: string, ...lines: string[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<${root} xmlns="http://soap.sforce.com/2006/04/metadata">`,
    ...lines.map((line) => `  ${line}`),
    `</${root}>`,
    ''
  ].join('\n');

const SYNC_RUN_OBJECT = xml(
  'CustomObject',
  '<deploymentStatus>Deployed</deploymentStatus>',
  '<description>One daily sync of an Insights report into a Salesforce object.</description>',
  '<enableHistory>false</enableHistory>',
  '<label>Sync Run</label>',
  '<nameField>',
  '  <displayFormat>RUN-{0000}</displayFormat>',
  '  <label>Run Number</label>',
  '  <type>AutoNumber</type>',
  '</nameField>',
  '<pluralLabel>Sync Runs</pluralLabel>',
  '<sharingModel>Private</sharingModel>'
);

const STATUS_FIELD_XML = xml(
  'CustomField',
  '<fullName>Status__c</fullName>',
  '<description>Where the run is: queued or done.</description>',
  '<label>Status</label>',
  '<required>false</required>',
  '<type>Picklist</type>',
  '<valueSet>',
  '  <restricted>true</restricted>',
  '  <valueSetDefinition>',
  '    <sorted>false</sorted>',
  '    <value>',
  '      <fullName>Queued</fullName>',
  '      <default>true</default>',
  '      <label>Queued</label>',
  '    </value>',
  '    <value>',
  '      <fullName>Done</fullName>',
  '      <default>false</default>',
  '      <label>Done</label>',
  '    </value>',
  '  </valueSetDefinition>',
  '</valueSet>'
);

const MESSAGE_FIELD_XML = xml(
  'CustomField',
  '<description>The error the run stopped on, if any.</description>',
  '<label>Error Message</label>',
  '<length>32768</length>',
  '<type>LongTextArea</type>',
  '<visibleLines>5</visibleLines>'
);

const SETTING_OBJECT = xml(
  'CustomObject',
  '<description>Tuning of the daily sync.</description>',
  '<label>Sync Setting</label>',
  '<pluralLabel>Sync Settings</pluralLabel>',
  '<visibility>Public</visibility>'
);

const SETTING_FIELD_XML = xml(
  'CustomField',
  '<description>Rows written per batch.</description>',
  '<externalId>false</externalId>',
  '<fieldManageability>SubscriberControlled</fieldManageability>',
  '<label>Batch Size</label>',
  '<precision>5</precision>',
  '<required>false</required>',
  '<scale>0</scale>',
  '<type>Number</type>',
  '<unique>false</unique>'
);

// targetConfigs is a plain string in the WSDL but structured XML in source format.
const PROBE_COMPONENT_XML = xml(
  'LightningComponentBundle',
  '<apiVersion>65.0</apiVersion>',
  '<description>A component exposed on record pages.</description>',
  '<isExposed>true</isExposed>',
  '<masterLabel>Sync Probe</masterLabel>',
  '<targets>',
  '  <target>lightning__RecordPage</target>',
  '  <target>lightning__AppPage</target>',
  '</targets>',
  '<targetConfigs>',
  '  <targetConfig targets="lightning__RecordPage">',
  '    <property name="title" type="String" default="Runs" />',
  '    <objects>',
  '      <object>Sync_Run__c</object>',
  '    </objects>',
  '  </targetConfig>',
  '</targetConfigs>'
);

/** Writes the sample custom object, custom metadata type and component into a copy. */
function writeSamples(copy: ProjectCopy): void {
  copy.write(OBJECT_FILE, SYNC_RUN_OBJECT);
  copy.write(STATUS_FIELD, STATUS_FIELD_XML);
  copy.write(MESSAGE_FIELD, MESSAGE_FIELD_XML);
  copy.write(`${SETTING_FOLDER}/Sync_Setting__mdt.object-meta.xml`, SETTING_OBJECT);
  copy.write(SETTING_FIELD, SETTING_FIELD_XML);
  copy.write(PROBE_COMPONENT, PROBE_COMPONENT_XML);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The check run in this process on a copy (the command is one call around the same function):
 * its problem lines, and the exit status the command would end with.
 */
// Derived once: the schemas come from node_modules and no test changes them.
let schemas: { metadata: MetadataSchema; config: ConfigSchemas } | undefined;

function lint(copy: ProjectCopy): CheckResult & { problems: readonly string[] } {
  schemas ??= { metadata: loadMetadataSchema(), config: loadConfigSchemas() };
  const { problems } = lintProject(copy.root, schemas.metadata, schemas.config);
  return { status: problems.length > 0 ? 1 : 0, output: problems.join('\n'), problems };
}

/** Asserts the check failed and printed `file: …problem…` for this file. */
function assertProblem(output: string, file: string, problem: RegExp): void {
  assert.match(output, new RegExp(`^${escape(file)}: .*${problem.source}`, 'm'), output);
}

describe('metadata schema derived from @salesforce/types', () => {
  const schema = loadMetadataSchema();
  const elements = (type: string): string[] => [...(schema.elementsOf(type)?.keys() ?? [])];

  it("knows CustomField's own elements and fullName from its Metadata base type", () => {
    for (const name of ['fullName', 'label', 'type', 'description', 'length', 'valueSet']) {
      assert.ok(elements('CustomField').includes(name), `CustomField lacks ${name}`);
    }
    assert.ok(elements('CustomField').includes('fieldManageability'));
    assert.deepEqual(schema.elementsOf('CustomField')?.get('valueSet'), {
      typeName: 'ValueSet',
      repeats: false
    });
  });

  it('follows nested complex types and marks repeating elements', () => {
    const definition = schema.elementsOf('ValueSet')?.get('valueSetDefinition');
    assert.ok(definition);
    assert.deepEqual(schema.elementsOf(definition.typeName)?.get('value'), {
      typeName: 'CustomValue',
      repeats: true
    });
    assert.ok(elements('CustomValue').includes('default'));
  });

  it("knows ApexClass's apiVersion, status and repeating packageVersions", () => {
    for (const name of ['apiVersion', 'status', 'packageVersions']) {
      assert.ok(elements('ApexClass').includes(name), `ApexClass lacks ${name}`);
    }
    assert.equal(schema.elementsOf('ApexClass')?.get('packageVersions')?.repeats, true);
    assert.equal(schema.shapeOf('ApexCodeUnitStatus').kind, 'value');
  });

  it("knows LightningComponentBundle's elements", () => {
    for (const name of ['targets', 'targetConfigs', 'isExposed', 'masterLabel', 'description']) {
      assert.ok(elements('LightningComponentBundle').includes(name), `the bundle lacks ${name}`);
    }
    assert.equal(schema.elementsOf('Targets')?.get('target')?.repeats, true);
  });

  it('reads base types, aliases, enumerations, arrays and undeclared types from declarations', () => {
    const fixture = parseMetadataSchema(
      [
        'export type Metadata = { fullName?: string; };',
        "export type Colour = 'Red' | 'Blue';",
        'export type Folder = Metadata & { name: string; shares: Share[]; };',
        'export type ReportFolder = Folder;',
        'export type Share = { to: string; colour?: Colour; since?: Date; extra?: any; };',
        'export type Broken = Metadata & { part: Nowhere; };'
      ].join('\n'),
      'fixture'
    );
    assert.deepEqual(
      [...(fixture.elementsOf('ReportFolder')?.keys() ?? [])],
      ['fullName', 'name', 'shares']
    );
    assert.deepEqual(fixture.elementsOf('Folder')?.get('shares'), {
      typeName: 'Share',
      repeats: true
    });
    assert.equal(fixture.shapeOf('Colour').kind, 'value');
    assert.equal(fixture.shapeOf('Date').kind, 'value');
    assert.equal(fixture.shapeOf('any').kind, 'free');
    assert.equal(fixture.shapeOf('Nowhere').kind, 'missing');
    assert.equal(fixture.shapeOf('Broken').kind, 'complex');
  });

  it('declares every type of the suffix table but the few the package lacks', () => {
    const missing = [...knownSuffixes().values()].filter(
      (type) => schema.shapeOf(type).kind !== 'complex'
    );
    for (const type of missing) {
      assert.ok(TYPES_MISSING_FROM_THE_PACKAGE.has(type), `${type} is not in @salesforce/types`);
    }
  });

  it('tells the metadata type from the suffix and, where suffixes are shared, the folder', () => {
    assert.equal(metadataTypeOf(STATUS_FIELD), 'CustomField');
    assert.equal(
      metadataTypeOf('force-app/main/x/aura/panel/panel.app-meta.xml'),
      'AuraDefinitionBundle'
    );
    assert.equal(
      metadataTypeOf('force-app/main/x/applications/Sync.app-meta.xml'),
      'CustomApplication'
    );
    assert.equal(
      metadataTypeOf('force-app/main/x/settings/Account.settings-meta.xml'),
      'AccountSettings'
    );
    assert.equal(
      metadataTypeOf('force-app/main/x/experiences/help1.site-meta.xml'),
      'ExperienceBundle'
    );
    assert.equal(
      metadataTypeOf('force-app/main/x/customMetadata/Sync_Setting.Default.md-meta.xml'),
      'CustomMetadata'
    );
    assert.equal(metadataTypeOf('force-app/main/x/things/Thing.gizmo-meta.xml'), undefined);
  });
});

describe('npm run lint:metadata', () => {
  let copy: ProjectCopy;

  beforeEach(() => {
    copy = new ProjectCopy();
  });
  afterEach(() => copy.dispose());

  it('passes valid custom objects, fields and components, then fails on an unknown field element', () => {
    writeSamples(copy);
    const valid = lint(copy);
    assert.equal(valid.status, 0, valid.output);

    copy.edit(STATUS_FIELD, (field) =>
      field.replace('<label>Status</label>', '<label>Status</label>\n  <lenght>255</lenght>')
    );
    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(result.output, STATUS_FIELD, /unknown element <lenght> in CustomField/);
    assert.match(result.output, /did you mean <length>\?/);
    assert.equal(result.problems.length, 1, result.output);
  });

  it('fails on malformed XML and names the file and line', () => {
    writeSamples(copy);
    copy.edit(STATUS_FIELD, (field) => field.replace('</label>', '</labl>'));

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(result.output, STATUS_FIELD, /malformed XML at line 5: .*label/);
  });

  it('fails on an unknown element nested inside valueSet and prints its path', () => {
    writeSamples(copy);
    copy.edit(STATUS_FIELD, (field) =>
      field.replace('<sorted>false</sorted>', '<sorted>false</sorted>\n<foo>bar</foo>')
    );

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(
      result.output,
      STATUS_FIELD,
      /unknown element <foo> in \w+ at CustomField > valueSet > valueSetDefinition > foo/
    );
  });

  it('fails on a root element of another type or outside the metadata namespace', () => {
    writeSamples(copy);
    copy.edit(MESSAGE_FIELD, (field) => field.replaceAll('CustomField', 'CustomObject'));
    copy.edit(OBJECT_FILE, (object) => object.replace('2006/04/metadata', '2006/04/metadat'));

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(
      result.output,
      MESSAGE_FIELD,
      /root element <CustomObject> .* hold <CustomField>/
    );
    assertProblem(
      result.output,
      OBJECT_FILE,
      /must declare xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata"/
    );
  });

  it('fails on a file whose suffix is no known metadata type', () => {
    copy.write('force-app/main/sync/gizmos/Probe.gizmo-meta.xml', xml('Gizmo', '<label>x</label>'));

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(
      result.output,
      'force-app/main/sync/gizmos/Probe.gizmo-meta.xml',
      /unknown metadata suffix \.gizmo-meta\.xml/
    );
  });

  it('fails on field names with a double underscore or without __c', () => {
    writeSamples(copy);
    const doubled = `${OBJECT_FOLDER}/fields/Run__Status__c.field-meta.xml`;
    const unsuffixed = `${OBJECT_FOLDER}/fields/Status.field-meta.xml`;
    copy.write(doubled, MESSAGE_FIELD_XML);
    copy.write(unsuffixed, MESSAGE_FIELD_XML);

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(result.output, doubled, /Run__Status__c has a double underscore before __c/);
    assertProblem(result.output, unsuffixed, /custom field API name Status must end in __c/);
    assert.doesNotMatch(result.output, /\/Status__c\.field-meta\.xml/, 'the valid fields pass');
  });

  it('fails on a custom field without a description and names what is missing', () => {
    writeSamples(copy);
    copy.edit(MESSAGE_FIELD, (field) => field.replace(/\s*<description>.*<\/description>/, ''));
    copy.edit(STATUS_FIELD, (field) => field.replace('<fullName>Status__c', '<fullName>State__c'));

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(result.output, MESSAGE_FIELD, /custom field has no <description>/);
    assertProblem(
      result.output,
      STATUS_FIELD,
      /<fullName>State__c<\/fullName> does not match the file name Status__c/
    );
  });

  it('fails on a long text field without its size', () => {
    writeSamples(copy);
    copy.edit(MESSAGE_FIELD, (field) =>
      field
        .replace(/\s*<length>.*<\/length>/, '')
        .replace(/\s*<visibleLines>.*<\/visibleLines>/, '')
    );

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(result.output, MESSAGE_FIELD, /LongTextArea field has no <length>/);
    assertProblem(result.output, MESSAGE_FIELD, /LongTextArea field has no <visibleLines>/);
  });

  it('fails on a custom metadata field without fieldManageability', () => {
    writeSamples(copy);
    copy.edit(SETTING_FIELD, (field) =>
      field.replace(/\s*<fieldManageability>.*<\/fieldManageability>/, '')
    );

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    assertProblem(
      result.output,
      SETTING_FIELD,
      /custom metadata field has no <fieldManageability>/
    );
  });

  it('fails on a custom object without label, plural label or description, or with a bad name', () => {
    writeSamples(copy);
    copy.edit(OBJECT_FILE, (object) =>
      object
        .replace('<label>Sync Run</label>', '')
        .replace('<pluralLabel>Sync Runs</pluralLabel>', '')
        .replace(/<description>.*<\/description>/, '')
    );
    copy.write(
      'force-app/main/sync/objects/Sync_Run_c/fields/Count__c.field-meta.xml',
      MESSAGE_FIELD_XML
    );

    const result = lint(copy);

    assert.equal(result.status, 1, result.output);
    for (const missing of ['label', 'pluralLabel', 'description']) {
      assertProblem(result.output, OBJECT_FILE, new RegExp(`custom object has no <${missing}>`));
    }
    assertProblem(
      result.output,
      'force-app/main/sync/objects/Sync_Run_c',
      /object folder Sync_Run_c is neither a standard object name nor a custom API name/
    );
  });
});

describe('npm run lint:metadata: what an org refuses', () => {
  const PERMISSION =
    'force-app/main/console/customPermissions/Manage_Insights_Sync.customPermission-meta.xml';
  const DETAIL_OBJECT =
    'force-app/main/sync/objects/Sync_Run_Issue__c/Sync_Run_Issue__c.object-meta.xml';
  const LOG_OBJECT = 'force-app/main/sync/objects/Sync_Run__c/Sync_Run__c.object-meta.xml';
  const ADMIN_SET = 'force-app/main/app/permissionsets/Insights_Sync_Admin.permissionset-meta.xml';
  const VIEWER_SET =
    'force-app/main/app/permissionsets/Insights_Sync_Viewer.permissionset-meta.xml';
  const LONE_FOLDER = 'force-app/main/sync/objects/Lone_Probe__c';
  const LONE_OBJECT = `${LONE_FOLDER}/Lone_Probe__c.object-meta.xml`;
  const LABELS = 'force-app/main/console/labels/CustomLabels.labels-meta.xml';
  const SCRATCH = 'config/project-scratch-def.json';
  const SCHEMA = '@salesforce/schemas \\d+\\.\\d+\\.\\d+ project-scratch-def\\.schema\\.json';

  // One copy holds every planted defect; one run must name each, and nothing else.
  it('names each planted defect with its file, element and figures', () => {
    const copy = new ProjectCopy();
    try {
      copy.edit(PERMISSION, (xml) =>
        xml.replace(
          /<description>.*<\/description>/s,
          `<description>${'x'.repeat(300)}</description>`
        )
      );
      copy.edit(DETAIL_OBJECT, (xml) =>
        xml.replace(
          '<externalSharingModel>ControlledByParent</externalSharingModel>',
          '<externalSharingModel>Private</externalSharingModel>'
        )
      );
      // The run log Public Read/Write again, and grants that bypass its sharing.
      copy.edit(LOG_OBJECT, (xml) =>
        xml
          .replace('<sharingModel>Private</sharingModel>', '<sharingModel>ReadWrite</sharingModel>')
          .replace(
            '<externalSharingModel>Private</externalSharingModel>',
            '<externalSharingModel>Read</externalSharingModel>'
          )
      );
      copy.edit(VIEWER_SET, (xml) =>
        xml.replace(
          /(<object>Sync_Run__c<\/object>\s*)<viewAllRecords>false<\/viewAllRecords>/,
          '$1<viewAllRecords>true</viewAllRecords>'
        )
      );
      copy.edit(ADMIN_SET, (xml) =>
        xml
          .replace(
            /<modifyAllRecords>false<\/modifyAllRecords>(\s*<object>Sync_Run_Issue__c<\/object>)/,
            '<modifyAllRecords>true</modifyAllRecords>$1'
          )
          .replace(
            '</PermissionSet>',
            '  <userPermissions>\n    <enabled>true</enabled>\n    <name>ViewAllData</name>\n  </userPermissions>\n</PermissionSet>'
          )
      );
      // ControlledByParent on an object with no master-detail field; a 41-character field label.
      copy.writeCustomObject(LONE_FOLDER, 'Count__c');
      copy.edit(LONE_OBJECT, (xml) =>
        xml.replace(
          '<sharingModel>ReadWrite</sharingModel>',
          '<sharingModel>ControlledByParent</sharingModel>'
        )
      );
      copy.edit(`${LONE_FOLDER}/fields/Count__c.field-meta.xml`, (xml) =>
        xml.replace('<label>Probe Count</label>', `<label>${'L'.repeat(41)}</label>`)
      );
      // Limits count characters, not UTF-16 units: 1,000 emoji fit, 1,001 do not.
      copy.write(
        LABELS,
        xml(
          'CustomLabels',
          '<labels>',
          '  <fullName>Fits</fullName>',
          '  <language>en_US</language>',
          '  <protected>false</protected>',
          '  <shortDescription>Fits</shortDescription>',
          `  <value>${'🙂'.repeat(1000)}</value>`,
          '</labels>',
          '<labels>',
          '  <fullName>Too_Long</fullName>',
          '  <language>en_US</language>',
          '  <protected>false</protected>',
          '  <shortDescription>Too long</shortDescription>',
          `  <value>${'🙂'.repeat(1001)}</value>`,
          '</labels>'
        )
      );
      copy.edit(SCRATCH, (json) =>
        json
          .replace('"EnableSetPasswordInApi"', '"EnableSetPasswordInApi", "AsyncSaveEnabled"')
          .replace('"enableS1DesktopEnabled"', '"enableS1DesktopEnable"')
      );
      copy.edit('sfdx-project.json', (json) =>
        json
          .replace('"versionNumber": "0.1.0.NEXT"', '"versionNumber": "0.1"')
          .replace('"sourceApiVersion"', '"sourceApiVerison": "65.0",\n  "sourceApiVersion"')
      );

      const result = lint(copy);

      const expected: [string, RegExp][] = [
        [
          PERMISSION,
          /<description> is 300 characters; a CustomPermission allows 255 \(the deploy fails with "data value too large"\)$/
        ],
        [
          DETAIL_OBJECT,
          /detail object \(master-detail Sync_Run__c\) has <externalSharingModel>Private<\/externalSharingModel>: a detail object's <externalSharingModel> must be ControlledByParent$/
        ],
        [
          LONE_OBJECT,
          /<sharingModel>ControlledByParent<\/sharingModel> without a master-detail field: the deploy fails/
        ],
        [
          LOG_OBJECT,
          /<sharingModel>ReadWrite<\/sharingModel> opens every record to every user with access to the object: .* their default is Private/
        ],
        [
          LOG_OBJECT,
          /<externalSharingModel>Read<\/externalSharingModel> opens every record to every user/
        ],
        [
          VIEWER_SET,
          /objectPermissions\[Sync_Run__c\] grants <viewAllRecords>: it bypasses the object's sharing/
        ],
        [
          ADMIN_SET,
          /objectPermissions\[Sync_Run_Issue__c\] grants <modifyAllRecords>: it bypasses the object's sharing/
        ],
        [ADMIN_SET, /userPermissions grants ViewAllData: it bypasses sharing on every object/],
        [
          `${LONE_FOLDER}/fields/Count__c.field-meta.xml`,
          /<label> is 41 characters; a CustomField allows 40 /
        ],
        [LABELS, /labels\[Too_Long\] > <value> is 1001 characters; a CustomLabels allows 1000 /],
        [
          SCRATCH,
          new RegExp(
            `scratch org feature "AsyncSaveEnabled" is not in ${SCHEMA}: org create and package version create reject it$`
          )
        ],
        [
          SCRATCH,
          /unknown property "enableS1DesktopEnable" in settings\.lightningExperienceSettings: .* \(did you mean "enableS1DesktopEnabled"\?\)$/
        ],
        [
          'sfdx-project.json',
          /unknown property "sourceApiVerison" at the top level \(did you mean "sourceApiVersion"\?\)$/
        ],
        [
          'sfdx-project.json',
          /packageDirectories\[0\]\.versionNumber: "0\.1" is not MAJOR\.MINOR\.PATCH\.BUILD/
        ]
      ];
      assert.equal(result.status, 1);
      for (const [file, problem] of expected) {
        assertProblem(result.output, file, problem);
      }
      assert.equal(result.problems.length, expected.length, result.output);
    } finally {
      copy.dispose();
    }
  });

  it('reports a project file or scratch definition that is not JSON', () => {
    const copy = new ProjectCopy();
    try {
      copy.edit(SCRATCH, (json) => json.replace('{', '{,'));

      assertProblem(lint(copy).output, SCRATCH, /not valid JSON: /);
    } finally {
      copy.dispose();
    }
  });
});
