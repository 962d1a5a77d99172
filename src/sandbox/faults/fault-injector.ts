import { mulberry32 } from '../../domain/seeded-random.ts';
import { FaultPlan, type FaultKind, type FaultRule, type RouteClass } from './fault-plan.ts';

export type InjectedFault = { kind: FaultKind; latencyMs: number };

const WRITE_ONLY: ReadonlySet<FaultKind> = new Set(['lock-row']);

export class FaultInjector {
  #rules: Array<FaultRule & { injected: number }> = [];
  #random: () => number = mulberry32(1);
  readonly counts = new Map<FaultKind, number>();

  constructor(plan: unknown = { rules: [] }) {
    this.configure(plan);
  }

  /** Replaces the plan; validates it so a typo in a test's fault plan fails loudly. */
  configure(plan: unknown): void {
    const parsed = FaultPlan.parse(plan);
    this.#rules = parsed.rules.map((r) => ({ ...r, injected: 0 }));
    this.#random = mulberry32(parsed.seed);
    this.counts.clear();
  }

  /** Decides, for one request, which fault (if any) to inject. */
  next(route: RouteClass, isWrite: boolean): InjectedFault | null {
    // The sandbox's own control routes are never faulted: tests need them to arrange faults.
    if (route === 'admin') return null;
    for (const rule of this.#rules) {
      if (rule.routes !== 'any' && rule.routes !== route) continue;
      if (route === 'auth' && rule.routes === 'any' && rule.fault !== 'latency') continue;
      if (WRITE_ONLY.has(rule.fault) && !isWrite) continue;
      if (rule.fault === 'query-timeout' && route !== 'query') continue;
      if (rule.limit !== undefined && rule.injected >= rule.limit) continue;
      if (this.#random() >= rule.rate) continue;
      rule.injected++;
      this.counts.set(rule.fault, (this.counts.get(rule.fault) ?? 0) + 1);
      return { kind: rule.fault, latencyMs: rule.latencyMs };
    }
    return null;
  }
}
