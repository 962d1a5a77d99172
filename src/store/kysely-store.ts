import type { Kysely } from 'kysely';
import type { CrmObjectName, CrmRecordOf, QuarantinedRecord, RunOutcome } from '../domain/crm-records.ts';
import { migrateToLatest } from './migrations/store-migrations.ts';
import * as records from './repositories/crm-record.repository.ts';
import * as quarantine from './repositories/quarantine.repository.ts';
import * as runs from './repositories/run.repository.ts';
import * as cursors from './repositories/sync-cursor.repository.ts';
import * as health from './repositories/health.repository.ts';
import * as identityLinks from './repositories/identity-link.repository.ts';
import * as nps from './repositories/nps-response.repository.ts';
import * as stepState from './repositories/step-state.repository.ts';
import * as usageAccounts from './repositories/usage-account.repository.ts';
import * as usageDays from './repositories/usage-month.repository.ts';
import { WriteBehindThread } from './sqlite/write-behind-thread.ts';
import type { HealthSnapshot, HierarchyRollup } from '../domain/health.ts';
import type { IdentityLink } from '../domain/identity.ts';
import type { NpsResponse } from '../domain/nps.ts';
import type { StageAssignment, StageOnRecord, StageTransition } from '../domain/lifecycle.ts';
import type { UsageAccount, UsageDay, UsageDayColumns } from '../domain/usage.ts';
import type { StoreDatabase } from './schema/store-database.ts';
import type { LatestNps, NpsResponseFilter } from './store.ts';
import type {
  FinishRun, QuarantineEntry, QuarantineFilter, RecordField, Run, RunStep, Store, StoreDialect, StoreSession,
  ScorePoint, StoredIdentityLink, SyncCheckpoint, SyncCursor, SyncCursorState, UpsertOptions, UsageDayFilter, WriteBehind,
} from './store.ts';

/** A SQLite store's file, for the threads that open it beside the store's own connection. */
export type SqliteFile = { path: string; busyTimeoutMs: number; committed: () => void };

/** The store port over a Kysely handle: the database itself, or one of its transactions. */
class KyselyStoreSession implements StoreSession {
  protected readonly db: Kysely<StoreDatabase>;

  constructor(db: Kysely<StoreDatabase>) {
    this.db = db;
  }

  upsertRecords<O extends CrmObjectName>(object: O, rows: readonly CrmRecordOf[O][], options?: UpsertOptions): Promise<number> {
    return records.upsertRecords(this.db, object, rows, options);
  }

  getRecords<O extends CrmObjectName>(object: O, ids: readonly string[]): Promise<CrmRecordOf[O][]> {
    return records.getRecords(this.db, object, ids);
  }

  allIds(object: CrmObjectName, options?: { includeDeleted?: boolean }): AsyncIterable<string> {
    return records.allIds(this.db, object, options);
  }

  iterateRecords<O extends CrmObjectName>(object: O, options?: { includeDeleted?: boolean }): AsyncIterable<CrmRecordOf[O]> {
    return records.iterateRecords(this.db, object, options);
  }

  listRecords<O extends CrmObjectName, F extends RecordField<O>>(object: O, options: { fields: readonly F[]; includeDeleted?: boolean }): Promise<Pick<CrmRecordOf[O], F | 'id'>[]> {
    return records.listRecords(this.db, object, options);
  }

  markDeleted(object: CrmObjectName, ids: readonly string[], at: string): Promise<number> {
    return records.markDeleted(this.db, object, ids, at);
  }

  count(object: CrmObjectName, options?: { includeDeleted?: boolean }): Promise<number> {
    return records.countRecords(this.db, object, options);
  }

  getCursor(object: CrmObjectName): Promise<SyncCursorState> {
    return cursors.getCursor(this.db, object);
  }

  saveCheckpoint(object: CrmObjectName, checkpoint: SyncCheckpoint): Promise<void> {
    return cursors.saveCheckpoint(this.db, object, checkpoint);
  }

  clearCheckpoint(object: CrmObjectName): Promise<void> {
    return cursors.clearCheckpoint(this.db, object);
  }

  commitCursor(object: CrmObjectName, cursor: SyncCursor, options?: { committedAt?: string; fullSyncAt?: string }): Promise<void> {
    return cursors.commitCursor(this.db, object, cursor, options);
  }

  recordHardDeleteSweep(object: CrmObjectName, at: string): Promise<void> {
    return cursors.recordHardDeleteSweep(this.db, object, at);
  }

  startRun(command: string, options?: { startedAt?: string }): Promise<string> {
    return runs.startRun(this.db, command, options);
  }

  finishRun(runId: string, outcome: Exclude<RunOutcome, 'running'>, result: FinishRun): Promise<void> {
    return runs.finishRun(this.db, runId, outcome, result);
  }

  recordStep(runId: string, step: RunStep): Promise<void> {
    return runs.recordStep(this.db, runId, step);
  }

  getRun(runId: string): Promise<Run | undefined> {
    return runs.getRun(this.db, runId);
  }

  lastRuns(limit: number): Promise<Run[]> {
    return runs.lastRuns(this.db, limit);
  }

  quarantine(rows: readonly QuarantinedRecord[]): Promise<void> {
    return quarantine.quarantine(this.db, rows);
  }

  quarantineCount(filter?: QuarantineFilter): Promise<number> {
    return quarantine.quarantineCount(this.db, filter);
  }

  listQuarantine(filter: QuarantineFilter & { limit: number }): Promise<QuarantineEntry[]> {
    return quarantine.listQuarantine(this.db, filter);
  }

  upsertUsageDays(days: readonly UsageDay[], options?: { runId?: string | null; loadedAt?: string }): Promise<number> {
    return usageDays.upsertUsageDays(this.db, days, options);
  }

  upsertUsageDayColumns(columns: UsageDayColumns, options?: { runId?: string | null; loadedAt?: string }): Promise<number> {
    return usageDays.upsertUsageDayColumns(this.db, columns, options);
  }

  usageDays(filter?: UsageDayFilter): AsyncIterable<UsageDay[]> {
    return usageDays.usageDays(this.db, filter);
  }

  usageDayColumns(filter?: UsageDayFilter): AsyncIterable<UsageDayColumns> {
    return usageDays.usageDayColumns(this.db, filter);
  }

  countUsageDays(): Promise<number> {
    return usageDays.countUsageDays(this.db);
  }

  upsertUsageAccounts(accounts: readonly UsageAccount[]): Promise<void> {
    return usageAccounts.upsertUsageAccounts(this.db, accounts);
  }

  refreshUsageVolumes(): Promise<void> {
    return usageAccounts.refreshUsageVolumes(this.db);
  }

  listUsageAccounts(): Promise<UsageAccount[]> {
    return usageAccounts.listUsageAccounts(this.db);
  }

  replaceIdentityLinks(links: readonly IdentityLink[], options?: { runId?: string | null; at?: string }): Promise<void> {
    return identityLinks.replaceIdentityLinks(this.db, links, options);
  }

  listIdentityLinks(filter?: { accountIds?: readonly string[] }): Promise<StoredIdentityLink[]> {
    return identityLinks.listIdentityLinks(this.db, filter);
  }

  getStepState(name: string): Promise<unknown> {
    return stepState.getStepState(this.db, name);
  }

  setStepState(name: string, value: unknown): Promise<void> {
    return stepState.setStepState(this.db, name, value);
  }

  saveHealthSnapshots(snapshots: readonly HealthSnapshot[], runId: string | null): Promise<void> {
    return health.saveHealthSnapshots(this.db, snapshots, runId);
  }

  scorePoints(from: string, to: string): Promise<ScorePoint[]> {
    return health.scorePoints(this.db, from, to);
  }

  healthSnapshotsOf(accountId: string, limit?: number): Promise<HealthSnapshot[]> {
    return health.healthSnapshotsOf(this.db, accountId, limit);
  }

  saveHealthRollups(rollups: readonly HierarchyRollup[], asOf: string, runId: string | null): Promise<void> {
    return health.saveHealthRollups(this.db, rollups, asOf, runId);
  }

  healthRollupOf(accountId: string): Promise<HierarchyRollup | null> {
    return health.healthRollupOf(this.db, accountId);
  }

  currentStages(): Promise<Map<string, StageOnRecord>> {
    return health.currentStages(this.db);
  }

  stageAssignmentOf(accountId: string): Promise<StageAssignment | null> {
    return health.stageAssignmentOf(this.db, accountId);
  }

  saveStageAssignments(assignments: readonly StageAssignment[], runId: string | null, at: string): Promise<void> {
    return health.saveStageAssignments(this.db, assignments, runId, at);
  }

  stageTransitionsOf(accountId?: string): Promise<StageTransition[]> {
    return health.stageTransitionsOf(this.db, accountId);
  }

  upsertNpsResponses(responses: readonly NpsResponse[], runId: string | null): Promise<number> {
    return nps.upsertNpsResponses(this.db, responses, runId);
  }

  latestNpsByAccount(asOf: string): Promise<Map<string, LatestNps>> {
    return nps.latestNpsByAccount(this.db, asOf);
  }

  npsResponses(filter?: NpsResponseFilter): Promise<NpsResponse[]> {
    return nps.npsResponses(this.db, filter);
  }
}

export class KyselyStore extends KyselyStoreSession implements Store {
  readonly dialect: StoreDialect;
  /** The SQLite file, when the store is one: a write-behind thread opens it too. */
  readonly #sqliteFile: SqliteFile | undefined;
  readonly #writers = new Set<WriteBehindThread>();
  #closed = false;

  constructor(db: Kysely<StoreDatabase>, dialect: StoreDialect, options: { sqliteFile?: SqliteFile | undefined } = {}) {
    super(db);
    this.dialect = dialect;
    this.#sqliteFile = options.sqliteFile;
  }

  writeBehind(): WriteBehind {
    const file = this.#sqliteFile;
    if (file === undefined) {
      // PostgreSQL (whose driver waits on the network, not the CPU) and in-memory SQLite: each
      // transaction runs before it resolves.
      return { transaction: (fn) => this.transaction(fn), flush: async () => undefined, close: async () => undefined };
    }
    const writer = new WriteBehindThread({
      file: file.path, busyTimeoutMs: file.busyTimeoutMs, committed: file.committed, session: (trx) => new KyselyStoreSession(trx), closed: () => this.#writers.delete(writer),
    });
    this.#writers.add(writer);
    return writer;
  }

  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new KyselyStoreSession(trx)));
  }

  migrate(): Promise<string[]> {
    return migrateToLatest(this.db as Kysely<unknown>, this.dialect);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // The threads' connections close first: the store's own, closing last, checkpoints the WAL.
    await Promise.all([...this.#writers].map((w) => w.close()));
    this.#writers.clear();
    await this.db.destroy();
  }
}
