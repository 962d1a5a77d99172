import { z } from 'zod';
import { UsageConfig } from './usage-config.schema.ts';

/**
 * sextant.yaml: the settings a RevOps owner reviews (no secrets — those stay in env/.env).
 * Every key has a default, so an empty file (or none) is a valid configuration.
 */
const ApiBudget = z.strictObject({
  /** Share of the org's remaining daily calls one run may spend. */
  runShare: z.number().gt(0).max(1).default(0.25),
  /** Stop when the org's usage passes this share of its daily maximum. */
  orgFloor: z.number().gt(0).max(1).default(0.8),
});

const Sync = z.strictObject({
  objects: z.array(z.enum(['users', 'accounts', 'contacts', 'opportunities', 'subscriptions'])).default(['users', 'accounts', 'contacts', 'opportunities', 'subscriptions']),
  /** Above this many changed rows an object is read with Bulk API 2.0, below with REST (Salesforce suggests ~2,000). */
  bulkThreshold: z.number().int().positive().default(10_000),
  restBatchSize: z.number().int().min(200).max(2000).default(2000),
  /** Rows per Bulk results page: smaller pages overlap download with writing and keep memory low. */
  bulkPageSize: z.number().int().positive().max(1_000_000).default(25_000),
  /** Re-read this much before the cursor: rows committed late still get picked up. */
  lookbackMinutes: z.number().int().nonnegative().default(10),
  /** Compare Id sets to find hard deletes (Recycle Bin purges) at least this often. */
  hardDeleteSweepDays: z.number().int().positive().default(7),
  apiBudget: ApiBudget.default({ runShare: 0.25, orgFloor: 0.8 }),
});

export const SextantConfig = z.strictObject({
  mappingsDir: z.string().default('mappings'),
  rulesDir: z.string().default('rules'),
  sync: Sync.default(Sync.parse({})),
  /** Product usage from the warehouse; without it, sync reads Salesforce only. */
  usage: UsageConfig.optional(),
  /** The reconciliation's data-owner decisions (YAML or CSV); optional. */
  keyOverridesFile: z.string().optional(),
  /** NPS survey responses: the survey tool's CSV export, read by `sextant nps`. */
  nps: z.strictObject({ file: z.string().min(1) }).optional(),
});
export type SextantConfig = z.infer<typeof SextantConfig>;
export type SyncConfig = SextantConfig['sync'];
