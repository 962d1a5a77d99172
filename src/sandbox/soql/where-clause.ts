import type { ConditionWithValueQuery, LiteralType, Query, ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema/object-schema.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { Bindable, CompileContext, Predicate } from './query-env.ts';
import type { BoolExpr } from './where-tree.ts';
import { buildWhereTree } from './where-tree.ts';
import { parseLiteral } from './literals.ts';
import { compileComparison } from './comparison.ts';
import { resolveFieldPath } from './field-path.ts';
import { storedIdKey, valueKindOf } from './value-kind.ts';
import { fieldCannotBe, invalidType, malformedQuery } from './soql-error.ts';

/** Combines compiled children into one closure; AND/OR short-circuit like the source text. */
export const combine = <R>(expr: BoolExpr<Bindable<Predicate<R>>>): Bindable<Predicate<R>> => {
  switch (expr.kind) {
    case 'cond':
      return expr.cond;
    case 'not': {
      const inner = combine(expr.item);
      return (env) => {
        const p = inner(env);
        return (row) => !p(row);
      };
    }
    case 'and':
    case 'or': {
      const parts = expr.items.map(combine);
      const isAnd = expr.kind === 'and';
      return (env) => {
        const ps = parts.map((part) => part(env));
        const [a, b] = ps;
        if (ps.length === 2 && a && b) return isAnd ? (row) => a(row) && b(row) : (row) => a(row) || b(row);
        return isAnd
          ? (row) => { for (const p of ps) if (!p(row)) return false; return true; }
          : (row) => { for (const p of ps) if (p(row)) return true; return false; };
      };
    }
  }
};

export const mapTree = <A, B>(expr: BoolExpr<A>, f: (cond: A) => B): BoolExpr<B> => {
  switch (expr.kind) {
    case 'cond':
      return { kind: 'cond', cond: f(expr.cond) };
    case 'not':
      return { kind: 'not', item: mapTree(expr.item, f) };
    default:
      return { kind: expr.kind, items: expr.items.map((item) => mapTree(item, f)) };
  }
};

export const literalsOf = (ctx: CompileContext, value: string | string[], type: LiteralType | LiteralType[] | undefined) => {
  const values = Array.isArray(value) ? value : [value];
  return values.map((raw, i) => parseLiteral(ctx.soql, raw, Array.isArray(type) ? type[i] : type));
};

const isLive = (includeDeleted: boolean) => (record: SObjectRecord): boolean => includeDeleted || record['IsDeleted'] !== true;

/** `Id IN (SELECT AccountId FROM Contact WHERE …)`: the inner query runs once per execution. */
const compileSemiJoin = (ctx: CompileContext, object: ObjectDef, alias: string | undefined, cond: ValueQueryCondition): Bindable<Predicate> => {
  const left = resolveFieldPath(ctx, object, cond.field, alias);
  if (valueKindOf(left.field) !== 'id') throw malformedQuery(ctx.soql, `semi join sub-selects are only allowed on id or reference fields: ${left.path}`, cond.field);
  const inner: Query = cond.valueQuery;
  const innerObject = ctx.catalog.object(inner.sObject ?? '');
  if (!innerObject) throw invalidType(ctx.soql, inner.sObject ?? '');
  const innerField = inner.fields?.[0];
  if (inner.fields?.length !== 1 || (innerField?.type !== 'Field' && innerField?.type !== 'FieldRelationship')) {
    throw malformedQuery(ctx.soql, 'semi join sub-selects can only select one id field', cond.field);
  }
  const selected = resolveFieldPath(ctx, innerObject, innerField.type === 'Field' ? innerField.field : innerField.rawValue ?? innerField.field, inner.sObjectAlias);
  if (valueKindOf(selected.field) !== 'id') throw malformedQuery(ctx.soql, `semi join sub-selects can only select an id or reference field, not ${selected.path}`, selected.field.name);
  const innerWhere = inner.where ? compileWhere(ctx, innerObject, inner.sObjectAlias, inner.where) : null;
  const negate = cond.operator === 'NOT IN';
  if (!negate && cond.operator !== 'IN') throw malformedQuery(ctx.soql, `unexpected token: '${cond.operator}'`, cond.operator);
  return (env) => {
    const getLeft = left.bind(env);
    const getSelected = selected.bind(env);
    const filter = innerWhere?.(env);
    const live = isLive(env.includeDeleted);
    const ids = new Set<string>();
    for (const record of env.source.records(innerObject.name)) {
      if (!live(record) || (filter && !filter(record))) continue;
      const id = getSelected(record);
      if (typeof id === 'string') ids.add(storedIdKey(id));
    }
    return (row) => {
      const v = getLeft(row);
      const found = typeof v === 'string' && ids.has(storedIdKey(v));
      return negate ? !found : found;
    };
  };
};

const compileCondition = (ctx: CompileContext, object: ObjectDef, alias: string | undefined, cond: ConditionWithValueQuery): Bindable<Predicate> => {
  if ('valueQuery' in cond) return compileSemiJoin(ctx, object, alias, cond);
  if ('fn' in cond) {
    const name = cond.fn.functionName ?? cond.fn.rawValue ?? 'function';
    throw malformedQuery(ctx.soql, `${name}() in WHERE is not supported by the Sextant sandbox`, cond.fn.functionName);
  }
  if (!('field' in cond)) throw malformedQuery(ctx.soql, 'unexpected token: NOT');
  const path = resolveFieldPath(ctx, object, cond.field, alias);
  if (!path.field.filterable) throw fieldCannotBe(ctx.soql, path.field.name, 'filtered');
  const literals = literalsOf(ctx, cond.value, cond.literalType);
  return compileComparison(ctx, { field: path.field, name: path.field.name, bind: path.bind }, cond.operator, literals);
};

export const compileWhere = (ctx: CompileContext, object: ObjectDef, alias: string | undefined, where: WhereClause): Bindable<Predicate> =>
  combine(mapTree(buildWhereTree(ctx.soql, where), (cond) => compileCondition(ctx, object, alias, cond)));
