/**
 * Metadata XML as a plain element tree: element names in document order, attributes and
 * trimmed text, which is all the metadata checks need to look at.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), trimmed; empty for elements holding only elements. */
  readonly text: string;
}

export type ParsedXml =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly problem: string };

/** One node of fast-xml-parser's `preserveOrder` output: `{ tag: children, ":@": attributes }`. */
type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Values stay strings: the checks compare API names, and "065" must not become 65.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true
});

/** Parses one metadata file, or says (with the line) why it is not well-formed XML. */
export function parseXml(xml: string): ParsedXml {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { line, msg } = validation.err;
    return { ok: false, problem: `malformed XML at line ${line}: ${msg}` };
  }
  const roots = toElements(parser.parse(xml) as OrderedNode[]);
  const [root] = roots;
  if (!root) {
    return { ok: false, problem: 'malformed XML: no root element' };
  }
  // The validator accepts several top-level elements; XML (and the Metadata API) does not.
  if (roots.length > 1) {
    const names = roots.map((element) => `<${element.name}>`).join(', ');
    return { ok: false, problem: `malformed XML: more than one root element (${names})` };
  }
  return { ok: true, root };
}

function toElements(nodes: readonly OrderedNode[]): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (name === undefined) {
      continue;
    }
    const content = (node[name] ?? []) as OrderedNode[];
    const text = content
      .map((child) => child['#text'])
      .filter((value) => value !== undefined)
      .join('')
      .trim();
    elements.push({
      name,
      attributes: (node[':@'] ?? {}) as Record<string, string>,
      children: toElements(content),
      text
    });
  }
  return elements;
}

/** The trimmed text of the first direct child named `name`; `undefined` when absent or blank. */
export function childText(element: XmlElement, name: string): string | undefined {
  const text = element.children.find((child) => child.name === name)?.text;
  return text ? text : undefined;
}
