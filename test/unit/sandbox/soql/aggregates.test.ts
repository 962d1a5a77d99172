import { expect } from 'chai';
import { ids, rest, run } from './soql-fixture.ts';

/** AggregateResult rows without their attributes, which are always { type: 'AggregateResult' }. */
const rows = (soql: string): Array<Record<string, unknown>> =>
  rest(soql).map(({ attributes, ...row }) => {
    expect(attributes).to.deep.equal({ type: 'AggregateResult' });
    return row;
  });

describe('SOQL aggregates', () => {
  describe('SELECT COUNT()', () => {
    const cases: Array<[string, number]> = [
      ['SELECT COUNT() FROM Account', 3],
      ["SELECT COUNT() FROM Account WHERE Industry != null", 2],
      ['SELECT COUNT() FROM Account LIMIT 2', 2],
      ["SELECT COUNT() FROM Contact WHERE Account.Name = 'Acme'", 2],
    ];
    for (const [soql, count] of cases) {
      it(`${soql} → totalSize ${count}, no records`, () => {
        const result = run(soql);
        expect(result.totalSize).to.equal(count);
        expect(result.rowCount).to.equal(0);
        expect(result.records).to.deep.equal([]);
      });
    }
    it('counts deleted rows under queryAll', () => {
      expect(run('SELECT COUNT() FROM Account', { includeDeleted: true }).totalSize).to.equal(4);
    });
  });

  describe('aggregate functions without GROUP BY (one row)', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['SELECT COUNT(Id) FROM Account', { expr0: 3 }],
      ['SELECT COUNT(Industry) FROM Account', { expr0: 2 }],
      ['SELECT COUNT_DISTINCT(OwnerId) FROM Account', { expr0: 2 }],
      [
        'SELECT SUM(AnnualRevenue), AVG(AnnualRevenue), MIN(AnnualRevenue), MAX(AnnualRevenue) FROM Account',
        { expr0: 1500, expr1: 750, expr2: 500, expr3: 1000 },
      ],
      ['SELECT MIN(CreatedDate), MAX(Name), MIN(CloseDate) FROM Opportunity', { expr0: '2024-03-15T08:00:00.000+0000', expr1: 'Beta new', expr2: '2024-02-29' }],
      ['SELECT COUNT(Id) n, SUM(Amount), MAX(Amount) top, MIN(Amount) FROM Opportunity', { n: 3, expr0: 350.5, top: 200, expr1: 50.5 }],
      ['SELECT COUNT(Id), SUM(Amount) FROM Opportunity WHERE Amount > 1000', { expr0: 0, expr1: null }],
    ];
    for (const [soql, expected] of cases) {
      it(soql, () => {
        expect(rows(soql)).to.deep.equal([expected]);
      });
    }
  });

  describe('GROUP BY', () => {
    it('groups, names grouped fields by their field name and orders by a grouped field', () => {
      expect(rows('SELECT Rating, COUNT(Id) n FROM Account GROUP BY Rating ORDER BY Rating')).to.deep.equal([
        { Rating: 'Hot', n: 1 },
        { Rating: 'Warm', n: 1 },
        { Rating: 'Cold', n: 1 },
      ]);
    });

    it('groups on several fields, nulls included', () => {
      expect(rows('SELECT OwnerId, Industry, COUNT(Id) FROM Account GROUP BY OwnerId, Industry')).to.deep.equal([
        { OwnerId: ids.ada, Industry: 'Technology', expr0: 1 },
        { OwnerId: ids.bob, Industry: 'Finance', expr0: 1 },
        { OwnerId: ids.bob, Industry: null, expr0: 1 },
      ]);
    });

    it('groups on a parent path, keyed by the last segment', () => {
      expect(rows('SELECT Owner.Name, SUM(Amount) total FROM Opportunity GROUP BY Owner.Name ORDER BY SUM(Amount) DESC')).to.deep.equal([
        { Name: 'Ada Admin', total: 300 },
        { Name: 'Bob Builder', total: 50.5 },
      ]);
    });

    it('filters groups with HAVING', () => {
      expect(rows('SELECT AccountId, COUNT(Id) FROM Opportunity GROUP BY AccountId HAVING COUNT(Id) > 1')).to.deep.equal([
        { AccountId: ids.acme, expr0: 2 },
      ]);
    });

    it('applies LIMIT and OFFSET to groups', () => {
      expect(rows('SELECT StageName FROM Opportunity GROUP BY StageName ORDER BY StageName DESC LIMIT 1 OFFSET 1')).to.deep.equal([
        { StageName: 'Negotiation/Review' },
      ]);
    });

    it('groups text case-insensitively', () => {
      expect(rows("SELECT COUNT(Id) FROM Subscription__c WHERE Name LIKE 's-%' GROUP BY Account__c")).to.deep.equal([{ expr0: 2 }, { expr0: 1 }]);
    });

    it('reports totalSize as the number of groups', () => {
      const result = run('SELECT Industry FROM Account GROUP BY Industry');
      expect([result.totalSize, result.rowCount, result.records.length]).to.deep.equal([3, 3, 0]);
    });
  });
});
