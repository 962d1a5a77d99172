import type { CrmAccount } from '../../domain/crm-records.ts';
import type { HealthColour, HealthSnapshot } from '../../domain/health.ts';
import type { StageAssignment } from '../../domain/lifecycle.ts';
import type { IsoDay } from '../../domain/usage.ts';
import { buildUsageTimelineFromColumns, prepareSignals, rollUpHierarchy, scoreAccount, type HealthRules, type UsageColumnSlice } from '../../health/index.ts';
import type { ScoredPoint } from '../../health/trend.ts';
import { addDays, assignStage, deriveLifecycleFacts, isoDayOf, type LifecycleRules } from '../../lifecycle/index.ts';
import type { Store } from '../../store/store.ts';
import { keysByAccount as linkedKeys } from '../linked-keys.ts';
import { runStoreStep } from '../run-step.ts';
import { accountFacts, SCORE_OPPORTUNITY_FIELDS, type AccountContext, type ScoreOpportunity } from './account-facts.ts';

export type ScoreRunOptions = {
  store: Store;
  health: HealthRules;
  lifecycle: LifecycleRules;
  /** Which accounts get a health score (reconcile.yaml's customers); every live account gets a stage. */
  isCustomer: (account: CrmAccount) => boolean;
  /** ISO instant; its UTC day is scored as complete. */
  asOf: string;
  onProgress?: (accountsDone: number) => void;
};

export type ScoreRunSummary = {
  asOf: string;
  accounts: number;
  scored: number;
  colours: Record<HealthColour | 'na', number>;
  stages: Record<string, number>;
  transitions: number;
  stuck: number;
  rollups: number;
  churnWarnings: number;
  engagementAlerts: number;
  seconds: number;
};

/** Usage reaches this far back: 90 days of baseline before a 7-day window, and the trend's lookback. */
const USAGE_DAYS = 120;
/** Snapshots and stages are written in batches while the usage stream goes on: memory stays flat. */
const WRITE_BATCH = 1_000;

/**
 * `sextant score`: health, roll-ups and lifecycle stages for one asOf. Usage days are streamed
 * in key order and an account is scored as soon as the last of its keys has passed, then its
 * snapshot is written and dropped, so 100k accounts never hold their usage (or their snapshots)
 * in memory at once.
 */
export const runScore = (options: ScoreRunOptions): Promise<ScoreRunSummary & { runId: string }> =>
  runStoreStep(options.store, 'score', async (runId) => {
    const started = performance.now();
    const { store, health, asOf } = options;
    const day: IsoDay = isoDayOf(asOf);
    const all: CrmAccount[] = [];
    for await (const a of store.iterateRecords('accounts')) all.push(a);
    // Only the fields scoring reads: 300k whole opportunities were a tenth of the run (bench/score).
    const opportunitiesByAccount = new Map<string, ScoreOpportunity[]>();
    for (const o of await store.listRecords('opportunities', { fields: SCORE_OPPORTUNITY_FIELDS })) {
      if (o.accountId === null) continue;
      const list = opportunitiesByAccount.get(o.accountId);
      if (list) list.push(o);
      else opportunitiesByAccount.set(o.accountId, [o]);
    }
    const links = await store.listIdentityLinks();
    const keysByAccount = linkedKeys(links);
    const accountOfKey = new Map(links.map((l) => [l.accountKey, l.accountId]));
    const ctx: AccountContext = { opportunitiesByAccount, keysByAccount, stages: await store.currentStages(), npsByAccount: await store.latestNpsByAccount(asOf) };
    const cutoff = addDays(day, -health.trend.windowDays);
    const previous = new Map([...Map.groupBy(await store.scorePoints(addDays(cutoff, -30), cutoff), (p) => p.accountId)]
      .map(([id, points]): [string, ScoredPoint[]] => [id, points.map((p) => ({ asOf: `${p.day}T23:59:59.999Z`, score: p.score }))]));

    const byId = new Map(all.map((a) => [a.id, a]));
    const summary: ScoreRunSummary = {
      asOf, accounts: all.length, scored: 0, colours: { green: 0, yellow: 0, red: 0, na: 0 }, stages: {}, transitions: 0, stuck: 0, rollups: 0, churnWarnings: 0, engagementAlerts: 0, seconds: 0,
    };
    const scores: { accountId: string; score: number | null; colour: HealthColour | 'na' }[] = [];
    let snapshots: HealthSnapshot[] = [];
    let stages: StageAssignment[] = [];
    // Written behind the scoring (on a SQLite file, by a thread of their own), batch by batch.
    const writes = store.writeBehind();
    // Closed however the run ends: the thread's connection does not outlive the run.
    try {
      const flush = async (force: boolean): Promise<void> => {
        if (!force && snapshots.length + stages.length < WRITE_BATCH) return;
        const [s, a] = [snapshots, stages];
        snapshots = [];
        stages = [];
        await writes.transaction(async (tx) => {
          await tx.saveHealthSnapshots(s, runId);
          await tx.saveStageAssignments(a, runId, new Date().toISOString());
        });
      };

      const done = new Set<string>();
      const finish = async (account: CrmAccount, usage: readonly UsageColumnSlice[]): Promise<void> => {
        done.add(account.id);
        let colour: HealthColour | null = null;
        let utilization: number | null = null;
        if (options.isCustomer(account)) {
          const timeline = buildUsageTimelineFromColumns(usage, health.signals);
          const signals = prepareSignals(accountFacts(account, [], ctx), health.signals, timeline)(asOf);
          const snapshot = scoreAccount(signals, health, asOf, { previousSnapshots: previous.get(account.id) ?? [] });
          snapshots.push(snapshot);
          scores.push({ accountId: account.id, score: snapshot.score, colour: snapshot.colour });
          summary.scored++;
          summary.colours[snapshot.colour]++;
          if (snapshot.churnWarning.active) summary.churnWarnings++;
          if (snapshot.engagementAlert.active) summary.engagementAlerts++;
          colour = snapshot.colour === 'na' ? null : snapshot.colour;
          const seats = signals.values.licenseUtilization;
          utilization = typeof seats === 'number' && Number.isFinite(seats) ? seats : null;
        }
        const facts = deriveLifecycleFacts(account, ctx.opportunitiesByAccount.get(account.id) ?? [], {
          healthColour: colour, escalationOpen: false, adoptionTargetMetSince: null, licenseUtilization: utilization,
        }, day, options.lifecycle.facts);
        const assignment = assignStage(facts, ctx.stages.get(account.id) ?? null, options.lifecycle, day);
        stages.push(assignment);
        const stageName = assignment.stage ?? '(none)';
        summary.stages[stageName] = (summary.stages[stageName] ?? 0) + 1;
        if (assignment.transition !== null) summary.transitions++;
        if (assignment.stuck !== null) summary.stuck++;
        if (done.size % 1000 === 0) options.onProgress?.(done.size);
        await flush(false);
      };

      // Stream usage in key order; an account is complete once the last of its keys has passed.
      // Days arrive as columns (no object per day: 5.7M of them at 100k accounts), each account
      // keeping the slices of pages that hold its keys' days until it is scored.
      const remaining = new Map<string, number>([...keysByAccount].map(([id, keys]) => [id, keys.length]));
      const pending = new Map<string, UsageColumnSlice[]>();
      let currentKey: string | null = null;
      const keyPassed = async (key: string): Promise<void> => {
        const accountId = accountOfKey.get(key);
        if (accountId === undefined) return;
        const left = (remaining.get(accountId) ?? 1) - 1;
        remaining.set(accountId, left);
        const account = byId.get(accountId);
        if (left === 0 && account !== undefined) {
          await finish(account, pending.get(accountId) ?? []);
          pending.delete(accountId);
        }
      };
      for await (const columns of store.usageDayColumns({ range: { from: addDays(day, -(USAGE_DAYS - 1)), to: day } })) {
        for (let k = 0; k < columns.keys.length; k++) {
          const key = columns.keys[k]!;
          if (key !== currentKey) {
            if (currentKey !== null) await keyPassed(currentKey);
            currentKey = key;
          }
          const accountId = accountOfKey.get(key);
          if (accountId === undefined || !byId.has(accountId)) continue;
          const slice: UsageColumnSlice = { columns, from: columns.keyStarts[k]!, to: columns.keyStarts[k + 1]! };
          const list = pending.get(accountId);
          if (list) list.push(slice);
          else pending.set(accountId, [slice]);
        }
      }
      if (currentKey !== null) await keyPassed(currentKey);
      // Accounts with keys that had no days in the window, and accounts with no key at all.
      for (const account of all) if (!done.has(account.id)) await finish(account, pending.get(account.id) ?? []);
      await flush(true);
      await writes.flush();

      const { rollups } = rollUpHierarchy(scores, all.map((a) => ({ id: a.id, parentId: a.parentId, arr: a.arr })), health.overall.bands);
      await store.saveHealthRollups(rollups, asOf, runId);
      summary.rollups = rollups.length;
      summary.seconds = (performance.now() - started) / 1000;
      return { result: summary, counts: { read: all.length, upserted: summary.scored }, summary: { ...summary } };
    } finally {
      await writes.close();
    }
  });
