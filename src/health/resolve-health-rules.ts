import { bandProblems } from './band-coverage.ts';
import type { Bands, CombineMode, HealthRules, Interval, MeasureDefinition, Scheme, SchemeSelector } from './health-rules.ts';
import { bandsWellFormed, validateMeasure, type MeasureDraft } from './validate-measure.ts';

/**
 * rules/health.yaml as written (after the schema's shape checks): schemes may `extends` another
 * and override single fields of its measures. resolveHealthRules merges them into complete
 * schemes and checks what a shape cannot (unknown signals, overlapping or gapped bands, a
 * kind that cannot read its source), reporting each problem at the path an admin edits.
 */
export type SchemeDraft = {
  extends?: string;
  description?: string;
  combine?: CombineMode;
  categories?: Record<string, number>;
  measures: Record<string, MeasureDraft>;
};

export type SelectorDraft = {
  scheme: string;
  when?: { segment?: string | string[]; stage?: string | string[]; daysSinceGoLive?: Interval };
};

export type HealthRulesDraft = Omit<HealthRules, 'schemes' | 'selection'> & {
  schemes: Record<string, SchemeDraft>;
  selection: SelectorDraft[];
};

export type RuleProblem = { path: (string | number)[]; message: string };

/** The scheme and its ancestors, child first; a problem instead when `extends` is broken. */
const chainOf = (name: string, drafts: Record<string, SchemeDraft>): string[] | RuleProblem => {
  const chain = [name];
  let current = drafts[name]!;
  while (current.extends !== undefined) {
    const parent = current.extends;
    const at = ['schemes', chain.at(-1)!, 'extends'];
    if (!Object.hasOwn(drafts, parent)) return { path: at, message: `no scheme named "${parent}"; schemes: ${Object.keys(drafts).join(', ')}` };
    if (chain.includes(parent)) return { path: at, message: `extends goes round in a circle: ${[...chain, parent].join(' → ')}` };
    chain.push(parent);
    current = drafts[parent]!;
  }
  return chain;
};

/** Where to report a measure's problem: the nearest scheme that wrote the field, else the measure. */
const locateField = (chain: string[], drafts: Record<string, SchemeDraft>, key: string, field: string | null): (string | number)[] => {
  if (field !== null) {
    for (const s of chain) {
      const m = drafts[s]!.measures[key];
      if (m !== undefined && (m as Record<string, unknown>)[field] !== undefined) return ['schemes', s, 'measures', key, field];
    }
  }
  const owner = chain.find((s) => drafts[s]!.measures[key] !== undefined)!;
  return ['schemes', owner, 'measures', key];
};

const resolveScheme = (name: string, chain: string[], drafts: Record<string, SchemeDraft>, problems: RuleProblem[]): Scheme => {
  const merged = new Map<string, MeasureDraft>();
  let combine: CombineMode = 'measures';
  let categories: Record<string, number> = {};
  let description: string | null = null;
  for (const s of [...chain].reverse()) {
    const d = drafts[s]!;
    if (d.combine !== undefined) combine = d.combine;
    if (d.categories !== undefined) categories = d.categories;
    if (d.description !== undefined) description = d.description;
    for (const [key, patch] of Object.entries(d.measures)) {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      merged.set(key, { ...merged.get(key), ...defined });
    }
  }
  const measures: MeasureDefinition[] = [];
  for (const [key, m] of merged) {
    if (m.enabled === false) continue;
    const { definition, problems: found } = validateMeasure(key, m);
    for (const p of found) problems.push({ path: [...locateField(chain, drafts, key, p.field), ...(p.sub ?? [])], message: p.message });
    if (definition !== null) measures.push(definition);
  }
  const at = ['schemes', name];
  // A missing weight is reported on its measure; only weights written as 0 count here.
  if (merged.size > 0 && ![...merged.values()].some((m) => m.enabled !== false && (m.weight === undefined || m.weight > 0))) {
    problems.push({ path: [...at, 'measures'], message: 'every measure is disabled or weighs 0: nothing to score' });
  }
  if (combine === 'categories') {
    if (Object.keys(categories).length === 0) problems.push({ path: [...at, 'combine'], message: 'combine: categories needs categories (name → weight)' });
    else if (!Object.values(categories).some((w) => w > 0)) problems.push({ path: [...at, 'categories'], message: 'at least one category needs a weight above 0' });
    for (const m of measures) {
      if (m.category === null || !Object.hasOwn(categories, m.category)) {
        problems.push({
          path: locateField(chain, drafts, m.key, 'category'),
          message: `in scheme ${name} (combine: categories) measure ${m.key} needs a category of ${Object.keys(categories).join(', ') || 'the scheme'}: give it one, or disable it with enabled: false`,
        });
      }
    }
  }
  return { name, description, combine, categories, measures };
};

const asList = (v: string | string[] | undefined): string[] | null => (v === undefined ? null : Array.isArray(v) ? v : [v]);

const resolveSelection = (drafts: SelectorDraft[], schemes: Record<string, SchemeDraft>, problems: RuleProblem[]): SchemeSelector[] =>
  drafts.map((d, i) => {
    if (!Object.hasOwn(schemes, d.scheme)) problems.push({ path: ['selection', i, 'scheme'], message: `no scheme named "${d.scheme}"; schemes: ${Object.keys(schemes).join(', ')}` });
    const w = d.when;
    const unconditional = w === undefined || (w.segment === undefined && w.stage === undefined && w.daysSinceGoLive === undefined);
    const last = i === drafts.length - 1;
    if (last && !unconditional) problems.push({ path: ['selection', i, 'when'], message: 'the last selector must have no `when`, so every account gets a scheme' });
    if (!last && unconditional) problems.push({ path: ['selection', i], message: 'a selector without `when` matches every account: the selectors after it never apply' });
    return { scheme: d.scheme, when: unconditional ? null : { segment: asList(w!.segment), stage: asList(w!.stage), daysSinceGoLive: w!.daysSinceGoLive ?? null } };
  });

const checkOverall = (bands: Bands, problems: RuleProblem[]): void => {
  if (!bandsWellFormed(bands)) return;
  for (const p of bandProblems(bands, { integer: true, min: 0, max: 100 }, '')) {
    problems.push({ path: ['overall', 'bands', ...(p.colour === null ? [] : [p.colour])], message: `${p.message} (scores are whole numbers 0–100)` });
  }
};

/** Rules ready for the engine, or the problems that stop them. */
export const resolveHealthRules = (draft: HealthRulesDraft): { rules: HealthRules | null; problems: RuleProblem[] } => {
  const problems: RuleProblem[] = [];
  const schemes: Record<string, Scheme> = {};
  for (const name of Object.keys(draft.schemes)) {
    const chain = chainOf(name, draft.schemes);
    if (!Array.isArray(chain)) problems.push(chain);
    else schemes[name] = resolveScheme(name, chain, draft.schemes, problems);
  }
  const selection = resolveSelection(draft.selection, draft.schemes, problems);
  checkOverall(draft.overall.bands, problems);
  // A base scheme's problem shows up again in every scheme extending it: report it once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const id = `${p.path.join('.')}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (unique.length > 0) return { rules: null, problems: unique };
  return { rules: { ...draft, schemes, selection }, problems: [] };
};
