import type { DirtyKeyResult } from './dirty-keys.ts';
import type { AccountPlan, UsagePattern, WarehouseAccount } from './demo-types.ts';
import type { Rng } from './random.ts';

/**
 * Behaviour per pattern: p = a regular user's logins per weekday, min = the account's floor in
 * logins per weekday (so small accounts still show their pattern, not noise), fpl = features
 * used per login, features = how many core features, power = chance of a daily power user.
 */
const BEHAVIOUR: Record<UsagePattern, { p: number; min: number; fpl: number; features: readonly [number, number]; power: number }> = {
  healthy: { p: 0.05, min: 0.3, fpl: 0.6, features: [3, 4], power: 1 },
  steady: { p: 0.07, min: 0.7, fpl: 0.7, features: [2, 4], power: 0 },
  'low-adoption': { p: 0.06, min: 0.5, fpl: 0.12, features: [1, 1], power: 0.5 },
  declining: { p: 0.07, min: 1.0, fpl: 0.6, features: [2, 3], power: 0.5 },
  inactive: { p: 0.06, min: 0.5, fpl: 0.5, features: [1, 3], power: 0.3 },
  ramping: { p: 0.08, min: 0.6, fpl: 0.5, features: [1, 2], power: 1 },
  churning: { p: 0.07, min: 1.0, fpl: 0.5, features: [1, 3], power: 0.5 },
  'churn-noise': { p: 0.07, min: 0.7, fpl: 0.7, features: [2, 4], power: 0.5 },
  none: { p: 0, min: 0, fpl: 0, features: [1, 1], power: 0 },
};

/** High-utilization accounts cycle through every user at least every ~15 weekdays. */
const HIGH_UTILIZATION_CYCLE_DAYS = 15;

const activity = (
  rng: Rng,
  pattern: UsagePattern,
  fromDay: number,
  asOfDay: number,
  users: number,
  highUtilization: boolean,
  lostDay: number | null,
): Omit<WarehouseAccount, 'key' | 'domain' | 'name' | 'planIndex' | 'licenses' | 'users' | 'pattern'> => {
  const b = BEHAVIOUR[pattern];
  const rate = Math.max(b.min, users * b.p, highUtilization ? users / HIGH_UTILIZATION_CYCLE_DAYS : 0);
  const base = {
    fromDay,
    untilDay: asOfDay - 1,
    declineStartDay: null as number | null,
    floor: 1,
    loginsPerDay: pattern === 'none' ? 0 : rate,
    powerUser: rng.chance(b.power),
    featuresPerLogin: b.fpl,
    featureCount: rng.int(b.features[0], b.features[1]),
  };
  switch (pattern) {
    case 'declining':
      // Down to 5–15% of normal for the last 18+ days: a ≥ 40% drop on any recent window.
      return { ...base, declineStartDay: asOfDay - rng.int(28, 40), floor: rng.float(0.05, 0.15) };
    case 'inactive':
      // Last activity 31–75 days before asOf: "no login for 30+ days".
      return { ...base, untilDay: asOfDay - rng.int(31, 75) };
    case 'churning': {
      const lost = lostDay ?? asOfDay;
      return { ...base, untilDay: Math.min(asOfDay - 1, lost + rng.int(0, 3)), declineStartDay: lost - rng.int(25, 40), floor: rng.float(0.1, 0.25) };
    }
    case 'churn-noise':
      return { ...base, untilDay: Math.min(asOfDay - 1, lostDay ?? asOfDay) };
    case 'none':
      return { ...base, fromDay: asOfDay, untilDay: asOfDay - 1, powerUser: false };
    default:
      return base;
  }
};

/**
 * One warehouse account per customer plan that the product knows (with its clean or dirty
 * identity), plus the orphans no CRM account has. Prospects, long-gone churned customers and the
 * second account of a key conflict have none.
 */
export const buildWarehouseAccounts = (rng: Rng, plans: readonly AccountPlan[], dirty: DirtyKeyResult, asOfDay: number): WarehouseAccount[] => {
  const accounts: WarehouseAccount[] = [];
  for (const plan of plans) {
    if (plan.status === 'Prospect' || (plan.productKey === null && !dirty.identities.has(plan.index))) continue;
    if (plan.status === 'Churned' && plan.pattern === 'none') continue;
    const identity = dirty.identities.has(plan.index)
      ? dirty.identities.get(plan.index)
      : { key: plan.productKey ?? '', domain: plan.domain, name: plan.name };
    if (identity === null || identity === undefined) continue;
    const fromDay = plan.pattern === 'ramping' ? (plan.startDay ?? asOfDay) + rng.int(2, 7) : (plan.startDay ?? asOfDay);
    accounts.push({
      ...identity,
      planIndex: plan.index,
      licenses: plan.licenses,
      users: plan.users,
      pattern: plan.pattern,
      ...activity(rng, plan.pattern, fromDay, asOfDay, plan.users, plan.highUtilization, plan.status === 'Churned' ? plan.renewalDay : null),
    });
  }
  for (const orphan of dirty.orphans) {
    const pattern: UsagePattern = rng.chance(0.6) ? 'steady' : 'healthy';
    const licenses = orphan.freeMail ? rng.int(1, 3) : rng.int(3, 20);
    const users = Math.max(1, Math.floor(licenses * rng.float(0.5, 0.8)));
    accounts.push({
      key: orphan.key, domain: orphan.domain, name: orphan.name, planIndex: -1, licenses, users, pattern,
      ...activity(rng, pattern, asOfDay - rng.int(120, 700), asOfDay, users, false, null),
    });
  }
  return accounts;
};
