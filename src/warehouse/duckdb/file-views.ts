import { inferUsageFileFormat } from '../../config/usage-config.schema.ts';
import { SQL_DIALECTS } from '../sql/sql-dialect.ts';
import { warehouseError } from '../warehouse-errors.ts';

export type UsageFiles = { events: string; licenses?: string; format?: 'csv' | 'parquet' };

/** The views the SQL reads: named after the mapped tables, or `events` / `licenses` for the user's own SQL. */
export type UsageViews = { events: string; licenses: string };

const { text, reference } = SQL_DIALECTS.duckdb;

/**
 * CSV is read with every column as VARCHAR (all_varchar), never with DuckDB's type detection:
 * detection reads a key column of '00123', '00456' as an integer and loses the zeros, and a key
 * that is numeric in the sample but not later fails the whole read. The SQL casts the timestamp
 * and seat columns explicitly. Parquet carries its own types. union_by_name lets a glob span
 * exports whose columns were added to over time.
 */
export const fileViewSql = (view: string, file: string, format: 'csv' | 'parquet'): string => {
  const reader = format === 'csv'
    ? `read_csv(${text(file)}, header = true, all_varchar = true, union_by_name = true)`
    : `read_parquet(${text(file)}, union_by_name = true)`;
  return `CREATE VIEW ${reference(view)} AS SELECT * FROM ${reader}`;
};

/** The CREATE VIEW statements for the configured files. */
export const usageFileViews = (files: UsageFiles, views: UsageViews): string[] => {
  for (const view of [views.events, views.licenses]) {
    if (view.includes('.')) {
      throw warehouseError('WAREHOUSE_QUERY_FAILED', 'config', `usage files are read as the view ${JSON.stringify(view)}, which cannot be qualified`, {
        path: 'usage.events.table', hints: ['With source.kind files, leave events.table and licenses.table unqualified (or unset).'],
      });
    }
  }
  const statements = [fileViewSql(views.events, files.events, inferUsageFileFormat(files.events, files.format) ?? 'csv')];
  if (files.licenses !== undefined) statements.push(fileViewSql(views.licenses, files.licenses, inferUsageFileFormat(files.licenses, files.format) ?? 'csv'));
  return statements;
};
