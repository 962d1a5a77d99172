import type { LicensesMapping } from '../../config/usage-config.schema.ts';
import type { SqlDialect } from './sql-dialect.ts';
import { tableReference } from './sql-dialect.ts';

/**
 * The `sextant_licenses` CTE: one row per key, its latest licence row (by as-of day, then the
 * larger seat count, then the name, so ties resolve the same way on every warehouse). The latest
 * row applies to every day of the range: licence history is not replayed day by day, because
 * most licence tables are a current snapshot (the demo's as_of is the export day) and a per-day
 * as-of join would leave every earlier day without seats.
 */
export const licensesCte = (d: SqlDialect, mapping: LicensesMapping): string => {
  const c = mapping.columns;
  const q = d.alias;
  const seats = d.integer(d.reference(c.licenses));
  const name = c.name === null ? d.nullText : d.reference(c.name);
  const order = [
    ...(c.asOf === null ? [] : [`${d.date(d.reference(c.asOf))} DESC NULLS LAST`]),
    `${seats} DESC NULLS LAST`,
    ...(c.name === null ? [] : [`${name} ASC NULLS LAST`]),
  ];
  return [
    `${q('sextant_licenses')} AS (`,
    `  SELECT ${q('account_key')}, ${q('licenses')}, ${q('name')}`,
    '  FROM (',
    '    SELECT',
    `      ${d.reference(c.accountKey)} AS ${q('account_key')},`,
    `      ${seats} AS ${q('licenses')},`,
    `      ${name} AS ${q('name')},`,
    `      ROW_NUMBER() OVER (PARTITION BY ${d.reference(c.accountKey)} ORDER BY ${order.join(', ')}) AS ${q('rank')}`,
    `    FROM ${tableReference(d, mapping.table)}`,
    `  ) ${q('ranked')}`,
    `  WHERE ${q('rank')} = 1`,
    ')',
  ].join('\n');
};
