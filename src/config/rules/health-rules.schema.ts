import { z } from 'zod';
import type { HealthRules } from '../../health/health-rules.ts';
import { resolveHealthRules } from '../../health/resolve-health-rules.ts';
import { parseYamlFile } from './parse-yaml-file.ts';

/**
 * rules/health.yaml: the health model RevOps owns. The shape is checked here; what a shape
 * cannot say (bands that overlap or leave gaps, unknown signals, `extends` chains) is checked by
 * resolveHealthRules inside the same parse, so `sextant doctor` lists every problem with its line.
 */

const Colour = z.enum(['green', 'yellow', 'red']);
const StatusColour = z.enum(['green', 'yellow', 'red', 'na']);

/** Each edge stated: gt/gte for the lower, lt/lte for the upper; a missing side is unbounded. */
const Interval = z
  .strictObject({ gt: z.number().optional(), gte: z.number().optional(), lt: z.number().optional(), lte: z.number().optional() })
  .superRefine((iv, ctx) => {
    if (iv.gt !== undefined && iv.gte !== undefined) ctx.addIssue({ code: 'custom', message: 'give the lower edge once: gt (excluded) or gte (included)' });
    if (iv.lt !== undefined && iv.lte !== undefined) ctx.addIssue({ code: 'custom', message: 'give the upper edge once: lt (excluded) or lte (included)' });
    const lo = iv.gte ?? iv.gt;
    const hi = iv.lte ?? iv.lt;
    if (lo === undefined && hi === undefined) ctx.addIssue({ code: 'custom', message: 'a range needs gt, gte, lt or lte' });
    if (lo !== undefined && hi !== undefined && (lo > hi || (lo === hi && (iv.gt !== undefined || iv.lt !== undefined)))) {
      ctx.addIssue({ code: 'custom', message: 'this range holds no value: its lower edge is above its upper edge' });
    }
  });

const Bands = z.strictObject({ green: Interval.optional(), yellow: Interval.optional(), red: Interval.optional() });

const ConditionValue = z.union([z.string(), z.number(), z.boolean()]);

const Adjustment = z.strictObject({
  from: z.union([Colour, z.array(Colour).min(1)]).optional(),
  to: Colour.optional(),
  when: z.record(z.string(), ConditionValue),
  note: z.string().min(1),
});

const Measure = z.strictObject({
  enabled: z.boolean().optional(),
  label: z.string().min(1).optional(),
  kind: z.enum(['days-since', 'days-until', 'ratio-to-target', 'numeric-threshold', 'status', 'manual']).optional(),
  source: z.string().min(1).optional(),
  weight: z.number().min(0).optional(),
  owner: z.string().min(1).optional(),
  category: z.string().min(1).nullable().optional(),
  bands: Bands.optional(),
  values: z.record(z.string(), StatusColour).optional(),
  never: StatusColour.optional(),
  target: z.number().positive().optional(),
  unit: z.string().optional(),
  detail: z.strictObject({ signal: z.string().min(1), label: z.string() }).optional(),
  adjust: z.array(Adjustment).optional(),
  whenStale: z.enum(['exclude', 'keep']).optional(),
  capScoreWhenRed: z.number().int().min(0).max(100).optional(),
});

const Scheme = z.strictObject({
  extends: z.string().min(1).optional(),
  description: z.string().optional(),
  combine: z.enum(['measures', 'categories']).optional(),
  categories: z.record(z.string(), z.number().min(0)).optional(),
  measures: z.record(z.string(), Measure).prefault({}),
});

const OneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const Selector = z.strictObject({
  scheme: z.string().min(1),
  when: z.strictObject({ segment: OneOrMany.optional(), stage: OneOrMany.optional(), daysSinceGoLive: Interval.optional() }).optional(),
});

const days = z.number().int().positive();

const Signals = z.strictObject({
  coreFeatures: z.array(z.string().min(1)).min(1).default(['dashboards', 'reports', 'workflows', 'integrations']),
  adoption: z.strictObject({ windowDays: days.default(30), targetFeatures: z.number().positive().default(3) }).prefault({}),
  activity: z.strictObject({
    metric: z.enum(['events', 'logins', 'activeUsers']).default('events'),
    recentDays: days.default(7),
    baselineDays: days.default(90),
    minBaselineDays: days.default(28),
  }).prefault({}),
  engagement: z.strictObject({ windowDays: days.default(30) }).prefault({}),
  renewalOpportunityTypes: z.array(z.string().min(1)).default(['Renewal']),
  npsMaxAgeDays: days.default(365),
});

export const HealthRulesFile = z
  .strictObject({
    version: z.literal(1).default(1),
    signals: Signals.prefault({}),
    overall: z.strictObject({
      bands: Bands.default({ red: { gte: 0, lte: 50 }, yellow: { gte: 51, lte: 75 }, green: { gte: 76, lte: 100 } }),
      minScoredWeightPct: z.number().min(0).max(100).default(0),
    }).prefault({}),
    trend: z.strictObject({ windowDays: days.default(7), flatWithin: z.number().min(0).default(2) }).prefault({}),
    alerts: z.strictObject({
      churnWarning: z.strictObject({ activityDropPct: z.number().gt(0).max(100).default(40) }).prefault({}),
      engagementAlert: z.strictObject({ belowPct: z.number().min(0).max(100).default(20) }).prefault({}),
    }).prefault({}),
    schemes: z.record(z.string(), Scheme).refine((s) => Object.keys(s).length > 0, 'at least one scheme'),
    selection: z.array(Selector).min(1),
  })
  .superRefine((file, ctx) => {
    for (const p of resolveHealthRules(file).problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
export type HealthRulesFile = z.infer<typeof HealthRulesFile>;

/** Parses and validates rules/health.yaml; a SextantError RULES_INVALID lists every problem with file:line:col. */
export const loadHealthRules = (text: string, file: string): HealthRules => {
  const parsed = parseYamlFile(text, file, HealthRulesFile, 'RULES_INVALID');
  // The schema's refinement already ran the same resolution and found no problem.
  return resolveHealthRules(parsed).rules!;
};

/** JSON Schema of rules/health.yaml for editors (`sextant schema health`). */
export const healthRulesJsonSchema = (): Record<string, unknown> => z.toJSONSchema(HealthRulesFile, { io: 'input' }) as Record<string, unknown>;
