// The test hooks: the programmatic admin object and the same operations over HTTP under /__admin, the state
// file, and the request log (which must never leak a credential or token).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator } from "../../emulator";
import { MAX_LOGGED_BODIES, RequestLog } from "../../emulator/request-log";
import type { StartedEmulator } from "../../emulator";
import { isLoopbackName } from "../../emulator/admin-guard";
import { ContractClient } from "./support/contract-client";
import { loadOpenApiContract } from "./support/openapi-contract";
import { VENDOR_OPENAPI_PATH } from "./support/openapi-document";

const contract = loadOpenApiContract(VENDOR_OPENAPI_PATH);

type Json = Record<string, any>;

let emulator: StartedEmulator;
let api: ContractClient;
let workDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 4 });
  api = new ContractClient(emulator, contract);
  workDir = mkdtempSync(path.join(tmpdir(), "mosaic-emulator-admin-"));
});
afterAll(async () => {
  await emulator.close();
  rmSync(workDir, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.admin.reset();
  api.forgetToken();
});
afterEach(() => {
  expect(api.violations).toEqual([]);
  api.violations.length = 0;
});

async function createApp(name = `app-${Math.random().toString(36).slice(2, 8)}`): Promise<Json> {
  return (
    await api.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", { body: { app_name: name, client_display_name: "web" } })
  ).result;
}

const admin = (method: string, route: string, body?: unknown) =>
  fetch(`${emulator.adminUrl}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("programmatic admin", () => {
  it("mutateApplication edits out of band; mirrors go to the default client; null removes a field", async () => {
    const app = await createApp();
    emulator.admin.mutateApplication(app.app_id, {
      app_description: "changed in the portal",
      client_display_name: "portal rename",
      custom_domain: "drift.example.com",
      login_uri: "https://x/login",
      brand_new_server_field: { shiny: true },
    });
    const read = (await api.expectStatus<{ result: Json }>(200, "GET", `/v1/applications/${app.app_id}`)).result;
    expect(read).toMatchObject({
      app_description: "changed in the portal",
      client_display_name: "portal rename",
      custom_domain: { domain: "drift.example.com", status: "pending" },
      brand_new_server_field: { shiny: true },
    });
    expect(read.updated_at > app.updated_at).toBe(true);
    emulator.admin.mutateApplication(app.app_id, { login_uri: null });
    expect((await api.expectStatus<{ result: Json }>(200, "GET", `/v1/applications/${app.app_id}`)).result).not.toHaveProperty("login_uri");
    const client = await api.expectStatus<Json>(200, "GET", `/v1/applications/${app.app_id}/clients/${app.client_id}`);
    expect(client.name).toBe("portal rename");
  });

  it("mutateClient, deleteClient and deleteApplication act out of band; ids and prototypes are protected", async () => {
    const app = await createApp();
    const extra = await api.expectStatus<Json>(201, "POST", `/v1/applications/${app.app_id}/clients`, {
      body: { name: "x", redirect_uris: [] },
    });
    emulator.admin.mutateClient(app.app_id, extra.client_id, { redirect_uris: ["https://drift/cb"] });
    expect((await api.expectStatus<Json>(200, "GET", `/v1/applications/${app.app_id}/clients/${extra.client_id}`)).redirect_uris).toEqual([
      "https://drift/cb",
    ]);
    expect(() => emulator.admin.mutateClient(app.app_id, extra.client_id, { client_id: "other" })).toThrow(/client_id/);
    expect(() => emulator.admin.mutateApplication(app.app_id, JSON.parse('{"__proto__": {"x": 1}}'))).toThrow(/__proto__/);
    expect(() => emulator.admin.deleteClient(app.app_id, app.client_id)).toThrow(/at least one client/);
    expect(() => emulator.admin.mutateApplication("nope", {})).toThrow(/not found/);
    emulator.admin.deleteClient(app.app_id, extra.client_id);
    await api.expectStatus(404, "GET", `/v1/applications/${app.app_id}/clients/${extra.client_id}`);
    emulator.admin.deleteApplication(app.app_id);
    await api.expectStatus(404, "GET", `/v1/applications/${app.app_id}`);
    expect(emulator.admin.dump()).toEqual({ applications: [], clients: [], signingKeys: [] });
  });

  it("dump is a deep copy in the API's shape", async () => {
    const app = await createApp();
    const dump = emulator.admin.dump();
    expect(dump.applications).toEqual([app]);
    expect(dump.clients.map((c) => c.client_id)).toEqual([app.client_id]);
    (dump.applications[0] as Json).app_name = "mutated copy";
    expect(emulator.admin.dump().applications[0]?.app_name).toBe(app.app_name);
  });

  it("counts requests by route template and clears the log; reset forgets state, tokens and log", async () => {
    const app = await createApp();
    await api.expectStatus(200, "GET", `/v1/applications/${app.app_id}`);
    await api.expectStatus(200, "GET", `/v1/applications/${app.app_id}`);
    expect(emulator.admin.requestCounts()).toEqual({
      "POST /oidc/token": 1,
      "POST /v1/applications": 1,
      "GET /v1/applications/:appId": 2,
    });
    expect(emulator.admin.requestLog()[2]).toMatchObject({
      method: "GET",
      route: "/v1/applications/:appId",
      path: `/v1/applications/${app.app_id}`,
      status: 200,
    });
    expect(emulator.admin.issuedTokens()).toHaveLength(1);
    emulator.admin.clearLog();
    expect(emulator.admin.requestLog()).toEqual([]);
    emulator.admin.reset();
    expect(emulator.admin.issuedTokens()).toEqual([]);
    expect(emulator.admin.dump().applications).toEqual([]);
  });
});

describe("admin over HTTP (/__admin)", () => {
  it("state, PATCH/DELETE of apps and clients, reset", async () => {
    const app = await createApp();
    const patched = await admin("PATCH", `/applications/${app.app_id}`, { app_description: "over http" });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as Json).app_description).toBe("over http");
    const client = await admin("PATCH", `/applications/${app.app_id}/clients/${app.client_id}`, { description: "d" });
    expect(((await client.json()) as Json).description).toBe("d");
    const state = (await (await admin("GET", "/state")).json()) as Json;
    expect(state.applications[0].app_description).toBe("over http");
    expect((await admin("DELETE", `/applications/${app.app_id}/clients/${app.client_id}`)).status).toBe(400);
    expect((await admin("PATCH", "/applications/nope", {})).status).toBe(404);
    expect((await admin("PATCH", `/applications/${app.app_id}`, ["not", "an", "object"])).status).toBe(400);
    expect((await admin("DELETE", `/applications/${app.app_id}`)).status).toBe(204);
    await createApp();
    expect((await admin("POST", "/reset")).status).toBe(204);
    expect(emulator.admin.dump().applications).toEqual([]);
    expect((await admin("GET", "/nothing-here")).status).toBe(404);
  });

  it("faults, rate limit, latency and token TTL; requests, counts and clearing the log; write-only fields", async () => {
    const faults = await admin("PUT", "/faults", {
      rules: [{ kind: "status", status: 503, route: "/v1/applications/list" }],
      faultRate: 0,
    });
    expect(((await faults.json()) as Json).rules[0]).toMatchObject({ kind: "status", status: 503, remaining: null });
    expect((await api.call("GET", "/v1/applications/list")).status).toBe(503);
    expect((await admin("PUT", "/faults", [])).status).toBe(200);
    expect((await admin("PUT", "/rate-limit", { requestsPerSecond: 50 })).status).toBe(200);
    expect((await admin("PUT", "/latency", { ms: 1, jitterMs: 1 })).status).toBe(200);
    expect((await (await admin("GET", "/faults")).json()) as Json).toMatchObject({ rateLimit: 50, latency: { ms: 1, jitterMs: 1 } });
    expect((await admin("PUT", "/rate-limit", { requestsPerSecond: "fast" })).status).toBe(400);
    expect((await admin("PUT", "/token-ttl", { seconds: 60 })).status).toBe(204);
    expect(
      (
        (await (
          await fetch(emulator.tokenUrl, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({
              grant_type: "client_credentials",
              client_id: emulator.clientId,
              client_secret: emulator.clientSecret,
            }),
          })
        ).json()) as Json
      ).expires_in,
    ).toBe(60);
    await admin("PUT", "/rate-limit", { requestsPerSecond: 0 });
    await admin("PUT", "/latency", { ms: 0 });
    const app = await createApp();
    await api.expectStatus(200, "PUT", `/v1/applications/${app.app_id}`, { body: { should_delete_signing_key: true } });
    expect(await (await admin("GET", `/applications/${app.app_id}/write-only`)).json()).toEqual({ should_delete_signing_key: true });
    const requests = (await (await admin("GET", "/requests")).json()) as Json[];
    expect(requests.some((r) => r.route.startsWith("/__admin"))).toBe(false);
    expect(((await (await admin("GET", "/request-counts")).json()) as Json)["PUT /v1/applications/:appId"]).toBe(1);
    expect(((await (await admin("GET", "/tokens")).json()) as Json).tokens.length).toBeGreaterThan(0);
    expect((await admin("DELETE", "/requests")).status).toBe(204);
    expect(await (await admin("GET", "/requests")).json()).toEqual([]);
  });
});

describe("state file", () => {
  it("keeps apps, clients and credentials across a restart", async () => {
    const file = path.join(workDir, "state.json");
    const first = await startEmulator({ stateFile: file, seed: 11 });
    const client = new ContractClient(first, contract);
    const app = (
      await client.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", { body: { app_name: "kept", client_display_name: "w" } })
    ).result;
    const extra = await client.expectStatus<Json>(201, "POST", `/v1/applications/${app.app_id}/clients`, {
      body: { name: "c", redirect_uris: [], role_ids: ["r"] },
    });
    await first.close();
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.store.apps).toHaveLength(1);

    const second = await startEmulator({ stateFile: file, seed: 11 });
    try {
      expect([second.clientId, second.clientSecret]).toEqual([first.clientId, first.clientSecret]);
      const again = new ContractClient(second, contract);
      expect((await again.expectStatus<{ result: Json }>(200, "GET", `/v1/applications/${app.app_id}`)).result).toEqual(app);
      expect(await again.expectStatus(200, "GET", `/v1/applications/${app.app_id}/clients/${extra.client_id}`)).toEqual(extra);
      expect(second.admin.writeOnlyFields(app.app_id, extra.client_id)).toEqual({ role_ids: ["r"] });
      // The same seed after a restart must not hand out an id that is already taken.
      const next = (
        await again.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", { body: { app_name: "new", client_display_name: "w" } })
      ).result;
      expect(next.app_id).not.toBe(app.app_id);
      expect(client.violations.concat(again.violations)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a file that is not a state file, naming it", async () => {
    const file = path.join(workDir, "garbage.json");
    writeFileSync(file, "{ not json");
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(file);
    writeFileSync(file, JSON.stringify({ version: 7 }));
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(/not an emulator state file/);
  });
});

describe("request logging on stderr", () => {
  it("logs method, path and status, never credentials, tokens or bodies", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const logged = await startEmulator({ logRequests: true, seed: 12 });
    try {
      const client = new ContractClient(logged, contract);
      const token = await client.token();
      await client.expectStatus(201, "POST", "/v1/applications", { body: { app_name: "logged", client_display_name: "w" } });
      await client.call("GET", "/v1/applications?client_secret=should-not-matter");
      const output = lines.join("");
      expect(output).toContain("POST /cis/v1/applications 201");
      for (const secret of [logged.clientSecret, token, ...logged.admin.issuedTokens()]) expect(output).not.toContain(secret);
      expect(output).not.toContain("should-not-matter");
    } finally {
      spy.mockRestore();
      await logged.close();
    }
  });
});

/** An admin request with a chosen Host header (fetch cannot set Host): what a DNS-rebinding page's browser sends. */
function adminWithHost(emu: StartedEmulator, host: string | undefined, headers: Record<string, string> = {}): Promise<number> {
  const url = new URL(`${emu.adminUrl}/state`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "GET",
        headers: host === undefined ? headers : { ...headers, host },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    if (host === undefined) req.removeHeader("host");
    req.end();
  });
}

describe("admin routes only for this machine (DNS rebinding) and, optionally, an admin token", () => {
  it("answers a loopback Host or the bound address; refuses any other Host with 403, while the API still answers", async () => {
    const port = new URL(emulator.adminUrl).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "LOCALHOST", `127.1.2.3:${port}`, `[::1]:${port}`]) {
      expect(await adminWithHost(emulator, host), host).toBe(200);
    }
    for (const host of [
      `evil.example:${port}`,
      "attacker.example",
      `127.0.0.1.nip.io:${port}`,
      `localhost.evil.example`,
      `10.0.0.1:${port}`,
    ]) {
      expect(await adminWithHost(emulator, host), host).toBe(403);
    }
    // Without a Host header Node's server answers 400 itself (HTTP/1.1 requires one).
    expect(await adminWithHost(emulator, undefined)).toBe(400);
    // The API routes are guarded by their access tokens, not by Host: a proxy may forward any name.
    const token = await fetch(emulator.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.clientId, client_secret: emulator.clientSecret }),
    });
    expect(token.status).toBe(200);
  });

  it("with an admin token, answers only Authorization: Bearer <token>", async () => {
    const guarded = await startEmulator({ adminToken: "admin-token-for-tests" });
    try {
      const host = new URL(guarded.adminUrl).host;
      expect(await adminWithHost(guarded, host)).toBe(401);
      expect(await adminWithHost(guarded, host, { authorization: "Bearer wrong" })).toBe(401);
      expect(await adminWithHost(guarded, host, { authorization: "admin-token-for-tests" })).toBe(401);
      expect(await adminWithHost(guarded, host, { authorization: "Bearer admin-token-for-tests" })).toBe(200);
      // The Host check applies with a token too.
      expect(await adminWithHost(guarded, "evil.example", { authorization: "Bearer admin-token-for-tests" })).toBe(403);
    } finally {
      await guarded.close();
    }
    await expect(startEmulator({ adminToken: "" })).rejects.toThrow(/adminToken must not be empty/);
  });

  it("knows which names are loopback", () => {
    for (const name of ["localhost", "127.0.0.1", "127.255.255.254", "[::1]", "::1"]) expect(isLoopbackName(name), name).toBe(true);
    for (const name of ["0.0.0.0", "10.0.0.1", "127.0.0.1.nip.io", "localhost.example", "127.0.0.256", "::", "app.localhost"]) {
      expect(isLoopbackName(name), name).toBe(false);
    }
  });
});

describe("request bodies in the request log", () => {
  it("keeps every body as sent, with credentials and private key members redacted, on the admin route and in process", async () => {
    const privateExponent = "private-exponent-d-value-9f3a";
    const strayPassword = "stray-password-in-a-body-51c7";
    const app = await createApp("bodies");
    const clientBody = {
      name: "jwt",
      redirect_uris: ["https://portal.example.com/callback"],
      authentication_configuration: {
        method: "private_key_jwt",
        jwks: { keys: [{ kty: "RSA", kid: "k1", n: "public-modulus", e: "AQAB", d: privateExponent }] },
      },
    };
    const client = await api.expectStatus<Json>(201, "POST", `/v1/applications/${app.app_id}/clients`, { body: clientBody });
    await api.expectStatus(200, "PUT", `/v1/applications/${app.app_id}/clients/${client.client_id}`, { body: { description: "one PUT" } });
    // A body the API refuses is logged too, and a credential in it is still redacted.
    const refused = await fetch(`${emulator.url}/v1/applications/${app.app_id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${await api.token()}`, "content-type": "application/json" },
      body: JSON.stringify({ app_name: 42, client_secret: strayPassword, password: strayPassword }),
    });
    expect(refused.status).toBe(400);
    await api.expectStatus(204, "DELETE", `/v1/applications/${app.app_id}/clients/${client.client_id}`);

    const inProcess = emulator.admin.requestLog();
    const overHttp = (await (await admin("GET", "/requests")).json()) as Json[];
    expect(overHttp).toEqual(inProcess);
    const bodyOf = (method: string, route: string) => inProcess.find((entry) => entry.method === method && entry.route === route);

    expect(bodyOf("POST", "/oidc/token")?.body).toEqual({
      grant_type: "client_credentials",
      client_id: emulator.clientId,
      client_secret: "[REDACTED]",
    });
    expect(bodyOf("POST", "/v1/applications")?.body).toEqual({ app_name: "bodies", client_display_name: "web" });
    expect(bodyOf("POST", "/v1/applications/:appId/clients")?.body).toEqual({
      ...clientBody,
      authentication_configuration: {
        method: "private_key_jwt",
        jwks: { keys: [{ kty: "RSA", kid: "k1", n: "public-modulus", e: "AQAB", d: "[REDACTED]" }] },
      },
    });
    expect(bodyOf("PUT", "/v1/applications/:appId/clients/:clientId")?.body).toEqual({ description: "one PUT" });
    expect(bodyOf("PUT", "/v1/applications/:appId")).toMatchObject({
      status: 400,
      body: { app_name: 42, client_secret: "[REDACTED]", password: "[REDACTED]" },
    });
    expect(bodyOf("DELETE", "/v1/applications/:appId/clients/:clientId")).not.toHaveProperty("body");

    const logText = JSON.stringify(overHttp);
    for (const secret of [emulator.clientSecret, privateExponent, strayPassword, ...emulator.admin.issuedTokens()]) {
      expect(logText).not.toContain(secret);
    }
    // The secrets the API answered with are not request bodies and never enter the log.
    expect(logText).not.toContain(client.client_secret);
    expect(logText).not.toContain(app.client_secret);
  });

  it("a body that is not JSON is logged by its size only", async () => {
    const secretText = "not-json client_secret=abc123-unparsed";
    const reply = await api.call("POST", "/v1/applications", { rawBody: secretText, headers: { "content-type": "application/json" } });
    expect(reply.status).toBe(400);
    const entry = emulator.admin.requestLog().find((e) => e.route === "/v1/applications");
    expect(entry?.body).toBe(`[unparsable body, ${Buffer.byteLength(secretText)} bytes]`);
  });
});

describe("the request log's memory bound", () => {
  it("keeps the bodies of the newest MAX_LOGGED_BODIES entries only, and every entry", () => {
    const log = new RequestLog(MAX_LOGGED_BODIES * 2);
    for (let i = 0; i < MAX_LOGGED_BODIES + 2; i++) log.record({ method: "PUT", route: "/r", path: "/r", status: 200, at: i, body: { i } });
    const entries = log.entries();
    expect(entries).toHaveLength(MAX_LOGGED_BODIES + 2);
    expect(entries.slice(0, 2).map((entry) => entry.body)).toEqual([undefined, undefined]);
    expect(entries[2].body).toEqual({ i: 2 });
    expect(entries.at(-1)?.body).toEqual({ i: MAX_LOGGED_BODIES + 1 });
  });
});
