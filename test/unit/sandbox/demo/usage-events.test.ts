import { expect } from 'chai';
import type { DemoOrg } from '../../../../src/sandbox/demo/demo-types.ts';
import { CORE_FEATURES, generateLicenseRows, generateUsageEvents } from '../../../../src/sandbox/demo/usage-events.ts';
import type { UsageEvent } from '../../../../src/sandbox/demo/usage-events.ts';
import { AS_OF, AS_OF_DAY, DAYS, demoOrg, recentVsBaseline, SEED, usageByKey } from './demo-fixtures.ts';

const DAY = 86_400_000;
const take = (n: number, org: DemoOrg, seed = SEED): UsageEvent[] => {
  const out: UsageEvent[] = [];
  for (const e of generateUsageEvents(org, { seed, asOf: AS_OF })) {
    out.push(e);
    if (out.length === n) break;
  }
  return out;
};

describe('generateUsageEvents', function () {
  this.timeout(60_000);
  const org = (): DemoOrg => demoOrg(2000);
  const keyOf = (accountId: string): string | undefined => {
    const plan = org().plans.find((p) => p.id === accountId);
    return org().warehouse.find((w) => w.planIndex === plan?.index)?.key;
  };

  it('streams lazily and deterministically', () => {
    const small = demoOrg(200);
    const iterator = generateUsageEvents(small, { seed: SEED, asOf: AS_OF });
    expect(typeof iterator.next).to.equal('function');
    expect(take(500, small)).to.deep.equal(take(500, small));
    expect(take(500, small, SEED + 1)).to.not.deep.equal(take(500, small));
  });

  it('writes well-formed events inside the window', () => {
    const keys = new Set(demoOrg(200).warehouse.map((w) => w.key));
    const start = (AS_OF_DAY - DAYS) * DAY;
    let previousId = '';
    for (const e of generateUsageEvents(demoOrg(200), { seed: SEED, asOf: AS_OF })) {
      expect(e.occurred_at).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const at = Date.parse(e.occurred_at);
      expect(at).to.be.at.least(start).and.below(AS_OF_DAY * DAY);
      expect(keys.has(e.account_key)).to.equal(true);
      expect(e.user_email.endsWith(`@${e.account_domain}`)).to.equal(true);
      expect(e.event_id > previousId).to.equal(true);
      previousId = e.event_id;
      if (e.event_type === 'login') expect(e.feature).to.equal('');
      else expect(CORE_FEATURES).to.include(e.feature);
    }
  });

  it('averages about 100 events per account over 90 days', () => {
    let events = 0;
    for (const u of usageByKey(org()).values()) events += u.events;
    expect(events / 2000).to.be.within(70, 150);
  });

  it('gives healthy accounts daily logins and broad feature use', () => {
    const usage = usageByKey(org());
    for (const id of org().truth.usage.healthy) {
      const u = usage.get(keyOf(id) ?? '');
      if (!u) continue; // conflicting keys share one usage account
      expect(AS_OF_DAY - (u.lastLoginDay ?? 0)).to.be.at.most(3);
      expect(u.features30.size).to.be.at.least(2);
    }
  });

  it('stops logins for 30+ days on inactive accounts', () => {
    const usage = usageByKey(org());
    expect(org().truth.usage.inactive.length).to.be.above(10);
    for (const id of org().truth.usage.inactive) {
      const u = usage.get(keyOf(id) ?? '');
      expect(u?.lastLoginDay, id).to.not.equal(null);
      expect(AS_OF_DAY - (u?.lastLoginDay ?? AS_OF_DAY)).to.be.above(30);
    }
  });

  it('drops declining accounts at least 40% below their 90-day baseline', () => {
    const usage = usageByKey(org());
    expect(org().truth.usage.declining.length).to.be.above(10);
    for (const id of org().truth.usage.declining) {
      expect(recentVsBaseline(usage.get(keyOf(id) ?? ''), 14), id).to.be.at.most(0.6);
    }
  });

  it('keeps low-adoption accounts on at most one core feature', () => {
    const usage = usageByKey(org());
    for (const id of org().truth.usage['low-adoption']) expect(usage.get(keyOf(id) ?? '')?.features30.size ?? 0).to.be.at.most(1);
  });

  it('has no usage for customers without usage', () => {
    const usage = usageByKey(org());
    for (const c of org().truth.customersWithoutUsage) {
      const key = keyOf(c.accountId);
      if (key !== undefined) expect(usage.get(key)?.events ?? 0).to.equal(0);
    }
  });

  it('fills the seats of high-utilization accounts, and of no others', () => {
    const usage = usageByKey(org());
    const high = new Set(org().truth.usage.highUtilization);
    expect(high.size).to.be.above(10);
    const licenses = new Map(generateLicenseRows(org(), { asOf: AS_OF }).map((l) => [l.account_key, l.licenses_provisioned]));
    for (const w of org().warehouse) {
      const plan = org().plans[w.planIndex];
      if (!plan || plan.isDeleted || w.pattern === 'churning' || w.pattern === 'churn-noise') continue;
      const utilization = (usage.get(w.key)?.users30.size ?? 0) / (licenses.get(w.key) ?? 1);
      if (high.has(plan.id)) expect(utilization, plan.id).to.be.at.least(0.85);
      else expect(utilization, plan.id).to.be.below(0.85);
    }
  });

  it('shows declining usage before most lost renewals, and none after', () => {
    const usage = usageByKey(org());
    const first = AS_OF_DAY - DAYS;
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const { recent } = org().truth.churn;
    const withSignal = recent.filter((c) => c.signal);
    let declined = 0;
    for (const c of recent) {
      const u = usage.get(keyOf(c.accountId) ?? '');
      const lost = Date.parse(`${c.renewalDate}T00:00:00Z`) / DAY - first;
      const before = mean(u?.daily.slice(Math.max(0, lost - 14), lost) ?? []);
      const baseline = mean(u?.daily.slice(0, Math.max(1, lost - 45)) ?? []);
      if (c.signal && before <= 0.6 * baseline) declined++;
      expect(u?.daily.slice(lost + 4).every((n) => n === 0), c.accountId).to.equal(true);
    }
    expect(withSignal.length).to.be.above(5);
    expect(declined / withSignal.length).to.be.at.least(0.8);
    // Noise: some churned accounts looked fine until the end, so the signal is not perfect.
    expect(recent.length).to.be.above(withSignal.length);
  });

  it('deprovisions churned accounts in the license table and names the rest', () => {
    const rows = generateLicenseRows(org(), { asOf: AS_OF });
    expect(rows).to.have.length(org().warehouse.length);
    for (const [i, row] of rows.entries()) {
      const w = org().warehouse[i];
      expect(row.as_of).to.equal('2026-05-01');
      expect(row.account_name).to.equal(w?.name);
      if (w?.pattern === 'churning' || w?.pattern === 'churn-noise') expect(row.licenses_provisioned).to.equal(0);
      else expect(row.licenses_provisioned).to.be.at.least(1);
    }
  });

  it('rejects a non-positive window', () => {
    expect(() => generateUsageEvents(demoOrg(10), { seed: 1, asOf: AS_OF, days: 0 }).next()).to.throw(RangeError);
  });
});
