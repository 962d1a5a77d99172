import { EventsMapping, LicensesMapping } from '../config/usage-config.schema.ts';
import type { UsageConfig } from '../config/usage-config.schema.ts';
import type { DayRange } from '../domain/usage.ts';
import { accountsSql } from './sql/accounts-sql.ts';
import { bindParameters } from './sql/bind-parameters.ts';
import type { BoundSql, ParameterName } from './sql/bind-parameters.ts';
import { rollupSql } from './sql/rollup-sql.ts';
import type { UsageTables } from './sql/rollup-sql.ts';
import type { SqlDialect } from './sql/sql-dialect.ts';

/** The two queries a usage source runs, in its dialect. */
export type UsageStatements = { rollups: BoundSql; accounts: BoundSql };

/** Either our generated SQL over mapped tables, or the user's own. */
export type UsageQuery =
  | { kind: 'mapping'; tables: UsageTables }
  | { kind: 'sql'; rollups: string; accounts: string };

/**
 * Resolves the config's query: the user's SQL when given; else the events mapping (its defaults
 * are the demo files' columns), and licences when mapped — for files, whenever a licences file is
 * named, with the demo's licence columns unless mapped otherwise.
 */
export const usageQueryOf = (config: UsageConfig): UsageQuery => {
  if (config.sql !== undefined) return { kind: 'sql', rollups: config.sql.rollups, accounts: config.sql.accounts };
  const fileLicenses = config.source.kind === 'files' && config.source.licenses !== undefined;
  const licenses = config.licenses ?? (fileLicenses ? LicensesMapping.parse({}) : undefined);
  return { kind: 'mapping', tables: { events: config.events ?? EventsMapping.parse({}), licenses, coreFeatures: config.coreFeatures } };
};

export const usageStatements = (query: UsageQuery, dialect: SqlDialect): UsageStatements =>
  query.kind === 'sql'
    ? { rollups: bindParameters(query.rollups, dialect), accounts: bindParameters(query.accounts, dialect) }
    : { rollups: rollupSql(dialect, query.tables), accounts: accountsSql(dialect, query.tables) };

/** The values of a statement's placeholders, in placeholder order. */
export const parameterValues = (sql: BoundSql, range: DayRange): string[] =>
  sql.parameters.map((name: ParameterName) => range[name]);
