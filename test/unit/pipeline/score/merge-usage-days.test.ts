import { expect } from 'chai';
import type { UsageDayFacts } from '../../../../src/health/index.ts';
import { mergeUsageDays } from '../../../../src/pipeline/score/account-facts.ts';

const day = (d: string, overrides: Partial<UsageDayFacts> = {}): UsageDayFacts => ({
  day: d, activeUsers: 2, logins: 3, lastLoginAt: `${d}T10:00:00.000Z`, events: 10, featureEvents: { reports: 1 }, licenses: 20, ...overrides,
});

describe('score: merging the days of an account\'s keys', () => {
  it('hands one key\'s days back as they are: in day order, each day once', () => {
    const days = [day('2026-01-01'), day('2026-01-02'), day('2026-01-05')];
    expect(mergeUsageDays(days)).to.equal(days);
  });

  it('adds up two keys\' days, keeping the later login and the larger seat count, in day order', () => {
    const merged = mergeUsageDays([
      day('2026-01-01'), day('2026-01-03', { licenses: null }),
      day('2026-01-01', { activeUsers: 1, logins: 1, events: 4, lastLoginAt: '2026-01-01T15:00:00.000Z', featureEvents: { reports: 2, dashboards: 5 }, licenses: 25 }),
      day('2026-01-02', { lastLoginAt: null }),
    ]);
    expect(merged.map((d) => d.day)).to.deep.equal(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(merged[0]).to.deep.include({ activeUsers: 3, logins: 4, events: 14, lastLoginAt: '2026-01-01T15:00:00.000Z', licenses: 25 });
    expect(merged[0]!.featureEvents).to.deep.equal({ reports: 3, dashboards: 5 });
  });

  it('leaves its input untouched when it merges', () => {
    const a = day('2026-01-01');
    const b = day('2026-01-01', { featureEvents: { reports: 4 } });
    mergeUsageDays([a, b]);
    expect(a).to.deep.equal(day('2026-01-01'));
  });
});
