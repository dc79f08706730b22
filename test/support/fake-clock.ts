// A Clock for tests (MosaicClientOptions.clock): time moves only when the code under test waits, so a minute of
// backoff takes no time, and every wait the client asked for is recorded for exact assertions.
import type { Clock } from "../../provider/api";

export interface FakeClockOptions {
  /** Start time, epoch ms. Default 2026-03-01T12:00:00Z. */
  readonly start?: number;
  /**
   * True (default): each sleep moves time forward by its duration before resolving, as if it had been waited.
   * False: time stands still and sleeps resolve at once, so concurrent callers see one instant (what a limiter's
   * reservations look like when everyone arrives together).
   */
  readonly advanceOnSleep?: boolean;
}

export class FakeClock implements Clock {
  /** Every wait asked for, in order, in ms. */
  readonly waits: number[] = [];
  #now: number;
  readonly #advance: boolean;
  #held: Array<{ until: number; resolve: () => void }> | undefined;

  constructor(options: FakeClockOptions = {}) {
    this.#now = options.start ?? Date.parse("2026-03-01T12:00:00Z");
    this.#advance = options.advanceOnSleep ?? true;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward, releasing held sleeps that are due. */
  tick(ms: number): void {
    this.#now += ms;
    const due = this.#held?.filter((h) => h.until <= this.#now) ?? [];
    this.#held = this.#held?.filter((h) => h.until > this.#now);
    for (const h of due) h.resolve();
  }

  /** From now on sleeps wait for {@link tick} (or their signal) instead of resolving: for abort tests. */
  hold(): void {
    this.#held ??= [];
  }

  /** Sleeps currently held. */
  get heldSleeps(): number {
    return this.#held?.length ?? 0;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.waits.push(ms);
    const held = this.#held;
    if (held) {
      await new Promise<void>((resolve, reject) => {
        const entry = { until: this.#now + ms, resolve: () => (signal?.removeEventListener("abort", onAbort), resolve()) };
        const onAbort = (): void => {
          this.#held = this.#held?.filter((h) => h !== entry);
          reject(signal!.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        held.push(entry);
      });
      return;
    }
    if (this.#advance) this.#now += Math.max(0, ms);
    // Resolve on a later turn, as a real timer would, so concurrent callers interleave.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
