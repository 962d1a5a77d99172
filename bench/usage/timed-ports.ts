/**
 * Where a usage load's time goes, without touching src/: the source and the store wrapped so the
 * time spent inside each is summed. Per-page bookkeeping only (a few hundred calls per load),
 * so the wrappers cost nothing measurable.
 */
import type { UsageSource } from '../../src/pipeline/usage-source.port.ts';
import type { Store } from '../../src/store/store.ts';

export type SourceTimes = {
  /** Inside the rollup query's iterator: DuckDB's scan and aggregation, conversion to JS rows, repaging. */
  rollupsSeconds: number;
  /** Until the rollup query's first page: the aggregation before any row streams (GROUP BY + ORDER BY). */
  rollupsFirstPageSeconds: number;
  accountsSeconds: number;
};

const timedPages = <P>(pages: AsyncIterable<P>, add: (seconds: number, first: boolean) => void): AsyncIterable<P> => ({
  [Symbol.asyncIterator]() {
    const inner = pages[Symbol.asyncIterator]();
    let first = true;
    return {
      async next() {
        const started = performance.now();
        try {
          return await inner.next();
        } finally {
          add((performance.now() - started) / 1000, first);
          first = false;
        }
      },
      async return(value?: unknown) {
        return (await inner.return?.(value)) ?? { done: true, value: undefined };
      },
    };
  },
});

export const timedSource = (source: UsageSource): { source: UsageSource; times: SourceTimes } => {
  const times: SourceTimes = { rollupsSeconds: 0, rollupsFirstPageSeconds: 0, accountsSeconds: 0 };
  const rollups = (s: number, first: boolean): void => {
    times.rollupsSeconds += s;
    if (first) times.rollupsFirstPageSeconds = s;
  };
  const wrapped: UsageSource = {
    kind: source.kind,
    dailyRollups: (range) => timedPages(source.dailyRollups(range), rollups),
    // Columns when the source gives them (DuckDB over Sextant's SQL), as the load asks.
    dailyRollupColumns: (range) => {
      const pages = source.dailyRollupColumns?.(range);
      return pages === undefined ? undefined : timedPages(pages, rollups);
    },
    usageAccounts: (range) => timedPages(source.usageAccounts(range), (s) => { times.accountsSeconds += s; }),
    close: () => source.close(),
  };
  return { source: wrapped, times };
};

export type StoreTimes = { transactionSeconds: number; transactions: number; refreshVolumesSeconds: number };

/** The store with its transactions (each page's quarantine + upsert) and the volume refresh timed. */
export const timedStore = (store: Store): { store: Store; times: StoreTimes } => {
  const times: StoreTimes = { transactionSeconds: 0, transactions: 0, refreshVolumesSeconds: 0 };
  const timing = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, add: (seconds: number) => void) => async (...args: A): Promise<R> => {
    const started = performance.now();
    try {
      return await fn(...args);
    } finally {
      add((performance.now() - started) / 1000);
    }
  };
  const transaction = timing(store.transaction.bind(store), (s) => { times.transactionSeconds += s; times.transactions++; });
  const refreshUsageVolumes = timing(store.refreshUsageVolumes.bind(store), (s) => { times.refreshVolumesSeconds += s; });
  const wrapped = new Proxy(store, {
    get(target, property) {
      if (property === 'transaction') return transaction;
      if (property === 'refreshUsageVolumes') return refreshUsageVolumes;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: wrapped, times };
};
