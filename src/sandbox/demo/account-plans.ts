import { demoRecordId } from './demo-ids.ts';
import type { AccountPlan, CustomerStatus, Segment, UsagePattern } from './demo-types.ts';
import type { NamePools } from './name-pools.ts';
import type { Rng } from './random.ts';
import { addYears, flat } from './time-format.ts';
import type { UserRoster } from './user-records.ts';

export interface PlanContext {
  rng: Rng;
  pools: NamePools;
  count: number;
  asOfDay: number;
  roster: UserRoster;
}

export const INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Manufacturing', 'Retail', 'Education', 'Media', 'Government', 'Energy', 'Other'];

const SEGMENT_WEIGHTS: Record<Segment, number> = { Strategic: 5, Enterprise: 15, 'Mid-Market': 30, SMB: 50 };
const STATUS_WEIGHTS: Record<CustomerStatus, number> = { Prospect: 8, Onboarding: 7, Active: 73, Churned: 12 };
const ACTIVE_PATTERNS: Record<'healthy' | 'steady' | 'low-adoption' | 'declining' | 'inactive' | 'none', number> = {
  healthy: 38, steady: 27, 'low-adoption': 10, declining: 10, inactive: 8, none: 7,
};
const TENURE_WEIGHTS = { 0: 25, 1: 30, 2: 20, 3: 15, 4: 10 } as const;
export const ARR_RANGE: Record<Segment, readonly [number, number]> = {
  Strategic: [500_000, 3_000_000], Enterprise: [100_000, 500_000], 'Mid-Market': [20_000, 100_000], SMB: [2_000, 20_000],
};
/** Per-seat list price: bigger customers pay more per seat (platform fees, premium tiers). */
const SEAT_PRICE: Record<Segment, number> = { Strategic: 15_000, Enterprise: 8_000, 'Mid-Market': 3_000, SMB: 1_200 };
const NAME_SUFFIXES = ['Inc.', 'LLC', 'Corp', 'Group', 'Systems', 'Labs', 'Technologies', 'Holdings', 'Partners', 'Industries', 'Co.'];
const SLUGGED_SUFFIXES = new Set(['Systems', 'Labs', 'Group', 'Partners']);
const TLDS = ['com', 'com', 'com', 'com', 'io', 'co', 'net'];
/** Website spellings: scheme and www vary, the host is the domain (prefix, suffix). */
const WEBSITE_FORMS = [['https://www.', 'www.', 'https://', 'http://www.'], ['', '', '/']] as const;
const REGIONS = ['EMEA', 'APAC', 'North America', 'LATAM', 'UK', 'DACH', 'Japan', 'Nordics'];
/** Utilization bands (users ÷ licenses) by pattern; kept < 0.8 except the designed high ones. */
const UTILIZATION: Record<UsagePattern, readonly [number, number]> = {
  healthy: [0.55, 0.8], steady: [0.45, 0.75], 'low-adoption': [0.25, 0.45], declining: [0.5, 0.8], inactive: [0.3, 0.6],
  ramping: [0.3, 0.6], churning: [0.5, 0.8], 'churn-noise': [0.55, 0.8], none: [0, 0],
};

/** Product account keys as the product issues them: 'PA-000123'. */
export const productKey = (n: number): string => `PA-${String(n).padStart(6, '0')}`;

export const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

const roundTo = (value: number, step: number): number => Math.round(value / step) * step;

export const segmentArr = (rng: Rng, segment: Segment): number => {
  const [min, max] = ARR_RANGE[segment];
  return Math.min(max - 100, Math.max(min, roundTo(rng.logUniform(min, max), 100)));
};

/**
 * Decides every account's segment, status, money, dates, owner and usage pattern, in index
 * order; Strategic/Enterprise parents are followed by their children. Dirty keys are applied
 * afterwards by `applyDirtyKeys`.
 */
export const planAccounts = (ctx: PlanContext): AccountPlan[] => {
  const { rng, pools, count, asOfDay, roster } = ctx;
  const plans: AccountPlan[] = [];
  const turn = { senior: 0, csm: 0, ae: 0 };
  const next = (ids: readonly string[], key: keyof typeof turn): string => ids[turn[key]++ % ids.length] ?? roster.adminId;

  // Next free number per base domain: probing a Set would be quadratic in popular stems.
  const domainUses = new Map<string, number>();
  const uniqueDomain = (base: string, tld: string): string => {
    const plain = flat(base, '.', tld);
    const uses = domainUses.get(plain) ?? 0;
    domainUses.set(plain, uses + 1);
    return uses === 0 ? plain : flat(base, uses + 1, '.', tld);
  };

  const owners = (segment: Segment, status: CustomerStatus): { ownerId: string; csmId: string | null } => {
    if (status === 'Prospect') return { ownerId: next(roster.accountExecutiveIds, 'ae'), csmId: null };
    if (segment === 'SMB') return { ownerId: roster.digitalQueueId, csmId: null };
    if (segment === 'Strategic') {
      const id = next(roster.seniorCsmIds, 'senior');
      return { ownerId: id, csmId: id };
    }
    const id = next(roster.csmIds, 'csm');
    // Pooled Mid-Market accounts sometimes have no named CSM: routing must fall back.
    return { ownerId: id, csmId: segment === 'Mid-Market' && rng.chance(0.1) ? null : id };
  };

  const makePlan = (segment: Segment, status: CustomerStatus, parent: AccountPlan | null, region: string): AccountPlan => {
    const index = plans.length;
    const industry = parent?.industry ?? rng.pick(INDUSTRIES);
    let stem: string;
    let name: string;
    let domain: string;
    if (parent) {
      stem = parent.stem;
      name = flat(parent.name, ' (', region, ')');
      domain = uniqueDomain(`${parent.domain.split('.')[0] ?? slug(stem)}-${slug(region)}`, 'com');
    } else {
      stem = rng.pick(pools.companyStems);
      const suffix = rng.pick(NAME_SUFFIXES);
      name = flat(stem, ' ', suffix);
      domain = uniqueDomain(slug(stem) + (SLUGGED_SUFFIXES.has(suffix) ? slug(suffix) : ''), rng.pick(TLDS));
    }
    const website = rng.chance(0.03) ? null : flat(rng.pick(WEBSITE_FORMS[0]), domain, rng.pick(WEBSITE_FORMS[1]));
    const plan: AccountPlan = {
      index, id: demoRecordId('001', index + 1), name, segment, status, parentIndex: parent?.index ?? null, industry, stem,
      domain, website, arr: 0, contractArr: segmentArr(rng, segment),
      startDay: null, renewalDay: null, termStartDay: null, onboardingComplete: false, firstValueDay: null,
      createdDay: asOfDay - rng.int(10, 500), ...owners(segment, status),
      productKey: null, isDeleted: false, masterIndex: null, pattern: 'none', licenses: 0, users: 0, highUtilization: false,
      contactStart: 0, contactCount: 0, adminContact: -1, championContact: -1, sponsorContact: -1,
    };
    if (status !== 'Prospect') fillCustomer(rng, plan, asOfDay);
    plans.push(plan);
    return plan;
  };

  while (plans.length < count) {
    const segment = rng.weighted(SEGMENT_WEIGHTS);
    const status = rng.weighted(STATUS_WEIGHTS);
    const parent = makePlan(segment, status, null, '');
    const room = count - plans.length;
    const isParent = status === 'Active' && room > 0
      && ((segment === 'Strategic' && rng.chance(0.35)) || (segment === 'Enterprise' && rng.chance(0.12)));
    if (!isParent) continue;
    const children = Math.min(room, segment === 'Strategic' ? rng.int(2, 4) : rng.int(1, 2));
    const regions = rng.shuffle([...REGIONS]);
    for (let c = 0; c < children; c++) {
      const childSegment: Segment = segment === 'Strategic' ? rng.pick(['Enterprise', 'Mid-Market'] as const) : rng.pick(['Mid-Market', 'Mid-Market', 'SMB'] as const);
      makePlan(childSegment, rng.chance(0.9) ? 'Active' : 'Onboarding', parent, regions[c % regions.length] ?? 'EMEA');
    }
  }
  return plans;
};

/** Contract dates, ARR, key, usage pattern and seats for a (current or former) customer. */
const fillCustomer = (rng: Rng, plan: AccountPlan, asOfDay: number): void => {
  if (plan.status === 'Active') {
    const renewal = asOfDay + rng.int(1, 365);
    let tenure = Number(rng.weighted(TENURE_WEIGHTS));
    let start = addYears(renewal, -(tenure + 1));
    // An Active account has been live long enough to be past onboarding.
    while (start > asOfDay - 100) start = addYears(renewal, -(++tenure + 1));
    plan.renewalDay = renewal;
    plan.startDay = start;
    plan.termStartDay = addYears(renewal, -1);
    plan.onboardingComplete = rng.chance(0.98);
    plan.firstValueDay = rng.chance(0.85) ? Math.min(asOfDay - 1, start + rng.int(20, 80)) : null;
    plan.arr = plan.contractArr;
    plan.pattern = rng.weighted(ACTIVE_PATTERNS);
  } else if (plan.status === 'Onboarding') {
    // A quarter are stuck: signed 61–100 days ago and still not onboarded.
    const start = asOfDay - (rng.chance(0.25) ? rng.int(61, 100) : rng.int(3, 60));
    plan.startDay = start;
    plan.termStartDay = start;
    plan.renewalDay = addYears(start, 1);
    plan.arr = plan.contractArr;
    plan.pattern = start <= asOfDay - 7 && rng.chance(0.75) ? 'ramping' : 'none';
  } else {
    // Most churn is recent, so even a small demo has a cohort for the churn backtest.
    const recent = rng.chance(0.6);
    const lost = asOfDay - (recent ? rng.int(5, 45) : rng.int(90, 400));
    const tenure = rng.int(0, 3);
    plan.renewalDay = lost;
    plan.startDay = addYears(lost, -(tenure + 1));
    plan.termStartDay = addYears(lost, -1);
    plan.onboardingComplete = true;
    plan.firstValueDay = plan.startDay + rng.int(20, 80);
    plan.pattern = recent ? (rng.chance(0.7) ? 'churning' : 'churn-noise') : 'none';
  }
  plan.createdDay = (plan.startDay ?? asOfDay) - rng.int(30, 240);
  plan.productKey = productKey(plan.index + 1);
  // At least 3 seats, so a designed utilization band survives rounding to whole users.
  plan.licenses = Math.max(3, Math.round((plan.contractArr * 0.7) / SEAT_PRICE[plan.segment]));
  assignSeats(rng, plan);
};

/**
 * Product users from licenses and pattern. Only the designed high-utilization accounts (some
 * healthy/steady ones) reach 85% of seats: the others floor below 80%, so the truth list is exact.
 */
export const assignSeats = (rng: Rng, plan: AccountPlan): void => {
  plan.highUtilization = (plan.pattern === 'healthy' && rng.chance(0.15)) || (plan.pattern === 'steady' && rng.chance(0.1));
  if (plan.pattern === 'none') {
    plan.users = 0;
    plan.highUtilization = false;
  } else if (plan.highUtilization) {
    plan.users = Math.ceil(plan.licenses * rng.float(1.0, 1.1));
  } else {
    const [lo, hi] = UTILIZATION[plan.pattern];
    plan.users = Math.max(1, Math.floor(plan.licenses * rng.float(lo, hi)));
  }
};

/**
 * Hands a few plain Active accounts to the deactivated former CSM: owner routing must notice
 * an inactive owner instead of assigning CTAs to nobody.
 */
export const assignInactiveOwner = (rng: Rng, plans: AccountPlan[], inactiveUserId: string): AccountPlan[] => {
  const candidates = rng.shuffle(plans.filter((p) =>
    p.status === 'Active' && !p.isDeleted && p.parentIndex === null && (p.segment === 'Mid-Market' || p.segment === 'Enterprise')));
  const chosen = candidates.slice(0, Math.max(1, Math.round(plans.length * 0.005)));
  for (const plan of chosen) {
    plan.ownerId = inactiveUserId;
    plan.csmId = inactiveUserId;
  }
  return chosen;
};
