import { expect } from 'chai';
import type { MeasureColour, MeasureScore } from '../../../src/domain/health.ts';
import { scoreAccount } from '../../../src/health/score-account.ts';
import { NEVER, type SignalValue } from '../../../src/health/signal-catalog.ts';
import { AS_OF, greenSignals, rulesOf, rulesYaml, shippedRules, signals } from './health-fixtures.ts';

const rules = shippedRules();

const measureOf = (values: Record<string, SignalValue>, key: string): MeasureScore =>
  scoreAccount(greenSignals(values), rules, AS_OF).measures.find((m) => m.key === key)!;

type Case = { name: string; values: Record<string, SignalValue>; colour: MeasureColour; note?: RegExp; band?: RegExp; value?: SignalValue };

/** The shipped model at each edge it states (rules/health.yaml). */
const SHIPPED: Record<string, Case[]> = {
  lastLogin: [
    { name: 'today', values: { daysSinceLastLogin: 0 }, colour: 'green' },
    { name: '7 days: green (DOMAIN.md leaves 7 uncovered; the rules say green)', values: { daysSinceLastLogin: 7 }, colour: 'green', band: /^green: at most 7 days$/ },
    { name: '8 days: yellow', values: { daysSinceLastLogin: 8 }, colour: 'yellow', band: /^yellow: 8 to 21 days$/ },
    { name: '21 days: yellow', values: { daysSinceLastLogin: 21 }, colour: 'yellow' },
    { name: '22 days: red', values: { daysSinceLastLogin: 22 }, colour: 'red', band: /^red: at least 22 days$/ },
    { name: 'usage linked, no login on record: red', values: { daysSinceLastLogin: NEVER }, colour: 'red', band: /none on record → red/ },
    { name: 'no usage key linked: NA', values: { daysSinceLastLogin: null }, colour: 'na' },
  ],
  featureAdoption: [
    { name: '100%: green', values: { featureAdoption: 1 }, colour: 'green', value: 100 },
    { name: '133%: green', values: { featureAdoption: 4 / 3 }, colour: 'green', value: 133.33 },
    { name: '99.99%: yellow', values: { featureAdoption: 0.9999 }, colour: 'yellow', value: 99.99 },
    { name: '70%: yellow', values: { featureAdoption: 0.7 }, colour: 'yellow', value: 70 },
    { name: '70% reached through float noise (2.1/3): yellow', values: { featureAdoption: 2.1 / 3 }, colour: 'yellow', value: 70 },
    { name: '69.99%: red', values: { featureAdoption: 0.6999 }, colour: 'red', value: 69.99, band: /^red: under 70%$/ },
    { name: 'no data: NA', values: { featureAdoption: null }, colour: 'na' },
  ],
  renewal: [
    { name: '121 days: green', values: { daysUntilRenewal: 121 }, colour: 'green' },
    { name: '120 days, no plan: yellow, says so', values: { daysUntilRenewal: 120 }, colour: 'yellow', note: /no renewal plan/ },
    { name: '120 days with a renewal opportunity: green', values: { daysUntilRenewal: 120, hasRenewalPlan: true }, colour: 'green', note: /renewal opportunity open/ },
    { name: '60 days, no plan: yellow', values: { daysUntilRenewal: 60 }, colour: 'yellow' },
    { name: '60 days with a plan: green', values: { daysUntilRenewal: 60, hasRenewalPlan: true }, colour: 'green' },
    { name: '59 days, no plan (risk): red', values: { daysUntilRenewal: 59 }, colour: 'red', note: /no renewal plan/ },
    { name: '59 days with a plan, nothing else red: yellow', values: { daysUntilRenewal: 59, hasRenewalPlan: true }, colour: 'yellow', band: /red: under 60 days, adjusted to yellow/ },
    { name: '59 days with a plan but another measure red (risk): red', values: { daysUntilRenewal: 59, hasRenewalPlan: true, daysSinceLastLogin: 30 }, colour: 'red', note: /another measure is red/ },
    { name: 'renewal date passed: red', values: { daysUntilRenewal: -3 }, colour: 'red' },
    { name: 'no renewal date: NA', values: { daysUntilRenewal: null }, colour: 'na' },
  ],
  execSponsor: [
    { name: 'met 60 days ago: green', values: { daysSinceExecSponsorMeeting: 60 }, colour: 'green' },
    { name: '61 days: yellow', values: { daysSinceExecSponsorMeeting: 61 }, colour: 'yellow' },
    { name: '120 days: yellow', values: { daysSinceExecSponsorMeeting: 120 }, colour: 'yellow' },
    { name: '121 days: red', values: { daysSinceExecSponsorMeeting: 121 }, colour: 'red' },
    { name: 'sponsor but never met: red', values: { daysSinceExecSponsorMeeting: NEVER }, colour: 'red' },
    { name: 'no active sponsor, even after a recent meeting: red', values: { daysSinceExecSponsorMeeting: 5, hasActiveSponsor: false }, colour: 'red', note: /no active executive sponsor/ },
    { name: 'activities not synced: NA', values: { daysSinceExecSponsorMeeting: null, hasActiveSponsor: null }, colour: 'na' },
  ],
  nps: [
    { name: 'promoter: green', values: { npsStatus: 'promoter', npsScore: 10 }, colour: 'green' },
    { name: 'passive: green', values: { npsStatus: 'passive', npsScore: 7 }, colour: 'green' },
    { name: 'no response: yellow', values: { npsStatus: 'no-response', npsScore: null }, colour: 'yellow' },
    { name: 'detractor: red', values: { npsStatus: 'detractor', npsScore: 3 }, colour: 'red', band: /^detractor → red$/ },
  ],
  support: [
    { name: 'none open: green', values: { openSev12Tickets: 0 }, colour: 'green' },
    { name: '1 open: yellow', values: { openSev12Tickets: 1 }, colour: 'yellow', band: /^yellow: exactly 1$/ },
    { name: '2 open: red', values: { openSev12Tickets: 2 }, colour: 'red' },
    { name: 'an escalation with nothing open: red', values: { openSev12Tickets: 0, escalationOpen: true }, colour: 'red', note: /escalation open/ },
    { name: 'no support data configured: NA', values: { openSev12Tickets: null, escalationOpen: null }, colour: 'na' },
  ],
};

describe('shipped measures at their threshold edges', () => {
  for (const [key, cases] of Object.entries(SHIPPED)) {
    describe(key, () => {
      for (const c of cases) {
        it(c.name, () => {
          const m = measureOf(c.values, key);
          expect(m.colour, m.band).to.equal(c.colour);
          expect(m.points).to.equal(c.colour === 'green' ? 100 : c.colour === 'yellow' ? 50 : c.colour === 'red' ? 0 : null);
          if (c.note) expect(m.note).to.match(c.note);
          if (c.band) expect(m.band).to.match(c.band);
          if (c.value !== undefined) expect(m.value).to.equal(c.value);
        });
      }
    });
  }

  it('reads NPS with its score', () => {
    expect(measureOf({ npsStatus: 'detractor', npsScore: 3 }, 'nps').valueText).to.equal('detractor (score 3)');
  });
});

describe('measure kinds beyond the shipped ones', () => {
  const CUSTOM = rulesOf(rulesYaml([
    'seats: { label: Active users, kind: ratio-to-target, source: activeUsers30d, target: 50, weight: 1, owner: CSM,',
    '  bands: { green: { gte: 80 }, yellow: { gte: 50, lt: 80 }, red: { lt: 50 } } }',
    'csat: { label: CSAT, kind: numeric-threshold, source: extra.csat, unit: points, weight: 1, owner: Support,',
    '  bands: { green: { gte: 4 }, yellow: { gte: 3, lt: 4 }, red: { lt: 3 } } }',
    'escalation: { label: Escalation, kind: status, source: escalationOpen, weight: 1, owner: Support, values: { "true": red, "false": green } }',
  ].join('\n')));
  const colourOf = (values: Record<string, SignalValue>, key: string): MeasureColour =>
    scoreAccount(signals(values), CUSTOM, AS_OF).measures.find((m) => m.key === key)!.colour;

  const CASES: { key: string; values: Record<string, SignalValue>; colour: MeasureColour }[] = [
    { key: 'seats', values: { activeUsers30d: 40 }, colour: 'green' },
    { key: 'seats', values: { activeUsers30d: 39.995 }, colour: 'yellow' }, // 79.99% of target
    { key: 'seats', values: { activeUsers30d: 25 }, colour: 'yellow' },
    { key: 'seats', values: { activeUsers30d: 24.99 }, colour: 'red' },
    { key: 'csat', values: { 'extra.csat': 4 }, colour: 'green' },
    { key: 'csat', values: { 'extra.csat': 3.99 }, colour: 'yellow' },
    { key: 'csat', values: { 'extra.csat': 2.99 }, colour: 'red' },
    { key: 'csat', values: { 'extra.csat': 'n/a' }, colour: 'na' },
    { key: 'csat', values: {}, colour: 'na' },
    { key: 'escalation', values: { escalationOpen: true }, colour: 'red' },
    { key: 'escalation', values: { escalationOpen: false }, colour: 'green' },
  ];
  for (const c of CASES) {
    it(`${c.key} with ${JSON.stringify(c.values)} → ${c.colour}`, () => {
      expect(colourOf(c.values, c.key)).to.equal(c.colour);
    });
  }
});
