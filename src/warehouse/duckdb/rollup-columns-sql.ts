import type { BoundSql } from '../sql/bind-parameters.ts';
import { rollupSql, type UsageTables } from '../sql/rollup-sql.ts';
import { SQL_DIALECTS } from '../sql/sql-dialect.ts';

/**
 * The generated rollup SQL for DuckDB with every column but the key as a DOUBLE: days as days
 * since 1970-01-01, the last login as milliseconds since the epoch (floored, as the row reader
 * floors microseconds), counts as they are (exact up to 2^53). A DOUBLE reaches JavaScript as a
 * number, where BIGINT, DATE and TIMESTAMPTZ values arrive as a bigint or an object each: 40M of
 * them over a 100k-account load (bench/usage).
 */
export const rollupColumnsSql = (tables: UsageTables): BoundSql =>
  rollupSql(SQL_DIALECTS.duckdb, tables, (column, expr) => {
    if (column === 'account_key') return expr;
    if (column === 'day') return `CAST(${expr} - DATE '1970-01-01' AS DOUBLE)`;
    if (column === 'last_login_at') return `CAST(floor(epoch_us(${expr}) / 1000) AS DOUBLE)`;
    return `CAST(${expr} AS DOUBLE)`;
  });
