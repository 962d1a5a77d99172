/**
 * Bench helpers: repeat a measurement, report the median (machines are noisy), and sample peak
 * RSS while it runs.
 */
import v8 from 'node:v8';
export type Sample = { seconds: number; units: number };

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const timed = async (fn: () => Promise<number>): Promise<Sample> => {
  const started = process.hrtime.bigint();
  const units = await fn();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, units };
};

/** Runs `fn` `runs` times and returns the median rate in units per second. */
export const medianRate = async (runs: number, fn: () => Promise<number>): Promise<{ rate: number; rates: number[]; units: number }> => {
  const rates: number[] = [];
  let units = 0;
  for (let i = 0; i < runs; i++) {
    const sample = await timed(fn);
    units = sample.units;
    rates.push(sample.units / sample.seconds);
  }
  return { rate: median(rates), rates, units };
};

/** Like medianRate, for measurements that time themselves (e.g. inside a worker thread). */
export const medianOf = async (runs: number, fn: () => Promise<Sample>): Promise<{ rate: number; rates: number[]; units: number }> => {
  const rates: number[] = [];
  let units = 0;
  for (let i = 0; i < runs; i++) {
    const sample = await fn();
    units = sample.units;
    rates.push(sample.units / sample.seconds);
  }
  return { rate: median(rates), rates, units };
};

/**
 * Peak RSS and V8 heap while a measured step runs. RSS is the kernel's own high-water mark
 * (getrusage's maxRSS: no peak falls between samples, and reading it is one cheap system call,
 * where sampling /proc beside DuckDB's address space cost ~0.2 ms a call, 1% of the usage load's
 * main thread); being the process's, it covers what ran before the step too, so each measured
 * phase runs in a process of its own. The heap in use is sampled.
 */
export class PeakRss {
  /** Peak V8 heap in use, to tell retained data from garbage the collector has not reclaimed. */
  peakHeapUsed = v8.getHeapStatistics().used_heap_size;
  readonly #timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.#timer = setInterval(() => {
      this.peakHeapUsed = Math.max(this.peakHeapUsed, v8.getHeapStatistics().used_heap_size);
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): number {
    clearInterval(this.#timer);
    return process.resourceUsage().maxRSS * 1024;
  }
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
