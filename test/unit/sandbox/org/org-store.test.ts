import { expect } from 'chai';
import { OrgStore } from '../../../../src/sandbox/org/org-store.ts';
import { RecordWriteError } from '../../../../src/sandbox/org/record-error.ts';
import { buildCatalog } from '../../../../src/sandbox/schema/catalog.ts';
import { standardObjects, stubObjects } from '../../../../src/sandbox/schema/standard-objects.ts';
import { text } from '../../../../src/sandbox/schema/field-builders.ts';
import { makeRecordId } from '../../../../src/domain/salesforce-id.ts';

const objects = [...standardObjects(), ...stubObjects()].map((o) =>
  o.name === 'Account' ? { ...o, fields: [...o.fields, text('Key__c', 20, { externalId: true, custom: true }), text('Unique_Key__c', 20, { externalId: true, unique: true, custom: true })] } : o);

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecordWriteError) return err.errors[0]?.statusCode ?? '';
    throw err;
  }
  return 'no error';
};

describe('org store', () => {
  let now: number;
  let store: OrgStore;
  const admin = makeRecordId('005', 1);

  beforeEach(() => {
    now = Date.parse('2026-11-01T12:00:00Z');
    store = new OrgStore({ catalog: buildCatalog(objects), clock: () => new Date(now), defaultUserId: admin });
    store.load('User', [{ Id: admin, Username: 'a@b.c', LastName: 'Admin', Email: 'a@b.c', Alias: 'a' }]);
  });

  it('stamps audit fields; SystemModstamp moves on automation, LastModifiedDate only on user writes', () => {
    const acc = store.insert('Account', { Name: 'A' });
    expect(acc).to.include({ CreatedDate: '2026-11-01T12:00:00.000+0000', OwnerId: admin, CreatedById: admin, IsDeleted: false });
    now += 1000;
    store.touch(acc.Id as string);
    expect(acc.SystemModstamp).to.equal('2026-11-01T12:00:01.000+0000');
    expect(acc.LastModifiedDate).to.equal('2026-11-01T12:00:00.000+0000');
    now += 1000;
    store.update('Account', acc.Id as string, { Name: 'B' });
    expect(acc.LastModifiedDate).to.equal('2026-11-01T12:00:02.000+0000');
  });

  it('upserts: create, update, MULTIPLE_CHOICES on a shared non-unique key, case-insensitive keys', () => {
    expect(store.upsert('Account', 'Key__c', 'K1', { Name: 'one' }).created).to.equal(true);
    expect(store.upsert('Account', 'Key__c', 'k1', { Name: 'one b' }).created).to.equal(false);
    store.insert('Account', { Name: 'two', Key__c: 'K2' });
    store.insert('Account', { Name: 'two b', Key__c: 'K2' });
    expect(codeOf(() => store.upsert('Account', 'Key__c', 'K2', { Name: 'x' }))).to.equal('MULTIPLE_CHOICES');
    store.insert('Account', { Name: 'u', Unique_Key__c: 'U1' });
    expect(codeOf(() => store.insert('Account', { Name: 'u2', Unique_Key__c: 'u1' }))).to.equal('DUPLICATE_VALUE');
  });

  it('rolls back every write of a failed atomic block', () => {
    const keep = store.insert('Account', { Name: 'keep' });
    expect(() => store.atomically(() => {
      store.insert('Account', { Name: 'new', Unique_Key__c: 'X' });
      store.update('Account', keep.Id as string, { Name: 'changed' });
      store.delete('Account', keep.Id as string);
      throw new Error('boom');
    })).to.throw('boom');
    expect(store.records('Account').map((r) => r.Name)).to.deep.equal(['keep']);
    expect(keep).to.include({ Name: 'keep', IsDeleted: false });
    expect(store.findByKey('Account', 'Unique_Key__c', 'X')).to.have.length(0);
    expect(store.deletedRecords('Account', '2000', '3000')).to.have.length(0);
  });

  it('merges: losers deleted with MasterRecordId, children moved to the master', () => {
    const master = store.insert('Account', { Name: 'Master' });
    const loser = store.insert('Account', { Name: 'Loser' });
    const contact = store.insert('Contact', { LastName: 'C', AccountId: loser.Id });
    now += 1000;
    store.merge('Account', master.Id as string, [loser.Id as string]);
    expect(loser).to.include({ IsDeleted: true, MasterRecordId: master.Id });
    expect(contact.AccountId).to.equal(master.Id);
    expect(contact.SystemModstamp).to.equal('2026-11-01T12:00:01.000+0000');
  });

  it('purges for good: gone from records, byId and getDeleted', () => {
    const acc = store.insert('Account', { Name: 'P' });
    store.delete('Account', acc.Id as string);
    expect(store.deletedRecords('Account', '2000', '3000')).to.have.length(1);
    store.purge(acc.Id as string);
    expect(store.byId(acc.Id as string)).to.equal(undefined);
    expect(store.records('Account')).to.have.length(0);
    expect(store.deletedRecords('Account', '2000', '3000')).to.have.length(0);
  });

  it('checks references: missing target, wrong object type', () => {
    const acc = store.insert('Account', { Name: 'A' });
    expect(codeOf(() => store.insert('Contact', { LastName: 'C', AccountId: makeRecordId('001', 999) }))).to.equal('INVALID_CROSS_REFERENCE_KEY');
    const contact = store.insert('Contact', { LastName: 'C', AccountId: acc.Id });
    expect(codeOf(() => store.insert('Opportunity', { Name: 'O', StageName: 'Prospecting', CloseDate: '2026-01-01', AccountId: contact.Id }))).to.equal('FIELD_INTEGRITY_EXCEPTION');
  });
});
