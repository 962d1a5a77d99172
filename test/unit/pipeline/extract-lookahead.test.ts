import { expect } from 'chai';
import type { CallMeter, CrmSource, ExtractPage, ExtractRequest } from '../../../src/pipeline/crm-source.port.ts';
import { ExtractLookahead } from '../../../src/pipeline/sync/extract-lookahead.ts';

const WINDOW = { from: null, to: '2026-11-25T12:00:00.000Z', after: null };

/** Page `n` of `total`: the checkpoint keeps the window until the last page. */
const page = (sobject: string, n: number, total: number): ExtractPage => ({
  rows: [{ Id: `${sobject}-${n}` }], table: null, source: 'rest', window: WINDOW,
  checkpoint: { windows: n < total ? [WINDOW] : [], rowsDone: n, bulk: null },
});

const request = (sobject: string): ExtractRequest => ({ sobject, fields: [], window: WINDOW, resume: null, mode: 'rest' });

/** A source whose extracts log what happens, spend one call a page, and can fail on demand. */
const fakeSource = (pagesOf: Record<string, number>, failing: ReadonlySet<string> = new Set()) => {
  const log: string[] = [];
  const source = {
    extract(req: ExtractRequest, meter?: CallMeter): AsyncIterable<ExtractPage> {
      log.push(`start ${req.sobject}`);
      return (async function* () {
        try {
          for (let n = 1; n <= (pagesOf[req.sobject] ?? 0); n++) {
            if (meter) meter.calls++;
            await Promise.resolve();
            if (failing.has(req.sobject)) throw new Error(`${req.sobject} failed`);
            log.push(`fetched ${req.sobject} ${n}`);
            yield page(req.sobject, n, pagesOf[req.sobject] ?? 0);
          }
        } finally {
          log.push(`ended ${req.sobject}`);
        }
      })();
    },
  } as unknown as CrmSource;
  return { source, log };
};

const drain = async (pages: AsyncIterable<ExtractPage>, log: string[]): Promise<void> => {
  for await (const p of pages) log.push(`stored ${String(p.rows[0]?.Id)}`);
};

describe('sync: the next object is asked for while the last page of the one before is stored', () => {
  it('starts an object when the previous one hands over its last page, not before', async () => {
    const { source, log } = fakeSource({ A: 2, B: 1 });
    const meters = [{ calls: 0 }, { calls: 0 }];
    const lookahead = new ExtractLookahead(source, [request('A'), request('B')], meters);
    await drain(lookahead.pages(0), log);
    expect(log.indexOf('start B')).to.be.greaterThan(log.indexOf('fetched A 2'));
    expect(log.indexOf('start B')).to.be.lessThan(log.indexOf('stored A-2'));
    await drain(lookahead.pages(1), log);
    expect(log.filter((l) => l === 'start B')).to.have.length(1);
    expect(log.at(-1)).to.equal('ended B');
    // Each object's calls land on its own meter, whenever they were made.
    expect(meters.map((m) => m.calls)).to.deep.equal([2, 1]);
  });

  it('reports a failed first page when its object is read, not while the one before is', async () => {
    const { source, log } = fakeSource({ A: 1, B: 1 }, new Set(['B']));
    const lookahead = new ExtractLookahead(source, [request('A'), request('B')], [{ calls: 0 }, { calls: 0 }]);
    await drain(lookahead.pages(0), log);
    expect(log).to.include('start B');
    let error: unknown;
    try {
      await drain(lookahead.pages(1), log);
    } catch (err) {
      error = err;
    }
    expect((error as Error).message).to.equal('B failed');
  });

  it('close() ends an extract started ahead that will not be read', async () => {
    const { source, log } = fakeSource({ A: 1, B: 3 });
    const lookahead = new ExtractLookahead(source, [request('A'), request('B')], [{ calls: 0 }, { calls: 0 }]);
    await drain(lookahead.pages(0), log);
    await lookahead.close();
    expect(log).to.include('ended B');
    expect(log).not.to.include('fetched B 2');
  });

  it('ends the extract when the reader stops early', async () => {
    const { source, log } = fakeSource({ A: 3 });
    const lookahead = new ExtractLookahead(source, [request('A')], [{ calls: 0 }]);
    for await (const p of lookahead.pages(0)) {
      log.push(`stored ${String(p.rows[0]?.Id)}`);
      break;
    }
    expect(log).to.include('ended A');
    expect(log).not.to.include('fetched A 2');
  });
});
