import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { openStore } from '../../../src/store/open-store.ts';
import { account } from './crm-record-fixtures.ts';

/** Enough rows that one commit leaves the WAL well past the checkpointer's 4 MB start. */
const ROWS = 30_000;

describe('store: SQLite checkpoints on a thread of its own', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-ckpt-'));
    file = path.join(dir, 'store.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const accounts = Array.from({ length: ROWS }, (_, i) => account(i + 1));

  it('copies committed pages into the database file while the store stays open', async () => {
    const store = await openStore(`sqlite:${file}`);
    try {
      const before = statSync(file).size;
      await store.transaction((tx) => tx.upsertRecords('accounts', accounts));
      // Without the thread the pages wait in the WAL (far below wal_autocheckpoint) until close.
      let grown = false;
      for (let i = 0; i < 100 && !grown; i++) {
        grown = statSync(file).size > before + 4 * 1024 * 1024;
        if (!grown) await sleep(50);
      }
      expect(grown, 'the database file grew while the store was open').to.equal(true);
    } finally {
      await store.close();
    }
    expect(existsSync(`${file}-wal`)).to.equal(false);
    const reopened = await openStore(`sqlite:${file}`);
    try {
      expect(await reopened.count('accounts')).to.equal(ROWS);
    } finally {
      await reopened.close();
    }
  });

  it('closes at once after a large commit, thread started or not, and leaves no WAL behind', async () => {
    const store = await openStore(`sqlite:${file}`);
    await store.transaction((tx) => tx.upsertRecords('accounts', accounts));
    const started = Date.now();
    await store.close();
    expect(Date.now() - started).to.be.below(10_000);
    expect(existsSync(`${file}-wal`)).to.equal(false);
    const reopened = await openStore(`sqlite:${file}`);
    try {
      expect(await reopened.count('accounts')).to.equal(ROWS);
      expect(await reopened.getRecords('accounts', [account(ROWS).id])).to.deep.equal([account(ROWS)]);
    } finally {
      await reopened.close();
    }
  });
});
