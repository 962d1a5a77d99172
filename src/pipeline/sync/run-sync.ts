import type { CrmObjectName } from '../../domain/crm-records.ts';
import { isSextantError, SextantError } from '../../domain/sextant-error.ts';
import { compileNormalizer, soqlFieldList, type MappingSet } from '../../config/mappings/index.ts';
import type { SyncConfig } from '../../config/sextant-config.schema.ts';
import type { Store } from '../../store/store.ts';
import type { CallMeter, CrmSource, ExtractRequest } from '../crm-source.port.ts';
import { planWindows } from './sync-checkpoint.ts';
import { syncObject } from './sync-object.ts';
import { sweepHardDeletes } from './hard-delete-sweep.ts';
import { ExtractLookahead } from './extract-lookahead.ts';

/**
 * `sextant sync`: every mapped object in dependency order, within the API budget. A quota stop
 * (our budget or the org's REQUEST_LIMIT_EXCEEDED) ends the run `deferred` at its last
 * checkpoint — never "succeeded" — and the next run continues from there.
 */
export type ObjectSummary = {
  object: CrmObjectName;
  read: number;
  upserted: number;
  deleted: number;
  hardDeleted: number;
  quarantined: number;
  apiCalls: number;
  seconds: number;
  via: Array<'rest' | 'bulk'>;
  outcome: 'succeeded' | 'deferred' | 'failed' | 'skipped';
};

export type SyncSummary = {
  runId: string;
  outcome: 'succeeded' | 'deferred' | 'failed';
  objects: ObjectSummary[];
  apiCalls: number;
  seconds: number;
  error?: { code: string; message: string };
};

export type SyncRunOptions = {
  store: Store;
  source: CrmSource;
  mappings: MappingSet;
  config: SyncConfig;
  objects: readonly CrmObjectName[];
  full: boolean;
  now: () => Date;
  onObjectStart?: (object: CrmObjectName, expectedRows: number | null) => void;
  onPage?: (object: CrmObjectName, rowsDone: number) => void;
  onObjectEnd?: (summary: ObjectSummary) => void;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const isQuotaStop = (err: unknown): boolean => isSextantError(err) && err.kind === 'quota';

export const runSync = async (options: SyncRunOptions): Promise<SyncSummary> => {
  const { store, source, mappings, config } = options;
  const iso = (): string => options.now().toISOString();
  const runStart = iso();
  const started = Date.now();
  const runId = await store.startRun('sync', { startedAt: runStart });
  const summaries: ObjectSummary[] = [];
  // Each object's calls, wherever they fall in time (the lookahead asks for one object's first page during another).
  const meters = new Map<CrmObjectName, CallMeter>();
  const selected = mappings.objects.filter((m) => options.objects.includes(m.object));
  for (const wanted of options.objects) {
    if (!mappings.byObject[wanted]) {
      throw new SextantError('MAPPING_OBJECT_MISSING', `no mapping for '${wanted}'`, { kind: 'config', hints: [`Add mappings/${wanted}.yaml, or leave ${wanted} out of sync.objects.`] });
    }
  }
  try {
    // Plan every object's windows first, so one preflight call can count all of them.
    const plans = await Promise.all(selected.map(async (mapping) => {
      const state = await store.getCursor(mapping.object);
      const { windows, resume } = planWindows(state, runStart, config.lookbackMinutes * 60_000, options.full);
      const request: ExtractRequest = {
        sobject: mapping.source, fields: soqlFieldList(mapping), where: mapping.where ?? undefined,
        window: windows[0]!, resume, mode: 'auto',
      };
      const sweepDue = options.full || !state.lastHardDeleteSweepAt || Date.parse(state.lastHardDeleteSweepAt) < Date.parse(runStart) - config.hardDeleteSweepDays * DAY_MS;
      // A first sync reads every live row, so it stands as the first sweep too.
      return { mapping, request, sweepDue: sweepDue && state.cursor !== null, firstSync: state.cursor === null };
    }));
    const toCount = plans.filter((p) => !p.request.resume?.bulk);
    const counts = toCount.length > 0 ? await source.preflightCounts(toCount.map((p) => p.request)) : [];
    toCount.forEach((p, i) => { p.request.expectedRows = counts[i]; });
    const prepared = await source.prepare(plans.map((p) => p.request));
    plans.forEach((p, i) => { p.request = prepared[i] ?? p.request; });
    for (const plan of plans) meters.set(plan.mapping.object, { calls: 0 });
    const lookahead = new ExtractLookahead(source, plans.map((p) => p.request), plans.map((p) => meters.get(p.mapping.object)!));

    for (const [index, plan] of plans.entries()) {
      const { mapping, request } = plan;
      const meter = meters.get(mapping.object)!;
      const objectStarted = Date.now();
      const stepStart = iso();
      options.onObjectStart?.(mapping.object, request.expectedRows ?? null);
      const summary: ObjectSummary = { object: mapping.object, read: 0, upserted: 0, deleted: 0, hardDeleted: 0, quarantined: 0, apiCalls: 0, seconds: 0, via: [], outcome: 'succeeded' };
      try {
        const result = await syncObject(
          { store, runId, runStart, now: iso, ...(options.onPage ? { onPage: options.onPage } : {}) },
          mapping, compileNormalizer(mapping) as never, lookahead.pages(index), options.full,
        );
        Object.assign(summary, { read: result.read, upserted: result.upserted, deleted: result.deleted, quarantined: result.quarantined, via: [...result.source] });
        if (plan.sweepDue) summary.hardDeleted = await sweepHardDeletes(store, source, mapping.object, mapping.source, mapping.where ?? undefined, runStart, meter);
        else if (plan.firstSync) await store.recordHardDeleteSweep(mapping.object, runStart);
      } catch (err) {
        summary.outcome = isQuotaStop(err) ? 'deferred' : 'failed';
        await lookahead.close();
        throw err;
      } finally {
        summary.apiCalls = meter.calls;
        summary.seconds = (Date.now() - objectStarted) / 1000;
        summaries.push(summary);
        await store.recordStep(runId, {
          step: 'sync', object: mapping.object, read: summary.read, upserted: summary.upserted, deleted: summary.deleted + summary.hardDeleted,
          quarantined: summary.quarantined, apiCalls: summary.apiCalls, startedAt: stepStart, finishedAt: iso(), outcome: summary.outcome === 'skipped' ? 'succeeded' : summary.outcome,
        });
        options.onObjectEnd?.(summary);
      }
    }
    const result: SyncSummary = { runId, outcome: 'succeeded', objects: summaries, apiCalls: source.apiCallsUsed(), seconds: (Date.now() - started) / 1000 };
    await store.finishRun(runId, 'succeeded', { apiCalls: result.apiCalls, summary: { objects: summaries } });
    return result;
  } catch (err) {
    const error = isSextantError(err) ? { code: err.code, message: err.message } : { code: 'UNEXPECTED', message: (err as Error)?.message ?? String(err) };
    const outcome = isQuotaStop(err) ? 'deferred' : 'failed';
    for (const object of objectsNotReached(summaries, selected)) {
      // A skipped object may have had its first page asked for already.
      summaries.push({ object, read: 0, upserted: 0, deleted: 0, hardDeleted: 0, quarantined: 0, apiCalls: meters.get(object)?.calls ?? 0, seconds: 0, via: [], outcome: 'skipped' });
    }
    await store.finishRun(runId, outcome, { apiCalls: source.apiCallsUsed(), error, summary: { objects: summaries } });
    if (outcome === 'deferred') return { runId, outcome, objects: summaries, apiCalls: source.apiCallsUsed(), seconds: (Date.now() - started) / 1000, error };
    throw err;
  }
};

const objectsNotReached = (done: readonly ObjectSummary[], selected: ReadonlyArray<{ object: CrmObjectName }>): CrmObjectName[] =>
  selected.map((m) => m.object).filter((o) => !done.some((d) => d.object === o));
