import type { RecordSource, SObjectRecord } from '../org/sobject-record.ts';
import type { QueryEnv } from './query-env.ts';
import type { CompiledQuery } from './compile-soql.ts';
import { compileSoql } from './compile-soql.ts';
import { runRecordPlan } from './record-run.ts';
import { runAggregate } from './aggregate-run.ts';
import type { RestRecord } from './rest-record.ts';
import { bindRestBuilder } from './rest-record.ts';
import { bindBulkFormatter, bulkHeaderLine } from './bulk-csv.ts';

export type ExecuteOptions = {
  /** queryAll: include soft-deleted rows (IsDeleted = true). */
  includeDeleted: boolean;
  /** The instant date literals (TODAY, LAST_N_DAYS:n …) are relative to. */
  now: Date;
  /** For `attributes.url` (`/services/data/v62.0/sobjects/…`); default 62.0. */
  apiVersion?: string;
};

/**
 * One execution's result. Rows are matched up front (WHERE, ORDER BY, OFFSET, LIMIT) but shaped
 * lazily, one row at a time, so the server can page REST responses and stream Bulk CSV
 * without building every JSON object or line at once.
 */
export interface QueryResult {
  /** What REST reports as totalSize: the row count, or the count for SELECT COUNT(). */
  readonly totalSize: number;
  /** Rows restRecord/bulkRow serve: 0 for SELECT COUNT(), the group count for aggregates. */
  readonly rowCount: number;
  /** The matched base records, in result order (empty for COUNT() and aggregate queries). */
  readonly records: readonly SObjectRecord[];
  restRecord(index: number): RestRecord;
  /** Bulk 2.0 CSV header fields: the query's paths, schema-cased (`Account.Name`). */
  readonly bulkColumns: readonly string[];
  readonly bulkHeaderLine: string;
  bulkRow(index: number): string[];
  /** One CSV line, quoted only where needed, without a line ending. */
  bulkCsvLine(index: number): string;
}

const DEFAULT_API_VERSION = '62.0';

const rowAt = <T>(rows: readonly T[], index: number): T => {
  const row = rows[index];
  if (row === undefined) throw new RangeError(`row ${index} is outside the result (${rows.length} rows)`);
  return row;
};

const noBulk = (): never => {
  throw new Error('aggregate and COUNT() results have no Bulk API 2.0 form; check bulkUnsupportedReason first');
};

export const executeQuery = (compiled: CompiledQuery, source: RecordSource, options: ExecuteOptions): QueryResult => {
  const env: QueryEnv = { source, now: options.now, includeDeleted: options.includeDeleted };
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;

  if (compiled.mode === 'aggregate') {
    const rows = runAggregate(compiled.aggregate, env);
    const output = compiled.aggregate.output;
    return {
      totalSize: rows.length,
      rowCount: rows.length,
      records: [],
      restRecord: (index) => {
        const row = rowAt(rows, index);
        const out: RestRecord = { attributes: { type: 'AggregateResult' } };
        for (const col of output) out[col.key] = (col.from === 'group' ? row.groups : row.values)[col.index] ?? null;
        return out;
      },
      bulkColumns: [],
      bulkHeaderLine: '',
      bulkRow: noBulk,
      bulkCsvLine: noBulk,
    };
  }

  const records = runRecordPlan(compiled.plan, env);
  if (compiled.mode === 'count') {
    return {
      totalSize: records.length,
      rowCount: 0,
      records: [],
      restRecord: (index) => rowAt([] as RestRecord[], index),
      bulkColumns: [],
      bulkHeaderLine: '',
      bulkRow: noBulk,
      bulkCsvLine: noBulk,
    };
  }

  const plan = compiled.plan;
  // Formatters are bound on first use: a REST page never pays for CSV set-up, nor Bulk for JSON.
  let rest: ((record: SObjectRecord) => RestRecord) | null = null;
  let bulk: ReturnType<typeof bindBulkFormatter> | null = null;
  return {
    totalSize: records.length,
    rowCount: records.length,
    records,
    restRecord: (index) => (rest ??= bindRestBuilder(plan, env, apiVersion))(rowAt(records, index)),
    bulkColumns: plan.columns.map((c) => c.header),
    bulkHeaderLine: bulkHeaderLine(plan.columns),
    bulkRow: (index) => (bulk ??= bindBulkFormatter(plan.columns, env)).row(rowAt(records, index)),
    bulkCsvLine: (index) => (bulk ??= bindBulkFormatter(plan.columns, env)).line(rowAt(records, index)),
  };
};

/** Compile and run in one step, for callers that do not cache compiled queries. */
export const runSoql = (soql: string, source: RecordSource, options: ExecuteOptions): QueryResult =>
  executeQuery(compileSoql(soql, source.catalog), source, options);
