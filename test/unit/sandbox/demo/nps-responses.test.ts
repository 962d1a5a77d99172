import { expect } from 'chai';
import type { DemoOrg } from '../../../../src/sandbox/demo/demo-types.ts';
import { generateNpsResponses } from '../../../../src/sandbox/demo/nps-responses.ts';
import { to18 } from '../../../../src/domain/salesforce-id.ts';
import { AS_OF, demoOrg, SEED } from './demo-fixtures.ts';

describe('generateNpsResponses', function () {
  this.timeout(60_000);
  const org = (): DemoOrg => demoOrg(2000);
  const nps = () => generateNpsResponses(org(), { seed: SEED, asOf: AS_OF });

  it('is deterministic in the seed', () => {
    const small = demoOrg(200);
    expect(generateNpsResponses(small, { seed: 1, asOf: AS_OF })).to.deep.equal(generateNpsResponses(small, { seed: 1, asOf: AS_OF }));
    expect(generateNpsResponses(small, { seed: 2, asOf: AS_OF }).rows).to.not.deep.equal(generateNpsResponses(small, { seed: 1, asOf: AS_OF }).rows);
  });

  it('has promoters, passives and detractors, some passives with negative comments', () => {
    const { rows, truth } = nps();
    expect(truth.counts.promoters).to.be.above(0);
    expect(truth.counts.passives).to.be.above(0);
    expect(truth.counts.detractors).to.be.above(0);
    expect(truth.counts.promoters + truth.counts.passives + truth.counts.detractors + truth.counts.invalid).to.equal(rows.length);
    const byId = new Map(rows.map((r) => [r.response_id, r]));
    expect(truth.passiveNegative.length).to.be.above(0);
    for (const id of truth.passiveNegative) {
      expect(byId.get(id)?.score).to.be.within(7, 8);
      expect(byId.get(id)?.comment).to.not.equal('');
    }
  });

  it('lists exactly the defective rows: score 11, unknown email, future date', () => {
    const { rows, truth } = nps();
    const contacts = new Map((org().records.Contact ?? []).map((c) => [String(c.Email).toLowerCase(), c]));
    const invalid = new Map(truth.invalid.map((i) => [i.response_id, i.defect]));
    expect(new Set(invalid.values())).to.have.all.keys('score-out-of-range', 'unknown-email', 'future-date');
    for (const r of rows) {
      const defect = invalid.get(r.response_id);
      const known = contacts.get(r.email.toLowerCase());
      const future = Date.parse(r.responded_at) > AS_OF.getTime();
      expect(r.score < 0 || r.score > 10, r.response_id).to.equal(defect === 'score-out-of-range');
      expect(known === undefined, r.response_id).to.equal(defect === 'unknown-email');
      expect(future, r.response_id).to.equal(defect === 'future-date');
      if (known !== undefined && r.contact_id !== '') expect(to18(r.contact_id)).to.equal(known.Id);
    }
  });

  it('sometimes has only the email, sometimes a 15-char id, sometimes a differently cased email', () => {
    const { rows } = nps();
    expect(rows.some((r) => r.contact_id === '')).to.equal(true);
    expect(rows.some((r) => r.contact_id.length === 15)).to.equal(true);
    expect(rows.some((r) => r.contact_id.length === 18)).to.equal(true);
    expect(rows.some((r) => r.email !== r.email.toLowerCase())).to.equal(true);
  });

  it('orders rows by response time with sequential ids', () => {
    const { rows } = nps();
    rows.forEach((r, i) => {
      expect(r.response_id).to.equal(`NPS-${String(i + 1).padStart(7, '0')}`);
      if (i > 0) expect(r.responded_at >= (rows[i - 1]?.responded_at ?? '')).to.equal(true);
    });
  });

  it('correlates with health: troubled and churned accounts are detractors more often', () => {
    const { rows, truth } = nps();
    const invalid = new Set(truth.invalid.map((i) => i.response_id));
    const patternOf = new Map<string, string>();
    for (const plan of org().plans) {
      for (let i = plan.contactStart; i < plan.contactStart + plan.contactCount; i++) {
        const email = org().records.Contact?.[i]?.Email;
        if (typeof email === 'string') patternOf.set(email.toLowerCase(), plan.pattern);
      }
    }
    const detractorRate = (patterns: string[]): number => {
      const scored = rows.filter((r) => !invalid.has(r.response_id) && patterns.includes(patternOf.get(r.email.toLowerCase()) ?? '') && Date.parse(r.responded_at) > AS_OF.getTime() - 130 * 86_400_000);
      return scored.filter((r) => r.score <= 6).length / Math.max(1, scored.length);
    };
    expect(detractorRate(['declining', 'inactive', 'churning'])).to.be.above(detractorRate(['healthy', 'steady']) + 0.15);
    expect(truth.latestByAccount.detractor.length).to.be.above(0);
  });
});
