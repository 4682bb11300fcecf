/**
 * The rules `npm run lint:metadata` applies to each source-format metadata file: well-formed
 * XML, the root element its suffix calls for, only elements its Metadata API type knows, text
 * no longer than the org stores, the naming and documentation rules for custom objects and
 * fields, the sharing of custom objects (a detail object's from its parent, any other Private)
 * and the permission set grants that would bypass it. Every rule returns plain messages; the
 * caller prefixes them with the file.
 */
import { basename } from 'node:path';
import { lengthProblems } from './metadataLimits.ts';
import type { ElementSpec, MetadataSchema } from './metadataSchema.ts';
import { METADATA_NAMESPACE, metadataSuffixOf, metadataTypeOf } from './metadataTypes.ts';
import { childText, parseXml, type XmlElement } from './metadataXml.ts';

/**
 * Elements the WSDL declares as a plain value whose source-format XML nevertheless holds
 * elements: the Metadata API carries them as an encoded string, the CLI writes them out.
 */
const STRUCTURED_PLAIN_ELEMENTS = new Set(['LightningComponentBundle.targetConfigs']);

/** Suffixes of custom object API names: objects, custom metadata, events, external, big. */
const CUSTOM_OBJECT_SUFFIXES = ['c', 'mdt', 'e', 'x', 'b'];

/** Field types whose size the Metadata API needs spelled out. */
const TYPES_NEEDING_LENGTH = new Set(['Text', 'LongTextArea', 'Html', 'EncryptedText']);
const TYPES_NEEDING_VISIBLE_LINES = new Set(['LongTextArea', 'Html']);
const FIELD_MANAGEABILITY = ['DeveloperControlled', 'SubscriberControlled', 'Locked'];

const MAX_NAME_LENGTH = 40;

/** Every problem of one metadata file; `path` is relative to the project, with `/`. */
export function lintMetadataFile(path: string, xml: string, schema: MetadataSchema): string[] {
  const problems: string[] = [];
  const type = metadataTypeOf(path);
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    problems.push(parsed.problem);
  }
  if (type === undefined) {
    const suffix = metadataSuffixOf(path);
    problems.push(
      suffix === undefined
        ? 'no metadata suffix in the file name (expected Name.<suffix>-meta.xml)'
        : `unknown metadata suffix .${suffix}-meta.xml: its type is not in scripts/lib/metadataTypes.ts`
    );
  }
  // A root of another type would flood the file with elements the expected type lacks, and
  // its naming rules would read the wrong elements: only a matching root is looked into.
  const root = parsed.ok && parsed.root.name === type ? parsed.root : undefined;
  if (parsed.ok && type !== undefined && !root) {
    problems.push(
      `root element <${parsed.root.name}> does not match the file's type: .${metadataSuffixOf(path)}-meta.xml files hold <${type}>`
    );
  }
  if (root && type !== undefined) {
    const namespace = root.attributes['xmlns'];
    if (namespace !== METADATA_NAMESPACE) {
      const found = namespace === undefined ? 'none' : `"${namespace}"`;
      problems.push(`<${type}> must declare xmlns="${METADATA_NAMESPACE}" (found ${found})`);
    }
    problems.push(...elementProblems(root, type, schema));
    problems.push(...textLengthProblems(root, type));
    if (type === 'PermissionSet') {
      problems.push(...permissionSetGrantProblems(root));
    }
  }
  problems.push(...namingProblems(path, root));
  return [...new Set(problems)];
}

/** Text elements longer than the org stores, named with their length and the limit. */
function textLengthProblems(root: XmlElement, type: string): string[] {
  return lengthProblems(root, type).map(({ where, length, max }) => {
    const steps = where.split(' > ');
    const element = steps.pop() ?? where;
    const parents = steps.length > 0 ? `${steps.join(' > ')} > ` : '';
    return `${parents}<${element}> is ${length} characters; a ${type} allows ${max} (the deploy fails with "data value too large")`;
  });
}

/** Walks the document against the schema, reporting elements their type does not declare. */
function elementProblems(root: XmlElement, type: string, schema: MetadataSchema): string[] {
  const shape = schema.shapeOf(type);
  if (shape.kind === 'missing') {
    return [
      `metadata type ${type} is not declared in ${schema.source}, so its elements cannot be checked (a newer @salesforce/types may declare it)`
    ];
  }
  const problems: string[] = [];
  const walk = (element: XmlElement, typeName: string, trail: readonly string[]): void => {
    const elements = schema.elementsOf(typeName);
    if (!elements) {
      return;
    }
    const counts = new Map<string, number>();
    for (const child of element.children) {
      counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
    }
    for (const child of element.children) {
      const spec = elements.get(child.name);
      const where =
        trail.length === 1 ? typeName : `${typeName} at ${[...trail, child.name].join(' > ')}`;
      if (!spec) {
        problems.push(
          `unknown element <${child.name}> in ${where}${suggestion(child.name, elements)}`
        );
        continue;
      }
      const count = counts.get(child.name) ?? 0;
      if (!spec.repeats && count > 1) {
        problems.push(
          `<${child.name}> appears ${count} times in ${where} but may appear only once`
        );
      }
      const childType = declaredType(child, spec, schema);
      const childShape = schema.shapeOf(childType);
      if (childShape.kind === 'complex') {
        walk(child, childType, [...trail, child.name]);
      } else if (childShape.kind === 'missing') {
        problems.push(
          `<${child.name}> in ${where} has type ${childType}, which ${schema.source} does not declare: its content cannot be checked`
        );
      } else if (
        childShape.kind === 'value' &&
        child.children.length > 0 &&
        !STRUCTURED_PLAIN_ELEMENTS.has(`${typeName}.${child.name}`)
      ) {
        const inner = child.children.map((grandChild) => `<${grandChild.name}>`).join(', ');
        problems.push(
          `<${child.name}> in ${where} holds a plain ${childType} value, not elements (found ${inner})`
        );
      }
    }
  };
  walk(root, type, [type]);
  return problems;
}

/** The element's `xsi:type` when it names a declared type, otherwise what its parent declares. */
function declaredType(element: XmlElement, spec: ElementSpec, schema: MetadataSchema): string {
  const override = element.attributes['xsi:type'];
  if (override === undefined) {
    return spec.typeName;
  }
  if (override.startsWith('xsd:')) {
    return 'string';
  }
  return schema.declares(override) ? override : spec.typeName;
}

/** ` (did you mean <length>?)` for a typo of a known element; empty otherwise. */
function suggestion(name: string, elements: ReadonlyMap<string, ElementSpec>): string {
  const best = closestName(name, elements.keys());
  return best === undefined ? '' : ` (did you mean <${best}>?)`;
}

/** The known name `name` is most likely a typo of (a few edits, case aside), if any. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(name.length / 3) + 1);
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Damerau–Levenshtein (optimal string alignment): a swap of two letters counts as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      row[j] = distance;
    }
  }
  return at(a.length, b.length);
}

/** Where a file sits inside `objects/<Object>/`, when it does. */
interface ObjectPlace {
  objectName: string;
  /** The path below the object's folder, e.g. `["fields", "Status__c.field-meta.xml"]`. */
  inside: string[];
}

function objectPlaceOf(path: string): ObjectPlace | undefined {
  const segments = path.split('/');
  if (segments.length < 3) {
    return undefined;
  }
  const index = segments.lastIndexOf('objects', segments.length - 3);
  const objectName = segments[index + 1];
  if (index === -1 || objectName === undefined) {
    return undefined;
  }
  return { objectName, inside: segments.slice(index + 2) };
}

/** The `objects/<Object>` folder of an object's file or child, for the once-per-object rule. */
export function objectFolderOf(path: string): string | undefined {
  const place = objectPlaceOf(path);
  // Deeper files are not an object's metadata: `objects` is then some other folder's name.
  if (!place || place.inside.length > 2) {
    return undefined;
  }
  return path.split('/').slice(0, -place.inside.length).join('/');
}

/** Problems of an object folder's API name (`folder` is `…/objects/<Object>`). */
export function lintObjectFolder(folder: string): string[] {
  const name = basename(folder);
  if (!name.includes('__')) {
    // Standard objects (Account, Task…) appear as folders to hold custom fields on them.
    return /^[A-Za-z][A-Za-z0-9]*$/.test(name)
      ? []
      : [`object folder ${name} is neither a standard object name nor a custom API name (Name__c)`];
  }
  return apiNameProblems(name, 'object', CUSTOM_OBJECT_SUFFIXES);
}

/**
 * Salesforce API names: a letter first, then letters, digits and single underscores, no
 * trailing underscore, at most 40 characters before the suffix. Source files carry no
 * namespace, so a double underscore before the suffix is always a mistake.
 */
function apiNameProblems(name: string, what: string, suffixes: readonly string[]): string[] {
  const allowed = suffixes.map((suffix) => `__${suffix}`).join(', ');
  const match = /^(.*)__([A-Za-z]+)$/.exec(name);
  const base = match?.[1];
  const suffix = match?.[2];
  if (base === undefined || suffix === undefined || !suffixes.includes(suffix)) {
    return [`${what} API name ${name} must end in ${allowed}`];
  }
  const problems: string[] = [];
  if (!/^[A-Za-z]/.test(base)) {
    problems.push(`${what} API name ${name} must start with a letter`);
  }
  if (/[^A-Za-z0-9_]/.test(base)) {
    problems.push(`${what} API name ${name} may hold only letters, digits and underscores`);
  }
  if (base.includes('__')) {
    problems.push(
      `${what} API name ${name} has a double underscore before __${suffix} (only the suffix has one)`
    );
  }
  if (base.endsWith('_')) {
    problems.push(`${what} API name ${name} has an underscore right before __${suffix}`);
  }
  if (base.length > MAX_NAME_LENGTH) {
    problems.push(
      `${what} API name ${name} is ${base.length} characters before __${suffix} (at most ${MAX_NAME_LENGTH})`
    );
  }
  return problems;
}

/** Naming and documentation rules of custom objects and fields; `root` when it is checkable. */
function namingProblems(path: string, root: XmlElement | undefined): string[] {
  const suffix = metadataSuffixOf(path);
  const place = objectPlaceOf(path);
  if (
    suffix === 'field' &&
    (place === undefined || place.inside[0] !== 'fields' || place.inside.length !== 2)
  ) {
    return ['custom field files belong in objects/<Object>/fields/'];
  }
  if (!place) {
    return [];
  }
  if (suffix === 'object' && place.inside.length === 1) {
    return objectProblems(path, place.objectName, root);
  }
  if (suffix === 'field') {
    return fieldProblems(path, place.objectName, root);
  }
  return [];
}

function objectProblems(path: string, objectName: string, root: XmlElement | undefined): string[] {
  const problems: string[] = [];
  const fileName = basename(path).slice(0, -'.object-meta.xml'.length);
  if (fileName !== objectName) {
    problems.push(`object file ${fileName} does not match its folder ${objectName}`);
  }
  if (!root || !objectName.includes('__')) {
    return problems;
  }
  const fullName = childText(root, 'fullName');
  if (fullName !== undefined && fullName !== objectName) {
    problems.push(
      `<fullName>${fullName}</fullName> does not match the object folder ${objectName}`
    );
  }
  if (childText(root, 'label') === undefined) {
    problems.push('custom object has no <label>');
  }
  // Custom settings (`customSettingsType` set) have no plural label; custom objects need one.
  const isCustomSetting = childText(root, 'customSettingsType') !== undefined;
  if (
    objectName.endsWith('__c') &&
    !isCustomSetting &&
    childText(root, 'pluralLabel') === undefined
  ) {
    problems.push('custom object has no <pluralLabel>');
  }
  if (childText(root, 'description') === undefined) {
    problems.push("custom object has no <description> (the package's admins read it)");
  }
  return problems;
}

function fieldProblems(path: string, objectName: string, root: XmlElement | undefined): string[] {
  const fieldName = basename(path).slice(0, -'.field-meta.xml'.length);
  // Standard fields of standard objects (Account.Industry's picklist…) follow no custom rules.
  if (!objectName.includes('__') && !fieldName.includes('__')) {
    return [];
  }
  const problems = apiNameProblems(fieldName, 'custom field', ['c']);
  if (!root) {
    return problems;
  }
  const fullName = childText(root, 'fullName');
  if (fullName !== undefined && fullName !== fieldName) {
    problems.push(`<fullName>${fullName}</fullName> does not match the file name ${fieldName}`);
  }
  if (childText(root, 'label') === undefined) {
    problems.push('custom field has no <label>');
  }
  const type = childText(root, 'type');
  if (type === undefined) {
    problems.push('custom field has no <type>');
  }
  if (childText(root, 'description') === undefined) {
    problems.push("custom field has no <description> (the package's admins read it)");
  }
  if (
    type !== undefined &&
    TYPES_NEEDING_LENGTH.has(type) &&
    childText(root, 'length') === undefined
  ) {
    problems.push(`${type} field has no <length>`);
  }
  if (
    type !== undefined &&
    TYPES_NEEDING_VISIBLE_LINES.has(type) &&
    childText(root, 'visibleLines') === undefined
  ) {
    problems.push(`${type} field has no <visibleLines>`);
  }
  if (objectName.endsWith('__mdt')) {
    const manageability = childText(root, 'fieldManageability');
    if (manageability === undefined) {
      problems.push(
        `custom metadata field has no <fieldManageability> (${FIELD_MANAGEABILITY.join(', ')})`
      );
    } else if (!FIELD_MANAGEABILITY.includes(manageability)) {
      problems.push(
        `<fieldManageability>${manageability}</fieldManageability> is not one of ${FIELD_MANAGEABILITY.join(', ')}`
      );
    }
  }
  return problems;
}

/** What the detail-object rule needs to know of one field of an object. */
export interface FieldFacts {
  readonly name: string;
  readonly type: string | undefined;
}

const CONTROLLED_BY_PARENT = 'ControlledByParent';
const PRIVATE = 'Private';

/**
 * Object permissions that bypass sharing, and the user permissions that do so for every object.
 * The package's objects are Private (its run log holds report keys, record ids and error text);
 * a grant of either kind would open them, or the whole org, to every holder of the set. The
 * package reads its log for its users itself, behind its own permission (docs/security.md).
 */
const SHARING_BYPASSING_OBJECT_PERMISSIONS = ['viewAllRecords', 'modifyAllRecords'] as const;
const SHARING_BYPASSING_USER_PERMISSIONS = ['ViewAllData', 'ModifyAllData'] as const;

/** Grants in a permission set that bypass sharing: each is a problem, named with its object. */
export function permissionSetGrantProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const permission of root.children.filter((child) => child.name === 'objectPermissions')) {
    const object = childText(permission, 'object') ?? '(no object)';
    for (const flag of SHARING_BYPASSING_OBJECT_PERMISSIONS) {
      if (childText(permission, flag) === 'true') {
        problems.push(
          `objectPermissions[${object}] grants <${flag}>: it bypasses the object's sharing for every holder of the set; the package's objects are Private and no feature needs it (docs/security.md)`
        );
      }
    }
  }
  for (const permission of root.children.filter((child) => child.name === 'userPermissions')) {
    const name = childText(permission, 'name');
    const granted = childText(permission, 'enabled') === 'true';
    if (granted && SHARING_BYPASSING_USER_PERMISSIONS.some((bypass) => bypass === name)) {
      problems.push(
        `userPermissions grants ${name}: it bypasses sharing on every object of the org; no feature of the package needs it (docs/security.md)`
      );
    }
  }
  return problems;
}

/**
 * The org-wide defaults of a custom object against its relationships. A detail object (one
 * holding a master-detail field) has no sharing of its own: its records take their access from
 * the master record, so both its internal and its external default read ControlledByParent
 * (Salesforce Help, "Default Organization-Wide Access Levels": external access is Private
 * "unless the default internal access level is Controlled by Parent"; objects controlled by
 * their parent list Controlled by Parent in both columns). The converse is refused on deploy:
 * "Cannot set sharingModel to ControlledByParent on a CustomObject without a MasterDetail
 * relationship field".
 *
 * Any other custom object of the project is Private, inside and out: the package's objects hold
 * subscriber data (the run log: report keys, record ids, error text), and a public default
 * (Read, ReadWrite, ReadWriteTransfer, FullAccess) would show every record to every user with
 * object access. A package upgrade does not change the default a subscriber's org already has
 * (docs/org.md), so it has to be right before the first release.
 */
export function objectSharingProblems(
  objectName: string,
  root: XmlElement,
  fields: readonly FieldFacts[]
): string[] {
  // Standard objects' defaults live in sharing settings; custom metadata types, platform
  // events and big objects have none.
  if (!objectName.endsWith('__c') || childText(root, 'customSettingsType') !== undefined) {
    return [];
  }
  const masters = fields.filter((field) => field.type === 'MasterDetail').map((f) => f.name);
  const models = {
    sharingModel: childText(root, 'sharingModel'),
    externalSharingModel: childText(root, 'externalSharingModel')
  };
  const problems: string[] = [];
  for (const [element, value] of Object.entries(models)) {
    if (masters.length > 0 && value !== CONTROLLED_BY_PARENT) {
      const found =
        value === undefined ? `has no <${element}>` : `has <${element}>${value}</${element}>`;
      problems.push(
        `detail object (master-detail ${masters.join(', ')}) ${found}: a detail object's <${element}> must be ${CONTROLLED_BY_PARENT}`
      );
    }
    if (masters.length === 0 && value === CONTROLLED_BY_PARENT) {
      problems.push(
        `<${element}>${CONTROLLED_BY_PARENT}</${element}> without a master-detail field: the deploy fails ("Cannot set sharingModel to ControlledByParent on a CustomObject without a MasterDetail relationship field")`
      );
    }
    if (
      masters.length === 0 &&
      value !== undefined &&
      value !== CONTROLLED_BY_PARENT &&
      value !== PRIVATE
    ) {
      problems.push(
        `<${element}>${value}</${element}> opens every record to every user with access to the object: the package's objects hold subscriber data, so their default is ${PRIVATE} (docs/security.md)`
      );
    }
  }
  return problems;
}
