import { expect } from 'chai';
import { explainSnapshot } from '../../../src/health/explain-snapshot.ts';
import { scoreAccount } from '../../../src/health/score-account.ts';
import { AS_OF, dailyUsage, daysBefore, facts, greenSignals, shippedRules, signals } from './health-fixtures.ts';

const rules = shippedRules();

describe('explainSnapshot', () => {
  it('reads the score, trend, why, alerts, every measure worst first, and the scheme', () => {
    const s = scoreAccount(facts({ usage: { linkedKeys: 1, days: dailyUsage(90, 30) }, support: null }), rules, AS_OF, {
      previousSnapshots: [{ asOf: `${daysBefore(7)}T12:00:00.000Z`, score: 90 }],
    });
    const lines = explainSnapshot(s);
    expect(lines[0]).to.equal(`Acme Corp (001000000000001AAA): health 50/100, red as of 2026-11-30; down 40 since ${daysBefore(7)} (was 90)`);
    // Without support the mean is exactly 50: the cap has nothing to hold down.
    expect(lines[1]).to.equal('Why: red because last login 30 days ago; core feature adoption 0% of target (not scored: Open sev-1/2 tickets, no data)');
    expect(lines.some((l) => l.startsWith('Capped'))).to.equal(false);
    expect(lines).to.include("Churn warning: activity 100% below the account's 90-day baseline (warns at 40%)");
    expect(lines.some((l) => l.startsWith('Engagement alert: active on 0% of recent days'))).to.equal(true);
    const measures = lines.slice(lines.indexOf('Measures, worst first:') + 1, -1);
    expect(measures.map((l) => l.trim().split(/\s+/)[0])).to.deep.equal(['RED', 'RED', 'GREEN', 'GREEN', 'GREEN', 'NA']);
    expect(measures[0]).to.equal('  RED    Last login: 30 days ago · red: at least 22 days · weight 25 (28% of score) · owner CSM');
    expect(measures.at(-1)).to.equal('  NA     Open sev-1/2 tickets: no data · not scored: no data · not in score · owner Support lead');
    expect(lines.at(-1)).to.equal('Scheme: standard (default)');
  });

  it('says when a red measure capped the score', () => {
    const lines = explainSnapshot(scoreAccount(facts({ usage: { linkedKeys: 1, days: dailyUsage(90, 30) } }), rules, AS_OF));
    expect(lines[1]).to.match(/^Why: red because last login 30 days ago \(caps the score at 50\); core feature adoption 0% of target$/);
    expect(lines).to.include('Capped: Last login is red, which holds the score at 50 (55 without the cap)');
  });

  it('says when there is no score, and names the categories of a category scheme', () => {
    expect(explainSnapshot(scoreAccount(signals({ npsStatus: null }), rules, AS_OF))[0]).to.equal('Acme Corp (001000000000001AAA): no health score as of 2026-11-30: no measure has data');
    const lines = explainSnapshot(scoreAccount(greenSignals(), rules, AS_OF, { scheme: 'category-weighted' }));
    expect(lines.at(-1)).to.equal('Scheme: category-weighted (chosen by the caller); categories: engagement 100 (weight 50), support 100 (weight 30), usage 100 (weight 20)');
    expect(lines[0]).to.match(/no snapshot 7 days back to compare with$/);
  });
});
