import { expect } from 'chai';
import { compileSoql } from '../../../../src/sandbox/soql/compile-soql.ts';
import type { ModstampRange } from '../../../../src/sandbox/soql/modstamp-range.ts';
import { catalog } from './soql-fixture.ts';

const A = '2024-03-01T00:00:00.000+0000';
const B = '2024-03-15T00:00:00.000+0000';
const LA = '2024-03-01T00:00:00Z';
const LB = '2024-03-15T00:00:00Z';

const rangeOf = (soql: string): ModstampRange | null => {
  const compiled = compileSoql(soql, catalog);
  return compiled.mode === 'aggregate' ? compiled.aggregate.modstampRange : compiled.plan.modstampRange;
};

describe('SOQL SystemModstamp ranges', () => {
  const cases: Array<[string, string, ModstampRange | null]> = [
    ['a half-open window', `SystemModstamp >= ${LA} AND SystemModstamp < ${LB}`, { low: A, high: B }],
    ['strict bounds are read loosely (the WHERE still decides)', `SystemModstamp > ${LA} AND SystemModstamp <= ${LB}`, { low: A, high: B }],
    ['equality is a point', `SystemModstamp = ${LA}`, { low: A, high: A }],
    ['one side only', `SystemModstamp > ${LA}`, { low: A, high: null }],
    ['other conditions alongside', `Name LIKE 'A%' AND SystemModstamp < ${LB} AND Rating = 'Hot'`, { low: null, high: B }],
    ['the tighter of two bounds', `SystemModstamp > ${LA} AND SystemModstamp > ${LB}`, { low: B, high: null }],
    ['offsets are normalised to UTC', 'SystemModstamp >= 2024-03-01T01:00:00+01:00', { low: A, high: null }],
    ['a resumed window: OR takes the hull of its branches',
      `(SystemModstamp > ${LA} OR (SystemModstamp = ${LA} AND Id > '001000000000001')) AND SystemModstamp < ${LB}`, { low: A, high: B }],
    ['nested ANDs', `(Name = 'x' AND (SystemModstamp >= ${LA})) AND Rating = 'Hot'`, { low: A, high: null }],
    ['an OR with an unbounded branch bounds nothing', `SystemModstamp > ${LA} OR Name = 'x'`, null],
    ['NOT bounds nothing', `NOT SystemModstamp < ${LA}`, null],
    ['!= bounds nothing', `SystemModstamp != ${LA}`, null],
    ['IN bounds nothing', `SystemModstamp IN (${LA}, ${LB})`, null],
    ['date literals are not used', 'SystemModstamp >= LAST_N_DAYS:3', null],
    ['a parent\'s SystemModstamp is not this object\'s', `Owner.SystemModstamp > ${LA}`, null],
    ['another datetime field', `CreatedDate > ${LA}`, null],
    ['the FROM alias', `a.SystemModstamp >= ${LA}`, { low: A, high: null }],
  ];
  for (const [name, where, expected] of cases) {
    it(`${name}: ${where}`, () => {
      expect(rangeOf(`SELECT Id FROM Account a WHERE ${where}`)).to.deep.equal(expected);
    });
  }

  it('COUNT() and aggregate queries carry the range too', () => {
    expect(rangeOf(`SELECT COUNT() FROM Account WHERE SystemModstamp >= ${LA}`)).to.deep.equal({ low: A, high: null });
    expect(rangeOf(`SELECT Rating, COUNT(Id) FROM Account WHERE SystemModstamp < ${LB} GROUP BY Rating`)).to.deep.equal({ low: null, high: B });
  });

  it('no WHERE, no range', () => {
    expect(rangeOf('SELECT Id FROM Account')).to.equal(null);
  });
});
