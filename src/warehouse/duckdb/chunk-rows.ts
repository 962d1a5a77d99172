import { DuckDBTypeId, JSDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBDateValue, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBVector } from '@duckdb/node-api';
import { isoDayText } from '../../domain/utc-calendar.ts';
import { formatUtcInstant } from '../../domain/utc-instant.ts';
import type { RawUsageRow } from '../../pipeline/usage-source.port.ts';

/**
 * DuckDB result chunks as plain row objects, read column by column. The API's own
 * `yieldRowObjectJs` converts every value through a generic converter and builds each row from a
 * list of entries: ~21 s of a 72 s load of 5.1M rollup rows (bench/usage). The types usage SQL
 * returns (text, whole numbers, days, instants) are read here straight off their vectors; any
 * other type (a user's SQL may return DECIMAL or DOUBLE) goes through DuckDB's JS converter, as
 * before. Values come out in forms the row parsers read: days as 'YYYY-MM-DD', instants as
 * ISO-8601 UTC text (a naive TIMESTAMP is UTC, as everywhere in Sextant), counts as numbers (a
 * bigint beyond 2^53, for `readInteger` to refuse).
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const wholeNumber = (n: bigint): number | bigint => (n <= MAX_SAFE && n >= MIN_SAFE ? Number(n) : n);

type ColumnRead = (vector: DuckDBVector, count: number) => unknown[];

const values = <T>(vector: DuckDBVector, count: number, convert: (value: T) => unknown): unknown[] => {
  const out = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    const v = vector.getItem(i) as T | null;
    out[i] = v === null ? null : convert(v);
  }
  return out;
};

const asIs = (v: unknown): unknown => v;
const SAFE_MICROS = BigInt(Number.MAX_SAFE_INTEGER);
/** ISO-8601 UTC to the millisecond (as toISOString would write it, without a Date each). */
const microsToInstant = (v: DuckDBTimestampTZValue | DuckDBTimestampValue): string => {
  const micros = v.micros;
  const ms = micros <= SAFE_MICROS && micros >= -SAFE_MICROS ? Math.floor(Number(micros) / 1000) : Number(micros / 1000n);
  return formatUtcInstant(ms);
};

const READERS: Partial<Record<DuckDBTypeId, ColumnRead>> = {
  [DuckDBTypeId.VARCHAR]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.BOOLEAN]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.TINYINT]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.SMALLINT]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.INTEGER]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.UTINYINT]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.USMALLINT]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.UINTEGER]: (vector, count) => values(vector, count, asIs),
  [DuckDBTypeId.BIGINT]: (vector, count) => values(vector, count, wholeNumber),
  [DuckDBTypeId.UBIGINT]: (vector, count) => values(vector, count, wholeNumber),
  [DuckDBTypeId.DATE]: (vector, count) => values<DuckDBDateValue>(vector, count, (v) => isoDayText(v.days)),
  [DuckDBTypeId.TIMESTAMP_TZ]: (vector, count) => values(vector, count, microsToInstant),
  [DuckDBTypeId.TIMESTAMP]: (vector, count) => values(vector, count, microsToInstant),
};

/** Column `c` of the chunk, its values in the forms described above. */
export const columnValues = (chunk: DuckDBDataChunk, c: number): unknown[] => {
  const vector = chunk.getColumnVector(c);
  const read = READERS[vector.type.typeId];
  return read === undefined ? chunk.convertColumnValues(c, JSDuckDBValueConverter) : read(vector, chunk.rowCount);
};

/** The chunk's rows as objects keyed by `names` (one per column, in order). */
export const chunkRows = (chunk: DuckDBDataChunk, names: readonly string[]): RawUsageRow[] => {
  const count = chunk.rowCount;
  const columns: unknown[][] = [];
  for (let c = 0; c < chunk.columnCount; c++) columns.push(columnValues(chunk, c));
  const rows = new Array<RawUsageRow>(count);
  for (let i = 0; i < count; i++) {
    const row: RawUsageRow = {};
    for (let c = 0; c < columns.length; c++) row[names[c]!] = columns[c]![i];
    rows[i] = row;
  }
  return rows;
};
