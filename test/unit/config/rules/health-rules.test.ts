import { expect } from 'chai';
import { healthRulesJsonSchema, loadHealthRules } from '../../../../src/config/rules/health-rules.schema.ts';
import type { YamlProblem } from '../../../../src/config/rules/parse-yaml-file.ts';
import { SextantError } from '../../../../src/domain/sextant-error.ts';
import { SHIPPED_RULES_TEXT } from '../../health/health-fixtures.ts';

/** A valid file; each case below breaks one thing in it. Line numbers are 1-based. */
const BASE = `schemes:
  s:
    measures:
      login:
        label: Last login
        kind: days-since
        source: daysSinceLastLogin
        weight: 1
        owner: CSM
        bands:
          green: { lte: 7 }
          red: { gte: 8 }
selection:
  - scheme: s
`;

const problemsOf = (text: string): YamlProblem[] => {
  try {
    loadHealthRules(text, 'rules/health.yaml');
  } catch (err) {
    expect(err).to.be.instanceOf(SextantError);
    expect((err as SextantError).code).to.equal('RULES_INVALID');
    return (err as SextantError).data as YamlProblem[];
  }
  throw new Error('expected RULES_INVALID');
};

const replaced = (from: string, to: string): string => {
  if (!BASE.includes(from)) throw new Error(`not in BASE: ${from}`);
  return BASE.replace(from, to);
};

describe('rules/health.yaml', () => {
  it('the shipped file validates: four schemes, the standard one weighing 100', () => {
    const rules = loadHealthRules(SHIPPED_RULES_TEXT, 'rules/health.yaml');
    expect(Object.keys(rules.schemes)).to.deep.equal(['standard', 'first-90-days', 'smb', 'category-weighted']);
    const standard = rules.schemes.standard!;
    expect(standard.measures.map((m) => m.key)).to.deep.equal(['lastLogin', 'featureAdoption', 'renewal', 'execSponsor', 'nps', 'support']);
    expect(standard.measures.reduce((sum, m) => sum + m.weight, 0)).to.equal(100);
    expect(rules.schemes['first-90-days']!.measures.find((m) => m.key === 'renewal')!.weight).to.equal(20);
    expect(rules.schemes['category-weighted']).to.include({ combine: 'categories' });
    expect(rules.trend).to.deep.equal({ windowDays: 7, flatWithin: 2 });
    expect(rules.alerts).to.deep.equal({ churnWarning: { activityDropPct: 40 }, engagementAlert: { belowPct: 20 } });
  });

  it('the base file validates and fills every default', () => {
    const rules = loadHealthRules(BASE, 'rules/health.yaml');
    expect(rules.signals.coreFeatures).to.deep.equal(['dashboards', 'reports', 'workflows', 'integrations']);
    expect(rules.overall.bands).to.deep.equal({ red: { gte: 0, lte: 50 }, yellow: { gte: 51, lte: 75 }, green: { gte: 76, lte: 100 } });
    expect(rules.schemes.s!.measures[0]).to.include({ never: 'red', whenStale: 'exclude', category: null, capScoreWhenRed: null });
  });

  it('a JSON Schema for editors comes from the same definition', () => {
    const schema = healthRulesJsonSchema();
    expect(schema.$schema).to.match(/json-schema\.org/);
    const props = (schema as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(props)).to.include.members(['schemes', 'selection', 'overall', 'trend', 'alerts', 'signals']);
    expect(JSON.stringify(schema)).to.include('capScoreWhenRed');
  });

  /** Each case: the broken file, and the problem expected at path and line (the only one unless `count`). */
  const CASES: { name: string; text: string; path: string; line: number; message: RegExp; count?: number }[] = [
    { name: 'a gap between bands', text: replaced('red: { gte: 8 }', 'red: { gte: 9 }'), path: 'schemes.s.measures.login.bands', line: 11, message: /no band matches exactly 8 days/ },
    { name: 'overlapping bands', text: replaced('red: { gte: 8 }', 'red: { gte: 7 }'), path: 'schemes.s.measures.login.bands.red', line: 12, message: /green and red bands overlap: both match 7/ },
    { name: 'an edge given twice', text: replaced('green: { lte: 7 }', 'green: { gt: 1, gte: 2, lte: 7 }'), path: 'schemes.s.measures.login.bands.green', line: 11, message: /lower edge once/ },
    { name: 'an empty range', text: replaced('green: { lte: 7 }', 'green: { gte: 9, lte: 7 }'), path: 'schemes.s.measures.login.bands.green', line: 11, message: /holds no value/, count: 2 },
    { name: 'an unknown signal', text: replaced('daysSinceLastLogin', 'daysSinceLogin'), path: 'schemes.s.measures.login.source', line: 7, message: /unknown signal "daysSinceLogin"/ },
    { name: 'a kind that cannot read its source', text: replaced('source: daysSinceLastLogin', 'source: npsStatus'), path: 'schemes.s.measures.login.source', line: 7, message: /days-since cannot read npsStatus/ },
    { name: 'a missing weight', text: replaced('        weight: 1\n', ''), path: 'schemes.s.measures.login', line: 5, message: /measure login needs weight/ },
    { name: 'an unknown key', text: replaced('owner: CSM', 'owner: CSM\n        colour: red'), path: 'schemes.s.measures.login', line: 5, message: /Unrecognized key: "colour"/ },
    { name: 'an unknown kind', text: replaced('kind: days-since', 'kind: days-ago'), path: 'schemes.s.measures.login.kind', line: 6, message: /Invalid option/ },
    { name: 'a field the kind ignores', text: replaced('owner: CSM', 'owner: CSM\n        target: 5'), path: 'schemes.s.measures.login.target', line: 10, message: /target does not apply to days-since/ },
    { name: '`never` on a signal that always has a value', text: replaced('source: daysSinceLastLogin', 'source: daysSinceGoLive\n        never: red'), path: 'schemes.s.measures.login.never', line: 8, message: /daysSinceGoLive always has a value/ },
    { name: '`never` on a kind without it', text: replaced('kind: days-since\n        source: daysSinceLastLogin', 'kind: days-until\n        source: daysUntilRenewal\n        never: red'), path: 'schemes.s.measures.login.never', line: 8, message: /never does not apply to days-until measures/ },
    { name: 'an adjustment on an unknown signal', text: replaced('owner: CSM', 'owner: CSM\n        adjust:\n          - { to: red, when: { hasPlan: true }, note: x }'), path: 'schemes.s.measures.login.adjust.0.when.hasPlan', line: 11, message: /unknown signal "hasPlan"/ },
    { name: 'a yes/no signal compared with a word', text: replaced('owner: CSM', 'owner: CSM\n        adjust:\n          - { to: red, when: { escalationOpen: "yes" }, note: x }'), path: 'schemes.s.measures.login.adjust.0.when.escalationOpen', line: 11, message: /true or false/ },
    { name: 'extends a scheme that does not exist', text: replaced('  s:\n', '  s:\n    extends: base\n'), path: 'schemes.s.extends', line: 3, message: /no scheme named "base"/ },
    { name: 'extends in a circle', text: `${BASE.replace('  s:\n', '  s:\n    extends: t\n').replace('selection:', '  t:\n    extends: s\nselection:')}`, path: 'schemes.s.extends', line: 3, message: /extends goes round in a circle: (s → t → s|t → s → t)/, count: 2 },
    { name: 'selection names an unknown scheme', text: replaced('- scheme: s', '- scheme: standard'), path: 'selection.0.scheme', line: 14, message: /no scheme named "standard"/ },
    { name: 'the last selector has conditions', text: replaced('- scheme: s', '- scheme: s\n    when: { segment: SMB }'), path: 'selection.0.when', line: 15, message: /last selector must have no `when`/ },
    { name: 'overall bands with a hole', text: `${BASE}overall:\n  bands:\n    red: { gte: 0, lte: 50 }\n    yellow: { gte: 52, lte: 75 }\n    green: { gte: 76, lte: 100 }\n`, path: 'overall.bands', line: 17, message: /no band matches exactly 51: .*\(scores are whole numbers 0–100\)/ },
    { name: 'a category scheme with a measure outside its categories', text: replaced('  s:\n', '  s:\n    combine: categories\n    categories: { usage: 1 }\n'), path: 'schemes.s.measures.login', line: 7, message: /measure login needs a category of usage/ },
    { name: 'a status measure missing a value', text: replaced('kind: days-since\n        source: daysSinceLastLogin', 'kind: status\n        source: npsStatus\n        values: { promoter: green, passive: green, detractor: red }').replace(/        bands:\n.*\n.*\n/, ''), path: 'schemes.s.measures.login.values', line: 8, message: /npsStatus can be "no-response": give it a colour/ },
    { name: 'a YAML syntax error', text: replaced('green: { lte: 7 }', 'green: { lte: 7'), path: '', line: 12, message: /./ },
  ];

  for (const c of CASES) {
    it(`RULES_INVALID: ${c.name}`, () => {
      const problems = problemsOf(c.text);
      expect(problems, JSON.stringify(problems)).to.have.length(c.count ?? 1);
      const p = problems.find((x) => x.path === c.path);
      expect(p, JSON.stringify(problems)).to.not.equal(undefined);
      expect(p).to.include({ file: 'rules/health.yaml', line: c.line });
      expect(p!.message).to.match(c.message);
    });
  }

  it('reports every problem of a file at once, in line order, each once even when schemes inherit it', () => {
    const text = `${BASE.replace('daysSinceLastLogin', 'daysSinceLogin').replace('red: { gte: 8 }', 'red: { gte: 7 }').replace('selection:', '  t:\n    extends: s\nselection:')}`;
    const problems = problemsOf(text);
    expect(problems.map((p) => `${p.line}:${p.path}`)).to.deep.equal(['7:schemes.s.measures.login.source', '12:schemes.s.measures.login.bands.red']);
    const err = (() => { try { loadHealthRules(text, 'rules/health.yaml'); } catch (e) { return e as SextantError; } })()!;
    expect(err.message.split('\n')[0]).to.match(/^rules\/health\.yaml:7:\d+ schemes\.s\.measures\.login\.source: /);
  });
});
