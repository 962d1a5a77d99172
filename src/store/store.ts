import type { CrmObjectName, CrmRecordOf, QuarantinedRecord, RunOutcome } from '../domain/crm-records.ts';
import type { HealthSnapshot, HierarchyRollup } from '../domain/health.ts';
import type { IdentityLink } from '../domain/identity.ts';
import type { StageAssignment, StageOnRecord, StageTransition } from '../domain/lifecycle.ts';
import type { NpsResponse, NpsResponseStatus } from '../domain/nps.ts';
import type { DayRange, UsageAccount, UsageDay, UsageDayColumns } from '../domain/usage.ts';

/** A field of a stored record, the synced bookkeeping (isDeleted, systemModstamp, extra) included. */
export type RecordField<O extends CrmObjectName> = keyof CrmRecordOf[O] & string;

/**
 * The store port: the normalized database every pipeline step reads and writes. Callers see
 * domain types only; which database (SQLite file or PostgreSQL) sits behind it is the
 * adapter's business, and both behave identically (one test suite runs on both).
 */

/** Where an incremental sync resumes: the last (SystemModstamp, Id) durably stored. */
export type SyncCursor = { systemModstamp: string; lastId: string };

/**
 * Progress of the query a run has in flight for one object, saved after every page so a killed
 * or deferred run resumes there instead of starting the object again.
 */
export type SyncCheckpoint = {
  mode: 'rest' | 'bulk';
  runId: string;
  /** The query's SystemModstamp upper bound: never past the run's start. */
  upperBound: string;
  /** The last (SystemModstamp, Id) written by this query (REST reads in that order), to re-query from when a locator expired. */
  progress: SyncCursor | null;
  /** REST: the next page to fetch. */
  nextRecordsUrl: string | null;
  /** Bulk 2.0: the query job and the locator of the next results page. */
  bulkJobId: string | null;
  bulkLocator: string | null;
  rowsDone: number;
  savedAt: string;
};

export type SyncCursorState = {
  object: CrmObjectName;
  /** Null until the object's first sync commits. */
  cursor: SyncCursor | null;
  cursorCommittedAt: string | null;
  /** Null when no query is in flight. */
  checkpoint: SyncCheckpoint | null;
  lastFullSyncAt: string | null;
  lastHardDeleteSweepAt: string | null;
};

export type RunStep = {
  step: string;
  /** The CRM object the step worked on, null for steps over the whole store (score, reconcile). */
  object: string | null;
  read: number;
  upserted: number;
  deleted: number;
  quarantined: number;
  apiCalls: number;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
};

export type RunError = { code: string; message: string };

export type Run = {
  id: string;
  command: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunOutcome;
  apiCalls: number;
  error: RunError | null;
  summary: Record<string, unknown> | null;
  steps: RunStep[];
};

export type FinishRun = {
  apiCalls: number;
  error?: RunError;
  summary?: Record<string, unknown>;
  /** Defaults to now. */
  finishedAt?: string;
};

export type QuarantineEntry = QuarantinedRecord & { id: number };
export type QuarantineFilter = { runId?: string; object?: string };

export type UpsertOptions = {
  /** The run that wrote these rows (null outside a run). */
  runId?: string | null;
  /** Defaults to now. */
  syncedAt?: string;
};

/** Everything a step can do, on the store itself or inside one of its transactions. */
export interface StoreSession {
  /**
   * Inserts or replaces records by id, in one transaction per call (or the caller's). A stored
   * version with a later SystemModstamp is kept: a lookback re-read or an out-of-order page never
   * rolls a record back. Returns how many rows were written.
   */
  upsertRecords<O extends CrmObjectName>(object: O, records: readonly CrmRecordOf[O][], options?: UpsertOptions): Promise<number>;
  /** The stored records among `ids` (deleted ones included), in no particular order. */
  getRecords<O extends CrmObjectName>(object: O, ids: readonly string[]): Promise<CrmRecordOf[O][]>;
  /**
   * Every stored id in id order (bytewise), read page by page: for hard-delete sweeps by Id-set
   * comparison. Like `iterateRecords` and `count`, skips deleted records unless `includeDeleted`.
   */
  allIds(object: CrmObjectName, options?: { includeDeleted?: boolean }): AsyncIterable<string>;
  /** Every stored record in id order, read page by page (memory stays flat; writes between pages are fine). */
  iterateRecords<O extends CrmObjectName>(object: O, options?: { includeDeleted?: boolean }): AsyncIterable<CrmRecordOf[O]>;
  /**
   * Every stored record in id order with only `fields` (and `id`) read, paged like
   * `iterateRecords` and returned whole: for steps that hold a whole table but read a few fields
   * of each (reconcile reads 9 of an account's 19).
   */
  listRecords<O extends CrmObjectName, F extends RecordField<O>>(object: O, options: { fields: readonly F[]; includeDeleted?: boolean }): Promise<Pick<CrmRecordOf[O], F | 'id'>[]>;
  /**
   * Marks records deleted (a hard delete found by a sweep), keeping their SystemModstamp; returns
   * how many were not deleted already. Unknown ids are ignored.
   */
  markDeleted(object: CrmObjectName, ids: readonly string[], at: string): Promise<number>;
  count(object: CrmObjectName, options?: { includeDeleted?: boolean }): Promise<number>;

  getCursor(object: CrmObjectName): Promise<SyncCursorState>;
  saveCheckpoint(object: CrmObjectName, checkpoint: SyncCheckpoint): Promise<void>;
  /** Drops an in-flight checkpoint that can no longer be resumed (an expired Bulk job). */
  clearCheckpoint(object: CrmObjectName): Promise<void>;
  /**
   * Advances the committed cursor and clears the checkpoint. Call it in the transaction that
   * upserts the last page, so the cursor never moves past rows that are not stored.
   */
  commitCursor(object: CrmObjectName, cursor: SyncCursor, options?: { committedAt?: string; fullSyncAt?: string }): Promise<void>;
  recordHardDeleteSweep(object: CrmObjectName, at: string): Promise<void>;

  startRun(command: string, options?: { startedAt?: string }): Promise<string>;
  finishRun(runId: string, outcome: Exclude<RunOutcome, 'running'>, result: FinishRun): Promise<void>;
  recordStep(runId: string, step: RunStep): Promise<void>;
  getRun(runId: string): Promise<Run | undefined>;
  /** The latest runs, newest first. */
  lastRuns(limit: number): Promise<Run[]>;

  quarantine(records: readonly QuarantinedRecord[]): Promise<void>;
  quarantineCount(filter?: QuarantineFilter): Promise<number>;
  listQuarantine(filter: QuarantineFilter & { limit: number }): Promise<QuarantineEntry[]>;

  /**
   * Inserts or overwrites usage days by (accountKey, day). Loading a day twice changes nothing:
   * returns how many rows were inserted or had a value changed.
   */
  upsertUsageDays(days: readonly UsageDay[], options?: { runId?: string | null; loadedAt?: string }): Promise<number>;
  /**
   * `upsertUsageDays` for days given as a page of columns, in (key, day) order (the usage load
   * from DuckDB): same outcome, without an object per day where a month is new to the store.
   */
  upsertUsageDayColumns(columns: UsageDayColumns, options?: { runId?: string | null; loadedAt?: string }): Promise<number>;
  /** Stored days in (accountKey, day) order, page by page. */
  usageDays(filter?: UsageDayFilter): AsyncIterable<UsageDay[]>;
  /** The same days as pages of columns, with no object per day: for readers of millions (scoring). */
  usageDayColumns(filter?: UsageDayFilter): AsyncIterable<UsageDayColumns>;
  countUsageDays(): Promise<number>;
  /** Stores each key's domain, name and seats (volumes come from `refreshUsageVolumes`). */
  upsertUsageAccounts(accounts: readonly UsageAccount[]): Promise<void>;
  /** Recomputes every key's events and first/last day from the stored days. */
  refreshUsageVolumes(): Promise<void>;
  listUsageAccounts(): Promise<UsageAccount[]>;
  /**
   * Replaces the whole identity map at once (one transaction); a link to the same account by the
   * same rule keeps its linkedAt and runId, and rows that stay the same are not rewritten. A map
   * that links one key twice is refused (UNEXPECTED).
   */
  replaceIdentityLinks(links: readonly IdentityLink[], options?: { runId?: string | null; at?: string }): Promise<void>;
  listIdentityLinks(filter?: { accountIds?: readonly string[] }): Promise<StoredIdentityLink[]>;
  /** A step's small JSON high-water mark (null when never set). */
  getStepState(name: string): Promise<unknown>;
  setStepState(name: string, value: unknown): Promise<void>;

  /** Stores snapshots, one per account per day (a re-run the same day replaces it). */
  saveHealthSnapshots(snapshots: readonly HealthSnapshot[], runId: string | null): Promise<void>;
  /** Every account's score per day between two days inclusive, in (account, day) order. */
  scorePoints(from: string, to: string): Promise<ScorePoint[]>;
  /** An account's snapshots, newest first. */
  healthSnapshotsOf(accountId: string, limit?: number): Promise<HealthSnapshot[]>;
  /** Replaces the roll-ups of asOf's day. */
  saveHealthRollups(rollups: readonly HierarchyRollup[], asOf: string, runId: string | null): Promise<void>;
  healthRollupOf(accountId: string): Promise<HierarchyRollup | null>;
  currentStages(): Promise<Map<string, StageOnRecord>>;
  stageAssignmentOf(accountId: string): Promise<StageAssignment | null>;
  /** Stores each account's current stage and appends the run's transitions, in one transaction. */
  saveStageAssignments(assignments: readonly StageAssignment[], runId: string | null, at: string): Promise<void>;
  stageTransitionsOf(accountId?: string): Promise<StageTransition[]>;

  /**
   * Inserts or updates survey responses by id. Loading the same responses twice changes nothing:
   * returns how many rows were inserted or had a value changed.
   */
  upsertNpsResponses(responses: readonly NpsResponse[], runId: string | null): Promise<number>;
  /** Each account's latest response at or before `asOf` (an ISO instant), keyed by account id. */
  latestNpsByAccount(asOf: string): Promise<Map<string, LatestNps>>;
  /** Stored responses in (respondedAt, id) order. */
  npsResponses(filter?: NpsResponseFilter): Promise<NpsResponse[]>;
}

export type LatestNps = { score: number; respondedAt: string };
/** `from` and `to` are inclusive ISO instants. */
export type NpsResponseFilter = { accountIds?: readonly string[]; contactId?: string; status?: NpsResponseStatus; from?: string; to?: string; limit?: number };

export type ScorePoint = { accountId: string; day: string; score: number | null; colour: string };

export type UsageDayFilter = { accountKeys?: readonly string[]; range?: Partial<DayRange> };
export type StoredIdentityLink = IdentityLink & { linkedAt: string; runId: string | null };

export type StoreDialect = 'sqlite' | 'postgres';

export interface WriteBehind {
  /**
   * Queues `fn`'s writes as one transaction; resolves once they are queued (not yet committed),
   * later when the queue is full. `fn` may only write: a read in it fails (UNEXPECTED). Rejects
   * with the error of a queued transaction that failed; nothing queued after it is written.
   */
  transaction(fn: (tx: StoreSession) => Promise<void>): Promise<void>;
  /** Resolves once every queued transaction has committed; rejects with the first that failed. */
  flush(): Promise<void>;
  /**
   * Waits for what is queued, then ends the queue (on a SQLite file, its thread and connection).
   * A failure is not thrown here: `flush` first to see it.
   */
  close(): Promise<void>;
}

export interface Store extends StoreSession {
  readonly dialect: StoreDialect;
  /**
   * Runs `fn` in one transaction: all its writes commit together, or none do when it throws.
   * Inside `fn`, use `tx` only: on SQLite (one connection) a call on the store itself would wait
   * for the transaction to end, which waits for `fn`.
   */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /**
   * A queue of write-only transactions for a step that writes as it goes (`sextant score`): each
   * one commits whole, in the order queued. On a SQLite file they run on a thread with a
   * connection of its own while the step goes on; elsewhere each runs before `transaction`
   * resolves. Call `flush` before the step reads what it wrote or reports success.
   */
  writeBehind(): WriteBehind;
  /** Applies pending migrations (openStore already did); returns the names applied, [] when up to date. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}
