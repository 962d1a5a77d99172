import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { isoDayText } from '../../domain/utc-calendar.ts';
import { formatUtcInstant } from '../../domain/utc-instant.ts';
import type { RawUsageRow, RollupColumns } from '../../pipeline/usage-source.port.ts';
import { warehouseError } from '../warehouse-errors.ts';
import { columnValues } from './chunk-rows.ts';

const FEATURE = 'feature_';
const NUMBER_COLUMNS = ['day', 'active_users', 'logins', 'last_login_at', 'events', 'licenses'] as const;

/** A DOUBLE column as a Float64Array, NULL as NaN. */
const doubles = (chunk: DuckDBDataChunk, c: number, name: string): Float64Array => {
  const vector = chunk.getColumnVector(c);
  if (vector.type.typeId !== DuckDBTypeId.DOUBLE) {
    throw warehouseError('WAREHOUSE_QUERY_FAILED', 'fatal', `DuckDB returned ${name} as ${vector.type.toString()}, where the rollup columns query makes it a DOUBLE`);
  }
  const out = new Float64Array(chunk.rowCount);
  for (let i = 0; i < out.length; i++) {
    const v = vector.getItem(i) as number | null;
    out[i] = v === null ? Number.NaN : v;
  }
  return out;
};

const numberOrNull = (n: number): number | null => (Number.isNaN(n) ? null : n);

/**
 * A chunk of rollup-columns-sql.ts's result as RollupColumns. `row(i)` rebuilds the row as
 * chunk-rows.ts reads the plain rollup query's: the key as read there, days as 'YYYY-MM-DD',
 * instants as ISO-8601 UTC, counts as numbers, NULL as null.
 */
export const chunkColumns = (chunk: DuckDBDataChunk, names: readonly string[]): RollupColumns => {
  const at = (name: string): number => {
    const c = names.indexOf(name);
    if (c < 0) throw warehouseError('WAREHOUSE_QUERY_FAILED', 'fatal', `the rollup columns query returned no ${name} column`);
    return c;
  };
  const accountKey = columnValues(chunk, at('account_key'));
  const [day, activeUsers, logins, lastLoginMs, events, licenses] = NUMBER_COLUMNS.map((name) => doubles(chunk, at(name), name)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const features = new Map<string, Float64Array>();
  names.forEach((name, c) => {
    if (name.startsWith(FEATURE)) features.set(name.slice(FEATURE.length), doubles(chunk, c, name));
  });
  return {
    length: chunk.rowCount, accountKey, day, activeUsers, logins, lastLoginMs, events, licenses, features,
    row: (i: number): RawUsageRow => {
      const row: RawUsageRow = {
        account_key: accountKey[i], day: Number.isNaN(day[i]) ? null : isoDayText(day[i]!), active_users: numberOrNull(activeUsers[i]!), logins: numberOrNull(logins[i]!),
        last_login_at: Number.isNaN(lastLoginMs[i]) ? null : formatUtcInstant(lastLoginMs[i]!), events: numberOrNull(events[i]!),
      };
      for (const [name, counts] of features) row[`${FEATURE}${name}`] = numberOrNull(counts[i]!);
      row.licenses = numberOrNull(licenses[i]!);
      return row;
    },
  };
};
