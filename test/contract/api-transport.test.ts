// Transport-level behaviour the emulator cannot produce: tiny node:http servers on 127.0.0.1 that trickle bodies,
// echo credentials, count sockets or return garbage. Plus: the compiled client loads with plain require().
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { MosaicApiError, MosaicClient, type MosaicSettingsInput } from "../../provider/api";
import { resetSharedStateForTests } from "../../provider/api/testing";
import { MIN_TOKEN_LIFETIME_SECONDS } from "../../provider/api/token-provider";
import { MAX_RESPONSE_BYTES } from "../../provider/api/transport";
import { FakeClock } from "../support/fake-clock";

const SECRET = "transport-test-secret-0123456789";
const TOKEN = "transport-test-token-abcdefghijkl";

interface Fake {
  url: string;
  origin: string;
  server: Server;
  connections: number;
  paths: string[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A fake API: answers the token endpoint with TOKEN (unless `token` is given) and everything else with `api`. */
async function fake(api: Handler, token?: Handler): Promise<Fake> {
  const state = { connections: 0, paths: [] as string[] };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      state.paths.push(`${req.method} ${req.url}`);
      if (req.url === "/oidc/token") {
        if (token) return token(req, res, body);
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ access_token: TOKEN, token_type: "Bearer", expires_in: 3600 }));
        return;
      }
      api(req, res, body);
    });
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return {
    url: `${origin}/cis`,
    origin,
    server,
    get connections() {
      return state.connections;
    },
    paths: state.paths,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const servers: Server[] = [];
const clients: MosaicClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await resetSharedStateForTests();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

function client(url: string, settings: MosaicSettingsInput = {}, clock?: FakeClock): MosaicClient {
  const c = new MosaicClient(
    {
      apiUrl: url,
      clientId: "mgmt",
      clientSecret: SECRET,
      maxRetries: 0,
      requestTimeoutMs: 2_000,
      maxRequestsPerSecond: 1500,
      ...settings,
    },
    { env: {}, retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 }, clock },
  );
  clients.push(c);
  return c;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

describe("transport", () => {
  it("reuses keep-alive connections, drains every body (errors included), and posts the token to {host}/oidc/token", async () => {
    const big = "x".repeat(200_000);
    const f = await fake((req, res) => {
      if (req.url?.endsWith("/missing")) return json(res, 404, { message: big, error_code: 404 });
      json(res, 200, { result: [{ app_id: "a", app_name: "n" }] });
    });
    const m = client(f.url);
    for (let i = 0; i < 10; i++) {
      await m.applications.getAllBasic();
      await expect(m.applications.get({ app_id: "missing" })).rejects.toMatchObject({ code: "MOSAIC_NOT_FOUND" });
    }
    // 21 requests over at most 2 sockets: a socket returns to the pool a tick after its body ends, so the request
    // right after the token fetch may open a second one; after that both are reused.
    expect(f.paths).toHaveLength(21);
    expect(f.connections).toBeLessThanOrEqual(2);
    expect(f.paths[0]).toBe("POST /oidc/token");
    expect(f.paths.some((p) => p.includes("/cis/oidc"))).toBe(false);
    expect(f.paths[1]).toBe("GET /cis/v1/applications/list");
  });

  it("enforces the overall per-attempt deadline even when bytes keep trickling in", async () => {
    const f = await fake((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
      setTimeout(() => (clearInterval(timer), res.end("]")), 3_000);
    });
    const m = client(f.url, { requestTimeoutMs: 400 });
    // Without the deadline the body would complete at 3 s and the call succeed; how close to 400 ms it fires is
    // a wall-clock matter, left to the benchmarks.
    const err = await m.applications.getAllBasic().catch((e) => e);
    expect(err).toMatchObject({ code: "MOSAIC_TIMEOUT", causeCode: "DEADLINE" });
  });

  it("retries a refused POST directly (never sent), without reconciliation", async () => {
    const token = await fake(() => undefined);
    const dead = await fake(() => undefined);
    await dead.close();
    const m = client(dead.url, { tokenUrl: `${token.origin}/oidc/token`, maxRetries: 2 });
    const err = await m.applications.create({ app_name: "x", client_display_name: "d" }).catch((e) => e);
    expect(err).toMatchObject({ code: "MOSAIC_NETWORK", causeCode: "ECONNREFUSED", attempts: 3, mayHaveBeenApplied: false });
    expect(m.stats.reconciliations).toBe(0);
    expect(m.stats.retries).toBe(2);
  });

  it("never echoes a token-endpoint body, even one that repeats the form input", async () => {
    for (const status of [400, 401, 500]) {
      const f = await fake(
        () => undefined,
        (_req, res, body) => json(res, status, { error: "invalid_client", error_description: `bad: ${body}`, echo: body }),
      );
      const m = client(f.url);
      const err = (await m.applications.getAll().catch((e) => e)) as MosaicApiError;
      expect(MosaicApiError.isInstance(err)).toBe(true);
      expect(err.operation).toBe("token");
      for (const view of [err.message, err.stack ?? "", inspect(err, { depth: 10, showHidden: true }), JSON.stringify(err)]) {
        expect(view).not.toContain(SECRET);
        expect(view).not.toContain("client_secret");
        expect(view).not.toContain("grant_type");
      }
      await m.close();
    }
  });

  it("sends the bearer token and JSON, and never puts it in errors", async () => {
    let auth: string | undefined;
    const f = await fake((req, res) => {
      auth = req.headers.authorization;
      json(res, 400, { message: [`bad header ${req.headers.authorization}`], error_code: 400 });
    });
    const err = (await client(f.url)
      .applications.update({ app_id: "a" }, { app_name: "n" })
      .catch((e) => e)) as MosaicApiError;
    expect(auth).toBe(`Bearer ${TOKEN}`);
    expect(err.code).toBe("MOSAIC_VALIDATION");
    expect(`${err.message}${inspect(err)}${JSON.stringify(err)}`).not.toContain(TOKEN);
  });

  it("rejects unusable 2xx bodies with MOSAIC_INVALID_RESPONSE", async () => {
    const f = await fake((req, res) => {
      if (req.method === "POST") return json(res, 201, { result: { app_name: "x", client_secret: SECRET } });
      res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>");
    });
    const m = client(f.url);
    await expect(m.applications.getAll()).rejects.toMatchObject({ code: "MOSAIC_INVALID_RESPONSE" });
    const err = await m.applications.create({ app_name: "x", client_display_name: "d" }).catch((e) => e);
    expect(err.code).toBe("MOSAIC_INVALID_RESPONSE");
    expect(err.message).toMatch(/no app_id/);
    expect(err.message).not.toContain(SECRET);
  });

  it("close() releases the pool; later calls fail with MOSAIC_CONFIG", async () => {
    const f = await fake((_req, res) => json(res, 200, { result: [] }));
    const m = client(f.url);
    await m.applications.getAllBasic();
    await m.close();
    await expect(m.applications.getAllBasic()).rejects.toMatchObject({ code: "MOSAIC_CONFIG" });
  });
});

describe("transport security and hostile answers", () => {
  const tokenAnswer =
    (fields: Record<string, unknown>): Handler =>
    (_req, res) =>
      json(res, 200, { token_type: "Bearer", ...fields });
  const tokenFetches = (f: Fake) => f.paths.filter((p) => p === "POST /oidc/token").length;

  it(`expires_in 0 or negative: one token fetch, cached ${MIN_TOKEN_LIFETIME_SECONDS} s; missing or not a number: 3600 s`, async () => {
    for (const expires of [{ expires_in: 0 }, { expires_in: -30 }, { expires_in: "0" }, {}, { expires_in: "soon" }]) {
      await resetSharedStateForTests();
      const clock = new FakeClock();
      const f = await fake((_req, res) => json(res, 200, { result: [] }), tokenAnswer({ access_token: TOKEN, ...expires }));
      const m = client(f.url, {}, clock);
      for (let i = 0; i < 10; i++) await m.applications.getAllBasic();
      expect(tokenFetches(f), JSON.stringify(expires)).toBe(1);
      // Past its lifetime the token is fetched again: the floor is a floor, not "forever".
      const lifetime = "expires_in" in expires && expires.expires_in !== "soon" ? MIN_TOKEN_LIFETIME_SECONDS : 3600;
      clock.tick(lifetime * 1000 - 1);
      await m.applications.getAllBasic();
      expect(tokenFetches(f), JSON.stringify(expires)).toBe(2);
      await m.close();
    }
  });

  it("a Retry-After longer than the provider waits fails at once with MOSAIC_RATE_LIMITED naming the wait", async () => {
    const clock = new FakeClock();
    const f = await fake((_req, res) => res.writeHead(429, { "retry-after": "3600" }).end());
    const m = client(f.url, { maxRetries: 4 }, clock);
    const err = (await m.applications.getAllBasic().catch((e) => e)) as MosaicApiError;
    expect(err).toMatchObject({ code: "MOSAIC_RATE_LIMITED", attempts: 1 });
    expect(err.message).toContain("asked to wait 3600 s before retrying (Retry-After), longer than the 60 s the provider waits at most");
    expect(clock.waits).toEqual([]);
    expect(f.paths.filter((p) => p.startsWith("GET"))).toHaveLength(1);
    // A wait within the limit is still honoured.
    const short = await fake((_req, res) => res.writeHead(429, { "retry-after": "2" }).end());
    const err2 = await client(short.url, { maxRetries: 1 }, clock)
      .applications.getAllBasic()
      .catch((e) => e);
    expect(err2).toMatchObject({ code: "MOSAIC_RATE_LIMITED", attempts: 2 });
    expect(clock.waits[0]).toBeGreaterThanOrEqual(2000);
  });

  it("the token endpoint's too-long Retry-After fails at once too", async () => {
    const clock = new FakeClock();
    const f = await fake(
      () => undefined,
      (_req, res) => res.writeHead(429, { "retry-after": "7200" }).end(),
    );
    const err = (await client(f.url, { maxRetries: 4 }, clock)
      .applications.getAllBasic()
      .catch((e) => e)) as MosaicApiError;
    expect(err).toMatchObject({ code: "MOSAIC_RATE_LIMITED", operation: "token" });
    expect(err.message).toContain("asked to wait 7200 s");
    expect(tokenFetches(f)).toBe(1);
  });

  it(`a response larger than ${MAX_RESPONSE_BYTES / 2 ** 20} MiB is refused and not retried`, async () => {
    const chunk = Buffer.alloc(1024 * 1024, " ");
    const f = await fake((_req, res) => {
      // Chunked, so only the bytes received can tell: 1 MiB at a time past the cap, until the client hangs up.
      res.writeHead(200, { "content-type": "application/json" });
      let sent = 0;
      const more = (): void => {
        while (sent <= MAX_RESPONSE_BYTES && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        if (!res.destroyed) res.end();
      };
      more();
    });
    const err = (await client(f.url, { maxRetries: 3 })
      .applications.getAllBasic()
      .catch((e) => e)) as MosaicApiError;
    expect(err).toMatchObject({ code: "MOSAIC_INVALID_RESPONSE", attempts: 1 });
    expect(err.message).toContain("larger than 64 MiB");
    expect(f.paths.filter((p) => p.startsWith("GET"))).toHaveLength(1);
  });

  it("an access token that cannot be a header value names the token endpoint's answer, not the network, and sends nothing", async () => {
    for (const bad of ["two words", "line\nbreak", "t\u00f6k\u00e9n"]) {
      const f = await fake((_req, res) => json(res, 200, { result: [] }), tokenAnswer({ access_token: bad, expires_in: 3600 }));
      const err = (await client(f.url)
        .applications.getAllBasic()
        .catch((e) => e)) as MosaicApiError;
      expect(err).toMatchObject({ code: "MOSAIC_INVALID_RESPONSE", operation: "token" });
      expect(err.message).toContain("access_token that cannot be sent in an Authorization header");
      expect(err.message).not.toContain(bad);
      expect(f.paths.filter((p) => p.startsWith("GET"))).toHaveLength(0);
    }
  });
});

describe("User-Agent", () => {
  it("names the package by default; the provider's client adds the installed version", async () => {
    const agents: string[] = [];
    const f = await fake((req, res) => {
      agents.push(String(req.headers["user-agent"]));
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    await client(f.url).applications.getAllBasic();
    const { configure, mosaicClient } = await import("../../provider/context");
    const { version } = await import("../../provider/version");
    const stack: Record<string, string> = { "mosaic:apiUrl": f.url, "mosaic:clientId": "mgmt", "mosaic:clientSecret": SECRET };
    configure({ get: (key) => stack[key] });
    await mosaicClient().applications.getAllBasic();
    expect(agents).toEqual([
      "pulumi-mosaic (+https://github.com/pulumi-mosaic)",
      `pulumi-mosaic/${version} (+https://github.com/pulumi-mosaic)`,
    ]);
  });
});

describe("packaging", () => {
  it("compiles to CommonJS that loads with plain require(), without @pulumi/pulumi and without network", () => {
    const out = mkdtempSync(join(tmpdir(), "mosaic-api-"));
    try {
      const root = join(__dirname, "..", "..");
      execFileSync(
        process.execPath,
        [
          join(root, "node_modules", "typescript", "bin", "tsc"),
          join(root, "provider", "api", "index.ts"),
          ...["--outDir", out, "--rootDir", root, "--module", "commonjs", "--moduleResolution", "node10", "--target", "ES2023"],
          ...["--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node"],
        ],
        { stdio: "pipe", timeout: 120_000 },
      );
      const script = `
        const api = require(${JSON.stringify(join(out, "provider", "api", "index.js"))});
        const c = new api.MosaicClient({ apiUrl: "http://127.0.0.1:9/cis", clientId: "a", clientSecret: "b" }, { env: {} });
        const loaded = Object.keys(require.cache);
        console.log(JSON.stringify({
          pulumi: loaded.some((k) => k.includes("@pulumi")),
          exports: Object.keys(api).sort(),
          applications: typeof c.applications.create,
          handles: process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "PipeWrap"),
        }));
      `;
      const result = JSON.parse(
        execFileSync(process.execPath, ["-e", script], {
          env: { ...process.env, NODE_PATH: join(root, "node_modules") },
          timeout: 30_000,
        }).toString(),
      );
      expect(result).toMatchObject({ pulumi: false, applications: "function", handles: [] });
      // The public entry is what users need; the pipeline's parts stay internal.
      expect(result.exports).toEqual(
        expect.arrayContaining(["MosaicClient", "MosaicApiError", "MosaicErrorCodes", "resolveSettings", "REGION_HOSTS", "systemClock"]),
      );
      for (const internal of ["Transport", "sendApiRequest", "reconcileCreate", "RateLimiter", "resetSharedStateForTests"]) {
        expect(result.exports).not.toContain(internal);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
