// The one retry loop (retry-executor.ts) on its own: which failures it retries, how long it waits (on a fake
// clock, so the exact delays are asserted), the attempt cap, the budget, free replays, reconcile-by-lookup and the
// caller's abort during a wait.
import { describe, expect, it } from "vitest";
import { MosaicApiError } from "../../provider/api";
import { safeLogger } from "../../provider/api/logger";
import { runWithRetries, type AttemptOutcome, type GiveUpReason, type RetryRun } from "../../provider/api/retry-executor";
import { RetryBudget } from "../../provider/api/retry-budget";
import { makeRetryPolicy, type AttemptFailure } from "../../provider/api/retry-policy";
import { FakeClock } from "../support/fake-clock";

const policy = makeRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, maxRetries: 3 });

function env(clock = new FakeClock(), budget = new RetryBudget()) {
  return { policy, budget, clock, logger: safeLogger(undefined), random: () => 0.5 };
}

/** A run whose attempts answer from a script of failures, then succeed with "ok". */
function scripted(failures: AttemptFailure[], overrides: Partial<RetryRun<string>> = {}) {
  const reasons: GiveUpReason[] = [];
  let calls = 0;
  const run: RetryRun<string> = {
    operation: "test.get",
    method: "GET",
    route: "/v1/x",
    attempt: async (): Promise<AttemptOutcome<string>> => {
      const failure = failures[calls++];
      if (!failure) return { kind: "done", value: "ok" };
      return {
        kind: "failed",
        failure,
        error: (reason) => {
          reasons.push(reason);
          return new MosaicApiError({ code: "MOSAIC_UNAVAILABLE", operation: "test.get", summary: reason });
        },
      };
    },
    ...overrides,
  };
  return { run, reasons, calls: () => calls };
}

const status = (s: number, retryAfter?: string): AttemptFailure => ({ kind: "status", status: s, retryAfter });

describe("runWithRetries", () => {
  it("retries retryable failures with full-jitter backoff on the clock", async () => {
    const clock = new FakeClock();
    const { run, calls } = scripted([status(503), status(502), status(500)]);
    expect(await runWithRetries(env(clock), run)).toBe("ok");
    expect(calls()).toBe(4);
    expect(clock.waits).toEqual([50, 100, 200]);
  });

  it("waits what Retry-After asks (seconds or an HTTP date, plus at most 10%), never less", async () => {
    const clock = new FakeClock();
    const date = new Date(clock.now() + 3_000).toUTCString();
    const { run } = scripted([status(429, "2"), status(429, date)]);
    await runWithRetries(env(clock), run);
    // random 0.5 adds 5% on top of each wait; the date is 3 s after the start, 900 ms after the first wait ended.
    expect(clock.waits).toEqual([2_100, 945]);
  });

  it("fails at once on a status that retrying cannot fix", async () => {
    const clock = new FakeClock();
    const { run, reasons } = scripted([status(400)]);
    await expect(runWithRetries(env(clock), run)).rejects.toThrow(/: not-retryable /);
    expect(reasons).toEqual(["not-retryable"]);
    expect(clock.waits).toEqual([]);
  });

  it("stops at the attempt cap", async () => {
    const { run, calls } = scripted([status(503), status(503), status(503), status(503), status(503)]);
    await expect(runWithRetries(env(), run)).rejects.toThrow(/: attempts-exhausted /);
    expect(calls()).toBe(4);
  });

  it("stops when the shared budget cannot pay, and a success refunds what the retry cost", async () => {
    const budget = new RetryBudget({ capacity: 10, retryCost: 5, successRefund: 0 });
    await runWithRetries(env(undefined, budget), scripted([status(503)]).run);
    expect(budget.available).toBe(10);
    const { run, calls } = scripted([status(503), status(503), status(503)]);
    await expect(runWithRetries(env(undefined, new RetryBudget({ capacity: 10, retryCost: 5 })), run)).rejects.toThrow(
      /: budget-exhausted /,
    );
    expect(calls()).toBe(3);
  });

  it("replays for free and at once (a 401 fixed by a new token)", async () => {
    const clock = new FakeClock();
    const budget = new RetryBudget({ capacity: 0 });
    let calls = 0;
    const value = await runWithRetries(env(clock, budget), {
      operation: "t",
      method: "POST",
      route: "/v1/x",
      attempt: async () => (++calls === 1 ? { kind: "replay", reason: "token replaced" } : { kind: "done", value: calls }),
    });
    expect(value).toBe(2);
    expect(clock.waits).toEqual([]);
  });

  it("a POST that may have been applied ends with 'may-have-been-applied' unless the run can confirm", async () => {
    const { run } = scripted([status(503)], { method: "POST" });
    await expect(runWithRetries(env(), run)).rejects.toThrow(/: may-have-been-applied /);

    const clock = new FakeClock();
    const confirmed = scripted([status(503)], { method: "POST", confirm: async () => "found" });
    expect(await runWithRetries(env(clock), confirmed.run)).toBe("found");
    expect(confirmed.calls()).toBe(1);
    expect(clock.waits).toEqual([50]);

    const notThere = scripted([status(503)], { method: "POST", confirm: async () => undefined });
    expect(await runWithRetries(env(), notThere.run)).toBe("ok");
    expect(notThere.calls()).toBe(2);
  });

  it("a token request (POST retried as GET) is re-sent after a 503", async () => {
    const { run, calls } = scripted([status(503)], { method: "POST", retryAs: "GET" });
    expect(await runWithRetries(env(), run)).toBe("ok");
    expect(calls()).toBe(2);
  });

  it("abandons a retry delay as soon as the caller aborts", async () => {
    const clock = new FakeClock();
    clock.hold();
    const ac = new AbortController();
    const { run, reasons, calls } = scripted([status(503)], { signal: ac.signal });
    const pending = runWithRetries(env(clock), run).catch((e: Error) => e);
    await new Promise((r) => setImmediate(r));
    expect(clock.heldSleeps).toBe(1);
    ac.abort(new Error("cancelled"));
    expect(((await pending) as Error).message).toMatch(/: aborted /);
    expect(reasons).toEqual(["aborted"]);
    expect(calls()).toBe(1);
    expect(clock.heldSleeps).toBe(0);
  });

  it("marks a retried write whose earlier attempt may have landed", async () => {
    const seen: boolean[] = [];
    await runWithRetries(env(), {
      operation: "t",
      method: "DELETE",
      route: "/v1/x",
      attempt: async (p) => {
        seen.push(p.mayHaveBeenApplied);
        return seen.length === 1
          ? {
              kind: "failed",
              failure: status(503),
              error: () => new MosaicApiError({ code: "MOSAIC_UNAVAILABLE", operation: "t", summary: "x" }),
            }
          : { kind: "done", value: undefined };
      },
    });
    expect(seen).toEqual([false, true]);
  });
});
