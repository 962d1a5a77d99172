import { expect } from 'chai';
import { bulkUnsupportedReason, compileSoql, csvEscape } from '../../../../src/sandbox/soql/index.ts';
import { likeToRegExp } from '../../../../src/sandbox/soql/like-pattern.ts';
import { catalog, ids, rest, run } from './soql-fixture.ts';

describe('SOQL result shapes', () => {
  describe('REST records', () => {
    it('uses the schema casing in the query order, with attributes first', () => {
      const [ann] = rest(`SELECT name, ID, account.name, EMAIL FROM contact WHERE Id = '${ids.ann}'`);
      expect(Object.keys(ann ?? {})).to.deep.equal(['attributes', 'Name', 'Id', 'Account', 'Email']);
      expect(ann).to.deep.equal({
        attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ids.ann}` },
        Name: 'Ann Alpha',
        Id: ids.ann,
        Account: { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids.acme}` }, Name: 'Acme' },
        Email: 'ann@acme.test',
      });
    });

    it('puts the API version option in the url', () => {
      const [record] = rest('SELECT Id FROM Account LIMIT 1', { apiVersion: '58.0' });
      expect(record?.attributes).to.deep.equal({ type: 'Account', url: `/services/data/v58.0/sobjects/Account/${ids.acme}` });
    });

    it('returns JSON values as stored: numbers, booleans, +0000 datetimes, dates, nulls', () => {
      const [opp] = rest(`SELECT Amount, IsWon, CreatedDate, CloseDate, Probability FROM Opportunity WHERE Id = '${ids.opp3}'`);
      expect(opp).to.include({ Amount: 50.5, IsWon: false, CreatedDate: '2024-03-15T10:00:00.000+0000', CloseDate: '2024-02-29', Probability: null });
    });

    it('builds compound addresses from their components, null when all are empty', () => {
      expect(rest('SELECT BillingAddress FROM Account ORDER BY Name').map((r) => r['BillingAddress'])).to.deep.equal([
        { city: 'Paris', country: 'France', geocodeAccuracy: null, latitude: null, longitude: null, postalCode: '75001', state: null, street: '1 Main St' },
        null,
        null,
      ]);
    });

    it('expands FIELDS(STANDARD) to the describe field list', () => {
      const [user] = rest('SELECT FIELDS(STANDARD) FROM User LIMIT 1');
      expect(Object.keys(user ?? {}).slice(0, 4)).to.deep.equal(['attributes', 'Id', 'Username', 'FirstName']);
      expect(user).to.include({ Name: 'Ada Admin', IsActive: true });
    });

    it('exposes the matched base records and refuses rows outside the result', () => {
      const result = run("SELECT Id FROM Account WHERE Name LIKE '%a%' ORDER BY Name DESC");
      expect(result.records.map((r) => r['Id'])).to.deep.equal([ids.delta, ids.beta, ids.acme]);
      expect(() => result.restRecord(3)).to.throw(RangeError);
    });
  });

  describe('Bulk 2.0 CSV', () => {
    it('names columns by the schema-cased paths of the query', () => {
      const result = run('SELECT id, name, account.owner.name, CreatedDate, HasOptedOutOfEmail FROM Contact');
      expect(result.bulkColumns).to.deep.equal(['Id', 'Name', 'Account.Owner.Name', 'CreatedDate', 'HasOptedOutOfEmail']);
      expect(result.bulkHeaderLine).to.equal('Id,Name,Account.Owner.Name,CreatedDate,HasOptedOutOfEmail');
    });

    it('writes values as strings: Z datetimes, true/false, plain numbers, empty for null', () => {
      const result = run('SELECT Id, Amount, IsWon, CloseDate, CreatedDate, Probability, Account.Name FROM Opportunity ORDER BY Amount');
      expect(result.bulkRow(0)).to.deep.equal([ids.opp3, '50.5', 'false', '2024-02-29', '2024-03-15T10:00:00.000Z', '', 'beta corp']);
      expect(result.bulkCsvLine(0)).to.equal(`${ids.opp3},50.5,false,2024-02-29,2024-03-15T10:00:00.000Z,,beta corp`);
    });

    it('quotes only values that need it', () => {
      const result = run('SELECT Name, Description, Parent.Name FROM Account ORDER BY Name');
      expect([0, 1, 2].map((i) => result.bulkCsvLine(i))).to.deep.equal([
        'Acme,"Long, ""quoted""\ntext",',
        'beta corp,,Acme',
        '"Delta, Inc.",,Acme',
      ]);
      expect(result.bulkRow(0)).to.deep.equal(['Acme', 'Long, "quoted"\ntext', '']);
    });

    const escapes: Array<[string, string]> = [
      ['plain', 'plain'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\nlines', '"two\nlines"'],
      ['cr\rhere', '"cr\rhere"'],
      ['', ''],
    ];
    for (const [value, expected] of escapes) {
      it(`csvEscape(${JSON.stringify(value)}) → ${expected}`, () => {
        expect(csvEscape(value)).to.equal(expected);
      });
    }
  });

  describe('bulkUnsupportedReason', () => {
    const cases: Array<[string, RegExp | null]> = [
      ['SELECT Id, Name, Account.Owner.Name FROM Contact WHERE SystemModstamp >= 2024-01-01T00:00:00Z', null],
      ['SELECT Id FROM Account ORDER BY Name LIMIT 10', null],
      ['SELECT BillingCity, BillingStreet FROM Account', null],
      ['SELECT Id, (SELECT Id FROM Contacts) FROM Account', /Parent-to-child.*Contacts/],
      ['SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry', /GROUP BY/],
      ['SELECT COUNT() FROM Account', /Aggregate/],
      ['SELECT MAX(CreatedDate) FROM Account', /Aggregate/],
      ['SELECT Id FROM Account OFFSET 10', /OFFSET/],
      ['SELECT TYPEOF What WHEN Account THEN Name END FROM Task', /TYPEOF/],
      ['SELECT Id, BillingAddress FROM Account', /Compound.*BillingAddress/],
    ];
    for (const [soql, reason] of cases) {
      it(`${soql} → ${reason === null ? 'supported' : String(reason)}`, () => {
        const actual = bulkUnsupportedReason(compileSoql(soql, catalog));
        if (reason === null) expect(actual).to.equal(null);
        else expect(actual).to.match(reason);
      });
    }
  });

  describe('LIKE patterns', () => {
    const cases: Array<[string, string, boolean]> = [
      ['a%', 'ABC', true],
      ['%c', 'abc', true],
      ['a_c', 'abc', true],
      ['a_c', 'abbc', false],
      ['a\\_c', 'a_c', true],
      ['a\\_c', 'abc', false],
      ['100\\%', '100%', true],
      ['100\\%', '1000', false],
      ['(x)%', '(x) y', true],
      ['%', 'line\nbreak', true],
    ];
    for (const [pattern, value, matches] of cases) {
      it(`'${pattern}' ${matches ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, () => {
        expect(likeToRegExp(pattern).test(value)).to.equal(matches);
      });
    }
  });
});
