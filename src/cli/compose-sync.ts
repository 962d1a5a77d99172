import type { SextantEnv } from '../config/env.ts';
import type { SextantConfig } from '../config/sextant-config.schema.ts';
import { openConnection } from '../salesforce/sf-connection.ts';
import { ApiBudget } from '../salesforce/api-budget.ts';
import { SalesforceClient, DEFAULT_CLIENT_OPTIONS } from '../salesforce/salesforce-client.ts';
import { SalesforceSource } from '../salesforce/salesforce-source.ts';
import type { Logger } from './logger.ts';

/**
 * Wires the Salesforce adapter for a run: connection, the budgeted client and the source the
 * pipeline reads through.
 */
export const composeSalesforceSource = async (env: SextantEnv, config: SextantConfig, logger: Logger): Promise<{ source: SalesforceSource; client: SalesforceClient }> => {
  const conn = await openConnection(env);
  // The budget seeds itself from the first call's Sforce-Limit-Info: no /limits call needed.
  const budget = new ApiBudget(config.sync.apiBudget);
  logger.info({ instanceUrl: conn.instanceUrl, apiVersion: conn.version }, 'connected to Salesforce');
  const client = new SalesforceClient(conn, budget, {
    ...DEFAULT_CLIENT_OPTIONS,
    onRetry: ({ code, attempt }) => logger.warn({ code, attempt }, 'retrying a Salesforce call'),
  });
  const source = new SalesforceSource(client, {
    bulkThreshold: config.sync.bulkThreshold,
    restBatchSize: config.sync.restBatchSize,
    bulkPageSize: config.sync.bulkPageSize,
    bulkPollIntervalMs: 500,
    bulkPollTimeoutMs: 30 * 60_000,
    minSliceMs: 60_000,
  });
  return { source, client };
};
