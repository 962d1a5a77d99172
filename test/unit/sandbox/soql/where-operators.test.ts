import { expect } from 'chai';
import { to15 } from '../../../../src/domain/salesforce-id.ts';
import { column, ids } from './soql-fixture.ts';

const accountsWhere = (where: string): unknown[] => column(`SELECT Name FROM Account WHERE ${where}`, 'Name');

describe('SOQL WHERE operators', () => {
  const ACME = 'Acme';
  const BETA = 'beta corp';
  const DELTA = 'Delta, Inc.';

  const cases: Array<[string, string, unknown[]]> = [
    ['= on text is case-insensitive', "Name = 'ACME'", [ACME]],
    ['!= keeps other rows', "Name != 'acme'", [BETA, DELTA]],
    ['<> is !=', "Name <> 'Acme'", [BETA, DELTA]],
    ['!= matches nulls (unlike SQL)', "Industry != 'Finance'", [ACME, DELTA]],
    ['= null', 'Industry = null', [DELTA]],
    ['!= null', 'Industry != null', [ACME, BETA]],
    ["= '' finds blanks", "Industry = ''", [DELTA]],
    ['> on numbers', 'AnnualRevenue > 500', [ACME]],
    ['>= on numbers', 'AnnualRevenue >= 500', [ACME, BETA]],
    ['< on numbers skips nulls', 'AnnualRevenue < 1000', [BETA]],
    ['<= on numbers', 'AnnualRevenue <= 1000', [ACME, BETA]],
    ['decimal literal equals integer value', 'AnnualRevenue = 1000.0', [ACME]],
    ['IN on numbers', 'NumberOfEmployees IN (3, 10)', [ACME, BETA]],
    ['> on text is case-insensitive', "Name > 'b'", [BETA, DELTA]],
    ['< on text is case-insensitive', "Name < 'B'", [ACME]],
    ['LIKE prefix, case-insensitive', "Name LIKE 'a%'", [ACME]],
    ['LIKE suffix', "Name LIKE '%CORP'", [BETA]],
    ['LIKE single-character wildcard', "Name LIKE '_cme'", [ACME]],
    ['LIKE with both wildcards', "Name LIKE '%, Inc_'", [DELTA]],
    ['LIKE without wildcards is a whole match', "Name LIKE 'acm'", []],
    ['LIKE with escaped wildcard', "Name LIKE 'Acme\\%'", []],
    ['IN on text is case-insensitive', "Industry IN ('technology', 'FINANCE')", [ACME, BETA]],
    ['NOT IN keeps nulls', "Industry NOT IN ('Technology')", [BETA, DELTA]],
    ['IN with null', "Industry IN ('Finance', null)", [BETA, DELTA]],
    ['NOT IN with null', "Industry NOT IN ('Finance', null)", [ACME]],
    ['OR', "Rating = 'hot' OR Rating = 'cold'", [ACME, BETA]],
    ['AND', "Rating = 'Warm' AND Industry = null", [DELTA]],
    ['NOT binds to the next condition', "NOT Rating = 'Hot'", [BETA, DELTA]],
    ['AND NOT', "Rating != 'Hot' AND NOT Industry = null", [BETA]],
    ['NOT of a parenthesised group', "NOT (Rating = 'Hot' OR Rating = 'Cold')", [DELTA]],
    ['parentheses before AND', "(Rating = 'Hot' OR Rating = 'Cold') AND AnnualRevenue < 600", [BETA]],
    ['parentheses after OR', "Rating = 'Warm' OR (Industry = 'Technology' AND NumberOfEmployees = 10)", [ACME, DELTA]],
    ['nested parentheses', "((Rating = 'Hot') OR (NOT (Rating != 'Cold')))", [ACME, BETA]],
    ['boolean on a parent', 'Owner.IsActive = false', [BETA, DELTA]],
    ['boolean TRUE, any case', 'Owner.IsActive = TRUE', [ACME]],
    ['parent path', "Parent.Name = 'acme'", [BETA, DELTA]],
    ['two-hop parent path with LIKE', "Parent.Owner.Name LIKE 'Ada%'", [BETA, DELTA]],
    ['null reference', 'ParentId = null', [ACME]],
    ['15-char id equals the 18-char id', `Id = '${to15(ids.acme)}'`, [ACME]],
    ['18-char id in any case', `Id = '${ids.acme.toLowerCase()}'`, [ACME]],
    ['IN mixing id forms', `Id IN ('${to15(ids.beta)}', '${ids.delta}')`, [BETA, DELTA]],
    ['reference field with a 15-char id', `ParentId = '${to15(ids.acme)}'`, [BETA, DELTA]],
    ['Id ranges compare like the ids sort (PK chunking)', `Id >= '${ids.beta}' AND Id < '${ids.delta}'`, [BETA]],
    ['datetime > with Z', 'CreatedDate > 2024-03-14T23:59:59Z', [BETA, DELTA]],
    ['datetime >= at a boundary', 'CreatedDate >= 2024-03-15T00:00:00Z', [DELTA]],
    ['datetime with a positive offset', 'CreatedDate = 2024-03-15T01:00:00+01:00', [DELTA]],
    ['datetime in +0000 form with millis', 'CreatedDate < 2024-03-15T00:00:00.000+0000', [ACME, BETA]],
    ['datetime with a negative offset', 'CreatedDate < 2024-03-14T18:59:59.999-05:00', [ACME]],
    ['semi-join', 'Id IN (SELECT AccountId FROM Contact WHERE Email != null)', [ACME, BETA]],
    ['anti-join', 'Id NOT IN (SELECT AccountId FROM Opportunity)', [DELTA]],
    ['semi-join ignores deleted rows', "Id IN (SELECT AccountId FROM Contact WHERE Name = 'Ghost Gone')", []],
    ['object-name prefix on a field', "Industry = 'Finance' AND Account.Rating = 'Cold'", [BETA]],
  ];

  for (const [name, where, expected] of cases) {
    it(`${name}: ${where}`, () => {
      expect(accountsWhere(where)).to.deep.equal(expected);
    });
  }

  it('accepts the FROM alias in WHERE', () => {
    expect(column("SELECT Name FROM Account a WHERE a.Industry = 'Finance'", 'Name')).to.deep.equal([BETA]);
  });

  describe('other field types', () => {
    const typed: Array<[string, string, unknown[]]> = [
      ['boolean field', 'SELECT Name FROM Opportunity WHERE IsWon = true', ['Acme renewal']],
      ['boolean false', 'SELECT Name FROM Opportunity WHERE IsClosed = FALSE', ['Acme upsell', 'Beta new']],
      ['date =', 'SELECT Name FROM Opportunity WHERE CloseDate = 2024-03-15', ['Acme renewal']],
      ['date >', 'SELECT Name FROM Opportunity WHERE CloseDate > 2024-03-15', ['Acme upsell']],
      ['date < (leap day)', 'SELECT Name FROM Opportunity WHERE CloseDate < 2024-03-01', ['Beta new']],
      ['currency with decimals', 'SELECT Name FROM Opportunity WHERE Amount = 50.5', ['Beta new']],
      ['picklist IN', "SELECT Name FROM Opportunity WHERE StageName IN ('closed won', 'Prospecting')", ['Acme renewal', 'Acme upsell']],
      ['polymorphic Type', "SELECT Subject FROM Task WHERE What.Type = 'Opportunity'", ['Send quote']],
      ['polymorphic Name', "SELECT Subject FROM Task WHERE What.Name LIKE 'acme%'", ['Call Ann', 'Send quote']],
      ['custom lookup path', "SELECT Name FROM Subscription__c WHERE Account__r.Name = 'Acme'", ['S-1', 'S-3']],
      ['INCLUDES one value', "SELECT Name FROM Subscription__c WHERE Modules__c INCLUDES ('analytics')", ['S-1']],
      ['INCLUDES a;b means both', "SELECT Name FROM Subscription__c WHERE Modules__c INCLUDES ('core;support')", ['S-2']],
      ['INCLUDES a list means any', "SELECT Name FROM Subscription__c WHERE Modules__c INCLUDES ('Analytics', 'Billing')", ['S-1', 'S-2']],
      ['EXCLUDES keeps empty values', "SELECT Name FROM Subscription__c WHERE Modules__c EXCLUDES ('Analytics')", ['S-2', 'S-3']],
      ['= on multipicklist ignores order', "SELECT Name FROM Subscription__c WHERE Modules__c = 'Analytics;Core'", ['S-1']],
      ['multipicklist = null', 'SELECT Name FROM Subscription__c WHERE Modules__c = null', ['S-3']],
    ];
    for (const [name, soql, expected] of typed) {
      it(`${name}: ${soql}`, () => {
        const key = soql.startsWith('SELECT Subject') ? 'Subject' : 'Name';
        expect(column(soql, key)).to.deep.equal(expected);
      });
    }
  });
});
