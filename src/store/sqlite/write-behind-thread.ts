import { Worker } from 'node:worker_threads';
import { Kysely } from 'kysely';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { StoreSession, WriteBehind } from '../store.ts';
import { RecordingSqliteDialect, type RecordedStatement } from './recording-dialect.ts';

/** Transactions queued and not yet committed before `transaction` waits: bounds what waits in memory. */
const MAX_QUEUED = 4;

type Outcome = { id: number; error?: { name?: string; message: string; code?: unknown; errcode?: unknown; errstr?: unknown } };

/**
 * Write-behind on a SQLite file: each transaction's statements are compiled here (on a
 * recording dialect, by the same repository code the store runs) and run on a worker thread
 * with a connection of its own, in order, each in one `begin immediate … commit`. The step goes
 * on meanwhile: `sextant score` spent ~1.6 s of a 11 s run inside SQLite writing 100k snapshots
 * and stages (bench/score), time its thread now spends scoring.
 *
 * The thread starts at the first transaction. `close` waits for what is queued and for the
 * thread's connection to close, so that the store's connection is the last (its close
 * checkpoints and removes the WAL).
 */
export class WriteBehindThread implements WriteBehind {
  readonly #file: string;
  readonly #busyTimeoutMs: number;
  readonly #committed: () => void;
  readonly #makeSession: (db: Kysely<StoreDatabase>) => StoreSession;
  readonly #closed: () => void;
  #recorded: RecordedStatement[] = [];
  readonly #recorder: Kysely<StoreDatabase>;
  #recording: Promise<void> = Promise.resolve();
  #worker: Worker | undefined;
  #nextId = 0;
  #queued = 0;
  #failure: Error | undefined;
  #waiters: (() => void)[] = [];

  constructor(options: { file: string; busyTimeoutMs: number; committed: () => void; session: (db: Kysely<StoreDatabase>) => StoreSession; closed?: () => void }) {
    this.#file = options.file;
    this.#busyTimeoutMs = options.busyTimeoutMs;
    this.#committed = options.committed;
    this.#makeSession = options.session;
    this.#closed = options.closed ?? (() => undefined);
    this.#recorder = new Kysely<StoreDatabase>({ dialect: new RecordingSqliteDialect((s) => this.#recorded.push(s)) });
  }

  transaction(fn: (tx: StoreSession) => Promise<void>): Promise<void> {
    // Recorded one at a time: two callers not awaiting each other never mix their statements.
    const queued = this.#recording.then(() => this.#queue(fn));
    this.#recording = queued.catch(() => undefined);
    return queued;
  }

  async #queue(fn: (tx: StoreSession) => Promise<void>): Promise<void> {
    this.#throwIfFailed();
    this.#recorded = [];
    await this.#recorder.transaction().execute((trx) => fn(this.#makeSession(trx)));
    const statements = this.#recorded;
    this.#recorded = [];
    if (statements.length === 0) return;
    while (this.#queued >= MAX_QUEUED && this.#failure === undefined) await this.#settled();
    this.#throwIfFailed();
    const worker = this.#start();
    this.#queued++;
    worker.ref();
    worker.postMessage({ id: this.#nextId++, statements });
  }

  async flush(): Promise<void> {
    await this.#recording;
    while (this.#queued > 0 && this.#failure === undefined) await this.#settled();
    this.#throwIfFailed();
  }

  /** Waits for what is queued (a failure included) and lets the thread's connection go. */
  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.#closed();
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Idle, it was unreferenced: the wait for its exit must keep the process up.
    worker.ref();
    worker.postMessage({ type: 'close' });
    await exited;
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(new URL('./write-behind-worker.js', import.meta.url), { workerData: { file: this.#file, busyTimeoutMs: this.#busyTimeoutMs } });
    worker.on('message', (outcome: Outcome) => {
      this.#queued--;
      if (outcome.error !== undefined) this.#fail(Object.assign(new Error(outcome.error.message), outcome.error));
      else this.#committed();
      if (this.#queued === 0) worker.unref();
      this.#wake();
    });
    worker.on('error', (err: Error) => this.#fail(err));
    worker.on('exit', (code: number) => {
      if (this.#worker === worker) {
        this.#worker = undefined;
        this.#fail(new Error(`the write-behind thread exited (code ${code}) with ${this.#queued} transaction(s) queued`));
      }
      this.#queued = 0;
      this.#wake();
    });
    this.#worker = worker;
    return worker;
  }

  #fail(err: Error): void {
    this.#failure ??= err;
    this.#wake();
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }

  #settled(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
