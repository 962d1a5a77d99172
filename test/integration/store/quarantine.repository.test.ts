import { expect } from 'chai';
import type { QuarantinedRecord } from '../../../src/domain/crm-records.ts';
import { sfId, T0, T1 } from './crm-record-fixtures.ts';
import { describeOnEachDialect } from './store-targets.ts';

const bad = (runId: string, object: string, n: number): QuarantinedRecord => ({
  runId,
  object,
  sourceId: n === 0 ? null : sfId('001', n),
  code: 'MAPPING_TYPE_MISMATCH',
  path: 'ARR__c → accounts.arr',
  reason: `"${n}k" is not a number`,
  raw: { Id: sfId('001', n), ARR__c: `${n}k`, Name: `Account ${n}`, IsDeleted: false, Nested: { a: [1, null] } },
  quarantinedAt: n % 2 === 0 ? T0 : T1,
});

describeOnEachDialect('store: quarantine', (ctx) => {
  it('keeps every quarantined row with its reason and raw values, and counts by run and object', async () => {
    const store = ctx.store();
    const rows = [
      ...Array.from({ length: 3 }, (_, i) => bad('run-1', 'accounts', i)),
      ...Array.from({ length: 2 }, (_, i) => bad('run-1', 'contacts', 10 + i)),
      ...Array.from({ length: 1_200 }, (_, i) => bad('run-2', 'accounts', 100 + i)),
    ];
    await store.quarantine(rows);

    expect(await store.quarantineCount()).to.equal(1_205);
    expect(await store.quarantineCount({ runId: 'run-1' })).to.equal(5);
    expect(await store.quarantineCount({ object: 'accounts' })).to.equal(1_203);
    expect(await store.quarantineCount({ runId: 'run-1', object: 'contacts' })).to.equal(2);
    expect(await store.quarantineCount({ runId: 'run-3' })).to.equal(0);

    const listed = await store.listQuarantine({ runId: 'run-1', object: 'accounts', limit: 10 });
    expect(listed.map(({ id: _id, ...record }) => record)).to.deep.equal(rows.slice(0, 3));
    expect(new Set(listed.map((r) => typeof r.id))).to.deep.equal(new Set(['number']));

    const page = await store.listQuarantine({ object: 'accounts', limit: 4 });
    expect(page.map((r) => r.sourceId)).to.deep.equal([null, sfId('001', 1), sfId('001', 2), sfId('001', 100)]);
    expect(await store.listQuarantine({ runId: 'run-2', limit: 5_000 })).to.have.length(1_200);
  });

  it('accepts an empty batch', async () => {
    await ctx.store().quarantine([]);
    expect(await ctx.store().quarantineCount()).to.equal(0);
  });
});
