import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { RunOutcome } from '../../domain/crm-records.ts';
import type { RunStepTable, RunTable } from '../schema/run.table.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { FinishRun, Run, RunStep } from '../store.ts';

export const startRun = async (db: Kysely<StoreDatabase>, command: string, options: { startedAt?: string } = {}): Promise<string> => {
  const id = randomUUID();
  await db.insertInto('runs')
    .values({ id, command, started_at: options.startedAt ?? new Date().toISOString(), outcome: 'running', api_calls: 0 })
    .execute();
  return id;
};

export const finishRun = async (db: Kysely<StoreDatabase>, runId: string, outcome: Exclude<RunOutcome, 'running'>, result: FinishRun): Promise<void> => {
  await db.updateTable('runs')
    .set({
      outcome,
      finished_at: result.finishedAt ?? new Date().toISOString(),
      api_calls: result.apiCalls,
      error_code: result.error?.code ?? null,
      error_message: result.error?.message ?? null,
      summary: result.summary === undefined ? null : JSON.stringify(result.summary),
    })
    .where('id', '=', runId)
    .execute();
};

export const recordStep = async (db: Kysely<StoreDatabase>, runId: string, step: RunStep): Promise<void> => {
  await db.insertInto('run_steps')
    .values({
      run_id: runId,
      step: step.step,
      object: step.object,
      read: step.read,
      upserted: step.upserted,
      deleted: step.deleted,
      quarantined: step.quarantined,
      api_calls: step.apiCalls,
      started_at: step.startedAt,
      finished_at: step.finishedAt,
      outcome: step.outcome,
    })
    .execute();
};

const toStep = (row: Selectable<RunStepTable>): RunStep => ({
  step: row.step,
  object: row.object,
  read: row.read,
  upserted: row.upserted,
  deleted: row.deleted,
  quarantined: row.quarantined,
  apiCalls: row.api_calls,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  outcome: row.outcome,
});

const toRuns = async (db: Kysely<StoreDatabase>, rows: Selectable<RunTable>[]): Promise<Run[]> => {
  if (rows.length === 0) return [];
  const steps = await db.selectFrom('run_steps').selectAll().where('run_id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    command: row.command,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    apiCalls: row.api_calls,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
    steps: steps.filter((s) => s.run_id === row.id).map(toStep),
  }));
};

export const getRun = async (db: Kysely<StoreDatabase>, runId: string): Promise<Run | undefined> => {
  const rows = await db.selectFrom('runs').selectAll().where('id', '=', runId).execute();
  return (await toRuns(db, rows))[0];
};

export const lastRuns = async (db: Kysely<StoreDatabase>, limit: number): Promise<Run[]> => {
  const rows = await db.selectFrom('runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return toRuns(db, rows);
};
