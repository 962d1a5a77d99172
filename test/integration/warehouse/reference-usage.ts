import type { DayRange, UsageAccount, UsageDay } from '../../../src/domain/usage.ts';
import type { LicenseRow, UsageEvent } from '../../../src/sandbox/demo/index.ts';

/**
 * The same aggregation written plainly in JavaScript over the raw events, independent of any
 * SQL, to check the warehouses' answers against.
 */
const dayOf = (iso: string): string => new Date(iso).toISOString().slice(0, 10);
const inRange = (day: string, range: DayRange): boolean => day >= range.from && day <= range.to;

const latestLicences = (licenses: readonly LicenseRow[]): Map<string, LicenseRow> => {
  const latest = new Map<string, LicenseRow>();
  for (const row of licenses) {
    const seen = latest.get(row.account_key);
    const newer = seen === undefined || row.as_of > seen.as_of
      || (row.as_of === seen.as_of && row.licenses_provisioned > seen.licenses_provisioned);
    if (newer) latest.set(row.account_key, row);
  }
  return latest;
};

export const referenceRollups = (events: readonly UsageEvent[], licenses: readonly LicenseRow[], features: readonly string[], range: DayRange): UsageDay[] => {
  const seats = latestLicences(licenses);
  const groups = new Map<string, UsageEvent[]>();
  for (const e of events) {
    const day = dayOf(e.occurred_at);
    if (!inRange(day, range)) continue;
    const id = JSON.stringify([e.account_key, day]);
    groups.set(id, [...(groups.get(id) ?? []), e]);
  }
  return [...groups.entries()].map(([id, list]) => {
    const [accountKey, day] = JSON.parse(id) as [string, string];
    const logins = list.filter((e) => e.event_type === 'login');
    const last = logins.map((e) => Date.parse(e.occurred_at)).reduce((a, b) => Math.max(a, b), -Infinity);
    return {
      accountKey,
      day,
      activeUsers: new Set(list.map((e) => e.user_id)).size,
      logins: logins.length,
      lastLoginAt: logins.length === 0 ? null : new Date(last).toISOString(),
      featureEvents: Object.fromEntries(features.map((f) => [f, list.filter((e) => e.event_type === 'feature_used' && e.feature === f).length])),
      events: list.length,
      licenses: seats.get(accountKey)?.licenses_provisioned ?? null,
    };
  });
};

const domainOf = (e: UsageEvent): string | null => {
  const own = e.account_domain.trim().toLowerCase();
  if (own !== '') return own;
  const fromEmail = (e.user_email.split('@')[1] ?? '').trim().toLowerCase();
  return fromEmail === '' ? null : fromEmail;
};

export const referenceAccounts = (events: readonly UsageEvent[], licenses: readonly LicenseRow[], range: DayRange): UsageAccount[] => {
  const seats = latestLicences(licenses);
  const usersByDomain = new Map<string, Map<string, Set<string>>>();
  for (const e of events) {
    if (!inRange(dayOf(e.occurred_at), range)) continue;
    const domains = usersByDomain.get(e.account_key) ?? new Map<string, Set<string>>();
    usersByDomain.set(e.account_key, domains);
    const domain = domainOf(e);
    if (domain !== null) domains.set(domain, (domains.get(domain) ?? new Set()).add(e.user_id));
  }
  // Keys with a licence row but no events in the range are accounts too (provisioned, not started).
  for (const key of seats.keys()) if (!usersByDomain.has(key)) usersByDomain.set(key, new Map());
  return [...usersByDomain.entries()].map(([accountKey, domains]) => {
    const ranked = [...domains.entries()].sort(([a, ua], [b, ub]) => ub.size - ua.size || (a < b ? -1 : a > b ? 1 : 0));
    const licence = seats.get(accountKey);
    return {
      accountKey, domain: ranked[0]?.[0] ?? null, name: licence?.account_name ?? null,
      events: 0, firstDay: null, lastDay: null, licenses: licence?.licenses_provisioned ?? null,
    };
  });
};

/** Code-unit order on key then day: the warehouses sort by their own collations. */
export const byKeyAndDay = <T extends { accountKey: string; day?: string }>(a: T, b: T): number =>
  a.accountKey < b.accountKey ? -1 : a.accountKey > b.accountKey ? 1 : (a.day ?? '') < (b.day ?? '') ? -1 : (a.day ?? '') > (b.day ?? '') ? 1 : 0;
