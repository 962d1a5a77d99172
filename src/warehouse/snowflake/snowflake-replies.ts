import { z } from 'zod';
import type { SextantError } from '../../domain/sextant-error.ts';
import type { HttpReply } from '../warehouse-errors.ts';
import { warehouseError } from '../warehouse-errors.ts';

/**
 * The SQL API v2 bodies we read (https://docs.snowflake.com/en/developer-guide/sql-api/reference):
 * 200 → ResultSet (partition 0 inline, the rest by GET ?partition=N), 202 → QueryStatus (poll
 * statementStatusUrl), 408/422 → QueryFailureStatus. Loose objects: Snowflake adds fields.
 */
const Cells = z.array(z.array(z.string().nullable()));

export const SnowflakeColumn = z.looseObject({
  name: z.string(),
  type: z.string(),
  scale: z.number().nullish(),
});
export type SnowflakeColumn = z.infer<typeof SnowflakeColumn>;

export const SnowflakeResultSet = z.looseObject({
  statementHandle: z.string(),
  resultSetMetaData: z.looseObject({
    rowType: z.array(SnowflakeColumn),
    partitionInfo: z.array(z.looseObject({ rowCount: z.number() })).optional(),
  }),
  data: Cells.default([]),
});
export type SnowflakeResultSet = z.infer<typeof SnowflakeResultSet>;

export const SnowflakeQueryStatus = z.looseObject({ statementHandle: z.string(), message: z.string().optional() });

/** A partition after the first: only its rows. */
export const SnowflakePartition = z.looseObject({ data: Cells });

const Failure = z.looseObject({ code: z.string().optional(), message: z.string().optional(), sqlState: z.string().optional() });

const failureOf = (reply: HttpReply): z.infer<typeof Failure> => {
  const parsed = Failure.safeParse(reply.data);
  return parsed.success ? parsed.data : { message: typeof reply.data === 'string' ? reply.data.slice(0, 200) : undefined };
};

/**
 * A non-success reply as a warehouse error. A 422 whose SQLSTATE is class 42 (or whose message
 * says "SQL compilation error") means the mapping names a table or column the warehouse does not
 * have: config. Other 422s failed on the data.
 */
export const classifySnowflakeReply = (reply: HttpReply): SextantError => {
  const body = failureOf(reply);
  const detail = `HTTP ${reply.status}${body.code === undefined ? '' : ` code ${body.code}`}${body.sqlState === undefined ? '' : ` sqlState ${body.sqlState}`}: ${body.message ?? 'no message'}`;
  const data = { status: reply.status, code: body.code, sqlState: body.sqlState };
  const s = reply.status;
  if (s === 401 || s === 403) {
    return warehouseError('WAREHOUSE_AUTH_FAILED', 'auth', `Snowflake refused the credentials (${detail})`, {
      data, hints: [
        'For key-pair auth, the public key must be set on the user (DESC USER shows RSA_PUBLIC_KEY_FP) and usage.source.account/user must match it.',
        'Check that the role may use the warehouse, database and schema.',
      ],
    });
  }
  if (s === 408) return warehouseError('WAREHOUSE_QUERY_TIMEOUT', 'transient', `Snowflake timed the usage query out (${detail})`, { data, hints: ['Raise usage.source.timeoutSeconds or use a larger warehouse.'] });
  if (s === 429 || s >= 500) return warehouseError('WAREHOUSE_UNAVAILABLE', 'transient', `Snowflake is unavailable (${detail})`, { data });
  if (s === 422) {
    const compile = body.sqlState?.startsWith('42') === true || /SQL compilation error/i.test(body.message ?? '');
    return warehouseError('WAREHOUSE_QUERY_FAILED', compile ? 'config' : 'data', `Snowflake rejected the usage query (${detail})`, {
      data, ...(compile ? { hints: ['Check usage.events / usage.licenses (table and column names) or your usage SQL.'] } : {}),
    });
  }
  if (s === 400 || s === 404) return warehouseError('WAREHOUSE_QUERY_FAILED', 'config', `Snowflake rejected the request (${detail})`, { data });
  return warehouseError('WAREHOUSE_RESPONSE_INVALID', 'fatal', `Snowflake answered unexpectedly (${detail})`, { data });
};

export const invalidReply = (what: string, err: unknown): SextantError =>
  warehouseError('WAREHOUSE_RESPONSE_INVALID', 'fatal', `Snowflake: unreadable ${what}`, { cause: err });
