/**
 * The org's daily API request allowance, counted as Salesforce counts it: every request under
 * /services/data/vXX.X/ (REST, queryMore pages, Bulk 2.0 job calls and result pages, /limits),
 * not OAuth token requests. The window is a rolling 24 h; the sandbox keeps the timestamps of
 * the calls in it so usage falls off as a real org's does.
 */
export type ApiUsageOptions = { dailyMax: number; clock: () => Date };

const DAY_MS = 24 * 60 * 60 * 1000;

export class ApiUsage {
  #dailyMax: number;
  readonly #clock: () => Date;
  /** Call timestamps in the window, oldest first; trimmed lazily. */
  #calls: number[] = [];
  #head = 0;
  #bulkQueryJobs: number[] = [];

  constructor(options: ApiUsageOptions) {
    this.#dailyMax = options.dailyMax;
    this.#clock = options.clock;
  }

  get dailyMax(): number {
    return this.#dailyMax;
  }

  set dailyMax(max: number) {
    this.#dailyMax = max;
  }

  used(): number {
    this.#trim();
    return this.#calls.length - this.#head;
  }

  remaining(): number {
    return Math.max(0, this.#dailyMax - this.used());
  }

  /** Records one call; false when the allowance is spent (the call is refused, not counted). */
  tryConsume(): boolean {
    if (this.used() >= this.#dailyMax) return false;
    this.#calls.push(this.#clock().getTime());
    return true;
  }

  /** Pretends other integrations on the org used `n` calls just now. */
  consumeExternal(n: number): void {
    const now = this.#clock().getTime();
    for (let i = 0; i < n; i++) this.#calls.push(now);
  }

  reset(): void {
    this.#calls = [];
    this.#head = 0;
    this.#bulkQueryJobs = [];
  }

  recordBulkQueryJob(): void {
    this.#bulkQueryJobs.push(this.#clock().getTime());
  }

  bulkQueryJobsUsed(): number {
    const since = this.#clock().getTime() - DAY_MS;
    this.#bulkQueryJobs = this.#bulkQueryJobs.filter((t) => t > since);
    return this.#bulkQueryJobs.length;
  }

  /** `Sforce-Limit-Info` header value. */
  header(): string {
    return `api-usage=${this.used()}/${this.#dailyMax}`;
  }

  #trim(): void {
    const since = this.#clock().getTime() - DAY_MS;
    while (this.#head < this.#calls.length && (this.#calls[this.#head] ?? 0) <= since) this.#head++;
    if (this.#head > 4096 && this.#head * 2 > this.#calls.length) {
      this.#calls = this.#calls.slice(this.#head);
      this.#head = 0;
    }
  }
}
