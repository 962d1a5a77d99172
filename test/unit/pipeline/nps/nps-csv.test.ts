import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { readNpsCsv, type NpsCsvRow } from '../../../../src/pipeline/nps/nps-csv.ts';

const HEADER = 'response_id,contact_id,email,score,comment,responded_at\n';

describe('readNpsCsv', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-nps-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  const file = (text: string): string => {
    const f = path.join(dir, `f${n++}.csv`);
    writeFileSync(f, text);
    return f;
  };
  const rows = async (f: string, pageSize?: number): Promise<NpsCsvRow[][]> => {
    const pages: NpsCsvRow[][] = [];
    for await (const page of readNpsCsv(f, pageSize)) pages.push(page);
    return pages;
  };
  const codeOf = async (f: string): Promise<string | undefined> => {
    try {
      await rows(f);
    } catch (err) {
      return (err as { code?: string }).code;
    }
    return undefined;
  };

  it('reads rows by column name in pages, with the line each ends on', async () => {
    const f = file(`${HEADER}NPS-1,,a@x.com,9,,2026-02-03T16:01:54Z\nNPS-2,,b@x.com,3,"Slow,\nvery ""slow""",2026-02-04T10:00:00Z\nNPS-3,,c@x.com,7,,2026-02-05T10:00:00Z\n`);
    const pages = await rows(f, 2);
    expect(pages.map((p) => p.length)).to.deep.equal([2, 1]);
    expect(pages[0]![1]).to.deep.equal({
      line: 4, malformed: null,
      raw: { response_id: 'NPS-2', contact_id: '', email: 'b@x.com', score: '3', comment: 'Slow,\nvery "slow"', responded_at: '2026-02-04T10:00:00Z' },
    });
    expect(pages[1]![0]!.line).to.equal(5);
  });

  it('takes header names in any case, order and padding, with a BOM, ignoring unknown columns', async () => {
    const f = file('\uFEFF Responded_At ,EMAIL,Score,Survey\r\n2026-02-03,a@x.com,10,Q1\r\n\r\n');
    expect((await rows(f)).flat()).to.deep.equal([{ line: 2, malformed: null, raw: { responded_at: '2026-02-03', email: 'a@x.com', score: '10', survey: 'Q1' } }]);
  });

  it('reports a row with too few or too many fields instead of failing the file', async () => {
    const f = file(`${HEADER}NPS-1,,a@x.com,9\nNPS-2,,b@x.com,9,,2026-02-03,extra\nNPS-3,,c@x.com,9,,2026-02-03\n`);
    const all = (await rows(f)).flat();
    expect(all.map((r) => r.malformed)).to.deep.equal(['4 fields where the header has 6', '7 fields where the header has 6', null]);
  });

  it('takes a quote inside an unquoted field literally', async () => {
    const f = file(`${HEADER}NPS-1,,a@x.com,9,Our 27" screens love it,2026-02-03\n`);
    expect((await rows(f)).flat()[0]!.raw.comment).to.equal('Our 27" screens love it');
  });

  const failures: Array<[string, string, string]> = [
    ['a header without score', 'contact_id,email,comment,responded_at\n', 'NPS_FILE_INVALID'],
    ['a header without contact_id and email', 'response_id,score,responded_at\n', 'NPS_FILE_INVALID'],
    ['a column named twice', 'email,score,score,responded_at\n', 'NPS_FILE_INVALID'],
    ['an empty file', '', 'NPS_FILE_INVALID'],
    ['a quote never closed', `${HEADER}NPS-1,,a@x.com,9,"Great,2026-02-03\nNPS-2,,b@x.com,9,,2026-02-03\n`, 'NPS_FILE_INVALID'],
  ];
  for (const [label, text, code] of failures) {
    it(`fails the file on ${label} with ${code}`, async () => {
      expect(await codeOf(file(text))).to.equal(code);
    });
  }

  it('fails a missing file with NPS_FILE_UNREADABLE', async () => {
    expect(await codeOf(path.join(dir, 'missing.csv'))).to.equal('NPS_FILE_UNREADABLE');
  });
});
