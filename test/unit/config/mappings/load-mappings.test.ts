import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { SextantError } from '../../../../src/domain/sextant-error.ts';
import { loadMappings, parseMappingText } from '../../../../src/config/mappings/load-mappings.ts';
import type { MappingIssue } from '../../../../src/config/mappings/object-mapping.ts';

const HEAD = 'object: accounts\nsource: Account\n';

/** Each case: a file, and the problem expected at its line:col (the only one, unless `count`). */
const CASES: { name: string; yaml: string; line: number; col: number; path: string; message: RegExp; count?: number }[] = [
  { name: 'unknown canonical field, with a suggestion', yaml: `${HEAD}fields:\n  name: Name\n  renewDate: Renewal_Date__c\n`, line: 5, col: 3, path: 'fields.renewDate', message: /unknown canonical field for accounts \(did you mean renewalDate\?\)/ },
  { name: 'missing required canonical field', yaml: `${HEAD}fields:\n  arr: ARR__c\n`, line: 3, col: 1, path: 'fields', message: /missing required canonical field accounts\.name \(e\.g\. name: Name\)/ },
  { name: 'duplicate target in fields', yaml: `${HEAD}fields:\n  name: Name\n  name: Legal_Name__c\n`, line: 5, col: 3, path: 'fields.name', message: /duplicate target/ },
  { name: 'extra named like a canonical field', yaml: `${HEAD}fields:\n  name: Name\nextra:\n  arr: ARR__c\n`, line: 6, col: 3, path: 'extra.arr', message: /duplicate target: accounts\.arr is a canonical field/ },
  { name: 'unknown transform (single)', yaml: `${HEAD}fields:\n  name: { from: Name, transform: shout }\n`, line: 4, col: 34, path: 'fields.name.transform', message: /unknown transform "shout"/ },
  { name: 'unknown transform (in a list)', yaml: `${HEAD}fields:\n  name: { from: Name, transform: [trim, shout] }\n`, line: 4, col: 41, path: 'fields.name.transform[1]', message: /unknown transform "shout"/ },
  { name: 'transform that does not fit the type', yaml: `${HEAD}fields:\n  name: Name\n  arr: { from: ARR__c, transform: lowercase }\n`, line: 5, col: 35, path: 'fields.arr.transform', message: /lowercase applies to string values; accounts\.arr is number/ },
  { name: 'unknown canonical object', yaml: 'object: leads\nsource: Lead\nfields:\n  name: Name\n', line: 1, col: 9, path: 'object', message: /unknown canonical object "leads"/ },
  { name: 'unknown key', yaml: `${HEAD}fields:\n  name: Name\nfilter: x\n`, line: 5, col: 1, path: 'filter', message: /unknown key "filter"/ },
  { name: 'mistyped entry key', yaml: `${HEAD}fields:\n  name: { form: Name }\n`, line: 4, col: 11, path: 'fields.name.form', message: /unknown key "form" \(did you mean from\?\)/, count: 2 },
  { name: 'entry that is not a field name', yaml: `${HEAD}fields:\n  name: 42\n`, line: 4, col: 9, path: 'fields.name', message: /expected a Salesforce field name/ },
  { name: 'malformed field path', yaml: `${HEAD}fields:\n  name: Owner..Name\n`, line: 4, col: 9, path: 'fields.name.from', message: /parent path/ },
  { name: 'system field mapped', yaml: `${HEAD}fields:\n  name: Name\n  systemModstamp: LastModifiedDate\n`, line: 5, col: 3, path: 'fields.systemModstamp', message: /systemModstamp is always read from SystemModstamp; remove this entry/ },
  { name: 'canonical type overridden', yaml: `${HEAD}fields:\n  name: Name\n  arr: { from: ARR__c, type: string }\n`, line: 5, col: 30, path: 'fields.arr.type', message: /accounts\.arr is a number field/ },
  { name: 'required turned off where the model needs it', yaml: `${HEAD}fields:\n  name: { from: Name, required: false }\n`, line: 4, col: 33, path: 'fields.name.required', message: /always required/ },
  { name: 'unknown extra type', yaml: `${HEAD}fields:\n  name: Name\nextra:\n  tier: { from: Tier__c, type: decimal }\n`, line: 6, col: 32, path: 'extra.tier.type', message: /unknown type "decimal"/ },
  { name: 'where with the WHERE keyword', yaml: `${HEAD}where: "WHERE Type != 'Prospect'"\nfields:\n  name: Name\n`, line: 3, col: 8, path: 'where', message: /without the WHERE keyword/ },
  { name: 'where with a LIMIT', yaml: `${HEAD}where: "Type != 'Prospect' LIMIT 10"\nfields:\n  name: Name\n`, line: 3, col: 8, path: 'where', message: /condition only/ },
  { name: 'missing source', yaml: 'object: accounts\nfields:\n  name: Name\n', line: 1, col: 1, path: 'source', message: /missing: the sObject to read/ },
  { name: 'YAML syntax error', yaml: `${HEAD}fields:\n  name: [Name\n`, line: 5, col: 1, path: '', message: /^YAML: / },
];

describe('mapping files: validation with file:line:col', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { mapping, issues } = parseMappingText(c.yaml, 'mappings/accounts.yaml');
      expect(mapping).to.equal(null);
      expect(issues, JSON.stringify(issues)).to.have.length(c.count ?? 1);
      const issue = issues.find((i) => i.path === c.path);
      expect(issue, JSON.stringify(issues)).to.not.equal(undefined);
      expect(issue).to.include({ file: 'mappings/accounts.yaml', line: c.line, col: c.col, path: c.path });
      expect(issue?.message).to.match(c.message);
    });
  }

  it('reports every problem of a file at once, in line order, structural and semantic together', () => {
    const yaml = `${HEAD}fields:\n  nmae: Name\n  arr: { from: ARR__c, transform: lowercase }\n  website: 7\nextra:\n  industry: Industry\n`;
    const { issues } = parseMappingText(yaml, 'a.yaml');
    expect(issues.map((i) => `${i.line}:${i.path}`)).to.deep.equal(['3:fields', '4:fields.nmae', '5:fields.arr.transform', '6:fields.website', '8:extra.industry']);
  });

  it('accepts short and long forms and fills defaults', () => {
    const yaml = `${HEAD}where: "Type != 'Prospect'"\nfields:\n  name: Name\n  website: { from: Website, transform: [trim, domain] }\nextra:\n  employees: { from: NumberOfEmployees, type: number, required: true }\n  tier: Tier__c\n`;
    const { mapping, issues } = parseMappingText(yaml, 'a.yaml');
    expect(issues).to.deep.equal([]);
    expect(mapping?.where).to.equal("Type != 'Prospect'");
    expect(mapping?.fields.map((f) => [f.target, f.from, f.type, f.required, f.transforms])).to.deep.equal([
      ['name', 'Name', 'string', true, []],
      ['website', 'Website', 'string', false, ['trim', 'domain']],
    ]);
    expect(mapping?.extra.map((f) => [f.target, f.type, f.required, f.at.line])).to.deep.equal([['employees', 'number', true, 8], ['tier', 'string', false, 9]]);
  });
});

describe('loadMappings', () => {
  const dirWith = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-mappings-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const failure = async (dir: string): Promise<SextantError> => {
    const err: unknown = await loadMappings(dir).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(SextantError);
    return err as SextantError;
  };

  it('throws one MAPPING_INVALID listing the problems of every file as file:line:col path: message', async () => {
    const dir = dirWith({
      'accounts.yaml': `${HEAD}fields:\n  nmae: Name\n`,
      'contacts.yaml': 'object: contacts\nsource: Contact\nfields:\n  lastName: LastName\n  email: { from: Email, transform: shout }\n',
      'notes.txt': 'not a mapping',
    });
    const err = await failure(dir);
    expect(err.code).to.equal('MAPPING_INVALID');
    expect(err.kind).to.equal('config');
    const data = err.data as MappingIssue[];
    expect(data.map((i) => [path.basename(i.file), i.line, i.col, i.path])).to.deep.equal([
      ['accounts.yaml', 3, 1, 'fields'],
      ['accounts.yaml', 4, 3, 'fields.nmae'],
      ['contacts.yaml', 5, 36, 'fields.email.transform'],
    ]);
    expect(err.message).to.contain(`${path.join(dir, 'accounts.yaml')}:4:3 fields.nmae: unknown canonical field`);
    expect(err.path).to.equal(`${path.join(dir, 'accounts.yaml')}:3:1`);
  });

  it('refuses the same canonical object in two files, naming the first', async () => {
    const dir = dirWith({
      'accounts.yaml': `${HEAD}fields:\n  name: Name\n`,
      'more-accounts.yml': `# copy\n${HEAD}fields:\n  name: Legal_Name__c\n`,
    });
    const data = (await failure(dir)).data as MappingIssue[];
    expect(data).to.have.length(1);
    expect(data[0]).to.include({ line: 2, col: 9, path: 'object' });
    expect(path.basename(data[0]?.file ?? '')).to.equal('more-accounts.yml');
    expect(data[0]?.message).to.match(/accounts is already mapped in .*accounts\.yaml:1/);
  });

  it('refuses a directory without mapping files, and an unreadable one', async () => {
    expect((await failure(dirWith({}))).message).to.match(/no mapping files/);
    expect((await failure(path.join(tmpdir(), 'sextant-no-such-dir-x'))).code).to.equal('MAPPING_INVALID');
  });
});
