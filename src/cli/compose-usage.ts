import type { SextantEnv } from '../config/env.ts';
import type { UsageConfig } from '../config/usage-config.schema.ts';
import type { UsageSource } from '../pipeline/usage-source.port.ts';
import { openUsageSource } from '../warehouse/open-usage-source.ts';

/** The configured warehouse, with its secrets from the environment (never from sextant.yaml). */
export const composeUsageSource = (env: SextantEnv, usage: UsageConfig): Promise<UsageSource> =>
  openUsageSource(usage, {
    databaseUrl: env.SEXTANT_USAGE_DATABASE_URL,
    snowflakePrivateKeyFile: env.SEXTANT_SNOWFLAKE_PRIVATE_KEY_FILE,
    snowflakePrivateKeyPassphrase: env.SEXTANT_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE,
    snowflakeToken: env.SEXTANT_SNOWFLAKE_TOKEN,
    bigqueryKeyFile: env.SEXTANT_BIGQUERY_KEY_FILE,
    bigqueryAccessToken: env.SEXTANT_BIGQUERY_ACCESS_TOKEN,
  });
