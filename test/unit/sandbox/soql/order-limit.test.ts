import { expect } from 'chai';
import { column, run } from './soql-fixture.ts';

const ACME = 'Acme';
const BETA = 'beta corp';
const DELTA = 'Delta, Inc.';

describe('SOQL ORDER BY, LIMIT and OFFSET', () => {
  const cases: Array<[string, string, string[]]> = [
    ['insertion order without ORDER BY', '', [ACME, BETA, DELTA]],
    ['ASC puts nulls first by default', 'ORDER BY AnnualRevenue', [DELTA, BETA, ACME]],
    ['DESC puts nulls last by default', 'ORDER BY AnnualRevenue DESC', [ACME, BETA, DELTA]],
    ['ASC NULLS LAST', 'ORDER BY AnnualRevenue ASC NULLS LAST', [BETA, ACME, DELTA]],
    ['DESC NULLS FIRST', 'ORDER BY AnnualRevenue DESC NULLS FIRST', [DELTA, ACME, BETA]],
    ['text sorts case-insensitively', 'ORDER BY Name', [ACME, BETA, DELTA]],
    ['text DESC', 'ORDER BY Name DESC', [DELTA, BETA, ACME]],
    ['picklists sort in their defined order (Hot, Warm, Cold)', 'ORDER BY Rating, Name', [ACME, DELTA, BETA]],
    ['picklist order, not alphabetical (Technology before Finance)', 'ORDER BY Industry NULLS LAST', [ACME, BETA, DELTA]],
    ['numbers sort numerically', 'ORDER BY NumberOfEmployees', [DELTA, BETA, ACME]],
    ['several fields and a parent path', 'ORDER BY Owner.Name DESC, Name ASC', [BETA, DELTA, ACME]],
    ['datetimes', 'ORDER BY CreatedDate DESC', [DELTA, BETA, ACME]],
    ['LIMIT without ORDER BY', 'LIMIT 2', [ACME, BETA]],
    ['LIMIT after ORDER BY', 'ORDER BY Name DESC LIMIT 1', [DELTA]],
    ['OFFSET', 'ORDER BY Name OFFSET 1', [BETA, DELTA]],
    ['OFFSET and LIMIT', 'ORDER BY Name LIMIT 1 OFFSET 1', [BETA]],
    ['OFFSET past the end', 'ORDER BY Name OFFSET 5', []],
    ['LIMIT 0', 'LIMIT 0', []],
  ];
  for (const [name, clause, expected] of cases) {
    it(`${name}: ${clause}`, () => {
      expect(column(`SELECT Name FROM Account ${clause}`, 'Name')).to.deep.equal(expected);
    });
  }

  it('keeps ties in insertion order (stable sort)', () => {
    expect(column('SELECT Name FROM Account ORDER BY OwnerId DESC', 'Name')).to.deep.equal([BETA, DELTA, ACME]);
  });

  it('booleans sort false before true', () => {
    expect(column('SELECT Name FROM Opportunity ORDER BY IsWon, Name', 'Name')).to.deep.equal(['Acme upsell', 'Beta new', 'Acme renewal']);
  });

  it('counts LIMIT and OFFSET in totalSize', () => {
    expect(column('SELECT Name FROM Opportunity ORDER BY Amount DESC LIMIT 2', 'Name')).to.deep.equal(['Acme upsell', 'Acme renewal']);
    expect(run('SELECT Name FROM Opportunity ORDER BY Amount DESC LIMIT 2 OFFSET 2').totalSize).to.equal(1);
  });
});
