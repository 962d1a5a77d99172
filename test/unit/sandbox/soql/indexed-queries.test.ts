import { expect } from 'chai';
import { OrgStore } from '../../../../src/sandbox/org/org-store.ts';
import type { RecordSource, SObjectRecord } from '../../../../src/sandbox/org/sobject-record.ts';
import { buildCatalog } from '../../../../src/sandbox/schema/catalog.ts';
import { standardObjects, stubObjects } from '../../../../src/sandbox/schema/standard-objects.ts';
import { text } from '../../../../src/sandbox/schema/field-builders.ts';
import { runSoql } from '../../../../src/sandbox/soql/execute-query.ts';
import { isSoqlError } from '../../../../src/sandbox/soql/soql-error.ts';
import { Rng } from '../../../../src/sandbox/demo/random.ts';
import { makeRecordId } from '../../../../src/domain/salesforce-id.ts';

/**
 * Queries selective on SystemModstamp read the store's index instead of scanning; these tests
 * hold the two paths to the same answers, row for row and in order, over orgs shaped by every
 * kind of write and by a clock that stands still, jumps back and moves on.
 */
const catalog = buildCatalog([...standardObjects(), ...stubObjects()].map((o) =>
  o.name === 'Account' ? { ...o, fields: [...o.fields, text('Key__c', 20, { externalId: true, custom: true })] } : o));
const admin = makeRecordId('005', 1);
const T0 = Date.parse('2024-03-15T00:00:00Z');
const RATINGS = ['Hot', 'Warm', 'Cold', null];

/** The same store without its index: the scan every query made before, as the oracle. */
const scanOnly = (store: OrgStore): RecordSource => ({ catalog: store.catalog, records: (o) => store.records(o), byId: (id) => store.byId(id) });

/** A SOQL datetime literal, sometimes with an offset (the engine normalises it to UTC). */
const soqlDateTime = (ms: number, rng: Rng): string =>
  rng.chance(0.2) ? `${new Date(ms + 3_600_000).toISOString().slice(0, 23)}+01:00` : new Date(ms).toISOString();

const buildOrg = (rng: Rng): { store: OrgStore; clock: { now: number } } => {
  const clock = { now: T0 };
  const store = new OrgStore({ catalog, clock: () => new Date(clock.now), defaultUserId: admin });
  store.load('User', [{ Id: admin, Username: 'a@b.c', LastName: 'Admin', Email: 'a@b.c', Alias: 'a' }]);
  // Seeded rows arrive with stamps in any order, some shared, as the demo generator's do.
  store.load('Account', Array.from({ length: rng.int(0, 40) }, (_, i) => {
    const stamp = new Date(T0 - rng.int(0, 50) * 60_000).toISOString().replace('Z', '+0000');
    return { Name: `Seed ${i}`, Rating: rng.pick(RATINGS), CreatedDate: stamp, LastModifiedDate: stamp };
  }));
  const seeded = store.records('Account');
  if (seeded.length > 0) {
    store.load('Contact', Array.from({ length: rng.int(0, 60) }, (_, i) => {
      const stamp = new Date(T0 - rng.int(0, 50) * 60_000).toISOString().replace('Z', '+0000');
      return { LastName: `C${i}`, AccountId: rng.pick(seeded).Id as string, CreatedDate: stamp, LastModifiedDate: stamp };
    }));
  }
  return { store, clock };
};

const live = (store: OrgStore, object: string): SObjectRecord[] => store.records(object).filter((r) => !r.IsDeleted);

/** One random write, or a move of the clock (forward, not at all, or back: the admin lever). */
const randomStep = (rng: Rng, store: OrgStore, clock: { now: number }): void => {
  const accounts = live(store, 'Account');
  const someAccount = (): string => rng.pick(accounts).Id as string;
  const roll = rng.int(0, 11);
  if (roll === 0) clock.now += rng.pick([0, 1, 1000, 60_000]);
  else if (roll === 1) clock.now -= rng.pick([1, 1000, 30 * 60_000]);
  else if (roll === 2 || accounts.length < 2) store.insert('Account', { Name: `A${rng.int(0, 999)}`, Rating: rng.pick(RATINGS) });
  else if (roll === 3) store.insert('Contact', { LastName: `C${rng.int(0, 999)}`, AccountId: someAccount() });
  else if (roll === 4) store.update('Account', someAccount(), { Rating: rng.pick(RATINGS) });
  else if (roll === 5) store.upsert('Account', 'Key__c', `K${rng.int(0, 5)}`, { Name: `U${rng.int(0, 9)}` });
  else if (roll === 6) store.delete('Account', someAccount());
  else if (roll === 7) {
    const [master, loser] = [someAccount(), someAccount()];
    if (master !== loser) store.merge('Account', master, [loser]);
  } else if (roll === 8) store.purge(rng.pick(store.records('Account')).Id as string);
  else if (roll === 9) store.touch(rng.pick([...store.records('Account'), ...store.records('Contact')]).Id as string);
  else {
    // A rolled-back block: its writes' stamps go back to what they were.
    const [a, b] = [someAccount(), someAccount()];
    try {
      store.atomically(() => {
        store.update('Account', a, { Name: 'rolled back' });
        if (a !== b) store.delete('Account', b);
        store.insert('Account', { Name: 'never' });
        throw new Error('roll back');
      });
    } catch { /* expected */ }
  }
};

const randomWhere = (rng: Rng, store: OrgStore, object: 'Account' | 'Contact'): string => {
  const stamps = store.records(object).map((r) => Date.parse(String(r.SystemModstamp).replace('+0000', 'Z')));
  const instant = (): string => soqlDateTime((stamps.length > 0 && rng.chance(0.8) ? rng.pick(stamps) : T0) + rng.int(-1, 1) * rng.pick([1, 1000]), rng);
  const one = (): string => `SystemModstamp ${rng.pick(['>=', '>', '<=', '<', '='])} ${instant()}`;
  // Sync windows: both ends near each other, so the index has a narrow range to read.
  const modstamp = (): string => (rng.chance(0.5) ? one() : `SystemModstamp >= ${instant()} AND SystemModstamp ${rng.pick(['<', '<='])} ${instant()}`);
  const other = (): string => rng.pick([
    "Name LIKE 'A%'", 'IsDeleted = false', `CreatedDate < ${instant()}`, `Owner.SystemModstamp > ${instant()}`,
    `Id > '${makeRecordId(object === 'Account' ? '001' : '003', rng.int(0, 60))}'`,
    ...(object === 'Account' ? [`Rating = '${rng.pick(['Hot', 'Cold'])}'`, 'Rating = null'] : ["LastName LIKE 'C1%'", 'AccountId = null']),
  ]);
  const expr = (depth: number): string => {
    const roll = rng.int(0, depth > 1 ? 1 : 4);
    if (roll === 0) return modstamp();
    if (roll === 1) return other();
    if (roll === 2) return `(${expr(depth + 1)} AND ${expr(depth + 1)})`;
    if (roll === 3) return `(${expr(depth + 1)} OR ${expr(depth + 1)})`;
    return `NOT (${expr(depth + 1)})`;
  };
  return Array.from({ length: rng.int(1, 3) }, (_, i) => (i === 0 ? modstamp() : expr(0))).join(' AND ');
};

const randomQuery = (rng: Rng, store: OrgStore): string => {
  const account = (): string => randomWhere(rng, store, 'Account');
  const contact = (): string => randomWhere(rng, store, 'Contact');
  switch (rng.int(0, 9)) {
    case 0: return `SELECT Id, Name, SystemModstamp FROM Account WHERE ${account()}`;
    case 1: return `SELECT Id FROM Account WHERE ${account()} ORDER BY SystemModstamp, Id`;
    case 2: return `SELECT Id FROM Account WHERE ${account()} ORDER BY Rating DESC NULLS LAST`;
    case 3: return `SELECT Id FROM Account WHERE ${account()} LIMIT ${rng.int(0, 5)}`;
    case 4: return `SELECT Id FROM Account WHERE ${account()} ORDER BY SystemModstamp DESC LIMIT 3 OFFSET ${rng.int(0, 4)}`;
    case 5: return `SELECT COUNT() FROM Account WHERE ${account()}`;
    case 6: return `SELECT Rating, COUNT(Id), MAX(SystemModstamp) FROM Account WHERE ${account()} GROUP BY Rating`;
    case 7: return `SELECT Id, Account.Name FROM Contact WHERE ${contact()}`;
    case 8: return `SELECT Id, (SELECT Id FROM Contacts WHERE ${contact()}) FROM Account WHERE ${account()}`;
    default: return `SELECT COUNT() FROM Contact WHERE ${contact()}`;
  }
};

/** Everything a caller can see of a query: rows in order, sizes, or the error code. */
const outcome = (soql: string, source: RecordSource, includeDeleted: boolean): unknown => {
  try {
    const result = runSoql(soql, source, { includeDeleted, now: new Date(T0) });
    return { totalSize: result.totalSize, rows: Array.from({ length: result.rowCount }, (_, i) => result.restRecord(i)) };
  } catch (err) {
    if (isSoqlError(err)) return { error: err.code };
    throw err;
  }
};

describe('queries selective on SystemModstamp', () => {
  it('return exactly what a full scan returns, through random writes, merges, purges, rollbacks and clock moves', () => {
    let compared = 0;
    let indexed = 0;
    const counted = (store: OrgStore): RecordSource => ({
      ...scanOnly(store),
      recordsByModstamp: (o, low, high) => {
        const rows = store.recordsByModstamp(o, low, high);
        if (rows) indexed++;
        return rows;
      },
    });
    for (let seed = 1; seed <= 12; seed++) {
      const rng = new Rng(seed);
      const { store, clock } = buildOrg(rng);
      for (let step = 0; step < 80; step++) {
        randomStep(rng, store, clock);
        if (step % 2 === 1) continue;
        for (let q = 0; q < 4; q++) {
          const soql = randomQuery(rng, store);
          const includeDeleted = rng.chance(0.5);
          expect(outcome(soql, counted(store), includeDeleted), `seed ${seed} step ${step}: ${soql}`).to.deep.equal(outcome(soql, scanOnly(store), includeDeleted));
          compared++;
        }
        const [start, end] = [rng.int(-60, 5), rng.int(-60, 5)].map((m) => new Date(clock.now + m * 60_000).toISOString().replace('Z', '+0000')) as [string, string];
        const updated = store.records('Account').filter((r) => !r.IsDeleted && (r.SystemModstamp as string) >= start && (r.SystemModstamp as string) < end);
        expect(store.updatedIds('Account', start, end)).to.deep.equal(updated.map((r) => r.Id));
      }
    }
    expect(compared).to.be.greaterThan(1500);
    expect(indexed, 'queries the index answered').to.be.greaterThan(compared / 3);
  });

  it('read only the index range for a selective query', () => {
    const clock = { now: T0 };
    const store = new OrgStore({ catalog, clock: () => new Date(clock.now), defaultUserId: admin });
    store.load('User', [{ Id: admin, Username: 'a@b.c', LastName: 'Admin', Email: 'a@b.c', Alias: 'a' }]);
    const old = new Date(T0 - 86_400_000).toISOString().replace('Z', '+0000');
    store.load('Account', Array.from({ length: 2000 }, (_, i) => ({ Name: `A${i}`, CreatedDate: old })));
    clock.now += 1000;
    const touched = store.records('Account').filter((_, i) => i % 200 === 7).map((r) => r.Id as string);
    touched.slice().reverse().forEach((id) => store.touch(id));
    // A port that counts the rows each path hands to the query's filter.
    const examined = { scanned: 0, indexed: 0 };
    const counting: RecordSource = {
      catalog,
      byId: (id) => store.byId(id),
      records: (o) => { const rows = store.records(o); examined.scanned += rows.length; return rows; },
      recordsByModstamp: (o, low, high) => { const rows = store.recordsByModstamp(o, low, high); examined.indexed += rows?.length ?? 0; return rows; },
    };
    const soql = `SELECT Id FROM Account WHERE SystemModstamp >= ${new Date(T0).toISOString()} AND Name LIKE 'A%'`;
    const result = runSoql(soql, counting, { includeDeleted: false, now: new Date(clock.now) });
    expect(result.records.map((r) => r.Id)).to.deep.equal(touched); // insertion order, not touch order
    expect(examined).to.deep.equal({ scanned: 0, indexed: touched.length });
    runSoql(`SELECT COUNT() FROM Account WHERE Name LIKE 'A%'`, counting, { includeDeleted: false, now: new Date(clock.now) });
    expect(examined.scanned).to.equal(2000);
  });
});
