import { expect } from 'chai';
import { caseSuffix, isRecordId, makeRecordId, to15, to18 } from '../../../src/domain/salesforce-id.ts';

describe('record ids', () => {
  // Known pairs from Salesforce documentation and orgs.
  const pairs: Array<[string, string]> = [
    ['001A0000006Vm9r', '001A0000006Vm9rIAC'],
    ['003D000000QkFdE', '003D000000QkFdEIAV'],
    ['0015000000Gv7qJ', '0015000000Gv7qJAAR'],
  ];
  for (const [id15, id18] of pairs) {
    it(`${id15} ⇄ ${id18}`, () => {
      expect(to18(id15)).to.equal(id18);
      expect(to15(id18)).to.equal(id15);
      expect(caseSuffix(id15)).to.equal(id18.slice(15));
    });
  }

  it('restores the case of a lower-cased 18-char id from its suffix', () => {
    expect(to15('001a0000006vm9riac')).to.equal('001A0000006Vm9r');
  });

  it('makes distinct 18-char ids with the key prefix', () => {
    const a = makeRecordId('001', 1);
    const b = makeRecordId('001', 2);
    expect(a).to.have.length(18).and.to.match(/^001RO0/);
    expect(a).to.not.equal(b);
    expect(isRecordId(a)).to.equal(true);
    expect(to18(to15(a))).to.equal(a);
  });

  it('rejects shapes that are not ids', () => {
    for (const bad of ['', 'nope', '001A0000006Vm9', '001A0000006Vm9r!!!', '001A0000006Vm9rIACX']) expect(isRecordId(bad), bad).to.equal(false);
  });
});
