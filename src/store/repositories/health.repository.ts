import { sql, type Kysely } from 'kysely';
import { SextantError } from '../../domain/sextant-error.ts';
import type { HealthSnapshot, HierarchyRollup } from '../../domain/health.ts';
import type { StageAssignment, StageOnRecord, StageTransition } from '../../domain/lifecycle.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { ScorePoint } from '../store.ts';
import { batchQuery, cachedStatement, valuesList } from './batch-statement.ts';
import { decodeSnapshot, encodeSnapshot } from './health-snapshot.codec.ts';
import { inTransaction } from './in-transaction.ts';

const ROWS_PER_STATEMENT = 500;
const day = (instant: string): string => instant.slice(0, 10);

const SNAPSHOT_COLUMNS = ['account_id', 'as_of', 'score', 'colour', 'snapshot', 'measure_set', 'run_id'] as const;

const upsertSnapshotsSql = (db: Kysely<StoreDatabase>, rows: number): string => cachedStatement(db, `upsert health_snapshots ${rows}`, () => {
  return sql`insert into health_snapshots (${sql.join(SNAPSHOT_COLUMNS.map((c) => sql.ref(c)))})
    values ${valuesList(db, rows, SNAPSHOT_COLUMNS.length)}
    on conflict (account_id, as_of) do update set ${sql.join(SNAPSHOT_COLUMNS.slice(2).map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`.compile(db).sql;
});

const STAGE_COLUMNS = ['account_id', 'stage', 'entered_at', 'rule', 'assigned_at', 'assignment'] as const;

const upsertStagesSql = (db: Kysely<StoreDatabase>, rows: number): string => cachedStatement(db, `upsert account_stages ${rows}`, () => {
  return sql`insert into account_stages (${sql.join(STAGE_COLUMNS.map((c) => sql.ref(c)))})
    values ${valuesList(db, rows, STAGE_COLUMNS.length)}
    on conflict (account_id) do update set ${sql.join(STAGE_COLUMNS.slice(1).map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`.compile(db).sql;
});

/** One snapshot per account per day: a second score run on the same day replaces the first. */
export const saveHealthSnapshots = async (db: Kysely<StoreDatabase>, snapshots: readonly HealthSnapshot[], runId: string | null): Promise<void> => {
  if (snapshots.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < snapshots.length; i += ROWS_PER_STATEMENT) {
      const batch = snapshots.slice(i, i + ROWS_PER_STATEMENT);
      const parameters: unknown[] = [];
      // A batch's few distinct sets, written with it (a set already stored is left as it is).
      const sets = new Map<string, string>();
      for (const s of batch) {
        const encoded = encodeSnapshot(s);
        sets.set(encoded.measureSet, encoded.definitions);
        parameters.push(s.accountId, day(s.asOf), s.score, s.colour, encoded.snapshot, encoded.measureSet, runId);
      }
      await trx.insertInto('health_measure_sets').values([...sets].map(([id, measures]) => ({ id, measures })))
        .onConflict((oc) => oc.column('id').doNothing()).execute();
      await trx.executeQuery(batchQuery(upsertSnapshotsSql(trx, batch.length), parameters));
    }
  });
};

/** The measure sets of `ids`, by id. */
const measureSets = async (db: Kysely<StoreDatabase>, ids: readonly string[]): Promise<Map<string, string>> => {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('health_measure_sets').select(['id', 'measures']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.measures]));
};

const snapshotsOf = async (db: Kysely<StoreDatabase>, rows: readonly { snapshot: string; measure_set: string | null }[]): Promise<HealthSnapshot[]> => {
  const sets = await measureSets(db, rows.flatMap((r) => (r.measure_set === null ? [] : [r.measure_set])));
  return rows.map((r) => {
    if (r.measure_set === null) return JSON.parse(r.snapshot) as HealthSnapshot;
    const definitions = sets.get(r.measure_set);
    if (definitions === undefined) throw new SextantError('STORE_VALUE_INVALID', `measure set ${r.measure_set} of a stored snapshot is missing`, { kind: 'fatal', path: 'health_measure_sets' });
    return decodeSnapshot(r.snapshot, definitions);
  });
};

/** Scores (not whole snapshots) of every account between two days inclusive: trends, verify, dashboards. */
export const scorePoints = async (db: Kysely<StoreDatabase>, from: string, to: string): Promise<ScorePoint[]> => {
  const rows = await db.selectFrom('health_snapshots').select(['account_id', 'as_of', 'score', 'colour'])
    .where('as_of', '>=', from).where('as_of', '<=', to).orderBy('account_id').orderBy('as_of').execute();
  return rows.map((r) => ({ accountId: r.account_id, day: r.as_of, score: r.score === null ? null : Number(r.score), colour: r.colour }));
};

/** The account's snapshots, newest first (all of them when `limit` is omitted). */
export const healthSnapshotsOf = async (db: Kysely<StoreDatabase>, accountId: string, limit?: number): Promise<HealthSnapshot[]> => {
  let q = db.selectFrom('health_snapshots').select(['snapshot', 'measure_set']).where('account_id', '=', accountId).orderBy('as_of', 'desc');
  if (limit !== undefined) q = q.limit(limit);
  return snapshotsOf(db, await q.execute());
};

export const saveHealthRollups = async (db: Kysely<StoreDatabase>, rollups: readonly HierarchyRollup[], asOf: string, runId: string | null): Promise<void> => {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('health_rollups').where('as_of', '=', day(asOf)).execute();
    for (let i = 0; i < rollups.length; i += ROWS_PER_STATEMENT) {
      await trx.insertInto('health_rollups').values(rollups.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
        account_id: r.accountId, as_of: day(asOf), rollup: JSON.stringify(r), run_id: runId,
      }))).execute();
    }
  });
};

export const healthRollupOf = async (db: Kysely<StoreDatabase>, accountId: string): Promise<HierarchyRollup | null> => {
  const row = await db.selectFrom('health_rollups').select('rollup').where('account_id', '=', accountId).orderBy('as_of', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? null : (JSON.parse(row.rollup) as HierarchyRollup);
};

/** Every account's stage on record, keyed by account id. */
export const currentStages = async (db: Kysely<StoreDatabase>): Promise<Map<string, StageOnRecord>> => {
  const rows = await db.selectFrom('account_stages').select(['account_id', 'stage', 'entered_at']).execute();
  return new Map(rows.map((r) => [r.account_id, { stage: r.stage, enteredAt: r.entered_at }]));
};

export const stageAssignmentOf = async (db: Kysely<StoreDatabase>, accountId: string): Promise<StageAssignment | null> => {
  const row = await db.selectFrom('account_stages').select('assignment').where('account_id', '=', accountId).executeTakeFirst();
  return row === undefined ? null : (JSON.parse(row.assignment) as StageAssignment);
};

/** Stores this run's stage per account and appends the transitions it made, together. */
export const saveStageAssignments = async (db: Kysely<StoreDatabase>, assignments: readonly StageAssignment[], runId: string | null, at: string): Promise<void> => {
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < assignments.length; i += ROWS_PER_STATEMENT) {
      const batch = assignments.slice(i, i + ROWS_PER_STATEMENT);
      const parameters: unknown[] = [];
      for (const a of batch) parameters.push(a.accountId, a.stage, a.enteredAt, a.rule, at, JSON.stringify(a));
      await trx.executeQuery(batchQuery(upsertStagesSql(trx, batch.length), parameters));
      const transitions = batch.map((a) => a.transition).filter((t): t is StageTransition => t !== null);
      if (transitions.length > 0) {
        await trx.insertInto('stage_transitions').values(transitions.map((t) => ({
          account_id: t.accountId, from_stage: t.from, to_stage: t.to, at: t.at, rule: t.rule, run_id: runId,
        }))).execute();
      }
    }
  });
};

export const stageTransitionsOf = async (db: Kysely<StoreDatabase>, accountId?: string): Promise<StageTransition[]> => {
  let q = db.selectFrom('stage_transitions').selectAll().orderBy('account_id').orderBy('at').orderBy('id');
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  return (await q.execute()).map((r) => ({ accountId: r.account_id, from: r.from_stage, to: r.to_stage, at: r.at, rule: r.rule }));
};
