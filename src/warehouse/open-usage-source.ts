import { readFile } from 'node:fs/promises';
import type { UsageConfig } from '../config/usage-config.schema.ts';
import type { UsageSource } from '../pipeline/usage-source.port.ts';
import { BigQueryClient, BIGQUERY_BASE_URL } from './bigquery/bigquery-client.ts';
import { BigQueryUsageSource } from './bigquery/bigquery-usage-source.ts';
import { GoogleAuth, ServiceAccountKey } from './bigquery/google-auth.ts';
import type { BigQueryCredentials } from './bigquery/google-auth.ts';
import { DuckDbUsageSource } from './duckdb/duckdb-usage-source.ts';
import { rollupColumnsSql } from './duckdb/rollup-columns-sql.ts';
import { PostgresUsageSource } from './postgres/postgres-usage-source.ts';
import { SnowflakeAuth } from './snowflake/snowflake-auth.ts';
import type { SnowflakeCredentials } from './snowflake/snowflake-auth.ts';
import { SnowflakeClient } from './snowflake/snowflake-client.ts';
import { SnowflakeUsageSource } from './snowflake/snowflake-usage-source.ts';
import { SQL_DIALECTS } from './sql/sql-dialect.ts';
import { usageQueryOf, usageStatements } from './usage-statements.ts';
import type { RetryPolicy } from './warehouse-errors.ts';
import { DEFAULT_RETRY_POLICY, warehouseError } from './warehouse-errors.ts';

/**
 * The secrets a usage source may need, read from env by src/config/env.ts (the only reader of
 * process.env) and passed in: SEXTANT_USAGE_DATABASE_URL, SEXTANT_SNOWFLAKE_PRIVATE_KEY_FILE,
 * SEXTANT_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE, SEXTANT_SNOWFLAKE_TOKEN, SEXTANT_BIGQUERY_KEY_FILE,
 * SEXTANT_BIGQUERY_ACCESS_TOKEN.
 */
export type UsageSecrets = {
  databaseUrl?: string | undefined;
  snowflakePrivateKeyFile?: string | undefined;
  snowflakePrivateKeyPassphrase?: string | undefined;
  snowflakeToken?: string | undefined;
  bigqueryKeyFile?: string | undefined;
  bigqueryAccessToken?: string | undefined;
};

/** Where the HTTP warehouses live and how patiently to talk to them; tests point these at nock. */
export type UsageEndpoints = {
  snowflakeBaseUrl?: string;
  bigqueryBaseUrl?: string;
  googleTokenUrl?: string;
  retry?: RetryPolicy;
  pollIntervalMs?: number;
};

const missing = (variable: string, why: string) =>
  warehouseError('WAREHOUSE_CREDENTIALS_MISSING', 'config', `${variable} is not set: ${why}`, {
    path: variable, hints: [`Set ${variable} in the environment or .env.`],
  });

const readSecretFile = async (file: string, variable: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw warehouseError('WAREHOUSE_CREDENTIALS_INVALID', 'config', `${variable}: cannot read ${file} (${(err as Error).message})`, { cause: err, path: variable });
  }
};

const snowflakeCredentials = async (secrets: UsageSecrets): Promise<SnowflakeCredentials> => {
  if (secrets.snowflakePrivateKeyFile !== undefined) {
    const pem = await readSecretFile(secrets.snowflakePrivateKeyFile, 'SEXTANT_SNOWFLAKE_PRIVATE_KEY_FILE');
    return { kind: 'keypair', privateKeyPem: pem, passphrase: secrets.snowflakePrivateKeyPassphrase };
  }
  if (secrets.snowflakeToken !== undefined) return { kind: 'oauth', token: secrets.snowflakeToken };
  throw missing('SEXTANT_SNOWFLAKE_PRIVATE_KEY_FILE', 'Snowflake needs a key-pair private key (or SEXTANT_SNOWFLAKE_TOKEN, an OAuth token)');
};

const bigQueryCredentials = async (secrets: UsageSecrets): Promise<BigQueryCredentials> => {
  if (secrets.bigqueryKeyFile !== undefined) {
    const text = await readSecretFile(secrets.bigqueryKeyFile, 'SEXTANT_BIGQUERY_KEY_FILE');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw warehouseError('WAREHOUSE_CREDENTIALS_INVALID', 'config', 'SEXTANT_BIGQUERY_KEY_FILE is not JSON', { cause: err, path: 'SEXTANT_BIGQUERY_KEY_FILE' });
    }
    const key = ServiceAccountKey.safeParse(json);
    if (!key.success) {
      throw warehouseError('WAREHOUSE_CREDENTIALS_INVALID', 'config', 'SEXTANT_BIGQUERY_KEY_FILE is not a service-account key (client_email, private_key)', { path: 'SEXTANT_BIGQUERY_KEY_FILE' });
    }
    return { kind: 'service-account', key: key.data };
  }
  if (secrets.bigqueryAccessToken !== undefined) return { kind: 'token', accessToken: secrets.bigqueryAccessToken };
  throw missing('SEXTANT_BIGQUERY_KEY_FILE', 'BigQuery needs a service-account key file (or SEXTANT_BIGQUERY_ACCESS_TOKEN)');
};

/** Chooses and opens the adapter for `usage.source`, with its SQL generated for its dialect. */
export const openUsageSource = async (config: UsageConfig, secrets: UsageSecrets, endpoints: UsageEndpoints = {}): Promise<UsageSource> => {
  const query = usageQueryOf(config);
  const source = config.source;
  const retry = endpoints.retry ?? DEFAULT_RETRY_POLICY;
  const pollIntervalMs = endpoints.pollIntervalMs ?? 500;
  switch (source.kind) {
    case 'files': {
      const views = query.kind === 'mapping'
        ? { events: query.tables.events.table, licenses: query.tables.licenses?.table ?? 'licenses' }
        : { events: 'events', licenses: 'licenses' };
      const files = { events: source.events, ...(source.licenses === undefined ? {} : { licenses: source.licenses }), ...(source.format === undefined ? {} : { format: source.format }) };
      // Sextant's own SQL has known column types, so its rollups can come as columns; a user's cannot.
      const rollupColumns = query.kind === 'mapping' ? rollupColumnsSql(query.tables) : undefined;
      return DuckDbUsageSource.open({ files, views, statements: usageStatements(query, SQL_DIALECTS.duckdb), rollupColumns, pageRows: config.pageRows });
    }
    case 'postgres': {
      if (secrets.databaseUrl === undefined) throw missing('SEXTANT_USAGE_DATABASE_URL', 'the usage source is PostgreSQL (postgres://USER:PASSWORD@HOST:PORT/DATABASE)');
      return PostgresUsageSource.open({
        url: secrets.databaseUrl, schema: source.schema, statementTimeoutSeconds: source.statementTimeoutSeconds,
        statements: usageStatements(query, SQL_DIALECTS.postgres), pageRows: config.pageRows,
      });
    }
    case 'snowflake': {
      const auth = new SnowflakeAuth(source.account, source.user, await snowflakeCredentials(secrets));
      // Account URLs use hyphens where identifiers have underscores.
      const baseUrl = endpoints.snowflakeBaseUrl ?? `https://${source.account.toLowerCase().replaceAll('_', '-')}.snowflakecomputing.com`;
      const client = new SnowflakeClient({
        baseUrl, auth, retry, pollIntervalMs, timeoutSeconds: source.timeoutSeconds,
        context: { warehouse: source.warehouse, database: source.database, schema: source.schema, role: source.role },
      });
      return new SnowflakeUsageSource(client, usageStatements(query, SQL_DIALECTS.snowflake));
    }
    case 'bigquery': {
      const auth = new GoogleAuth(await bigQueryCredentials(secrets), { tokenUrl: endpoints.googleTokenUrl, retry });
      const client = new BigQueryClient({
        baseUrl: endpoints.bigqueryBaseUrl ?? BIGQUERY_BASE_URL, projectId: source.projectId, location: source.location, dataset: source.dataset,
        auth, retry, pageRows: config.pageRows, timeoutSeconds: source.timeoutSeconds, pollIntervalMs,
      });
      return new BigQueryUsageSource(client, usageStatements(query, SQL_DIALECTS.bigquery));
    }
  }
};
