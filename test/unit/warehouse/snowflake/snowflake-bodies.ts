/**
 * Snowflake SQL API v2 response bodies as documented (ResultSet with resultSetMetaData.rowType
 * and partitionInfo, jsonv2 cells as strings), for nock to answer with.
 */
export const SNOWFLAKE_URL = 'https://myorg-myaccount.snowflakecomputing.com';
export const STATEMENTS_PATH = '/api/v2/statements';

export const column = (name: string, type: string, scale: number | null = type === 'fixed' ? 0 : null) => ({
  name, database: 'PRODUCT', schema: 'ANALYTICS', table: '', nullable: true, type, scale,
  precision: type === 'fixed' ? 38 : null, byteLength: type === 'text' ? 16_777_216 : null, length: type === 'text' ? 16_777_216 : null, collation: null,
});

/** The rollup columns for coreFeatures ['reports']; one unquoted alias comes back upper-cased. */
export const ROLLUP_ROW_TYPE = [
  column('account_key', 'text'), column('day', 'date'), column('ACTIVE_USERS', 'fixed'), column('logins', 'fixed'),
  column('last_login_at', 'timestamp_tz', 9), column('events', 'fixed'), column('feature_reports', 'fixed'), column('licenses', 'fixed'),
];

/** A 200 ResultSet whose partitions hold `partitions[i]`; only partition 0 is inline. */
export const partitioned = (partitions: (string | null)[][][], handle = '01b2c3d4-0000-1111-0000-000000000000', rowType: unknown[] = ROLLUP_ROW_TYPE) => ({
  resultSetMetaData: {
    numRows: partitions.reduce((n, p) => n + p.length, 0),
    format: 'jsonv2',
    partitionInfo: partitions.map((p) => ({ rowCount: p.length, uncompressedSize: 1024 * p.length })),
    rowType,
  },
  data: partitions[0] ?? [],
  code: '090001',
  statementStatusUrl: `/api/v2/statements/${handle}?requestId=00000000-0000-0000-0000-000000000000`,
  requestId: '00000000-0000-0000-0000-000000000000',
  sqlState: '00000',
  statementHandle: handle,
  message: 'Statement executed successfully.',
  createdOn: 1_772_400_000_000,
});
