// Fault injection and rate limiting: each fault kind has the effect a client would notice (a status, a socket
// error, a delay, a write that happened although the client saw a failure), admin routes are never affected,
// and seeded runs repeat exactly.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { FaultRule, StartedEmulator } from "../../emulator";
import { ContractClient } from "./support/contract-client";
import { loadOpenApiContract } from "./support/openapi-contract";
import { VENDOR_OPENAPI_PATH } from "./support/openapi-document";

const contract = loadOpenApiContract(VENDOR_OPENAPI_PATH);

type Json = Record<string, any>;

let emulator: StartedEmulator;
let api: ContractClient;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 3 });
  api = new ContractClient(emulator, contract);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.admin.setFaults([]);
  emulator.admin.setFaultRate(0);
  emulator.admin.setLatency(0);
  emulator.admin.setRateLimit(0);
  emulator.admin.reset();
  api.forgetToken();
  await api.token();
  emulator.admin.clearLog();
});
afterEach(() => {
  expect(api.violations).toEqual([]);
  api.violations.length = 0;
});

const newApp = () => ({ body: { app_name: `app-${Math.random().toString(36).slice(2, 8)}`, client_display_name: "web" } });

/** The socket-level cause of a failed fetch (the client saw no HTTP answer at all). */
async function socketFailure(pending: Promise<unknown>): Promise<string> {
  try {
    await pending;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? String(error);
  }
  throw new Error("expected the connection to fail, but an HTTP answer arrived");
}

async function elapsed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

describe("latency", () => {
  it("adds a fixed delay to API requests but not to admin routes", async () => {
    emulator.admin.setLatency(300);
    expect(await elapsed(() => api.expectStatus(200, "GET", "/v1/applications"))).toBeGreaterThanOrEqual(295);
    expect(await elapsed(() => fetch(`${emulator.adminUrl}/requests`))).toBeLessThan(200);
  });

  it("adds jitter within its bound, and per-route latency rules only where they match", async () => {
    emulator.admin.setLatency(0, 60);
    const times: number[] = [];
    for (let i = 0; i < 8; i++) times.push(await elapsed(() => api.call("GET", "/v1/applications")));
    expect(Math.max(...times)).toBeLessThan(60 + 200);
    expect(new Set(times.map((t) => Math.round(t / 5))).size).toBeGreaterThan(1);
    emulator.admin.setLatency(0);
    emulator.admin.setFaults([{ kind: "latency", ms: 200, method: "GET", route: "/v1/applications/list" }]);
    expect(await elapsed(() => api.call("GET", "/v1/applications/list"))).toBeGreaterThanOrEqual(195);
    expect(await elapsed(() => api.call("GET", "/v1/applications"))).toBeLessThan(180);
    expect(emulator.admin.requestLog().find((e) => e.route === "/v1/applications/list")?.fault).toBe("latency");
  });
});

describe("status faults", () => {
  it("429 with Retry-After when configured, without it otherwise; the write is not applied", async () => {
    emulator.admin.setFaults([
      { kind: "status", status: 429, retryAfter: "2", method: "POST", route: "/v1/applications", times: 1 },
      { kind: "status", status: 429, method: "POST", route: "/v1/applications", times: 1 },
    ]);
    const first = await api.call<Json>("POST", "/v1/applications", newApp());
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.body).toEqual({ message: "Too Many Requests", error_code: 429 });
    const second = await api.call("POST", "/v1/applications", newApp());
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBeNull();
    expect(emulator.admin.dump().applications).toHaveLength(0);
    await api.expectStatus(201, "POST", "/v1/applications", newApp());
    expect(emulator.admin.requestLog().map((e) => e.fault)).toEqual(["status:429+retry-after", "status:429", undefined]);
  });

  it("500, 502 and 503 with a JSON error body, on the matching method and route only", async () => {
    for (const status of [500, 502, 503] as const) {
      emulator.admin.setFaults([{ kind: "status", status, method: "GET", route: "/v1/applications/:appId" }]);
      const app = (await api.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", newApp())).result;
      const reply = await api.call<Json>("GET", `/v1/applications/${app.app_id}`);
      expect(reply.status).toBe(status);
      expect(reply.body.error_code).toBe(status);
      await api.expectStatus(200, "GET", "/v1/applications");
    }
  });

  it("times limits the injections; rate draws from the seeded stream", async () => {
    emulator.admin.setFaults([{ kind: "status", status: 503, times: 2 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.call("GET", "/v1/applications")).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(emulator.admin.faultConfig().rules[0]?.remaining).toBe(0);
    emulator.admin.setFaults([{ kind: "status", status: 500, rate: 0.5 }]);
    const mixed = new Set<number>();
    for (let i = 0; i < 30; i++) mixed.add((await api.call("GET", "/v1/applications")).status);
    expect([...mixed].sort()).toEqual([200, 500]);
  });
});

describe("connection faults", () => {
  it("reset-before: the client sees a socket error and nothing is written", async () => {
    emulator.admin.setFaults([{ kind: "reset-before", method: "POST", route: "/v1/applications" }]);
    expect(await socketFailure(api.call("POST", "/v1/applications", newApp()))).toBeTruthy();
    expect(emulator.admin.dump().applications).toHaveLength(0);
    expect(emulator.admin.requestLog()).toEqual([expect.objectContaining({ status: 0, fault: "reset-before", route: "/v1/applications" })]);
  });

  it("applied-then-reset: the client sees a socket error, yet the app is stored", async () => {
    emulator.admin.setFaults([{ kind: "applied-then-reset", method: "POST", route: "/v1/applications", times: 1 }]);
    const body = newApp();
    expect(await socketFailure(api.call("POST", "/v1/applications", body))).toBeTruthy();
    const stored = emulator.admin.dump().applications;
    expect(stored.map((a) => a.app_name)).toEqual([body.body.app_name]);
    const listed = (await api.expectStatus<{ result: Json[] }>(200, "GET", "/v1/applications")).result;
    expect(listed.map((a) => a.app_name)).toEqual([body.body.app_name]);
  });

  it("applied-then-status: the client sees a 5xx, yet the change is applied", async () => {
    const app = (await api.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", newApp())).result;
    emulator.admin.setFaults([{ kind: "applied-then-status", status: 502, method: "PUT" }]);
    const reply = await api.call<Json>("PUT", `/v1/applications/${app.app_id}`, { body: { app_description: "changed" } });
    expect(reply.status).toBe(502);
    expect(emulator.admin.dump().applications[0]?.app_description).toBe("changed");
  });

  it("hang: no answer for the configured time, then the connection drops", async () => {
    emulator.admin.setFaults([{ kind: "hang", ms: 400, method: "GET" }]);
    const timedOut = await elapsed(async () => {
      const failure = await api.call("GET", "/v1/applications", { headers: {} }).then(
        () => "answered",
        (error: Error) => error.name,
      );
      expect(failure).not.toBe("answered");
    });
    expect(timedOut).toBeGreaterThanOrEqual(390);
    const aborted = await fetch(`${emulator.url}/v1/applications`, {
      headers: { authorization: `Bearer ${await api.token()}` },
      signal: AbortSignal.timeout(100),
    }).then(
      () => "answered",
      (error: Error) => error.name,
    );
    expect(aborted).toBe("TimeoutError");
  });
});

describe("scope of faults", () => {
  it("the token endpoint is faulted by route /oidc/token", async () => {
    emulator.admin.setFaults([{ kind: "status", status: 503, route: "/oidc/token" }]);
    await expect(api.newToken()).rejects.toThrow(/503/);
    await api.expectStatus(200, "GET", "/v1/applications");
  });

  it("admin routes are never faulted, limited or logged", async () => {
    emulator.admin.setFaults([{ kind: "reset-before" }]);
    emulator.admin.setRateLimit(1);
    expect(await socketFailure(api.call("GET", "/v1/applications"))).toBeTruthy();
    for (let i = 0; i < 5; i++) expect((await fetch(`${emulator.adminUrl}/state`)).status).toBe(200);
    expect(emulator.admin.requestLog()).toHaveLength(1);
  });

  it("rejects malformed rules (programmatically and over HTTP)", async () => {
    expect(() => emulator.admin.setFaults([{ kind: "status", status: 404 } as unknown as FaultRule])).toThrow(/status/);
    expect(() => emulator.admin.setFaults([{ kind: "explode" } as unknown as FaultRule])).toThrow(/kind/);
    expect(() => emulator.admin.setFaults([{ kind: "hang", ms: 10, rate: 2 }])).toThrow(/rate/);
    const reply = await fetch(`${emulator.adminUrl}/faults`, { method: "PUT", body: JSON.stringify([{ kind: "latency" }]) });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as Json).message[0]).toContain("ms");
  });
});

describe("rate limit (token bucket)", () => {
  it("answers 429 with Retry-After past its budget and recovers as the bucket refills", async () => {
    emulator.admin.setRateLimit(5);
    const replies = await Promise.all(Array.from({ length: 12 }, () => api.call("GET", "/v1/applications")));
    const passed = replies.filter((r) => r.status === 200).length;
    const limited = replies.filter((r) => r.status === 429);
    // A burst of one second's budget passes; a slow machine may refill a token or two meanwhile.
    expect(passed).toBeGreaterThanOrEqual(5);
    expect(passed).toBeLessThanOrEqual(7);
    expect(limited.length).toBe(12 - passed);
    expect(limited.every((r) => Number(r.headers.get("retry-after")) >= 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await api.call("GET", "/v1/applications")).status).toBe(200);
  });
});

describe("faultRate shorthand and seeds", () => {
  const ANY = ["status:429", "status:429+retry-after", "status:500", "status:502", "status:503", "reset-before"];
  const AMBIGUOUS = ["applied-then-reset", "applied-then-status:503"];

  it("draws from the documented pool; ambiguous writes only on writes, and those writes are applied", async () => {
    emulator.admin.setFaultRate(1);
    for (let i = 0; i < 24; i++) await api.call("GET", "/v1/applications").catch(() => undefined);
    for (let i = 0; i < 24; i++) await api.call("POST", "/v1/applications", newApp()).catch(() => undefined);
    const log = emulator.admin.requestLog();
    const reads = new Set(log.filter((e) => e.method === "GET").map((e) => e.fault));
    const writes = log.filter((e) => e.method === "POST");
    expect([...reads].every((f) => ANY.includes(f!))).toBe(true);
    expect(writes.every((e) => [...ANY, ...AMBIGUOUS].includes(e.fault!))).toBe(true);
    const applied = writes.filter((e) => AMBIGUOUS.includes(e.fault!)).length;
    expect(applied).toBeGreaterThan(0);
    expect(emulator.admin.dump().applications).toHaveLength(applied);
  });

  it("the same seed and request sequence give the same faults and ids", async () => {
    const run = async (seed: number) => {
      const instance = await startEmulator({ seed });
      try {
        const client = new ContractClient(instance, contract);
        await client.token();
        instance.admin.setFaultRate(0.5);
        const outcomes: string[] = [];
        for (let i = 0; i < 16; i++) {
          const reply = await client
            .call<Json>("POST", "/v1/applications", { body: { app_name: `a${i}`, client_display_name: "w" } })
            .catch(() => undefined);
          outcomes.push(`${reply?.status ?? "dropped"}:${reply?.body?.result?.app_id ?? ""}`);
        }
        expect(client.violations).toEqual([]);
        return { outcomes, faults: instance.admin.requestLog().map((e) => e.fault ?? "-") };
      } finally {
        await instance.close();
      }
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect((await run(43)).faults).not.toEqual(first.faults);
  });

  it("faults, faultRate, latency and rateLimit options apply from the start", async () => {
    const configured = await startEmulator({
      seed: 9,
      latencyMs: 5,
      rateLimit: 100,
      faultRate: 0.1,
      faults: [{ kind: "status", status: 500, route: "/v1/applications/list" }],
    });
    try {
      expect(configured.admin.faultConfig()).toMatchObject({ faultRate: 0.1, latency: { ms: 5, jitterMs: 0 }, rateLimit: 100 });
      const client = new ContractClient(configured, contract);
      const token = await client.token().catch(() => client.token());
      expect((await client.call("GET", "/v1/applications/list", { token })).status).toBe(500);
    } finally {
      await configured.close();
    }
  });
});
