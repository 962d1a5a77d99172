import type { ConditionWithValueQuery, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema/object-schema.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { CompileContext, QueryEnv } from './query-env.ts';
import type { BoolExpr } from './where-tree.ts';
import { buildWhereTree } from './where-tree.ts';
import { resolveFieldPath } from './field-path.ts';
import { mapTree } from './where-clause.ts';
import { normalizeDatetime } from './literals.ts';

/**
 * Inclusive SystemModstamp bounds that every row matching a WHERE lies within (null:
 * unbounded). The rows inside are only candidates: the whole WHERE still decides, so loose
 * bounds (`>` read as `>=`) cost a few extra rows, never a wrong answer.
 */
export type ModstampRange = { low: string | null; high: string | null };

const UNBOUNDED: ModstampRange = { low: null, high: null };

const max = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);
const min = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

/** `SystemModstamp <op> <datetime literal>` on the queried object itself, else unbounded. */
const conditionRange = (ctx: CompileContext, object: ObjectDef, alias: string | undefined, cond: ConditionWithValueQuery): ModstampRange => {
  if (!('field' in cond) || 'valueQuery' in cond || typeof cond.value !== 'string' || cond.literalType !== 'DATETIME') return UNBOUNDED;
  let isModstamp = false;
  try {
    const path = resolveFieldPath(ctx, object, cond.field, alias);
    isModstamp = path.hops.length === 0 && path.field.name === 'SystemModstamp' && path.field.type === 'datetime';
  } catch {
    // compileWhere reports the bad field; a range is only an optimisation.
  }
  // The same normalisation the comparison applies, so the bound equals the literal it compares.
  const value = isModstamp ? normalizeDatetime(cond.value) : null;
  if (value === null) return UNBOUNDED;
  switch (cond.operator) {
    case '=': return { low: value, high: value };
    case '<':
    case '<=': return { low: null, high: value };
    case '>':
    case '>=': return { low: value, high: null };
    default: return UNBOUNDED;
  }
};

/** AND narrows to the intersection, OR widens to the hull of its branches, NOT bounds nothing. */
const treeRange = (expr: BoolExpr<ModstampRange>): ModstampRange => {
  switch (expr.kind) {
    case 'cond':
      return expr.cond;
    case 'not':
      return UNBOUNDED;
    case 'and':
      return expr.items.map(treeRange).reduce((a, b) => ({ low: max(a.low, b.low), high: min(a.high, b.high) }));
    case 'or':
      return expr.items.map(treeRange).reduce((a, b) => ({
        low: a.low === null || b.low === null ? null : min(a.low, b.low),
        high: a.high === null || b.high === null ? null : max(a.high, b.high),
      }));
  }
};

/**
 * The SystemModstamp range a WHERE implies, or null when it implies none. Incremental syncs
 * send `SystemModstamp >= a AND SystemModstamp < b`, and when resuming
 * `(SystemModstamp > a OR (SystemModstamp = a AND Id > …)) AND SystemModstamp < b`.
 */
export const compileModstampRange = (ctx: CompileContext, object: ObjectDef, alias: string | undefined, where: WhereClause | undefined): ModstampRange | null => {
  if (!where) return null;
  const range = treeRange(mapTree(buildWhereTree(ctx.soql, where), (cond) => conditionRange(ctx, object, alias, cond)));
  return range.low === null && range.high === null ? null : range;
};

/** The rows a plan must test: the index range when the source keeps one, else every row. */
export const rowsToScan = (object: ObjectDef, range: ModstampRange | null, env: QueryEnv): readonly SObjectRecord[] =>
  (range && env.source.recordsByModstamp?.(object.name, range.low, range.high)) ?? env.source.records(object.name);
