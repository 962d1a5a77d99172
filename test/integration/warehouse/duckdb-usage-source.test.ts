import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { readDay, readInstant } from '../../../src/warehouse/usage-values.ts';
import { UsageConfig } from '../../../src/config/usage-config.schema.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { openUsageSource } from '../../../src/warehouse/open-usage-source.ts';
import { drain } from './drain-pages.ts';

const HEADER = 'event_id,occurred_at,account_key,account_domain,user_id,user_email,event_type,feature';
const RANGE = { from: '2026-02-01', to: '2026-02-28' };

const rejectionOf = async (fn: () => PromiseLike<unknown>): Promise<SextantError> => {
  try {
    await fn();
  } catch (err) {
    expect(err).to.be.instanceOf(SextantError);
    return err as SextantError;
  }
  throw new Error('expected a rejection');
};

describe('warehouse: DuckDB over files', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-duckdb-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, lines: string[]): string => {
    const file = path.join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const openFiles = (source: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    openUsageSource(UsageConfig.parse({ source: { kind: 'files', ...source }, ...extra }), {});

  it('reads keys as text, even when the first 30,000 look like numbers (type detection would fail on a later key)', async () => {
    const numeric = Array.from({ length: 30_000 }, (_, i) => `e${i},2026-02-03T10:00:00Z,${1000 + (i % 50)},acme.io,u${i % 7},u@acme.io,login,`);
    const events = write('events.csv', [HEADER, ...numeric, 'z1,2026-02-03T10:00:00Z,ABC-1,acme.io,u1,u1@acme.io,login,', 'z2,2026-02-03T10:00:00Z,00123,acme.io,u1,u1@acme.io,login,']);
    const source = await openFiles({ events });
    try {
      const keys = (await drain(source.dailyRollups(RANGE))).flat().map((r) => r.account_key);
      expect(keys).to.have.length(52);
      expect(keys).to.include.members(['ABC-1', '00123', '1000', '1049']);
    } finally {
      await source.close();
    }
  });

  it('reads a glob of files as one table', async () => {
    write('events-1.csv', [HEADER, 'e1,2026-02-03T10:00:00Z,K1,acme.io,u1,u1@acme.io,login,']);
    write('events-2.csv', [HEADER, 'e2,2026-02-03T12:00:00Z,K1,acme.io,u2,u2@acme.io,login,']);
    const source = await openFiles({ events: path.join(dir, 'events-*.csv') });
    try {
      const rows = (await drain(source.dailyRollups(RANGE))).flat();
      expect(rows.map((r) => [r.account_key, Number(r.active_users), Number(r.logins)])).to.deep.equal([['K1', 2, 2]]);
      expect(rows[0]?.licenses).to.equal(null);
    } finally {
      await source.close();
    }
  });

  it('fails on open with WAREHOUSE_FILES_NOT_FOUND when the events file is missing', async () => {
    const err = await rejectionOf(() => openFiles({ events: path.join(dir, 'nope.csv') }));
    expect(err.code).to.equal('WAREHOUSE_FILES_NOT_FOUND');
    expect(err.kind).to.equal('config');
  });

  it('fails the query with WAREHOUSE_QUERY_FAILED (config) when a mapped column is not in the file', async () => {
    const events = write('events.csv', [HEADER, 'e1,2026-02-03T10:00:00Z,K1,acme.io,u1,u1@acme.io,login,']);
    const source = await openFiles({ events }, { events: { columns: { userId: 'member_id' } } });
    try {
      const err = await rejectionOf(() => drain(source.dailyRollups(RANGE)));
      expect(err.code).to.equal('WAREHOUSE_QUERY_FAILED');
      expect(err.kind).to.equal('config');
    } finally {
      await source.close();
    }
  });

  it('fails with WAREHOUSE_QUERY_FAILED (data) when a timestamp does not parse', async () => {
    const events = write('events.csv', [HEADER, 'e1,yesterday at noon,K1,acme.io,u1,u1@acme.io,login,']);
    const source = await openFiles({ events });
    try {
      const err = await rejectionOf(() => drain(source.dailyRollups(RANGE)));
      expect(err.code).to.equal('WAREHOUSE_QUERY_FAILED');
      expect(err.kind).to.equal('data');
    } finally {
      await source.close();
    }
  });

  it('reads timestamps with offsets on their UTC day', async () => {
    const events = write('events.csv', [
      HEADER,
      // 23:30 in New York on the 3rd is 04:30 UTC on the 4th.
      'e1,2026-02-03T23:30:00-05:00,K1,acme.io,u1,u1@acme.io,login,',
      'e2,2026-02-04 01:00:00,K1,acme.io,u1,u1@acme.io,login,',
    ]);
    const source = await openFiles({ events });
    try {
      const rows = (await drain(source.dailyRollups(RANGE))).flat();
      // Read as the loader reads them: this adapter hands days and instants over as ISO text, others as Dates.
      expect(rows.map((r) => [readDay(r.day), Number(r.logins)])).to.deep.equal([['2026-02-04', 2]]);
      expect(readInstant(rows[0]?.last_login_at)).to.equal('2026-02-04T04:30:00.000Z');
    } finally {
      await source.close();
    }
  });

  it('refuses to read after close', async () => {
    const events = write('events.csv', [HEADER, 'e1,2026-02-03T10:00:00Z,K1,acme.io,u1,u1@acme.io,login,']);
    const source = await openFiles({ events });
    await source.close();
    await source.close();
    const err = await rejectionOf(() => drain(source.dailyRollups(RANGE)));
    expect(err.code).to.equal('WAREHOUSE_QUERY_FAILED');
  });
});
