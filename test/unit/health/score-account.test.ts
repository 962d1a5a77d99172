import { expect } from 'chai';
import { scoreAccount } from '../../../src/health/score-account.ts';
import { NEVER } from '../../../src/health/signal-catalog.ts';
import { account, AS_OF, dailyUsage, daysBefore, facts, greenSignals, rulesOf, rulesYaml, shippedRules, signals } from './health-fixtures.ts';

const rules = shippedRules();

describe('scoreAccount: the overall score', () => {
  it('every measure green: 100, green, and the drivers say so', () => {
    const s = scoreAccount(greenSignals(), rules, AS_OF);
    expect(s).to.include({ score: 100, colour: 'green', scheme: 'standard', schemeReason: 'default', drivers: 'green: every scored measure is green' });
    expect(s.notScored).to.deep.equal([]);
    expect(s.measures.map((m) => m.normalizedWeight)).to.deep.equal([0.25, 0.2, 0.2, 0.15, 0.1, 0.1]);
  });

  it('a measure without data is NA: left out, listed, and the other weights renormalize', () => {
    const s = scoreAccount(greenSignals({ openSev12Tickets: null, escalationOpen: null, daysSinceLastLogin: 30 }), rules, AS_OF);
    const support = s.measures.find((m) => m.key === 'support')!;
    expect(support).to.include({ colour: 'na', points: null, normalizedWeight: 0, valueText: 'no data' });
    expect(s.notScored).to.deep.equal(['support']);
    const shares = s.measures.map((m) => m.normalizedWeight);
    expect(shares.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-12);
    expect(shares[0]).to.be.closeTo(25 / 90, 1e-12);
    expect(s.drivers).to.match(/\(not scored: Open sev-1\/2 tickets, no data\)$/);
  });

  it('NA weights renormalize into the mean: green weight 60 of 90 scored → 67, not 60', () => {
    const s = scoreAccount(greenSignals({ openSev12Tickets: null, escalationOpen: null, featureAdoption: 0.5, npsStatus: 'detractor', npsScore: 2 }), rules, AS_OF);
    // green 25 + 20 + 15 of 90 scored weight → 60/90 = 66.67 → 67.
    expect(s.score).to.equal(67);
    expect(s.colour).to.equal('yellow');
  });

  it('no measure with data: no score, colour na', () => {
    const s = scoreAccount(signals({}), rules, AS_OF);
    expect(s.score).to.equal(null);
    expect(s.colour).to.equal('na');
    expect(s.drivers).to.equal('no score: no measure has data');
    // NPS is never NA (no response is yellow): with every other signal absent only NPS is scored.
    const onlyNa = rulesOf(rulesYaml('a: { label: A, kind: days-since, source: daysSinceLastLogin, weight: 1, owner: CSM, bands: { green: { lte: 7 }, red: { gt: 7 } } }'));
    expect(scoreAccount(signals({}), onlyNa, AS_OF)).to.include({ score: null, colour: 'na' });
  });

  describe('minimum data coverage (shipped: 40% of the weight)', () => {
    const only = (values: Record<string, string | number | boolean | null>) => signals(values);
    it('NPS and renewal alone (30%): no score, and the drivers say what is missing', () => {
      const s = scoreAccount(only({ npsStatus: 'no-response', daysUntilRenewal: 200, hasRenewalPlan: false }), rules, AS_OF);
      expect(s).to.include({ score: null, colour: 'na', dataCoverage: 0.3 });
      expect(s.measures.every((m) => m.normalizedWeight === 0)).to.equal(true);
      expect(s.driverKeys).to.deep.equal([]);
      expect(s.drivers).to.equal("no score: only 30% of the model's weight has data (40% needed) (not scored: Last login, no data; Core feature adoption, no data; Exec sponsor meeting, no data; Open sev-1/2 tickets, no data)");
    });
    it('exactly 40% is enough', () => {
      const s = scoreAccount(only({ daysSinceLastLogin: 1, daysSinceExecSponsorMeeting: 200, hasActiveSponsor: true }), rules, AS_OF);
      expect(s).to.include({ dataCoverage: 0.4, score: 63, colour: 'yellow' });
    });
    it('rules that do not set it score whatever has data (DOMAIN.md as written)', () => {
      const plain = rulesOf(rulesYaml([
        'a: { label: A, kind: status, source: npsStatus, weight: 1, owner: CSM, values: { promoter: green, passive: green, detractor: red, no-response: yellow } }',
        'b: { label: B, kind: days-since, source: daysSinceLastLogin, weight: 9, owner: CSM, bands: { green: { lte: 7 }, red: { gt: 7 } } }',
      ].join('\n')));
      expect(scoreAccount(only({ npsStatus: 'no-response' }), plain, AS_OF)).to.include({ score: 50, colour: 'red', dataCoverage: 0.1 });
    });
  });

  describe('overall colour edges (0–50 red, 51–75 yellow, 76–100 green, after rounding)', () => {
    // Two measures, one green and one red: the score is the green one's share of the weight.
    const twoMeasures = (green: number, red: number) => rulesOf(rulesYaml([
      `g: { label: G, kind: numeric-threshold, source: npsScore, weight: ${green}, owner: CSM, bands: { green: { gte: 5 }, red: { lt: 5 } } }`,
      `r: { label: R, kind: numeric-threshold, source: openSev12Tickets, weight: ${red}, owner: CSM, bands: { green: { lte: 0 }, red: { gt: 0 } } }`,
    ].join('\n')));
    const CASES: [number, number, number, string][] = [
      [50, 50, 50, 'red'],
      [126, 124, 50, 'red'], // 50.4 rounds to 50
      [101, 99, 51, 'yellow'], // 50.5 rounds to 51
      [51, 49, 51, 'yellow'],
      [75, 25, 75, 'yellow'],
      [76, 24, 76, 'green'],
      [0, 1, 0, 'red'],
    ];
    for (const [green, red, score, colour] of CASES) {
      it(`${green}:${red} → ${score} ${colour}`, () => {
        const s = scoreAccount(signals({ npsScore: 9, openSev12Tickets: 3 }), twoMeasures(green, red), AS_OF);
        expect(s).to.include({ score, colour });
      });
    }
  });
});

describe('scoreAccount: drivers', () => {
  it('names the measures that pulled the score down, worst first, with their values', () => {
    const s = scoreAccount(greenSignals({ npsStatus: 'detractor', npsScore: 3, daysSinceLastLogin: 34, daysSinceExecSponsorMeeting: 90 }), rules, AS_OF);
    expect(s.colour).to.equal('red');
    expect(s.driverKeys).to.deep.equal(['lastLogin', 'nps', 'execSponsor']);
    expect(s.drivers).to.equal('red because last login 34 days ago (caps the score at 50); NPS detractor (score 3); exec sponsor meeting 90 days ago');
  });

  it('orders equal colours by their share of the score', () => {
    const s = scoreAccount(greenSignals({ openSev12Tickets: 3, featureAdoption: 0.1 }), rules, AS_OF);
    expect(s.driverKeys).to.deep.equal(['featureAdoption', 'support']);
    expect(s.drivers).to.equal('yellow because core feature adoption 10% of target; open sev-1/2 tickets: 3');
  });

  it('a green score with yellow measures names them to watch', () => {
    const s = scoreAccount(greenSignals({ daysUntilRenewal: 100 }), rules, AS_OF);
    expect(s).to.include({ colour: 'green', drivers: 'green; watch: renewal in 100 days, no renewal plan' });
  });

  it('DOMAIN scenario 2: no login for 30 days → last login red, the score red, the drivers say why', () => {
    const f = facts({ usage: { linkedKeys: 1, days: dailyUsage(90, 30) } });
    const s = scoreAccount(f, rules, AS_OF);
    const lastLogin = s.measures.find((m) => m.key === 'lastLogin')!;
    expect(lastLogin).to.include({ colour: 'red', value: 30, valueText: '30 days ago', band: 'red: at least 22 days' });
    expect(s.drivers).to.match(/^red because last login 30 days ago/);
    expect(s.driverKeys[0]).to.equal('lastLogin');
    // Adoption is red too (no feature in 30 days): the mean is 55, the cap holds it at 50.
    expect(s.cap).to.deep.equal({ measure: 'lastLogin', at: 50, uncappedScore: 55 });
    expect(s).to.include({ score: 50, colour: 'red' });
    expect(s.churnWarning.active).to.equal(true);
    expect(s.engagementAlert.active).to.equal(true);
  });

  it('a cap never raises a score', () => {
    const s = scoreAccount(greenSignals({ daysSinceLastLogin: NEVER, featureAdoption: 0, daysUntilRenewal: 10, npsStatus: 'detractor' }), rules, AS_OF);
    expect(s.score).to.be.below(50);
    expect(s.cap).to.equal(null);
  });
});

describe('scoreAccount: scheme selection', () => {
  const CASES: { name: string; values: Record<string, string | number | null>; scheme: string; reason: string }[] = [
    { name: 'Enterprise, long live: standard', values: { segment: 'Enterprise', stage: 'Adoption', daysSinceGoLive: 400 }, scheme: 'standard', reason: 'default' },
    { name: 'SMB: smb', values: { segment: 'SMB', stage: 'Adoption', daysSinceGoLive: 400 }, scheme: 'smb', reason: 'segment SMB' },
    { name: 'segment compared case-insensitively', values: { segment: 'smb', stage: 'Adoption', daysSinceGoLive: 400 }, scheme: 'smb', reason: 'segment smb' },
    { name: 'Implementation stage: first-90-days', values: { segment: 'SMB', stage: 'Implementation', daysSinceGoLive: null }, scheme: 'first-90-days', reason: 'stage Implementation' },
    { name: 'day 89 after go-live: first-90-days', values: { segment: 'Enterprise', stage: 'Adoption', daysSinceGoLive: 89 }, scheme: 'first-90-days', reason: '89 days since go-live' },
    { name: 'day 90 after go-live: standard', values: { segment: 'Enterprise', stage: 'Adoption', daysSinceGoLive: 90 }, scheme: 'standard', reason: 'default' },
    { name: 'no segment or go-live: standard', values: { segment: null, stage: null, daysSinceGoLive: null }, scheme: 'standard', reason: 'default' },
  ];
  for (const c of CASES) {
    it(c.name, () => {
      const s = scoreAccount(greenSignals(c.values), rules, AS_OF);
      expect(s).to.include({ scheme: c.scheme, schemeReason: c.reason });
    });
  }

  // first-90-days: last login green ≤ 14, yellow 15–30, red ≥ 31; adoption green from 70%.
  const RELAXED: [string, number, string, string][] = [
    ['daysSinceLastLogin', 14, 'green', 'yellow'],
    ['daysSinceLastLogin', 15, 'yellow', 'yellow'],
    ['daysSinceLastLogin', 30, 'yellow', 'red'],
    ['daysSinceLastLogin', 31, 'red', 'red'],
    ['featureAdoption', 0.7, 'green', 'yellow'],
    ['featureAdoption', 0.4, 'yellow', 'red'],
    ['featureAdoption', 0.3999, 'red', 'red'],
  ];
  for (const [signal, value, relaxed, standard] of RELAXED) {
    it(`${signal} ${value}: ${relaxed} in the first 90 days, ${standard} after`, () => {
      const colourOn = (daysSinceGoLive: number) => {
        const s = scoreAccount(greenSignals({ [signal]: value, daysSinceGoLive }), rules, AS_OF);
        return s.measures.find((m) => m.source === signal)!.colour;
      };
      expect(colourOn(30)).to.equal(relaxed);
      expect(colourOn(400)).to.equal(standard);
    });
  }

  it('smb has no exec sponsor measure; its other weights are inherited', () => {
    const s = scoreAccount(greenSignals({ segment: 'SMB', daysSinceExecSponsorMeeting: 500 }), rules, AS_OF);
    expect(s.measures.map((m) => m.key)).to.deep.equal(['lastLogin', 'featureAdoption', 'renewal', 'nps', 'support']);
    expect(s.score).to.equal(100);
  });

  it('a scheme asked for by name must exist', () => {
    expect(() => scoreAccount(greenSignals(), rules, AS_OF, { scheme: 'nope' })).to.throw().with.property('code', 'HEALTH_SCHEME_UNKNOWN');
  });

  it('the stage picks the scheme from facts too', () => {
    const s = scoreAccount(facts({ stage: 'Implementation' }), rules, AS_OF);
    expect(s.scheme).to.equal('first-90-days');
  });
});

describe('scoreAccount: the category-weighted scheme (engagement 50 / support 30 / usage 20)', () => {
  const score = (values: Record<string, string | number | boolean | null>) => scoreAccount(greenSignals(values), rules, AS_OF, { scheme: 'category-weighted' });

  it('averages measures within a category by their weights, then weights the categories', () => {
    // engagement: sponsor green (15) + NPS red (10) → 60; support red → 0; usage green → 100.
    const s = score({ npsStatus: 'detractor', npsScore: 1, openSev12Tickets: 5 });
    expect(s.combine).to.equal('categories');
    expect(s.categories).to.deep.equal([
      { name: 'engagement', weight: 50, normalizedWeight: 0.5, score: 60 },
      { name: 'support', weight: 30, normalizedWeight: 0.3, score: 0 },
      { name: 'usage', weight: 20, normalizedWeight: 0.2, score: 100 },
    ]);
    expect(s.score).to.equal(50); // 0.5 × 60 + 0.3 × 0 + 0.2 × 100
    expect(s.measures.find((m) => m.key === 'renewal')).to.equal(undefined);
    const share = Object.fromEntries(s.measures.map((m) => [m.key, m.normalizedWeight]));
    expect(share.execSponsor).to.be.closeTo(0.5 * 15 / 25, 1e-12);
    expect(share.support).to.be.closeTo(0.3, 1e-12);
  });

  it('a category without data drops out and the others renormalize', () => {
    const s = score({ openSev12Tickets: null, escalationOpen: null, npsStatus: 'detractor' });
    expect(s.categories.find((c) => c.name === 'support')).to.include({ score: null, normalizedWeight: 0 });
    // engagement 60 × 50/70 + usage 100 × 20/70 = 71.4 → 71.
    expect(s.score).to.equal(71);
  });
});

describe('scoreAccount: trend, churn warning, engagement alert', () => {
  const point = (day: string, score: number | null) => ({ asOf: `${day}T06:00:00.000Z`, score });

  it('compares with the latest snapshot at least 7 days old, not with the previous run', () => {
    const previous = [point(daysBefore(1), 10), point(daysBefore(6), 20), point(daysBefore(7), 80), point(daysBefore(8), 30), point(daysBefore(20), 40)];
    const t = scoreAccount(greenSignals(), rules, AS_OF, { previousSnapshots: previous }).trend;
    expect(t).to.deep.equal({ direction: 'up', windowDays: 7, comparedWith: `${daysBefore(7)}T06:00:00.000Z`, previousScore: 80, delta: 20 });
  });

  const TREND: [number, string][] = [[98, 'flat'], [97, 'up'], [100, 'flat'], [102, 'flat'], [103, 'down']];
  for (const [previousScore, direction] of TREND) {
    it(`100 against ${previousScore} is ${direction} (flat within 2 points)`, () => {
      const t = scoreAccount(greenSignals(), rules, AS_OF, { previousSnapshots: [point(daysBefore(9), previousScore)] }).trend;
      expect(t.direction).to.equal(direction);
      expect(t.delta).to.equal(100 - previousScore);
    });
  }

  it('no snapshot old enough, or one without a score: no comparison', () => {
    expect(scoreAccount(greenSignals(), rules, AS_OF, { previousSnapshots: [point(daysBefore(6), 50)] }).trend).to.include({ direction: 'no-comparison', comparedWith: null, delta: null });
    expect(scoreAccount(greenSignals(), rules, AS_OF).trend.direction).to.equal('no-comparison');
    expect(scoreAccount(greenSignals(), rules, AS_OF, { previousSnapshots: [point(daysBefore(8), null)] }).trend.direction).to.equal('no-comparison');
  });

  const CHURN: [number, boolean, number][] = [[0.6, true, -40], [0.6001, false, -39.99], [0.5999, true, -40.01], [1.4, false, 40]];
  for (const [ratio, active, pct] of CHURN) {
    it(`activity at ${ratio * 100}% of baseline: churn warning ${active}`, () => {
      expect(scoreAccount(greenSignals({ activityVsBaseline: ratio }), rules, AS_OF).churnWarning).to.deep.equal({ active, activityChangePct: pct, thresholdPct: 40 });
    });
  }
  it('no baseline: no churn warning', () => {
    expect(scoreAccount(greenSignals({ activityVsBaseline: null }), rules, AS_OF).churnWarning).to.include({ active: false, activityChangePct: null });
  });
  it('churn warning from usage: exactly 40% down warns', () => {
    const days = [...dailyUsage(90, 7, { events: 100 }), ...dailyUsage(7, 0, { events: 60 })];
    expect(scoreAccount(facts({ usage: { linkedKeys: 1, days } }), rules, AS_OF).churnWarning).to.include({ active: true, activityChangePct: -40 });
  });

  const ENGAGEMENT: [number | null, boolean][] = [[0.2, false], [0.1999, true], [0.05, true], [null, false]];
  for (const [engagement, active] of ENGAGEMENT) {
    it(`engagement ${engagement}: alert ${active} (below 20%)`, () => {
      expect(scoreAccount(greenSignals({ engagement }), rules, AS_OF).engagementAlert.active).to.equal(active);
    });
  }

  it('refuses signals derived for another asOf', () => {
    expect(() => scoreAccount(greenSignals({}, { asOf: '2026-11-29T00:00:00.000Z' }), rules, AS_OF)).to.throw().with.property('code', 'HEALTH_ASOF_MISMATCH');
  });

  it('a healthy account from facts is green with no alerts', () => {
    const s = scoreAccount(facts({ account: account({ renewalDate: daysBefore(-300) }) }), rules, AS_OF);
    expect(s).to.include({ score: 100, colour: 'green' });
    expect(s.churnWarning.active).to.equal(false);
    expect(s.engagementAlert.active).to.equal(false);
  });
});
