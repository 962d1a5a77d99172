/**
 * The sandbox's notion of now. Tests freeze it (so several writes share one SystemModstamp, the
 * case connectors get wrong) or move it forward (so the 24 h API window and date literals move).
 */
export class SandboxClock {
  #frozen: Date | null = null;
  #offsetMs = 0;

  now = (): Date => (this.#frozen ? new Date(this.#frozen) : new Date(Date.now() + this.#offsetMs));

  freeze(at: Date = this.now()): void {
    this.#frozen = new Date(at);
  }

  unfreeze(): void {
    if (this.#frozen) this.#offsetMs = this.#frozen.getTime() - Date.now();
    this.#frozen = null;
  }

  advance(ms: number): void {
    if (this.#frozen) this.#frozen = new Date(this.#frozen.getTime() + ms);
    else this.#offsetMs += ms;
  }
}
