import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { AccountFacts } from '../../../src/health/account-facts.ts';
import { explainSnapshot } from '../../../src/health/explain-snapshot.ts';
import { scoreAccount } from '../../../src/health/score-account.ts';
import { account, AS_OF, dailyUsage, daysBefore, facts, shippedRules } from './health-fixtures.ts';

/**
 * Golden files: the shipped model's snapshots and explanations for a few typical accounts,
 * reviewed once and then held still, so a change to rules/health.yaml or to the engine shows
 * up as a diff in review. SEXTANT_UPDATE_GOLDEN=1 rewrites them.
 */
const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.SEXTANT_UPDATE_GOLDEN === '1';

const SCENARIOS: { name: string; facts: AccountFacts; previous?: { asOf: string; score: number | null }[] }[] = [
  { name: 'healthy enterprise', facts: facts(), previous: [{ asOf: `${daysBefore(7)}T12:00:00.000Z`, score: 92 }] },
  { name: 'no login for 30 days (DOMAIN scenario 2)', facts: facts({ usage: { linkedKeys: 1, days: dailyUsage(90, 30) } }), previous: [{ asOf: `${daysBefore(8)}T12:00:00.000Z`, score: 100 }] },
  { name: 'detractor response (DOMAIN scenario 3)', facts: facts({ nps: { score: 2, respondedAt: `${daysBefore(1)}T09:30:00.000Z` } }) },
  {
    name: 'SMB renewing in 45 days without a renewal opportunity',
    facts: facts({ account: account({ segment: 'SMB', renewalDate: daysBefore(-45) }), execSponsor: null, support: { openSev12Tickets: 1, escalationOpen: false } }),
  },
  {
    name: 'in its first 90 days, two features in use, no NPS yet',
    facts: facts({
      goLiveDate: daysBefore(40),
      usage: { linkedKeys: 1, days: dailyUsage(40, 0, { featureEvents: { dashboards: 3, reports: 1 } }) },
      nps: null,
    }),
  },
  {
    name: 'usage declining, escalation open, no sponsor data',
    facts: facts({
      usage: { linkedKeys: 1, days: [...dailyUsage(110, 7, { events: 100 }), ...dailyUsage(7, 0, { events: 45, featureEvents: { dashboards: 1 } })] },
      execSponsor: null,
      support: { openSev12Tickets: 0, escalationOpen: true },
      openOpportunities: [{ type: 'Renewal', stageName: 'Negotiation', amount: 90_000, closeDate: daysBefore(-80) }],
      account: account({ renewalDate: daysBefore(-90) }),
    }),
  },
  { name: 'no usage key linked, nothing but CRM', facts: facts({ usage: { linkedKeys: 0, days: [] }, execSponsor: null, support: null, nps: null, account: account({ renewalDate: null }) }) },
];

const golden = (file: string, actual: string): void => {
  const at = path.join(GOLDEN_DIR, file);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(at, actual);
  }
  expect(existsSync(at), `${file} is missing: run with SEXTANT_UPDATE_GOLDEN=1 and review it`).to.equal(true);
  expect(actual).to.equal(readFileSync(at, 'utf8'));
};

describe('shipped health model: golden snapshots', () => {
  const rules = shippedRules();
  const snapshots = SCENARIOS.map((s) => ({ name: s.name, snapshot: scoreAccount(s.facts, rules, AS_OF, { previousSnapshots: s.previous ?? [] }) }));

  it('every snapshot field matches the golden file', () => {
    golden('health-snapshots.golden.json', `${JSON.stringify(snapshots, null, 2)}\n`);
  });

  it('every line a CSM reads matches the golden file', () => {
    golden('health-explain.golden.txt', snapshots.map((s) => [`## ${s.name}`, ...explainSnapshot(s.snapshot), ''].join('\n')).join('\n'));
  });
});
