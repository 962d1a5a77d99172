import { bindParameters } from './bind-parameters.ts';
import type { BoundSql } from './bind-parameters.ts';
import { licensesCte } from './licenses-sql.ts';
import { dayFilter, eventsCte } from './rollup-sql.ts';
import type { UsageTables } from './rollup-sql.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** The raw columns a user's domain comes from: the domain column, else the email's host. */
const domainSources = (d: SqlDialect, tables: UsageTables): { column: string; alias: string; host: (ref: string) => string }[] => {
  const c = tables.events.columns;
  return [
    ...(c.domain === null ? [] : [{ column: c.domain, alias: 'user_domain', host: (ref: string) => ref }]),
    ...(c.email === null ? [] : [{ column: c.email, alias: 'user_email', host: (ref: string) => d.emailDomain(ref) }]),
  ];
};

/** A lower-cased, trimmed host, or NULL when empty: the domain column first, else the email's. */
const domainExpr = (d: SqlDialect, tables: UsageTables): string => {
  const candidates = domainSources(d, tables).map((s) => `NULLIF(LOWER(TRIM(${s.host(d.alias(s.alias))})), '')`);
  if (candidates.length === 0) return d.nullText;
  return candidates.length === 1 ? candidates[0]! : `COALESCE(${candidates.join(', ')})`;
};

/**
 * One row per account key with events in the range or a licence row: the domain most of its users share (by
 * distinct users, ties to the alphabetically first, so every warehouse picks the same one), and
 * the name and seats of its latest licence row. Event counts and first/last days come from the
 * rollups, not from here.
 * The distinct (key, user, domain, email) rows are taken first and the host worked out on those:
 * string functions on every event cost DuckDB ~5 s of 7.5 on 11M events (bench/usage), and a
 * user's events repeat the same domain and email.
 */
export const accountsSql = (d: SqlDialect, tables: UsageTables): BoundSql => {
  const q = d.alias;
  const sources = domainSources(d, tables);
  const events = eventsCte(d, tables.events, sources.map((s) => `${d.reference(s.column)} AS ${q(s.alias)}`));
  const inRange = [
    `${q('sextant_in_range')} AS (`,
    `  SELECT ${q('account_key')}, ${q('user_id')}, ${domainExpr(d, tables)} AS ${q('domain')}`,
    '  FROM (',
    `    SELECT DISTINCT ${[q('account_key'), q('user_id'), ...sources.map((s) => q(s.alias))].join(', ')}`,
    `    FROM ${q('sextant_events')}`,
    `    WHERE ${dayFilter(d)}`,
    `  ) ${q('sextant_users')}`,
    ')',
  ].join('\n');
  const withLicenses = tables.licenses !== undefined;
  // Keys with seats but no events yet (a customer provisioned, not started) are accounts too:
  // reconciliation must still link them, or they look like customers without a product key.
  const keys = withLicenses
    ? `${q('sextant_keys')} AS (\n  SELECT ${q('account_key')} FROM ${q('sextant_in_range')}\n  UNION\n  SELECT ${q('account_key')} FROM ${q('sextant_licenses')}\n)`
    : `${q('sextant_keys')} AS (\n  SELECT DISTINCT ${q('account_key')} FROM ${q('sextant_in_range')}\n)`;
  const domains = [
    `${q('sextant_domains')} AS (`,
    '  SELECT',
    `    ${q('account_key')},`,
    `    ${q('domain')},`,
    `    ROW_NUMBER() OVER (PARTITION BY ${q('account_key')} ORDER BY COUNT(DISTINCT ${q('user_id')}) DESC, ${q('domain')} ASC) AS ${q('rank')}`,
    `  FROM ${q('sextant_in_range')}`,
    `  WHERE ${q('domain')} IS NOT NULL`,
    `  GROUP BY ${q('account_key')}, ${q('domain')}`,
    ')',
  ].join('\n');
  const ctes = [events, inRange, ...(withLicenses ? [licensesCte(d, tables.licenses!)] : []), keys, domains];
  const sql = [
    `WITH ${ctes.join(',\n')}`,
    'SELECT',
    `  ${q('k')}.${q('account_key')},`,
    `  ${q('d')}.${q('domain')},`,
    `  ${withLicenses ? `${q('l')}.${q('name')}` : d.nullText} AS ${q('name')},`,
    `  ${withLicenses ? `${q('l')}.${q('licenses')}` : d.nullInteger} AS ${q('licenses')}`,
    `FROM ${q('sextant_keys')} ${q('k')}`,
    `LEFT JOIN ${q('sextant_domains')} ${q('d')} ON ${q('d')}.${q('account_key')} = ${q('k')}.${q('account_key')} AND ${q('d')}.${q('rank')} = 1`,
    ...(withLicenses ? [`LEFT JOIN ${q('sextant_licenses')} ${q('l')} ON ${q('l')}.${q('account_key')} = ${q('k')}.${q('account_key')}`] : []),
    `ORDER BY ${q('k')}.${q('account_key')}`,
  ].join('\n');
  return bindParameters(sql, d);
};
