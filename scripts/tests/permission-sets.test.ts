/**
 * What each packaged permission set grants, and that the credentials they point to hang together:
 * the Admin set reaches every region's principal and the Viewer set reaches none; each principal,
 * Named Credential and External Credential exists; and each credential calls the host that
 * InsightsRegion.cls names for its region. Both sets read the run log (the fields the console
 * shows, nothing editable, no View All: the log is Private and the package writes it itself), and
 * a field added to the log objects without field permissions fails here. The console's
 * controllers are granted exactly: the Admin set reaches all three and holds the Manage Insights
 * Sync and Read Insights Sync Log custom permissions that they check for; the Viewer set reaches
 * only the reading ones and holds only the second. Every grant of both sets, and every Apex class
 * that reads or writes beyond the user's sharing or permissions, is listed with its reason in
 * docs/security.md (with planted defects of each kind). A mistake here fails the first deploy
 * or, worse, deploys and sends the client secret to the wrong host.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { repositoryRoot } from '../lib/project.ts';
import {
  grantProblems,
  grantsOf,
  systemAccessProblems,
  type ApexClassSource,
  type PermissionSetSource
} from '../lib/securityDoc.ts';

const PERMISSION_SETS = 'force-app/main/app/permissionsets';
const NAMED_CREDENTIALS = 'force-app/main/insights/namedCredentials';
const EXTERNAL_CREDENTIALS = 'force-app/main/insights/externalCredentials';
const REGION_CLASS = 'force-app/main/insights/classes/InsightsRegion.cls';
const PRINCIPAL = 'Insights_Principal';
const SYNC_OBJECTS = 'force-app/main/sync/objects';
/** The run log: written by the package in system mode, read by both permission sets. */
const LOG_OBJECTS = ['Sync_Run__c', 'Sync_Run_Issue__c'] as const;
/** Log fields the console never reads, so neither set grants them. */
const NOT_READ_BY_THE_CONSOLE = new Set([
  'Sync_Run__c.Job_Id__c',
  // Kept for the run's status across links (SyncRunLog); the console shows Issue Count.
  'Sync_Run__c.Error_Issue_Count__c'
]);
const SECURITY_DOC = 'docs/security.md';
const FINISHED_EVENT = 'Sync_Run_Finished__e';
const SETTINGS = 'Insights_Sync_Settings__c';
const CONSOLE_CLASSES = 'force-app/main/console/classes';
const CUSTOM_PERMISSIONS = 'force-app/main/console/customPermissions';
/** The custom permission the controllers check before any change (ConsoleAccess.cls). */
const MANAGE_PERMISSION = 'Manage_Insights_Sync';
/** The custom permission the controllers check before reading the log (ConsoleAccess.cls). */
const READ_LOG_PERMISSION = 'Read_Insights_Sync_Log';
const ACCESS_CLASS = `${CONSOLE_CLASSES}/ConsoleAccess.cls`;

/** Elements that may appear once or many times; parsed as arrays always. */
const REPEATED = new Set([
  'classAccesses',
  'customMetadataTypeAccesses',
  'customPermissions',
  'externalCredentialPrincipalAccesses',
  'fieldPermissions',
  'objectPermissions',
  'userPermissions',
  'externalCredentialParameters',
  'namedCredentialParameters'
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Values stay text: "true" is compared as the Metadata API writes it.
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name)
});

type XmlRecord = Record<string, unknown>;

interface Region {
  code: string;
  host: string;
  credentialName: string;
}

interface ObjectPermission {
  object: string;
  allowCreate: boolean;
  allowDelete: boolean;
  allowEdit: boolean;
  allowRead: boolean;
  modifyAllRecords: boolean;
  viewAllRecords: boolean;
}

interface FieldPermission {
  field: string;
  readable: boolean;
  editable: boolean;
}

interface CustomFieldFile {
  /** `Object__c.Field__c`, as permission sets name fields. */
  name: string;
  type: string;
  required: boolean;
}

interface Parameter {
  parameterName: string;
  parameterType: string;
  parameterValue?: string;
  parameterGroup?: string;
  externalCredential?: string;
}

function read(path: string): string {
  return readFileSync(join(repositoryRoot, path), 'utf8');
}

function parseMetadata(path: string, root: string): XmlRecord {
  const parsed = parser.parse(read(path)) as XmlRecord;
  const element = parsed[root];
  assert.ok(element && typeof element === 'object', `${path} has the root <${root}>`);
  return element as XmlRecord;
}

function records(parent: XmlRecord, name: string): XmlRecord[] {
  return (parent[name] as XmlRecord[] | undefined) ?? [];
}

function text(parent: XmlRecord, name: string): string | undefined {
  const value = parent[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

function flag(parent: XmlRecord, name: string): boolean {
  return text(parent, name) === 'true';
}

function permissionSet(name: string): XmlRecord {
  return parseMetadata(`${PERMISSION_SETS}/${name}.permissionset-meta.xml`, 'PermissionSet');
}

function principals(set: XmlRecord): string[] {
  return records(set, 'externalCredentialPrincipalAccesses')
    .filter((access) => flag(access, 'enabled'))
    .map((access) => text(access, 'externalCredentialPrincipal') ?? '')
    .sort();
}

function objectPermissions(set: XmlRecord): ObjectPermission[] {
  return records(set, 'objectPermissions').map((permission) => ({
    object: text(permission, 'object') ?? '',
    allowCreate: flag(permission, 'allowCreate'),
    allowDelete: flag(permission, 'allowDelete'),
    allowEdit: flag(permission, 'allowEdit'),
    allowRead: flag(permission, 'allowRead'),
    modifyAllRecords: flag(permission, 'modifyAllRecords'),
    viewAllRecords: flag(permission, 'viewAllRecords')
  }));
}

function objectPermission(set: XmlRecord, object: string): ObjectPermission | undefined {
  return objectPermissions(set).find((permission) => permission.object === object);
}

function fieldPermissions(set: XmlRecord): FieldPermission[] {
  return records(set, 'fieldPermissions').map((permission) => ({
    field: text(permission, 'field') ?? '',
    readable: flag(permission, 'readable'),
    editable: flag(permission, 'editable')
  }));
}

/** The custom fields of an object as its source folder declares them. */
function customFieldsOf(object: string): CustomFieldFile[] {
  const folder = `${SYNC_OBJECTS}/${object}/fields`;
  return readdirSync(join(repositoryRoot, folder))
    .filter((file) => file.endsWith('.field-meta.xml'))
    .sort()
    .map((file) => {
      const field = parseMetadata(`${folder}/${file}`, 'CustomField');
      return {
        name: `${object}.${file.replace('.field-meta.xml', '')}`,
        type: text(field, 'type') ?? '',
        required: flag(field, 'required')
      };
    });
}

/**
 * Master-detail fields are required on the detail object, and a permission set granting field
 * permissions on a required field fails to deploy; such fields are readable with their object.
 */
function grantable(field: CustomFieldFile): boolean {
  return field.type !== 'MasterDetail' && !field.required;
}

function enabledMetadataTypes(set: XmlRecord): string[] {
  return records(set, 'customMetadataTypeAccesses')
    .filter((access) => flag(access, 'enabled'))
    .map((access) => text(access, 'name') ?? '');
}

function enabledClasses(set: XmlRecord): string[] {
  return records(set, 'classAccesses')
    .filter((access) => flag(access, 'enabled'))
    .map((access) => text(access, 'apexClass') ?? '')
    .sort();
}

function enabledCustomPermissions(set: XmlRecord): string[] {
  return records(set, 'customPermissions')
    .filter((permission) => flag(permission, 'enabled'))
    .map((permission) => text(permission, 'name') ?? '')
    .sort();
}

function enabledUserPermissions(set: XmlRecord): string[] {
  return records(set, 'userPermissions')
    .filter((permission) => flag(permission, 'enabled'))
    .map((permission) => text(permission, 'name') ?? '');
}

function parameters(credential: XmlRecord, element: string): Parameter[] {
  return records(credential, element).map((parameter) => ({
    parameterName: text(parameter, 'parameterName') ?? '',
    parameterType: text(parameter, 'parameterType') ?? '',
    parameterValue: text(parameter, 'parameterValue'),
    parameterGroup: text(parameter, 'parameterGroup'),
    externalCredential: text(parameter, 'externalCredential')
  }));
}

function externalCredentialPath(name: string): string {
  return `${EXTERNAL_CREDENTIALS}/${name}.externalCredential-meta.xml`;
}

function namedCredentialPath(name: string): string {
  return `${NAMED_CREDENTIALS}/${name}.namedCredential-meta.xml`;
}

function externalCredential(name: string): XmlRecord {
  return parseMetadata(externalCredentialPath(name), 'ExternalCredential');
}

function namedCredential(name: string): XmlRecord {
  return parseMetadata(namedCredentialPath(name), 'NamedCredential');
}

/** The regions as InsightsRegion.cls declares them: `new InsightsRegion(code, label, host, name)`. */
function regionsOfTheApexClass(): Region[] {
  const declaration =
    /new\s+InsightsRegion\(\s*'([^']+)'\s*,\s*'[^']*'\s*,\s*'([^']+)'\s*,\s*'([^']+)'\s*\)/g;
  return [...read(REGION_CLASS).matchAll(declaration)].map((match) => ({
    code: match[1] ?? '',
    host: match[2] ?? '',
    credentialName: match[3] ?? ''
  }));
}

/** The objects the package defines: each has a folder under some `force-app/main/<feature>/objects`. */
function packagedObjectNames(): Set<string> {
  const names = new Set<string>();
  const main = 'force-app/main';
  for (const feature of readdirSync(join(repositoryRoot, main))) {
    const objects = join(repositoryRoot, main, feature, 'objects');
    if (existsSync(objects)) {
      for (const object of readdirSync(objects)) {
        names.add(object);
      }
    }
  }
  return names;
}

const regions = regionsOfTheApexClass();
const packagedObjects = packagedObjectNames();
const admin = permissionSet('Insights_Sync_Admin');
const viewer = permissionSet('Insights_Sync_Viewer');

describe('the regions of InsightsRegion.cls', () => {
  it('are the four the package ships credentials for', () => {
    assert.deepEqual(
      regions.map((region) => region.credentialName).sort(),
      ['WalkMe_Insights_CA', 'WalkMe_Insights_EU', 'WalkMe_Insights_FedRAMP', 'WalkMe_Insights_US'],
      `regions parsed from ${REGION_CLASS}`
    );
  });

  it('each have a Named Credential and an External Credential of the same name', () => {
    for (const { credentialName } of regions) {
      assert.ok(
        existsSync(join(repositoryRoot, namedCredentialPath(credentialName))),
        `${namedCredentialPath(credentialName)} exists`
      );
      assert.ok(
        existsSync(join(repositoryRoot, externalCredentialPath(credentialName))),
        `${externalCredentialPath(credentialName)} exists`
      );
    }
  });
});

describe('Insights Sync Admin', () => {
  it('is labelled, needs no activation and asks for no licence', () => {
    assert.equal(text(admin, 'label'), 'Insights Sync Admin');
    assert.equal(text(admin, 'hasActivationRequired'), 'false');
    assert.equal(text(admin, 'license'), undefined, 'usable with any user licence');
    assert.ok(text(admin, 'description'), 'says what it is for');
  });

  it('grants the principal of every region and nothing else', () => {
    assert.deepEqual(
      principals(admin),
      regions.map((region) => `${region.credentialName}-${PRINCIPAL}`).sort()
    );
  });

  it('leaves User External Credentials to the subscriber admin: install would drop it', () => {
    assert.equal(objectPermission(admin, 'UserExternalCredential'), undefined);
  });

  it('needs no access to the Integration custom metadata type: the package reads it itself', () => {
    assert.deepEqual(enabledMetadataTypes(admin), []);
  });

  it('reads the Integration Saved platform event', () => {
    assert.equal(objectPermission(admin, 'Integration_Saved__e')?.allowRead, true);
  });

  it("reaches exactly the console's four controllers", () => {
    assert.deepEqual(enabledClasses(admin), [
      'ConnectionController',
      'IntegrationController',
      'RunLogController',
      'SettingsController'
    ]);
  });

  it('holds the permissions the controllers check before any change and before the log', () => {
    assert.deepEqual(enabledCustomPermissions(admin), [MANAGE_PERMISSION, READ_LOG_PERMISSION]);
  });
});

describe('Insights Sync Viewer', () => {
  it('is labelled, needs no activation and asks for no licence', () => {
    assert.equal(text(viewer, 'label'), 'Insights Sync Viewer');
    assert.equal(text(viewer, 'hasActivationRequired'), 'false');
    assert.equal(text(viewer, 'license'), undefined, 'usable with any user licence');
    assert.ok(text(viewer, 'description'), 'says what it is for');
  });

  it('needs no access to the Integration custom metadata type: the package reads it itself', () => {
    assert.deepEqual(enabledMetadataTypes(viewer), []);
  });

  it('grants no principal, so a viewer can never call WalkMe or see the connection', () => {
    assert.deepEqual(principals(viewer), []);
    assert.equal(
      objectPermission(viewer, 'UserExternalCredential'),
      undefined,
      'no User External Credential permissions'
    );
  });

  it('reaches only the controllers that read: the integration list and the run log', () => {
    assert.deepEqual(
      enabledClasses(viewer),
      ['IntegrationController', 'RunLogController'],
      'ConnectionController is left out: a viewer never sees the connections'
    );
  });

  it('holds only the log permission, so the controllers refuse a viewer every change', () => {
    assert.deepEqual(enabledCustomPermissions(viewer), [READ_LOG_PERMISSION]);
  });

  it('grants no way to change records', () => {
    const changing = objectPermissions(viewer).filter(
      (permission) =>
        permission.allowCreate ||
        permission.allowEdit ||
        permission.allowDelete ||
        permission.modifyAllRecords
    );
    assert.deepEqual(changing, [], 'object permissions beyond read');
    const editableFields = records(viewer, 'fieldPermissions')
      .filter((permission) => flag(permission, 'editable'))
      .map((permission) => text(permission, 'field'));
    assert.deepEqual(editableFields, [], 'editable fields');
  });
});

describe('both permission sets', () => {
  for (const [name, set] of [
    ['Insights_Sync_Admin', admin],
    ['Insights_Sync_Viewer', viewer]
  ] as const) {
    it(`${name} grants object permissions only on the package's own objects`, () => {
      // A managed package's install ignores object permissions on standard objects: such a grant
      // would look packaged and never reach the subscriber (the docs and the console say what the
      // admin grants by hand instead).
      const notPackaged = objectPermissions(set)
        .map((permission) => permission.object)
        .filter((object) => !packagedObjects.has(object));
      assert.deepEqual(notPackaged, [], 'objects that are not in force-app');
    });

    it(`${name} grants neither Modify All Data nor View All Data`, () => {
      const granted = enabledUserPermissions(set);
      assert.ok(!granted.includes('ModifyAllData'), 'ModifyAllData');
      assert.ok(!granted.includes('ViewAllData'), 'ViewAllData');
    });
  }
});

describe('the console classes and the custom permission the permission sets name', () => {
  it('each granted class is an Apex class of the console', () => {
    for (const name of new Set([...enabledClasses(admin), ...enabledClasses(viewer)])) {
      assert.ok(
        existsSync(join(repositoryRoot, `${CONSOLE_CLASSES}/${name}.cls`)),
        `${CONSOLE_CLASSES}/${name}.cls exists`
      );
    }
  });

  for (const [constant, name, label] of [
    ['MANAGE_PERMISSION', MANAGE_PERMISSION, 'Manage Insights Sync'],
    ['READ_LOG_PERMISSION', READ_LOG_PERMISSION, 'Read Insights Sync Log']
  ] as const) {
    it(`the ${label} permission exists and is the one the controllers check`, () => {
      const path = `${CUSTOM_PERMISSIONS}/${name}.customPermission-meta.xml`;
      const permission = parseMetadata(path, 'CustomPermission');
      assert.equal(text(permission, 'label'), label, path);
      assert.equal(text(permission, 'isLicensed'), 'false', `${path}: needs no licence`);
      assert.match(
        read(ACCESS_CLASS),
        new RegExp(`${constant}\\s*=\\s*'${name}'`),
        `${ACCESS_CLASS} checks ${name}`
      );
    });
  }
});

describe('the run log in both permission sets', () => {
  const logFields = LOG_OBJECTS.flatMap((object) => customFieldsOf(object));

  it('reads the custom fields from the object folders', () => {
    const names = logFields.map((field) => field.name);
    for (const expected of [
      'Sync_Run__c.Status__c',
      'Sync_Run__c.Step_Log__c',
      'Sync_Run_Issue__c.Message__c',
      'Sync_Run_Issue__c.Sync_Run__c'
    ]) {
      assert.ok(names.includes(expected), `${expected} found in ${SYNC_OBJECTS}`);
    }
  });

  for (const [name, set] of [
    ['Insights_Sync_Admin', admin],
    ['Insights_Sync_Viewer', viewer]
  ] as const) {
    for (const object of LOG_OBJECTS) {
      it(`${name} reads ${object} without View All and cannot change any record`, () => {
        assert.deepEqual(objectPermission(set, object), {
          object,
          allowCreate: false,
          allowDelete: false,
          allowEdit: false,
          allowRead: true,
          modifyAllRecords: false,
          viewAllRecords: false
        });
      });
    }

    it(`${name} grants read-only access to every custom field of the run log the console reads`, () => {
      const granted = new Map(
        fieldPermissions(set).map((permission) => [permission.field, permission])
      );
      const notRead = [...NOT_READ_BY_THE_CONSOLE].filter((field) => granted.has(field));
      assert.deepEqual(notRead, [], 'fields the console never reads');
      const missing = logFields
        .filter(grantable)
        .filter((field) => !NOT_READ_BY_THE_CONSOLE.has(field.name))
        .filter((field) => {
          const permission = granted.get(field.name);
          return !permission?.readable || permission.editable;
        })
        .map((field) => field.name);
      assert.deepEqual(missing, [], 'fields without read-only field permissions');
    });

    it(`${name} names no required or unknown field of the run log`, () => {
      const known = new Set(logFields.filter(grantable).map((field) => field.name));
      const unexpected = fieldPermissions(set)
        .map((permission) => permission.field)
        .filter((field) => LOG_OBJECTS.some((object) => field.startsWith(`${object}.`)))
        .filter((field) => !known.has(field));
      assert.deepEqual(
        unexpected,
        [],
        'field permissions on master-detail/required fields (they fail the deploy) or on fields that do not exist'
      );
    });

    it(`${name} needs no access to the settings the package reads itself`, () => {
      assert.equal(objectPermission(set, SETTINGS), undefined, SETTINGS);
    });
  }

  it('neither set reads the Sync Run Finished event: no console feature listens to it', () => {
    assert.equal(objectPermission(admin, FINISHED_EVENT), undefined, 'admin');
    assert.equal(objectPermission(viewer, FINISHED_EVENT), undefined, 'viewer');
  });
});

describe('the credentials the permission sets point to', () => {
  it('each granted principal is a NamedPrincipal of an External Credential in the package', () => {
    for (const principal of principals(admin)) {
      const [credentialName, principalName] = principal.split('-');
      assert.ok(credentialName && principalName, `${principal} is <credential>-<principal>`);
      assert.ok(
        existsSync(join(repositoryRoot, externalCredentialPath(credentialName))),
        `${principal}: ${externalCredentialPath(credentialName)} exists`
      );
      const named = parameters(externalCredential(credentialName), 'externalCredentialParameters')
        .filter((parameter) => parameter.parameterType === 'NamedPrincipal')
        .map((parameter) => parameter.parameterName);
      assert.ok(
        named.includes(principalName),
        `${principal}: ${credentialName} declares the NamedPrincipal ${principalName} (has ${named.join(', ')})`
      );
    }
  });

  it('each Named Credential authenticates with an External Credential in the package', () => {
    for (const { credentialName } of regions) {
      const authentication = parameters(
        namedCredential(credentialName),
        'namedCredentialParameters'
      ).filter((parameter) => parameter.parameterType === 'Authentication');
      assert.equal(authentication.length, 1, `${credentialName}: one Authentication parameter`);
      const target = authentication[0]?.externalCredential ?? '';
      assert.equal(target, credentialName, `${credentialName}: its own region's credential`);
      assert.ok(
        existsSync(join(repositoryRoot, externalCredentialPath(target))),
        `${credentialName}: ${externalCredentialPath(target)} exists`
      );
    }
  });

  it("each Named Credential calls its region's host, as a secured endpoint with callouts on", () => {
    for (const { credentialName, host } of regions) {
      const credential = namedCredential(credentialName);
      const urls = parameters(credential, 'namedCredentialParameters').filter(
        (parameter) => parameter.parameterType === 'Url'
      );
      assert.equal(urls.length, 1, `${credentialName}: one Url parameter`);
      assert.equal(urls[0]?.parameterValue, `https://${host}`, `${credentialName}: URL`);
      assert.equal(text(credential, 'namedCredentialType'), 'SecuredEndpoint', credentialName);
      assert.equal(text(credential, 'calloutStatus'), 'Enabled', `${credentialName}: callouts`);
      assert.equal(text(credential, 'generateAuthorizationHeader'), 'true', credentialName);
      assert.equal(text(credential, 'allowMergeFieldsInBody'), 'false', credentialName);
      assert.equal(text(credential, 'allowMergeFieldsInHeader'), 'false', credentialName);
    }
  });

  it("each External Credential gets its token from its region's host with Basic client auth", () => {
    for (const { credentialName, host } of regions) {
      const credential = externalCredential(credentialName);
      const byType = (type: string): Parameter[] =>
        parameters(credential, 'externalCredentialParameters').filter(
          (parameter) => parameter.parameterType === type
        );
      assert.equal(text(credential, 'authenticationProtocol'), 'Oauth', credentialName);
      assert.deepEqual(
        byType('AuthProtocolVariant').map((parameter) => parameter.parameterValue),
        ['ClientCredentialsClientSecretBasic'],
        `${credentialName}: client credentials, secret sent as Basic authentication`
      );
      assert.deepEqual(
        byType('AuthProviderUrl').map((parameter) => parameter.parameterValue),
        [`https://${host}/accounts/connect/token`],
        `${credentialName}: token URL on the same host as the API`
      );
      assert.deepEqual(
        byType('NamedPrincipal').map((parameter) => parameter.parameterName),
        [PRINCIPAL],
        `${credentialName}: one principal for the org`
      );
    }
  });
});

describe('docs/security.md', () => {
  const sources = (adminXml: string, viewerXml: string): PermissionSetSource[] => [
    { name: 'Insights_Sync_Admin', column: 'Admin', xml: adminXml },
    { name: 'Insights_Sync_Viewer', column: 'Viewer', xml: viewerXml }
  ];
  const adminXml = read(`${PERMISSION_SETS}/Insights_Sync_Admin.permissionset-meta.xml`);
  const viewerXml = read(`${PERMISSION_SETS}/Insights_Sync_Viewer.permissionset-meta.xml`);
  const securityDoc = read(SECURITY_DOC);

  /** Every Apex class of force-app outside the tests, by name. */
  function packagedClasses(): ApexClassSource[] {
    const classes: ApexClassSource[] = [];
    const main = 'force-app/main';
    for (const feature of readdirSync(join(repositoryRoot, main))) {
      const folder = join(repositoryRoot, main, feature, 'classes');
      if (!existsSync(folder)) {
        continue;
      }
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.cls'))) {
        classes.push({
          name: file.replace(/\.cls$/, ''),
          source: readFileSync(join(folder, file), 'utf8')
        });
      }
    }
    return classes;
  }

  it('lists every grant of both permission sets with a reason, and nothing else', () => {
    assert.deepEqual(grantProblems(sources(adminXml, viewerXml), securityDoc), []);
  });

  it('reads the grants of a set as one line each', () => {
    const grants = grantsOf(viewerXml);
    for (const expected of [
      'app Insights_Sync',
      'class RunLogController',
      `custom permission ${READ_LOG_PERMISSION}`,
      'object Sync_Run__c: Read',
      'field Sync_Run_Issue__c.Key__c: Read',
      'tab Insights_Sync: Visible'
    ]) {
      assert.ok(grants.includes(expected), `${expected} in ${grants.join(', ')}`);
    }
  });

  it('fails on a grant it does not list, on a stale row and on a row without a reason', () => {
    const plantedViewer = viewerXml.replace(
      '</PermissionSet>',
      [
        '  <classAccesses>',
        '    <apexClass>ConnectionController</apexClass>',
        '    <enabled>true</enabled>',
        '  </classAccesses>',
        '  <userPermissions>',
        '    <enabled>true</enabled>',
        '    <name>ViewSetup</name>',
        '  </userPermissions>',
        '</PermissionSet>'
      ].join('\n')
    );
    const plantedAdmin = adminXml.replace(
      /<editable>false<\/editable>(\s*<field>Sync_Run__c\.Status__c<\/field>)/,
      '<editable>true</editable>$1'
    );
    assert.notEqual(plantedAdmin, adminXml, 'the Status__c field permission was made editable');
    const plantedDoc = securityDoc
      .replace(/(\| `object Integration_Saved__e: Read`\s*\|[^|]*\|[^|]*\|)[^|\n]*\|/, '$1 |')
      .replace(
        '| `app Insights_Sync`',
        '| `custom metadata Integration__mdt` | ✓ | | Once needed. |\n| `app Insights_Sync`'
      );
    assert.notEqual(plantedDoc, securityDoc, 'the doc was planted');

    const problems = grantProblems(sources(plantedAdmin, plantedViewer), plantedDoc);

    assert.deepEqual(problems.sort(), [
      'Insights_Sync_Admin grants `field Sync_Run__c.Status__c: Read, Edit`, which docs/security.md does not list for Admin with a reason',
      'Insights_Sync_Viewer grants `class ConnectionController`, which docs/security.md does not list for Viewer with a reason',
      'Insights_Sync_Viewer grants `user permission ViewSetup`, which docs/security.md does not list for Viewer with a reason',
      'docs/security.md gives no reason for `object Integration_Saved__e: Read`',
      'docs/security.md lists `custom metadata Integration__mdt` for Admin, which Insights_Sync_Admin does not grant',
      'docs/security.md lists `field Sync_Run__c.Status__c: Read` for Admin, which Insights_Sync_Admin does not grant'
    ]);
  });

  it("lists every class that reads or writes beyond the user's sharing or permissions", () => {
    assert.deepEqual(systemAccessProblems(packagedClasses(), securityDoc), []);
  });

  it('fails on a class with system-mode access it does not list, and on a stale row', () => {
    const classes = packagedClasses()
      .filter((apexClass) => apexClass.name !== 'OrganizationSelector')
      .concat([
        {
          name: 'OrganizationSelector',
          source: 'public with sharing class OrganizationSelector {\n  // WITH SYSTEM_MODE once\n}'
        },
        {
          name: 'LeadPeek',
          source:
            'public with sharing class LeadPeek {\n  Integer n = [SELECT COUNT() FROM Lead WITH SYSTEM_MODE];\n}'
        },
        { name: 'LeadWriter', source: 'public without sharing class LeadWriter {\n}' }
      ]);

    assert.deepEqual(systemAccessProblems(classes, securityDoc).sort(), [
      "LeadPeek reads or writes in system mode or without the user's sharing, and docs/security.md does not list it with a reason",
      "LeadWriter reads or writes in system mode or without the user's sharing, and docs/security.md does not list it with a reason",
      'docs/security.md lists `OrganizationSelector`, which has no system-mode access (or no longer exists)'
    ]);
  });
});
