import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DEFAULT_RECONCILE_RULES, parseReconcileRules } from '../../../../src/config/rules/reconcile-rules.schema.ts';
import type { SextantError } from '../../../../src/domain/sextant-error.ts';

const failure = (f: () => unknown): SextantError => {
  try {
    f();
  } catch (err) {
    return err as SextantError;
  }
  throw new Error('expected a failure');
};

// The registry test for rules/reconcile.yaml (STYLE.md: each registry has a validation test).
describe('rules/reconcile.yaml', () => {
  const shipped = readFileSync(new URL('../../../../rules/reconcile.yaml', import.meta.url), 'utf8');

  it('is valid and spells out exactly the defaults', () => {
    expect(parseReconcileRules(shipped, 'rules/reconcile.yaml')).to.deep.equal(DEFAULT_RECONCILE_RULES);
  });

  it('defaults every setting when the file is empty', () => {
    const rules = parseReconcileRules('', 'reconcile.yaml');
    expect(rules.domainMatch.freeMailDomains).to.include.members(['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com']);
    expect(rules.nameProposals.threshold).to.equal(0.8);
    expect(rules.customers).to.deep.equal({ statuses: ['Active', 'Onboarding'], withArr: true, exceptStatuses: ['Churned'] });
    expect(rules.report.minUnmatchedEvents).to.equal(1);
  });

  it('keeps the defaults of the sections a file leaves out', () => {
    const rules = parseReconcileRules('nameProposals:\n  threshold: 0.9\n', 'reconcile.yaml');
    expect(rules.nameProposals.threshold).to.equal(0.9);
    expect(rules.nameProposals.maxAccountsPerToken).to.equal(50);
    expect(rules.domainMatch).to.deep.equal(DEFAULT_RECONCILE_RULES.domainMatch);
  });

  it('lower-cases free-mail domains', () => {
    expect(parseReconcileRules('domainMatch:\n  freeMailDomains: [Gmail.COM]\n', 'r.yaml').domainMatch.freeMailDomains).to.deep.equal(['gmail.com']);
  });

  it('reports every problem with file:line and the key path (RULES_INVALID)', () => {
    const text = [
      'domainMatch:',
      '  confidence: 1.5',
      '  freeMailDomains: [gmail.com, "https://yahoo.com"]',
      'nameProposals:',
      '  threshold: 0',
      '  typo: 1',
      'customers:',
      '  statuses: Active',
    ].join('\n');
    const err = failure(() => parseReconcileRules(text, 'rules/reconcile.yaml'));
    expect(err.code).to.equal('RULES_INVALID');
    expect(err.kind).to.equal('config');
    const problems = err.data as { line: number; path: string }[];
    // The unknown key is reported on its map (parse-yaml-file places it at the map's first line).
    expect(problems.map((p) => [p.line, p.path])).to.have.deep.members([
      [2, 'domainMatch.confidence'], [3, 'domainMatch.freeMailDomains.1'], [5, 'nameProposals'], [5, 'nameProposals.threshold'], [8, 'customers.statuses'],
    ]);
  });
});
