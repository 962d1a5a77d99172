import { z } from 'zod';
import { HEALTH_COLOURS } from '../../domain/health.ts';
import {
  CONDITION_FACT_NAMES, CONDITION_FACTS, DEFAULT_FACT_VOCABULARY, START_DATE_FACTS, type ConditionFactName, type FactKind,
} from '../../lifecycle/lifecycle-facts.ts';
import { COMPARATORS, DEFAULT_APPLIES_TO, type Comparator, type LifecycleRules } from '../../lifecycle/lifecycle-rules.ts';
import { didYouMean } from '../mappings/did-you-mean.ts';
import { parseYamlFile } from './parse-yaml-file.ts';

/**
 * rules/lifecycle.yaml: which facts RevOps' stage rules may test, with which comparisons, and
 * the file-wide checks (≤ 8 stages with unique names, a fallback that exists, references to
 * named conditions that exist). Every problem is reported at once, with its line.
 */
export const MAX_STAGES = 8;

/** The parsed shape of a condition; checkConditionForm guarantees it is exactly one form. */
export type ConditionInput = {
  all?: readonly ConditionInput[];
  any?: readonly ConditionInput[];
  not?: ConditionInput;
  condition?: string;
  fact?: ConditionFactName;
  eq?: boolean | number | string;
  in?: readonly string[];
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
};

/** Comparisons as other rule languages spell them. */
const COMPARATOR_ALIASES: Record<string, string> = {
  equals: ' (use eq)', is: ' (use eq)', le: ' (use lte)', ge: ' (use gte)', ne: ' (use not: { fact: …, eq: … })', neq: ' (use not: { fact: …, eq: … })',
};

const unknownKey = (known: readonly string[]) => (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'unrecognized_keys'
    ? issue.keys.map((key) => {
      // Two-letter slips (`zz`) are one edit from every comparator: suggest only for longer keys.
      const hint = known.includes('eq') && Object.hasOwn(COMPARATOR_ALIASES, key) ? COMPARATOR_ALIASES[key] : key.length > 2 ? didYouMean(key, known) : '';
      return `unknown key ${JSON.stringify(key)}${hint}`;
    }).join('; ')
    : undefined;

const CONDITION_KEYS = ['all', 'any', 'not', 'condition', 'fact', ...COMPARATORS];

const FactNameSchema = z.enum(CONDITION_FACT_NAMES, {
  error: (issue) => `unknown fact ${JSON.stringify(issue.input)}${didYouMean(String(issue.input), CONDITION_FACT_NAMES)} (facts: ${CONDITION_FACT_NAMES.join(', ')})`,
});

type Problem = { path: (string | number)[]; message: string };
type Ctx = z.core.$RefinementCtx<unknown>;
const report = (ctx: Ctx, problems: readonly Problem[]): void => {
  for (const p of problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
};
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const FORMS = ['all', 'any', 'not', 'condition', 'fact'] as const;
const ALLOWED: Record<FactKind, readonly Comparator[]> = { boolean: ['eq'], number: ['eq', 'lt', 'lte', 'gt', 'gte'], colour: ['eq', 'in'], text: ['eq', 'in'] };
const KIND_WORDS: Record<FactKind, string> = { boolean: 'true or false', number: 'a number', colour: `a colour: ${HEALTH_COLOURS.join(', ')}`, text: 'a text' };

/** A fact test compares with what the fact's kind allows, against values of its kind. */
const factTestProblems = (fact: ConditionFactName, node: ConditionInput): Problem[] => {
  const kind = CONDITION_FACTS[fact];
  const used = COMPARATORS.filter((op) => node[op] !== undefined);
  if (used.length === 0) return [{ path: ['fact'], message: `missing a comparison for ${fact}: ${ALLOWED[kind].join(', ')}` }];
  const problems: Problem[] = used.filter((op) => !ALLOWED[kind].includes(op))
    .map((op) => ({ path: [op], message: `${op} does not apply to ${fact} (${KIND_WORDS[kind]}): use ${ALLOWED[kind].join(' or ')}` }));
  const eq = node.eq;
  const eqFits = eq === undefined || (kind === 'boolean' ? typeof eq === 'boolean' : kind === 'number' ? typeof eq === 'number' : typeof eq === 'string');
  if (!eqFits) problems.push({ path: ['eq'], message: `${fact} is ${KIND_WORDS[kind]}, not ${JSON.stringify(eq)}` });
  if (kind === 'colour') {
    const colours: readonly string[] = HEALTH_COLOURS;
    if (typeof eq === 'string' && !colours.includes(eq)) problems.push({ path: ['eq'], message: `unknown colour ${JSON.stringify(eq)}${didYouMean(eq, colours)} (one of: ${colours.join(', ')})` });
    (node.in ?? []).forEach((v, i) => {
      if (!colours.includes(v)) problems.push({ path: ['in', i], message: `unknown colour ${JSON.stringify(v)}${didYouMean(v, colours)} (one of: ${colours.join(', ')})` });
    });
  }
  return problems;
};

const checkConditionForm = (node: ConditionInput, ctx: Ctx): void => {
  const forms = FORMS.filter((k) => node[k] !== undefined);
  const comparators = COMPARATORS.filter((op) => node[op] !== undefined);
  if (forms.length === 0) {
    report(ctx, [{ path: [], message: comparators.length > 0 ? 'missing: fact (the fact to compare)' : 'empty condition: use all, any, not, condition or fact' }]);
  } else if (forms.length > 1) {
    report(ctx, [{ path: [forms[1] as string], message: `a condition is one of all, any, not, condition or fact: put ${forms.join(' and ')} in separate conditions under all: [...]` }]);
  } else if (node.fact === undefined) {
    report(ctx, comparators.map((op) => ({ path: [op], message: `${op} belongs in a fact test: { fact: name, ${op}: value }` })));
  } else {
    report(ctx, factTestProblems(node.fact, node));
  }
};

/** Every `{ condition: name }` under `node`, with its path. */
const references = (node: unknown, path: (string | number)[]): { name: string; path: (string | number)[] }[] => {
  if (Array.isArray(node)) return node.flatMap((child, i) => references(child, [...path, i]));
  if (!isRecord(node)) return [];
  const own = typeof node.condition === 'string' ? [{ name: node.condition, path: [...path, 'condition'] }] : [];
  return [...own, ...(['all', 'any', 'not'] as const).flatMap((k) => references(node[k], [...path, k]))];
};

/**
 * File-wide checks, over a value that may be partly invalid: unique stage names (the picklist
 * cannot hold two), a fallback that names a stage, and named conditions that exist. A named
 * condition may use only those defined above it, so references never loop.
 */
const checkFile = (file: unknown, ctx: Ctx): void => {
  if (!isRecord(file)) return;
  const named = isRecord(file.conditions) ? Object.keys(file.conditions) : [];
  const refProblems = (node: unknown, path: (string | number)[], known: readonly string[]): Problem[] =>
    references(node, path).filter((r) => !known.includes(r.name)).map((r) => ({
      path: r.path,
      message: named.includes(r.name)
        ? `condition ${JSON.stringify(r.name)} is not defined above this one (a condition can use only those defined before it)`
        : `unknown condition ${JSON.stringify(r.name)}${didYouMean(r.name, named)}`,
    }));
  const problems = [
    ...refProblems(file.appliesTo, ['appliesTo'], named),
    ...named.flatMap((name, i) => refProblems((file.conditions as Record<string, unknown>)[name], ['conditions', name], named.slice(0, i))),
  ];
  const stages = Array.isArray(file.stages) ? file.stages : [];
  const names = stages.map((s) => (isRecord(s) && typeof s.name === 'string' ? s.name.trim() : null));
  stages.forEach((stage, i) => {
    if (isRecord(stage)) problems.push(...refProblems(stage.when, ['stages', i, 'when'], named));
    const name = names[i];
    const first = names.findIndex((n) => n !== null && name !== null && n !== undefined && name !== undefined && n.toLowerCase() === name.toLowerCase());
    // Picklist values are unique regardless of case.
    if (name && first < i) problems.push({ path: ['stages', i, 'name'], message: `duplicate stage name ${JSON.stringify(name)} (also stages[${first}])` });
  });
  const stageNames = names.filter((n): n is string => typeof n === 'string');
  if (typeof file.fallback === 'string' && !stageNames.includes(file.fallback)) {
    problems.push({ path: ['fallback'], message: `unknown stage ${JSON.stringify(file.fallback)}${didYouMean(file.fallback, stageNames)} (stages: ${stageNames.join(', ')})` });
  }
  report(ctx, problems);
};

const conditionList = z.array(z.lazy(() => ConditionSchema), { error: 'expected a list of conditions' }).min(1, 'list at least one condition');
const bound = (op: Comparator) => z.number({ error: `${op} takes a number` }).optional();

export const ConditionSchema: z.ZodType<ConditionInput> = z.lazy(() => z.strictObject({
  all: conditionList.optional(),
  any: conditionList.optional(),
  not: ConditionSchema.optional(),
  condition: z.string({ error: 'expected the name of a condition listed under conditions:' }).optional(),
  fact: FactNameSchema.optional(),
  eq: z.union([z.boolean(), z.number(), z.string()], { error: 'eq takes true, false, a number or a text' }).optional(),
  in: z.array(z.string({ error: 'in takes a list of texts' }), { error: 'in takes a list of values' }).min(1, 'list at least one value').optional(),
  lt: bound('lt'),
  lte: bound('lte'),
  gt: bound('gt'),
  gte: bound('gte'),
}, { error: unknownKey(CONDITION_KEYS) }).superRefine(checkConditionForm)).meta({
  id: 'LifecycleCondition',
  description: 'One of: { all: [...] }, { any: [...] }, { not: ... }, { condition: name }, or { fact: name, eq|in|lt|lte|gt|gte: value }',
});

const STAGE_KEYS = ['name', 'when', 'expectedDays', 'stuckAction', 'startedOn'];

const StageSchema = z.strictObject({
  // The Lifecycle Stage picklist on Account must hold the same values (restricted picklist).
  name: z.string({ error: 'missing: the stage name, as in the Lifecycle Stage picklist' }).trim().min(1, 'must not be empty').max(255, 'a picklist value has at most 255 characters'),
  when: ConditionSchema,
  expectedDays: z.int({ error: 'expectedDays takes a whole number of days' }).positive('expectedDays must be at least 1').nullable().default(null),
  stuckAction: z.string({ error: 'stuckAction takes a CTA type name' })
    .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'a CTA type name in kebab-case, e.g. compliance-cta').nullable().default(null),
  startedOn: z.enum(START_DATE_FACTS, {
    error: (issue) => `unknown date fact ${JSON.stringify(issue.input)}${didYouMean(String(issue.input), START_DATE_FACTS)} (one of: ${START_DATE_FACTS.join(', ')})`,
  }).nullable().default(null),
}, { error: unknownKey(STAGE_KEYS) }).superRefine((stage, ctx) => {
  if (stage.stuckAction !== null && stage.expectedDays === null) {
    ctx.addIssue({ code: 'custom', path: ['stuckAction'], message: 'stuckAction needs expectedDays: the days after which the account is stuck' });
  }
});

const textList = (what: string, defaults: readonly string[]) =>
  z.array(z.string({ error: `expected ${what}` }).trim().min(1, 'must not be empty'), { error: `expected a list of ${what}s` }).default(() => [...defaults]);

const FactVocabularySchema = z.strictObject({
  contractSignedStatuses: textList('a customer status', DEFAULT_FACT_VOCABULARY.contractSignedStatuses),
  churnedStatuses: textList('a customer status', DEFAULT_FACT_VOCABULARY.churnedStatuses),
  newBusinessOpportunityTypes: textList('an opportunity type', DEFAULT_FACT_VOCABULARY.newBusinessOpportunityTypes),
  expansionOpportunityTypes: textList('an opportunity type', DEFAULT_FACT_VOCABULARY.expansionOpportunityTypes),
}, { error: unknownKey(Object.keys(DEFAULT_FACT_VOCABULARY)) });

const FILE_KEYS = ['facts', 'appliesTo', 'conditions', 'stages', 'fallback'];

export const LifecycleRulesFileSchema = z.strictObject({
  facts: FactVocabularySchema.prefault({}),
  appliesTo: ConditionSchema.default(() => DEFAULT_APPLIES_TO),
  conditions: z.record(
    z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'name a condition in camelCase, e.g. expansionSignal'),
    ConditionSchema,
    { error: 'expected a map of name: condition' },
  ).default(() => ({})),
  stages: z.array(StageSchema, { error: 'missing: the list of stages, in priority order' })
    .min(1, 'list at least one stage')
    .max(MAX_STAGES, `at most ${MAX_STAGES} stages: CSMs have to tell them apart (DOMAIN.md keeps to 5-6)`),
  fallback: z.string({ error: 'fallback takes a stage name, or null' }).nullable().default(null),
}, { error: unknownKey(FILE_KEYS) })
  // Runs even when other parts of the file failed, so one pass reports every problem.
  .superRefine(checkFile, { when: () => true })
  .meta({ title: 'Sextant lifecycle stages (rules/lifecycle.yaml)' });

/** Reads rules/lifecycle.yaml's text; throws RULES_INVALID listing every problem with file:line:col. */
export const loadLifecycleRules = (text: string, file: string): LifecycleRules =>
  // checkConditionForm has made every ConditionInput exactly one Condition form.
  parseYamlFile(text, file, LifecycleRulesFileSchema, 'RULES_INVALID') as LifecycleRules;

/** JSON Schema of the file, for `sextant schema` and editors' YAML language servers. */
export const lifecycleRulesJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(LifecycleRulesFileSchema, { io: 'input' }) as Record<string, unknown>;

