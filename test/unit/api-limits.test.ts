// Pure logic of the rate limiter, the retry budget and create reconciliation (no network, fake clock).
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_BUDGET, MosaicApiError } from "../../provider/api";
import { safeLogger } from "../../provider/api/logger";
import { RateLimiter, sharedRateLimiter } from "../../provider/api/rate-limiter";
import { pickOwnCandidate, reconcileCreate } from "../../provider/api/reconcile-create";
import { emptyStats } from "../../provider/api/request";
import { RetryBudget, sharedRetryBudget } from "../../provider/api/retry-budget";
import { makeRetryPolicy } from "../../provider/api/retry-policy";
import { resetSharedStateForTests } from "../../provider/api/testing";
import { FakeClock } from "../support/fake-clock";

afterEach(() => resetSharedStateForTests());

describe("RateLimiter", () => {
  it("schedules a steady rate after the burst", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ requestsPerSecond: 20, burst: 2 });
    const waits = Array.from({ length: 62 }, () => limiter.reserve(now));
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    // 62 requests issued at t=0 are spread over (62 - burst) intervals of 50 ms.
    expect(waits[61]).toBeCloseTo(60 * 50, 5);
    now += 10_000; // idle long enough to refill the burst, but not beyond it
    expect(limiter.reserve(now)).toBe(0);
    expect(limiter.reserve(now)).toBe(0);
    expect(limiter.reserve(now)).toBeGreaterThan(0);
  });

  it("defaults the burst to 10% of the rate and shares the lowest rate per key", () => {
    expect(new RateLimiter({ requestsPerSecond: 50 }).burst).toBe(5);
    expect(new RateLimiter({ requestsPerSecond: 3 }).burst).toBe(1);
    const a = sharedRateLimiter("k", { requestsPerSecond: 50 });
    const b = sharedRateLimiter("k", { requestsPerSecond: 10 });
    const c = sharedRateLimiter("k", { requestsPerSecond: 100 });
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.requestsPerSecond).toBe(10);
    expect(() => new RateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError);
  });

  it("acquire waits on the clock for its slot and honours abort", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 1 });
    await limiter.acquire(clock);
    await limiter.acquire(clock);
    expect(clock.waits).toEqual([100]);
    clock.hold();
    const ac = new AbortController();
    const p = limiter.acquire(clock, ac.signal);
    expect(clock.heldSleeps).toBe(1);
    ac.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
    expect(clock.heldSleeps).toBe(0);
    await expect(limiter.acquire(clock, ac.signal)).rejects.toThrow("stop");
  });
});

describe("RetryBudget", () => {
  it("spends on retries, refunds on success, never exceeds capacity", () => {
    const b = new RetryBudget({ capacity: 20, retryCost: 5, timeoutRetryCost: 10, successRefund: 1 });
    expect(b.tryAcquire(b.costOf(false))).toBe(true);
    expect(b.tryAcquire(b.costOf(true))).toBe(true);
    expect(b.available).toBe(5);
    expect(b.tryAcquire(10)).toBe(false);
    expect(b.denied).toBe(1);
    b.recordSuccess(5);
    expect(b.available).toBe(11);
    for (let i = 0; i < 100; i++) b.recordSuccess();
    expect(b.available).toBe(20);
  });
  it("is shared per key with frozen defaults", () => {
    expect(Object.isFrozen(DEFAULT_RETRY_BUDGET)).toBe(true);
    expect(sharedRetryBudget("x")).toBe(sharedRetryBudget("x", { capacity: 1 }));
    expect(sharedRetryBudget("x").options.capacity).toBe(500);
    expect(() => new RetryBudget({ capacity: -1 })).toThrow(RangeError);
  });
});

describe("create reconciliation", () => {
  const t0 = Date.parse("2026-03-01T12:00:00Z");
  const iso = (ms: number) => new Date(ms).toISOString();

  it("picks the same-named object created since the first attempt, nearest to it", () => {
    const cands = [
      { value: "old", createdAt: iso(t0 - 10 * 60_000) },
      { value: "ours", createdAt: iso(t0 + 40) },
      { value: "later", createdAt: iso(t0 + 50_000) },
      { value: "undated", createdAt: undefined },
    ];
    expect(pickOwnCandidate(cands, t0, 120_000)?.value).toBe("ours");
    expect(pickOwnCandidate([cands[0]!, cands[3]!], t0, 120_000)).toBeUndefined();
    // Server clock 30 s behind ours: still inside the skew allowance.
    expect(pickOwnCandidate([{ value: "skewed", createdAt: iso(t0 - 30_000) }], t0, 120_000)?.value).toBe("skewed");
  });

  const policy = makeRetryPolicy({ baseDelayMs: 1, maxDelayMs: 2, maxRetries: 3 });
  const ambiguous = () =>
    new MosaicApiError({ code: "MOSAIC_UNAVAILABLE", operation: "t", summary: "x", status: 503, mayHaveBeenApplied: true });
  const conflict = () => new MosaicApiError({ code: "MOSAIC_CONFLICT", operation: "t", summary: "x", status: 409 });
  const base = (budget = new RetryBudget(), clock = new FakeClock({ start: t0 })) => ({
    operation: "applications.create",
    route: "/v1/applications",
    name: "portal",
    retry: { policy, budget, clock, logger: safeLogger(undefined) },
    stats: emptyStats(),
  });

  it("adopts the object when an ambiguous attempt did apply", async () => {
    const store: Array<{ value: string; createdAt: string }> = [];
    let posts = 0;
    const result = await reconcileCreate({
      ...base(),
      attempt: async () => {
        posts++;
        store.push({ value: `obj${posts}`, createdAt: iso(t0 + 3) });
        throw ambiguous(); // applied, then the answer was lost
      },
      findByName: async () => store,
    });
    expect(result).toBe("obj1");
    expect(posts).toBe(1);
  });

  it("creates again when the ambiguous attempt did not apply", async () => {
    let posts = 0;
    const o = base();
    const result = await reconcileCreate({
      ...o,
      attempt: async () => {
        posts++;
        if (posts === 1) throw ambiguous();
        return "created";
      },
      findByName: async () => [],
    });
    expect(result).toBe("created");
    expect(o.stats.reconciliations).toBe(1);
  });

  it("treats 409 on a first attempt as a conflict naming importId, and after ambiguity as probably ours", async () => {
    const err = await reconcileCreate({
      ...base(),
      attempt: async () => {
        throw conflict();
      },
      findByName: async () => [],
    }).catch((e: MosaicApiError) => e);
    expect(MosaicApiError.isInstance(err)).toBe(true);
    expect(err.code).toBe("MOSAIC_CONFLICT");
    expect(err.message).toMatch(/"portal" is already taken/);
    expect(err.message).toMatch(/importId/);

    let posts = 0;
    let listed = 0;
    const mine = { value: "mine", createdAt: iso(t0 + 5) };
    const result = await reconcileCreate({
      ...base(),
      attempt: async () => {
        posts++;
        throw posts === 1 ? ambiguous() : conflict();
      },
      // Eventually consistent list: the first lookup misses the object, the second sees it.
      findByName: async () => (++listed === 1 ? [] : [mine]),
    });
    expect(result).toBe("mine");
  });

  it("stops when the budget is empty, saying nothing was created", async () => {
    const o = base(new RetryBudget({ capacity: 0 }));
    const err = await reconcileCreate({
      ...o,
      attempt: async () => {
        throw ambiguous();
      },
      findByName: async () => [],
    }).catch((e: MosaicApiError) => e);
    expect(err.message).toMatch(/none of them created it; the process-wide retry budget is exhausted/);
    expect(err.mayHaveBeenApplied).toBe(false);
  });

  it("reports 'may exist' when the lookup itself fails", async () => {
    const err = await reconcileCreate({
      ...base(),
      attempt: async () => {
        throw ambiguous();
      },
      findByName: async () => {
        throw new MosaicApiError({ code: "MOSAIC_TIMEOUT", operation: "applications.getAll", summary: "slow" });
      },
    }).catch((e: MosaicApiError) => e);
    expect(err.mayHaveBeenApplied).toBe(true);
    expect(err.message).toMatch(/may exist/);
    expect(err.message).toMatch(/importId/);
  });
});

describe("create reconciliation waits", () => {
  const policy = makeRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, maxRetries: 3 });
  const ambiguous = () =>
    new MosaicApiError({ code: "MOSAIC_UNAVAILABLE", operation: "t", summary: "x", status: 503, mayHaveBeenApplied: true });
  const options = (clock: FakeClock, signal?: AbortSignal) => ({
    operation: "applications.create",
    route: "/v1/applications",
    name: "portal",
    retry: { policy, budget: new RetryBudget(), clock, logger: safeLogger(undefined), random: () => 0.5 },
    stats: emptyStats(),
    signal,
    attempt: async (): Promise<string> => {
      throw ambiguous();
    },
    findByName: async () => [],
  });

  it("waits a backoff delay on the clock before each lookup", async () => {
    const clock = new FakeClock();
    const err = (await reconcileCreate(options(clock)).catch((e: MosaicApiError) => e)) as MosaicApiError;
    // Retry n waits half (random 0.5) of min(1000, 100 · 2^n) before looking up; the cap stops after 4 POSTs.
    expect(clock.waits).toEqual([50, 100, 200, 400]);
    expect(err.message).toMatch(/none of them created it/);
  });

  it("stops waiting when the caller aborts, saying the object may exist", async () => {
    const clock = new FakeClock();
    clock.hold();
    const ac = new AbortController();
    const pending = reconcileCreate(options(clock, ac.signal)).catch((e: MosaicApiError) => e);
    await new Promise((r) => setImmediate(r));
    expect(clock.heldSleeps).toBe(1);
    ac.abort(new Error("cancelled"));
    const err = (await pending) as MosaicApiError;
    expect(err).toMatchObject({ code: "MOSAIC_ABORTED", mayHaveBeenApplied: true });
    expect(err.message).toMatch(/may have been created/);
  });
});
