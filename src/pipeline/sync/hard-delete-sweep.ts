import type { CrmObjectName } from '../../domain/crm-records.ts';
import type { Store } from '../../store/store.ts';
import type { CallMeter, CrmSource } from '../crm-source.port.ts';

/**
 * Hard deletes (a purged Recycle Bin, or deletes older than getDeleted's 15 days) leave no trace
 * a cursor can see. The only way to find them is to compare Id sets: every id the store holds as
 * live that the org no longer has is marked deleted.
 */
export const sweepHardDeletes = async (store: Store, source: CrmSource, object: CrmObjectName, sobject: string, where: string | undefined, at: string, meter?: CallMeter): Promise<number> => {
  const live = new Set<string>();
  for await (const batch of source.liveIds(sobject, where, undefined, meter)) for (const id of batch) live.add(id);
  const gone: string[] = [];
  for await (const id of store.allIds(object, { includeDeleted: false })) if (!live.has(id)) gone.push(id);
  let marked = 0;
  for (let i = 0; i < gone.length; i += 1000) marked += await store.markDeleted(object, gone.slice(i, i + 1000), at);
  await store.recordHardDeleteSweep(object, at);
  return marked;
};
