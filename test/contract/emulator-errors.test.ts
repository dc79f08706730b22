// Every documented error of the emulator (400, 401, 404, 409 elsewhere, 413, 415, bad JSON, unknown property,
// bad enum, wrong types, missing auth, expired token) and the token endpoint's own errors; bad input never
// produces a 500 or a crash. Responses are validated against the vendor's document as in emulator-api.test.ts.
import { connect } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { StartedEmulator } from "../../emulator";
import { ContractClient } from "./support/contract-client";
import { loadOpenApiContract } from "./support/openapi-contract";
import { VENDOR_OPENAPI_PATH } from "./support/openapi-document";

const contract = loadOpenApiContract(VENDOR_OPENAPI_PATH);

type Json = Record<string, any>;

let emulator: StartedEmulator;
let api: ContractClient;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 2, maxBodyBytes: 64 * 1024 });
  api = new ContractClient(emulator, contract);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.admin.reset();
  emulator.admin.setTokenTtl(3600);
  api.forgetToken();
});
afterEach(() => {
  expect(api.violations).toEqual([]);
  api.violations.length = 0;
});

async function createApp(): Promise<Json> {
  const body = { app_name: `app-${Math.random().toString(36).slice(2, 8)}`, client_display_name: "web" };
  return (await api.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", { body })).result;
}

async function badRequest(method: string, route: string, body: unknown): Promise<string[]> {
  const reply = await api.call<Json>(method, route, { body });
  expect(reply.status, reply.text).toBe(400);
  expect(reply.body.error_code).toBe(400);
  return reply.body.message;
}

const token = (): Promise<Response> =>
  fetch(emulator.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
    }).toString(),
  });

describe("token endpoint (/oidc/token at the host root)", () => {
  it("issues a JWT-shaped bearer token for the client-credentials grant", async () => {
    expect(new URL(emulator.tokenUrl).pathname).toBe("/oidc/token");
    const response = await token();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(typeof body.scope).toBe("string");
    const claims = JSON.parse(Buffer.from(body.access_token.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ sub: emulator.clientId, aud: "userid-api" });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it("accepts HTTP Basic client authentication", async () => {
    const basic = Buffer.from(`${encodeURIComponent(emulator.clientId)}:${encodeURIComponent(emulator.clientSecret)}`).toString("base64");
    const response = await fetch(emulator.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(200);
  });

  it("answers OAuth errors: bad secret 401, missing or unsupported grant 400, JSON body 400", async () => {
    const post = (body: string, contentType = "application/x-www-form-urlencoded") =>
      fetch(emulator.tokenUrl, { method: "POST", headers: { "content-type": contentType }, body });
    const wrong = await post(`grant_type=client_credentials&client_id=${emulator.clientId}&client_secret=nope`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    const missing = await post(`client_id=${emulator.clientId}&client_secret=x`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const password = await post("grant_type=password&username=a&password=b");
    expect(await password.json()).toMatchObject({ error: "unsupported_grant_type" });
    const json = await post(JSON.stringify({ grant_type: "client_credentials" }), "application/json");
    expect(json.status).toBe(400);
    expect((await fetch(emulator.tokenUrl)).status).toBe(404);
    expect((await fetch(`${emulator.url}/oidc/token`, { method: "POST" })).status).toBe(404);
  });
});

describe("401 Invalid token", () => {
  const invalid = { message: "Invalid token", error_code: 401 };

  it("without a token, with another scheme, or with an unknown token", async () => {
    for (const headers of [
      {},
      { authorization: "Basic abc" },
      { authorization: "Bearer not-a-token" },
      { authorization: "Bearer" },
    ] as Record<string, string>[]) {
      const reply = await api.call("GET", "/v1/applications", { token: null, headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual(invalid);
    }
  });

  it("once the token has expired (admin.setTokenTtl)", async () => {
    emulator.admin.setTokenTtl(0.5);
    const short = ((await (await token()).json()) as Json).access_token as string;
    expect((await api.call("GET", "/v1/applications", { token: short })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const reply = await api.call("GET", "/v1/applications", { token: short });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(invalid);
  });

  it("after admin.reset() forgets issued tokens; auth is checked before the body", async () => {
    const before = await api.token();
    emulator.admin.reset();
    expect((await api.call("GET", "/v1/applications", { token: before })).status).toBe(401);
    const reply = await api.call("POST", "/v1/applications", {
      token: null,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(reply.status).toBe(401);
  });

  it("options.tokenTtlSeconds sets the lifetime of issued tokens", async () => {
    const short = await startEmulator({ tokenTtlSeconds: 0.2 });
    try {
      const client = new ContractClient(short, contract);
      const value = await client.token();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await client.call("GET", "/v1/applications", { token: value })).status).toBe(401);
      expect(client.violations).toEqual([]);
    } finally {
      await short.close();
    }
  });
});

describe("400 validation (NestJS-style message arrays)", () => {
  it("names each bad field: unknown property, bad enum, wrong types, missing required, nested problems", async () => {
    const messages = await badRequest("POST", "/v1/applications", {
      app_name: 7,
      surprise: true,
      client_type: "desktop",
      allow_public_signup: "yes",
      invite_member_email_expiration_minutes: "10",
      service_providers: ["a", 1],
      device_authorization: { enabled: true, approval_uri: "x", success_uri: "y", extra: 1 },
    });
    expect(messages).toEqual(
      expect.arrayContaining([
        "property surprise should not exist",
        "app_name must be a string",
        "client_display_name should not be empty",
        "client_type must be one of the following values: web, native",
        "allow_public_signup must be a boolean value",
        "invite_member_email_expiration_minutes must be a number conforming to the specified constraints",
        "each value in service_providers must be a string",
        "property device_authorization.extra should not exist",
        "device_authorization.input_uri should not be empty",
      ]),
    );
  });

  it("rejects null (no field is nullable), empty required strings and enum items", async () => {
    const app = await createApp();
    const client = (await api.call<Json>("POST", `/v1/applications/${app.app_id}/clients`, { body: { name: "c", redirect_uris: [] } }))
      .body;
    const url = `/v1/applications/${app.app_id}/clients/${client.client_id}`;
    expect(await badRequest("PUT", url, { description: null })).toEqual(["description must be a string"]);
    expect(await badRequest("PUT", url, { default_custom_claims: ["email", "shoe_size"] })).toEqual([
      expect.stringMatching(/^each value in default_custom_claims must be one of the following values: tid, /),
    ]);
    expect(await badRequest("PUT", url, { short_cookies_samesite_type: "strict" })).toEqual([
      "short_cookies_samesite_type must be one of the following values: lax, none",
    ]);
    expect(await badRequest("POST", "/v1/applications", { app_name: "", client_display_name: "x" })).toEqual([
      "app_name should not be empty",
    ]);
  });

  it("a client body that matches neither the OIDC nor the SAML variant lists the problems of the one it claims", async () => {
    const app = await createApp();
    const url = `/v1/applications/${app.app_id}/clients`;
    expect(await badRequest("POST", url, { name: "x" })).toEqual(["redirect_uris should not be empty", "redirect_uris must be an array"]);
    expect(await badRequest("POST", url, { name: "x", authentication_protocol: "saml" })).toEqual([
      "sp_entity_id should not be empty",
      "sp_entity_id must be a string",
    ]);
    expect(await badRequest("POST", url, { name: "x", sp_entity_id: "urn:sp" })).toEqual(
      expect.arrayContaining(["property sp_entity_id should not exist", "redirect_uris should not be empty"]),
    );
    expect(await badRequest("POST", url, { name: "x", redirect_uris: [], authentication_protocol: "ws-fed" })).toEqual([
      "authentication_protocol must be one of the following values: oidc, saml",
    ]);
  });

  it("update bodies follow the stored client's protocol; SAML fields on an OIDC client are unknown", async () => {
    const app = await createApp();
    expect(await badRequest("PUT", `/v1/applications/${app.app_id}/clients/${app.client_id}`, { sp_entity_id: "urn:x" })).toEqual([
      "property sp_entity_id should not exist",
    ]);
  });

  it("enforces the rules the schemas state only in prose", async () => {
    const app = await createApp();
    expect(
      await badRequest("POST", `/v1/applications/${app.app_id}/clients`, {
        name: "x",
        redirect_uris: [],
        default_user_info_claims: ["email"],
        sync_id_token_claims_to_userinfo: true,
      }),
    ).toEqual(["default_user_info_claims cannot be sent together with sync_id_token_claims_to_userinfo=true"]);
    expect(
      await badRequest("POST", "/v1/applications", {
        app_name: "x",
        client_display_name: "x",
        first_client_authentication_protocol: "saml",
        first_client: { name: "c", redirect_uris: [] },
      }),
    ).toEqual(
      expect.arrayContaining(["first_client.sp_entity_id should not be empty", "property first_client.redirect_uris should not exist"]),
    );
    expect(await badRequest("PUT", `/v1/applications/${app.app_id}/resources`, { resource_ids: "r1" })).toEqual([
      "resource_ids must be an array",
    ]);
  });

  it("malformed JSON and non-object bodies are 400", async () => {
    const raw = (body: string) =>
      api.call<Json>("POST", "/v1/applications", { rawBody: body, headers: { "content-type": "application/json" } });
    const malformed = await raw('{"app_name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message[0]).toMatch(/^request body is not valid JSON/);
    for (const body of ["[]", "42", '"text"', "null"]) {
      const reply = await raw(body);
      expect(reply.status).toBe(400);
      expect(reply.body.message).toEqual(["request body must be a JSON object"]);
    }
  });
});

describe("404, 413, 415", () => {
  it("404 for unknown apps, clients and routes", async () => {
    const missing = await api.call<Json>("GET", "/v1/applications/nope");
    expect(missing.body).toEqual({ message: "Application nope not found", error_code: 404 });
    const app = await createApp();
    expect((await api.call("GET", `/v1/applications/${app.app_id}/clients/nope`)).status).toBe(404);
    expect((await api.call("PUT", `/v1/applications/${app.app_id}/clients/nope`, { body: {} })).status).toBe(404);
    expect((await api.call("DELETE", `/v1/applications/${app.app_id}/clients/nope`)).status).toBe(404);
    expect((await api.call("PUT", "/v1/applications/nope", { body: {} })).status).toBe(404);
    expect((await api.call("DELETE", "/v1/applications/nope/clients")).status).toBe(404);
    const unknown = await api.call<Json>("PATCH", "/v1/applications");
    expect(unknown.body).toEqual({ message: "Cannot PATCH /cis/v1/applications", error_code: 404 });
    expect((await fetch(emulator.url.replace("/cis", "/v1/applications"))).status).toBe(404);
  });

  it("ignores a trailing slash and the query string", async () => {
    await createApp();
    expect((await api.call("GET", "/v1/applications/?page=2")).status).toBe(200);
  });

  it("413 with a JSON body past the size limit, and the connection stays usable", async () => {
    const big = JSON.stringify({ app_name: "x", client_display_name: "y", app_description: "z".repeat(100 * 1024) });
    const reply = await api.call<Json>("POST", "/v1/applications", { rawBody: big, headers: { "content-type": "application/json" } });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ message: "Request body is larger than 65536 bytes", error_code: 413 });
    expect((await api.call("GET", "/v1/applications")).status).toBe(200);
  });

  it("413 with the default 1 MiB limit", async () => {
    const defaults = await startEmulator();
    try {
      const client = new ContractClient(defaults, contract);
      const body = JSON.stringify({ app_name: "x", client_display_name: "y", app_description: "z".repeat(1024 * 1024) });
      const reply = await client.call("POST", "/v1/applications", { rawBody: body, headers: { "content-type": "application/json" } });
      expect(reply.status).toBe(413);
      expect(client.violations).toEqual([]);
    } finally {
      await defaults.close();
    }
  });

  it("415 for a body that is not JSON", async () => {
    const reply = await api.call<Json>("POST", "/v1/applications", { rawBody: "app_name=x", headers: { "content-type": "text/plain" } });
    expect(reply.status).toBe(415);
    expect(reply.body.error_code).toBe(415);
    const form = await api.call("PUT", "/v1/applications/x", {
      rawBody: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
  });
});

describe("robustness", () => {
  it("never answers 500 to bad input and keeps serving (bounded random bodies on every write route)", async () => {
    const app = await createApp();
    const routes: [string, string][] = [
      ["POST", "/v1/applications"],
      ["PUT", `/v1/applications/${app.app_id}`],
      ["PUT", `/v1/applications/${app.app_id}/resources`],
      ["POST", `/v1/applications/${app.app_id}/clients`],
      ["PUT", `/v1/applications/${app.app_id}/clients/${app.client_id}`],
      ["PUT", `/v1/applications/${app.app_id}/clients/${app.client_id}/resources`],
    ];
    const samples: unknown[] = [
      {},
      [],
      null,
      0,
      "",
      { constructor: {} },
      { app_name: {} },
      { name: [] },
      { first_client: "x" },
      { first_client: { name: 1 } },
      { device_authorization: [] },
      { token_expiration: { access_token_ttl: "1" } },
      { resource_ids: [null] },
      { authentication_protocol: "saml" },
      { custom_domain: 5 },
      { redirect_uris: [{}] },
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 40; i++) {
      const keys = ["app_name", "name", "client_display_name", "redirect_uris", "device_authorization", "resource_ids", "x"];
      const values = [1, "s", true, null, [], {}, ["a"], { enabled: 1 }];
      const body: Json = {};
      for (let k = 0; k < 1 + (next() % 4); k++) body[keys[next() % keys.length]!] = values[next() % values.length];
      samples.push(body);
    }
    const bodies = [...samples.map((sample) => JSON.stringify(sample)), '{"__proto__": {"polluted": true}}', '{"a":1}{', "\u0000"];
    for (const [method, route] of routes) {
      for (const body of bodies) {
        const reply = await api.call(method, route, { rawBody: body, headers: { "content-type": "application/json" } });
        expect(reply.status, `${method} ${route} ${body}`).toBeLessThan(500);
      }
    }
    expect(({} as Json).polluted).toBeUndefined();
    // A request Node's parser rejects gets 400 from the socket layer, not a crash.
    const answer = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(emulator.url);
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("NOT A REQUEST\r\n\r\n"));
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
      setTimeout(() => reject(new Error("no answer")), 5000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await api.call("GET", "/v1/applications")).status).toBe(200);
  });
});
