import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression } from 'kysely';
import type { StoreDialect } from '../store.ts';

/**
 * The few column definitions the two dialects spell differently. Migrations use these so one
 * migration set serves both, and the stored values compare the same way in both.
 */

/**
 * Ids and instants compared or ordered by the store (the sync cursor's (SystemModstamp, Id), the
 * id-ordered sweeps). SQLite compares text bytewise; PostgreSQL uses the database's collation,
 * which under e.g. en_US ignores case and punctuation at first level, so 18-char ids (mixed case)
 * would sort differently. "C" makes PostgreSQL compare bytewise too.
 */
export const keyText = (dialect: StoreDialect): ColumnDataType | Expression<unknown> =>
  dialect === 'postgres' ? sql`text collate "C"` : 'text';

/** An integer key assigned on insert, in insertion order. */
export const serialKey = (dialect: StoreDialect) => (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
  // SQLite: an `integer primary key` is the rowid itself, assigned on insert without a sequence table.
  dialect === 'postgres' ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey();
