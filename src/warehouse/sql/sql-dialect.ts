/**
 * What differs between the warehouses' SQL, and nothing else: quoting, literals, timestamp and
 * day expressions, placeholders. The generators (rollup-sql, accounts-sql) write portable SQL
 * around these. Days are always UTC days: each dialect converts explicitly rather than relying
 * on a session time zone it does not control.
 */
export type SqlDialectName = 'duckdb' | 'postgres' | 'snowflake' | 'bigquery';

/** How a dialect marks a bound parameter: `$1` (DuckDB, PostgreSQL), `?` (Snowflake), `@from` (BigQuery). */
export type PlaceholderStyle = 'numbered' | 'question' | 'named';

export type SqlDialect = {
  readonly name: SqlDialectName;
  readonly placeholders: PlaceholderStyle;
  /** Whether a backslash escapes the next character inside '…' (it does in Snowflake and BigQuery). */
  readonly backslashEscapes: boolean;
  /** A user-configured table or column name, so spaces, odd characters and reserved words are safe. */
  reference(name: string): string;
  /** An output column name of ours: quoted so the warehouse keeps it lower-case. */
  alias(name: string): string;
  text(value: string): string;
  /** A column or string as an absolute timestamp. */
  timestamp(expr: string): string;
  /** The UTC calendar day of a timestamp expression. */
  utcDay(timestampExpr: string): string;
  date(expr: string): string;
  /**
   * Midnight of a day `offsetDays` after the day `expr`, as an absolute timestamp comparable to
   * `timestamp(...)`, in the session's zone: only ever used with a day of margin on each side,
   * which covers every zone offset, so the session's zone cannot drop an event.
   */
  dayStart(expr: string, offsetDays: number): string;
  integer(expr: string): string;
  /** The sum of a column of counts, as a 64-bit integer. */
  sumOfCounts(expr: string): string;
  /** Typed NULLs: BigQuery types a bare NULL as INT64, and a UNION or CASE needs the right one. */
  readonly nullText: string;
  readonly nullInteger: string;
  /** The part after the '@' of an email ('' or NULL when there is none). */
  emailDomain(expr: string): string;
};

/** '+ 2', '- 1': day arithmetic as one writes it. */
const signed = (n: number): string => (n < 0 ? `- ${-n}` : `+ ${n}`);
const doubleQuoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const standardText = (value: string): string => `'${value.replaceAll("'", "''")}'`;
const backslashText = (value: string): string => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** Unquoted Snowflake names resolve upper-cased; a simple name is quoted upper-cased to match that. */
const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

const duckdb: SqlDialect = {
  name: 'duckdb',
  placeholders: 'numbered',
  backslashEscapes: false,
  reference: doubleQuoted,
  alias: doubleQuoted,
  text: standardText,
  timestamp: (expr) => `CAST(${expr} AS TIMESTAMPTZ)`,
  // Days since the epoch from the instant's microseconds: the UTC day whatever the session's
  // TimeZone is, in integer arithmetic. timezone('UTC', ts) gave the same days through ICU's
  // calendar, a third of DuckDB's time over 11M events (bench/usage: 6.3 → 4.1 CPU-s a month).
  // floor, not `//`: an instant before 1970 belongs to the day before the truncated one.
  utcDay: (ts) => `(DATE '1970-01-01' + CAST(floor(epoch_us(${ts}) / 86400000000) AS INTEGER))`,
  date: (expr) => `CAST(${expr} AS DATE)`,
  dayStart: (expr, n) => `CAST(CAST(${expr} AS DATE) ${signed(n)} AS TIMESTAMPTZ)`,
  integer: (expr) => `CAST(${expr} AS BIGINT)`,
  // DuckDB sums BIGINTs into a 128-bit HUGEINT, whose per-group state was ~3% of a usage load's
  // CPU (bench/usage, perf); a DOUBLE sum is exact below 2^53, far past any day's count.
  sumOfCounts: (expr) => `CAST(sum(CAST(${expr} AS DOUBLE)) AS BIGINT)`,
  nullText: 'CAST(NULL AS VARCHAR)',
  nullInteger: 'CAST(NULL AS BIGINT)',
  emailDomain: (expr) => `split_part(${expr}, '@', 2)`,
};

const postgres: SqlDialect = {
  name: 'postgres',
  placeholders: 'numbered',
  backslashEscapes: false,
  reference: doubleQuoted,
  alias: doubleQuoted,
  text: standardText,
  timestamp: (expr) => `CAST(${expr} AS TIMESTAMPTZ)`,
  utcDay: (ts) => `CAST((${ts} AT TIME ZONE 'UTC') AS DATE)`,
  date: (expr) => `CAST(${expr} AS DATE)`,
  dayStart: (expr, n) => `CAST(CAST(${expr} AS DATE) ${signed(n)} AS TIMESTAMPTZ)`,
  integer: (expr) => `CAST(${expr} AS BIGINT)`,
  sumOfCounts: (expr) => `CAST(SUM(${expr}) AS BIGINT)`,
  nullText: 'CAST(NULL AS VARCHAR)',
  nullInteger: 'CAST(NULL AS BIGINT)',
  // split_part rather than a regex: Redshift has it too.
  emailDomain: (expr) => `split_part(${expr}, '@', 2)`,
};

const snowflake: SqlDialect = {
  name: 'snowflake',
  placeholders: 'question',
  backslashEscapes: true,
  reference: (name) => doubleQuoted(SIMPLE_NAME.test(name) ? name.toUpperCase() : name),
  alias: doubleQuoted,
  text: backslashText,
  timestamp: (expr) => `TO_TIMESTAMP_TZ(${expr})`,
  utcDay: (ts) => `CAST(CONVERT_TIMEZONE('UTC', ${ts}) AS DATE)`,
  date: (expr) => `CAST(${expr} AS DATE)`,
  dayStart: (expr, n) => `TO_TIMESTAMP_TZ(DATEADD(day, ${n}, CAST(${expr} AS DATE)))`,
  integer: (expr) => `CAST(${expr} AS BIGINT)`,
  sumOfCounts: (expr) => `CAST(SUM(${expr}) AS BIGINT)`,
  nullText: 'CAST(NULL AS VARCHAR)',
  nullInteger: 'CAST(NULL AS BIGINT)',
  emailDomain: (expr) => `SPLIT_PART(${expr}, '@', 2)`,
};

const bigquery: SqlDialect = {
  name: 'bigquery',
  placeholders: 'named',
  backslashEscapes: true,
  reference: (name) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``,
  alias: (name) => `\`${name}\``,
  text: backslashText,
  timestamp: (expr) => `CAST(${expr} AS TIMESTAMP)`,
  utcDay: (ts) => `DATE(${ts}, 'UTC')`,
  date: (expr) => `CAST(${expr} AS DATE)`,
  dayStart: (expr, n) => `TIMESTAMP(DATE_ADD(CAST(${expr} AS DATE), INTERVAL ${n} DAY))`,
  integer: (expr) => `CAST(${expr} AS INT64)`,
  sumOfCounts: (expr) => `CAST(SUM(${expr}) AS INT64)`,
  nullText: 'CAST(NULL AS STRING)',
  nullInteger: 'CAST(NULL AS INT64)',
  emailDomain: (expr) => `SPLIT(${expr}, '@')[SAFE_OFFSET(1)]`,
};

export const SQL_DIALECTS: { readonly [N in SqlDialectName]: SqlDialect } = { duckdb, postgres, snowflake, bigquery };

/** A possibly qualified table name ('analytics.events'), each part quoted on its own. */
export const tableReference = (dialect: SqlDialect, table: string): string =>
  table.split('.').map((part) => dialect.reference(part)).join('.');
