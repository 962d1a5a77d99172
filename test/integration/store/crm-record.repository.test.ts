import { expect } from 'chai';
import type { CrmAccount } from '../../../src/domain/crm-records.ts';
import { account, contact, opportunity, sfId, subscription, T0, T1, T2, user } from './crm-record-fixtures.ts';
import { collect, describeOnEachDialect } from './store-targets.ts';

describeOnEachDialect('store: CRM records', (ctx) => {
  it('inserts, then replaces values on a second upsert, without duplicating rows', async () => {
    const store = ctx.store();
    expect(await store.upsertRecords('accounts', [account(1), account(2), account(3)])).to.equal(3);

    const changed = [
      account(2, { systemModstamp: T1, name: 'Renamed', arr: null, website: null, onboardingComplete: true, extra: { tier: 'silver' } }),
      account(3, { systemModstamp: T1, status: 'Churned' }),
    ];
    expect(await store.upsertRecords('accounts', changed)).to.equal(2);

    expect(await store.count('accounts')).to.equal(3);
    const stored = await store.getRecords('accounts', [sfId('001', 1), sfId('001', 2), sfId('001', 3)]);
    const byId = new Map(stored.map((r) => [r.id, r]));
    expect(byId.get(sfId('001', 1))).to.deep.equal(account(1));
    expect(byId.get(sfId('001', 2))).to.deep.equal(changed[0]);
    expect(byId.get(sfId('001', 3))).to.deep.equal(changed[1]);
  });

  it('never rolls a record back to an older SystemModstamp, but rewrites an equal one', async () => {
    const store = ctx.store();
    await store.upsertRecords('accounts', [account(1, { systemModstamp: T1, name: 'Current' })]);

    expect(await store.upsertRecords('accounts', [account(1, { systemModstamp: T0, name: 'Stale lookback read' })])).to.equal(0);
    expect((await store.getRecords('accounts', [sfId('001', 1)]))[0]?.name).to.equal('Current');

    // Formula fields change without touching SystemModstamp: a full resync must still refresh them.
    expect(await store.upsertRecords('accounts', [account(1, { systemModstamp: T1, name: 'Refreshed' })])).to.equal(1);
    expect((await store.getRecords('accounts', [sfId('001', 1)]))[0]?.name).to.equal('Refreshed');
  });

  it('keeps the latest of several versions of one id within a call', async () => {
    const store = ctx.store();
    const written = await store.upsertRecords('contacts', [
      contact(1, { systemModstamp: T1, title: 'middle' }),
      contact(1, { systemModstamp: T2, title: 'latest' }),
      contact(1, { systemModstamp: T0, title: 'oldest' }),
    ]);
    expect(written).to.equal(1);
    expect(await store.getRecords('contacts', [sfId('003', 1)])).to.deep.equal([contact(1, { systemModstamp: T2, title: 'latest' })]);
  });

  it('round-trips booleans, nulls, JSON, numbers and text of every object exactly', async () => {
    const store = ctx.store();
    const accounts = [account(3), account(4), account(5, { arr: 0, firstValueDate: '2026-02-29', extra: { emoji: '🚀', quote: 'a "b" \'c\'', n: -0.001 } })];
    const contacts = [contact(1), contact(2, { firstName: null, email: null, isPrimary: false, isChampion: true, isExecutiveSponsor: false })];
    const opportunities = [opportunity(1), opportunity(2, { amount: null, closeDate: null, type: null, isWon: true, isClosed: false })];
    const users = [user(1), user(2, { isActive: true, name: null, managerId: null })];
    const subscriptions = [subscription(1), subscription(2, { quantity: 12.5, arr: 1e15 + 0.5, isDeleted: false })];
    await store.upsertRecords('accounts', accounts);
    await store.upsertRecords('contacts', contacts);
    await store.upsertRecords('opportunities', opportunities);
    await store.upsertRecords('users', users);
    await store.upsertRecords('subscriptions', subscriptions);

    const sorted = <R extends { id: string }>(rows: R[]): R[] => rows.toSorted((a, b) => (a.id < b.id ? -1 : 1));
    expect(sorted(await store.getRecords('accounts', accounts.map((r) => r.id)))).to.deep.equal(accounts);
    expect(sorted(await store.getRecords('contacts', contacts.map((r) => r.id)))).to.deep.equal(contacts);
    expect(sorted(await store.getRecords('opportunities', opportunities.map((r) => r.id)))).to.deep.equal(opportunities);
    expect(sorted(await store.getRecords('users', users.map((r) => r.id)))).to.deep.equal(users);
    expect(sorted(await store.getRecords('subscriptions', subscriptions.map((r) => r.id)))).to.deep.equal(subscriptions);
    // '' and null stay distinct.
    expect((await store.getRecords('users', [sfId('005', 1)]))[0]?.title).to.equal('');
  });

  it('upserts 5,500 rows in one call (full statements and a remainder) and reads them back page by page', async () => {
    const store = ctx.store();
    const rows = Array.from({ length: 5_500 }, (_, i) => account(i));
    expect(await store.upsertRecords('accounts', rows, { runId: 'run-1', syncedAt: T2 })).to.equal(5_500);
    expect(await store.count('accounts')).to.equal(5_500);
    // Again, now as updates through the same (on PostgreSQL: prepared) statements.
    const updated = rows.map((r) => ({ ...r, systemModstamp: T1, status: 'Renewed' }));
    expect(await store.upsertRecords('accounts', updated, { runId: 'run-2', syncedAt: T2 })).to.equal(5_500);

    const ids = await collect(store.allIds('accounts'));
    expect(ids).to.deep.equal(updated.map((r) => r.id));
    expect(await collect(store.iterateRecords('accounts'))).to.deep.equal(updated);
    expect(await store.getRecords('accounts', ids)).to.have.length(5_500);
  });

  it('lists records with only the fields asked for, decoded as a full read decodes them, in id order across pages', async () => {
    const store = ctx.store();
    // 4,500 rows: more than two read pages. Booleans, nulls, numbers and the JSON extra must come back typed on both dialects.
    const rows = Array.from({ length: 4_500 }, (_, i) => account(4_500 - i, {
      isDeleted: i % 7 === 0, masterRecordId: i % 7 === 0 ? sfId('001', 1) : null, arr: i % 5 === 0 ? null : i + 0.25, website: i % 2 === 0 ? null : `site${i}.example.com`,
    }));
    await store.upsertRecords('accounts', rows);
    const full = await collect(store.iterateRecords('accounts', { includeDeleted: true }));
    const pick = <K extends keyof CrmAccount>(record: CrmAccount, keys: readonly K[]): Pick<CrmAccount, K | 'id'> =>
      Object.fromEntries([['id', record.id], ...keys.map((k) => [k, record[k]])]) as Pick<CrmAccount, K | 'id'>;

    const fields = ['isDeleted', 'masterRecordId', 'name', 'arr', 'website', 'onboardingComplete', 'extra'] as const;
    const listed = await store.listRecords('accounts', { fields, includeDeleted: true });
    expect(listed).to.deep.equal(full.map((r) => pick(r, fields)));
    expect(listed.map((r) => r.id)).to.deep.equal(rows.map((r) => r.id).toSorted());

    const live = await store.listRecords('accounts', { fields: ['name'] });
    expect(live).to.deep.equal(full.filter((r) => !r.isDeleted).map((r) => pick(r, ['name'])));
    expect(await store.count('accounts')).to.equal(live.length);
  });

  it('replacing stored rows (SQLite: a few to a statement) keeps newer versions, skips older ones, adds new ones', async () => {
    const store = ctx.store();
    const stored = Array.from({ length: 2_000 }, (_, i) => account(i, { systemModstamp: T1 }));
    await store.upsertRecords('accounts', stored);
    // Starts with a stored row; every third is newer, every third older, and 100 are new.
    const incoming = [
      ...stored.map((r, i) => ({ ...r, systemModstamp: [T2, T0, T1][i % 3]!, status: `v${i % 3}` })),
      ...Array.from({ length: 100 }, (_, i) => account(5_000 + i, { systemModstamp: T2 })),
    ];
    const applied = incoming.filter((r) => r.systemModstamp !== T0);
    expect(await store.upsertRecords('accounts', incoming)).to.equal(applied.length);
    const byId = new Map((await collect(store.iterateRecords('accounts'))).map((r) => [r.id, r]));
    expect(byId.size).to.equal(2_100);
    for (const [i, r] of stored.entries()) expect(byId.get(r.id), r.id).to.deep.equal(i % 3 === 1 ? r : incoming[i]);
    for (const r of incoming.slice(2_000)) expect(byId.get(r.id)).to.deep.equal(r);
  });

  it('orders ids bytewise, as SQLite does, whatever the database collation', async () => {
    const store = ctx.store();
    const ids = ['001000000000001aAA', '001000000000001AAA', '001000000000001AaA', '001000000000001BAA', '001000000000001_AA'];
    await store.upsertRecords('accounts', ids.map((id, i) => account(i, { id })));
    expect(await collect(store.allIds('accounts'))).to.deep.equal(ids.toSorted());
  });

  it('marks hard-deleted records deleted, keeping them out of counts and sweeps', async () => {
    const store = ctx.store();
    await store.upsertRecords('opportunities', [opportunity(1), opportunity(2), opportunity(3)]);

    expect(await store.markDeleted('opportunities', [sfId('006', 1), sfId('006', 3), sfId('006', 99)], T2)).to.equal(2);
    expect(await store.markDeleted('opportunities', [sfId('006', 1)], T2)).to.equal(0);

    expect(await store.count('opportunities')).to.equal(1);
    expect(await store.count('opportunities', { includeDeleted: true })).to.equal(3);
    expect(await collect(store.allIds('opportunities'))).to.deep.equal([sfId('006', 2)]);
    expect(await collect(store.allIds('opportunities', { includeDeleted: true }))).to.have.length(3);
    const [deleted] = await store.getRecords('opportunities', [sfId('006', 1)]);
    expect(deleted).to.deep.equal({ ...opportunity(1), isDeleted: true });
    expect(await collect(store.iterateRecords('opportunities'))).to.deep.equal([opportunity(2)]);
    expect(await collect(store.iterateRecords('opportunities', { includeDeleted: true }))).to.have.length(3);
  });

  it('returns nothing for unknown ids and empty inputs', async () => {
    const store = ctx.store();
    expect(await store.getRecords('users', [sfId('005', 404)])).to.deep.equal([]);
    expect(await store.getRecords('users', [])).to.deep.equal([]);
    expect(await store.upsertRecords('users', [])).to.equal(0);
    expect(await store.markDeleted('users', [], T0)).to.equal(0);
    expect(await collect(store.allIds('users'))).to.deep.equal([]);
  });
});
