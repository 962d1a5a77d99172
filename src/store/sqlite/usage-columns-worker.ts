// The thread behind usage-columns-thread.ts: reads stored usage months on a connection of its
// own, unpacks them into pages of columns and hands each page's arrays over (transferred, not
// copied), at most as many pages ahead as the reader has granted.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { AFTER_KEY_SLOT, AFTER_MONTH_SLOT, columnsOfMonths, type MonthsPageQuery, type PackedMonth } from '../repositories/usage-columns-page.ts';
import { CREDITS, STOP, type ThreadMessage, type UsageThreadData } from './usage-columns-protocol.ts';

const { file, query, from, to, after: start, signals } = workerData as UsageThreadData;
const shared = new Int32Array(signals);
const port = parentPort!;

/** Waits for the reader to grant a page; false once it has stopped. */
const granted = (): boolean => {
  for (;;) {
    if (Atomics.load(shared, STOP) !== 0) return false;
    const credits = Atomics.load(shared, CREDITS);
    if (credits > 0) {
      if (Atomics.compareExchange(shared, CREDITS, credits, credits - 1) === credits) return true;
    } else {
      Atomics.wait(shared, CREDITS, credits);
    }
  }
};

const send = (message: ThreadMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

const read = (q: MonthsPageQuery): void => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('pragma busy_timeout = 10000');
    const next = db.prepare(q.next.sql);
    let after = start;
    for (;;) {
      // Each page is a statement (and a read transaction) of its own, as on the store's thread:
      // a scan held open for the whole run would keep the checkpointer off every page written meanwhile.
      const parameters = q.next.parameters.map((p) => (p === AFTER_KEY_SLOT ? after.key : p === AFTER_MONTH_SLOT ? after.month : p)) as SQLInputValue[];
      const rows = next.all(...parameters) as PackedMonth[];
      const page = columnsOfMonths(rows, from, to);
      if (page !== null) {
        if (!granted()) return;
        const buffers = new Set<ArrayBuffer>([page.day, page.activeUsers, page.logins, page.lastLoginMs, page.events, page.licenses, ...page.features.values()].map((a) => a.buffer as ArrayBuffer));
        send({ type: 'page', page }, [...buffers]);
      }
      if (rows.length < q.pageMonths) break;
      const last = rows[rows.length - 1]!;
      after = { key: last.account_key, month: last.month };
    }
  } finally {
    db.close();
  }
};

try {
  read(query);
  send({ type: 'done' });
} catch (err) {
  const e = err as Error & { code?: unknown; kind?: unknown; path?: unknown; data?: unknown };
  send({ type: 'error', error: { name: e.name, message: e.message, code: typeof e.code === 'string' ? e.code : undefined, kind: typeof e.kind === 'string' ? e.kind : undefined, path: typeof e.path === 'string' ? e.path : undefined, data: e.data } });
}
