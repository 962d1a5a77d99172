import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { lifecycleRulesJsonSchema, loadLifecycleRules, MAX_STAGES } from '../../../../src/config/rules/lifecycle-rules.schema.ts';
import type { YamlProblem } from '../../../../src/config/rules/parse-yaml-file.ts';
import { SextantError } from '../../../../src/domain/sextant-error.ts';
import { CONDITION_FACT_NAMES, DEFAULT_FACT_VOCABULARY } from '../../../../src/lifecycle/lifecycle-facts.ts';
import { DEFAULT_APPLIES_TO } from '../../../../src/lifecycle/lifecycle-rules.ts';

const SHIPPED = fileURLToPath(new URL('../../../../rules/lifecycle.yaml', import.meta.url));
const PICKLIST = fileURLToPath(new URL('../../../../sfdx-project/force-app/main/default/objects/Account/fields/Lifecycle_Stage__c.field-meta.xml', import.meta.url));

const problemsOf = (yaml: string): YamlProblem[] => {
  try {
    loadLifecycleRules(yaml, 'rules/lifecycle.yaml');
  } catch (err) {
    expect(err).to.be.instanceOf(SextantError);
    expect((err as SextantError).code).to.equal('RULES_INVALID');
    return (err as SextantError).data as YamlProblem[];
  }
  expect.fail('expected RULES_INVALID');
};

describe('rules/lifecycle.yaml (shipped)', () => {
  const rules = loadLifecycleRules(readFileSync(SHIPPED, 'utf8'), 'rules/lifecycle.yaml');

  it('validates, with DOMAIN.md\'s six stages in priority order and Adoption as fallback', () => {
    expect(rules.stages.map((s) => s.name)).to.deep.equal(['At Risk', 'Renewal', 'Implementation', 'Adoption', 'Value Realization', 'Expansion']);
    expect(rules.fallback).to.equal('Adoption');
  });

  it('Implementation is stuck after 60 days, with the compliance CTA, dated from the signature', () => {
    expect(rules.stages.find((s) => s.name === 'Implementation')).to.include({ expectedDays: 60, stuckAction: 'compliance-cta', startedOn: 'contractSignedOn' });
    expect(rules.stages.filter((s) => s.expectedDays !== null).map((s) => s.name)).to.deep.equal(['Implementation']);
  });

  it('names exactly the values of the restricted Lifecycle Stage picklist (writeback would fail on any other)', () => {
    const values = [...readFileSync(PICKLIST, 'utf8').matchAll(/<fullName>([^<]+)<\/fullName>\s*<default>/g)].map((m) => m[1]);
    expect(values).to.deep.equal(rules.stages.map((s) => s.name));
  });

  it('spells out the defaults it relies on', () => {
    expect(rules.facts).to.deep.equal(DEFAULT_FACT_VOCABULARY);
    expect(rules.appliesTo).to.deep.equal(DEFAULT_APPLIES_TO);
  });
});

describe('loadLifecycleRules', () => {
  it('fills defaults for a minimal file', () => {
    const rules = loadLifecycleRules('stages:\n  - name: Live\n    when: { fact: contractSigned, eq: true }\n', 'x.yaml');
    expect(rules).to.deep.equal({
      facts: DEFAULT_FACT_VOCABULARY,
      appliesTo: DEFAULT_APPLIES_TO,
      conditions: {},
      stages: [{ name: 'Live', when: { fact: 'contractSigned', eq: true }, expectedDays: null, stuckAction: null, startedOn: null }],
      fallback: null,
    });
  });

  const stage = (name: string, when: string, extra = ''): string => `  - name: ${name}\n    when: ${when}\n${extra}`;
  const file = (...stages: string[]): string => `stages:\n${stages.join('')}`;
  const OK = '{ fact: churned, eq: false }';

  /** Each case: a file and the one problem expected, at its line and path. */
  const CASES: { name: string; yaml: string; line: number; path: string; message: RegExp; count?: number }[] = [
    { name: 'unknown fact, with did-you-mean', yaml: file(stage('At Risk', '{ fact: helthColour, eq: red }')), line: 3, path: 'stages.0.when.fact', message: /unknown fact "helthColour" \(did you mean healthColour\?\)/ },
    { name: 'boolean fact compared with a text', yaml: file(stage('At Risk', '{ fact: escalationOpen, eq: "yes" }')), line: 3, path: 'stages.0.when.eq', message: /escalationOpen is true or false, not "yes"/ },
    { name: 'number fact compared with a text', yaml: file(stage('Renewal', '{ fact: daysUntilRenewal, eq: "120" }')), line: 3, path: 'stages.0.when.eq', message: /daysUntilRenewal is a number/ },
    { name: 'number bound that is not a number', yaml: file(stage('Renewal', '{ fact: daysUntilRenewal, lte: soon }')), line: 3, path: 'stages.0.when.lte', message: /lte takes a number/ },
    { name: 'comparison a boolean fact does not have', yaml: file(stage('At Risk', '{ fact: escalationOpen, gte: 1 }')), line: 3, path: 'stages.0.when.gte', message: /gte does not apply to escalationOpen/ },
    { name: 'unknown colour, with did-you-mean', yaml: file(stage('At Risk', '{ fact: healthColour, eq: rd }')), line: 3, path: 'stages.0.when.eq', message: /unknown colour "rd" \(did you mean red\?\)/ },
    { name: 'unknown colour in a list', yaml: file(stage('At Risk', '{ fact: healthColour, in: [red, amber] }')), line: 3, path: 'stages.0.when.in.1', message: /unknown colour "amber"/ },
    { name: 'fact test without a comparison', yaml: file(stage('At Risk', '{ fact: escalationOpen }')), line: 3, path: 'stages.0.when.fact', message: /missing a comparison for escalationOpen/ },
    { name: 'comparison without a fact', yaml: file(stage('At Risk', '{ eq: red }')), line: 3, path: 'stages.0.when', message: /missing: fact/ },
    { name: 'two forms in one condition', yaml: file(stage('At Risk', `{ any: [${OK}], fact: churned, eq: true }`)), line: 3, path: 'stages.0.when.fact', message: /a condition is one of all, any, not, condition or fact/ },
    { name: 'empty condition', yaml: file(stage('At Risk', '{}')), line: 3, path: 'stages.0.when', message: /empty condition/ },
    { name: 'empty all', yaml: file(stage('At Risk', '{ all: [] }')), line: 3, path: 'stages.0.when.all', message: /list at least one condition/ },
    // The test is also reported as missing its comparison: the unknown key was meant to be it.
    { name: 'unknown key in a condition', yaml: file(stage('At Risk', '{ fact: churned, equals: true }')), line: 3, path: 'stages.0.when', message: /unknown key "equals" \(use eq\)/, count: 2 },
    { name: 'nested problem', yaml: file(stage('At Risk', `\n      all:\n        - ${OK}\n        - not: { fact: segmnt, eq: SMB }`)), line: 6, path: 'stages.0.when.all.1.not.fact', message: /did you mean segment\?/ },
    { name: 'duplicate stage names (ignoring case)', yaml: file(stage('Renewal', OK), stage('renewal', OK)), line: 4, path: 'stages.1.name', message: /duplicate stage name "renewal" \(also stages\[0\]\)/ },
    { name: 'unknown condition reference', yaml: `conditions:\n  hot: ${OK}\n${file(stage('Expansion', '{ condition: hott }'))}`, line: 5, path: 'stages.0.when.condition', message: /unknown condition "hott" \(did you mean hot\?\)/ },
    { name: 'condition used before it is defined (no loops)', yaml: `conditions:\n  a: { condition: b }\n  b: ${OK}\n${file(stage('X', OK))}`, line: 2, path: 'conditions.a.condition', message: /not defined above this one/ },
    { name: 'fallback that is not a stage', yaml: `${file(stage('Adoption', OK))}fallback: Adopton\n`, line: 4, path: 'fallback', message: /unknown stage "Adopton" \(did you mean Adoption\?\)/ },
    { name: 'stuckAction without expectedDays', yaml: file(stage('Implementation', OK, '    stuckAction: compliance-cta\n')), line: 4, path: 'stages.0.stuckAction', message: /needs expectedDays/ },
    { name: 'expectedDays that is not a whole number', yaml: file(stage('Implementation', OK, '    expectedDays: 60.5\n')), line: 4, path: 'stages.0.expectedDays', message: /whole number/ },
    { name: 'stuckAction not a CTA type name', yaml: file(stage('Implementation', OK, '    expectedDays: 60\n    stuckAction: Compliance CTA\n')), line: 5, path: 'stages.0.stuckAction', message: /kebab-case/ },
    { name: 'startedOn that is not a date fact', yaml: file(stage('Implementation', OK, '    startedOn: signedOn\n')), line: 4, path: 'stages.0.startedOn', message: /unknown date fact "signedOn"/ },
    { name: 'unknown stage key, with did-you-mean', yaml: file(stage('Implementation', OK, '    expectedDay: 60\n')), line: 2, path: 'stages.0', message: /unknown key "expectedDay" \(did you mean expectedDays\?\)/ },
    { name: 'unknown facts key', yaml: `facts:\n  churnedStatus: [Lost]\n${file(stage('X', OK))}`, line: 2, path: 'facts', message: /unknown key "churnedStatus" \(did you mean churnedStatuses\?\)/ },
    { name: 'no stages', yaml: 'fallback: null\n', line: 1, path: 'stages', message: /missing: the list of stages/ },
    {
      name: `more than ${MAX_STAGES} stages`,
      yaml: file(...Array.from({ length: MAX_STAGES + 1 }, (_, i) => stage(`S${i}`, OK))),
      line: 2, path: 'stages', message: /at most 8 stages/,
    },
    { name: 'YAML syntax error', yaml: 'stages:\n  - name: [X\n', line: 3, path: '', message: /./ },
  ];

  for (const c of CASES) {
    it(`RULES_INVALID: ${c.name}`, () => {
      const problems = problemsOf(c.yaml);
      expect(problems, JSON.stringify(problems)).to.have.length(c.count ?? 1);
      const problem = problems.find((p) => p.path === c.path);
      expect(problem, JSON.stringify(problems)).to.include({ file: 'rules/lifecycle.yaml', line: c.line, path: c.path });
      expect(problem?.message).to.match(c.message);
    });
  }

  it('reports every problem of a file at once, in line order, on the error path too', () => {
    const yaml = [
      'stages:',
      '  - name: At Risk',
      '    when: { fact: helthColour, eq: red }',
      '  - name: At Risk',
      '    when: { fact: escalationOpen, eq: "yes" }',
      'fallback: Nope',
    ].join('\n');
    const problems = problemsOf(yaml);
    expect(problems.map((p) => `${p.line}:${p.path}`)).to.deep.equal(['3:stages.0.when.fact', '4:stages.1.name', '5:stages.1.when.eq', '6:fallback']);
    let caught: unknown;
    try {
      loadLifecycleRules(yaml, 'rules/lifecycle.yaml');
    } catch (err) {
      caught = err;
    }
    expect(caught).to.have.property('path', 'rules/lifecycle.yaml:3');
  });
});

describe('lifecycleRulesJsonSchema', () => {
  const schema = lifecycleRulesJsonSchema() as { properties: Record<string, Record<string, unknown>>; $defs: Record<string, { properties: Record<string, { enum?: string[] }> }> };

  it('describes the file for editors: stages capped, conditions recursive, facts listed', () => {
    expect(schema.properties.stages).to.include({ maxItems: MAX_STAGES, minItems: 1 });
    expect(schema.$defs.LifecycleCondition?.properties.fact?.enum).to.deep.equal(CONDITION_FACT_NAMES);
    expect(JSON.stringify(schema.$defs.LifecycleCondition?.properties.all)).to.include('#/$defs/LifecycleCondition');
  });
});
