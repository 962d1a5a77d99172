import type { ColumnType } from 'kysely';

/**
 * Column types both dialects share. SQLite has no boolean or JSON type: it hands booleans back
 * as 0/1 and JSON as text, so rows are typed as the databases return them and the repositories
 * turn them into domain values. Instants are ISO-8601 UTC text and dates 'YYYY-MM-DD' text in
 * both dialects, so comparisons (the sync cursor) are plain string order everywhere.
 */
export type SqlBoolean = ColumnType<boolean | 0 | 1, boolean, boolean>;
export type NullableSqlBoolean = ColumnType<boolean | 0 | 1 | null, boolean | null, boolean | null>;
/** JSON serialized by the repositories (not jsonb: it would reorder keys, and SQLite has none). */
export type JsonText = string;
export type InstantText = string;
