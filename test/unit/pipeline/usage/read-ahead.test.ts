import { expect } from 'chai';
import { readAhead } from '../../../../src/pipeline/usage/read-ahead.ts';

type Log = string[];

/** A paged query that records when it starts, pages and closes. */
const query = (log: Log, name: string, pages: number, failAt?: number) => async function* (): AsyncGenerator<string> {
  log.push(`${name} start`);
  try {
    for (let p = 0; p < pages; p++) {
      await Promise.resolve();
      if (p === failAt) throw new Error(`${name} failed`);
      yield `${name}${p}`;
    }
  } finally {
    log.push(`${name} closed`);
  }
};

describe('usage load: reading the next query ahead', () => {
  it('yields every page in query order, starting the next query once the current one has delivered', async () => {
    const log: Log = [];
    const seen: string[] = [];
    for await (const { query: q, page } of readAhead([query(log, 'a', 2), query(log, 'b', 0), query(log, 'c', 1)])) {
      seen.push(`${q}:${page}`);
      log.push(`got ${page}`);
    }
    expect(seen).to.deep.equal(['0:a0', '0:a1', '2:c0']);
    // b starts (and, empty, ends) before a's first page is handed on; c once a is done.
    expect(log).to.deep.equal(['a start', 'b start', 'b closed', 'got a0', 'got a1', 'a closed', 'c start', 'got c0', 'c closed']);
  });

  it('closes the current and the read-ahead query when the consumer stops early', async () => {
    const log: Log = [];
    for await (const { page } of readAhead([query(log, 'a', 3), query(log, 'b', 3)])) {
      if (page === 'a1') break;
    }
    expect(log).to.include.members(['a start', 'b start', 'a closed', 'b closed']);
  });

  it('rethrows a failure of the read-ahead query when it is reached, after the current query\'s pages', async () => {
    const log: Log = [];
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const { page } of readAhead([query(log, 'a', 2), query(log, 'b', 2, 0)])) seen.push(page);
    } catch (err) {
      error = err;
    }
    expect(seen).to.deep.equal(['a0', 'a1']);
    expect((error as Error).message).to.equal('b failed');
  });
});
