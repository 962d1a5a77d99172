import type { FieldType as SelectField, FieldTypeOf, QueryBase, Subquery } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema/object-schema.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { Bindable, CompileContext, Predicate } from './query-env.ts';
import type { FieldPath } from './field-path.ts';
import { resolveFieldPath } from './field-path.ts';
import type { SelectNode } from './select-nodes.ts';
import { insertPath } from './select-nodes.ts';
import type { SortSpec } from './order-by.ts';
import { compileRecordOrderBy } from './order-by.ts';
import { compileWhere } from './where-clause.ts';
import type { ModstampRange } from './modstamp-range.ts';
import { compileModstampRange } from './modstamp-range.ts';
import { malformedQuery, SoqlError, unknownChildRelationship, unknownRelationship } from './soql-error.ts';

/** One field of a Bulk 2.0 CSV: its header (the schema-cased path) and how to read it. */
export type BulkColumn = { header: string; path: FieldPath };

/** What Bulk API 2.0 refuses, recorded while compiling so the check needs no second parse. */
export type QueryFeatures = {
  childSubqueries: string[];
  typeofFields: string[];
  compoundFields: string[];
};

/** A compiled non-aggregate SELECT: the main query or a child subquery. */
export type RecordPlan = {
  object: ObjectDef;
  select: SelectNode[];
  columns: BulkColumn[];
  where: Bindable<Predicate> | null;
  /** Where an index on SystemModstamp can stand in for the scan; null: scan every row. */
  modstampRange: ModstampRange | null;
  orderBy: SortSpec<SObjectRecord>[];
  limit: number | null;
  offset: number;
  features: QueryFeatures;
};

/** Salesforce caps OFFSET at 2,000 (NUMBER_OUTSIDE_VALID_RANGE beyond). */
const MAX_OFFSET = 2000;
/** FIELDS(ALL) and FIELDS(CUSTOM) are only accepted with LIMIT ≤ 200. */
const FIELDS_UNBOUNDED_LIMIT = 200;

const ownerOf = (ctx: CompileContext, base: ObjectDef, path: FieldPath): ObjectDef => {
  const last = path.hops[path.hops.length - 1];
  if (!last) return base;
  return last.targets.find((t) => ctx.catalog.field(t.name, path.field.name)) ?? last.targets[0] ?? base;
};

const rawPathOf = (field: SelectField): string | null => {
  if (field.type === 'Field') return field.field;
  if (field.type === 'FieldRelationship') return [...field.relationships, field.field].join('.');
  return null;
};

export const compileRecordPlan = (ctx: CompileContext, object: ObjectDef, query: QueryBase, isSubquery: boolean): RecordPlan => {
  const alias = query.sObjectAlias;
  const select: SelectNode[] = [];
  const columns: BulkColumn[] = [];
  const features: QueryFeatures = { childSubqueries: [], typeofFields: [], compoundFields: [] };

  const addPath = (path: FieldPath, options: { toLabel?: boolean; onDuplicate: 'error' | 'skip' }): void => {
    const header = path.path.toLowerCase();
    if (options.onDuplicate === 'skip' && columns.some((c) => c.header.toLowerCase() === header)) return;
    insertPath(ctx, select, path, ownerOf(ctx, object, path), options);
    columns.push({ header: path.path, path });
    if (path.field.type === 'address') features.compoundFields.push(path.path);
  };

  for (const field of query.fields ?? []) {
    const raw = rawPathOf(field);
    if (raw !== null) {
      addPath(resolveFieldPath(ctx, object, raw, alias), { onDuplicate: 'error' });
      continue;
    }
    switch (field.type) {
      case 'FieldSubquery': {
        if (isSubquery) throw malformedQuery(ctx.soql, 'Nesting of child relationship subqueries is not supported by the Sextant sandbox', field.subquery.relationshipName);
        const node = compileChildSubquery(ctx, object, field.subquery);
        select.push(node);
        features.childSubqueries.push(node.key);
        break;
      }
      case 'FieldTypeof':
        select.push(compileTypeof(ctx, object, field));
        features.typeofFields.push(field.field);
        break;
      case 'FieldFunctionExpression': {
        const name = field.functionName.toUpperCase();
        const arg = field.parameters[0];
        if (name === 'FIELDS' && typeof arg === 'string') {
          expandFields(ctx, object, arg.toUpperCase(), query.limit).forEach((path) => addPath(path, { onDuplicate: 'skip' }));
        } else if (name === 'TOLABEL' && typeof arg === 'string') {
          addPath(resolveFieldPath(ctx, object, arg, alias), { toLabel: true, onDuplicate: 'error' });
        } else {
          throw malformedQuery(ctx.soql, `${field.functionName}() is not supported by the Sextant sandbox`, field.functionName);
        }
        break;
      }
    }
  }

  const offset = query.offset ?? 0;
  if (offset > MAX_OFFSET) throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  return {
    object,
    select,
    columns,
    where: query.where ? compileWhere(ctx, object, alias, query.where) : null,
    modstampRange: compileModstampRange(ctx, object, alias, query.where),
    orderBy: compileRecordOrderBy(ctx, object, alias, query.orderBy),
    limit: query.limit ?? null,
    offset,
    features,
  };
};

const expandFields = (ctx: CompileContext, object: ObjectDef, which: string, limit: number | undefined): FieldPath[] => {
  if (which !== 'ALL' && which !== 'STANDARD' && which !== 'CUSTOM') throw malformedQuery(ctx.soql, `unexpected token: '${which}'`, which);
  if (which !== 'STANDARD' && (limit === undefined || limit > FIELDS_UNBOUNDED_LIMIT)) {
    throw malformedQuery(ctx.soql, `The SOQL FIELDS function must have a LIMIT of at most ${FIELDS_UNBOUNDED_LIMIT}`, 'FIELDS');
  }
  return object.fields
    .filter((f) => which === 'ALL' || f.custom === (which === 'CUSTOM'))
    .map((f) => resolveFieldPath(ctx, object, f.name));
};

const compileChildSubquery = (ctx: CompileContext, parent: ObjectDef, subquery: Subquery): SelectNode => {
  const relationship = ctx.catalog.childRelationship(parent.name, subquery.relationshipName);
  const child = relationship && ctx.catalog.object(relationship.childSObject);
  if (!relationship || !child) throw unknownChildRelationship(ctx.soql, subquery.relationshipName);
  return {
    kind: 'children',
    key: relationship.relationshipName,
    lookupField: relationship.field,
    plan: compileRecordPlan(ctx, child, subquery, true),
  };
};

/**
 * TYPEOF What WHEN Account THEN Name, Phone ELSE Name END: each WHEN names the fields for one
 * parent type; ELSE applies to every other type the lookup can point at.
 */
const compileTypeof = (ctx: CompileContext, object: ObjectDef, typeofField: FieldTypeOf): SelectNode => {
  const reference = ctx.catalog.parentRelationship(object.name, typeofField.field);
  if (!reference) throw unknownRelationship(ctx.soql, typeofField.field);
  const targets = reference.referenceTo.flatMap((name) => ctx.catalog.object(name) ?? []);
  const hop = { relationshipName: reference.relationshipName ?? typeofField.field, referenceField: reference.name, targets, polymorphic: true };
  const byType = new Map<string, SelectNode[]>();
  const branch = (target: ObjectDef, fieldList: string[]): SelectNode[] => {
    const nodes: SelectNode[] = [];
    for (const raw of fieldList) {
      const path = resolveFieldPath(ctx, target, raw);
      insertPath(ctx, nodes, path, ownerOf(ctx, target, path), { onDuplicate: 'error' });
    }
    return nodes;
  };
  const elseList = typeofField.conditions.find((c) => c.type === 'ELSE')?.fieldList;
  for (const condition of typeofField.conditions) {
    if (condition.type !== 'WHEN') continue;
    const target = targets.find((t) => t.name.toLowerCase() === (condition.objectType ?? '').toLowerCase());
    if (!target) throw unknownRelationship(ctx.soql, condition.objectType ?? typeofField.field);
    byType.set(target.name, branch(target, condition.fieldList));
  }
  if (elseList) {
    for (const target of targets) {
      if (byType.has(target.name)) continue;
      // ELSE fields need only exist on the types that actually carry them.
      const present = elseList.filter((f) => ctx.catalog.field(target.name, f) !== undefined);
      byType.set(target.name, branch(target, present));
    }
  }
  return { kind: 'typeof', key: hop.relationshipName, hop, byType };
};
