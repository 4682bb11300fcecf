/**
 * The objects SOQL may name, and their fields and relationships: the project's own objects
 * (every `objects/<Object>` folder of its package directories, custom fields on standard
 * objects included) over the platform's standard objects (`standardObjects.ts`).
 *
 * A custom object's standard fields are not in its metadata: they follow from its kind (a
 * custom object, a custom setting, custom metadata, a platform event) and are listed here,
 * as the Object Reference lists them. Child relationships a custom object gets from the
 * platform (Attachments, Histories, Shares…) are not modelled: a subquery on one is taken on
 * trust; a custom child relationship (`Issues__r`) is checked.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { childText, parseXml, type XmlElement } from './metadataXml.ts';
import { displayPath, listSourceFiles } from './project.ts';
import type { StandardObjects } from './standardObjects.ts';

export type ObjectKind =
  | 'standard object'
  | 'custom object'
  | 'custom setting'
  | 'custom metadata type'
  | 'platform event'
  | 'external object'
  | 'big object'
  | 'custom object child';

/** An object as SOQL sees it; every map is keyed by lower-case API name. */
export interface SObjectInfo {
  readonly name: string;
  readonly kind: ObjectKind;
  /** Fields that hold a value (relationships not included). */
  readonly fields: ReadonlyMap<string, string>;
  /** Relationship name → the related object (`Name` when polymorphic; undefined when unknown). */
  readonly parents: ReadonlyMap<string, string | undefined>;
  /** Child relationship name → the child object. */
  readonly children: ReadonlyMap<string, string>;
  /** Fields are not known (history, share and feed objects of custom objects): not checked. */
  readonly fieldsUnchecked: boolean;
}

interface ProjectField {
  name: string;
  type?: string;
  referenceTo?: string;
  relationshipName?: string;
}

interface ProjectObject {
  name: string;
  definition?: XmlElement;
  fields: ProjectField[];
  hasRecordTypes: boolean;
}

const RELATIONSHIP_TYPES = new Set(['Lookup', 'MasterDetail', 'MetadataRelationship', 'Hierarchy']);
const AUDIT_FIELDS = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById'];
const AUDIT_RELATIONSHIPS: [string, string][] = [
  ['CreatedBy', 'User'],
  ['LastModifiedBy', 'User']
];

/** The standard fields each kind of custom object has, and its standard relationships. */
function standardFieldsOf(
  kind: ObjectKind,
  project: ProjectObject
): { fields: string[]; parents: [string, string][] } {
  switch (kind) {
    case 'custom metadata type':
      return {
        fields: [
          'Id',
          'DeveloperName',
          'MasterLabel',
          'Label',
          'Language',
          'NamespacePrefix',
          'QualifiedApiName',
          'IsProtected',
          'SystemModstamp',
          ...AUDIT_FIELDS
        ],
        parents: AUDIT_RELATIONSHIPS
      };
    case 'platform event':
      return {
        fields: ['ReplayId', 'EventUuid', 'CreatedDate', 'CreatedById'],
        parents: [['CreatedBy', 'User']]
      };
    case 'custom setting': {
      const hierarchy = childText(project.definition!, 'customSettingsType') === 'Hierarchy';
      return {
        fields: [
          'Id',
          'Name',
          'IsDeleted',
          'SystemModstamp',
          ...AUDIT_FIELDS,
          ...(hierarchy ? ['SetupOwnerId'] : [])
        ],
        parents: [
          ...AUDIT_RELATIONSHIPS,
          ...(hierarchy ? [['SetupOwner', 'Name'] as [string, string]] : [])
        ]
      };
    }
    case 'external object':
      return { fields: ['Id', 'ExternalId', 'DisplayUrl'], parents: [] };
    case 'big object':
      return { fields: ['Id', 'CreatedDate', 'CreatedById', 'SystemModstamp'], parents: [] };
    default: {
      // A detail object (master-detail child) has no owner: its master's owner controls it.
      const isDetail = project.fields.some((field) => field.type === 'MasterDetail');
      const fields = [
        'Id',
        'Name',
        'IsDeleted',
        'SystemModstamp',
        'LastActivityDate',
        'LastViewedDate',
        'LastReferencedDate',
        ...AUDIT_FIELDS
      ];
      const parents = [...AUDIT_RELATIONSHIPS];
      if (!isDetail) {
        fields.push('OwnerId');
        parents.push(['Owner', 'Name']);
      }
      if (project.hasRecordTypes) {
        fields.push('RecordTypeId');
        parents.push(['RecordType', 'RecordType']);
      }
      return { fields, parents };
    }
  }
}

function kindOf(project: ProjectObject): ObjectKind {
  const suffix = /__([A-Za-z]+)$/.exec(project.name)?.[1]?.toLowerCase();
  switch (suffix) {
    case undefined:
      return 'standard object';
    case 'mdt':
      return 'custom metadata type';
    case 'e':
      return 'platform event';
    case 'x':
      return 'external object';
    case 'b':
      return 'big object';
    default:
      return project.definition && childText(project.definition, 'customSettingsType')
        ? 'custom setting'
        : 'custom object';
  }
}

/** The objects SOQL in the project may name, built on demand. */
export class SchemaCatalog {
  private readonly projectObjects = new Map<string, ProjectObject>();
  /** Lower-case parent object → its custom child relationships (`issues__r` → child object). */
  private readonly customChildren = new Map<string, Map<string, string>>();
  private readonly built = new Map<string, SObjectInfo | undefined>();

  constructor(
    project: string,
    private readonly standard: StandardObjects
  ) {
    // objects/<Object>/<Object>.object-meta.xml, its fields/ and its recordTypes/
    const objectFile =
      /[\\/]objects[\\/][^\\/]+[\\/](fields[\\/][^\\/]+\.field|recordTypes[\\/][^\\/]+\.recordType|[^\\/]+\.object)-meta\.xml$/;
    const files = listSourceFiles(project, (path) => objectFile.test(path));
    for (const file of files) {
      const path = displayPath(project, file);
      const segments = path.split('/');
      const objectsIndex = segments.lastIndexOf('objects');
      const objectName = segments[objectsIndex + 1]!;
      const object = this.projectObject(objectName);
      const parsed = parseXml(readFileSync(file, 'utf8'));
      if (path.endsWith('.object-meta.xml')) {
        object.definition = parsed.ok ? parsed.root : undefined;
      } else if (path.endsWith('.recordType-meta.xml')) {
        object.hasRecordTypes = true;
      } else {
        const root = parsed.ok ? parsed.root : undefined;
        const field: ProjectField = {
          name: basename(file).replace(/\.field-meta\.xml$/, ''),
          type: root && childText(root, 'type'),
          referenceTo: root && childText(root, 'referenceTo'),
          relationshipName: root && childText(root, 'relationshipName')
        };
        object.fields.push(field);
        if (field.referenceTo && field.relationshipName) {
          const parentKey = field.referenceTo.toLowerCase();
          const children = this.customChildren.get(parentKey) ?? new Map<string, string>();
          children.set(`${field.relationshipName}__r`.toLowerCase(), objectName);
          this.customChildren.set(parentKey, children);
        }
      }
    }
  }

  /** Where the standard objects come from (the jar's path). */
  get standardSource(): string {
    return this.standard.source;
  }

  /** The object of that name (any case); undefined when the project and platform lack it. */
  object(name: string): SObjectInfo | undefined {
    const key = name.toLowerCase();
    if (!this.built.has(key)) {
      this.built.set(key, this.build(name));
    }
    return this.built.get(key);
  }

  private projectObject(name: string): ProjectObject {
    const key = name.toLowerCase();
    let object = this.projectObjects.get(key);
    if (!object) {
      object = { name, fields: [], hasRecordTypes: false };
      this.projectObjects.set(key, object);
    }
    return object;
  }

  private build(name: string): SObjectInfo | undefined {
    const key = name.toLowerCase();
    const project = this.projectObjects.get(key);
    const standard = this.standard.get(name);
    const fields = new Map<string, string>();
    const parents = new Map<string, string | undefined>();
    const children = new Map<string, string>(this.customChildren.get(key) ?? []);

    if (standard) {
      for (const field of standard.fields.values()) {
        if (field.childObject !== undefined) {
          children.set(field.name.toLowerCase(), field.childObject);
        } else if (field.referenceTo !== undefined) {
          parents.set(field.name.toLowerCase(), field.referenceTo);
        } else {
          fields.set(field.name.toLowerCase(), field.name);
        }
      }
    }
    if (!project) {
      if (standard) {
        return {
          name: standard.name,
          kind: 'standard object',
          fields,
          parents,
          children,
          fieldsUnchecked: false
        };
      }
      // Share, history, feed and change event objects of the project's custom objects.
      const base = /^(.+__)(Share|History|Feed|ChangeEvent)$/i.exec(name);
      if (base && this.projectObjects.has(`${base[1]}c`.toLowerCase())) {
        return {
          name,
          kind: 'custom object child',
          fields,
          parents,
          children,
          fieldsUnchecked: true
        };
      }
      return undefined;
    }

    const kind = standard ? 'standard object' : kindOf(project);
    if (!standard && kind === 'standard object') {
      // A folder for a standard object the platform does not know: its fields are all we have.
      return undefined;
    }
    if (!standard) {
      const defaults = standardFieldsOf(kind, project);
      for (const field of defaults.fields) {
        fields.set(field.toLowerCase(), field);
      }
      for (const [relationship, target] of defaults.parents) {
        parents.set(relationship.toLowerCase(), target);
      }
    }
    for (const field of project.fields) {
      fields.set(field.name.toLowerCase(), field.name);
      if (field.type !== undefined && RELATIONSHIP_TYPES.has(field.type)) {
        const relationship = field.name.replace(/__c$/i, '__r');
        parents.set(
          relationship.toLowerCase(),
          field.type === 'Hierarchy' ? 'User' : field.referenceTo
        );
      }
    }
    return {
      name: standard?.name ?? project.name,
      kind,
      fields,
      parents,
      children,
      fieldsUnchecked: false
    };
  }
}
