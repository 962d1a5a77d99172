// The thread behind write-behind-thread.ts: runs each queued transaction's statements on a
// connection of its own, in order, and answers each with its outcome. Plain JavaScript, like
// wal-checkpoint-worker.js: a worker started on a .ts file loads Node's type stripper first.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { file, busyTimeoutMs } = workerData;
const db = new DatabaseSync(file);
db.exec(`pragma busy_timeout = ${busyTimeoutMs}`);
// Per connection, as the store's own sets it (open-sqlite.ts): a commit survives a killed process.
db.exec('pragma synchronous = normal');
db.exec('pragma wal_autocheckpoint = 16384');

/** Prepared statements by SQL text: a run sends a handful of shapes over and over. */
const statements = new Map();
const prepared = (sql) => {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
    if (statements.size > 64) statements.delete(statements.keys().next().value);
  }
  return statement;
};


let failed = false;
parentPort.on('message', (message) => {
  if (message.type === 'close') {
    statements.clear();
    db.close();
    parentPort.close();
    return;
  }
  const { id, statements: list } = message;
  // After a failure nothing queued behind it is written: the queue commits in order or stops.
  if (failed) {
    parentPort.postMessage({ id, error: { name: 'Error', message: 'not written: an earlier write-behind transaction failed' } });
    return;
  }
  try {
    db.exec('begin immediate');
    try {
      for (const s of list) prepared(s.sql).run(...s.parameters);
      db.exec('commit');
    } catch (err) {
      if (db.isTransaction) db.exec('rollback');
      throw err;
    }
    parentPort.postMessage({ id });
  } catch (err) {
    failed = true;
    parentPort.postMessage({ id, error: { name: err?.name, message: String(err?.message ?? err), code: err?.code, errcode: err?.errcode, errstr: err?.errstr } });
  }
});
