import type { SObjectRecord } from '../org/sobject-record.ts';
import type { Predicate, QueryEnv } from './query-env.ts';
import type { RecordPlan } from './record-plan.ts';
import { bindSorter } from './order-by.ts';
import { storedIdKey } from './value-kind.ts';
import { rowsToScan } from './modstamp-range.ts';

export const pageOf = <T>(rows: T[], offset: number, limit: number | null): T[] =>
  offset === 0 && (limit === null || rows.length <= limit) ? rows : rows.slice(offset, limit === null ? undefined : offset + limit);

/**
 * The scan: the one loop that touches every stored row, so it is specialised by whether a
 * WHERE exists and whether deleted rows count, and it stops early when LIMIT without ORDER BY
 * makes the rest irrelevant. Given a SystemModstamp index range instead of every row, it
 * yields the same rows: the range is in insertion order and holds every row the WHERE can match.
 */
const scan = (records: readonly SObjectRecord[], where: Predicate | undefined, includeDeleted: boolean, needed: number): SObjectRecord[] => {
  const out: SObjectRecord[] = [];
  const n = records.length;
  if (where && !includeDeleted) {
    for (let i = 0; i < n && out.length < needed; i++) {
      const r = records[i] as SObjectRecord;
      if (r['IsDeleted'] !== true && where(r)) out.push(r);
    }
  } else if (where) {
    for (let i = 0; i < n && out.length < needed; i++) {
      const r = records[i] as SObjectRecord;
      if (where(r)) out.push(r);
    }
  } else if (!includeDeleted) {
    for (let i = 0; i < n && out.length < needed; i++) {
      const r = records[i] as SObjectRecord;
      if (r['IsDeleted'] !== true) out.push(r);
    }
  } else {
    return records.slice(0, needed);
  }
  return out;
};

export const runRecordPlan = (plan: RecordPlan, env: QueryEnv): SObjectRecord[] => {
  const where = plan.where?.(env);
  const records = rowsToScan(plan.object, plan.modstampRange, env);
  const sorted = plan.orderBy.length > 0;
  const needed = !sorted && plan.limit !== null ? plan.offset + plan.limit : Infinity;
  const matched = scan(records, where, env.includeDeleted, needed);
  return pageOf(sorted ? bindSorter(plan.orderBy, env)(matched) : matched, plan.offset, plan.limit);
};

/**
 * A child subquery's rows per parent id. The child object is scanned once, on first use, and
 * indexed by its lookup field; each parent then sorts and limits only its own children.
 */
export const bindChildRows = (plan: RecordPlan, lookupField: string, env: QueryEnv): ((parentId: string) => SObjectRecord[]) => {
  let index: Map<string, SObjectRecord[]> | null = null;
  const sorter = plan.orderBy.length > 0 ? bindSorter(plan.orderBy, env) : null;
  const build = (): Map<string, SObjectRecord[]> => {
    const map = new Map<string, SObjectRecord[]>();
    const matched = scan(rowsToScan(plan.object, plan.modstampRange, env), plan.where?.(env), env.includeDeleted, Infinity);
    for (const child of matched) {
      const parentId = child[lookupField];
      if (typeof parentId !== 'string') continue;
      const key = storedIdKey(parentId);
      const list = map.get(key);
      if (list) list.push(child);
      else map.set(key, [child]);
    }
    return map;
  };
  return (parentId) => {
    index ??= build();
    const children = index.get(storedIdKey(parentId)) ?? [];
    return pageOf(sorter ? sorter(children) : children, plan.offset, plan.limit);
  };
};
