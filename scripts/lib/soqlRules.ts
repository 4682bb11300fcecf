/**
 * What `npm run check:soql` finds wrong in one parsed query: objects, fields and relationships
 * that exist neither in the project nor on the standard object, and the SOQL rules of
 * ORG-READINESS.md that show in the text of a query (no ORDER BY and no aggregate with
 * FOR UPDATE). Each problem names a word of the query, so the caller can point at its line.
 */
import type {
  Condition,
  FieldType,
  FunctionExp,
  HavingClause,
  Query,
  QueryBase,
  WhereClause
} from '@jetstreamapp/soql-parser-js';
import { PLACEHOLDER_PATTERN } from './apexQueries.ts';
import type { SchemaCatalog, SObjectInfo } from './soqlSchema.ts';

export interface QueryProblem {
  readonly message: string;
  /** A pattern for the place in the query text the problem is about (its first match). */
  readonly near: RegExp;
}

/** Functions whose arguments are not field names. */
const NON_FIELD_FUNCTIONS = new Set(['fields', 'geolocation']);
/** Aggregate functions: their rows are AggregateResults, not records that could be locked. */
const AGGREGATE_FUNCTIONS = new Set(['count', 'count_distinct', 'sum', 'avg', 'min', 'max']);

/** Every problem of a query (and its subqueries) against the catalog. */
export function queryProblems(query: Query, catalog: SchemaCatalog): QueryProblem[] {
  const problems: QueryProblem[] = [];
  new QueryChecker(catalog, problems).checkQuery(query);
  return problems;
}

/** A word of the query as a pattern: case-insensitive, whole words, `.` with optional spaces. */
export function wordPattern(words: string): RegExp {
  const escaped = words
    .split(/\s+/)
    .map((word) =>
      word
        .split('.')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s*\\.\\s*')
    )
    .join('\\s+');
  return new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`, 'i');
}

class QueryChecker {
  constructor(
    private readonly catalog: SchemaCatalog,
    private readonly problems: QueryProblem[]
  ) {}

  checkQuery(query: Query): void {
    const name = query.sObject;
    let object: SObjectInfo | undefined;
    if (name !== undefined && !PLACEHOLDER_PATTERN.test(name)) {
      object = this.catalog.object(name);
      if (!object) {
        this.report(
          `unknown object ${name}: neither in the project's objects nor a standard object`,
          `FROM ${name}`
        );
      } else if (object.kind === 'platform event') {
        this.report(`${object.name} is a platform event: SOQL cannot query events`, `FROM ${name}`);
        object = undefined;
      }
    }
    this.checkBody(query, object);
  }

  /** The clauses of a query or subquery on `object` (undefined: names cannot be checked). */
  private checkBody(query: QueryBase, object: SObjectInfo | undefined): void {
    const alias = query.sObjectAlias;
    const aliases = new Set<string>();
    for (const field of query.fields ?? []) {
      this.checkSelected(field, object, alias);
      if ('alias' in field && field.alias) {
        aliases.add(field.alias.toLowerCase());
      }
    }
    this.checkWhere(query.where, object, alias);
    for (const group of asList(query.groupBy)) {
      if ('field' in group) {
        this.checkPath(object, group.field, alias);
      } else {
        this.checkFunction(group.fn, object, alias);
      }
    }
    this.checkHaving(query.having, object, alias);
    const orderBy = asList(query.orderBy);
    for (const order of orderBy) {
      if ('field' in order) {
        if (!aliases.has(order.field.toLowerCase())) {
          this.checkPath(object, order.field, alias);
        }
      } else {
        this.checkFunction(order.fn, object, alias);
      }
    }

    if (query.for === 'UPDATE') {
      if (orderBy.length > 0) {
        this.report(
          'ORDER BY in a query with FOR UPDATE: Salesforce rejects it (pick the id with an ordered query, then lock that id)',
          'ORDER BY'
        );
      }
      if (isAggregate(query)) {
        this.report(
          'FOR UPDATE in an aggregate query: it returns AggregateResults, no records to lock',
          'FOR UPDATE'
        );
      }
    }
  }

  private checkSelected(field: FieldType, object: SObjectInfo | undefined, alias?: string): void {
    switch (field.type) {
      case 'Field':
        this.checkPath(object, field.field, alias);
        break;
      case 'FieldRelationship':
        this.checkPath(object, [...field.relationships, field.field].join('.'), alias);
        break;
      case 'FieldFunctionExpression':
        this.checkFunction(field, object, alias);
        break;
      case 'FieldSubquery':
        this.checkSubquery(field.subquery.relationshipName, field.subquery, object);
        break;
      case 'FieldTypeof':
        this.checkTypeof(field.field, field.conditions, object);
        break;
    }
  }

  private checkSubquery(relationship: string, subquery: QueryBase, parent?: SObjectInfo): void {
    if (!parent || PLACEHOLDER_PATTERN.test(relationship)) {
      this.checkBody(subquery, undefined);
      return;
    }
    const childName = parent.children.get(relationship.toLowerCase());
    if (childName === undefined) {
      // Platform child relationships of custom objects (Attachments, Histories…) are not known.
      const custom = parent.kind !== 'standard object' && !/__r$/i.test(relationship);
      if (!custom && !parent.fieldsUnchecked) {
        this.report(
          `unknown child relationship ${relationship} on ${parent.name} (subquery FROM ${relationship})`,
          `FROM ${relationship}`
        );
      }
      this.checkBody(subquery, undefined);
      return;
    }
    this.checkBody(subquery, this.catalog.object(childName));
  }

  private checkTypeof(
    relationship: string,
    conditions: readonly { type: string; objectType?: string; fieldList: string[] }[],
    object: SObjectInfo | undefined
  ): void {
    if (object && !object.fieldsUnchecked && !object.parents.has(relationship.toLowerCase())) {
      this.report(
        `unknown relationship ${relationship} on ${object.name} (TYPEOF ${relationship})`,
        `TYPEOF ${relationship}`
      );
    }
    for (const condition of conditions) {
      if (condition.objectType === undefined) {
        continue; // ELSE: fields of whatever object it is
      }
      const target = this.catalog.object(condition.objectType);
      if (!target) {
        this.report(
          `unknown object ${condition.objectType} in TYPEOF ${relationship}`,
          `WHEN ${condition.objectType}`
        );
        continue;
      }
      for (const field of condition.fieldList) {
        this.checkPath(target, field);
      }
    }
  }

  private checkWhere(where: WhereClause | undefined, object?: SObjectInfo, alias?: string): void {
    if (!where) {
      return;
    }
    const left = where.left as (Condition & { valueQuery?: Query }) | null;
    if (left) {
      if ('field' in left && typeof left.field === 'string') {
        this.checkPath(object, left.field, alias);
      }
      if ('fn' in left && left.fn) {
        this.checkFunction(left.fn, object, alias);
      }
      if (left.valueQuery) {
        this.checkQuery(left.valueQuery);
      }
    }
    if ('right' in where) {
      this.checkWhere(where.right, object, alias);
    }
  }

  private checkHaving(
    having: HavingClause | undefined,
    object?: SObjectInfo,
    alias?: string
  ): void {
    if (!having) {
      return;
    }
    const left = having.left;
    if ('field' in left && typeof left.field === 'string') {
      this.checkPath(object, left.field, alias);
    }
    if ('fn' in left && left.fn) {
      this.checkFunction(left.fn, object, alias);
    }
    if ('right' in having) {
      this.checkHaving(having.right, object, alias);
    }
  }

  private checkFunction(fn: FunctionExp, object?: SObjectInfo, alias?: string): void {
    const name = (fn.functionName ?? '').toLowerCase();
    if (NON_FIELD_FUNCTIONS.has(name)) {
      return;
    }
    const parameters =
      name === 'distance' ? (fn.parameters ?? []).slice(0, 1) : (fn.parameters ?? []);
    for (const parameter of parameters) {
      if (typeof parameter !== 'string') {
        this.checkFunction(parameter, object, alias);
      } else if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(parameter)) {
        this.checkPath(object, parameter, alias);
      }
    }
  }

  /** A field path (`Status__c`, `Owner.Name`, `ApexClass.NamespacePrefix`) on `object`. */
  private checkPath(root: SObjectInfo | undefined, path: string, alias?: string): void {
    if (!root || PLACEHOLDER_PATTERN.test(path)) {
      return;
    }
    let segments = path.split('.').map((segment) => segment.trim());
    // `a.Name` with `FROM Account a` and `Account.Name` with `FROM Account` start at the object.
    const first = segments[0]!.toLowerCase();
    if (
      segments.length > 1 &&
      (first === alias?.toLowerCase() || first === root.name.toLowerCase())
    ) {
      segments = segments.slice(1);
    }
    let object = root;
    for (const [index, segment] of segments.entries()) {
      if (object.fieldsUnchecked) {
        return;
      }
      const last = index === segments.length - 1;
      if (last) {
        if (!object.fields.has(segment.toLowerCase())) {
          const walked = object === root ? '' : ` (${object.name} has no field ${segment})`;
          const hint = object.parents.has(segment.toLowerCase())
            ? `: ${segment} is a relationship, name one of its fields (${segment}.Id)`
            : '';
          this.report(`unknown field ${segments.join('.')} on ${root.name}${walked}${hint}`, path);
        }
        return;
      }
      const key = segment.toLowerCase();
      if (!object.parents.has(key)) {
        const where = segments.length > 1 ? ` (in ${segments.join('.')})` : '';
        const onObject = object === root ? root.name : `${object.name}, reached from ${root.name}`;
        this.report(`unknown relationship ${segment} on ${onObject}${where}`, path);
        return;
      }
      const target = object.parents.get(key);
      const next = target === undefined ? undefined : this.catalog.object(target);
      if (!next) {
        return; // a relationship to an object nothing here describes: its fields are not checked
      }
      object = next;
    }
  }

  private report(message: string, near: string): void {
    if (!this.problems.some((problem) => problem.message === message)) {
      this.problems.push({ message, near: wordPattern(near) });
    }
  }
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** GROUP BY, or an aggregate function in the select list. */
function isAggregate(query: QueryBase): boolean {
  if (asList(query.groupBy).length > 0) {
    return true;
  }
  return (query.fields ?? []).some(
    (field) =>
      field.type === 'FieldFunctionExpression' &&
      AGGREGATE_FUNCTIONS.has(field.functionName.toLowerCase())
  );
}
