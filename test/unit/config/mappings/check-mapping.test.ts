import { expect } from 'chai';
import { checkMappingAgainstDescribe, formatMappingProblem, type MappingProblem } from '../../../../src/config/mappings/check-mapping.ts';
import type { ObjectDescribe } from '../../../../src/config/mappings/object-describe.ts';
import { soqlFieldList } from '../../../../src/config/mappings/soql-fields.ts';
import { SextantError } from '../../../../src/domain/sextant-error.ts';
import { mappingOf, sandboxDescribes } from './mapping-fixtures.ts';

const ACCOUNT = 'object: accounts\nsource: Account\n';

describe('checkMappingAgainstDescribe', () => {
  let describes: Record<string, ObjectDescribe>;
  before(async () => {
    describes = await sandboxDescribes();
  });
  const check = (yaml: string, related = true): MappingProblem[] => {
    const mapping = mappingOf(yaml, 'mappings/accounts.yaml');
    return checkMappingAgainstDescribe(mapping, describes[mapping.source] ?? null, related ? describes : {});
  };

  /** One problem per case, with its code, entry path, line and message. */
  const CASES: { name: string; yaml: string; code: string; path: string; line: number; message: RegExp; suggestions?: string[] }[] = [
    {
      name: 'a field the object does not have, with did-you-mean',
      yaml: `${ACCOUNT}fields:\n  name: Name\n  renewalDate: Renewal_Dat__c\n`,
      code: 'MAPPING_FIELD_MISSING', path: 'fields.renewalDate', line: 5, message: /no field Renewal_Dat__c on Account.*did you mean Renewal_Date__c/, suggestions: ['Renewal_Date__c'],
    },
    {
      name: 'a relationship the object does not have',
      yaml: `${ACCOUNT}fields:\n  name: Name\nextra:\n  ownerManager: Ownr.ManagerId\n`,
      code: 'MAPPING_FIELD_MISSING', path: 'extra.ownerManager', line: 6, message: /no relationship Ownr on Account.*did you mean Owner/,
    },
    {
      name: 'a parent path to a field the parent does not have',
      yaml: `${ACCOUNT}fields:\n  name: Name\nextra:\n  ownerManager: Owner.Manager_Id\n`,
      code: 'MAPPING_FIELD_MISSING', path: 'extra.ownerManager', line: 6, message: /no field Manager_Id on User.*did you mean ManagerId/,
    },
    {
      name: 'a number from a text field',
      yaml: `${ACCOUNT}fields:\n  name: Name\n  arr: AccountNumber\n`,
      code: 'MAPPING_TYPE_MISMATCH', path: 'fields.arr', line: 5, message: /AccountNumber is string on Account; accounts\.arr needs number/,
    },
    {
      name: 'an id from a date field',
      yaml: `${ACCOUNT}fields:\n  name: Name\n  csmId: Renewal_Date__c\n`,
      code: 'MAPPING_TYPE_MISMATCH', path: 'fields.csmId', line: 5, message: /needs id/,
    },
    {
      name: 'a datetime from a date field (a date has no time of day)',
      yaml: `${ACCOUNT}fields:\n  name: Name\nextra:\n  renewedAt: { from: Renewal_Date__c, type: datetime }\n`,
      code: 'MAPPING_TYPE_MISMATCH', path: 'extra.renewedAt', line: 6, message: /extra\.renewedAt needs datetime/,
    },
    {
      name: 'a flag from a picklist, through a parent path',
      yaml: `${ACCOUNT}fields:\n  name: Name\n  onboardingComplete: Parent.Industry\n`,
      code: 'MAPPING_TYPE_MISMATCH', path: 'fields.onboardingComplete', line: 5, message: /Parent\.Industry is picklist on Account/,
    },
    {
      name: 'a compound address field',
      yaml: `${ACCOUNT}fields:\n  name: Name\nextra:\n  billing: BillingAddress\n`,
      code: 'MAPPING_COMPOUND_FIELD', path: 'extra.billing', line: 6, message: /Bulk API 2\.0 cannot read: map its components \(BillingStreet, BillingCity/,
      suggestions: ['BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry'],
    },
    {
      name: 'a where on a long text area',
      yaml: `${ACCOUNT}where: "Description != null AND Name != 'Test'"\nfields:\n  name: Name\n`,
      code: 'MAPPING_WHERE_NOT_FILTERABLE', path: 'where', line: 3, message: /Description \(textarea\) cannot be used in a SOQL filter/,
    },
    {
      name: 'a where on a custom field the object does not have',
      yaml: `${ACCOUNT}where: "Is_Test__c = false"\nfields:\n  name: Name\n`,
      code: 'MAPPING_FIELD_MISSING', path: 'where', line: 3, message: /^Is_Test__c: no field Is_Test__c on Account/,
    },
  ];

  for (const c of CASES) {
    it(`${c.code}: ${c.name}`, () => {
      const problems = check(c.yaml);
      expect(problems, JSON.stringify(problems)).to.have.length(1);
      const [p] = problems as [MappingProblem];
      expect(p).to.include({ code: c.code, path: c.path, line: c.line, file: 'mappings/accounts.yaml' });
      expect(p.message).to.match(c.message);
      if (c.suggestions) expect(p.suggestions).to.deep.equal(c.suggestions);
    });
  }

  it('MAPPING_OBJECT_MISSING: the source object is not in the org (or not readable)', () => {
    const mapping = mappingOf('object: subscriptions\nsource: SBQQ__Subscription__c\nfields:\n  accountId: SBQQ__Account__c\n', 'mappings/subscriptions.yaml');
    const problems = checkMappingAgainstDescribe(mapping, null);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ code: 'MAPPING_OBJECT_MISSING', path: 'source', line: 2, col: 9 });
    const hidden = { ...(describes['Account'] as ObjectDescribe), queryable: false };
    expect(checkMappingAgainstDescribe(mappingOf(`${ACCOUNT}fields:\n  name: Name\n`), hidden)[0]?.message).to.match(/not queryable/);
  });

  it('reports every problem of a mapping at once', () => {
    const problems = check(`${ACCOUNT}where: "Description != null"\nfields:\n  name: Nam\n  arr: Website\nextra:\n  billing: BillingAddress\n`);
    expect(problems.map((p) => `${p.line} ${p.code}`)).to.deep.equal([
      '5 MAPPING_FIELD_MISSING', '6 MAPPING_TYPE_MISMATCH', '8 MAPPING_COMPOUND_FIELD', '3 MAPPING_WHERE_NOT_FILTERABLE',
    ]);
    expect(formatMappingProblem(problems[0] as MappingProblem))
      .to.equal('mappings/accounts.yaml:5:3 fields.name: Nam: no field Nam on Account, or the integration user cannot read it (did you mean Name?) [MAPPING_FIELD_MISSING]');
  });

  it('accepts what Salesforce allows: case-insensitive names, dates from datetimes, ids from lookups and text, polymorphic Name', () => {
    const yaml = `${ACCOUNT}fields:\n  name: name\n  ownerId: OWNERID\n  productKey: Product_Account_Key__c\n  csmId: AccountNumber\n  firstValueDate: CreatedDate\nextra:\n  ownerManager: { from: Owner.ManagerId, type: id }\n  ownerManagerEmail: Owner.Manager.Email\n`;
    expect(check(yaml)).to.deep.equal([]);
    const task = mappingOf('object: subscriptions\nsource: Task\nfields:\n  product: What.Name\n  status: Status\n');
    expect(checkMappingAgainstDescribe(task, describes['Task'] ?? null, describes)).to.deep.equal([]);
    const badTask = mappingOf('object: subscriptions\nsource: Task\nfields:\n  product: What.Industry\n');
    expect(checkMappingAgainstDescribe(badTask, describes['Task'] ?? null, describes)[0]?.code).to.equal('MAPPING_FIELD_MISSING');
  });

  it('accepts filters on filterable fields, parent paths and semi-joins', () => {
    expect(check(`${ACCOUNT}where: "Type != 'Prospect' AND Owner.IsActive = true AND CreatedDate < LAST_N_DAYS:30"\nfields:\n  name: Name\n`)).to.deep.equal([]);
    expect(check(`${ACCOUNT}where: "Id IN (SELECT AccountId FROM Contact WHERE Is_Champion__c = true)"\nfields:\n  name: Name\n`)).to.deep.equal([]);
  });

  it('leaves parent paths into objects it was not given unchecked', () => {
    expect(check(`${ACCOUNT}fields:\n  name: Name\nextra:\n  ownerManager: Owner.Nonexistent\n`, false)).to.deep.equal([]);
  });
});

describe('soqlFieldList', () => {
  it('selects Id, IsDeleted and SystemModstamp first, then each mapped field once (case-insensitive)', () => {
    const mapping = mappingOf(`${ACCOUNT}fields:\n  name: Name\n  ownerId: OwnerId\n  csmId: ownerid\nextra:\n  stamp: { from: systemmodstamp, type: datetime }\n  managerId: { from: Owner.ManagerId, type: id }\n`);
    expect(soqlFieldList(mapping)).to.deep.equal(['Id', 'IsDeleted', 'SystemModstamp', 'Name', 'OwnerId', 'Owner.ManagerId']);
  });

  it('never selects a compound field: it refuses with MAPPING_COMPOUND_FIELD and the line', async () => {
    const describes = await sandboxDescribes();
    const standard = mappingOf(`${ACCOUNT}fields:\n  name: Name\nextra:\n  billing: BillingAddress\n`, 'a.yaml');
    const err = (() => { try { soqlFieldList(standard); return null; } catch (e) { return e; } })();
    expect(err).to.be.instanceOf(SextantError);
    expect((err as SextantError).code).to.equal('MAPPING_COMPOUND_FIELD');
    expect((err as SextantError).path).to.equal('a.yaml:6:3');
    // With a describe, custom compound fields (geolocation) are caught too.
    const withGeo = { ...(describes['Account'] as ObjectDescribe), fields: [...(describes['Account'] as ObjectDescribe).fields, { name: 'Site__c', type: 'location' }] };
    const geo = mappingOf(`${ACCOUNT}fields:\n  name: Name\nextra:\n  site: Site__c\n`);
    expect(() => soqlFieldList(geo, withGeo)).to.throw(SextantError);
    expect(soqlFieldList(geo)).to.include('Site__c');
  });
});
