import { expect } from 'chai';
import type { Connection } from '@jsforce/jsforce-node';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { passwordConnection, rejectionOf, withSandbox } from '../support/sandbox-fixture.ts';

describe('sandbox: describe and single-record REST through jsforce', () => {
  let sandbox: RunningSandbox;
  let conn: Connection;

  before(async () => {
    sandbox = await withSandbox();
    conn = await passwordConnection(sandbox);
  });
  after(() => sandbox.close());

  it('describeGlobal lists the standard objects and the custom Subscription__c', async () => {
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((o) => o.name);
    expect(names).to.include.members(['Account', 'Contact', 'Opportunity', 'User', 'Task', 'Contract', 'Subscription__c']);
    expect(global.sobjects.find((o) => o.name === 'Account')?.keyPrefix).to.equal('001');
  });

  it('describe reports field metadata, including fields deployed from sfdx-project', async () => {
    const account = await conn.sobject('Account').describe();
    const key = account.fields.find((f) => f.name === 'Product_Account_Key__c');
    expect(key).to.include({ type: 'string', length: 64, externalId: true, unique: false, custom: true, filterable: true });
    const segment = account.fields.find((f) => f.name === 'Customer_Segment__c');
    expect(segment?.picklistValues?.map((p) => p.value)).to.deep.equal(['Strategic', 'Enterprise', 'Mid-Market', 'SMB']);
    const parent = account.fields.find((f) => f.name === 'ParentId');
    expect(parent).to.include({ type: 'reference', relationshipName: 'Parent' });
    expect(parent?.referenceTo).to.deep.equal(['Account']);
    expect(account.childRelationships.map((r) => r.relationshipName)).to.include.members(['Contacts', 'Opportunities', 'Subscriptions__r']);
    const sub = await conn.sobject('Subscription__c').describe();
    expect(sub.fields.find((f) => f.name === 'Account__c')).to.include({ relationshipName: 'Account__r' });
  });

  it('creates, reads, updates and deletes a record, keeping audit fields', async () => {
    const created = await conn.sobject('Account').create({ Name: 'Globex', Website: 'globex.com', ARR__c: 120000 });
    expect(created.success).to.equal(true);
    expect(created.id).to.match(/^001[a-zA-Z0-9]{15}$/);
    const first = await conn.sobject('Account').retrieve(created.id!);
    expect(first).to.include({ Name: 'Globex', ARR__c: 120000, IsDeleted: false });
    expect(first.CreatedDate).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    await new Promise((r) => setTimeout(r, 5));
    await conn.sobject('Account').update({ Id: created.id!, Industry: 'Technology' });
    const second = await conn.sobject('Account').retrieve(created.id!);
    expect(second.Industry).to.equal('Technology');
    expect(second.SystemModstamp > first.SystemModstamp).to.equal(true);
    // A 15-character id addresses the same record.
    const by15 = await conn.sobject('Account').retrieve(created.id!.slice(0, 15));
    expect(by15.Id).to.equal(created.id);
    await conn.sobject('Account').destroy(created.id!);
    const gone = await rejectionOf(() => conn.sobject('Account').retrieve(created.id!));
    expect(gone.name).to.equal('NOT_FOUND');
  });

  it('derives read-only fields: Contact Name, Opportunity IsClosed/IsWon', async () => {
    const acc = await conn.sobject('Account').create({ Name: 'Initech' });
    const contact = await conn.sobject('Contact').create({ AccountId: acc.id, FirstName: 'Peter', LastName: 'Gibbons' });
    expect((await conn.sobject('Contact').retrieve(contact.id!)).Name).to.equal('Peter Gibbons');
    const opp = await conn.sobject('Opportunity').create({ AccountId: acc.id, Name: 'Renewal 2027', StageName: 'Closed Lost', CloseDate: '2026-12-01', Type: 'Renewal' });
    expect(await conn.sobject('Opportunity').retrieve(opp.id!)).to.include({ IsClosed: true, IsWon: false });
  });

  const failures: Array<[string, Record<string, unknown>, string, string]> = [
    ['a missing required field', { Website: 'x.com' }, 'Account', 'REQUIRED_FIELD_MISSING'],
    ['a string over its length', { Name: 'x'.repeat(256) }, 'Account', 'STRING_TOO_LONG'],
    ['an unknown field', { Name: 'A', Nope__c: 1 }, 'Account', 'INVALID_FIELD'],
    ['a read-only field', { Name: 'A', IsDeleted: true }, 'Account', 'INVALID_FIELD_FOR_INSERT_UPDATE'],
    ['a bad restricted picklist value', { Name: 'O', StageName: 'Won-ish', CloseDate: '2026-01-01' }, 'Opportunity', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
    ['a malformed id', { LastName: 'L', AccountId: 'nope' }, 'Contact', 'MALFORMED_ID'],
    ['a non-numeric currency', { Name: 'A', ARR__c: 'lots' }, 'Account', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
  ];
  for (const [label, body, sobject, code] of failures) {
    it(`refuses ${label} with ${code}`, async () => {
      const err = await rejectionOf(() => conn.sobject(sobject).create(body));
      expect(err.name).to.equal(code);
    });
  }

  it('upserts on an external id: 201 created, then 200 updated, DUPLICATE_VALUE on a unique key', async () => {
    const acc = await conn.sobject('Account').create({ Name: 'Umbrella' });
    const first = await conn.sobject('Task').upsert({ Sextant_Key__c: 'cta-1:task-1', Subject: 'Review drivers', WhatId: acc.id }, 'Sextant_Key__c');
    expect(first).to.include({ success: true, created: true });
    const second = await conn.sobject('Task').upsert({ Sextant_Key__c: 'cta-1:task-1', Subject: 'Review score drivers' }, 'Sextant_Key__c');
    expect(second).to.include({ success: true, created: false, id: first.id });
    const dup = await rejectionOf(() => conn.sobject('Task').create({ Sextant_Key__c: 'CTA-1:TASK-1', Subject: 'dup' }));
    expect(dup.name).to.equal('DUPLICATE_VALUE');
  });

  it('answers 300 when a non-unique external id matches several records', async () => {
    await conn.sobject('Account').create([{ Name: 'Dup A', Product_Account_Key__c: 'k-dup' }, { Name: 'Dup B', Product_Account_Key__c: 'k-dup' }]);
    const res = await fetch(`${sandbox.server.url}/services/data/v62.0/sobjects/Account/Product_Account_Key__c/k-dup`, {
      method: 'PATCH', headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ Industry: 'Retail' }),
    });
    expect(res.status).to.equal(300);
    expect(await res.json()).to.have.length(2);
  });

  it('refuses an unknown object and an unsupported API version with NOT_FOUND', async () => {
    expect((await rejectionOf(() => conn.sobject('Nope__c').describe())).name).to.equal('NOT_FOUND');
    const res = await fetch(`${sandbox.server.url}/services/data/v19.0/sobjects`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    expect(res.status).to.equal(404);
  });
});
