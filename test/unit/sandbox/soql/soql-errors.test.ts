import { expect } from 'chai';
import { compileSoql, SoqlError } from '../../../../src/sandbox/soql/index.ts';
import type { SoqlErrorCode } from '../../../../src/sandbox/soql/index.ts';
import { SextantError } from '../../../../src/domain/sextant-error.ts';
import { catalog } from './soql-fixture.ts';

const compileError = (soql: string): SoqlError => {
  try {
    compileSoql(soql, catalog);
  } catch (err) {
    if (err instanceof SoqlError) return err;
    throw err;
  }
  throw new Error(`compiled without error: ${soql}`);
};

describe('SOQL errors', () => {
  const cases: Array<[SoqlErrorCode, string, string]> = [
    ['MALFORMED_QUERY', 'SELECT Id FORM Account', "unexpected token: 'Account'"],
    ['MALFORMED_QUERY', 'SELECT Id FROM Account WHERE', 'unexpected token: <EOF>'],
    ['MALFORMED_QUERY', "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", "unexpected token: 'OR'"],
    ['MALFORMED_QUERY', "SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b' AND Name = 'c'", "unexpected token: 'AND'"],
    ['MALFORMED_QUERY', "SELECT Id FROM Account WHERE Name = 'O'Brien'", 'Brien'],
    ['MALFORMED_QUERY', "SELECT Id FROM Account WHERE Name = 'a\\q'", 'Illegal character sequence'],
    ['MALFORMED_QUERY', 'SELECT Id FROM Account WHERE CreatedDate > 2024-02-30T00:00:00Z', 'not a valid dateTime'],
    ['MALFORMED_QUERY', 'SELECT Name, COUNT(Id) FROM Account', 'Field must be grouped or aggregated: Name'],
    ['MALFORMED_QUERY', 'SELECT Id, Name, name FROM Account', 'duplicate field selected: Name'],
    ['MALFORMED_QUERY', 'SELECT COUNT(), Name FROM Account', 'COUNT()'],
    ['MALFORMED_QUERY', 'SELECT FIELDS(ALL) FROM Account', 'LIMIT of at most 200'],
    ['MALFORMED_QUERY', 'SELECT Owner.Name, Account.Name, COUNT(Id) FROM Opportunity GROUP BY Owner.Name, Account.Name', 'duplicate alias: Name'],
    ['INVALID_TYPE', 'SELECT Id FROM Foo', "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c'"],
    ['INVALID_TYPE', 'SELECT Id, (SELECT Id FROM Foos) FROM Account', "Didn't understand relationship 'Foos' in FROM part of query call"],
    ['INVALID_FIELD', 'SELECT Id, Foo FROM Account', "No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c'"],
    ['INVALID_FIELD', 'SELECT Id, Account.Foo FROM Contact', "No such column 'Foo' on entity 'Account'"],
    ['INVALID_FIELD', 'SELECT Id, (SELECT Foo FROM Contacts) FROM Account', "No such column 'Foo' on entity 'Contact'"],
    ['INVALID_FIELD', 'SELECT Id, Foo.Name FROM Contact', "Didn't understand relationship 'Foo' in field path"],
    ['INVALID_FIELD', "SELECT Id FROM Account WHERE Bar = 'x'", "No such column 'Bar' on entity 'Account'"],
    ['INVALID_FIELD', 'SELECT Id FROM Account ORDER BY Baz', "No such column 'Baz' on entity 'Account'"],
    ['INVALID_FIELD', "SELECT Id FROM Account WHERE Description = 'x'", "field 'Description' can not be filtered in a query call"],
    ['INVALID_FIELD', 'SELECT Id FROM Account WHERE BillingAddress = null', "field 'BillingAddress' can not be filtered in a query call"],
    ['INVALID_FIELD', 'SELECT Id FROM Account ORDER BY Description', "field 'Description' can not be sorted in a query call"],
    ['INVALID_FIELD', 'SELECT Description, COUNT(Id) FROM Account GROUP BY Description', "field 'Description' can not be grouped in a query call"],
    ['INVALID_FIELD', "SELECT Id FROM Account WHERE CreatedDate > '2024-01-01T00:00:00Z'", "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
    ['INVALID_FIELD', 'SELECT Id FROM Account WHERE CreatedDate > 2024-01-01', 'must be of type dateTime'],
    ['INVALID_FIELD', 'SELECT Id FROM Opportunity WHERE CloseDate > 2024-01-01T00:00:00Z', 'must be of type date and'],
    ['INVALID_FIELD', 'SELECT Id FROM Account WHERE Name = 5', 'must be of type string and should be enclosed in quotes'],
    ['INVALID_FIELD', "SELECT Id FROM Account WHERE AnnualRevenue > '5'", 'must be of type double'],
    ['INVALID_FIELD', "SELECT Id FROM Opportunity WHERE IsWon = 'true'", 'must be of type boolean'],
    ['INVALID_FIELD', 'SELECT Id FROM Account WHERE Name = TODAY', 'must be of type string'],
    ['INVALID_FIELD', 'SELECT SUM(Name) FROM Account', 'field Name does not support aggregate operator SUM'],
    ['INVALID_QUERY_FILTER_OPERATOR', "SELECT Id FROM Account WHERE Id = 'nope'", 'invalid ID field: nope'],
    ['INVALID_QUERY_FILTER_OPERATOR', "SELECT Id FROM Account WHERE Id LIKE '001%'", 'invalid operator on id field'],
    ['INVALID_QUERY_FILTER_OPERATOR', "SELECT Id FROM Account WHERE Name INCLUDES ('a')", 'only valid on multipicklist'],
    ['NUMBER_OUTSIDE_VALID_RANGE', 'SELECT Id FROM Account OFFSET 2001', 'Maximum SOQL offset allowed is 2000'],
  ];

  for (const [code, soql, fragment] of cases) {
    it(`${code}: ${soql}`, () => {
      const err = compileError(soql);
      expect(err.errorCode).to.equal(code);
      expect(err.message).to.include(fragment);
    });
  }

  it('is a SextantError whose code is the Salesforce errorCode, kind data', () => {
    const err = compileError('SELECT Id FROM Foo');
    expect(err).to.be.instanceOf(SextantError);
    expect([err.code, err.kind, err.name]).to.deep.equal(['INVALID_TYPE', 'data', 'SoqlError']);
  });

  it('points at the offending token as Salesforce does', () => {
    expect(compileError('SELECT Id, Foo FROM Account').message).to.equal(
      "\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, " +
        "be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
  });

  it('accepts what Salesforce accepts', () => {
    const valid = [
      "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' AND Name = 'c'",
      "SELECT Id FROM Account WHERE (Name = 'a' AND Name = 'b') OR Name = 'c'",
      "SELECT Id FROM Account WHERE Name = 'it\\'s'",
      'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:30 AND SystemModstamp >= 2024-01-01T00:00:00.000+0000',
      'SELECT FIELDS(STANDARD) FROM Account',
      'SELECT FIELDS(ALL) FROM Account LIMIT 200',
      'select id, NAME from ACCOUNT where INDUSTRY = null order by name limit 5',
      'SELECT Id FROM Account OFFSET 2000',
    ];
    for (const soql of valid) expect(() => compileSoql(soql, catalog), soql).to.not.throw();
  });
});
