import { expect } from 'chai';
import { column, ids, rest, run } from './soql-fixture.ts';

const url = (type: string, id: string): string => `/services/data/v62.0/sobjects/${type}/${id}`;

describe('SOQL relationships', () => {
  describe('parent paths', () => {
    it('nests parent fields under the relationship, any depth, merging shared hops', () => {
      const [ann] = rest(`SELECT Name, Account.Name, Account.Owner.Name, Account.Owner.Manager.Name FROM Contact WHERE Id = '${ids.ann}'`);
      expect(ann).to.deep.equal({
        attributes: { type: 'Contact', url: url('Contact', ids.ann) },
        Name: 'Ann Alpha',
        Account: {
          attributes: { type: 'Account', url: url('Account', ids.acme) },
          Name: 'Acme',
          Owner: {
            attributes: { type: 'User', url: url('User', ids.ada) },
            Name: 'Ada Admin',
            Manager: null,
          },
        },
      });
    });

    it('returns null for an empty lookup', () => {
      expect(column('SELECT Parent.Name FROM Account ORDER BY Name', 'Parent')).to.deep.equal([
        null,
        { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme' },
        { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme' },
      ]);
    });

    it('resolves parents that are in the recycle bin', () => {
      expect(column('SELECT Account.Name FROM Case', 'Account')).to.deep.equal([
        { attributes: { type: 'Account', url: url('Account', ids.gone) }, Name: 'Gone Ltd' },
      ]);
    });

    it('follows custom relationships (__r)', () => {
      expect(column('SELECT Account__r.Owner.Name FROM Subscription__c', 'Account__r').map((a) => (a as { Owner: { Name: string } }).Owner.Name))
        .to.deep.equal(['Ada Admin', 'Bob Builder', 'Ada Admin']);
    });
  });

  describe('polymorphic lookups', () => {
    it('types What/Who as the Name object, with the real object in the url', () => {
      const tasks = rest('SELECT Subject, What.Name, What.Type, Who.Name FROM Task');
      expect(tasks.map((t) => [t['Subject'], t['What'], t['Who']])).to.deep.equal([
        [
          'Call Ann',
          { attributes: { type: 'Name', url: url('Account', ids.acme) }, Name: 'Acme', Type: 'Account' },
          { attributes: { type: 'Name', url: url('Contact', ids.ann) }, Name: 'Ann Alpha' },
        ],
        ['Send quote', { attributes: { type: 'Name', url: url('Opportunity', ids.opp1) }, Name: 'Acme renewal', Type: 'Opportunity' }, null],
        ['Tidy up', null, null],
      ]);
    });

    it('TYPEOF picks the field list by the parent type', () => {
      const whats = column('SELECT TYPEOF What WHEN Account THEN Name, Industry WHEN Opportunity THEN Amount ELSE Name END FROM Task', 'What');
      expect(whats).to.deep.equal([
        { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme', Industry: 'Technology' },
        { attributes: { type: 'Opportunity', url: url('Opportunity', ids.opp1) }, Amount: 100 },
        null,
      ]);
    });
  });

  describe('child subqueries', () => {
    it('returns a nested query result per parent, null when there are no children', () => {
      const contacts = column('SELECT Name, (SELECT Name FROM Contacts ORDER BY Name) FROM Account', 'Contacts');
      expect(contacts).to.deep.equal([
        {
          totalSize: 2,
          done: true,
          records: [
            { attributes: { type: 'Contact', url: url('Contact', ids.ann) }, Name: 'Ann Alpha' },
            { attributes: { type: 'Contact', url: url('Contact', ids.carl) }, Name: 'Carl Zed' },
          ],
        },
        { totalSize: 1, done: true, records: [{ attributes: { type: 'Contact', url: url('Contact', ids.dora) }, Name: 'Dora Beta' }] },
        null,
      ]);
    });

    it('applies its own WHERE, ORDER BY and LIMIT per parent', () => {
      const opps = column("SELECT (SELECT Name, Amount FROM Opportunities WHERE Amount > 60 ORDER BY Amount DESC LIMIT 1) FROM Account WHERE Name = 'Acme'", 'Opportunities');
      expect(opps).to.deep.equal([
        { totalSize: 1, done: true, records: [{ attributes: { type: 'Opportunity', url: url('Opportunity', ids.opp2) }, Name: 'Acme upsell', Amount: 200 }] },
      ]);
    });

    it('supports parent paths inside the subquery and custom child relationships', () => {
      const [acme] = rest("SELECT (SELECT Name, Owner.Name FROM Subscriptions__r ORDER BY Name DESC) FROM Account WHERE Name = 'Acme'");
      const subs = acme?.['Subscriptions__r'] as { records: Array<Record<string, unknown>> };
      expect(subs.records.map((r) => [r['Name'], (r['Owner'] as { Name: string }).Name])).to.deep.equal([['S-3', 'Ada Admin'], ['S-1', 'Ada Admin']]);
    });

    it('leaves deleted children out, unless queryAll', () => {
      const soql = "SELECT (SELECT Name FROM Contacts) FROM Account WHERE Name = 'Acme'";
      const names = (options = {}): unknown[] =>
        (column(soql, 'Contacts', options)[0] as { records: Array<{ Name: string }> }).records.map((r) => r.Name);
      expect(names()).to.deep.equal(['Ann Alpha', 'Carl Zed']);
      expect(names({ includeDeleted: true })).to.deep.equal(['Ann Alpha', 'Carl Zed', 'Ghost Gone']);
    });

    it('polymorphic child relationships (Tasks on Account and Opportunity)', () => {
      const tasks = column('SELECT (SELECT Subject FROM Tasks) FROM Opportunity', 'Tasks');
      expect(tasks.map((t) => (t === null ? null : (t as { totalSize: number }).totalSize))).to.deep.equal([1, null, null]);
    });
  });

  describe('queryAll visibility', () => {
    it('hides soft-deleted rows from query and shows them to queryAll', () => {
      expect(column('SELECT Name FROM Account', 'Name')).to.not.include('Gone Ltd');
      expect(column('SELECT Name FROM Account', 'Name', { includeDeleted: true })).to.include('Gone Ltd');
      expect(column('SELECT Name FROM Account WHERE IsDeleted = true', 'Name')).to.deep.equal([]);
      expect(column('SELECT Name FROM Account WHERE IsDeleted = true', 'Name', { includeDeleted: true })).to.deep.equal(['Gone Ltd']);
      expect(run('SELECT COUNT() FROM Contact', { includeDeleted: true }).totalSize).to.equal(4);
    });
  });
});
