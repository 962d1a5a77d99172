import { dayOf } from '../../../../src/sandbox/demo/time-format.ts';
import { generateDemoOrg } from '../../../../src/sandbox/demo/generate-demo-org.ts';
import type { DemoOrg } from '../../../../src/sandbox/demo/demo-types.ts';
import { generateUsageEvents } from '../../../../src/sandbox/demo/usage-events.ts';

/** Shared fixtures: generating an org costs up to a second, so each size is built once. */
export const AS_OF = new Date('2026-05-01T08:00:00.000Z');
export const AS_OF_DAY = dayOf(AS_OF.getTime());
export const SEED = 42;
export const DAYS = 90;

const orgs = new Map<string, DemoOrg>();

export const demoOrg = (accounts: number, seed = SEED): DemoOrg => {
  const key = `${accounts}:${seed}`;
  let org = orgs.get(key);
  if (org === undefined) {
    org = generateDemoOrg({ accounts, seed, asOf: AS_OF });
    orgs.set(key, org);
  }
  return org;
};

/** What the warehouse's SQL would derive per account key, computed from the raw events. */
export interface KeyUsage {
  /** Events per day, index 0 = the first day of the window. */
  daily: number[];
  logins: number;
  lastLoginDay: number | null;
  features30: Set<string>;
  users30: Set<string>;
  events: number;
}

const usageCache = new Map<DemoOrg, Map<string, KeyUsage>>();

export const usageByKey = (org: DemoOrg): Map<string, KeyUsage> => {
  const cached = usageCache.get(org);
  if (cached) return cached;
  const byKey = new Map<string, KeyUsage>();
  const first = AS_OF_DAY - DAYS;
  for (const e of generateUsageEvents(org, { seed: SEED, asOf: AS_OF, days: DAYS })) {
    let u = byKey.get(e.account_key);
    if (!u) {
      u = { daily: new Array<number>(DAYS).fill(0), logins: 0, lastLoginDay: null, features30: new Set(), users30: new Set(), events: 0 };
      byKey.set(e.account_key, u);
    }
    const day = dayOf(Date.parse(e.occurred_at));
    u.daily[day - first] = (u.daily[day - first] ?? 0) + 1;
    u.events++;
    if (e.event_type === 'login') {
      u.logins++;
      u.lastLoginDay = Math.max(u.lastLoginDay ?? day, day);
    }
    if (day >= AS_OF_DAY - 30) {
      u.users30.add(e.user_id);
      if (e.feature !== '') u.features30.add(e.feature);
    }
  }
  usageCache.set(org, byKey);
  return byKey;
};

/** Mean daily events over a window of days before asOf (e.g. last 14) vs the whole window. */
export const recentVsBaseline = (u: KeyUsage | undefined, recentDays: number): number => {
  if (!u) return 0;
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const baseline = mean(u.daily);
  return baseline === 0 ? 0 : mean(u.daily.slice(-recentDays)) / baseline;
};
