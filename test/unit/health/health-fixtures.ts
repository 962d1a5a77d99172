import { readFileSync } from 'node:fs';
import { loadHealthRules } from '../../../src/config/rules/health-rules.schema.ts';
import type { CrmAccount } from '../../../src/domain/crm-records.ts';
import type { AccountFacts, UsageDayFacts } from '../../../src/health/account-facts.ts';
import { isoDay, dayNumber } from '../../../src/health/day-number.ts';
import type { AccountSignals } from '../../../src/health/derive-signals.ts';
import type { HealthRules } from '../../../src/health/health-rules.ts';
import type { SignalValue } from '../../../src/health/signal-catalog.ts';

export const SHIPPED_RULES_TEXT = readFileSync(new URL('../../../rules/health.yaml', import.meta.url), 'utf8');
export const shippedRules = (): HealthRules => loadHealthRules(SHIPPED_RULES_TEXT, 'rules/health.yaml');

export const AS_OF = '2026-11-30T12:00:00.000Z';
export const AS_OF_DAY = '2026-11-30';

/** The day `n` days before (negative: after) AS_OF_DAY. */
export const daysBefore = (n: number, from: string = AS_OF_DAY): string => isoDay(dayNumber(from) - n);

export const account = (over: Partial<CrmAccount> = {}): CrmAccount => ({
  id: '001000000000001AAA',
  isDeleted: false,
  systemModstamp: '2026-11-01T00:00:00.000Z',
  extra: {},
  name: 'Acme Corp',
  parentId: null,
  masterRecordId: null,
  ownerId: null,
  csmId: null,
  arr: 100_000,
  contractStartDate: '2024-01-01',
  renewalDate: daysBefore(-200),
  status: 'Active',
  segment: 'Enterprise',
  industry: null,
  website: null,
  productKey: null,
  onboardingComplete: true,
  firstValueDate: null,
  ...over,
});

/** A usage day; `featureEvents` defaults to every core feature used once. */
export const usageDay = (day: string, over: Partial<UsageDayFacts> = {}): UsageDayFacts => ({
  day,
  activeUsers: 5,
  logins: 5,
  lastLoginAt: `${day}T15:00:00.000Z`,
  featureEvents: { dashboards: 1, reports: 1, workflows: 1, integrations: 1 },
  events: 20,
  licenses: 20,
  ...over,
});

/** Usage on each of the `count` days ending `endDaysAgo` days before AS_OF_DAY. */
export const dailyUsage = (count: number, endDaysAgo = 0, over: Partial<UsageDayFacts> = {}): UsageDayFacts[] =>
  Array.from({ length: count }, (_, i) => usageDay(daysBefore(endDaysAgo + count - 1 - i), over));

/** Facts of a healthy account: every shipped measure green. */
export const facts = (over: Partial<AccountFacts> = {}): AccountFacts => ({
  account: account(),
  usage: { linkedKeys: 1, days: dailyUsage(120) },
  licenses: null,
  execSponsor: { lastMeetingAt: `${daysBefore(10)}T10:00:00.000Z`, hasActiveSponsor: true },
  nps: { score: 9, respondedAt: `${daysBefore(20)}T10:00:00.000Z` },
  support: { openSev12Tickets: 0, escalationOpen: false },
  openOpportunities: [],
  manualValues: [],
  stage: 'Adoption',
  goLiveDate: '2024-02-01',
  ...over,
});

/** Signals given directly, for measure tests that should not depend on usage arithmetic. */
export const signals = (values: Record<string, SignalValue>, over: Partial<AccountSignals> = {}): AccountSignals => ({
  accountId: '001000000000001AAA',
  accountName: 'Acme Corp',
  asOf: AS_OF,
  values: { segment: 'Enterprise', stage: 'Adoption', daysSinceGoLive: 700, ...values },
  manual: {},
  ...over,
});

/** Signals where every shipped measure is green; override what a case is about. */
export const greenSignals = (over: Record<string, SignalValue> = {}, rest: Partial<AccountSignals> = {}): AccountSignals =>
  signals({
    daysSinceLastLogin: 1,
    featureAdoption: 1,
    daysUntilRenewal: 200,
    hasRenewalPlan: false,
    daysSinceExecSponsorMeeting: 10,
    hasActiveSponsor: true,
    npsStatus: 'promoter',
    npsScore: 9,
    openSev12Tickets: 0,
    escalationOpen: false,
    activityVsBaseline: 1,
    engagement: 1,
    ...over,
  }, rest);

/** A minimal rules file around some measures (YAML text, indented under `schemes.s.measures`). */
export const rulesYaml = (measures: string, extra = ''): string =>
  `schemes:\n  s:\n    measures:\n${measures.replace(/^/gm, '      ')}\nselection:\n  - scheme: s\n${extra}`;

export const rulesOf = (yaml: string): HealthRules => loadHealthRules(yaml, 'test.yaml');
