import type { HealthSnapshot } from '../../../src/domain/health.ts';

/** A whole snapshot as the engine writes one: two measures scored, one without data. */
export const snapshotOf = (accountId: string, asOf = '2026-06-15T23:59:59.999Z', score: number | null = 62): HealthSnapshot => ({
  accountId, accountName: `Account ${accountId}`, asOf, scheme: 'default', schemeReason: 'default', combine: 'measures', categories: [],
  measures: [
    {
      key: 'lastLogin', label: 'Last login', kind: 'days-since', source: 'daysSinceLastLogin', value: 12, unit: 'days', valueText: '12 days ago',
      colour: 'yellow', expiredColour: null, points: 50, weight: 25, normalizedWeight: 0.5, category: 'usage', band: 'yellow: 8 to 21 days', note: null, owner: 'CSM',
    },
    {
      key: 'renewal', label: 'Renewal', kind: 'days-until', source: 'daysUntilRenewal', value: 200, unit: 'days', valueText: 'in 200 days',
      colour: 'green', expiredColour: null, points: 100, weight: 25, normalizedWeight: 0.5, category: 'commercial', band: 'green: more than 120 days', note: 'renewal plan on file', owner: 'Renewal manager',
    },
    {
      key: 'nps', label: 'NPS', kind: 'status', source: 'npsStatus', value: null, unit: 'status', valueText: 'no data',
      colour: 'na', expiredColour: null, points: null, weight: 10, normalizedWeight: 0, category: null, band: 'not scored: no data', note: null, owner: 'CSM',
    },
  ],
  score, dataCoverage: 0.83, colour: score === null ? 'na' : score > 75 ? 'green' : score > 50 ? 'yellow' : 'red', cap: null, notScored: ['nps'],
  drivers: 'yellow because last login 12 days ago', driverKeys: ['lastLogin'],
  trend: { direction: 'down', windowDays: 7, comparedWith: '2026-06-08T23:59:59.999Z', previousScore: 70, delta: -8 },
  churnWarning: { active: false, activityChangePct: -12.5, thresholdPct: 40 },
  engagementAlert: { active: false, engagementPct: 64.5, belowPct: 20 },
});
