import { expect } from 'chai';
import { toId18 } from '../../../../src/domain/salesforce-id.ts';
import { TRANSFORMS, toDomain, type TransformName } from '../../../../src/config/mappings/transforms.ts';
import { CONVERTERS, INVALID, type RawValue } from '../../../../src/config/mappings/value-conversion.ts';
import type { ValueType } from '../../../../src/config/mappings/canonical-fields.ts';
import { makeRecordId, to15 } from '../../../../src/domain/salesforce-id.ts';

describe('transforms', () => {
  const CASES: [TransformName, string, string | null | undefined][] = [
    ['trim', '  Acme Corp \t', 'Acme Corp'],
    ['trim', '   ', null],
    ['lowercase', 'Ada@Example.COM', 'ada@example.com'],
    ['uppercase', 'emea', 'EMEA'],
    ['domain', 'https://www.Acme.com/x', 'acme.com'],
    ['domain', 'http://WWW.acme.co.uk', 'acme.co.uk'],
    ['domain', 'www.acme.io/', 'acme.io'],
    ['domain', 'acme.com', 'acme.com'],
    ['domain', ' https://shop.acme.com:8443/path?q=1#top ', 'shop.acme.com'],
    ['domain', '//cdn.acme.com', 'cdn.acme.com'],
    ['domain', 'info@acme.com', 'acme.com'],
    ['domain', 'https://user:pw@acme.com', 'acme.com'],
    ['domain', 'acme.com.', 'acme.com'],
    ['domain', 'https://bücher.de', 'bücher.de'],
    ['domain', 'www2.acme.com', 'www2.acme.com'],
    ['domain', 'n/a', null],
    ['domain', 'http://localhost', null],
    ['id18', '001RO0000000001', '001RO0000000001YAA'],
    ['id18', '001RO0000000001YAA', '001RO0000000001YAA'],
    ['id18', ' 001RO0000000001 ', '001RO0000000001YAA'],
    ['id18', 'not-an-id', undefined],
  ];
  for (const [name, input, expected] of CASES) {
    it(`${name}(${JSON.stringify(input)}) → ${JSON.stringify(expected)}`, () => {
      expect(TRANSFORMS[name](input)).to.equal(expected);
    });
  }

  it('toDomain is the domain transform', () => {
    expect(toDomain('https://www.Acme.com/x')).to.equal('acme.com');
  });

  it('toId18 agrees with Salesforce on the case suffix of 15-char ids', () => {
    for (let n = 1; n < 2000; n += 37) {
      const id18 = makeRecordId('003', n * 7919);
      expect(toId18(to15(id18))).to.equal(id18);
    }
    expect(toId18('001RO0000000001')).to.not.equal(toId18('001ro0000000001'));
  });
});

describe('value conversion: REST (typed) and Bulk CSV (strings) give the same canonical value', () => {
  /** [type, REST value, CSV value, canonical] */
  const SAME: [ValueType, RawValue, RawValue, RawValue][] = [
    ['id', '001RO0000000001YAA', '001RO0000000001YAA', '001RO0000000001YAA'],
    ['id', null, '', null],
    ['string', 'Acme', 'Acme', 'Acme'],
    ['string', null, '', null],
    ['number', 1200.5, '1200.5', 1200.5],
    ['number', 0, '0', 0],
    ['number', -3, '-3', -3],
    ['number', 1e21, '1e21', 1e21],
    ['number', null, '', null],
    ['boolean', true, 'true', true],
    ['boolean', false, 'false', false],
    ['date', '2026-11-25', '2026-11-25', '2026-11-25'],
    ['date', '2026-11-25T23:30:00.000+0000', '2026-11-25T23:30:00.000Z', '2026-11-25'],
    ['date', null, '', null],
    ['datetime', '2026-11-25T10:00:00.000+0000', '2026-11-25T10:00:00.000Z', '2026-11-25T10:00:00.000Z'],
    ['datetime', null, '', null],
  ];
  for (const [type, rest, csv, canonical] of SAME) {
    it(`${type}: ${JSON.stringify(rest)} ≡ ${JSON.stringify(csv)} → ${JSON.stringify(canonical)}`, () => {
      expect(CONVERTERS[type](rest)).to.equal(canonical);
      expect(CONVERTERS[type](csv)).to.equal(canonical);
    });
  }

  const OTHER: [ValueType, RawValue, RawValue | typeof INVALID][] = [
    ['id', '001RO0000000001', '001RO0000000001YAA'],
    ['id', '001-bad', INVALID],
    ['id', 42, INVALID],
    ['string', 42, '42'],
    ['number', 'abc', INVALID],
    ['number', ' ', INVALID],
    ['number', '1,200', INVALID],
    ['number', Number.NaN, INVALID],
    ['number', true, INVALID],
    ['boolean', 'TRUE', true],
    ['boolean', '0', false],
    ['boolean', 'yes', INVALID],
    ['boolean', 1, INVALID],
    ['date', '2026-13-01', INVALID],
    ['date', '25/11/2026', INVALID],
    ['date', '2026-11-25T23:30:00-0200', '2026-11-26'],
    ['datetime', '2026-11-25T10:00:00Z', '2026-11-25T10:00:00.000Z'],
    ['datetime', '2026-11-25T12:00:00.000+02:00', '2026-11-25T10:00:00.000Z'],
    ['datetime', '2026-11-25', INVALID],
    ['datetime', 'yesterday', INVALID],
    ['datetime', 1764064800000, INVALID],
  ];
  for (const [type, raw, expected] of OTHER) {
    it(`${type}: ${JSON.stringify(raw)} → ${typeof expected === 'symbol' ? 'invalid' : JSON.stringify(expected)}`, () => {
      expect(CONVERTERS[type](raw)).to.equal(expected);
    });
  }
});
