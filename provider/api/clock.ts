// Time, as the client sees it: the token cache's expiry, the rate limiter's schedule, retry delays and the
// Retry-After date all read `now()`, and every wait goes through `sleep()`. One seam instead of scattered
// Date.now / setTimeout calls is what lets tests run a minute of backoff in no time and assert the exact waits.

import { setTimeout as delay } from "node:timers/promises";

/** The time source and the wait primitive of a MosaicClient. */
export interface Clock {
  /** Milliseconds since the epoch (compared with server dates such as `created_at` and Retry-After). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects as soon as `signal` aborts (or at once if it already has). A waiting
   * request must keep the process alive, so the real clock's timers stay referenced.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: Date.now and Node's abort-aware promise timer. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: async (ms: number, signal?: AbortSignal): Promise<void> => {
    await delay(Math.max(0, ms), undefined, { signal });
  },
});
