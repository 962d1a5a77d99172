import { expect } from 'chai';
import type { IdentityLink } from '../../../src/domain/identity.ts';
import { isSextantError } from '../../../src/domain/sextant-error.ts';
import type { StoredIdentityLink } from '../../../src/store/store.ts';
import { sfId, T0, T1, T2 } from './crm-record-fixtures.ts';
import { describeOnEachDialect, rawSql, rejectionOf, type StoreContext } from './store-targets.ts';

const link = (key: string, n: number, overrides: Partial<IdentityLink> = {}): IdentityLink => ({
  accountKey: key, accountId: sfId('001', n), rule: 'product-key', confidence: 1, evidence: `product key '${key}'`, ...overrides,
});
const stored = (l: IdentityLink, linkedAt: string, runId: string | null): StoredIdentityLink => ({ ...l, linkedAt, runId });
const byKey = (links: readonly IdentityLink[]): IdentityLink[] => links.toSorted((a, b) => (a.accountKey < b.accountKey ? -1 : 1));

/** Logs the key of every row written to identity_links (insert, update or delete) into link_writes. */
const logLinkWrites = (ctx: StoreContext): Promise<unknown> => rawSql(ctx, ctx.dialect === 'sqlite'
  ? `create table link_writes (account_key text);;
     create trigger link_inserted after insert on identity_links begin insert into link_writes values (new.account_key); end;;
     create trigger link_updated after update on identity_links begin insert into link_writes values (new.account_key); end;;
     create trigger link_deleted after delete on identity_links begin insert into link_writes values (old.account_key); end;;`
  : `create table link_writes (account_key text);;
     create function log_link_write() returns trigger language plpgsql as $$
       begin
         insert into link_writes values (case when tg_op = 'DELETE' then old.account_key else new.account_key end);
         return null;
       end $$;;
     create trigger link_written after insert or update or delete on identity_links for each row execute function log_link_write();;`);

describeOnEachDialect('store: identity map', (ctx) => {
  it('replaces the map whole: new links added, dropped ones removed, changed ones rewritten, unchanged ones keep when and by which run they were made', async () => {
    const store = ctx.store();
    const first = [link('A', 1), link('B', 2), link('C', 3), link('D', 4), link('E', 5, { rule: 'domain', confidence: 0.8, evidence: 'website a' })];
    await store.replaceIdentityLinks(first, { runId: 'r1', at: T0 });
    expect(await store.listIdentityLinks()).to.deep.equal(first.map((l) => stored(l, T0, 'r1')));

    const second = [
      link('A', 1), // unchanged
      // B dropped
      link('C', 33), // another account: a new link
      link('D', 4, { rule: 'salesforce-id', evidence: 'id' }), // same account, another rule: a new link
      link('E', 5, { rule: 'domain', confidence: 0.7, evidence: 'website b' }), // same account and rule, other evidence
      link('F', 6), // new key
    ];
    await store.replaceIdentityLinks(second, { runId: 'r2', at: T1 });
    expect(await store.listIdentityLinks()).to.deep.equal([
      stored(second[0]!, T0, 'r1'),
      stored(second[1]!, T1, 'r2'),
      stored(second[2]!, T1, 'r2'),
      stored(second[3]!, T0, 'r1'),
      stored(second[4]!, T1, 'r2'),
    ]);

    await store.replaceIdentityLinks([], { runId: 'r3', at: T2 });
    expect(await store.listIdentityLinks()).to.deep.equal([]);
  });

  it('rewrites only the rows that change, over several statements', async () => {
    const store = ctx.store();
    // 2,600 links: three insert statements; then 1,300 dropped (two delete statements).
    const keys = Array.from({ length: 2_600 }, (_, i) => `K-${String(i).padStart(5, '0')}`);
    const first = keys.map((k, i) => link(k, i));
    await store.replaceIdentityLinks(first, { runId: 'r1', at: T0 });
    await logLinkWrites(ctx);

    // The same map again, in another order: nothing to write.
    await store.replaceIdentityLinks(first.toReversed(), { runId: 'r2', at: T1 });
    expect(await rawSql(ctx, 'select account_key from link_writes')).to.deep.equal([]);
    expect(await store.listIdentityLinks()).to.deep.equal(first.map((l) => stored(l, T0, 'r1')));

    const changed = new Map([[keys[5]!, link(keys[5]!, 9_999)], [keys[7]!, link(keys[7]!, 7, { evidence: 'renamed' })]]);
    const second = [...first.filter((_, i) => i % 2 === 0 || changed.has(keys[i]!)).map((l) => changed.get(l.accountKey) ?? l), link('NEW', 1)];
    await store.replaceIdentityLinks(second, { runId: 'r3', at: T2 });
    const written = new Set((await rawSql(ctx, 'select account_key from link_writes')).map((r) => r.account_key));
    const dropped = keys.filter((k, i) => i % 2 === 1 && !changed.has(k));
    expect([...written].sort()).to.deep.equal([...dropped, ...changed.keys(), 'NEW'].sort());

    const expected = byKey(second).map((l) => (l.accountKey === 'NEW' || l.accountKey === keys[5] ? stored(l, T2, 'r3') : stored(l, T0, 'r1')));
    expect(await store.listIdentityLinks()).to.deep.equal(expected);
  });

  it('refuses a map that links one key twice, leaving the stored map as it was', async () => {
    const store = ctx.store();
    await store.replaceIdentityLinks([link('A', 1)], { runId: 'r1', at: T0 });
    const err = await rejectionOf(() => store.replaceIdentityLinks([link('B', 2), link('B', 3)], { runId: 'r2', at: T1 }));
    expect(isSextantError(err) && err.code).to.equal('UNEXPECTED');
    expect(await store.listIdentityLinks()).to.deep.equal([stored(link('A', 1), T0, 'r1')]);
  });
});
