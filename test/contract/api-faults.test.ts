// The API client against the emulator's fault injection: every fault kind on every method, Retry-After, the
// ambiguous POST (exactly one object over hundreds of tries), the rate limiter, the retry budget, and redaction.
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FaultKind, FaultRule } from "../../emulator/types";
import { MosaicApiError, MosaicClient } from "../../provider/api";
import { resetSharedStateForTests } from "../../provider/api/testing";
import { FakeClock } from "../support/fake-clock";
import { CapturingLogger, apiRequests, clientFor, uniqueName, withEmulator, type Emulator } from "./support/api-support";

let emu: Emulator;
const clients: MosaicClient[] = [];
const track = (c: MosaicClient): MosaicClient => (clients.push(c), c);

beforeAll(async () => {
  emu = await withEmulator();
});
afterAll(async () => {
  await emu.close();
  await resetSharedStateForTests();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await resetSharedStateForTests();
  emu.admin.setFaults([]);
  emu.admin.setFaultRate(0);
  emu.admin.reset();
});

type Kind = FaultKind;
const KINDS: Array<[string, Kind]> = [
  ["429", { kind: "status", status: 429 }],
  ["500", { kind: "status", status: 500 }],
  ["502", { kind: "status", status: 502 }],
  ["503", { kind: "status", status: 503 }],
  ["reset-before", { kind: "reset-before" }],
  ["applied-then-reset", { kind: "applied-then-reset" }],
  ["applied-then-503", { kind: "applied-then-status", status: 503 }],
  ["applied-then-500", { kind: "applied-then-status", status: 500 }],
  ["hang", { kind: "hang", ms: 700 }],
];

/** One operation per method, on a fresh app; returns a check of the end state. */
const METHODS = {
  GET: {
    route: "/v1/applications/:appId",
    run: async (m: MosaicClient, appId: string) => {
      expect((await m.applications.get({ app_id: appId })).app_id).toBe(appId);
    },
  },
  PUT: {
    route: "/v1/applications/:appId",
    run: async (m: MosaicClient, appId: string) => {
      expect((await m.applications.update({ app_id: appId }, { app_description: "after" })).app_description).toBe("after");
      expect(emu.admin.dump().applications.find((a) => a.app_id === appId)?.app_description).toBe("after");
    },
  },
  DELETE: {
    route: "/v1/applications/:appId",
    run: async (m: MosaicClient, appId: string) => {
      await m.applications.delete({ app_id: appId });
      expect(emu.admin.dump().applications.find((a) => a.app_id === appId)).toBeUndefined();
    },
  },
  POST: {
    route: "/v1/applications/:appId/clients",
    run: async (m: MosaicClient, appId: string) => {
      const name = uniqueName("web");
      const created = await m.clients.create({ app_id: appId }, { name, redirect_uris: ["https://x.example/cb"] });
      const same = emu.admin.dump().clients.filter((c) => c.app_id === appId && c.name === name);
      expect(same).toHaveLength(1);
      expect(same[0]?.client_id).toBe(created.client_id);
    },
  },
} as const;

describe("each fault kind on each method", () => {
  for (const [method, op] of Object.entries(METHODS)) {
    for (const [label, kind] of KINDS) {
      it(`${method} survives ${label}`, async () => {
        const mosaic = track(clientFor(emu, { requestTimeoutMs: 300 }));
        const app = await mosaic.applications.create({ app_name: uniqueName("f"), client_display_name: "d" });
        emu.admin.clearLog();
        emu.admin.setFaults([{ method, route: op.route, ...kind, times: 1 } as FaultRule]);
        await op.run(mosaic, app.app_id);
        // The emulator logs a hung request when it finally drops it; wait for that so the log is complete (and
        // so the entry does not land in the next test's log).
        if (kind.kind === "hang") await new Promise((r) => setTimeout(r, kind.ms + 100));
        const onRoute = apiRequests(emu.admin.requestLog())
          .filter((e) => e.method === method && e.route === op.route)
          .sort((a, b) => a.at - b.at);
        expect(onRoute[0]?.fault).toBeDefined();
        const appliedPost = method === "POST" && label.startsWith("applied");
        // The faulted attempt and exactly one more; an applied POST is adopted instead, so it is never re-sent.
        expect(onRoute).toHaveLength(appliedPost ? 1 : 2);
        // A POST is re-sent directly only when it certainly was not applied (429); otherwise it is reconciled first.
        expect(mosaic.stats.reconciliations > 0).toBe(method === "POST" && label !== "429");
        expect(mosaic.stats.adoptions > 0).toBe(appliedPost);
      });
    }
  }

  it("retries the token endpoint too", async () => {
    emu.admin.setFaults([{ route: "/oidc/token", kind: "status", status: 503, times: 1 }]);
    const mosaic = track(clientFor(emu));
    await mosaic.applications.getAllBasic();
    expect(emu.admin.requestCounts()["POST /oidc/token"]).toBe(2);
  });
});

describe("Retry-After (on the client's clock)", () => {
  /** The waits a client asked its clock for while one list call met a 429 with this Retry-After. */
  const waitsAfter429 = async (retryAfter: (clock: FakeClock) => string | undefined): Promise<number[]> => {
    const clock = new FakeClock();
    const mosaic = track(clientFor(emu, {}, { clock, random: () => 0.5, retryPolicy: { baseDelayMs: 400, maxDelayMs: 400 } }));
    await mosaic.applications.getAllBasic();
    emu.admin.clearLog();
    emu.admin.setFaults([
      { method: "GET", route: "/v1/applications/list", kind: "status", status: 429, retryAfter: retryAfter(clock), times: 1 } as FaultRule,
    ]);
    await mosaic.applications.getAllBasic();
    expect(apiRequests(emu.admin.requestLog()).map((e) => e.status)).toEqual([429, 200]);
    return clock.waits;
  };

  it("waits the seconds the server asked for, plus at most 10% (never less)", async () => {
    // random 0.5: half of the 10% allowance.
    expect(await waitsAfter429(() => "2")).toEqual([2_100]);
  });

  it("waits until an HTTP date", async () => {
    expect(await waitsAfter429((clock) => new Date(clock.now() + 3_000).toUTCString())).toEqual([3_150]);
  });

  it("falls back to jittered backoff without Retry-After", async () => {
    expect(await waitsAfter429(() => undefined)).toEqual([200]);
  });
});

describe("the caller's abort", () => {
  it("ends a retry delay at once with MOSAIC_ABORTED, sending nothing more", async () => {
    const clock = new FakeClock();
    const mosaic = track(clientFor(emu, {}, { clock }));
    await mosaic.applications.getAllBasic();
    emu.admin.clearLog();
    emu.admin.setFaults([{ method: "GET", route: "/v1/applications/list", kind: "status", status: 503 }]);
    clock.hold();
    const ac = new AbortController();
    const pending = mosaic.applications.getAllBasic({ signal: ac.signal }).catch((e: unknown) => e);
    await until(() => clock.heldSleeps === 1);
    ac.abort();
    expect(await pending).toMatchObject({ code: "MOSAIC_ABORTED", attempts: 1 });
    expect(apiRequests(emu.admin.requestLog())).toHaveLength(1);
  });

  it("stops waiting for an access token, while the shared token fetch carries on for the next call", async () => {
    const mosaic = track(clientFor(emu));
    emu.admin.setFaults([{ route: "/oidc/token", kind: "latency", ms: 400, times: 1 }]);
    const pending = mosaic.applications.getAllBasic({ signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(await pending).toMatchObject({ code: "MOSAIC_ABORTED" });
    await mosaic.applications.getAllBasic();
    expect(emu.admin.requestCounts()["POST /oidc/token"]).toBe(1);
  });

  it("cancels an attempt in flight with MOSAIC_ABORTED", async () => {
    const mosaic = track(clientFor(emu));
    await mosaic.applications.getAllBasic();
    emu.admin.setFaults([{ method: "GET", route: "/v1/applications/list", kind: "latency", ms: 2_000, times: 1 }]);
    const pending = mosaic.applications.getAllBasic({ signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(await pending).toMatchObject({ code: "MOSAIC_ABORTED", attempts: 1 });
  });
});

/** Polls a condition every 5 ms, for at most 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe("ambiguous POST", () => {
  it("yields exactly one object over 240 tries (applied then reset / applied then 5xx)", async () => {
    const mosaic = track(clientFor(emu));
    const ambiguous: Kind[] = [
      { kind: "applied-then-reset" },
      { kind: "applied-then-status", status: 500 },
      { kind: "applied-then-status", status: 502 },
      { kind: "applied-then-status", status: 503 },
    ];
    const host = await mosaic.applications.create({ app_name: uniqueName("host"), client_display_name: "d" });
    const started = Date.now();
    for (let i = 0; i < 240 && Date.now() - started < 40_000; i++) {
      const kind = ambiguous[i % ambiguous.length]!;
      if (i % 3 === 2) {
        // Clients: reconciled by listing the app's clients.
        emu.admin.setFaults([{ method: "POST", route: "/v1/applications/:appId/clients", ...kind, times: 1 } as FaultRule]);
        const name = uniqueName("c");
        const created = await mosaic.clients.create({ app_id: host.app_id }, { name, redirect_uris: ["https://x.example/cb"] });
        const same = emu.admin.dump().clients.filter((c) => c.name === name);
        expect(same.map((c) => c.client_id)).toEqual([created.client_id]);
        emu.admin.deleteClient(host.app_id, created.client_id);
      } else {
        emu.admin.setFaults([{ method: "POST", route: "/v1/applications", ...kind, times: 1 } as FaultRule]);
        const name = uniqueName("a");
        const created = await mosaic.applications.create({ app_name: name, client_display_name: "d" });
        const same = emu.admin.dump().applications.filter((a) => a.app_name === name);
        expect(same.map((a) => a.app_id)).toEqual([created.app_id]);
        emu.admin.deleteApplication(created.app_id);
      }
    }
    expect(mosaic.stats.adoptions).toBeGreaterThanOrEqual(200);
  });

  it("creates again when the dropped POST was not applied, and reconciles a 409 after ambiguity", async () => {
    const mosaic = track(clientFor(emu));
    emu.admin.setFaults([{ method: "POST", route: "/v1/applications", kind: "reset-before", times: 1 }]);
    const name = uniqueName("again");
    const app = await mosaic.applications.create({ app_name: name, client_display_name: "d" });
    expect(
      emu.admin
        .dump()
        .applications.filter((a) => a.app_name === name)
        .map((a) => a.app_id),
    ).toEqual([app.app_id]);
    expect(emu.admin.requestCounts()["POST /v1/applications"]).toBe(2);
    expect(mosaic.stats.adoptions).toBe(0);
  });
});

describe("process-wide limits", () => {
  // The achieved rate in wall-clock time is measured by bench/rate-limit.ts; here the schedule itself is checked,
  // on a clock that stands still so that every caller arrives at the same instant.
  it("the rate limiter spaces requests at exactly 1/rate after the burst", async () => {
    const clock = new FakeClock({ advanceOnSleep: false });
    const mosaic = track(clientFor(emu, { maxRequestsPerSecond: 20 }, { clock, rateLimitBurst: 2 }));
    await mosaic.applications.getAllBasic(); // token + 1 request: the burst of 2
    await Promise.all(Array.from({ length: 40 }, () => mosaic.applications.getAllBasic()));
    expect(clock.waits).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 50));
  });

  it("two clients with the same credentials share one limiter", async () => {
    const clock = new FakeClock({ advanceOnSleep: false });
    const a = track(clientFor(emu, { maxRequestsPerSecond: 10 }, { clock }));
    const b = track(clientFor(emu, { maxRequestsPerSecond: 10 }, { clock }));
    await a.applications.getAllBasic();
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).applications.getAllBasic()));
    // Token + 11 requests at 10 rps with a burst of 1, all at one instant: one schedule of 100 ms slots. Two
    // separate limiters would each start again from 0.
    expect(clock.waits).toEqual(Array.from({ length: 11 }, (_, i) => (i + 1) * 100));
  });

  it("the retry budget stops a retry storm", async () => {
    const log = new CapturingLogger();
    const mosaic = track(clientFor(emu, { maxRetries: 4 }, { logger: log, retryBudget: { capacity: 50, retryCost: 5 } }));
    await mosaic.applications.getAllBasic();
    emu.admin.clearLog();
    emu.admin.setFaults([{ method: "GET", route: "/v1/applications/list", kind: "status", status: 503 }]);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => mosaic.applications.getAllBasic()));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const sent = apiRequests(emu.admin.requestLog()).length;
    // Without the budget: 20 × (1 + 4) = 100 requests. With 50 tokens at 5 per retry: 20 + 10.
    expect(sent).toBe(30);
    const reasons = results.map((r) => (r as PromiseRejectedResult).reason as MosaicApiError);
    expect(reasons.every((e) => e.code === "MOSAIC_UNAVAILABLE")).toBe(true);
    expect(reasons.some((e) => e.message.includes("retry budget is exhausted"))).toBe(true);
    expect(log.lines.some((l) => l.includes("retry budget exhausted"))).toBe(true);
  });
});

describe("redaction", () => {
  it("no secret or token in any error view or log line", async () => {
    const log = new CapturingLogger();
    const errors: unknown[] = [];
    const capture = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => void errors.push(e),
      );
    const mosaic = track(clientFor(emu, { requestTimeoutMs: 300, maxRetries: 1 }, { logger: log }));

    // Successful traffic with faults: retries, reconciliations, generated client secrets.
    emu.admin.setFaultRate(0.3);
    const apps: string[] = [];
    for (let i = 0; i < 6; i++) {
      await capture(
        mosaic.applications.create({ app_name: uniqueName("r"), client_display_name: "d" }).then(async (a) => {
          apps.push(a.app_id);
          await mosaic.clients.create({ app_id: a.app_id }, { name: "web", redirect_uris: ["https://x.example/cb"] });
        }),
      );
    }
    emu.admin.setFaultRate(0);
    const name = uniqueName("dup");
    await mosaic.applications.create({ app_name: name, client_display_name: "d" });
    await capture(mosaic.applications.create({ app_name: name, client_display_name: "d" })); // 409
    await capture(mosaic.applications.get({ app_id: "missing" })); // 404
    emu.admin.setFaults([{ method: "GET", route: "/v1/applications", kind: "hang", ms: 600 }]);
    await capture(mosaic.applications.getAll()); // timeout
    emu.admin.setFaults([
      { method: "POST", route: "/v1/applications", kind: "applied-then-reset" },
      { method: "GET", route: "/v1/applications", kind: "status", status: 503 },
    ]);
    await capture(mosaic.applications.create({ app_name: uniqueName("u"), client_display_name: "d" })); // unresolved
    emu.admin.setFaults([]);
    await capture(track(clientFor(emu, { clientSecret: `${emu.clientSecret}-wrong` })).applications.getAll()); // token 401

    const dump = emu.admin.dump();
    const secrets = [
      emu.clientSecret,
      ...emu.admin.issuedTokens(),
      ...dump.clients.map((c) => c.client_secret),
      ...dump.applications.map((a) => a.client_secret),
    ].filter((s): s is string => typeof s === "string" && s.length > 0);
    expect(secrets.length).toBeGreaterThan(10);
    expect(errors.length).toBeGreaterThanOrEqual(5);
    const views: string[] = [...log.lines, inspect(mosaic, { depth: 8, showHidden: true }), JSON.stringify(mosaic)];
    for (const e of errors) {
      expect(MosaicApiError.isInstance(e)).toBe(true);
      const err = e as MosaicApiError;
      views.push(err.message, err.stack ?? "", inspect(err, { depth: 10, showHidden: true }), JSON.stringify(err), String(err));
    }
    for (const s of secrets) {
      const where = views.find((v) => v.includes(s));
      expect(where, `leaked a secret of length ${s.length} in: ${where?.replaceAll(s, "<SECRET>").slice(0, 400)}`).toBeUndefined();
    }
    expect(log.lines.length).toBeGreaterThan(0);
  });
});
