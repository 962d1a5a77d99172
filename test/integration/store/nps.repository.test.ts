import { expect } from 'chai';
import { npsResponseKey, npsStatusOf, type NpsResponse } from '../../../src/domain/nps.ts';
import { sfId } from './crm-record-fixtures.ts';
import { describeOnEachDialect, rejectionOf } from './store-targets.ts';

const at = (day: number, hour = 12): string => new Date(Date.UTC(2026, 8, 1 + day, hour)).toISOString();
const response = (contact: number, account: number | null, day: number, score: number, overrides: Partial<NpsResponse> = {}): NpsResponse => {
  const respondedAt = overrides.respondedAt ?? at(day);
  return {
    id: npsResponseKey({ contactId18: sfId('003', contact) }, respondedAt), sourceId: `NPS-${contact}-${day}`, contactId: sfId('003', contact),
    email: `c${contact}@example.com`, accountId: account === null ? null : sfId('001', account), score, comment: score < 7 ? 'Too slow.' : null,
    respondedAt, status: npsStatusOf(score), ...overrides,
  };
};

describeOnEachDialect('store: NPS responses', (ctx) => {
  it('stores responses by id; reloading them changes nothing, a changed value or link one row', async () => {
    const store = ctx.store();
    const rows = [response(1, 1, 0, 9), response(2, 1, 3, 4), response(3, 2, 1, 7), response(4, null, 2, 10)];
    expect(await store.upsertNpsResponses(rows, 'r1')).to.equal(4);
    expect(await store.upsertNpsResponses(rows, 'r2')).to.equal(0);
    // The contact moved to another account in the CRM: the next load relinks the response in place.
    expect(await store.upsertNpsResponses([response(3, 3, 1, 7), response(1, 1, 0, 9)], 'r3')).to.equal(1);
    // One id twice in a batch (PostgreSQL refuses to update a row twice per statement): the last copy wins.
    expect(await store.upsertNpsResponses([response(2, 1, 3, 4), response(2, 1, 3, 5)], 'r4')).to.equal(1);

    const stored = await store.npsResponses();
    expect(stored.map((r) => r.sourceId)).to.deep.equal([`NPS-1-0`, `NPS-3-1`, `NPS-4-2`, `NPS-2-3`]);
    expect(stored[1]).to.deep.equal(response(3, 3, 1, 7));
    expect(stored[3]).to.deep.include({ score: 5, status: 'detractor', comment: 'Too slow.' });
    expect(stored[2]).to.deep.equal(response(4, null, 2, 10));
  });

  it('gives each account its latest response at or before asOf, the lower score on a tie', async () => {
    const store = ctx.store();
    await store.upsertNpsResponses([
      response(1, 1, 0, 9), response(2, 1, 10, 3), response(3, 1, 20, 8),
      response(4, 2, 5, 10), response(5, 2, 5, 2), response(6, 2, 1, 9),
      response(7, null, 30, 0),
      response(8, 4, 40, 6),
    ], null);

    const latest = await store.latestNpsByAccount(at(10));
    expect(Object.fromEntries(latest)).to.deep.equal({
      [sfId('001', 1)]: { score: 3, respondedAt: at(10) },
      [sfId('001', 2)]: { score: 2, respondedAt: at(5) },
    });
    // An asOf in another spelling of the same instant reads the same.
    expect(Object.fromEntries(await store.latestNpsByAccount('2026-09-11T12:00:00Z'))).to.deep.equal(Object.fromEntries(latest));
    const later = await store.latestNpsByAccount(at(40));
    expect(later.get(sfId('001', 1))).to.deep.equal({ score: 8, respondedAt: at(20) });
    expect(later.get(sfId('001', 4))).to.deep.equal({ score: 6, respondedAt: at(40) });
    expect(later.size).to.equal(3);
    expect((await store.latestNpsByAccount(at(-1))).size).to.equal(0);
    expect(await rejectionOf(() => store.latestNpsByAccount('yesterday'))).to.have.property('code', 'STORE_ARGUMENT_INVALID');
  });

  it('lists responses filtered by accounts (any number), contact, status and an inclusive time range', async () => {
    const store = ctx.store();
    await store.upsertNpsResponses([response(1, 1, 0, 9), response(2, 1, 3, 4), response(3, 2, 1, 7), response(4, 3, 2, 10), response(1, 1, 6, 6)], null);
    const ids = (rows: NpsResponse[]): (string | null)[] => rows.map((r) => r.sourceId);

    expect(ids(await store.npsResponses({ accountIds: [sfId('001', 1)] }))).to.deep.equal(['NPS-1-0', 'NPS-2-3', 'NPS-1-6']);
    const many = [...Array.from({ length: 2_500 }, (_, i) => sfId('001', 1_000 + i)), sfId('001', 3), sfId('001', 2)];
    expect(ids(await store.npsResponses({ accountIds: many }))).to.deep.equal(['NPS-3-1', 'NPS-4-2']);
    expect(ids(await store.npsResponses({ accountIds: many, limit: 1 }))).to.deep.equal(['NPS-3-1']);
    expect(await store.npsResponses({ accountIds: [] })).to.deep.equal([]);
    expect(ids(await store.npsResponses({ contactId: sfId('003', 1) }))).to.deep.equal(['NPS-1-0', 'NPS-1-6']);
    expect(ids(await store.npsResponses({ status: 'detractor' }))).to.deep.equal(['NPS-2-3', 'NPS-1-6']);
    expect(ids(await store.npsResponses({ from: at(1), to: at(3) }))).to.deep.equal(['NPS-3-1', 'NPS-4-2', 'NPS-2-3']);
    expect(ids(await store.npsResponses({ limit: 2 }))).to.deep.equal(['NPS-1-0', 'NPS-3-1']);
  });

  it('commits responses with the caller\'s transaction, or not at all', async () => {
    const store = ctx.store();
    await rejectionOf(() => store.transaction(async (tx) => {
      await tx.upsertNpsResponses([response(1, 1, 0, 9)], 'r1');
      throw new Error('page failed');
    }));
    expect(await store.npsResponses()).to.deep.equal([]);
  });
});
