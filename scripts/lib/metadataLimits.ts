/**
 * How long each text element of the metadata this package holds may be. A value over the limit
 * passes every offline tool and the CLI's conversion, then fails the deploy or the package
 * version with "data value too large", one component at a time.
 *
 * Each limit names where it comes from. Most are printed in the Metadata API Developer Guide or
 * in the Field Reference (the length column of the setup object behind the type); a few the
 * Metadata API pages leave unstated and are the sizes Setup's own edit pages enforce, which a
 * deploy enforces the same way. Lengths are counted in characters, as the platform counts them
 * (not UTF-16 units, not bytes), after XML entities are decoded.
 */
import type { XmlElement } from './metadataXml.ts';

export interface TextLimit {
  /** The Metadata API type of the file's root element. */
  readonly type: string;
  /** The element's path below the root, e.g. `["labels", "value"]`. */
  readonly path: readonly string[];
  /** The most characters the org accepts. */
  readonly max: number;
}

export const TEXT_LIMITS: readonly TextLimit[] = [
  // Metadata API Developer Guide, CustomPermission: "label … Limit: 80 characters",
  // "description … Limit: 255 characters".
  // https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_custompermission.htm
  { type: 'CustomPermission', path: ['label'], max: 80 },
  { type: 'CustomPermission', path: ['description'], max: 255 },

  // Field Reference, PermissionSet: Label string 80, Description string 255 (a permission set
  // group is a PermissionSet row too).
  // https://developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/sfFieldRef/salesforce_field_reference_PermissionSet.htm
  { type: 'PermissionSet', path: ['label'], max: 80 },
  { type: 'PermissionSet', path: ['description'], max: 255 },
  { type: 'PermissionSetGroup', path: ['label'], max: 80 },
  { type: 'PermissionSetGroup', path: ['description'], max: 255 },

  // Field Reference, NamedCredential: MasterLabel string 80, Description string 255.
  // https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-namedcredential.html
  { type: 'NamedCredential', path: ['label'], max: 80 },
  { type: 'NamedCredential', path: ['description'], max: 255 },
  // ExternalCredential's pages print no lengths; it is edited on the same Setup page as the
  // named credential and is held to the same label and description sizes here.
  { type: 'ExternalCredential', path: ['label'], max: 80 },
  { type: 'ExternalCredential', path: ['description'], max: 255 },

  // Field Reference, AppMenuItem (the App Launcher entry every Lightning app gets): Label
  // string 80, Description string 250.
  // https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-appmenuitem.html
  { type: 'CustomApplication', path: ['label'], max: 80 },
  { type: 'CustomApplication', path: ['description'], max: 250 },

  // Metadata API Developer Guide, CustomLabels: "custom text values, up to 1,000 characters".
  // https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_customlabels.htm
  { type: 'CustomLabels', path: ['labels', 'value'], max: 1000 },

  // Metadata API Developer Guide, CustomMetadata: description "can contain up to 1,000
  // characters". A record's label is its MasterLabel: 40 characters on Setup's record page.
  // https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_custommetadata.htm
  { type: 'CustomMetadata', path: ['description'], max: 1000 },
  { type: 'CustomMetadata', path: ['label'], max: 40 },

  // Salesforce Help, knowledge article 000381913: "The current character limit for creating
  // field names and labels is 40 characters." Description (1,000) and help text (510) are
  // the sizes of Setup's New Custom Field page; the CustomField page prints no number.
  // https://help.salesforce.com/s/articleView?id=000381913&type=1
  { type: 'CustomField', path: ['label'], max: 40 },
  { type: 'CustomField', path: ['description'], max: 1000 },
  { type: 'CustomField', path: ['inlineHelpText'], max: 510 },

  // Custom objects, custom metadata types and platform events: label and plural label are 40
  // characters and the description 1,000 on Setup's New Custom Object page; the CustomObject
  // page prints no number.
  { type: 'CustomObject', path: ['label'], max: 40 },
  { type: 'CustomObject', path: ['pluralLabel'], max: 40 },
  { type: 'CustomObject', path: ['description'], max: 1000 }
];

/** One element over its limit. */
export interface LengthProblem {
  /** Where the element sits, e.g. `description` or `labels[Greeting] > value`. */
  readonly where: string;
  readonly length: number;
  readonly max: number;
}

/** Characters as the platform counts them: code points, so an emoji is one. */
export function characterCount(text: string): number {
  return [...text].length;
}

/** Every text element of `root` (a `type` document) that is longer than its limit. */
export function lengthProblems(
  root: XmlElement,
  type: string,
  limits: readonly TextLimit[] = TEXT_LIMITS
): LengthProblem[] {
  const problems: LengthProblem[] = [];
  for (const limit of limits.filter((candidate) => candidate.type === type)) {
    for (const { element, where } of elementsAt(root, limit.path)) {
      const length = characterCount(element.text);
      if (length > limit.max) {
        problems.push({ where, length, max: limit.max });
      }
    }
  }
  return problems;
}

/**
 * The elements at `path` below `element`, each with a readable place: a repeating parent is
 * named by its `fullName` when it has one, so the message says which custom label is too long.
 */
function elementsAt(
  element: XmlElement,
  path: readonly string[],
  trail = ''
): { element: XmlElement; where: string }[] {
  const [name, ...rest] = path;
  if (name === undefined) {
    return [{ element, where: trail }];
  }
  return element.children
    .filter((child) => child.name === name)
    .flatMap((child) => {
      const fullName =
        rest.length > 0 ? child.children.find((c) => c.name === 'fullName') : undefined;
      const step = fullName?.text ? `${name}[${fullName.text}]` : name;
      return elementsAt(child, rest, trail === '' ? step : `${trail} > ${step}`);
    });
}
