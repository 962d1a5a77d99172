import { expect } from 'chai';
import { coerceFieldValue } from '../../../../src/sandbox/org/field-coercion.ts';
import { bool, currency, date, datetime, int, lookup, multiPicklist, picklist, text } from '../../../../src/sandbox/schema/field-builders.ts';

describe('field coercion (JSON values and Bulk CSV strings)', () => {
  const cases: Array<[string, ReturnType<typeof text>, unknown, unknown]> = [
    ['text', text('Name', 5), 'Acme', 'Acme'],
    ['blank text is null', text('Name', 5), '', null],
    ['boolean from CSV', bool('Flag'), 'true', true],
    ['boolean blank is false', bool('Flag'), '', false],
    ['currency rounds to scale', currency('ARR'), '1234.567', 1234.57],
    ['int from string', int('N'), '42', 42],
    ['date keeps day', date('D'), '2026-02-28', '2026-02-28'],
    ['datetime Z → +0000 with ms', datetime('T'), '2026-02-28T10:00:00Z', '2026-02-28T10:00:00.000+0000'],
    ['datetime offset → UTC', datetime('T'), '2026-02-28T10:00:00.000+0200', '2026-02-28T08:00:00.000+0000'],
    ['15-char id → 18', lookup('AccountId', ['Account'], 'Account'), '001A0000006Vm9r', '001A0000006Vm9rIAC'],
    ['multipicklist trims', multiPicklist('M', ['a', 'b']), 'a; b', 'a;b'],
  ];
  for (const [label, field, raw, expected] of cases) {
    it(label, () => {
      const result = coerceFieldValue(field, raw);
      expect(result).to.deep.equal({ ok: true, value: expected });
    });
  }

  const failures: Array<[string, ReturnType<typeof text>, unknown, string]> = [
    ['too long', text('Name', 3), 'Acme', 'STRING_TOO_LONG'],
    ['not a number', currency('ARR'), 'lots', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
    ['fraction in int', int('N'), '1.5', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
    ['bad date', date('D'), '2026-13-45', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
    ['bad datetime', datetime('T'), 'yesterday', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
    ['bad id', lookup('AccountId', ['Account'], 'Account'), 'xyz', 'MALFORMED_ID'],
    ['restricted picklist', picklist('Stage', ['A'], { restrictedPicklist: true }), 'B', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
    ['out of range', currency('ARR', { precision: 5, scale: 2 }), 1000, 'NUMBER_OUTSIDE_VALID_RANGE'],
    ['object for text', text('Name', 10), { a: 1 }, 'JSON_PARSER_ERROR'],
  ];
  for (const [label, field, raw, code] of failures) {
    it(`refuses ${label} with ${code}`, () => {
      const result = coerceFieldValue(field, raw);
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.error.statusCode).to.equal(code);
        expect(result.error.fields).to.deep.equal([field.name]);
      }
    });
  }
});
