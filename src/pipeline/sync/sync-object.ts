import type { CrmObjectName, QuarantinedRecord } from '../../domain/crm-records.ts';
import { compileColumnNormalizer, type ColumnRowNormalizer, type ObjectMapping, type RowNormalizer } from '../../config/mappings/index.ts';
import type { Store } from '../../store/store.ts';
import { pageRowCount, type ExtractPage } from '../crm-source.port.ts';
import { toStoreCheckpoint } from './sync-checkpoint.ts';

/**
 * Syncs one object: extract pages, normalise each row (bad rows to quarantine, with reasons and
 * raw values), and write each page in one transaction together with its checkpoint — so the
 * checkpoint never claims rows the store does not hold. When the last window is done the cursor
 * is committed in that same transaction, and never beyond the run's start.
 */
export type ObjectSyncResult = { read: number; upserted: number; deleted: number; quarantined: number; source: Set<'rest' | 'bulk'> };

export type ObjectSyncContext = {
  store: Store;
  runId: string;
  runStart: string;
  now: () => string;
  onPage?: (object: CrmObjectName, rowsDone: number) => void;
};

export const syncObject = async (
  ctx: ObjectSyncContext,
  mapping: ObjectMapping,
  normalize: RowNormalizer<unknown>,
  pages: AsyncIterable<ExtractPage>,
  fullSync: boolean,
): Promise<ObjectSyncResult> => {
  const object = mapping.object;
  const result: ObjectSyncResult = { read: 0, upserted: 0, deleted: 0, quarantined: 0, source: new Set() };
  // Bulk pages of one query share their columns: compile the column normalizer once per layout.
  let columnNormalizer = null as { key: string; normalize: ColumnRowNormalizer<unknown> } | null;
  for await (const page of pages) {
    result.source.add(page.source);
    const records: unknown[] = [];
    const rejected: QuarantinedRecord[] = [];
    const normalizeContext = { runId: ctx.runId, asOf: ctx.runStart };
    let deleted = 0;
    if (page.table) {
      const key = page.table.columns.join(',');
      if (columnNormalizer?.key !== key) columnNormalizer = { key, normalize: compileColumnNormalizer(mapping as never, page.table.columns) as ColumnRowNormalizer<unknown> };
      const isDeletedAt = page.table.columns.findIndex((c) => c.toLowerCase() === 'isdeleted');
      for (const cells of page.table.cells) {
        // Bulk CSV cannot tell null from '': the normalizer reads every empty cell as null.
        const outcome = columnNormalizer.normalize(cells, normalizeContext);
        if (outcome.ok) records.push(outcome.record);
        else rejected.push(outcome.quarantine);
        if (cells[isDeletedAt] === 'true') deleted++;
      }
    } else {
      for (const raw of page.rows) {
        const outcome = normalize(raw, normalizeContext);
        if (outcome.ok) records.push(outcome.record);
        else rejected.push(outcome.quarantine);
        if (raw.IsDeleted === true) deleted++;
      }
    }
    result.read += pageRowCount(page);
    result.quarantined += rejected.length;
    result.deleted += deleted;
    const checkpoint = toStoreCheckpoint(page.checkpoint, ctx.runId, ctx.now());
    // Windows are read in order and never share an end, so the page's window is finished once
    // the checkpoint no longer starts with it.
    const finishedWindow = page.checkpoint.windows[0]?.to !== page.window.to;
    await ctx.store.transaction(async (tx) => {
      if (records.length > 0) result.upserted += await tx.upsertRecords(object, records as never[], { runId: ctx.runId });
      if (rejected.length > 0) await tx.quarantine(rejected);
      if (checkpoint && !finishedWindow) await tx.saveCheckpoint(object, checkpoint);
      if (finishedWindow) {
        // Everything before this window's end is stored: the cursor may move there, no further.
        await tx.commitCursor(object, { systemModstamp: page.window.to, lastId: '' }, fullSync && !checkpoint ? { fullSyncAt: ctx.runStart } : {});
        if (checkpoint) await tx.saveCheckpoint(object, checkpoint);
      }
    });
    ctx.onPage?.(object, page.checkpoint.rowsDone);
  }
  return result;
};
