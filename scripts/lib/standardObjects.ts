/**
 * The platform's standard objects and their fields, offline: apex-ls ships them as compiled
 * Java classes, one per sObject (`com/nawforce/runforce/SObjects/Lead.class`, API 65.0), in
 * `sobject-types-<version>.jar` beside its own jar in `@salesforce/code-analyzer-pmd-engine`.
 * Each instance field of such a class is one field of the object, typed like Apex types it:
 * `Id OwnerId`, `Name Owner` (a polymorphic lookup), `User CreatedBy`, `Contact[] Contacts`
 * (a child relationship). The jar is read where npm installed it, at check time: nothing of
 * it is copied into the project.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { bundledJavaLibFolder } from './project.ts';

const SOBJECT_PACKAGE = 'com/nawforce/runforce/SObjects/';

/**
 * Types of the SObjects package that are compound values, not related records: a field typed
 * `Address` or `Location` is selected as a whole (`BillingAddress`), never walked into.
 */
const COMPOUND_TYPES = new Set(['Address', 'Location']);

/** One field of a standard object, as the jar declares it. */
export interface StandardField {
  readonly name: string;
  /** The related object of a lookup (`User` for `CreatedBy`; `Name` for polymorphic ones). */
  readonly referenceTo?: string;
  /** The child object of a child relationship (`Contact` for `Account.Contacts`). */
  readonly childObject?: string;
}

/** A standard object: its API name and fields, keyed by lower-case name. */
export interface StandardObject {
  readonly name: string;
  readonly fields: ReadonlyMap<string, StandardField>;
}

/** The sObject jar apex-ls ships (its file name carries the API version). */
export function standardObjectJar(folder = bundledJavaLibFolder()): string {
  const jar = readdirSync(folder).find((name) => /^sobject-types-[\d.]+\.jar$/.test(name));
  if (jar === undefined) {
    throw new Error(`no sobject-types-*.jar in ${folder}`);
  }
  return join(folder, jar);
}

/** The standard objects of the jar, read lazily: names listed at once, fields parsed on use. */
export class StandardObjects {
  readonly source: string;
  private readonly zip: ZipArchive;
  /** Lower-case object name → the entry of its class in the jar. */
  private readonly entries = new Map<string, ZipEntry>();
  private readonly parsed = new Map<string, StandardObject>();

  constructor(jarPath = standardObjectJar()) {
    this.source = jarPath;
    this.zip = new ZipArchive(readFileSync(jarPath));
    for (const entry of this.zip.entries) {
      const match = /^com\/nawforce\/runforce\/SObjects\/([A-Za-z0-9_]+)\.class$/.exec(entry.name);
      if (match?.[1] !== undefined) {
        this.entries.set(match[1].toLowerCase(), entry);
      }
    }
  }

  /** How many standard objects the jar describes. */
  get size(): number {
    return this.entries.size;
  }

  /** The standard object of that name (any case), or undefined when the platform has none. */
  get(name: string): StandardObject | undefined {
    const key = name.toLowerCase();
    const known = this.parsed.get(key);
    if (known) {
      return known;
    }
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    const object = objectFromClass(this.zip.read(entry));
    this.parsed.set(key, object);
    return object;
  }
}

/** One SObject class file: its name and instance fields (statics are Apex's describe helpers). */
export function objectFromClass(bytes: Buffer): StandardObject {
  const classFile = parseClassFile(bytes);
  const fields = new Map<string, StandardField>();
  for (const field of classFile.fields) {
    const typed = sobjectTypeOf(field.descriptor);
    let standardField: StandardField;
    if (typed === undefined || COMPOUND_TYPES.has(typed.name)) {
      standardField = { name: field.name };
    } else if (typed.array) {
      standardField = { name: field.name, childObject: typed.name };
    } else {
      standardField = { name: field.name, referenceTo: typed.name };
    }
    fields.set(field.name.toLowerCase(), standardField);
  }
  const name = classFile.name.slice(classFile.name.lastIndexOf('/') + 1);
  return { name, fields };
}

/** `L…/SObjects/User;` → User, `[L…/SObjects/Contact;` → Contact[], other types undefined. */
function sobjectTypeOf(descriptor: string): { name: string; array: boolean } | undefined {
  const match = /^(\[?)L(.+);$/.exec(descriptor);
  const [, array, type] = match ?? [];
  if (type === undefined || !type.startsWith(SOBJECT_PACKAGE)) {
    return undefined;
  }
  return { name: type.slice(SOBJECT_PACKAGE.length), array: array === '[' };
}

// ---------------------------------------------------------------------------------------------
// Java class files: just enough of the format (JVM spec, chapter 4) to list a class's fields.

interface ClassFile {
  name: string;
  fields: { name: string; descriptor: string }[];
}

const ACC_STATIC = 0x0008;

function parseClassFile(bytes: Buffer): ClassFile {
  if (bytes.readUInt32BE(0) !== 0xcafebabe) {
    throw new Error('not a Java class file');
  }
  let at = 8;
  const u1 = (): number => bytes.readUInt8((at += 1) - 1);
  const u2 = (): number => bytes.readUInt16BE((at += 2) - 2);
  const u4 = (): number => bytes.readUInt32BE((at += 4) - 4);

  // The constant pool: UTF-8 strings are what names resolve to; everything else is skipped.
  const poolCount = u2();
  const utf8 = new Map<number, string>();
  const classNames = new Map<number, number>();
  for (let index = 1; index < poolCount; index++) {
    const tag = u1();
    switch (tag) {
      case 1: {
        const length = u2();
        utf8.set(index, bytes.toString('utf8', at, at + length));
        at += length;
        break;
      }
      case 7:
        classNames.set(index, u2());
        break;
      case 8:
      case 16:
      case 19:
      case 20:
        at += 2;
        break;
      case 15:
        at += 3;
        break;
      case 3:
      case 4:
      case 9:
      case 10:
      case 11:
      case 12:
      case 17:
      case 18:
        at += 4;
        break;
      case 5:
      case 6:
        at += 8;
        index += 1; // longs and doubles take two slots
        break;
      default:
        throw new Error(`unknown constant pool tag ${tag}`);
    }
  }
  const text = (index: number): string => {
    const value = utf8.get(index);
    if (value === undefined) {
      throw new Error(`constant ${index} is not a string`);
    }
    return value;
  };

  u2(); // access flags
  const name = text(classNames.get(u2()) ?? 0);
  u2(); // super class
  const interfaces = u2();
  at += 2 * interfaces;
  const fields: ClassFile['fields'] = [];
  const fieldCount = u2();
  for (let index = 0; index < fieldCount; index++) {
    const access = u2();
    const fieldName = text(u2());
    const descriptor = text(u2());
    const attributes = u2();
    for (let attribute = 0; attribute < attributes; attribute++) {
      u2();
      const length = u4();
      at += length;
    }
    if ((access & ACC_STATIC) === 0) {
      fields.push({ name: fieldName, descriptor });
    }
  }
  return { name, fields };
}

// ---------------------------------------------------------------------------------------------
// Zip archives (a jar is one): the central directory lists the entries; each is stored or
// deflated. No zip64: the jar is a few megabytes.

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

class ZipArchive {
  readonly entries: ZipEntry[] = [];

  constructor(private readonly bytes: Buffer) {
    const end = this.endOfCentralDirectory();
    const count = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    for (let index = 0; index < count; index++) {
      if (bytes.readUInt32LE(at) !== 0x02014b50) {
        throw new Error('corrupt zip central directory');
      }
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const commentLength = bytes.readUInt16LE(at + 32);
      this.entries.push({
        method: bytes.readUInt16LE(at + 10),
        compressedSize: bytes.readUInt32LE(at + 20),
        localHeaderOffset: bytes.readUInt32LE(at + 42),
        name: bytes.toString('utf8', at + 46, at + 46 + nameLength)
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  read(entry: ZipEntry): Buffer {
    const at = entry.localHeaderOffset;
    if (this.bytes.readUInt32LE(at) !== 0x04034b50) {
      throw new Error(`corrupt zip entry ${entry.name}`);
    }
    const start = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      return data;
    }
    if (entry.method === 8) {
      return inflateRawSync(data);
    }
    throw new Error(`zip entry ${entry.name} uses compression method ${entry.method}`);
  }

  private endOfCentralDirectory(): number {
    // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
    const lowest = Math.max(0, this.bytes.length - 22 - 0xffff);
    for (let at = this.bytes.length - 22; at >= lowest; at--) {
      if (this.bytes.readUInt32LE(at) === 0x06054b50) {
        return at;
      }
    }
    throw new Error('not a zip archive (no end of central directory)');
  }
}
