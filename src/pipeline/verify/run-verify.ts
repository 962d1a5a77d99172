import { compileNormalizer, soqlFieldList, type ObjectMapping } from '../../config/mappings/index.ts';
import type { CrmAccount } from '../../domain/crm-records.ts';
import type { HealthColour } from '../../domain/health.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import type { UsageDay } from '../../domain/usage.ts';
import { addDays, isoDayOf } from '../../lifecycle/index.ts';
import { normalizeCompanyName } from '../../reconcile/company-name.ts';
import { normalizeDomain } from '../../reconcile/normalize-domain.ts';
import { normalizeKey } from '../../reconcile/normalize-key.ts';
import { customerTest, type ReconcileRules } from '../../reconcile/reconcile-rules.ts';
import { compareAccount, type AccountVerdict, type UsageWindow } from '../../reconcile/verify/compare-account.ts';
import { pickVerifySample, type AccountActivity } from '../../reconcile/verify/verify-sample.ts';
import type { Store } from '../../store/store.ts';
import { parseUsageRollupRow } from '../../warehouse/usage-row.ts';
import type { CrmSource } from '../crm-source.port.ts';
import { keysByAccount as linkedKeys } from '../linked-keys.ts';
import type { UsageSource } from '../usage-source.port.ts';

export type VerifyOptions = {
  store: Store;
  crm: CrmSource;
  /** Null when no warehouse is configured: usage is then checked against the store only. */
  usage: UsageSource | null;
  accountMapping: ObjectMapping;
  rules: ReconcileRules;
  coreFeatures: readonly string[];
  colours: ReadonlyMap<string, HealthColour> | null;
  size: number;
  seed: number;
  asOf: Date;
  /** Days of usage compared with the warehouse. */
  usageDays?: number;
};

export type VerifyReport = {
  asOf: string;
  basis: 'health' | 'usage';
  checked: number;
  ok: number;
  flags: Record<string, number>;
  accounts: AccountVerdict[];
  apiCalls: number;
};

const windowOf = (days: readonly UsageDay[], length: number): UsageWindow => ({
  days: length,
  events: days.reduce((n, d) => n + d.events, 0),
  lastActiveDay: days.reduce<string | null>((last, d) => (d.events > 0 && (last === null || d.day > last) ? d.day : last), null),
});

/**
 * `sextant verify`: the QA pass of DOMAIN.md. Samples healthy and at-risk accounts, re-reads them
 * live from Salesforce (one SOQL query per 200 ids) and their recent usage from the warehouse,
 * and compares both with the store field by field.
 */
export const runVerify = async (options: VerifyOptions): Promise<VerifyReport> => {
  const { store, asOf } = options;
  const length = options.usageDays ?? 7;
  const today = isoDayOf(asOf.toISOString());
  const range = { from: addDays(today, -(length - 1)), to: today };
  const accounts: CrmAccount[] = [];
  for await (const account of store.iterateRecords('accounts')) accounts.push(account);
  const links = await store.listIdentityLinks();
  const keysByAccount = linkedKeys(links);
  const lastActive = new Map((await store.listUsageAccounts()).map((u) => [u.accountKey, u.lastDay]));
  const activity = new Map<string, AccountActivity>();
  for (const [accountId, keys] of keysByAccount) {
    const days = keys.map((k) => lastActive.get(k) ?? null).filter((d): d is string => d !== null).sort();
    activity.set(accountId, { keys: keys.length, lastActiveDay: days.at(-1) ?? null });
  }
  const { sample, basis } = pickVerifySample({
    accounts, colours: options.colours, activity, size: options.size, seed: options.seed, asOf, isCustomer: customerTest(options.rules.customers),
  });
  if (sample.length === 0) {
    throw new SextantError('VERIFY_NOTHING_TO_SAMPLE', 'no customer accounts in the store to verify', { kind: 'data', hints: ['Run `sextant sync` first.'] });
  }

  // The org's current version, through the same mapping the sync uses.
  const mapping = options.accountMapping;
  const normalize = compileNormalizer(mapping as ObjectMapping & { object: 'accounts' });
  const callsBefore = options.crm.apiCallsUsed();
  const rows = await options.crm.readByIds(mapping.source, soqlFieldList(mapping), sample.map((s) => s.account.id));
  const live = new Map<string, CrmAccount>();
  for (const row of rows) {
    const n = normalize(row, { runId: 'verify', asOf: asOf.toISOString() });
    if (n.ok) live.set(n.record.id, n.record);
  }

  const sampleKeys = new Set(sample.flatMap((s) => keysByAccount.get(s.account.id) ?? []));
  const storedDays: UsageDay[] = [];
  for await (const page of store.usageDays({ accountKeys: [...sampleKeys], range })) storedDays.push(...page);
  const stored = Map.groupBy(storedDays, (d) => d.accountKey);
  let warehouse: Map<string, UsageDay[]> | null = null;
  if (options.usage !== null) {
    const warehouseDays: UsageDay[] = [];
    for await (const page of options.usage.dailyRollups(range)) {
      for (const raw of page) {
        const parsed = parseUsageRollupRow(raw, { coreFeatures: options.coreFeatures, asOf });
        if (parsed.ok && sampleKeys.has(parsed.day.accountKey)) warehouseDays.push(parsed.day);
      }
    }
    warehouse = Map.groupBy(warehouseDays, (d) => d.accountKey);
  }

  const suffixes = new Set(options.rules.nameProposals.legalSuffixes);
  // What makes two accounts look like one company: each normalizer runs once per account.
  const signatures = (a: CrmAccount): string[] => {
    const name = normalizeCompanyName(a.name, suffixes)?.key;
    const domain = normalizeDomain(a.website);
    const key = normalizeKey(a.productKey);
    return [...(name ? [`name ${name}`] : []), ...(domain ? [`website ${domain}`] : []), ...(key ? [`product key ${key}`] : [])];
  };
  const lookalikeIndex = new Map([...Map.groupBy(accounts.flatMap((a) => signatures(a).map((sig) => ({ sig, a }))), (e) => e.sig)]
    .map(([sig, entries]) => [sig, entries.map((e) => e.a)]));

  const verdicts = sample.map((sampled) => {
    const keys = keysByAccount.get(sampled.account.id) ?? [];
    const lookalikes = signatures(sampled.account).flatMap((sig) =>
      (lookalikeIndex.get(sig) ?? []).filter((o) => o.id !== sampled.account.id).map((o) => ({ id: o.id, name: o.name, shared: sig })));
    return compareAccount({
      sampled,
      live: live.get(sampled.account.id) ?? null,
      storedUsage: keys.length === 0 ? null : windowOf(keys.flatMap((k) => stored.get(k) ?? []), length),
      warehouseUsage: warehouse === null || keys.length === 0 ? null : windowOf(keys.flatMap((k) => warehouse.get(k) ?? []), length),
      lookalikes,
      requiredFields: ['ownerId', 'arr', 'renewalDate'],
    });
  });
  const flags: Record<string, number> = {};
  for (const v of verdicts) for (const f of v.flags) flags[f.code] = (flags[f.code] ?? 0) + 1;
  return {
    asOf: asOf.toISOString(), basis, checked: verdicts.length, ok: verdicts.filter((v) => v.ok).length, flags, accounts: verdicts,
    apiCalls: options.crm.apiCallsUsed() - callsBefore,
  };
};
