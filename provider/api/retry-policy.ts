// Retry policy as data plus pure functions over it. Nothing in this file sleeps, sends or logs, so every rule is
// unit-tested directly (backoff bounds, Retry-After parsing, which failure is retried for which method).
//
// The central rule: only idempotent methods are retried blindly. A POST that may have reached the server is
// never simply re-sent; it is reconciled (list, match, adopt or create; see reconcile-create.ts). Re-sending it
// is how "retry on 5xx for all methods" providers create duplicate clients.

/** HTTP methods the Applications API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** The retry policy. See {@link DEFAULT_RETRY_POLICY} for the defaults and docs/api-client.md for the rationale. */
export interface RetryPolicy {
  /** Retries after the first attempt. The client overrides it with the `maxRetries` setting. */
  readonly maxRetries: number;
  /** Backoff cap for retry n (0-based) is `min(maxDelayMs, baseDelayMs · 2^n)`; the delay is uniform in [0, cap]. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this is clamped, so a confused proxy cannot park a deployment for an hour. */
  readonly maxRetryAfterMs: number;
  /**
   * Up to this fraction is added on top of a `Retry-After` wait. Never subtracted: waking before the server
   * asked would just earn another 429. Adding a little spreads out callers that were all told the same moment.
   */
  readonly retryAfterJitterRatio: number;
  /** Statuses retried (idempotent methods) or reconciled (POST). 429 is retried for every method. */
  readonly retryableStatuses: readonly number[];
  /** Methods that may be re-sent after an ambiguous failure. */
  readonly idempotentMethods: readonly HttpMethod[];
  /**
   * Create reconciliation: an existing object counts as "ours" only if it was created no earlier than the first
   * attempt's start minus this allowance. The allowance absorbs clock skew between this machine and the server;
   * the window stops us adopting an older, unrelated object that happens to share the name.
   */
  readonly reconcileClockSkewMs: number;
}

/**
 * Default retry policy (frozen). Documented in docs/api-client.md.
 *
 * | field | default |
 * |---|---|
 * | maxRetries | 4 (5 attempts) |
 * | baseDelayMs | 250 |
 * | maxDelayMs | 20000 |
 * | maxRetryAfterMs | 60000 |
 * | retryAfterJitterRatio | 0.1 |
 * | retryableStatuses | 408, 429, 500, 502, 503, 504 |
 * | idempotentMethods | GET, PUT, DELETE |
 * | reconcileClockSkewMs | 120000 |
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  retryAfterJitterRatio: 0.1,
  retryableStatuses: Object.freeze([408, 429, 500, 502, 503, 504]),
  idempotentMethods: Object.freeze(["GET", "PUT", "DELETE"] as HttpMethod[]),
  reconcileClockSkewMs: 120_000,
});

/** Builds a frozen policy from the defaults and overrides (tests use tiny delays). */
export function makeRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const merged = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(overrides) };
  for (const key of [
    "maxRetries",
    "baseDelayMs",
    "maxDelayMs",
    "maxRetryAfterMs",
    "retryAfterJitterRatio",
    "reconcileClockSkewMs",
  ] as const) {
    const v = merged[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new RangeError(`retry policy: ${key} must be a finite number >= 0`);
  }
  return Object.freeze({
    ...merged,
    retryableStatuses: Object.freeze([...merged.retryableStatuses]),
    idempotentMethods: Object.freeze([...merged.idempotentMethods]),
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Why one attempt failed, in the terms the policy needs. `sent` says whether the request may have reached the
 * server: "no" for connection refused / DNS / connect timeout, "maybe" once bytes could have been written.
 */
export type AttemptFailure =
  | { readonly kind: "status"; readonly status: number; readonly retryAfter?: string | undefined }
  | {
      readonly kind: "network";
      readonly sent: "no" | "maybe";
      readonly timeout: boolean;
      /** True for failures a retry cannot fix (unknown host, client closed). */
      readonly permanent: boolean;
      readonly code: string;
    };

/**
 * What to do after a failed attempt:
 * - `retry`: re-send the same request (after a delay, within the attempt cap and the retry budget);
 * - `reconcile`: a POST may have been applied; look the object up before deciding (reconcile-create.ts);
 * - `fail`: give up now; retrying cannot help or would be unsafe.
 */
export type RetryDecision = "retry" | "reconcile" | "fail";

/** The retry decision table (see docs/api-client.md). Pure; ignores attempt counts and the budget. */
export function decideRetry(method: HttpMethod, failure: AttemptFailure, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  const idempotent = policy.idempotentMethods.includes(method);
  if (failure.kind === "status") {
    // 429 means "not processed": safe to re-send for every method, POST included.
    if (failure.status === 429) return policy.retryableStatuses.includes(429) ? "retry" : "fail";
    if (!policy.retryableStatuses.includes(failure.status)) return "fail";
    return idempotent ? "retry" : "reconcile";
  }
  if (failure.permanent) return "fail";
  // Nothing left this machine (refused, DNS, connect timeout): re-sending cannot duplicate anything.
  if (failure.sent === "no") return "retry";
  return idempotent ? "retry" : "reconcile";
}

/**
 * True when a write that failed this way may still have been applied by the server: a 5xx, or a connection failure
 * after the request may have left this machine. A retry of such an idempotent write can then meet its own effect
 * (a DELETE's retry finding the object gone).
 */
export function failureMayHaveApplied(failure: AttemptFailure): boolean {
  if (failure.kind === "network") return failure.sent === "maybe";
  return failure.status >= 500;
}

/**
 * Parses a `Retry-After` header: delay-seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT").
 * Returns milliseconds to wait (0 for a date in the past), or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string") return undefined;
  const text = raw.trim();
  if (text === "") return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // Only accept something that looks like an HTTP date: Date.parse alone would also take "5" or "2026".
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Full-jitter exponential backoff: uniform in [0, min(maxDelayMs, baseDelayMs · 2^retryIndex)].
 * Full jitter (rather than "exponential plus a little noise") spreads a crowd of callers that failed together
 * across the whole window, which is what stops them from failing together again.
 */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(retryIndex, 30)));
  return Math.floor(clamp01(random()) * exp);
}

/** How long to wait before retry `retryIndex`, and why. `Retry-After` wins over backoff. */
export function retryDelayMs(
  retryIndex: number,
  retryAfterHeader: string | readonly string[] | undefined,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
  now: number = Date.now(),
): { delayMs: number; source: "retry-after" | "backoff" } {
  const retryAfter = parseRetryAfter(retryAfterHeader, now);
  if (retryAfter !== undefined) {
    const base = Math.min(retryAfter, policy.maxRetryAfterMs);
    const extra = Math.floor(clamp01(random()) * base * policy.retryAfterJitterRatio);
    return { delayMs: Math.min(base + extra, policy.maxRetryAfterMs), source: "retry-after" };
  }
  return { delayMs: backoffDelayMs(retryIndex, policy, random), source: "backoff" };
}

function clamp01(x: number): number {
  if (!Number.isFinite(x) || x < 0) return 0;
  return x >= 1 ? 0.999999 : x;
}
