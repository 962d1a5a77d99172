import type { RawUsageRow } from '../../../src/pipeline/usage-source.port.ts';

/** Reads every page of a usage query, keeping the page boundaries. */
export const drain = async (pages: AsyncIterable<readonly RawUsageRow[]>): Promise<RawUsageRow[][]> => {
  const out: RawUsageRow[][] = [];
  for await (const page of pages) out.push([...page]);
  return out;
};
