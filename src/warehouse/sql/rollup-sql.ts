import type { EventsMapping, LicensesMapping } from '../../config/usage-config.schema.ts';
import { bindParameters } from './bind-parameters.ts';
import type { BoundSql } from './bind-parameters.ts';
import { licensesCte } from './licenses-sql.ts';
import type { SqlDialect } from './sql-dialect.ts';
import { tableReference } from './sql-dialect.ts';

/** What the generated SQL reads: the mapped events table, optionally the licences table. */
export type UsageTables = {
  events: EventsMapping;
  licenses: LicensesMapping | undefined;
  coreFeatures: readonly string[];
};

const inList = (d: SqlDialect, values: readonly string[]): string => values.map((v) => d.text(v)).join(', ');

/**
 * The `sextant_events` CTE: the mapped columns under our names, each event's UTC day and time.
 * Keys pass through verbatim (no TRIM, no LOWER): reconciliation owns key normalisation.
 * The range is also tested on the event time itself, a day wider on each side than the exact
 * day filter applied later: a predicate on the stored column is one a warehouse can prune
 * partitions, clusters and Parquet row groups with, where the computed UTC day is not (DuckDB
 * read 11M events for each month of a load without it: bench/usage).
 */
export const eventsCte = (d: SqlDialect, events: EventsMapping, extra: readonly string[] = []): string => {
  const c = events.columns;
  const q = d.alias;
  const at = d.timestamp(d.reference(c.occurredAt));
  return [
    `${q('sextant_events')} AS (`,
    '  SELECT',
    `    ${d.reference(c.accountKey)} AS ${q('account_key')},`,
    `    ${d.utcDay(at)} AS ${q('day')},`,
    `    ${at} AS ${q('occurred_at')},`,
    `    ${d.reference(c.userId)} AS ${q('user_id')},`,
    `    ${d.reference(c.eventType)} AS ${q('event_type')},`,
    ...extra.map((line) => `    ${line},`),
    `    ${d.reference(c.feature)} AS ${q('feature')}`,
    `  FROM ${tableReference(d, events.table)}`,
    `  WHERE ${at} >= ${d.dayStart(':from', -1)} AND ${at} < ${d.dayStart(':to', 2)}`,
    ')',
  ].join('\n');
};

/** Inclusive on UTC days; `:from` and `:to` become the dialect's placeholders. */
export const dayFilter = (d: SqlDialect): string => `${d.alias('day')} BETWEEN ${d.date(':from')} AND ${d.date(':to')}`;

/** Rewrites an output column's expression (`column` is its name): see duckdb/rollup-columns-sql.ts. */
export type OutputColumn = (column: string, expr: string) => string;

/**
 * One row per account key per UTC day: distinct active users, logins and the last login time,
 * every event, one `feature_<name>` count per core feature, and the key's seats. Conditional
 * counts are COUNT(CASE … THEN 1 END): every warehouse has it (FILTER and COUNTIF are not
 * universal), and it is a plain 64-bit count where DuckDB widens SUM(CASE … 1 ELSE 0) to a
 * 128-bit integer, slower to add up and to hand over.
 *
 * Counted per user first, then per day: the second GROUP BY counts the users a day has, which
 * is COUNT(DISTINCT user) without the distinct-hash every warehouse builds per group for it
 * (DuckDB: 3.4 → 2.9 CPU-s a month of 3.7M events). A NULL user is one group of the first step
 * and is not counted by COUNT(user_id), as COUNT(DISTINCT) would not count it; its events are.
 */
export const rollupSql = (d: SqlDialect, tables: UsageTables, output?: OutputColumn): BoundSql => {
  const q = d.alias;
  const isLogin = `${q('event_type')} IN (${inList(d, tables.events.loginEventTypes)})`;
  const isFeature = `${q('event_type')} IN (${inList(d, tables.events.featureEventTypes)})`;
  const featureColumns = tables.coreFeatures.map((f) => q(`feature_${f}`));
  const userDays = [
    `${q('sextant_user_days')} AS (`,
    '  SELECT',
    `    ${q('account_key')},`,
    `    ${q('day')},`,
    `    ${q('user_id')},`,
    `    COUNT(CASE WHEN ${isLogin} THEN 1 END) AS ${q('logins')},`,
    `    MAX(CASE WHEN ${isLogin} THEN ${q('occurred_at')} END) AS ${q('last_login_at')},`,
    `    COUNT(*) AS ${q('events')}${featureColumns.length > 0 ? ',' : ''}`,
    tables.coreFeatures.map((f, i) => `    COUNT(CASE WHEN ${isFeature} AND ${q('feature')} = ${d.text(f)} THEN 1 END) AS ${featureColumns[i]}`).join(',\n'),
    `  FROM ${q('sextant_events')}`,
    `  WHERE ${dayFilter(d)}`,
    `  GROUP BY ${q('account_key')}, ${q('day')}, ${q('user_id')}`,
    ')',
  ].filter((line) => line !== '').join('\n');
  // SUM of counts is wider than a count (PostgreSQL: numeric): back to the counts' integer.
  const total = (column: string): string => `${d.sumOfCounts(column)} AS ${column}`;
  const days = [
    `${q('sextant_days')} AS (`,
    '  SELECT',
    `    ${q('account_key')},`,
    `    ${q('day')},`,
    `    COUNT(${q('user_id')}) AS ${q('active_users')},`,
    `    ${total(q('logins'))},`,
    `    MAX(${q('last_login_at')}) AS ${q('last_login_at')},`,
    `    ${total(q('events'))}${featureColumns.length > 0 ? ',' : ''}`,
    featureColumns.map((c) => `    ${total(c)}`).join(',\n'),
    `  FROM ${q('sextant_user_days')}`,
    `  GROUP BY ${q('account_key')}, ${q('day')}`,
    ')',
  ].filter((line) => line !== '').join('\n');
  const ctes = [eventsCte(d, tables.events), userDays, days, ...(tables.licenses === undefined ? [] : [licensesCte(d, tables.licenses)])];
  const columns = ['account_key', 'day', 'active_users', 'logins', 'last_login_at', 'events', ...tables.coreFeatures.map((f) => `feature_${f}`)];
  const seats = tables.licenses === undefined ? d.nullInteger : `${q('l')}.${q('licenses')}`;
  const sql = [
    `WITH ${ctes.join(',\n')}`,
    'SELECT',
    ...columns.map((column) => `  ${output === undefined ? `${q('r')}.${q(column)}` : `${output(column, `${q('r')}.${q(column)}`)} AS ${q(column)}`},`),
    `  ${output === undefined ? seats : output('licenses', seats)} AS ${q('licenses')}`,
    `FROM ${q('sextant_days')} ${q('r')}`,
    ...(tables.licenses === undefined ? [] : [`LEFT JOIN ${q('sextant_licenses')} ${q('l')} ON ${q('l')}.${q('account_key')} = ${q('r')}.${q('account_key')}`]),
    `ORDER BY ${q('r')}.${q('account_key')}, ${q('r')}.${q('day')}`,
  ].join('\n');
  return bindParameters(sql, d);
};
