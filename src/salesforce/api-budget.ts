import { SextantError } from '../domain/sextant-error.ts';

/**
 * The API budget governor. Every integration on an org shares one rolling-24 h allowance, and
 * exhausting it stalls all of them for the day, so a run may spend at most `runShare` of what
 * remained when it started, and stops outright once the org's usage passes `orgFloor` of its
 * maximum. Hitting either ends the run at its last checkpoint as `deferred`; the next run
 * continues from there.
 */
export type ApiBudgetOptions = { runShare: number; orgFloor: number };
export type OrgLimits = { max: number; remaining: number };

export type BudgetState = {
  callsUsed: number;
  runCap: number;
  orgUsed: number;
  orgMax: number;
};

export class ApiBudget {
  readonly #options: ApiBudgetOptions;
  #runCap: number;
  #callsUsed = 0;
  #orgUsed: number;
  #orgMax: number;
  #seeded: boolean;

  /**
   * With `limits` (from /limits) the cap is fixed at once. Without, the first call goes ahead
   * and the cap is set from the `Sforce-Limit-Info` that call returns — which saves a run the
   * /limits call (an incremental sync is only a handful of calls in all).
   */
  constructor(options: ApiBudgetOptions, limits?: OrgLimits) {
    this.#options = options;
    this.#seeded = limits !== undefined;
    this.#runCap = limits ? Math.max(1, Math.floor(limits.remaining * options.runShare)) : 1;
    this.#orgMax = limits?.max ?? Number.MAX_SAFE_INTEGER;
    this.#orgUsed = limits ? limits.max - limits.remaining : 0;
  }

  get state(): BudgetState {
    return { callsUsed: this.#callsUsed, runCap: this.#runCap, orgUsed: this.#orgUsed, orgMax: this.#orgMax };
  }

  get callsUsed(): number {
    return this.#callsUsed;
  }

  /** Throws SF_API_BUDGET_EXHAUSTED (kind quota) if `calls` more would break either limit. */
  beforeCall(calls = 1): void {
    if (this.#callsUsed + calls > this.#runCap) {
      throw new SextantError('SF_API_BUDGET_EXHAUSTED', `this run has used its API budget (${this.#callsUsed} of ${this.#runCap} calls, ${Math.round(this.#options.runShare * 100)}% of what the org had left)`, {
        kind: 'quota', data: { reason: 'run-cap', ...this.state },
        hints: ['The run stopped at a checkpoint and will continue on the next run.', 'Raise sync.apiBudget.runShare in sextant.yaml to let one run spend more.'],
      });
    }
    if (this.#orgUsed + calls > this.#orgMax * this.#options.orgFloor) {
      throw new SextantError('SF_API_BUDGET_EXHAUSTED', `the org has used ${this.#orgUsed} of ${this.#orgMax} daily API calls; Sextant stops at ${Math.round(this.#options.orgFloor * 100)}% to leave room for other integrations`, {
        kind: 'quota', data: { reason: 'org-floor', ...this.state },
        hints: ['The run stopped at a checkpoint and will continue on the next run, when the rolling 24-hour window frees calls.'],
      });
    }
  }

  recordCall(calls = 1): void {
    this.#callsUsed += calls;
    this.#orgUsed += calls;
  }

  /** Takes the org's own count from `Sforce-Limit-Info`, which includes other integrations' calls. */
  observe(limitInfo: { used: number; limit: number } | undefined): void {
    if (!limitInfo) return;
    if (!this.#seeded) {
      // What remained before this run's calls so far, as the org counts.
      const remainingAtStart = limitInfo.limit - limitInfo.used + this.#callsUsed;
      this.#runCap = Math.max(this.#callsUsed + 1, Math.floor(remainingAtStart * this.#options.runShare));
      this.#seeded = true;
    }
    this.#orgUsed = limitInfo.used;
    this.#orgMax = limitInfo.limit;
  }
}
