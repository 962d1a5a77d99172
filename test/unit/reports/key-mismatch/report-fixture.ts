import type { KeyMismatchReport } from '../../../../src/reconcile/key-mismatch-report.ts';
import { account, id, reconcile, usage } from '../../reconcile/support/reconcile-fixtures.ts';

/** Names and keys that come from outside systems and try to break the outputs. */
export const HOSTILE = {
  formulaName: '=HYPERLINK("http://evil.example","click")',
  scriptName: '<script>alert("x")</script> & Sons',
  atKey: '@SUM(A1)',
  plusKey: '+41 22',
  minusKey: '-2+3',
  spacedFormulaKey: ' =1+1',
  quoteName: "O'Neil \"Best\" Partners",
};

/** A report with a row in every class, some of them hostile. */
export const sampleReport = (): KeyMismatchReport => reconcile(
  [
    account(1, { productKey: 'K1' }), account(2, { productKey: 'k1', name: HOSTILE.scriptName }),
    account(3, { name: HOSTILE.formulaName }),
    account(4, { website: 'acme.com' }), account(5, { website: 'www.acme.com' }),
    account(6, { productKey: 'DUP', name: HOSTILE.quoteName }),
    account(7, { name: 'Stem Corp' }),
    account(8, { isDeleted: true, masterRecordId: id(99), productKey: 'GONE' }),
  ],
  [
    usage('K1', { events: 30 }), usage(HOSTILE.atKey, { events: 500, name: HOSTILE.scriptName, domain: 'gmail.com' }),
    usage(HOSTILE.plusKey, { events: 5 }), usage(HOSTILE.minusKey, { events: 4 }), usage(HOSTILE.spacedFormulaKey, { events: 3 }),
    usage('A1', { domain: 'acme.com' }), usage('DUP'), usage(' dup', { events: 7 }), usage('S1', { name: 'STEM Corporation Inc.', events: 12 }),
    usage('GONE', { events: 2 }),
  ],
  [{ accountKey: 'X1', accountId: id(404), note: '<b>bold</b>', source: 'overrides.csv:2' }],
).report;
