import { expect } from 'chai';
import type { HealthColour } from '../../../src/domain/health.ts';
import type { ManualMeasureValue } from '../../../src/health/account-facts.ts';
import { scoreAccount } from '../../../src/health/score-account.ts';
import { AS_OF, facts, rulesOf, rulesYaml } from './health-fixtures.ts';

const RULES = rulesOf(rulesYaml([
  'login: { label: Last login, kind: days-since, source: daysSinceLastLogin, weight: 1, owner: CSM, bands: { green: { lte: 7 }, red: { gt: 7 } } }',
  'sponsorRisk: { label: Sponsor risk, kind: manual, weight: 1, owner: CSM }',
  'politicalRisk: { label: Political risk, kind: manual, weight: 1, owner: CSM, whenStale: keep, unit: points,',
  '  bands: { green: { gte: 7 }, yellow: { gte: 4, lt: 7 }, red: { lt: 4 } } }',
].join('\n')));

const set = (over: Partial<ManualMeasureValue>): ManualMeasureValue => ({
  measure: 'sponsorRisk',
  colour: 'red',
  value: null,
  setBy: 'Jo Smith',
  setAt: '2026-11-29T09:00:00.000Z',
  expiresAt: '2026-12-10T00:00:00.000Z',
  note: 'champion left',
  ...over,
});

const measure = (values: ManualMeasureValue[], key = 'sponsorRisk') => {
  const s = scoreAccount(facts({ manualValues: values }), RULES, AS_OF);
  return { s, m: s.measures.find((x) => x.key === key)! };
};

describe('manual measures', () => {
  const CASES: { name: string; values: ManualMeasureValue[]; key?: string; colour: string; points: number | null; expired?: HealthColour | null }[] = [
    { name: 'set and current: scored', values: [set({})], colour: 'red', points: 0 },
    { name: 'expires an hour after asOf: still current', values: [set({ expiresAt: '2026-11-30T13:00:00.000Z' })], colour: 'red', points: 0 },
    { name: 'expires exactly at asOf: stale, left out', values: [set({ expiresAt: AS_OF })], colour: 'stale', points: null, expired: 'red' },
    { name: 'expired last week: stale, left out', values: [set({ setAt: '2026-10-01T00:00:00.000Z', expiresAt: '2026-11-23T00:00:00.000Z' })], colour: 'stale', points: null, expired: 'red' },
    { name: 'no expiry: never stale', values: [set({ setAt: '2025-01-01T00:00:00.000Z', expiresAt: null })], colour: 'red', points: 0 },
    { name: 'set after asOf: not set yet', values: [set({ setAt: '2026-11-30T12:00:01.000Z' })], colour: 'na', points: null },
    { name: 'the latest value set counts', values: [set({ colour: 'green', setAt: '2026-11-20T00:00:00.000Z' }), set({ colour: 'yellow', setAt: '2026-11-25T00:00:00.000Z' }), set({ colour: 'red', setAt: '2026-11-10T00:00:00.000Z' })], colour: 'yellow', points: 50 },
    { name: 'a newer value set after asOf does not count yet', values: [set({ colour: 'green', setAt: '2026-11-20T00:00:00.000Z' }), set({ colour: 'red', setAt: '2026-12-01T00:00:00.000Z' })], colour: 'green', points: 100 },
    { name: 'a number through the bands', key: 'politicalRisk', values: [set({ measure: 'politicalRisk', colour: null, value: 3 })], colour: 'red', points: 0 },
    { name: 'stale with whenStale: keep still scores its last colour', key: 'politicalRisk', values: [set({ measure: 'politicalRisk', colour: null, value: 5, expiresAt: '2026-11-01T00:00:00.000Z' })], colour: 'stale', points: 50, expired: 'yellow' },
  ];
  for (const c of CASES) {
    it(c.name, () => {
      const { m } = measure(c.values, c.key);
      expect(m.colour).to.equal(c.colour);
      expect(m.points).to.equal(c.points);
      if (c.expired !== undefined) expect(m.expiredColour).to.equal(c.expired);
    });
  }

  it('a stale value is shown as stale and the snapshot lists it as not scored', () => {
    const { s, m } = measure([set({ expiresAt: '2026-11-23T00:00:00.000Z' })]);
    expect(m.valueText).to.equal('red, stale since 2026-11-23, set by Jo Smith on 2026-11-29 (champion left)');
    expect(m.band).to.equal('stale (was red): not scored');
    expect(s.notScored).to.include('sponsorRisk');
    expect(s.drivers).to.include('Sponsor risk, stale');
  });

  it('a current value says who set it and why, and drives the score', () => {
    const { s, m } = measure([set({})]);
    expect(m.valueText).to.equal('red, set by Jo Smith on 2026-11-29 (champion left)');
    expect(s.driverKeys).to.include('sponsorRisk');
    expect(s.drivers).to.include('sponsor risk: red, set by Jo Smith');
  });
});
