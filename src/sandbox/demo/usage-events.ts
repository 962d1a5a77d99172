import type { DemoOrg, WarehouseAccount } from './demo-types.ts';
import { FREE_MAIL_DOMAIN } from './dirty-keys.ts';
import { buildNamePools } from './name-pools.ts';
import type { NamePools } from './name-pools.ts';
import { mixSeed, Rng } from './random.ts';
import { DAY_MS, dayOf, formatDay, formatIsoUtc } from './time-format.ts';

export const CORE_FEATURES = ['dashboards', 'reports', 'workflows', 'integrations'] as const;
export type CoreFeature = (typeof CORE_FEATURES)[number];

/** Column order of usage/events.csv. */
export const USAGE_EVENT_COLUMNS = ['event_id', 'occurred_at', 'account_key', 'account_domain', 'user_id', 'user_email', 'event_type', 'feature'] as const;

/** One raw product event as the warehouse stores it (aggregated later by SQL). */
export interface UsageEvent {
  event_id: string;
  /** ISO 8601 UTC, 'YYYY-MM-DDTHH:mm:ssZ'. */
  occurred_at: string;
  account_key: string;
  account_domain: string;
  user_id: string;
  user_email: string;
  event_type: 'login' | 'feature_used';
  /** A core feature for feature_used, '' for logins. */
  feature: CoreFeature | '';
}

export interface UsageOptions {
  seed: number;
  asOf: Date;
  /** Days of history before asOf's UTC day (default 90). */
  days?: number;
}

export const DEFAULT_USAGE_DAYS = 90;
/** A power user (the admin of a healthy account) logs in nearly every day, weekends included. */
const POWER_USER_P = 0.97;
/** Regular users log in less at weekends. */
const WEEKEND_FACTOR = 0.35;
/** Declines reach their floor this many days after they start. */
const DECLINE_RAMP_DAYS = 10;
const RAMP_UP_DAYS = 45;

/** Activity multiplier for a warehouse account on a day: 0 outside its active span. */
export const activityLevel = (w: WarehouseAccount, day: number): number => {
  if (day < w.fromDay || day > w.untilDay) return 0;
  let level = 1;
  if (w.pattern === 'ramping') level = Math.min(1, 0.2 + (0.8 * (day - w.fromDay)) / RAMP_UP_DAYS);
  if (w.declineStartDay !== null && day >= w.declineStartDay) {
    const progress = Math.min(1, (day - w.declineStartDay) / DECLINE_RAMP_DAYS);
    level *= 1 - progress * (1 - w.floor);
  }
  return level;
};

interface ProductUser {
  id: string;
  email: string;
}

/**
 * Product users of one warehouse account: the CRM contacts first (so surveys and usage share
 * people), then generated colleagues on the account's domain. Built lazily and kept, since the
 * day-major loop revisits every account each day; bounded by the number of seats.
 */
const productUsers = (org: DemoOrg, pools: NamePools, w: WarehouseAccount, wi: number): ProductUser[] => {
  const plan = w.planIndex >= 0 ? org.plans[w.planIndex] : undefined;
  const contacts = org.records.Contact ?? [];
  const users: ProductUser[] = [];
  for (let u = 0; u < w.users; u++) {
    const contact = plan !== undefined && u < plan.contactCount ? contacts[plan.contactStart + u] : undefined;
    const email = contact?.Email;
    let address: string;
    if (typeof email === 'string' && email.endsWith(`@${w.domain}`)) {
      address = email;
    } else {
      const h = mixSeed(org.truth.seed, wi, u);
      const first = typeof contact?.FirstName === 'string' ? contact.FirstName : (pools.firstNames[h % pools.firstNames.length] ?? 'user');
      const last = typeof contact?.LastName === 'string' ? contact.LastName : (pools.lastNames[(h >>> 11) % pools.lastNames.length] ?? String(u));
      // Free-mail users need a disambiguating number, as real gmail addresses have.
      const local = w.domain === FREE_MAIL_DOMAIN ? `${first}.${last}${wi}_${u}` : `${first}.${last}`;
      address = `${local}@${w.domain}`.toLowerCase();
    }
    users.push({ id: `U${String(wi + 1).padStart(6, '0')}-${u + 1}`, email: address });
  }
  return users;
};

/**
 * Streams raw usage events, day by day over the window, for every warehouse account, following
 * its planned pattern (healthy daily logins, stopped logins, declines, narrow feature use,
 * ramp-up, churn). A generator: 10M events never exist at once. Deterministic in (org, options).
 */
export function* generateUsageEvents(org: DemoOrg, options: UsageOptions): Generator<UsageEvent, void, undefined> {
  const days = options.days ?? DEFAULT_USAGE_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const rng = new Rng(options.seed, 0x05a6e);
  const pools = buildNamePools(org.truth.seed);
  const endDay = dayOf(options.asOf.getTime());
  const count = org.warehouse.length;
  const users: (ProductUser[] | undefined)[] = new Array(count);
  // Per account: fractional logins carried to the next day, and the next regular user's turn.
  // Carrying the fraction (instead of a coin per user) keeps every account on its planned rate,
  // so a declining account measurably declines even when it has two users.
  const carry = new Float64Array(count);
  const turn = new Int32Array(count);
  let sequence = 0;

  for (let day = endDay - days; day < endDay; day++) {
    const weekday = new Date(day * DAY_MS).getUTCDay();
    const dayFactor = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
    const dayStart = day * DAY_MS;
    for (let wi = 0; wi < count; wi++) {
      const w = org.warehouse[wi] as WarehouseAccount;
      const level = activityLevel(w, day);
      if (level <= 0) continue;
      const people = (users[wi] ??= productUsers(org, pools, w, wi));
      const first = w.powerUser && people.length > 1 ? 1 : 0;
      const logins: ProductUser[] = [];
      if (w.powerUser && people[0] !== undefined && rng.next() < POWER_USER_P * level) logins.push(people[0]);
      const due = (carry[wi] ?? 0) + w.loginsPerDay * level * dayFactor * rng.float(0.75, 1.25);
      const regular = Math.floor(due);
      carry[wi] = due - regular;
      for (let n = 0; n < regular; n++) {
        const t = turn[wi] ?? 0;
        turn[wi] = t + 1;
        const person = people[first + (t % (people.length - first))];
        if (person !== undefined) logins.push(person);
      }
      // An inactive account's last login is exactly its last active day: "no login for N days".
      if (logins.length === 0 && w.pattern === 'inactive' && day === w.untilDay && people[0] !== undefined) logins.push(people[0]);
      const offset = wi % CORE_FEATURES.length;
      for (const person of logins) {
        // US business hours (13:00–22:59 UTC); features follow the login within the hour.
        let at = dayStart + rng.int(13 * 3600, 23 * 3600 - 1) * 1000;
        yield event(++sequence, at, w, person, 'login', '');
        for (let f = rng.poisson(w.featuresPerLogin); f > 0; f--) {
          at += rng.int(20, 600) * 1000;
          // Skewed towards the account's first feature: adoption is uneven within an account.
          const pick = Math.floor(rng.next() ** 1.5 * w.featureCount);
          yield event(++sequence, at, w, person, 'feature_used', CORE_FEATURES[(offset + pick) % CORE_FEATURES.length] ?? 'dashboards');
        }
      }
    }
  }
}

const event = (n: number, at: number, w: WarehouseAccount, person: ProductUser, type: UsageEvent['event_type'], feature: UsageEvent['feature']): UsageEvent => ({
  event_id: `evt-${String(n).padStart(10, '0')}`,
  occurred_at: formatIsoUtc(at),
  account_key: w.key,
  account_domain: w.domain,
  user_id: person.id,
  user_email: person.email,
  event_type: type,
  feature,
});

/** Column order of usage/licenses.csv. */
export const LICENSE_COLUMNS = ['account_key', 'licenses_provisioned', 'as_of', 'account_name'] as const;

export interface LicenseRow {
  account_key: string;
  licenses_provisioned: number;
  as_of: string;
  /** The product's own name for the account: the only hint for name-similarity proposals. */
  account_name: string;
}

/** Seats provisioned per warehouse account as of asOf; churned accounts are deprovisioned (0). */
export const generateLicenseRows = (org: DemoOrg, options: { asOf: Date }): LicenseRow[] => {
  const asOfDay = formatDay(dayOf(options.asOf.getTime()));
  return org.warehouse.map((w) => ({
    account_key: w.key,
    licenses_provisioned: w.pattern === 'churning' || w.pattern === 'churn-noise' ? 0 : w.licenses,
    as_of: asOfDay,
    account_name: w.name,
  }));
};
