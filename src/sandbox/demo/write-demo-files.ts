import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import type { DemoTruth } from './demo-truth.ts';
import type { DemoOrg } from './demo-types.ts';
import type { NpsTruth } from './nps-responses.ts';
import { generateNpsResponses, NPS_COLUMNS } from './nps-responses.ts';
import { DEFAULT_USAGE_DAYS, generateLicenseRows, generateUsageEvents, LICENSE_COLUMNS, USAGE_EVENT_COLUMNS } from './usage-events.ts';
import type { UsageEvent } from './usage-events.ts';

export interface DemoFilesOptions {
  seed: number;
  asOf: Date;
  /** Days of usage history (default 90). */
  days?: number;
}

export interface DemoFilesResult {
  paths: { events: string; licenses: string; nps: string; truth: string };
  rows: { events: number; licenses: number; nps: number };
}

/** truth.json: the org's truth plus what only the files know (NPS defects, usage volume per dirty key). */
export type DemoFilesTruth = DemoTruth & {
  nps: NpsTruth;
  usageFiles: {
    days: number;
    events: number;
    /** Events per warehouse key named in `keys` (orphans, variants, conflicts…): the report's volumes. */
    eventsByKey: Record<string, number>;
  };
};

/** Rows per csv-stringify call: big enough to amortise per-write costs, small enough to stay flat. */
const BATCH_ROWS = 5_000;

/**
 * Streams rows to a CSV file in batches: csv-stringify formats each batch (rows as arrays, in
 * column order; object rows would make it resolve every column path per cell), and the writer
 * waits for the file to drain, so memory stays flat however many rows the iterator yields.
 */
const writeCsv = async <T>(file: string, columns: readonly (keyof T & string)[], rows: Iterable<T>): Promise<void> => {
  const out = createWriteStream(file);
  const flush = async (batch: unknown[][], header: boolean): Promise<void> => {
    const text = stringify(batch, header ? { header: true, columns: [...columns] } : {});
    if (!out.write(text)) await once(out, 'drain');
  };
  let batch: unknown[][] = [];
  let header = true;
  for (const row of rows) {
    batch.push(columns.map((c) => row[c]));
    if (batch.length === BATCH_ROWS) {
      await flush(batch, header);
      header = false;
      batch = [];
    }
  }
  if (batch.length > 0 || header) await flush(batch, header);
  out.end();
  await finished(out);
};

/** Every usage key the truth mentions, so the key-mismatch report's volumes can be checked. */
const keysOfInterest = (truth: DemoTruth): Set<string> => {
  const k = truth.keys;
  return new Set([
    ...k.salesforceIdKeys.map((c) => c.usageKey), ...k.caseOrSpaceVariants.map((c) => c.usageKey), ...k.domainOnly.map((c) => c.usageKey),
    ...k.freeMailDomain.map((c) => c.usageKey), ...k.conflicts.map((c) => c.key), ...k.orphans.map((c) => c.usageKey),
    ...k.merged.flatMap((c) => [c.loserKey, c.survivorKey]), ...k.nameProposals.map((c) => c.usageKey),
  ]);
};

/**
 * Writes the warehouse and survey side of the demo: usage/events.csv (streamed),
 * usage/licenses.csv, nps/responses.csv and truth.json under `dir`.
 */
export const writeDemoFiles = async (dir: string, org: DemoOrg, options: DemoFilesOptions): Promise<DemoFilesResult> => {
  const days = options.days ?? DEFAULT_USAGE_DAYS;
  const paths = {
    events: path.join(dir, 'usage', 'events.csv'),
    licenses: path.join(dir, 'usage', 'licenses.csv'),
    nps: path.join(dir, 'nps', 'responses.csv'),
    truth: path.join(dir, 'truth.json'),
  };
  await mkdir(path.dirname(paths.events), { recursive: true });
  await mkdir(path.dirname(paths.nps), { recursive: true });

  const watched = keysOfInterest(org.truth);
  const eventsByKey: Record<string, number> = Object.fromEntries([...watched].map((key) => [key, 0]));
  let events = 0;
  function* counted(source: Iterable<UsageEvent>): Generator<UsageEvent> {
    for (const event of source) {
      events++;
      if (watched.has(event.account_key)) eventsByKey[event.account_key] = (eventsByKey[event.account_key] ?? 0) + 1;
      yield event;
    }
  }
  await writeCsv<UsageEvent>(paths.events, USAGE_EVENT_COLUMNS, counted(generateUsageEvents(org, { seed: options.seed, asOf: options.asOf, days })));

  const licenses = generateLicenseRows(org, { asOf: options.asOf });
  await writeCsv(paths.licenses, LICENSE_COLUMNS, licenses);

  const nps = generateNpsResponses(org, { seed: options.seed, asOf: options.asOf });
  await writeCsv(paths.nps, NPS_COLUMNS, nps.rows);

  const truth: DemoFilesTruth = { ...org.truth, nps: nps.truth, usageFiles: { days, events, eventsByKey } };
  await writeFile(paths.truth, `${JSON.stringify(truth, null, 2)}\n`);
  return { paths, rows: { events, licenses: licenses.length, nps: nps.rows.length } };
};
