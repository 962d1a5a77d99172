import type { FieldValue, SObjectRecord } from '../org/sobject-record.ts';
import type { Getter, QueryEnv } from './query-env.ts';
import type { AggregatePlan, AggregateRow, AggregateSpec } from './aggregate-plan.ts';
import { bindSorter } from './order-by.ts';
import { comparisonKey, sortKey, valueKindOf } from './value-kind.ts';
import { pageOf } from './record-run.ts';
import { rowsToScan } from './modstamp-range.ts';

/** Folds one aggregate over a group's rows; `result()` is the AggregateResult value. */
type Accumulator = { add(row: SObjectRecord): void; result(): FieldValue };

const accumulatorFactory = (spec: AggregateSpec, env: QueryEnv): (() => Accumulator) => {
  const get: Getter = spec.path ? spec.path.bind(env) : () => true;
  switch (spec.fn) {
    case 'COUNT':
      return () => {
        let n = 0;
        return { add: (row) => { if (get(row) !== null) n++; }, result: () => n };
      };
    case 'COUNT_DISTINCT': {
      const key = comparisonKey(spec.path ? valueKindOf(spec.path.field) : 'text');
      return () => {
        const seen = new Set<string | number | boolean>();
        return { add: (row) => { const v = get(row); if (v !== null) seen.add(key(v)); }, result: () => seen.size };
      };
    }
    case 'SUM':
    case 'AVG': {
      const average = spec.fn === 'AVG';
      return () => {
        let sum = 0;
        let n = 0;
        return {
          add: (row) => { const v = get(row); if (typeof v === 'number') { sum += v; n++; } },
          result: () => (n === 0 ? null : average ? sum / n : sum),
        };
      };
    }
    case 'MIN':
    case 'MAX': {
      const key = sortKey(spec.resultField);
      const wantMax = spec.fn === 'MAX';
      return () => {
        let best: FieldValue = null;
        let bestKey: string | number = 0;
        return {
          add: (row) => {
            const v = get(row);
            if (v === null) return;
            const k = key(v);
            if (best === null || (wantMax ? k > bestKey : k < bestKey)) { best = v; bestKey = k; }
          },
          result: () => best,
        };
      };
    }
  }
};

type Group = { groups: FieldValue[]; accumulators: Accumulator[] };

/**
 * Groups matching rows (text case-insensitively, as Salesforce groups), folds the aggregates,
 * then applies HAVING, ORDER BY, OFFSET and LIMIT to the group rows. Without GROUP BY there
 * is exactly one row, even over no records (COUNT(Id) = 0).
 */
export const runAggregate = (plan: AggregatePlan, env: QueryEnv): AggregateRow[] => {
  const groupGetters = plan.groups.map((g) => g.bind(env));
  const groupKeys = plan.groups.map((g) => comparisonKey(valueKindOf(g.field)));
  const factories = plan.aggregates.map((spec) => accumulatorFactory(spec, env));
  const where = plan.where?.(env);
  const byKey = new Map<string, Group>();
  const newGroup = (values: FieldValue[]): Group => ({ groups: values, accumulators: factories.map((f) => f()) });
  if (plan.groups.length === 0) byKey.set('', newGroup([]));

  for (const record of rowsToScan(plan.object, plan.modstampRange, env)) {
    if (!env.includeDeleted && record['IsDeleted'] === true) continue;
    if (where && !where(record)) continue;
    const values = groupGetters.map((g) => g(record));
    const key = values.map((v, i) => (v === null ? '\u0000' : String(groupKeys[i]?.(v)))).join('\u0001');
    let group = byKey.get(key);
    if (!group) {
      group = newGroup(values);
      byKey.set(key, group);
    }
    for (const acc of group.accumulators) acc.add(record);
  }

  let rows: AggregateRow[] = [...byKey.values()].map((g) => ({ groups: g.groups, values: g.accumulators.map((a) => a.result()) }));
  const having = plan.having?.(env);
  if (having) rows = rows.filter(having);
  if (plan.orderBy.length > 0) rows = bindSorter(plan.orderBy, env)(rows);
  return pageOf(rows, plan.offset, plan.limit);
};
