import { expect } from 'chai';
import type { Connection } from '@jsforce/jsforce-node';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { makeRecordId } from '../../../src/domain/salesforce-id.ts';
import { passwordConnection, rejectionOf, withSandbox } from '../support/sandbox-fixture.ts';

describe('sandbox: SOQL query and queryAll through jsforce', () => {
  let sandbox: RunningSandbox;
  let conn: Connection;
  const accountIds: string[] = [];

  before(async () => {
    sandbox = await withSandbox();
    const org = sandbox.org;
    const owner = org.adminUserId;
    const accounts = Array.from({ length: 5000 }, (_, i) => ({
      Id: makeRecordId('001', 1000 + i),
      Name: `Account ${String(i).padStart(4, '0')}`,
      Industry: i % 3 === 0 ? 'Technology' : i % 3 === 1 ? 'Finance' : null,
      ARR__c: (i % 100) * 1000,
      Customer_Segment__c: ['Strategic', 'Enterprise', 'Mid-Market', 'SMB'][i % 4] ?? null,
      Renewal_Date__c: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      Website: i % 10 === 0 ? `acme${i}.com` : null,
      OwnerId: owner,
    }));
    org.store.load('Account', accounts);
    accountIds.push(...accounts.map((a) => a.Id));
    org.store.load('Contact', accounts.slice(0, 50).flatMap((a, i) => [
      { Id: makeRecordId('003', 1000 + i * 2), AccountId: a.Id, LastName: `Champion ${i}`, Email: `c${i}@x.com`, Is_Champion__c: true },
      { Id: makeRecordId('003', 1001 + i * 2), AccountId: a.Id, LastName: `User ${i}`, Email: `u${i}@x.com`, Is_Champion__c: false },
    ]));
    conn = await passwordConnection(sandbox);
  });
  after(() => sandbox.close());

  it('autoFetch follows nextRecordsUrl over 3+ pages of the requested batch size, in the real locator format', async () => {
    const pages: string[] = [];
    const res = await conn.query('SELECT Id, Name FROM Account ORDER BY Name', { headers: { 'Sforce-Query-Options': 'batchSize=1000' } } as never);
    expect(res.records).to.have.length(1000);
    expect(res.done).to.equal(false);
    expect(res.nextRecordsUrl).to.match(/\/services\/data\/v62\.0\/query\/01g\w+-1000$/);
    let next = res;
    while (!next.done && next.nextRecordsUrl) {
      pages.push(next.nextRecordsUrl);
      next = await conn.queryMore(next.nextRecordsUrl);
    }
    expect(pages).to.have.length(4);
    const all: Array<{ Id: string }> = [];
    await new Promise<void>((resolve, reject) => {
      conn.query('SELECT Id FROM Account')
        .on('record', (r: { Id: string }) => all.push(r))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 100_000 });
    });
    expect(all).to.have.length(5000);
    expect(new Set(all.map((r) => r.Id)).size).to.equal(5000);
  });

  it('pins jsforce\'s silent truncation: autoFetch stops at maxFetch 10,000 unless raised', async () => {
    sandbox.org.store.load('Account', Array.from({ length: 6000 }, (_, i) => ({ Id: makeRecordId('001', 900_000 + i), Name: `Extra ${i}` })));
    const truncated = await conn.query('SELECT Id FROM Account').run({ autoFetch: true });
    expect(truncated.records.length).to.equal(10_000);
    expect(truncated.totalSize).to.equal(11_000);
    const full = await conn.query('SELECT Id FROM Account').run({ autoFetch: true, maxFetch: 1_000_000 });
    expect(full.records.length).to.equal(11_000);
    for (const id of truncated.records.slice(0, 1)) expect(id).to.have.property('Id');
    sandbox.org.store.records('Account').filter((a) => String(a.Name).startsWith('Extra')).forEach((a) => sandbox.org.store.purge(a.Id as string));
  });

  it('queryAll sees soft-deleted rows with IsDeleted = true; query does not', async () => {
    const id = accountIds[7]!;
    sandbox.org.store.delete('Account', id);
    const live = await conn.query(`SELECT Id FROM Account WHERE Id = '${id}'`);
    expect(live.totalSize).to.equal(0);
    const all = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${id.slice(0, 15)}'`).run({ scanAll: true });
    expect(all.records).to.deep.equal([{ attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` }, Id: id, IsDeleted: true }]);
  });

  it('selects parent fields and child subqueries', async () => {
    const res = await conn.query<{ Name: string; Owner: { Name: string }; Contacts: { totalSize: number; records: Array<{ LastName: string; Account: { Name: string } }> } | null }>(
      `SELECT Name, Owner.Name, (SELECT LastName, Account.Name FROM Contacts WHERE Is_Champion__c = true) FROM Account WHERE Id = '${accountIds[3]}'`);
    const row = res.records[0]!;
    expect(row.Owner.Name).to.equal('Sandbox Admin');
    expect(row.Contacts?.totalSize).to.equal(1);
    expect(row.Contacts?.records[0]).to.include({ LastName: 'Champion 3' });
    expect(row.Contacts?.records[0]?.Account.Name).to.equal('Account 0003');
    const none = await conn.query<{ Contacts: unknown }>(`SELECT Name, (SELECT Id FROM Contacts) FROM Account WHERE Id = '${accountIds[4000]}'`);
    expect(none.records[0]?.Contacts).to.equal(null);
  });

  // Each condition is checked against an independent JavaScript oracle over the live rows
  // (a stored row omits null fields, so the oracle reads a missing field as null).
  type Row = Record<string, unknown>;
  const lower = (v: unknown): string => String(v ?? '').toLowerCase();
  const where: Array<[string, (r: Row) => boolean]> = [
    ["Industry = 'technology'", (r) => r.Industry === 'Technology'],
    ["Industry != 'Technology'", (r) => r.Industry !== 'Technology'],
    ['Industry = null', (r) => (r.Industry ?? null) === null],
    ['ARR__c > 98000', (r) => (r.ARR__c as number) > 98000],
    ['ARR__c >= 98000', (r) => (r.ARR__c as number) >= 98000],
    ['ARR__c < 1000', (r) => (r.ARR__c ?? null) !== null && (r.ARR__c as number) < 1000],
    ['ARR__c <= 1000', (r) => (r.ARR__c ?? null) !== null && (r.ARR__c as number) <= 1000],
    ["Name LIKE 'Account 00%'", (r) => lower(r.Name).startsWith('account 00')],
    ["Name LIKE 'account 000_'", (r) => /^account 000.$/.test(lower(r.Name))],
    ["Customer_Segment__c IN ('Strategic', 'SMB')", (r) => r.Customer_Segment__c === 'Strategic' || r.Customer_Segment__c === 'SMB'],
    ["Customer_Segment__c NOT IN ('Strategic', 'SMB')", (r) => r.Customer_Segment__c !== 'Strategic' && r.Customer_Segment__c !== 'SMB'],
    ['Renewal_Date__c >= 2026-01-01 AND Renewal_Date__c < 2026-02-01', (r) => String(r.Renewal_Date__c) >= '2026-01-01' && String(r.Renewal_Date__c) < '2026-02-01'],
    ["(Industry = 'Finance' OR Industry = null) AND NOT (ARR__c > 0)", (r) => (r.Industry === 'Finance' || (r.Industry ?? null) === null) && !((r.ARR__c as number) > 0)],
    ['Website != null', (r) => (r.Website ?? null) !== null],
    ['CreatedDate = LAST_N_DAYS:1', () => true],
    ['CreatedDate > TODAY', () => false],
  ];
  for (const [condition, oracle] of where) {
    it(`WHERE ${condition}`, async () => {
      const res = await conn.query(`SELECT COUNT() FROM Account WHERE ${condition}`);
      const expected = sandbox.org.store.records('Account').filter((a) => !a.IsDeleted && oracle(a)).length;
      expect(res.totalSize).to.equal(expected);
      if (!condition.includes('> TODAY')) expect(expected).to.be.greaterThan(0);
    });
  }

  it('COUNT() reports totalSize without records; GROUP BY aggregates', async () => {
    const count = await conn.query('SELECT COUNT() FROM Account');
    expect(count.records).to.deep.equal([]);
    expect(count.totalSize).to.equal(4999);
    const grouped = await conn.query<{ Customer_Segment__c: string; n: number; expr0: number }>('SELECT Customer_Segment__c, COUNT(Id) n, SUM(ARR__c) FROM Account GROUP BY Customer_Segment__c ORDER BY Customer_Segment__c');
    expect(grouped.records.map((r) => r.Customer_Segment__c)).to.deep.equal(['Strategic', 'Enterprise', 'Mid-Market', 'SMB']);
    expect(grouped.records.reduce((s, r) => s + r.n, 0)).to.equal(4999);
  });

  it('ORDER BY … NULLS LAST, LIMIT and OFFSET', async () => {
    // Picklists sort in their defined order (Technology before Finance), then nulls last.
    const res = await conn.query<{ Industry: string | null; Name: string }>("SELECT Name, Industry FROM Account WHERE Industry != 'Technology' ORDER BY Industry ASC NULLS LAST, Name DESC LIMIT 4 OFFSET 1664");
    expect(res.records.map((r) => r.Industry)).to.deep.equal(['Finance', 'Finance', null, null]);
    expect(res.records[2]!.Name > res.records[3]!.Name).to.equal(true);
    const tail = await conn.query<{ Industry: string | null }>('SELECT Industry FROM Account ORDER BY Industry NULLS FIRST LIMIT 1');
    expect(tail.records[0]?.Industry).to.equal(null);
  });

  const errors: Array<[string, string]> = [
    ['SELECT Id FORM Account', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Acount', 'INVALID_TYPE'],
    ['SELECT Nme FROM Account', 'INVALID_FIELD'],
    ['SELECT Id FROM Account WHERE Description = \'x\'', 'INVALID_FIELD'],
    ['SELECT Parnt.Name FROM Account', 'INVALID_FIELD'],
  ];
  for (const [soql, code] of errors) {
    it(`${code} for: ${soql}`, async () => {
      const err = await rejectionOf(() => conn.query(soql));
      expect(err.name).to.equal(code);
    });
  }

  it('an unknown query locator is INVALID_QUERY_LOCATOR', async () => {
    const err = await rejectionOf(() => conn.queryMore('/services/data/v62.0/query/01gRO0000000000000-2000'));
    expect(err.name).to.equal('INVALID_QUERY_LOCATOR');
  });
});
