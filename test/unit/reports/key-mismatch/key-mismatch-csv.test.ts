import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { MISMATCH_CLASSES } from '../../../../src/reconcile/key-mismatch-report.ts';
import { CSV_COLUMNS, guardCell, renderKeyMismatchCsv } from '../../../../src/reports/key-mismatch/key-mismatch-csv.ts';
import { HOSTILE, sampleReport } from './report-fixture.ts';

const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

describe('key-mismatch CSV', () => {
  const CELLS: [string, string][] = [
    ['=1+1', "'=1+1"], ['+41 22', "'+41 22"], ['-2+3', "'-2+3"], ['@SUM(A1)', "'@SUM(A1)"], [' =1+1', "' =1+1"], ['\tx', "'\tx"],
    ['Acme', 'Acme'], ['a=b', 'a=b'], ['', ''],
  ];
  for (const [input, expected] of CELLS) {
    it(`guards ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => expect(guardCell(input)).to.equal(expected));
  }

  it('starts with a UTF-8 BOM and the header, and ends rows with CRLF', () => {
    const csv = renderKeyMismatchCsv(sampleReport());
    expect(csv.startsWith('\uFEFF"class","account_key","account_id","account_name","arr","usage_events","last_active_day","detail","suggested_fix"\r\n')).to.equal(true);
    expect(csv.replace(/\r\n/g, '')).to.not.contain('\n"');
  });

  it('has one row per problem, classes in display order, worst first', () => {
    const report = sampleReport();
    const rows = rowsOf(renderKeyMismatchCsv(report));
    expect(Object.keys(rows[0] ?? {})).to.deep.equal([...CSV_COLUMNS]);
    const expected = MISMATCH_CLASSES.flatMap((c) => report.classes[c].rows.map(() => c));
    expect(rows.map((r) => r.class)).to.deep.equal(expected);
    const unmatched = rows.filter((r) => r.class === 'unmatched-usage-key').map((r) => Number(r.usage_events));
    expect(unmatched).to.deep.equal([...unmatched].sort((a, b) => b - a));
  });

  it('guards every text cell that Excel would run as a formula', () => {
    const rows = rowsOf(renderKeyMismatchCsv(sampleReport()));
    const cells = rows.flatMap((r) => Object.values(r));
    for (const dangerous of [HOSTILE.atKey, HOSTILE.plusKey, HOSTILE.minusKey, HOSTILE.spacedFormulaKey]) {
      expect(cells, dangerous).to.include(`'${dangerous}`);
      expect(cells, dangerous).to.not.include(dangerous);
    }
    expect(rows.find((r) => r.class === 'customer-without-usage' && r.account_name?.includes('HYPERLINK'))?.account_name).to.equal(`'${HOSTILE.formulaName}`);
    for (const cell of cells) expect(cell, cell).to.not.match(/^\s*[=+\-@]/);
  });

  it('keeps the spaces of keys, numbers as numbers', () => {
    const csv = renderKeyMismatchCsv(sampleReport());
    const dup = rowsOf(csv).find((r) => r.class === 'duplicate-keys');
    expect(dup?.account_key).to.equal('DUP;  dup');
    expect(csv).to.match(/,6000,/);
  });
});
