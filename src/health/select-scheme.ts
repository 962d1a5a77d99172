import { SextantError } from '../domain/sextant-error.ts';
import { inInterval } from './bands.ts';
import type { HealthRules, Scheme, SchemeSelector } from './health-rules.ts';
import type { SignalValue } from './signal-catalog.ts';

export type SchemeChoice = { scheme: Scheme; reason: string };

const oneOf = (list: string[], value: SignalValue): boolean =>
  typeof value === 'string' && list.some((s) => s.toLowerCase() === value.toLowerCase());

/** Why a selector matched, in words; null when it does not. */
const matchSelector = (sel: SchemeSelector, values: Record<string, SignalValue>): string | null => {
  if (sel.when === null) return 'default';
  const reasons: string[] = [];
  const { segment, stage, daysSinceGoLive } = sel.when;
  if (segment !== null) {
    if (!oneOf(segment, values.segment ?? null)) return null;
    reasons.push(`segment ${String(values.segment)}`);
  }
  if (stage !== null) {
    if (!oneOf(stage, values.stage ?? null)) return null;
    reasons.push(`stage ${String(values.stage)}`);
  }
  if (daysSinceGoLive !== null) {
    const d = values.daysSinceGoLive;
    if (typeof d !== 'number' || !inInterval(daysSinceGoLive, d)) return null;
    reasons.push(`${d} days since go-live`);
  }
  return reasons.join(' and ');
};

/**
 * The scheme for an account: the first selector whose conditions all hold (validation makes
 * the last selector unconditional). `forced` names a scheme directly (what-if explanations).
 */
export const selectScheme = (rules: HealthRules, values: Record<string, SignalValue>, forced?: string): SchemeChoice => {
  if (forced !== undefined) {
    const scheme = rules.schemes[forced];
    if (scheme === undefined) {
      throw new SextantError('HEALTH_SCHEME_UNKNOWN', `no health scheme named "${forced}"`, { kind: 'config', hints: [`schemes in rules/health.yaml: ${Object.keys(rules.schemes).join(', ')}`] });
    }
    return { scheme, reason: 'chosen by the caller' };
  }
  for (const sel of rules.selection) {
    const reason = matchSelector(sel, values);
    if (reason !== null) return { scheme: rules.schemes[sel.scheme]!, reason };
  }
  // Validation makes the last selector unconditional, so this means rules that skipped validation.
  throw new SextantError('HEALTH_NO_SCHEME', 'no scheme selector matched: the rules need an unconditional last selector', { kind: 'fatal' });
};
