import { expect } from 'chai';
import type { UsageDay, UsageDayColumns } from '../../../src/domain/usage.ts';
import type { SignalSettings } from '../../../src/health/health-rules.ts';
import { buildUsageTimeline, buildUsageTimelineFromColumns } from '../../../src/health/usage-timeline.ts';
import { mergeUsageDays } from '../../../src/pipeline/score/account-facts.ts';
import { usageDayColumnsOf } from '../../support/usage-day-columns.ts';
import { daysBefore, shippedRules } from './health-fixtures.ts';

/** Rows as one page of columns, as the store hands them over (sorted by key, then day). */
const asColumns = (rows: readonly UsageDay[]): UsageDayColumns =>
  usageDayColumnsOf([...rows].sort((a, b) => (a.accountKey === b.accountKey ? (a.day < b.day ? -1 : 1) : a.accountKey < b.accountKey ? -1 : 1)));

/** A seeded generator, so a failure names a case that replays. */
const random = (seed: number): (() => number) => () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

const randomRows = (next: () => number, keys: number): UsageDay[] => {
  const rows: UsageDay[] = [];
  for (let k = 0; k < keys; k++) {
    for (let d = 0; d < 130; d++) {
      if (next() < 0.35) continue;
      const logins = next() < 0.3 ? 0 : Math.floor(next() * 6);
      rows.push({
        accountKey: `K${k}`, day: daysBefore(d), activeUsers: Math.floor(next() * 9), logins,
        // Now and then a last-login time with 0 logins: the row is still a login day.
        lastLoginAt: logins > 0 || next() < 0.1 ? `${daysBefore(d)}T0${Math.floor(next() * 9)}:00:00.000Z` : null,
        events: Math.floor(next() * 40), licenses: next() < 0.2 ? null : 5 + Math.floor(next() * 20),
        featureEvents: Object.fromEntries(['dashboards', 'reports', 'workflows', 'integrations', 'other'].filter(() => next() < 0.4).map((f) => [f, Math.floor(next() * 5)])),
      });
    }
  }
  return rows;
};

describe('usage timeline from stored columns', () => {
  const shipped = shippedRules().signals;
  const metrics: SignalSettings['activity']['metric'][] = ['events', 'logins', 'activeUsers'];
  for (const metric of metrics) {
    for (const keys of [1, 2, 3]) {
      it(`equals the timeline of the merged rows: ${keys} key(s), activity by ${metric}, 40 random accounts`, () => {
        const settings: SignalSettings = { ...shipped, activity: { ...shipped.activity, metric } };
        const next = random(keys * 97 + metric.length);
        for (let a = 0; a < 40; a++) {
          const rows = randomRows(next, keys);
          const expected = buildUsageTimeline(mergeUsageDays(rows), settings);
          const columns = asColumns(rows);
          // The account's days split over two pages, as a key can be.
          const cut = Math.floor(columns.length / 2);
          expect(buildUsageTimelineFromColumns([{ columns, from: 0, to: cut }, { columns, from: cut, to: columns.length }], settings), `account ${a}`).to.deep.equal(expected);
          // Rows given unmerged build the same timeline too.
          expect(buildUsageTimeline(rows, settings), `account ${a} unmerged`).to.deep.equal(expected);
        }
      });
    }
  }

  it('is empty without days', () => {
    expect(buildUsageTimelineFromColumns([], shipped).length).to.equal(0);
    expect(buildUsageTimelineFromColumns([{ columns: asColumns([]), from: 0, to: 0 }], shipped).length).to.equal(0);
  });
});
