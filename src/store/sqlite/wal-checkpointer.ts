import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { BOOTING, COMMITS, READY, STATE, STOPPING } from './wal-checkpoint-signals.js';

/**
 * Copies the WAL into the database file on a worker thread, with a connection of its own, while
 * the store goes on working: the arrangement SQLite's WAL documentation suggests for writers that
 * should not pay for checkpoints themselves. Before, every committed page waited in the WAL until
 * the store closed (or passed wal_autocheckpoint, inside a commit) and was then copied and
 * fsynced while the user waited: bench/sync's incremental run (10,062 changed rows, a random page
 * each) spent 220–250 ms of its ~0.75 s closing the store. With the thread the copying overlaps
 * the run's reads from Salesforce and the close is left with the last pages: that run went from
 * 0.71–1.31 s (median 0.76) to 0.53–0.59 s (median 0.58), three runs each, alternated.
 *
 * The thread starts at the first commit that leaves the WAL past STARTUP_WAL_BYTES, so commands
 * that write little never pay its start (~75 ms of CPU). Each later commit wakes it through
 * shared memory, and commits made while it works make one PASSIVE checkpoint, which never waits
 * for the writer nor blocks it. `stop` (the store's close) waits for a checkpoint in flight and
 * for the thread's connection to close, so that the store's own connection is the last: it
 * checkpoints what is left and deletes the WAL, as before. wal_autocheckpoint stays set as the
 * backstop, should the thread fall behind or fail.
 */
const STARTUP_WAL_BYTES = 4 * 1024 * 1024;
/** A checkpoint is bounded by wal_autocheckpoint (64 MB of WAL): well under a second here. */
const STOP_TIMEOUT_MS = 30_000;

const walBytes = (file: string): number => {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
};

export class WalCheckpointer {
  readonly #file: string;
  readonly #shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  #running = false;

  constructor(file: string) {
    this.#file = file;
  }

  /** A write transaction has committed. */
  committed(): void {
    if (!this.#running) {
      if (walBytes(this.#file) < STARTUP_WAL_BYTES) return;
      const worker = new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), {
        workerData: { file: this.#file, signals: this.#shared.buffer },
      });
      // It never keeps the process alive, and an error only ends the checkpointing: close does the rest.
      worker.unref();
      worker.on('error', () => undefined);
      this.#running = true;
    }
    Atomics.add(this.#shared, COMMITS, 1);
    Atomics.notify(this.#shared, COMMITS);
  }

  /** Returns once the thread has let go of the database: synchronously, as SQLite's close is. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    const state = Atomics.compareExchange(this.#shared, STATE, BOOTING, STOPPING);
    if (state === BOOTING) return; // told before it started: it opens nothing
    // From READY only the thread itself moves on (to stopped, after an error).
    if (state !== READY || Atomics.compareExchange(this.#shared, STATE, READY, STOPPING) !== READY) return;
    Atomics.add(this.#shared, COMMITS, 1);
    Atomics.notify(this.#shared, COMMITS);
    Atomics.wait(this.#shared, STATE, STOPPING, STOP_TIMEOUT_MS);
  }
}
