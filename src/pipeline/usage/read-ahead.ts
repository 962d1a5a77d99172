/**
 * Reads several paged queries one after the other, starting the next one's first page as soon as
 * the current one delivers its first. A warehouse computes a whole aggregate before it returns
 * the first row; started ahead, the next month's aggregation runs on the warehouse's threads
 * (DuckDB's, a server's) while this process validates and stores the current month's rows.
 * At most two queries are open at once. Ending early (a throw, a `break`) closes both.
 */
export async function* readAhead<T>(queries: readonly (() => AsyncIterable<T>)[]): AsyncGenerator<{ query: number; page: T }, void, undefined> {
  type Started = { iterator: AsyncIterator<T>; first: Promise<IteratorResult<T>> };
  const start = (index: number): Started | null => {
    const open = queries[index];
    if (open === undefined) return null;
    const iterator = open()[Symbol.asyncIterator]();
    const first = iterator.next();
    // Awaited later; until then a failure must not count as an unhandled rejection.
    first.catch(() => {});
    return { iterator, first };
  };
  let current = start(0);
  let next: Started | null = null;
  try {
    for (let index = 0; current !== null; index++) {
      let result = await current.first;
      next = start(index + 1);
      while (result.done !== true) {
        yield { query: index, page: result.value };
        result = await current.iterator.next();
      }
      current = next;
      next = null;
    }
  } finally {
    // Closing an iterator whose first page is still pending waits for that page, then closes.
    for (const open of [current, next]) {
      if (open === null) continue;
      await open.first.catch(() => {});
      await open.iterator.return?.().catch(() => {});
    }
  }
}
