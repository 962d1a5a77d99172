import { expect } from 'chai';
import type { AccountFacts } from '../../../src/health/account-facts.ts';
import { deriveSignals, prepareSignals } from '../../../src/health/derive-signals.ts';
import { NEVER, type SignalValue } from '../../../src/health/signal-catalog.ts';
import { account, AS_OF, dailyUsage, daysBefore, facts, shippedRules, usageDay } from './health-fixtures.ts';

const settings = shippedRules().signals;
const valuesOf = (f: AccountFacts, asOf = AS_OF): Record<string, SignalValue> => deriveSignals(f, asOf, settings).values;
const withUsage = (days: AccountFacts['usage']['days'], over: Partial<AccountFacts> = {}): AccountFacts => facts({ usage: { linkedKeys: 1, days }, ...over });

describe('deriveSignals', () => {
  describe('daysSinceLastLogin', () => {
    const CASES: { name: string; f: AccountFacts; expected: SignalValue }[] = [
      { name: 'logged in today', f: withUsage(dailyUsage(60)), expected: 0 },
      { name: 'last login 30 days ago', f: withUsage(dailyUsage(60, 30)), expected: 30 },
      { name: 'a day with a last-login time but 0 in the logins column still counts', f: withUsage([usageDay(daysBefore(3), { logins: 0 })]), expected: 3 },
      { name: 'usage rows but no login at all: never', f: withUsage(dailyUsage(10, 0, { logins: 0, lastLoginAt: null })), expected: NEVER },
      { name: 'a key linked but no usage rows: never', f: withUsage([]), expected: NEVER },
      { name: 'no key linked: no data', f: facts({ usage: { linkedKeys: 0, days: [] } }), expected: null },
      { name: 'a login after asOf is not seen', f: withUsage([usageDay(daysBefore(9)), usageDay(daysBefore(-2))]), expected: 9 },
    ];
    for (const c of CASES) it(c.name, () => expect(valuesOf(c.f).daysSinceLastLogin).to.equal(c.expected));
  });

  it('active users are the busiest day of the window, keys on the same day adding up', () => {
    const days = [
      usageDay(daysBefore(20), { activeUsers: 30 }),
      usageDay(daysBefore(3), { activeUsers: 4, accountKey: 'a' }),
      usageDay(daysBefore(3), { activeUsers: 5, accountKey: 'b' }),
      usageDay(daysBefore(1), { activeUsers: 7 }),
      usageDay(daysBefore(31), { activeUsers: 99 }),
    ];
    const v = valuesOf(withUsage(days));
    expect(v.activeUsers7d).to.equal(9);
    expect(v.activeUsers30d).to.equal(30);
  });

  describe('featureAdoption: core features used in the last 30 days / target (3)', () => {
    const only = (features: Record<string, number>, ago: number) => usageDay(daysBefore(ago), { featureEvents: features });
    const CASES: { name: string; days: ReturnType<typeof usageDay>[]; used: number; adoption: number }[] = [
      { name: 'all four: above target', days: [only({ dashboards: 1, reports: 2, workflows: 1, integrations: 5 }, 0)], used: 4, adoption: 4 / 3 },
      { name: 'two features: 67%', days: [only({ dashboards: 1 }, 2), only({ reports: 3 }, 29)], used: 2, adoption: 2 / 3 },
      { name: 'a feature used 30 days ago is outside the window', days: [only({ dashboards: 1 }, 2), only({ reports: 3 }, 30)], used: 1, adoption: 1 / 3 },
      { name: 'a feature not configured as core does not count', days: [only({ exports: 9, dashboards: 1 }, 1)], used: 1, adoption: 1 / 3 },
    ];
    for (const c of CASES) {
      it(c.name, () => {
        const v = valuesOf(withUsage(c.days));
        expect(v.featuresUsed).to.equal(c.used);
        expect(v.featureAdoption).to.be.closeTo(c.adoption, 1e-12);
      });
    }
  });

  it('license utilization prefers the CRM licences, else the warehouse figure, else none', () => {
    const days = dailyUsage(30, 0, { activeUsers: 10, licenses: 40 });
    expect(valuesOf(withUsage(days, { licenses: 20 })).licenseUtilization).to.equal(0.5);
    expect(valuesOf(withUsage(days)).licenseUtilization).to.equal(0.25);
    expect(valuesOf(withUsage(dailyUsage(30, 0, { licenses: null }))).licenseUtilization).to.equal(null);
  });

  describe('engagement: share of the last 30 days with any activity', () => {
    const idle = { activeUsers: 0, logins: 0, lastLoginAt: null, events: 0, featureEvents: {} };
    it('6 active days of 30: 20%', () => {
      const days = [...dailyUsage(100, 30, idle), ...dailyUsage(24, 6, idle), ...dailyUsage(6)];
      expect(valuesOf(withUsage(days)).engagement).to.equal(0.2);
    });
    it('a 10-day-old account active every day is fully engaged (days before it existed do not count)', () => {
      expect(valuesOf(withUsage(dailyUsage(10))).engagement).to.equal(1);
    });
    it('days after the last usage row count as inactive', () => {
      expect(valuesOf(withUsage(dailyUsage(100, 15))).engagement).to.equal(0.5);
    });
  });

  describe('activityVsBaseline: last 7 days vs the 90 days before them', () => {
    const history = (baseline: number, recent: number, baselineDays = 90) => [
      ...dailyUsage(baselineDays, 7, { events: baseline }),
      ...dailyUsage(7, 0, { events: recent }),
    ];
    const CASES: { name: string; days: ReturnType<typeof usageDay>[]; expected: number | null }[] = [
      { name: 'down 40%', days: history(100, 60), expected: 0.6 },
      { name: 'steady', days: history(50, 50), expected: 1 },
      { name: 'up', days: history(50, 75), expected: 1.5 },
      { name: 'only 27 days of baseline: none yet', days: history(100, 10, 27), expected: null },
      { name: '28 days of baseline is enough', days: history(100, 10, 28), expected: 0.1 },
      { name: 'a baseline of zero: no drop to speak of', days: history(0, 10), expected: null },
    ];
    for (const c of CASES) {
      it(c.name, () => {
        const v = valuesOf(withUsage(c.days)).activityVsBaseline;
        if (c.expected === null) expect(v).to.equal(null);
        else expect(v).to.be.closeTo(c.expected, 1e-12);
      });
    }
  });

  it('renewal: days until the date, and an open renewal opportunity of any case is a plan', () => {
    const f = facts({
      account: account({ renewalDate: daysBefore(-45) }),
      openOpportunities: [{ type: 'renewal', stageName: 'Negotiation', amount: 1000, closeDate: daysBefore(-40) }],
    });
    expect(valuesOf(f)).to.include({ daysUntilRenewal: 45, hasRenewalPlan: true });
    const expansion = facts({ openOpportunities: [{ type: 'Expansion', stageName: 'Prospecting', amount: 1, closeDate: null }] });
    expect(valuesOf(expansion).hasRenewalPlan).to.equal(false);
    expect(valuesOf(facts({ account: account({ renewalDate: null }) })).daysUntilRenewal).to.equal(null);
  });

  describe('exec sponsor', () => {
    const CASES: { name: string; sponsor: AccountFacts['execSponsor']; days: SignalValue; active: SignalValue }[] = [
      { name: 'met 61 days ago', sponsor: { lastMeetingAt: `${daysBefore(61)}T23:00:00.000Z`, hasActiveSponsor: true }, days: 61, active: true },
      { name: 'never met', sponsor: { lastMeetingAt: null, hasActiveSponsor: true }, days: NEVER, active: true },
      { name: 'a meeting after asOf is unknown at asOf', sponsor: { lastMeetingAt: `${daysBefore(-1)}T09:00:00.000Z`, hasActiveSponsor: true }, days: null, active: true },
      { name: 'activities not synced', sponsor: null, days: null, active: null },
    ];
    for (const c of CASES) {
      it(c.name, () => expect(valuesOf(facts({ execSponsor: c.sponsor }))).to.include({ daysSinceExecSponsorMeeting: c.days, hasActiveSponsor: c.active }));
    }
  });

  describe('npsStatus', () => {
    const at = (ago: number) => `${daysBefore(ago)}T10:00:00.000Z`;
    const CASES: { name: string; nps: AccountFacts['nps']; status: string; score: number | null }[] = [
      { name: '10 promoter', nps: { score: 10, respondedAt: at(5) }, status: 'promoter', score: 10 },
      { name: '9 promoter', nps: { score: 9, respondedAt: at(5) }, status: 'promoter', score: 9 },
      { name: '8 passive', nps: { score: 8, respondedAt: at(5) }, status: 'passive', score: 8 },
      { name: '7 passive', nps: { score: 7, respondedAt: at(5) }, status: 'passive', score: 7 },
      { name: '6 detractor', nps: { score: 6, respondedAt: at(5) }, status: 'detractor', score: 6 },
      { name: '0 detractor', nps: { score: 0, respondedAt: at(5) }, status: 'detractor', score: 0 },
      { name: 'no response', nps: null, status: 'no-response', score: null },
      { name: '365 days old still counts', nps: { score: 3, respondedAt: at(365) }, status: 'detractor', score: 3 },
      { name: '366 days old is no response', nps: { score: 3, respondedAt: at(366) }, status: 'no-response', score: null },
      { name: 'answered after asOf: not yet', nps: { score: 3, respondedAt: '2026-11-30T13:00:00.000Z' }, status: 'no-response', score: null },
    ];
    for (const c of CASES) it(c.name, () => expect(valuesOf(facts({ nps: c.nps }))).to.include({ npsStatus: c.status, npsScore: c.score }));
  });

  it('support, go-live, segment, stage and extra fields pass through', () => {
    const f = facts({
      account: account({ segment: 'SMB', extra: { csat: 4.5, tier: 'Gold' } }),
      support: { openSev12Tickets: 2, escalationOpen: true },
      stage: 'Renewal',
      goLiveDate: daysBefore(90),
    });
    expect(valuesOf(f)).to.include({ openSev12Tickets: 2, escalationOpen: true, daysSinceGoLive: 90, segment: 'SMB', stage: 'Renewal', 'extra.csat': 4.5, 'extra.tier': 'Gold' });
    expect(valuesOf(facts({ support: null }))).to.include({ openSev12Tickets: null, escalationOpen: null });
  });

  it('a prepared account gives the same signals as one-off derivation for every asOf', () => {
    const f = withUsage([...dailyUsage(60, 40, { events: 80 }), ...dailyUsage(20, 5, { events: 30, activeUsers: 2 })]);
    const derive = prepareSignals(f, settings);
    for (let ago = 0; ago <= 50; ago += 7) {
      const asOf = `${daysBefore(ago)}T12:00:00.000Z`;
      expect(derive(asOf)).to.deep.equal(deriveSignals(f, asOf, settings));
    }
    // Replaying an earlier day sees only what was known then.
    // Usage ran 99–40 days ago, paused, then ran 24–5 days ago.
    expect(derive(`${daysBefore(45)}T12:00:00.000Z`).values.daysSinceLastLogin).to.equal(0);
    expect(derive(`${daysBefore(30)}T12:00:00.000Z`).values.daysSinceLastLogin).to.equal(10);
    expect(derive(`${daysBefore(10)}T12:00:00.000Z`).values.daysSinceLastLogin).to.equal(0);
    expect(derive(AS_OF).values.daysSinceLastLogin).to.equal(5);
  });
});
