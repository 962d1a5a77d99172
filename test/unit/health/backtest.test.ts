import { expect } from 'chai';
import type { AccountFacts } from '../../../src/health/account-facts.ts';
import { runBacktest, type FactsTimeline } from '../../../src/health/backtest.ts';
import { dayNumber, isoDay } from '../../../src/health/day-number.ts';
import { account, facts, shippedRules, usageDay } from './health-fixtures.ts';

const rules = shippedRules();

const usageBetween = (from: string, to: string) => {
  const days = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) days.push(usageDay(isoDay(d)));
  return days;
};

/** Renewal far away, no sponsor data, a promoter since August: only usage, NPS and support move. */
const history = (id: string, lastUsage: string, over: Partial<AccountFacts> = {}): AccountFacts => facts({
  account: account({ id, renewalDate: '2027-06-01' }),
  usage: { linkedKeys: 1, days: usageBetween('2026-05-01', lastUsage) },
  execSponsor: null,
  nps: { score: 9, respondedAt: '2026-08-01T00:00:00.000Z' },
  ...over,
});

const L2_BASE = history('L2', '2026-11-29', { nps: { score: 2, respondedAt: '2026-08-01T00:00:00.000Z' } });
const { usage: _usage, ...L2_REST } = L2_BASE;

const TIMELINES: FactsTimeline[] = [
  // L1 stops using the product on 1 October: last login red from 23 October (22 days).
  { base: history('L1', '2026-10-01') },
  // L2 keeps using it; a detractor throughout, and two sev-1/2 tickets open from 1 November.
  { base: L2_BASE, changes: [{ from: '2026-11-01', facts: { ...L2_REST, support: { openSev12Tickets: 2, escalationOpen: false } } }] },
  { base: history('R1', '2026-11-29') },
  // R2 stops on 20 September (red from 12 October) and renews anyway.
  { base: history('R2', '2026-09-20') },
];

describe('runBacktest', () => {
  const report = runBacktest({
    timelines: TIMELINES,
    lost: [{ accountId: 'L1', date: '2026-11-20', arr: 100_000 }, { accountId: 'L2', date: '2026-11-25', arr: 50_000 }, { accountId: 'X', date: '2026-11-01', arr: 1 }],
    retained: [{ accountId: 'R1', date: '2026-11-15', arr: 80_000 }, { accountId: 'R2', date: '2026-11-10', arr: 30_000 }, { accountId: 'R1', date: '2025-01-01', arr: 80_000 }],
    range: { from: '2026-09-01', to: '2026-11-29' },
  }, rules);

  it('replays every day of the range for every account', () => {
    expect(report).to.include({ accounts: 4, daysReplayed: 90, windowDays: 90 });
  });

  it('scores "red within 90 days before the renewal" against what happened', () => {
    expect(report.overall).to.deep.equal({
      renewals: 4, lost: 2, flagged: 2, truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 1,
      precision: 0.5, recall: 0.5, lift: 1, arrRecall: 0.6667,
    });
  });

  it('reports each measure as if it alone were the model, with its default weight', () => {
    const byKey = Object.fromEntries(report.perMeasure.map((m) => [m.key, m]));
    expect(byKey.lastLogin).to.include({ defaultWeight: 25, truePositives: 1, falsePositives: 1, precision: 0.5, recall: 0.5 });
    expect(byKey.featureAdoption).to.include({ truePositives: 1, falsePositives: 1 });
    expect(byKey.nps).to.include({ defaultWeight: 10, truePositives: 1, falsePositives: 0, precision: 1, recall: 0.5, lift: 2 });
    expect(byKey.support).to.include({ truePositives: 1, falsePositives: 0, recall: 0.5, arrRecall: 0.3333 });
    expect(byKey.renewal).to.include({ flagged: 0, precision: null, recall: 0 });
    expect(byKey.execSponsor).to.include({ flagged: 0 });
  });

  it('tells how long before each loss the account turned red, and whether it stayed red', () => {
    expect(report.lostRenewals).to.deep.equal([
      { accountId: 'L1', date: '2026-11-20', arr: 100_000, firstRedDay: '2026-10-23', daysRedBeforeLoss: 28, redAtLoss: true, redStreakDays: 29 },
      { accountId: 'L2', date: '2026-11-25', arr: 50_000, firstRedDay: null, daysRedBeforeLoss: null, redAtLoss: false, redStreakDays: null },
    ]);
  });

  it('lists renewals it could not judge, and why', () => {
    expect(report.notEvaluable).to.deep.equal([
      { accountId: 'R1', date: '2025-01-01', reason: 'no replayed day in its window' },
      { accountId: 'X', date: '2026-11-01', reason: 'no facts timeline for the account' },
    ]);
  });

  it('a shorter window misses the early warning it cannot see', () => {
    const short = runBacktest({
      timelines: TIMELINES,
      lost: [{ accountId: 'L1', date: '2026-11-20', arr: 100_000 }],
      retained: [{ accountId: 'R2', date: '2026-10-10', arr: 30_000 }],
      range: { from: '2026-09-01', to: '2026-11-29' },
      windowDays: 14,
    }, rules);
    expect(short.overall).to.include({ truePositives: 1, falsePositives: 0, trueNegatives: 1 });
  });
});
