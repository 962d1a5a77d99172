/**
 * The cached input of bench/usage: the demo's raw usage events and licences as Parquet, and the
 * demo's Account records, in a folder under the OS temp dir keyed by (accounts, days, seed).
 * Generating ~11M events takes minutes, so later runs reuse the folder; meta.json records what
 * was generated, and a hash of the demo generator's sources, so a changed generator regenerates.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type UsageFixtureKey = { accounts: number; days: number; seed: number };

export const UsageFixtureMeta = z.object({
  accounts: z.number().int(),
  days: z.number().int(),
  seed: z.number(),
  /** The demo's asOf: events cover the `days` UTC days before its day. */
  asOf: z.string(),
  events: z.number().int(),
  /** Warehouse keys with at least one event. */
  eventKeys: z.number().int(),
  licenses: z.number().int(),
  crmAccounts: z.number().int(),
  generator: z.string(),
  generatedSeconds: z.number(),
});
export type UsageFixtureMeta = z.infer<typeof UsageFixtureMeta>;

export const fixtureDir = (key: UsageFixtureKey): string => path.join(tmpdir(), `sextant-bench-usage-${key.accounts}-${key.days}-${key.seed}`);

export const fixtureFiles = (dir: string): { events: string; licenses: string; accounts: string; meta: string } => ({
  events: path.join(dir, 'events.parquet'),
  licenses: path.join(dir, 'licenses.parquet'),
  /** The demo Account records, one JSON object a line, with the fields mappings/accounts.yaml selects. */
  accounts: path.join(dir, 'accounts.jsonl'),
  meta: path.join(dir, 'meta.json'),
});

/** A short hash of the demo generator's sources: the events depend on nothing else. */
export const generatorVersion = (): string => {
  const dir = path.join(ROOT, 'src/sandbox/demo');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) hash.update(name).update(readFileSync(path.join(dir, name)));
  return hash.digest('hex').slice(0, 12);
};

/** The cached fixture's meta when it is complete and matches the key and the current generator. */
export const readFixture = (key: UsageFixtureKey): { meta: UsageFixtureMeta | null; stale: string | null } => {
  let text: string;
  try {
    text = readFileSync(fixtureFiles(fixtureDir(key)).meta, 'utf8');
  } catch {
    return { meta: null, stale: null };
  }
  const parsed = UsageFixtureMeta.safeParse(JSON.parse(text));
  if (!parsed.success) return { meta: null, stale: 'meta.json is from an older bench' };
  const meta = parsed.data;
  if (meta.accounts !== key.accounts || meta.days !== key.days || meta.seed !== key.seed) return { meta: null, stale: 'meta.json names another key' };
  if (meta.generator !== generatorVersion()) return { meta: null, stale: 'the demo generator changed since' };
  return { meta, stale: null };
};
