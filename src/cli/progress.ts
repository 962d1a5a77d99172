import { wholeNumber as fmt } from './option-values.ts';

/**
 * Progress for long work on a terminal: one line per object, redrawn in place, with rows, rate
 * and an ETA when the total is known. Off a terminal (CI, cron, --json) it prints nothing; the
 * logs and the final summary carry the facts.
 */
export type ProgressLine = { label: string; done: number; total: number | null; startedAt: number; finishedAt: number | null; finished: boolean; note?: string };


const eta = (line: ProgressLine, now: number): string => {
  const seconds = ((line.finishedAt ?? now) - line.startedAt) / 1000;
  const rate = seconds > 0 ? line.done / seconds : 0;
  if (line.finished) return `${fmt(line.done)} rows in ${seconds.toFixed(1)}s (${fmt(rate)}/s)`;
  if (line.total === null || rate === 0) return `${fmt(line.done)} rows, ${fmt(rate)}/s`;
  const left = Math.max(0, (line.total - line.done) / rate);
  return `${fmt(line.done)}/${fmt(line.total)} rows, ${fmt(rate)}/s, ETA ${left < 60 ? `${Math.ceil(left)}s` : `${Math.ceil(left / 60)}m`}`;
};

export class Progress {
  readonly #out: NodeJS.WriteStream;
  readonly #enabled: boolean;
  readonly #lines = new Map<string, ProgressLine>();
  #drawn = 0;
  #lastDraw = 0;

  constructor(out: NodeJS.WriteStream, enabled: boolean) {
    this.#out = out;
    this.#enabled = enabled && out.isTTY === true;
  }

  start(label: string, total: number | null = null): void {
    this.#lines.set(label, { label, done: 0, total, startedAt: Date.now(), finishedAt: null, finished: false });
    this.#draw(true);
  }

  update(label: string, done: number, total?: number | null, note?: string): void {
    const line = this.#lines.get(label);
    if (!line) return;
    line.done = done;
    if (total !== undefined) line.total = total;
    if (note !== undefined) line.note = note;
    this.#draw(false);
  }

  finish(label: string, note?: string): void {
    const line = this.#lines.get(label);
    if (!line) return;
    line.finished = true;
    line.finishedAt = Date.now();
    if (note !== undefined) line.note = note;
    this.#draw(true);
  }

  #draw(force: boolean): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (!force && now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    if (this.#drawn > 0) this.#out.write(`\x1b[${this.#drawn}A`);
    for (const line of this.#lines.values()) {
      this.#out.write(`\x1b[2K  ${line.finished ? '✔' : '…'} ${line.label.padEnd(14)} ${eta(line, now)}${line.note ? `  ${line.note}` : ''}\n`);
    }
    this.#drawn = this.#lines.size;
  }
}
