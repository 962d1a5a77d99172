import { isSextantError } from '../domain/sextant-error.ts';
import type { RunStep, Store } from '../store/store.ts';

export type StepCounts = Pick<RunStep, 'read' | 'upserted' | 'deleted' | 'quarantined' | 'apiCalls'>;
const NO_COUNTS: StepCounts = { read: 0, upserted: 0, deleted: 0, quarantined: 0, apiCalls: 0 };

/**
 * A pipeline step that works on the whole store (usage load, reconcile, score) as a run of its
 * own: a `runs` row, one step with its counts, and an outcome — `failed` with the error's code
 * when it throws, so `sextant status` shows what broke.
 */
export const runStoreStep = async <T>(
  store: Store,
  command: string,
  work: (runId: string) => Promise<{ result: T; counts: Partial<StepCounts>; summary?: Record<string, unknown> }>,
): Promise<T & { runId: string }> => {
  const startedAt = new Date().toISOString();
  const runId = await store.startRun(command, { startedAt });
  try {
    const { result, counts, summary } = await work(runId);
    const all = { ...NO_COUNTS, ...counts };
    await store.recordStep(runId, { step: command, object: null, ...all, startedAt, finishedAt: new Date().toISOString(), outcome: 'succeeded' });
    await store.finishRun(runId, 'succeeded', { apiCalls: all.apiCalls, ...(summary === undefined ? {} : { summary }) });
    return { ...result, runId };
  } catch (err) {
    const error = isSextantError(err) ? { code: err.code, message: err.message } : { code: 'UNEXPECTED', message: (err as Error)?.message ?? String(err) };
    await store.recordStep(runId, { step: command, object: null, ...NO_COUNTS, startedAt, finishedAt: new Date().toISOString(), outcome: 'failed' });
    await store.finishRun(runId, 'failed', { apiCalls: 0, error });
    throw err;
  }
};
