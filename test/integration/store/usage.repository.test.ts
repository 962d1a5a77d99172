import { expect } from 'chai';
import type { IdentityLink } from '../../../src/domain/identity.ts';
import type { UsageDay, UsageDayColumns } from '../../../src/domain/usage.ts';
import { sfId, T0, T1 } from './crm-record-fixtures.ts';
import { usageDayColumnsOf } from '../../support/usage-day-columns.ts';
import { describeOnEachDialect, rawSql, rejectionOf } from './store-targets.ts';

const dayOf = (n: number): string => new Date(Date.UTC(2026, 8, 1) + n * 86_400_000).toISOString().slice(0, 10);
const usageDay = (key: string, n: number, overrides: Partial<UsageDay> = {}): UsageDay => ({
  accountKey: key, day: dayOf(n), activeUsers: 2, logins: 3, lastLoginAt: `${dayOf(n)}T15:00:00.000Z`,
  featureEvents: { reports: 1, dashboards: 4 }, events: 8, licenses: 10, ...overrides,
});
const pagesOf = async <T>(pages: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
};
const collect = async <T>(pages: AsyncIterable<T[]>): Promise<T[]> => {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
};

describeOnEachDialect('store: usage days', (ctx) => {
  it('stores days by (key, day); reloading the same days changes nothing, a changed value one row', async () => {
    const store = ctx.store();
    const days = [usageDay('PA-1', 0), usageDay('PA-1', 1), usageDay(' pa-1', 0), usageDay('PA-2', 0, { lastLoginAt: null, logins: 0, licenses: null, featureEvents: {} })];
    expect(await store.upsertUsageDays(days, { runId: 'r1', loadedAt: T0 })).to.equal(4);
    expect(await store.upsertUsageDays(days, { runId: 'r2', loadedAt: T1 })).to.equal(0);
    // Feature keys in another order, a zero count, or the instant spelt another way: the same day.
    expect(await store.upsertUsageDays([usageDay('PA-1', 0, { featureEvents: { dashboards: 4, reports: 1, workflows: 0 } })])).to.equal(0);
    expect(await store.upsertUsageDays([usageDay('PA-1', 0, { lastLoginAt: `${dayOf(0)}T17:00:00+02:00` })])).to.equal(0);
    expect(await store.upsertUsageDays([usageDay('PA-1', 1, { events: 9 })], { runId: 'r3' })).to.equal(1);

    const stored = await collect(store.usageDays());
    expect(stored.map((d) => `${d.accountKey}|${d.day}`)).to.deep.equal([` pa-1|${dayOf(0)}`, `PA-1|${dayOf(0)}`, `PA-1|${dayOf(1)}`, `PA-2|${dayOf(0)}`]);
    expect(stored[2]).to.deep.equal(usageDay('PA-1', 1, { events: 9 }));
    expect(stored[3]).to.deep.equal(usageDay('PA-2', 0, { lastLoginAt: null, logins: 0, licenses: null, featureEvents: {} }));
    expect(await store.countUsageDays()).to.equal(4);
  });

  it('merges into stored months: across a month boundary, a stored day not given again stays, a changed day counts once', async () => {
    const store = ctx.store();
    // dayOf(0) is 1 September: days -2 … 1 straddle August and September.
    const first = [-2, -1, 0, 1].map((n) => usageDay('PA-1', n));
    expect(await store.upsertUsageDays(first)).to.equal(4);
    // A lookback re-read: the last two days again, one changed, and a new day.
    expect(await store.upsertUsageDays([usageDay('PA-1', 0), usageDay('PA-1', 1, { activeUsers: 5 }), usageDay('PA-1', 2)])).to.equal(2);
    // One call may hold a day twice: the later one stands.
    expect(await store.upsertUsageDays([usageDay('PA-1', 3, { events: 1 }), usageDay('PA-1', 3, { events: 2 })])).to.equal(1);
    const stored = await collect(store.usageDays());
    expect(stored).to.deep.equal([
      usageDay('PA-1', -2), usageDay('PA-1', -1), usageDay('PA-1', 0), usageDay('PA-1', 1, { activeUsers: 5 }), usageDay('PA-1', 2), usageDay('PA-1', 3, { events: 2 }),
    ]);
    expect(await store.countUsageDays()).to.equal(6);
    // A range inside one month, and one ending on a month's first day.
    expect((await collect(store.usageDays({ range: { from: dayOf(-1), to: dayOf(0) } }))).map((d) => d.day)).to.deep.equal([dayOf(-1), dayOf(0)]);
    expect((await collect(store.usageDays({ range: { from: dayOf(2) } }))).map((d) => d.day)).to.deep.equal([dayOf(2), dayOf(3)]);
  });

  it('gives the same days as columns as it gives as objects, over pages, keys and an edge-cut range', async () => {
    const store = ctx.store();
    const days: UsageDay[] = [];
    // 700 keys × 3 months (more than a page of months); nulls, zero days and features coming and going.
    for (let k = 0; k < 700; k++) {
      for (let d = 0; d < 65; d += 1 + (k % 3)) {
        days.push(usageDay(`K${String(k).padStart(4, '0')}`, d, {
          activeUsers: (k + d) % 5, logins: d % 4, lastLoginAt: d % 4 === 0 ? null : `${dayOf(d)}T${String(d % 24).padStart(2, '0')}:15:00.250Z`,
          events: (k * d) % 17, licenses: k % 5 === 0 ? null : 10 + (k % 7), featureEvents: d % 6 === 0 ? {} : { reports: d % 3, [`f${k % 4}`]: 1 + (d % 2) },
        }));
      }
    }
    await store.upsertUsageDays(days);
    const asObjects = (columns: UsageDayColumns[]): UsageDay[] => columns.flatMap((page) => page.keys.flatMap((key, k) => {
      const out: UsageDay[] = [];
      for (let i = page.keyStarts[k]!; i < page.keyStarts[k + 1]!; i++) {
        const featureEvents: Record<string, number> = {};
        for (const [name, counts] of page.features) if (counts[i] !== 0) featureEvents[name] = counts[i]!;
        out.push({
          accountKey: key, day: new Date(page.day[i]! * 86_400_000).toISOString().slice(0, 10), activeUsers: page.activeUsers[i]!, logins: page.logins[i]!,
          lastLoginAt: Number.isNaN(page.lastLoginMs[i]) ? null : new Date(page.lastLoginMs[i]!).toISOString(), featureEvents, events: page.events[i]!,
          licenses: Number.isNaN(page.licenses[i]) ? null : page.licenses[i]!,
        });
      }
      return out;
    }));
    for (const filter of [{}, { range: { from: dayOf(3), to: dayOf(40) } }, { accountKeys: ['K0001', 'K0699', 'K0350'], range: { from: dayOf(29) } }]) {
      const columns = await pagesOf(store.usageDayColumns(filter));
      expect(columns.every((page) => page.keyStarts.length === page.keys.length + 1 && page.keyStarts.at(-1) === page.length)).to.equal(true);
      expect(asObjects(columns)).to.deep.equal(await collect(store.usageDays(filter)));
    }
    expect(await pagesOf(store.usageDayColumns({}))).to.have.length.greaterThan(1);
  });

  // Keyset pages read in a transaction and outside one must be the same pages.
  const manyMonths = async (store: ReturnType<typeof ctx.store>): Promise<void> => {
    const days: UsageDay[] = [];
    for (let k = 0; k < 1_500; k++) for (const d of [0, 1, 40]) days.push(usageDay(`K${String(k).padStart(4, '0')}`, d, { events: k + d }));
    await store.upsertUsageDays(days);
  };
  it('gives pages in order from every reader, stops early when the reader does, and the store goes on', async () => {
    const store = ctx.store();
    await manyMonths(store);
    const outside = await pagesOf(store.usageDayColumns({ range: { from: dayOf(1) } }));
    const inside = await store.transaction(async (tx) => pagesOf(tx.usageDayColumns({ range: { from: dayOf(1) } })));
    expect(outside.length).to.be.greaterThan(2);
    expect(outside.map((p) => [p.keys, p.keyStarts, [...p.day], [...p.events]])).to.deep.equal(inside.map((p) => [p.keys, p.keyStarts, [...p.day], [...p.events]]));
    expect(outside.reduce((n, p) => n + p.length, 0)).to.equal(3_000);
    for await (const page of store.usageDayColumns()) {
      expect(page.keys[0]).to.equal('K0000');
      break;
    }
    // The reader that stopped holds nothing: writes and reads go on.
    expect(await store.upsertUsageDays([usageDay('K0000', 2)])).to.equal(1);
    expect(await store.countUsageDays()).to.equal(4_501);
  });

  it('fails a read with STORE_VALUE_INVALID and the key when a stored month on a later page is damaged', async () => {
    const store = ctx.store();
    await manyMonths(store);
    await rawSql(ctx, `update usage_months set data = ${ctx.dialect === 'postgres' ? "'\\x07'::bytea" : "x'07'"} where account_key = 'K1400'`);
    const err = await rejectionOf(() => pagesOf(store.usageDayColumns()));
    expect((err as { code?: string }).code).to.equal('STORE_VALUE_INVALID');
    expect((err as { data?: { accountKey?: string } }).data?.accountKey).to.equal('K1400');
  });

  it('stores a page of columns as it stores the same days as objects: new months, merges, reloads, a page out of order', async () => {
    const store = ctx.store();
    const keyOf = (k: number): string => `K${String(k).padStart(3, '0')}`;
    const days: UsageDay[] = [];
    // Across a month boundary (days -3 … 4), with nulls, zeros and features coming and going.
    for (let k = 0; k < 40; k++) for (let d = -3; d < 5; d += 1 + (k % 2)) days.push(usageDay(keyOf(k), d, { activeUsers: k % 3, licenses: k % 4 === 0 ? null : k, lastLoginAt: d % 3 === 0 ? null : `${dayOf(d)}T0${k % 10}:00:00.000Z`, featureEvents: d % 2 === 0 ? {} : { reports: k % 2, [`f${k % 3}`]: 2 } }));
    const stored = async (): Promise<UsageDay[]> => collect(store.usageDays());
    // What the object path stores, as the reference (in a transaction rolled back).
    const reference = await store.transaction(async (tx) => {
      await tx.upsertUsageDays(days);
      const out = await collect(tx.usageDays());
      throw Object.assign(new Error('roll back'), { out });
    }).catch((err: { out?: UsageDay[] }) => err.out!);
    expect(reference).to.have.length(days.length);

    expect(await store.upsertUsageDayColumns(usageDayColumnsOf(days), { runId: 'r1' })).to.equal(days.length);
    expect(await stored()).to.deep.equal(reference);
    // Loading the same page again changes nothing; a changed day and a new one count 2.
    expect(await store.upsertUsageDayColumns(usageDayColumnsOf(days))).to.equal(0);
    const changed = [usageDay(keyOf(0), 0, { events: 99 }), usageDay(keyOf(0), 6), usageDay(keyOf(2), -3, days.find((d) => d.accountKey === keyOf(2) && d.day === dayOf(-3)))];
    expect(await store.upsertUsageDayColumns(usageDayColumnsOf(changed))).to.equal(2);
    // A page holding a key twice and days out of order goes through the objects: the later day stands.
    const disordered = [usageDay(keyOf(50), 2), usageDay(keyOf(51), 0), usageDay(keyOf(50), 1), usageDay(keyOf(50), 1, { events: 3 })];
    expect(await store.upsertUsageDayColumns(usageDayColumnsOf(disordered))).to.equal(3);
    const after = await stored();
    expect(after.filter((d) => d.accountKey === keyOf(50)).map((d) => [d.day, d.events])).to.deep.equal([[dayOf(1), 3], [dayOf(2), 8]]);
    expect(after.find((d) => d.accountKey === keyOf(0) && d.day === dayOf(0))?.events).to.equal(99);
    expect(await store.countUsageDays()).to.equal(days.length + 1 + 3);
  });

  it('refuses a page of columns with a negative or fractional count with STORE_VALUE_INVALID, writing nothing', async () => {
    const store = ctx.store();
    for (const bad of [(c: UsageDayColumns): void => void (c.events[1] = -1), (c: UsageDayColumns): void => void (c.activeUsers[0] = 0.5)]) {
      const page = usageDayColumnsOf([usageDay('PA-0', 0), usageDay('PA-1', 0), usageDay('PA-1', 1)]);
      bad(page);
      const err = await rejectionOf(() => store.upsertUsageDayColumns(page));
      expect((err as { code?: string }).code).to.equal('STORE_VALUE_INVALID');
    }
    expect(await store.countUsageDays()).to.equal(0);
  });

  it('refuses a day that is not YYYY-MM-DD or a negative count with STORE_VALUE_INVALID, writing nothing', async () => {
    const store = ctx.store();
    for (const bad of [usageDay('PA-1', 0, { day: '2026-9-1' }), usageDay('PA-1', 0, { events: -3 })]) {
      const err = await rejectionOf(() => store.upsertUsageDays([usageDay('PA-2', 0), bad]));
      expect((err as { code?: string }).code).to.equal('STORE_VALUE_INVALID');
    }
    expect(await store.countUsageDays()).to.equal(0);
  });

  it('pages through many days in key then day order, filtered by keys and by an inclusive day range', async () => {
    const store = ctx.store();
    const days: UsageDay[] = [];
    // 700 keys × 3 months: 2,100 stored months, more than one page of them.
    for (let k = 0; k < 700; k++) for (let d = 0; d < 65; d++) days.push(usageDay(`K${String(k).padStart(4, '0')}`, d));
    expect(await store.upsertUsageDays(days)).to.equal(45_500);
    const all = await collect(store.usageDays());
    expect(all).to.have.length(45_500);
    expect(all.map((d) => `${d.accountKey}${d.day}`)).to.deep.equal(days.map((d) => `${d.accountKey}${d.day}`));

    const some = await collect(store.usageDays({ accountKeys: ['K0003', 'K0100', 'missing'], range: { from: dayOf(10), to: dayOf(12) } }));
    expect(some.map((d) => `${d.accountKey} ${d.day}`)).to.deep.equal(['K0003', 'K0100'].flatMap((k) => [10, 11, 12].map((n) => `${k} ${dayOf(n)}`)));
    expect(await collect(store.usageDays({ accountKeys: [] }))).to.deep.equal([]);
  });
});

describeOnEachDialect('store: usage accounts and identity links', (ctx) => {
  it('computes each key\'s volume from its days, including keys the warehouse named nowhere else', async () => {
    const store = ctx.store();
    await store.upsertUsageAccounts([{ accountKey: 'PA-1', domain: 'acme.com', name: 'Acme', licenses: 20, events: 999, firstDay: null, lastDay: null }]);
    await store.upsertUsageDays([usageDay('PA-1', 0, { events: 5 }), usageDay('PA-1', 3, { events: 7 }), usageDay('ORPHAN', 2, { events: 1 })]);
    await store.refreshUsageVolumes();
    expect(await store.listUsageAccounts()).to.deep.equal([
      { accountKey: 'ORPHAN', domain: null, name: null, licenses: null, events: 1, firstDay: dayOf(2), lastDay: dayOf(2) },
      { accountKey: 'PA-1', domain: 'acme.com', name: 'Acme', licenses: 20, events: 12, firstDay: dayOf(0), lastDay: dayOf(3) },
    ]);
    // Upserting the warehouse's view again keeps the computed volume.
    await store.upsertUsageAccounts([{ accountKey: 'PA-1', domain: 'acme.io', name: 'Acme', licenses: 25, events: 0, firstDay: null, lastDay: null }]);
    const [, acme] = await store.listUsageAccounts();
    expect(acme).to.include({ domain: 'acme.io', licenses: 25, events: 12 });
  });

  it('replaces the identity map whole; an unchanged link keeps when it was first made', async () => {
    const store = ctx.store();
    const link = (key: string, n: number, rule: IdentityLink['rule'] = 'product-key'): IdentityLink => ({ accountKey: key, accountId: sfId('001', n), rule, confidence: 1, evidence: `key ${key}` });
    await store.replaceIdentityLinks([link('A', 1), link('B', 2), link('C', 3)], { runId: 'r1', at: T0 });
    await store.replaceIdentityLinks([link('A', 1), link('C', 4, 'domain')], { runId: 'r2', at: T1 });
    const links = await store.listIdentityLinks();
    expect(links.map((l) => [l.accountKey, l.accountId, l.rule, l.linkedAt, l.runId])).to.deep.equal([
      ['A', sfId('001', 1), 'product-key', T0, 'r1'],
      ['C', sfId('001', 4), 'domain', T1, 'r2'],
    ]);
    expect((await store.listIdentityLinks({ accountIds: [sfId('001', 4)] })).map((l) => l.accountKey)).to.deep.equal(['C']);
    expect(await store.listIdentityLinks({ accountIds: [] })).to.deep.equal([]);
  });

  it('keeps a step\'s state between runs', async () => {
    const store = ctx.store();
    expect(await store.getStepState('usage')).to.equal(null);
    await store.setStepState('usage', { loadedThrough: '2026-11-24' });
    await store.setStepState('usage', { loadedThrough: '2026-11-25' });
    expect(await store.getStepState('usage')).to.deep.equal({ loadedThrough: '2026-11-25' });
  });
});
