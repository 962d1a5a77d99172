import { z } from 'zod';

/**
 * The `usage:` section of sextant.yaml: where product usage lives and how to read it. No secrets
 * here: the PostgreSQL URL, the Snowflake key or token and the BigQuery key file come from env
 * (see src/config/env.ts) and reach the adapters as explicit options.
 *
 * Either a table + column mapping (`events`, optional `licenses`) from which Sextant generates
 * the SQL for the warehouse's dialect, or the user's own SQL (`sql`) — never both. With neither,
 * the mapping's defaults apply: they are the demo files' column names.
 */

/** A table as the warehouse names it, optionally qualified: `events`, `analytics.events`, `db.analytics.events`. */
const TableName = z.string().min(1).regex(/^[^.]+(\.[^.]+){0,2}$/, 'a table name, optionally qualified as schema.table or database.schema.table');
const ColumnName = z.string().min(1).max(255);
/** `null` says the table has no such column (the default names the demo file's column). */
const OptionalColumn = (demoName: string) => ColumnName.nullable().default(demoName);

const FilesSource = z.strictObject({
  kind: z.literal('files'),
  /** A CSV or Parquet file, or a glob over many (`exports/events-*.parquet`). */
  events: z.string().min(1),
  licenses: z.string().min(1).optional(),
  /** Inferred from the extension (.csv, .csv.gz, .tsv, .parquet, .pq) when absent. */
  format: z.enum(['csv', 'parquet']).optional(),
});

const PostgresSource = z.strictObject({
  kind: z.literal('postgres'),
  /** Searched first for unqualified table names (also applies to your own SQL). */
  schema: z.string().min(1).optional(),
  statementTimeoutSeconds: z.number().int().positive().default(600),
});

const SnowflakeSource = z.strictObject({
  kind: z.literal('snowflake'),
  /** Account identifier: `orgname-accountname` or a locator such as `xy12345.us-east-1`. */
  account: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'an account identifier such as myorg-myaccount'),
  user: z.string().min(1),
  warehouse: z.string().min(1),
  database: z.string().min(1),
  schema: z.string().min(1),
  role: z.string().min(1).optional(),
  /** Server-side statement timeout (the SQL API's `timeout`). */
  timeoutSeconds: z.number().int().positive().max(604_800).default(600),
});

const BigQuerySource = z.strictObject({
  kind: z.literal('bigquery'),
  projectId: z.string().min(1).regex(/^[^/\s]+$/, 'a project id'),
  /** Job location (US, EU, europe-west1…); BigQuery infers it from the dataset when absent. */
  location: z.string().min(1).optional(),
  /** Unqualified table names resolve in this dataset. */
  dataset: z.string().min(1),
  timeoutSeconds: z.number().int().positive().default(600),
});

export const UsageSourceConfig = z.discriminatedUnion('kind', [FilesSource, PostgresSource, SnowflakeSource, BigQuerySource]);
export type UsageSourceConfig = z.infer<typeof UsageSourceConfig>;

export const EventsMapping = z.strictObject({
  table: TableName.default('events'),
  columns: z.strictObject({
    accountKey: ColumnName.default('account_key'),
    occurredAt: ColumnName.default('occurred_at'),
    userId: ColumnName.default('user_id'),
    eventType: ColumnName.default('event_type'),
    feature: ColumnName.default('feature'),
    /** The account's domain per event; the usage account's domain is its users' most common one. */
    domain: OptionalColumn('account_domain'),
    /** Used for the domain when `domain` is null or empty on a row: the part after '@'. */
    email: OptionalColumn('user_email'),
  }).prefault({}),
  loginEventTypes: z.array(z.string().min(1)).min(1).default(['login']),
  featureEventTypes: z.array(z.string().min(1)).min(1).default(['feature_used']),
});
export type EventsMapping = z.infer<typeof EventsMapping>;

export const LicensesMapping = z.strictObject({
  table: TableName.default('licenses'),
  columns: z.strictObject({
    accountKey: ColumnName.default('account_key'),
    licenses: ColumnName.default('licenses_provisioned'),
    name: OptionalColumn('account_name'),
    /** With it, the latest row per key wins; licence history is not replayed per day. */
    asOf: OptionalColumn('as_of'),
  }).prefault({}),
});
export type LicensesMapping = z.infer<typeof LicensesMapping>;

/** Your own SQL, with `:from` and `:to` (inclusive UTC days) as named parameters. */
const UserSql = z.strictObject({
  rollups: z.string().min(1),
  accounts: z.string().min(1),
});

/** Feature names become column names (`feature_<name>`), so they stay lower-case snake case. */
const FeatureName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a lower-case feature name (letters, digits, _)');

const FILE_FORMATS: ReadonlyArray<[RegExp, 'csv' | 'parquet']> = [[/\.(csv|tsv)(\.gz)?$/i, 'csv'], [/\.(parquet|pq)$/i, 'parquet']];

/** The format of a usage file: the explicit one, else from its extension; undefined when neither says. */
export const inferUsageFileFormat = (file: string, explicit?: 'csv' | 'parquet'): 'csv' | 'parquet' | undefined =>
  explicit ?? FILE_FORMATS.find(([pattern]) => pattern.test(file))?.[1];

export const UsageConfig = z.strictObject({
  source: UsageSourceConfig,
  events: EventsMapping.optional(),
  licenses: LicensesMapping.optional(),
  sql: UserSql.optional(),
  coreFeatures: z.array(FeatureName).min(1).default(['dashboards', 'reports', 'workflows', 'integrations'])
    .refine((names) => new Set(names).size === names.length, 'feature names must be unique'),
  /** Days re-read before the last synced day: warehouses load late events for a while. */
  lookbackDays: z.number().int().min(0).max(90).default(3),
  /** How far back the first load (or `sync --full`) reaches: health baselines need 90 days, trends a little more. */
  historyDays: z.number().int().min(1).max(730).default(120),
  /**
   * Fixed to UTC: a usage day is a UTC day everywhere (the domain's UsageDay). The key exists so
   * a file can say so explicitly; other zones are rejected rather than silently ignored.
   */
  timezone: z.literal('UTC').default('UTC'),
  /** Rows per page handed to the pipeline (and BigQuery's maxResults). */
  pageRows: z.number().int().min(100).max(100_000).default(10_000),
}).superRefine((config, ctx) => {
  if (config.sql !== undefined && (config.events !== undefined || config.licenses !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['sql'], message: 'use either sql or the events/licenses mapping, not both' });
  }
  const source = config.source;
  if (source.kind !== 'files') return;
  if (inferUsageFileFormat(source.events, source.format) === undefined) {
    ctx.addIssue({ code: 'custom', path: ['source', 'events'], message: 'cannot tell CSV from Parquet by the extension: set source.format' });
  }
  if (source.licenses !== undefined && inferUsageFileFormat(source.licenses, source.format) === undefined) {
    ctx.addIssue({ code: 'custom', path: ['source', 'licenses'], message: 'cannot tell CSV from Parquet by the extension: set source.format' });
  }
  if (config.licenses !== undefined && source.licenses === undefined) {
    ctx.addIssue({ code: 'custom', path: ['licenses'], message: 'a licenses mapping needs a source.licenses file' });
  }
});
export type UsageConfig = z.infer<typeof UsageConfig>;
