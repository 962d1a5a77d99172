import type { SyncCheckpoint, SyncCursorState } from '../../store/store.ts';
import type { ExtractCheckpoint, ExtractWindow } from '../crm-source.port.ts';

/**
 * Translates between the extract's checkpoint (a list of windows still to read) and the store's
 * (one position, one upper bound). Only the first window is persisted: a window's start is
 * stored as a position (SystemModstamp, '') — "strictly after this instant with an Id greater
 * than the empty string" is the same as "at or after it" — and any later halves of a split
 * window are re-derived on resume as the tail [upperBound, run start).
 */
const LOOKBACK_FLOOR = '2000-01-01T00:00:00.000Z';

export const toStoreCheckpoint = (c: ExtractCheckpoint, runId: string, savedAt: string): SyncCheckpoint | null => {
  const first = c.windows[0];
  if (!first) return null;
  const progress = first.after
    ? { systemModstamp: first.after.systemModstamp, lastId: first.after.id }
    : first.from ? { systemModstamp: first.from, lastId: '' } : null;
  return {
    mode: c.bulk ? 'bulk' : 'rest',
    runId,
    upperBound: first.to,
    progress,
    nextRecordsUrl: null,
    bulkJobId: c.bulk?.jobId ?? null,
    bulkLocator: c.bulk?.locator ?? null,
    rowsDone: c.rowsDone,
    savedAt,
  };
};

const minusMs = (instant: string, ms: number): string => {
  const t = Date.parse(instant.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) - ms;
  return new Date(Math.max(t, Date.parse(LOOKBACK_FLOOR))).toISOString();
};

/**
 * The windows a run reads for one object: what an interrupted run left (if any), then up to
 * this run's start. The lower bound re-reads `lookbackMs` before the committed cursor, so rows
 * committed late by long transactions are still picked up; upserts make the overlap harmless.
 */
export const planWindows = (
  state: SyncCursorState,
  runStart: string,
  lookbackMs: number,
  full: boolean,
): { windows: ExtractWindow[]; resume: ExtractCheckpoint | null } => {
  const start = full || !state.cursor ? null : minusMs(state.cursor.systemModstamp, lookbackMs);
  const cp = state.checkpoint;
  if (!full && cp && cp.upperBound <= runStart) {
    const first: ExtractWindow = {
      from: cp.progress ? null : start,
      to: cp.upperBound,
      after: cp.progress ? { systemModstamp: cp.progress.systemModstamp, id: cp.progress.lastId } : null,
    };
    const windows = cp.upperBound < runStart ? [first, { from: cp.upperBound, to: runStart, after: null }] : [first];
    return {
      windows,
      resume: { windows, rowsDone: cp.rowsDone, bulk: cp.mode === 'bulk' && cp.bulkJobId ? { jobId: cp.bulkJobId, locator: cp.bulkLocator } : null },
    };
  }
  return { windows: [{ from: start, to: runStart, after: null }], resume: null };
};
