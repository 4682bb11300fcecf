/**
 * The Metadata API's types, read from the TypeScript declarations that `@salesforce/types`
 * generates from Salesforce's metadata WSDL: for every complex type, the elements it may hold
 * and the declared type of each. The declarations are parsed (not type-checked) once per run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** One child element a complex type declares. */
export interface ElementSpec {
  /** A declared type's name, or a plain type: `string`, `number`, `boolean`, `Date`, `any`. */
  readonly typeName: string;
  /** Whether the element may appear more than once (an array in the declarations). */
  readonly repeats: boolean;
}

/**
 * What an element of a type may contain: child elements (`complex`), only text (`value`:
 * strings, numbers, booleans, enumerations), anything (`free`: the WSDL's `anyType`), or
 * `missing` when the declarations do not know the type at all.
 */
export type TypeShape =
  | { readonly kind: 'complex'; readonly elements: ReadonlyMap<string, ElementSpec> }
  | { readonly kind: 'value' }
  | { readonly kind: 'free' }
  | { readonly kind: 'missing' };

const VALUE: TypeShape = { kind: 'value' };
const FREE: TypeShape = { kind: 'free' };
const MISSING: TypeShape = { kind: 'missing' };

const PLAIN_TYPES: ReadonlyMap<string, TypeShape> = new Map<string, TypeShape>([
  ['string', VALUE],
  ['number', VALUE],
  ['boolean', VALUE],
  // xsd:date and xsd:dateTime are declared as the global Date.
  ['Date', VALUE],
  ['any', FREE],
  ['unknown', FREE]
]);

export class MetadataSchema {
  private readonly shapes = new Map<string, TypeShape>();

  /**
   * @param declarations every `export type Name = …` of the declaration file, by name
   * @param source where the declarations come from, for messages
   */
  constructor(
    private readonly declarations: ReadonlyMap<string, ts.TypeNode>,
    readonly source: string
  ) {}

  /** Whether the declarations name this type (complex, enumeration or alias). */
  declares(typeName: string): boolean {
    return this.declarations.has(typeName);
  }

  /** The shape of a declared or plain type; aliases and base types are followed. */
  shapeOf(typeName: string): TypeShape {
    const known = this.shapes.get(typeName) ?? PLAIN_TYPES.get(typeName);
    if (known) {
      return known;
    }
    const declaration = this.declarations.get(typeName);
    if (!declaration) {
      return MISSING;
    }
    // Aliases and `Base & {…}` chains are acyclic in the WSDL; the marker only guards against
    // a future declaration file that is not, so it cannot recurse forever.
    this.shapes.set(typeName, FREE);
    const shape = this.shapeOfNode(declaration);
    this.shapes.set(typeName, shape);
    return shape;
  }

  /** The elements a complex type may hold, own and inherited; `undefined` for other types. */
  elementsOf(typeName: string): ReadonlyMap<string, ElementSpec> | undefined {
    const shape = this.shapeOf(typeName);
    return shape.kind === 'complex' ? shape.elements : undefined;
  }

  private shapeOfNode(node: ts.TypeNode): TypeShape {
    if (ts.isTypeLiteralNode(node)) {
      return { kind: 'complex', elements: membersOf(node) };
    }
    if (ts.isIntersectionTypeNode(node)) {
      // `CustomField = Metadata & {…}`: the base type's elements (fullName) come first.
      const elements = new Map<string, ElementSpec>();
      for (const part of node.types) {
        const shape = this.shapeOfNode(part);
        if (shape.kind !== 'complex') {
          return shape.kind === 'missing' ? MISSING : FREE;
        }
        for (const [name, spec] of shape.elements) {
          elements.set(name, spec);
        }
      }
      return { kind: 'complex', elements };
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      return this.shapeOf(node.typeName.text);
    }
    if (ts.isUnionTypeNode(node)) {
      return node.types.every((part) => ts.isLiteralTypeNode(part)) ? VALUE : FREE;
    }
    if (ts.isLiteralTypeNode(node)) {
      return VALUE;
    }
    return PLAIN_TYPES.get(keywordName(node) ?? '') ?? FREE;
  }
}

function membersOf(literal: ts.TypeLiteralNode): Map<string, ElementSpec> {
  const elements = new Map<string, ElementSpec>();
  for (const member of literal.members) {
    if (!ts.isPropertySignature(member) || !member.type) {
      continue;
    }
    const name =
      ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)
        ? member.name.text
        : undefined;
    if (name !== undefined) {
      elements.set(name, elementSpec(member.type));
    }
  }
  return elements;
}

function elementSpec(node: ts.TypeNode): ElementSpec {
  const repeats = ts.isArrayTypeNode(node);
  const single = ts.isArrayTypeNode(node) ? node.elementType : node;
  if (ts.isTypeReferenceNode(single) && ts.isIdentifier(single.typeName)) {
    return { typeName: single.typeName.text, repeats };
  }
  if (ts.isLiteralTypeNode(single) || ts.isUnionTypeNode(single)) {
    return { typeName: 'string', repeats };
  }
  return { typeName: keywordName(single) ?? 'any', repeats };
}

function keywordName(node: ts.TypeNode): string | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
      return 'any';
    case ts.SyntaxKind.UnknownKeyword:
      return 'unknown';
    default:
      return undefined;
  }
}

/** Reads a declaration file's `export type` aliases; other statements carry no schema. */
export function parseMetadataSchema(declarationText: string, source: string): MetadataSchema {
  const file = ts.createSourceFile(source, declarationText, ts.ScriptTarget.Latest, false);
  const declarations = new Map<string, ts.TypeNode>();
  for (const statement of file.statements) {
    if (ts.isTypeAliasDeclaration(statement)) {
      declarations.set(statement.name.text, statement.type);
    }
  }
  return new MetadataSchema(declarations, source);
}

/** Where `@salesforce/types` keeps the Metadata API declarations, and which version it is. */
export function metadataDeclarationFile(): { path: string; version: string } {
  // The package's `exports` name only the compiled modules; the .d.ts sits next to them.
  const module = createRequire(import.meta.url).resolve('@salesforce/types/metadata');
  const path = module.replace(/\.js$/, '.d.ts');
  const manifest = JSON.parse(
    readFileSync(join(dirname(module), '..', 'package.json'), 'utf8')
  ) as {
    version?: string;
  };
  return { path, version: manifest.version ?? 'unknown version' };
}

let loaded: MetadataSchema | undefined;

/** The schema of the installed `@salesforce/types`, parsed on first use. */
export function loadMetadataSchema(): MetadataSchema {
  if (!loaded) {
    const { path, version } = metadataDeclarationFile();
    loaded = parseMetadataSchema(readFileSync(path, 'utf8'), `@salesforce/types ${version}`);
  }
  return loaded;
}
