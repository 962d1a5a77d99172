import type { Condition, FieldFunctionExpression, FunctionExp, GroupByClause, Query } from '@jetstreamapp/soql-parser-js';
import type { FieldDef, ObjectDef } from '../schema/object-schema.ts';
import type { FieldValue } from '../org/sobject-record.ts';
import type { Bindable, CompileContext, Predicate } from './query-env.ts';
import type { FieldPath } from './field-path.ts';
import { pseudoField, resolveFieldPath } from './field-path.ts';
import type { Operand } from './comparison.ts';
import { compileComparison } from './comparison.ts';
import type { SortSpec } from './order-by.ts';
import { asClauseList, nullsFirstFor } from './order-by.ts';
import { buildHavingTree } from './where-tree.ts';
import { combine, compileWhere, literalsOf, mapTree } from './where-clause.ts';
import type { ModstampRange } from './modstamp-range.ts';
import { compileModstampRange } from './modstamp-range.ts';
import { sortKey, valueKindOf } from './value-kind.ts';
import { fieldCannotBe, invalidField, malformedQuery } from './soql-error.ts';

export type AggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

export type AggregateSpec = {
  fn: AggregateFunction;
  /** null for COUNT(). */
  path: FieldPath | null;
  /** `SUM(amount)` upper-cased: how HAVING and ORDER BY refer back to a selected aggregate. */
  signature: string;
  /** The field its values have, for comparisons and sorting. */
  resultField: FieldDef;
};

/** One AggregateResult row: the GROUP BY values, then one value per aggregate. */
export type AggregateRow = { groups: FieldValue[]; values: FieldValue[] };

export type OutputColumn = { key: string; from: 'group' | 'aggregate'; index: number };

export type AggregatePlan = {
  object: ObjectDef;
  where: Bindable<Predicate> | null;
  modstampRange: ModstampRange | null;
  groups: FieldPath[];
  aggregates: AggregateSpec[];
  output: OutputColumn[];
  having: Bindable<Predicate<AggregateRow>> | null;
  orderBy: SortSpec<AggregateRow>[];
  limit: number | null;
  offset: number;
};

const NUMERIC_ONLY = new Set(['SUM', 'AVG']);

const resultFieldOf = (fn: AggregateFunction, path: FieldPath | null, signature: string): FieldDef => {
  if (fn === 'COUNT' || fn === 'COUNT_DISTINCT') return pseudoField(signature, 'int');
  if (fn === 'SUM' || fn === 'AVG' || !path) return pseudoField(signature, 'double');
  return path.field;
};

export const compileAggregatePlan = (ctx: CompileContext, object: ObjectDef, query: Query): AggregatePlan => {
  const alias = query.sObjectAlias;
  const groups = compileGroupBy(ctx, object, alias, query.groupBy);
  const aggregates: AggregateSpec[] = [];
  const output: OutputColumn[] = [];

  const aggregateIndex = (fn: FunctionExp | FieldFunctionExpression): number => {
    const name = (fn.functionName ?? '').toUpperCase();
    if (!AGGREGATE_FUNCTIONS.has(name)) throw malformedQuery(ctx.soql, `${fn.functionName}() is not supported by the Sextant sandbox`, fn.functionName);
    const param = fn.parameters?.[0];
    if (param !== undefined && typeof param !== 'string') throw malformedQuery(ctx.soql, 'Nested functions are not supported by the Sextant sandbox', fn.functionName);
    const path = param === undefined ? null : resolveFieldPath(ctx, object, param, alias);
    if (path === null && name !== 'COUNT') throw malformedQuery(ctx.soql, `unexpected token: ')'`, name);
    if (path) checkAggregatable(ctx, name, path);
    const signature = `${name}(${path ? path.path.toUpperCase() : ''})`;
    const existing = aggregates.findIndex((a) => a.signature === signature);
    if (existing >= 0) return existing;
    aggregates.push({ fn: name as AggregateFunction, path, signature, resultField: resultFieldOf(name as AggregateFunction, path, signature) });
    return aggregates.length - 1;
  };

  const groupIndex = (raw: string, token: string): number => {
    const path = resolveFieldPath(ctx, object, raw, alias);
    const index = groups.findIndex((g) => g.path.toLowerCase() === path.path.toLowerCase());
    if (index < 0) throw malformedQuery(ctx.soql, `Field must be grouped or aggregated: ${path.field.name}`, token);
    return index;
  };

  // Unaliased aggregates are named expr0, expr1… counting only the unaliased ones.
  let exprCount = 0;
  const addOutput = (column: OutputColumn): void => {
    // Account.Name and Owner.Name both come back as `Name`: without aliases one would be lost.
    if (output.some((o) => o.key.toLowerCase() === column.key.toLowerCase())) throw malformedQuery(ctx.soql, `duplicate alias: ${column.key}`, column.key);
    output.push(column);
  };
  for (const field of query.fields ?? []) {
    if (field.type === 'FieldFunctionExpression') {
      const index = aggregateIndex(field);
      addOutput({ key: field.alias ?? `expr${exprCount++}`, from: 'aggregate', index });
    } else if (field.type === 'Field' || field.type === 'FieldRelationship') {
      const raw = field.type === 'Field' ? field.field : [...field.relationships, field.field].join('.');
      const index = groupIndex(raw, field.field);
      addOutput({ key: ('alias' in field && field.alias) || groups[index]?.field.name || raw, from: 'group', index });
    } else {
      throw malformedQuery(ctx.soql, 'Child relationship subqueries and TYPEOF are not allowed in aggregate queries', field.type === 'FieldSubquery' ? field.subquery.relationshipName : field.field);
    }
  }

  const operandFor = (cond: Condition): Operand<AggregateRow> => {
    if ('fn' in cond) {
      const index = aggregateIndex(cond.fn);
      const spec = aggregates[index] as AggregateSpec;
      return { field: spec.resultField, name: spec.signature, bind: () => (row) => row.values[index] ?? null };
    }
    if ('field' in cond) {
      const index = groupIndex(cond.field, cond.field);
      const path = groups[index] as FieldPath;
      return { field: path.field, name: path.field.name, bind: () => (row) => row.groups[index] ?? null };
    }
    throw malformedQuery(ctx.soql, 'unexpected token: NOT');
  };

  const having = query.having
    ? combine(mapTree(buildHavingTree(ctx.soql, query.having), (cond) => {
        if (!('operator' in cond)) throw malformedQuery(ctx.soql, 'unexpected token: NOT');
        return compileComparison(ctx, operandFor(cond), cond.operator, literalsOf(ctx, cond.value, cond.literalType));
      }))
    : null;

  const orderBy = asClauseList(query.orderBy).map((clause): SortSpec<AggregateRow> => {
    const desc = clause.order === 'DESC';
    const nullsFirst = nullsFirstFor(desc, clause.nulls);
    if ('fn' in clause) {
      const index = aggregateIndex(clause.fn);
      return { get: () => (row) => row.values[index] ?? null, key: sortKey((aggregates[index] as AggregateSpec).resultField), desc, nullsFirst };
    }
    const index = groupIndex(clause.field, clause.field);
    return { get: () => (row) => row.groups[index] ?? null, key: sortKey((groups[index] as FieldPath).field), desc, nullsFirst };
  });

  return {
    object,
    where: query.where ? compileWhere(ctx, object, alias, query.where) : null,
    modstampRange: compileModstampRange(ctx, object, alias, query.where),
    groups,
    aggregates,
    output,
    having,
    orderBy,
    limit: query.limit ?? null,
    offset: query.offset ?? 0,
  };
};

const compileGroupBy = (ctx: CompileContext, object: ObjectDef, alias: string | undefined, groupBy: GroupByClause | GroupByClause[] | undefined): FieldPath[] => {
  const clauses = groupBy === undefined ? [] : Array.isArray(groupBy) ? groupBy : [groupBy];
  return clauses.map((clause) => {
    if (!('field' in clause)) {
      const name = clause.fn.functionName ?? 'function';
      throw malformedQuery(ctx.soql, `GROUP BY ${name}() is not supported by the Sextant sandbox`, name);
    }
    const path = resolveFieldPath(ctx, object, clause.field, alias);
    if (!path.field.groupable) throw fieldCannotBe(ctx.soql, path.field.name, 'grouped');
    return path;
  });
};

const checkAggregatable = (ctx: CompileContext, fn: string, path: FieldPath): void => {
  const kind = valueKindOf(path.field);
  const ok = NUMERIC_ONLY.has(fn)
    ? kind === 'number'
    : path.field.type !== 'textarea' && kind !== 'compound' && kind !== 'multi' && (fn.startsWith('COUNT') || kind !== 'boolean');
  if (!ok) throw invalidField(ctx.soql, `field ${path.field.name} does not support aggregate operator ${fn}`, path.field.name);
};
