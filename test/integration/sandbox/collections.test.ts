import { expect } from 'chai';
import type { Connection } from '@jsforce/jsforce-node';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { passwordConnection, rejectionOf, withSandbox } from '../support/sandbox-fixture.ts';

describe('sandbox: sObject Collections through jsforce', () => {
  let sandbox: RunningSandbox;
  let conn: Connection;
  let accountId: string;

  before(async () => {
    sandbox = await withSandbox();
    conn = await passwordConnection(sandbox);
    accountId = (await conn.sobject('Account').create({ Name: 'Collections Co' })).id!;
  });
  after(() => sandbox.close());

  it('upserts on an external id with per-record results in request order, one bad row failing alone', async () => {
    const before = sandbox.org.usage.used();
    const results = await conn.sobject('Task').upsert([
      { Sextant_Key__c: 'k1', Subject: 'one', WhatId: accountId },
      { Sextant_Key__c: 'k2', Subject: 'two', Status: 'Not A Status', WhatId: accountId },
      { Sextant_Key__c: 'k3', Subject: 'x'.repeat(300), WhatId: accountId },
      { Sextant_Key__c: 'k4', Subject: 'four', WhatId: accountId },
    ], 'Sextant_Key__c', { allOrNone: false });
    expect(sandbox.org.usage.used() - before).to.equal(1); // one call, whatever the count
    expect(results.map((r) => r.success)).to.deep.equal([true, true, false, true]);
    const bad = results[2] as unknown as { errors: Array<{ statusCode: string; fields: string[] }> };
    expect(bad.errors[0]?.statusCode).to.equal('STRING_TOO_LONG');
    expect(bad.errors[0]?.fields).to.deep.equal(['Subject']);
    const again = await conn.sobject('Task').upsert([{ Sextant_Key__c: 'k1', Subject: 'one again' }], 'Sextant_Key__c');
    expect(again[0]).to.include({ success: true, created: false, id: results[0]?.id });
  });

  it('rolls every record back under allOrNone and reports ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const results = await conn.sobject('Contact').create([
      { LastName: 'Kept?', AccountId: accountId, Email: 'kept@collections.co' },
      { FirstName: 'No last name' },
    ], { allOrNone: true }).catch((err: { data?: unknown }) => err.data);
    const list = results as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(list.map((r) => r.success)).to.deep.equal([false, false]);
    expect(list[0]?.errors[0]?.statusCode).to.equal('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(list[1]?.errors[0]?.statusCode).to.equal('REQUIRED_FIELD_MISSING');
    const found = sandbox.org.store.records('Contact').filter((c) => c.Email === 'kept@collections.co');
    expect(found).to.have.length(0);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Bulk ${i}` }));
    const res = await fetch(`${sandbox.server.url}/services/data/v62.0/composite/sobjects`, {
      method: 'POST', headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, records }),
    });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as Array<{ errorCode: string }>)[0]?.errorCode).to.equal('EXCEEDED_ID_LIMIT');
  });

  it('updates, retrieves and deletes many', async () => {
    const created = await conn.sobject('Account').create([{ Name: 'M1' }, { Name: 'M2' }]);
    const ids = created.map((c) => c.id!);
    const updated = await conn.sobject('Account').update(ids.map((Id) => ({ Id, Rating: 'Hot' })));
    expect(updated.every((u) => u.success)).to.equal(true);
    const fetched = await conn.sobject('Account').retrieve(ids, { fields: ['Name', 'Rating'] } as never);
    expect((fetched as Array<{ Rating: string }>).map((f) => f.Rating)).to.deep.equal(['Hot', 'Hot']);
    const deleted = await conn.sobject('Account').destroy(ids);
    expect(deleted.every((d) => d.success)).to.equal(true);
    const err = await rejectionOf(() => conn.sobject('Account').update({ Id: ids[0]!, Name: 'zombie' }));
    expect(err.name).to.equal('ENTITY_IS_DELETED');
  });
});
