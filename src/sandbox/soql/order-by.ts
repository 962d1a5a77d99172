import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema/object-schema.ts';
import type { FieldValue, SObjectRecord } from '../org/sobject-record.ts';
import type { Bindable, CompileContext, Getter, QueryEnv } from './query-env.ts';
import { resolveFieldPath } from './field-path.ts';
import { sortKey } from './value-kind.ts';
import { fieldCannotBe, malformedQuery } from './soql-error.ts';

export type SortSpec<R> = {
  get: Bindable<Getter<R>>;
  key: (value: FieldValue) => string | number;
  desc: boolean;
  nullsFirst: boolean;
};

export const asClauseList = (orderBy: OrderByClause | OrderByClause[] | undefined): OrderByClause[] =>
  orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];

/** Salesforce's default: nulls first ascending, nulls last descending. */
export const nullsFirstFor = (desc: boolean, nulls: 'FIRST' | 'LAST' | undefined): boolean =>
  nulls === undefined ? !desc : nulls === 'FIRST';

export const compileRecordOrderBy = (
  ctx: CompileContext,
  object: ObjectDef,
  alias: string | undefined,
  orderBy: OrderByClause | OrderByClause[] | undefined,
): SortSpec<SObjectRecord>[] =>
  asClauseList(orderBy).map((clause) => {
    if (!('field' in clause)) throw malformedQuery(ctx.soql, 'Ordered field must be grouped or aggregated', clause.fn.functionName);
    const path = resolveFieldPath(ctx, object, clause.field, alias);
    if (!path.field.sortable) throw fieldCannotBe(ctx.soql, path.field.name, 'sorted');
    const desc = clause.order === 'DESC';
    return { get: path.bind, key: sortKey(path.field), desc, nullsFirst: nullsFirstFor(desc, clause.nulls) };
  });

/**
 * Sorts by keys computed once per row (decorate-sort-undecorate), so the comparator does no
 * lookups or lowercasing. Array.prototype.sort is stable: ties keep insertion order.
 */
export const bindSorter = <R>(specs: SortSpec<R>[], env: QueryEnv): ((rows: readonly R[]) => R[]) => {
  const getters = specs.map((s) => s.get(env));
  return (rows) => {
    const keys = rows.map((row) => specs.map((s, i) => {
      const v = getters[i]?.(row) ?? null;
      return v === null ? null : s.key(v);
    }));
    const order = rows.map((_, i) => i);
    order.sort((a, b) => {
      const ka = keys[a] ?? [];
      const kb = keys[b] ?? [];
      for (let i = 0; i < specs.length; i++) {
        const spec = specs[i];
        const x = ka[i] ?? null;
        const y = kb[i] ?? null;
        if (x === y || !spec) continue;
        if (x === null) return spec.nullsFirst ? -1 : 1;
        if (y === null) return spec.nullsFirst ? 1 : -1;
        const c = x < y ? -1 : x > y ? 1 : 0;
        if (c !== 0) return spec.desc ? -c : c;
      }
      return 0;
    });
    return order.map((i) => rows[i] as R);
  };
};
