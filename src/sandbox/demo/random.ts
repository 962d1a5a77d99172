/**
 * A small seeded PRNG (sfc32) for the demo generator's hot loops. Faker is seeded too, but it
 * costs microseconds per call; millions of draws (usage events, 100k-account orgs) need a
 * generator that costs nanoseconds. Same seed and stream → same sequence, on every platform.
 */

/** Mixes any number of integers into one 32-bit seed (murmur3 finalizer per part). */
export const mixSeed = (...parts: readonly number[]): number => {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul((part | 0) ^ Math.floor(part / 0x100000000), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

const preparedTables = new WeakMap<object, { keys: string[]; totals: number[] }>();

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `parts` name the stream (seed, purpose, index…) so independent streams never overlap. */
  constructor(...parts: readonly number[]) {
    this.a = mixSeed(...parts, 1);
    this.b = mixSeed(...parts, 2);
    this.c = mixSeed(...parts, 3);
    this.d = 1;
    // sfc32 needs a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** Log-uniform in [min, max): money amounts spread over orders of magnitude look real. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /**
   * Picks a key by weight; weights need not sum to 1. Pass module-level constants: the prepared
   * table is cached per weights object, and this runs in hot loops.
   */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    let table = preparedTables.get(weights);
    if (table === undefined) {
      const entries = Object.entries(weights) as [string, number][];
      if (entries.length === 0) throw new RangeError('weighted pick from no weights');
      table = { keys: entries.map(([k]) => k), totals: [] };
      let total = 0;
      for (const [, w] of entries) table.totals.push((total += w));
      preparedTables.set(weights, table);
    }
    const { keys, totals } = table;
    const r = this.next() * (totals[totals.length - 1] ?? 0);
    let i = 0;
    while (i < keys.length - 1 && r >= (totals[i] ?? 0)) i++;
    return keys[i] as T;
  }

  /** Poisson by inversion; fine for the small means (< 30) the generator uses. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
