// The thread behind wal-checkpointer.ts: a connection of its own that copies the WAL into the
// database file whenever the store commits. Plain JavaScript, because a worker thread started on
// a .ts file loads Node's type stripper first: 180 ms to start here instead of 75.
import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import { BOOTING, COMMITS, READY, STATE, STOPPED, STOPPING } from './wal-checkpoint-signals.js';


const { file, signals } = workerData;
const shared = new Int32Array(signals);
let db;
try {
  // Stopped before it got here: nothing to open, nothing to wait for.
  if (Atomics.compareExchange(shared, STATE, BOOTING, READY) === BOOTING) {
    let seen = 0;
    for (;;) {
      // Sleeps until a commit (or the stop) moves the count; commits made meanwhile make one checkpoint.
      Atomics.wait(shared, COMMITS, seen);
      seen = Atomics.load(shared, COMMITS);
      if (Atomics.load(shared, STATE) === STOPPING) break;
      if (db === undefined) {
        db = new DatabaseSync(file);
        db.exec('pragma busy_timeout = 1000');
      }
      // PASSIVE copies what no reader still needs; it never waits for the writer, nor blocks it.
      db.exec('pragma wal_checkpoint(passive)');
    }
  }
} catch {
  // Checkpointing here only saves time: whatever is left, the store's own close checkpoints.
} finally {
  db?.close();
  Atomics.store(shared, STATE, STOPPED);
  Atomics.notify(shared, STATE);
}
