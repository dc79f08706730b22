import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY } from "../../provider/api";
import {
  backoffDelayMs,
  decideRetry,
  makeRetryPolicy,
  parseRetryAfter,
  retryDelayMs,
  type AttemptFailure,
} from "../../provider/api/retry-policy";

const status = (s: number, retryAfter?: string): AttemptFailure => ({ kind: "status", status: s, retryAfter });
const net = (sent: "no" | "maybe", extra: Partial<{ timeout: boolean; permanent: boolean; code: string }> = {}): AttemptFailure => ({
  kind: "network",
  sent,
  timeout: extra.timeout ?? false,
  permanent: extra.permanent ?? false,
  code: extra.code ?? "X",
});

describe("DEFAULT_RETRY_POLICY", () => {
  it("is frozen data with the documented defaults", () => {
    expect(Object.isFrozen(DEFAULT_RETRY_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RETRY_POLICY.retryableStatuses)).toBe(true);
    expect(DEFAULT_RETRY_POLICY).toMatchObject({
      maxRetries: 4,
      baseDelayMs: 250,
      maxDelayMs: 20_000,
      maxRetryAfterMs: 60_000,
      reconcileClockSkewMs: 120_000,
    });
    expect(DEFAULT_RETRY_POLICY.idempotentMethods).toEqual(["GET", "PUT", "DELETE"]);
    expect(() => makeRetryPolicy({ baseDelayMs: -1 })).toThrow(/baseDelayMs/);
  });
});

describe("decideRetry", () => {
  it("retries GET, PUT and DELETE on 429, 5xx and network errors", () => {
    for (const method of ["GET", "PUT", "DELETE"] as const) {
      for (const f of [
        status(429),
        status(500),
        status(502),
        status(503),
        status(504),
        net("maybe"),
        net("no"),
        net("maybe", { timeout: true }),
      ]) {
        expect(decideRetry(method, f), `${method} ${JSON.stringify(f)}`).toBe("retry");
      }
    }
  });

  it("never blindly retries a POST that may have been applied: it reconciles", () => {
    expect(decideRetry("POST", status(500))).toBe("reconcile");
    expect(decideRetry("POST", status(503))).toBe("reconcile");
    expect(decideRetry("POST", net("maybe"))).toBe("reconcile");
    expect(decideRetry("POST", net("maybe", { timeout: true }))).toBe("reconcile");
  });

  it("retries a POST directly on 429 and on failures that never left the machine", () => {
    expect(decideRetry("POST", status(429))).toBe("retry");
    expect(decideRetry("POST", net("no", { code: "ECONNREFUSED" }))).toBe("retry");
  });

  it("fails fast on client errors and permanent network failures", () => {
    for (const s of [400, 401, 403, 404, 409, 413]) expect(decideRetry("GET", status(s))).toBe("fail");
    expect(decideRetry("POST", status(409))).toBe("fail");
    expect(decideRetry("GET", net("no", { permanent: true, code: "ENOTFOUND" }))).toBe("fail");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("parses delay-seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter(["3", "9"], now)).toBe(3000);
  });
  it("parses an HTTP date relative to now, clamping the past to 0", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });
  it("ignores garbage", () => {
    for (const v of [undefined, "", "soon", "-1", "1.5", "2026-99-99", "NaN", "Infinity", "99999999999999999999"]) {
      expect(parseRetryAfter(v, now), String(v)).toBeUndefined();
    }
  });
});

describe("backoff", () => {
  const policy = makeRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
  it("uses full jitter within [0, min(max, base·2^n)]", () => {
    for (let n = 0; n < 8; n++) {
      const cap = Math.min(1000, 100 * 2 ** n);
      expect(backoffDelayMs(n, policy, () => 0)).toBe(0);
      expect(backoffDelayMs(n, policy, () => 0.999999)).toBeLessThanOrEqual(cap);
      expect(backoffDelayMs(n, policy, () => 0.999999)).toBeGreaterThanOrEqual(cap - 1);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelayMs(n, policy);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(cap);
      }
    }
  });
  it("survives absurd inputs", () => {
    expect(backoffDelayMs(1e9, policy, () => 0.5)).toBe(500);
    expect(backoffDelayMs(3, policy, () => Number.NaN)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 7)).toBeLessThanOrEqual(800);
  });
  it("prefers Retry-After, never waking early, capped at maxRetryAfterMs", () => {
    const p = makeRetryPolicy({ maxRetryAfterMs: 10_000, retryAfterJitterRatio: 0.1 });
    expect(retryDelayMs(0, "2", p, () => 0)).toEqual({ delayMs: 2000, source: "retry-after" });
    const jittered = retryDelayMs(0, "2", p, () => 0.99).delayMs;
    expect(jittered).toBeGreaterThanOrEqual(2000);
    expect(jittered).toBeLessThanOrEqual(2200);
    expect(retryDelayMs(0, "3600", p, () => 0).delayMs).toBe(10_000);
    expect(retryDelayMs(2, "garbage", p, () => 0.5).source).toBe("backoff");
  });
});
