import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { SextantError, type ErrorKind } from '../../domain/sextant-error.ts';
import type { UsageDayColumns } from '../../domain/usage.ts';
import { batchQuery } from '../repositories/batch-statement.ts';
import { columnsOfMonths, type PackedMonth } from '../repositories/usage-columns-page.ts';
import { dayNumberRange, monthsPageQuery } from '../repositories/usage-month.repository.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { UsageDayFilter } from '../store.ts';
import { CREDITS, STOP, type ThreadError, type ThreadMessage, type UsageThreadData } from './usage-columns-protocol.ts';

/**
 * Pages granted ahead: the thread unpacks the next pages while the reader works on this one,
 * and never more than this many wait in memory.
 */
const PAGES_AHEAD = 3;

/**
 * `usageDayColumns` over all keys of a file store, with the reading and unpacking on a worker
 * thread that has a connection of its own (WAL lets it read while this connection writes).
 * Scoring 100k accounts reads 5.7M days: ~1.4 s of SQLite reads and unpacking that held up the
 * scoring on the one thread, and now run beside it on the second core (bench/score).
 *
 * The first page is read here: a store with one page of usage (the demo) never starts the thread
 * (~180 ms of CPU). Pages come in the same order and with the same content as the store's own
 * reader gives; each page is read in a statement of its own, as there.
 */
export async function* usageDayColumnsOnThread(db: Kysely<StoreDatabase>, file: string, filter: UsageDayFilter): AsyncGenerator<UsageDayColumns> {
  const { from, to } = dayNumberRange(filter);
  const query = monthsPageQuery(db, filter);
  const { rows } = await db.executeQuery<PackedMonth>(batchQuery(query.first.sql, query.first.parameters));
  const first = columnsOfMonths(rows, from, to);
  if (rows.length < query.pageMonths) {
    if (first !== null) yield first;
    return;
  }
  const last = rows[rows.length - 1]!;
  const rest = new PagesFromThread({ file, query, from, to, after: { key: last.account_key, month: last.month }, signals: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT) });
  try {
    if (first !== null) yield first;
    for (let page = await rest.next(); page !== null; page = await rest.next()) yield page;
  } finally {
    rest.stop();
  }
}

class PagesFromThread {
  readonly #worker: Worker;
  readonly #shared: Int32Array;
  readonly #arrived: ThreadMessage[] = [];
  #wake: (() => void) | null = null;
  #ended = false;

  constructor(data: UsageThreadData) {
    this.#shared = new Int32Array(data.signals);
    Atomics.store(this.#shared, CREDITS, PAGES_AHEAD);
    this.#worker = new Worker(new URL('./usage-columns-worker.ts', import.meta.url), { workerData: data });
    // A reader that stops early leaves nothing running that keeps the process alive.
    this.#worker.unref();
    this.#worker.on('message', (m: ThreadMessage) => this.#arrive(m));
    this.#worker.on('error', (err: Error) => this.#arrive({ type: 'error', error: { name: err.name, message: err.message } }));
    this.#worker.on('exit', (code: number) => this.#arrive({ type: 'error', error: { name: 'Error', message: `the usage reading thread exited (code ${code}) before it finished` } }));
  }

  #arrive(message: ThreadMessage): void {
    this.#arrived.push(message);
    this.#wake?.();
  }

  /** The next page; null after the last. */
  async next(): Promise<UsageDayColumns | null> {
    if (this.#ended) return null;
    while (this.#arrived.length === 0) await new Promise<void>((resolve) => (this.#wake = resolve));
    this.#wake = null;
    const message = this.#arrived.shift()!;
    if (message.type === 'page') {
      // The page taken frees a place ahead for the thread.
      Atomics.add(this.#shared, CREDITS, 1);
      Atomics.notify(this.#shared, CREDITS);
      return message.page;
    }
    this.#ended = true;
    if (message.type === 'done') return null;
    throw threadFailure(message.error);
  }

  stop(): void {
    this.#ended = true;
    Atomics.store(this.#shared, STOP, 1);
    Atomics.notify(this.#shared, CREDITS);
    void this.#worker.terminate();
  }
}

const KINDS: readonly string[] = ['config', 'auth', 'transient', 'quota', 'data', 'fatal'];

/** The thread's error as the store's own reader would have thrown it: a SextantError keeps its code. */
const threadFailure = (e: ThreadError): Error => {
  if (e.code !== undefined && e.kind !== undefined && KINDS.includes(e.kind)) {
    return new SextantError(e.code, e.message, { kind: e.kind as ErrorKind, path: e.path, data: e.data });
  }
  return new SextantError('STORE_UNAVAILABLE', `reading stored usage failed: ${e.message}`, { kind: 'fatal', data: { error: e.name } });
};
