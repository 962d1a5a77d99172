/**
 * bench/score's setup (untimed): the demo org's accounts and opportunities normalised through
 * mappings/*.yaml into a SQLite store, 90 days of daily usage rollups per warehouse key following
 * each account's planned pattern (healthy, declining, inactive, churning …), and the identity map
 * from a reconcile run. Usage days are built from the same activity curves the demo's raw events
 * follow, without generating the events themselves (bench/usage measures that path).
 */
import path from 'node:path';
import { compileNormalizer, loadMappings, soqlFieldList, type ObjectMapping, type RawRow } from '../../src/config/mappings/index.ts';
import { DEFAULT_RECONCILE_RULES } from '../../src/config/rules/reconcile-rules.schema.ts';
import type { CrmObjectName } from '../../src/domain/crm-records.ts';
import type { UsageAccount, UsageDay } from '../../src/domain/usage.ts';
import { runReconcile } from '../../src/pipeline/reconcile/run-reconcile.ts';
import { generateDemoOrg } from '../../src/sandbox/demo/generate-demo-org.ts';
import { deriveFields } from '../../src/sandbox/org/derived-fields.ts';
import { activityLevel, CORE_FEATURES } from '../../src/sandbox/demo/usage-events.ts';
import { openStore } from '../../src/store/open-store.ts';

export type SeedArgs = { dbFile: string; accounts: number; days: number; asOf: string; root: string };
const args = JSON.parse(process.argv[2] ?? '{}') as SeedArgs;
const DAY_MS = 86_400_000;

const started = performance.now();
const org = generateDemoOrg({ accounts: args.accounts, seed: 7, asOf: new Date(args.asOf) });
const mappings = await loadMappings(path.join(args.root, 'mappings'));
const store = await openStore(`sqlite:${args.dbFile}`);
const counts: Record<string, number> = {};
try {
  for (const [object, sobject] of [['accounts', 'Account'], ['opportunities', 'Opportunity']] as const) {
    const mapping = mappings.byObject[object] as ObjectMapping & { object: CrmObjectName };
    const normalize = compileNormalizer(mapping);
    // As a query returns them: every selected field present, null when the record has no value.
    const fields = soqlFieldList(mapping);
    const asSelected = (r: Record<string, unknown>): RawRow => Object.fromEntries(fields.map((f) => [f, (r[f] ?? null) as RawRow[string]]));
    let sequence = 0;
    // The fields the org computes on write (IsClosed/IsWon from StageName …), as the sandbox would.
    for (const r of org.records[sobject] ?? []) deriveFields(sobject, r, args.asOf, () => ++sequence);
    const rows = (org.records[sobject] ?? []).map((r) => normalize(asSelected(r), { runId: 'bench', asOf: args.asOf })).filter((n) => n.ok).map((n) => (n as unknown as { record: never }).record);
    for (let i = 0; i < rows.length; i += 10_000) await store.upsertRecords(object, rows.slice(i, i + 10_000));
    counts[object] = rows.length;
  }
  // Deterministic daily rollups from each warehouse account's activity curve.
  const endDay = Math.floor(Date.parse(args.asOf) / DAY_MS);
  let batch: UsageDay[] = [];
  let days = 0;
  const usageAccounts: UsageAccount[] = [];
  for (const [wi, w] of org.warehouse.entries()) {
    usageAccounts.push({ accountKey: w.key, domain: w.domain, name: w.name, licenses: w.licenses, events: 0, firstDay: null, lastDay: null });
    for (let day = endDay - args.days; day < endDay; day++) {
      const level = activityLevel(w, day);
      if (level <= 0) continue;
      const weekend = [0, 6].includes(new Date(day * DAY_MS).getUTCDay());
      const logins = Math.round((w.loginsPerDay * level * (weekend ? 0.35 : 1)) + (w.powerUser ? 1 : 0));
      if (logins === 0) continue;
      const featureEvents: Record<string, number> = {};
      for (let f = 0; f < w.featureCount; f++) featureEvents[CORE_FEATURES[(wi + f) % CORE_FEATURES.length]!] = Math.max(1, Math.round(logins * w.featuresPerLogin / (f + 1)));
      const events = logins + Object.values(featureEvents).reduce((a, b) => a + b, 0);
      const iso = new Date(day * DAY_MS).toISOString();
      batch.push({ accountKey: w.key, day: iso.slice(0, 10), activeUsers: Math.min(w.users, logins), logins, lastLoginAt: `${iso.slice(0, 10)}T18:00:00.000Z`, featureEvents, events, licenses: w.licenses });
      if (batch.length === 20_000) {
        days += await store.upsertUsageDays(batch);
        batch = [];
      }
    }
  }
  days += await store.upsertUsageDays(batch);
  await store.upsertUsageAccounts(usageAccounts);
  await store.refreshUsageVolumes();
  counts.usageDays = days;
  const reconciled = await runReconcile({ store, rules: DEFAULT_RECONCILE_RULES, overrides: [], asOf: new Date(args.asOf) });
  counts.links = reconciled.links;
} finally {
  await store.close();
}
process.stdout.write(`${JSON.stringify({ ...counts, seconds: (performance.now() - started) / 1000 })}\n`);
