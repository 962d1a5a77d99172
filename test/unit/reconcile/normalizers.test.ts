import { expect } from 'chai';
import { makeRecordId, to15 } from '../../../src/domain/salesforce-id.ts';
import { diceUpperBound, nameSimilarity, normalizeCompanyName } from '../../../src/reconcile/company-name.ts';
import { isFreeMailDomain, normalizeDomain } from '../../../src/reconcile/normalize-domain.ts';
import { normalizeKey, recordId15, recordId18 } from '../../../src/reconcile/normalize-key.ts';
import { DEFAULT_LEGAL_SUFFIXES } from '../../../src/config/rules/reconcile-rules.schema.ts';

const ID18 = makeRecordId('001', 123_456);
const ID15 = to15(ID18);
const SUFFIXES = new Set(DEFAULT_LEGAL_SUFFIXES);

describe('key normalizers', () => {
  const KEYS: [string | null, string | null][] = [
    ['PA-000123', 'pa-000123'], [' PA-000123 ', 'pa-000123'], ['Pa-000123  ', 'pa-000123'], ['ACME \t  EU', 'acme eu'],
    ['\u00a0acme\u200b', 'acme'], ['ＡＣＭＥ１', 'acme1'], ['   ', null], ['', null], [null, null],
  ];
  for (const [input, expected] of KEYS) {
    it(`normalizeKey(${JSON.stringify(input)}) = ${JSON.stringify(expected)}`, () => expect(normalizeKey(input)).to.equal(expected));
  }

  const IDS: [string, string | null][] = [
    [ID18, ID15], [ID15, ID15], [ID18.toLowerCase(), ID15], [ID18.toUpperCase(), ID15], [` ${ID18} `, ID15],
    // 15 chars are case-sensitive: another case is another record, taken as written.
    [ID15.toLowerCase(), ID15.toLowerCase()],
    // The suffix says position 1 is upper case, but it is a digit: not an id.
    [`${ID15}BAA`, null],
    ['PA-000123', null], ['001RO00000abc', null], [`${ID15}9AA`, null], ['0'.repeat(17), null],
  ];
  for (const [input, expected] of IDS) {
    it(`recordId15(${JSON.stringify(input)}) = ${JSON.stringify(expected)}`, () => expect(recordId15(input)).to.equal(expected));
  }
  it('recordId18 gives the 18-char form of either', () => {
    expect(recordId18(ID15)).to.equal(ID18);
    expect(recordId18(ID18.toLowerCase())).to.equal(ID18);
    expect(recordId18('nope')).to.equal(null);
  });
});

describe('domain normalizer', () => {
  const DOMAINS: [string | null, string | null][] = [
    ['https://www.Acme.com/x', 'acme.com'], ['WWW.ACME.COM', 'acme.com'], ['acme.com', 'acme.com'], ['http://acme.com:8080/a?b#c', 'acme.com'],
    ['acme.com.', 'acme.com'], ['//acme.com', 'acme.com'], ['www2.acme.com', 'acme.com'], ['jo@Acme.com', 'acme.com'],
    ['mailto:jo@acme.com', 'acme.com'], ['https://user:pw@acme.com/', 'acme.com'], ['acme.com; acme.de', 'acme.com'],
    ['shop.acme.co.uk', 'shop.acme.co.uk'], ['münchen.de', 'münchen.de'], ['n/a', null], ['localhost', null], ['-', null], ['', null], [null, null],
  ];
  for (const [input, expected] of DOMAINS) {
    it(`normalizeDomain(${JSON.stringify(input)}) = ${JSON.stringify(expected)}`, () => expect(normalizeDomain(input)).to.equal(expected));
  }
  it('treats subdomains of free-mail domains as free mail', () => {
    const freeMail = new Set(['gmail.com', 'yahoo.com']);
    expect(isFreeMailDomain('gmail.com', freeMail)).to.equal(true);
    expect(isFreeMailDomain('mail.yahoo.com', freeMail)).to.equal(true);
    expect(isFreeMailDomain('notgmail.com', freeMail)).to.equal(false);
    expect(isFreeMailDomain('acme.com', freeMail)).to.equal(false);
  });
});

describe('company names', () => {
  const NAMES: [string, string][] = [
    ['STEM Corporation Inc.', 'stem'], ['Stem Corp', 'stem'], ['The Acme Co.', 'acme'], ['Müller GmbH & Co. KG', 'muller'], ['Johnson & Johnson', 'johnson and johnson'],
    ['Acme S.A.', 'acme'], ["O'Neil Partners, LLC", 'oneil partners'], ['Co-op Bank Ltd', 'co op bank'], ['Inc', 'inc'],
    ['Stem (Duplicate)', 'stem duplicate'],
  ];
  for (const [input, expected] of NAMES) {
    it(`normalizes ${JSON.stringify(input)} to ${JSON.stringify(expected)}`, () => expect(normalizeCompanyName(input, SUFFIXES)?.key).to.equal(expected));
  }
  it('is null for blank names', () => {
    expect(normalizeCompanyName('  ', SUFFIXES)).to.equal(null);
    expect(normalizeCompanyName(null, SUFFIXES)).to.equal(null);
  });

  // The figures the threshold (0.8) is documented with in company-name.ts.
  const SCORES: [string, string, number, number][] = [
    ['Stem Corp', 'STEM Corporation Inc.', 1, 1],
    ['Blue Ocean Labs', 'Blue Ocean Lab', 0.85, 0.95],
    ['Acme Systems', 'Acme System', 0.85, 0.9],
    ['Northwind', 'Northwind Systems', 0.6, 0.75],
    ['Initech', 'Initrode', 0, 0.5],
  ];
  for (const [a, b, lo, hi] of SCORES) {
    it(`scores ${a} ~ ${b} within [${lo}, ${hi}]`, () => {
      const score = nameSimilarity(normalizeCompanyName(a, SUFFIXES)!, normalizeCompanyName(b, SUFFIXES)!);
      expect(score).to.be.within(lo, hi);
    });
  }
  it('bounds the Dice score by the set sizes', () => {
    expect(diceUpperBound(10, 10)).to.equal(1);
    expect(diceUpperBound(5, 15)).to.equal(0.5);
  });
});
