// A process-wide client-side rate limiter: a token bucket shared by every resource of a `pulumi up`, so a large
// deployment slows itself down before the server has to answer 429 (the idea behind Okta's max_api_capacity).
// Waiting callers are served in arrival order; nobody polls.
//
// Implementation: the generic cell rate algorithm, the scheduling form of a token bucket. We keep one number,
// the "theoretical arrival time" of the next request; each caller reserves the next slot and sleeps until it.
// Reservation (rather than "check, sleep, check again") is what keeps the long-run rate exact under contention.

import type { Clock } from "./clock";

/** Limiter parameters. */
export interface RateLimiterOptions {
  /** Sustained requests per second. */
  readonly requestsPerSecond: number;
  /**
   * Requests allowed back to back after an idle period. Default: 10% of the rate (at least 1). Kept small on
   * purpose: a bucket as deep as one second of traffic lets the first second run at twice the configured rate.
   */
  readonly burst?: number;
}

/** A token-bucket rate limiter (GCRA). */
export class RateLimiter {
  #intervalMs: number;
  #toleranceMs: number;
  #rate: number;
  #burst: number;
  /** Theoretical arrival time of the next request, in the callers' clock (epoch ms). */
  #tat = 0;

  constructor(options: RateLimiterOptions) {
    this.#rate = 0;
    this.#burst = 1;
    this.#intervalMs = 0;
    this.#toleranceMs = 0;
    this.configure(options);
  }

  /** Sustained requests per second. */
  get requestsPerSecond(): number {
    return this.#rate;
  }

  get burst(): number {
    return this.#burst;
  }

  /** Changes the rate (and burst). Reservations already handed out are kept. */
  configure(options: RateLimiterOptions): void {
    const rate = options.requestsPerSecond;
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError("rate limiter: requestsPerSecond must be a finite number > 0");
    const burst = options.burst ?? Math.max(1, Math.floor(rate / 10));
    if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError("rate limiter: burst must be >= 1");
    this.#rate = rate;
    this.#burst = Math.floor(burst);
    this.#intervalMs = 1000 / rate;
    this.#toleranceMs = (this.#burst - 1) * this.#intervalMs;
  }

  /**
   * Reserves the next slot at time `now` and returns how long the caller must wait for it (0 if it may go now).
   * Exposed for the unit tests; use {@link acquire}.
   */
  reserve(now: number): number {
    const tat = Math.max(this.#tat, now);
    const allowedAt = tat - this.#toleranceMs;
    this.#tat = tat + this.#intervalMs;
    return Math.max(0, allowedAt - now);
  }

  /**
   * Waits on `clock` for permission to send one request; rejects with the abort reason as soon as `signal` aborts.
   * Every client sharing a limiter must use the same clock: the schedule is kept in that clock's time.
   */
  async acquire(clock: Clock, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const wait = this.reserve(clock.now());
    // An aborted wait forfeits its slot. Giving it back would need bookkeeping of every later reservation, and
    // the cost is one request-slot of idle time.
    if (wait > 0) await clock.sleep(wait, signal);
  }
}

const limiters = new Map<string, RateLimiter>();

/**
 * The limiter shared by every client of `key` (API origin + client id) in this process. When callers ask for
 * different rates, the lowest wins: the limiter protects a shared resource (the tenant's and the IP's quota),
 * so the most careful setting in the process is the one to honour.
 */
export function sharedRateLimiter(key: string, options: RateLimiterOptions): RateLimiter {
  const existing = limiters.get(key);
  if (!existing) {
    const limiter = new RateLimiter(options);
    limiters.set(key, limiter);
    return limiter;
  }
  if (options.requestsPerSecond < existing.requestsPerSecond) existing.configure(options);
  return existing;
}

/** Drops every shared limiter. For tests only (see `resetSharedStateForTests`). */
export function resetRateLimitersForTests(): void {
  limiters.clear();
}
