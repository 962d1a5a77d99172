import { expect } from 'chai';
import { parseKeyOverrides } from '../../../../src/config/rules/key-overrides.ts';
import type { SextantError } from '../../../../src/domain/sextant-error.ts';
import { id, id15 } from '../../reconcile/support/reconcile-fixtures.ts';

const failure = (f: () => unknown): SextantError => {
  try {
    f();
  } catch (err) {
    return err as SextantError;
  }
  throw new Error('expected a failure');
};
const problemsOf = (err: SextantError): [number, string][] => (err.data as { line: number; path: string }[]).map((p) => [p.line, p.path]);

describe('key overrides file (YAML)', () => {
  it('reads links and ignores, with their line as source', () => {
    const text = `# decisions\n- { accountKey: ' acme ', accountId: ${id(1)}, note: signed as Acme EMEA }\n- accountKey: TEST-7\n  ignore: true\n- { accountKey: '000123', accountId: ${id15(2)} }\n`;
    expect(parseKeyOverrides(text, 'overrides.yaml')).to.deep.equal([
      { accountKey: ' acme ', accountId: id(1), note: 'signed as Acme EMEA', source: 'overrides.yaml:2' },
      { accountKey: 'TEST-7', ignore: true, source: 'overrides.yaml:3' },
      { accountKey: '000123', accountId: id15(2), source: 'overrides.yaml:5' },
    ]);
  });

  it('accepts an empty file', () => {
    expect(parseKeyOverrides('# nothing yet\n', 'overrides.yml')).to.deep.equal([]);
  });

  it('reports every bad entry at its line (OVERRIDES_INVALID)', () => {
    const text = [
      `- { accountKey: A, accountId: ${id(1)} }`,
      '- { accountKey: B, accountId: 001-not-an-id }',
      `- { accountKey: C, accountId: ${makeContactId()} }`,
      '- { accountKey: D }',
      `- { accountKey: E, accountId: ${id(3)}, ignore: true }`,
      '- { accountKey: 123, ignore: true }',
      '- { accountKey: F, ignore: false }',
      '- { accountKey: G, ignore: true, colour: red }',
      "- { accountKey: '  ', ignore: true }",
    ].join('\n');
    const err = failure(() => parseKeyOverrides(text, 'overrides.yaml'));
    expect(err.code).to.equal('OVERRIDES_INVALID');
    expect(err.path).to.equal('overrides.yaml:2');
    expect(problemsOf(err)).to.deep.equal([
      [2, '1.accountId'], [3, '2.accountId'], [4, '3.accountId'], [5, '4.accountId'], [6, '5.accountKey'],
      [7, '6.ignore'], [8, '7'], [9, '8.accountKey'],
    ]);
  });

  it('reports a key listed twice (ignoring case and spaces) once the entries are otherwise valid', () => {
    const text = `- { accountKey: ACME, accountId: ${id(1)} }
- { accountKey: ' acme', ignore: true }
`;
    const err = failure(() => parseKeyOverrides(text, 'overrides.yaml'));
    expect(err.code).to.equal('OVERRIDES_INVALID');
    expect(problemsOf(err)).to.deep.equal([[2, '1.accountKey']]);
  });

  it('rejects a file that is not a list', () => {
    expect(failure(() => parseKeyOverrides('accountKey: A\n', 'o.yaml')).code).to.equal('OVERRIDES_INVALID');
  });

  it('rejects files that are neither YAML nor CSV', () => {
    expect(failure(() => parseKeyOverrides('', 'overrides.xlsx')).code).to.equal('OVERRIDES_INVALID');
  });
});

/** A Contact id: a valid record id, but not an Account's. */
function makeContactId(): string {
  return `003${id(1).slice(3)}`;
}

describe('key overrides file (CSV from Excel)', () => {
  it('reads links and ignores with their line numbers, BOM and CRLF included', () => {
    const text = `\uFEFFaccount_key,account_id,action,note\r\n acme ,${id(1)},,signed as Acme EMEA\r\nTEST-7,,ignore,"internal, test"\r\n\r\n'-5,${id(2)},link,\r\n`;
    expect(parseKeyOverrides(text, 'overrides.csv')).to.deep.equal([
      { accountKey: ' acme ', accountId: id(1), note: 'signed as Acme EMEA', source: 'overrides.csv:2' },
      { accountKey: 'TEST-7', ignore: true, note: 'internal, test', source: 'overrides.csv:3' },
      // Our own report guards '-5' as "'-5" against formula injection; the apostrophe is dropped again.
      { accountKey: '-5', accountId: id(2), source: 'overrides.csv:5' },
    ]);
  });

  it('reads semicolon-separated files (Excel with a decimal comma) and extra columns', () => {
    const text = `Account_Key;Account_Id;Owner\nK1;${id15(1)};Dana\n`;
    expect(parseKeyOverrides(text, 'o.csv')).to.deep.equal([{ accountKey: 'K1', accountId: id15(1), source: 'o.csv:2' }]);
  });

  it('counts lines of multi-line notes', () => {
    const text = `account_key,account_id,note\nK1,${id(1)},"two\nlines"\nK2,bad,\n`;
    expect(problemsOf(failure(() => parseKeyOverrides(text, 'o.csv')))).to.deep.equal([[4, 'account_id']]);
  });

  it('reports every bad row with its line number and column', () => {
    const text = [
      'account_key,account_id,action,note',
      `K1,${id(1)},,`,
      'K2,001abc,,',
      `,${id(2)},,`,
      `k1 ,${id(3)},,`,
      `K3,${id(4)},ignore,`,
      'K4,,,',
      `K5,${id(5)},delete,`,
    ].join('\n');
    const err = failure(() => parseKeyOverrides(text, 'overrides.csv'));
    expect(err.code).to.equal('OVERRIDES_INVALID');
    expect(problemsOf(err)).to.deep.equal([
      [3, 'account_id'], [4, 'account_key'], [5, 'account_key'], [6, 'account_id'], [7, 'account_id'], [8, 'action'],
    ]);
    expect((err.data as { col: number }[])[0]?.col).to.equal(2);
  });

  it('needs the account_key and account_id columns', () => {
    const err = failure(() => parseKeyOverrides('key,id\nK1,x\n', 'o.csv'));
    expect(problemsOf(err)).to.deep.equal([[1, 'account_key'], [1, 'account_id']]);
  });

  it('reports a broken quote with its line', () => {
    const err = failure(() => parseKeyOverrides(`account_key,account_id\nK1,${id(1)}\n"K2,x\n`, 'o.csv'));
    expect(err.code).to.equal('OVERRIDES_INVALID');
    expect(problemsOf(err)[0]?.[0]).to.be.at.least(3);
  });

  it('accepts an empty file', () => {
    expect(parseKeyOverrides('', 'o.csv')).to.deep.equal([]);
    expect(parseKeyOverrides('account_key,account_id\n', 'o.csv')).to.deep.equal([]);
  });
});
