import type { RawUsageRow } from '../pipeline/usage-source.port.ts';

/**
 * Column names are matched case-insensitively: Snowflake upper-cases an unquoted alias in the
 * user's SQL (`AS account_key` comes back as ACCOUNT_KEY), and the canonical names are lower
 * case. Returns how to rename a row, or null when every name already is canonical (the usual
 * case, which then costs nothing per row).
 */
export const canonicalNames = (names: readonly string[]): ((row: RawUsageRow) => RawUsageRow) | null => {
  if (names.every((name) => name === name.toLowerCase())) return null;
  const pairs = names.map((name) => [name, name.toLowerCase()] as const);
  return (row) => Object.fromEntries(pairs.map(([from, to]) => [to, row[from]]));
};

/** Regroups driver-sized chunks (DuckDB's are 2,048 rows) into pages of `size` rows. */
export async function* repage<T>(chunks: AsyncIterable<readonly T[]>, size: number): AsyncGenerator<T[], void, undefined> {
  let page: T[] = [];
  for await (const chunk of chunks) {
    for (const row of chunk) {
      page.push(row);
      if (page.length === size) {
        yield page;
        page = [];
      }
    }
  }
  if (page.length > 0) yield page;
}
