// Every Applications API operation against the emulator, with the semantics emulator/README.md documents; every
// response (and every request body the emulator accepted) is validated against the vendor's OpenAPI document.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOGIN_PREFERENCES_SECRET_PREFIX, startEmulator } from "../../emulator";
import type { StartedEmulator } from "../../emulator";
import { ContractClient } from "./support/contract-client";
import { loadOpenApiContract } from "./support/openapi-contract";
import { VENDOR_OPENAPI_PATH } from "./support/openapi-document";

const contract = loadOpenApiContract(VENDOR_OPENAPI_PATH);

type Json = Record<string, any>;

let emulator: StartedEmulator;
let api: ContractClient;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1 });
  api = new ContractClient(emulator, contract);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.admin.reset();
  api.forgetToken();
});
afterEach(() => {
  expect(api.violations).toEqual([]);
  api.violations.length = 0;
});

const device = {
  enabled: true,
  approval_uri: "https://a.example/approve",
  success_uri: "https://a.example/ok",
  input_uri: "https://a.example/in",
};

async function createApp(extra: Json = {}): Promise<Json> {
  const body = { app_name: `app-${Math.random().toString(36).slice(2, 8)}`, client_display_name: "web", ...extra };
  return (await api.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", { body })).result;
}

async function createClient(appId: string, extra: Json = {}): Promise<Json> {
  const body = { name: `client-${Math.random().toString(36).slice(2, 8)}`, redirect_uris: ["https://c.example/cb"], ...extra };
  return api.expectStatus<Json>(201, "POST", `/v1/applications/${appId}/clients`, { body });
}

describe("applications", () => {
  it("create answers 201 {result} and auto-creates the default client the deprecated mirror fields reflect", async () => {
    const app = await createApp({
      app_name: "Portal",
      app_description: "B2C portal",
      client_display_name: "Portal web",
      client_description: "the web client",
      redirect_uris: ["https://portal.example/cb"],
      resources: ["res-1"],
      client_type: "native",
      device_authorization: device,
      client_auth_method: "none",
    });
    expect(app).toMatchObject({ app_name: "Portal", app_description: "B2C portal", logo: "", allow_public_signup: false });
    const clients = await api.expectStatus<Json[]>(200, "GET", `/v1/applications/${app.app_id}/clients`);
    expect(clients).toHaveLength(1);
    const [client] = clients;
    expect(client).toMatchObject({
      client_id: app.client_id,
      client_secret: app.client_secret,
      name: "Portal web",
      description: "the web client",
      redirect_uris: ["https://portal.example/cb"],
      resources: ["res-1"],
      client_type: "native",
      device_authorization: device,
      token_endpoint_auth_method: "none",
      authentication_protocol: "oidc",
    });
    expect(app).toMatchObject({
      client_display_name: "Portal web",
      client_description: "the web client",
      redirect_uris: ["https://portal.example/cb"],
      resources: ["res-1"],
      client_type: "native",
      device_authorization: device,
      ciba_authorization: { enabled: false },
      client_auth_method: "none",
    });
    expect(app.created_at).toBe(app.updated_at);
    expect(new Date(app.created_at).toISOString()).toBe(app.created_at);
  });

  it("first_client defines the default client, SAML included", async () => {
    const app = await createApp({
      first_client_authentication_protocol: "saml",
      first_client: { name: "sso", sp_entity_id: "urn:sp", authentication_protocol: "saml", supported_prompts: ["login"] },
    });
    const client = await api.expectStatus<Json>(200, "GET", `/v1/applications/${app.app_id}/clients/${app.client_id}`);
    expect(client).toMatchObject({ name: "sso", sp_entity_id: "urn:sp", authentication_protocol: "saml" });
    for (const generated of ["metadata_url", "sso_url", "entity_id", "x509_certificate"]) expect(client[generated]).toBeTruthy();
    expect(client).not.toHaveProperty("supported_prompts");
    expect(app.client_display_name).toBe("sso");
    expect(app).not.toHaveProperty("first_client");
    expect(app).not.toHaveProperty("first_client_authentication_protocol");
    expect(app).not.toHaveProperty("redirect_uris");
  });

  it("lists apps without logo, and the basic list with basic fields only", async () => {
    const first = await createApp({ login_uri: "https://a.example/login" });
    const second = await createApp();
    const all = (await api.expectStatus<{ result: Json[] }>(200, "GET", "/v1/applications")).result;
    expect(all.map((a) => a.app_id)).toEqual([first.app_id, second.app_id]);
    for (const app of all) {
      expect(app).not.toHaveProperty("logo");
      expect(app.client_secret).toBeTruthy();
    }
    const basic = (await api.expectStatus<{ result: Json[] }>(200, "GET", "/v1/applications/list")).result;
    expect(basic[0]).toEqual({
      app_id: first.app_id,
      tenant_id: first.tenant_id,
      app_name: first.app_name,
      app_description: "",
      login_uri: "https://a.example/login",
      application_type: "basic",
    });
  });

  it("get by id answers {result} with login_preferences carrying recognisable placeholder secrets", async () => {
    const created = await createApp();
    const app = (await api.expectStatus<{ result: Json }>(200, "GET", `/v1/applications/${created.app_id}`)).result;
    expect(app).toEqual(created);
    const methods = app.login_preferences.auth_methods;
    expect(methods.google.clientSecret.startsWith(LOGIN_PREFERENCES_SECRET_PREFIX)).toBe(true);
    expect(methods.apple.clientSecret.startsWith(LOGIN_PREFERENCES_SECRET_PREFIX)).toBe(true);
    expect(methods.push.apn.key.startsWith(LOGIN_PREFERENCES_SECRET_PREFIX)).toBe(true);
    const other = await createApp();
    expect(other.login_preferences.auth_methods.google.clientSecret).not.toBe(methods.google.clientSecret);
  });

  it("update keeps omitted fields, replaces object fields whole, and bumps updated_at only", async () => {
    const app = await createApp({
      app_description: "before",
      login_uri: "https://a.example/login",
      refresh_token_invalidation_trigger_configuration: { invalidateOnMemberSuspension: false, invalidateOnMemberRoleUpdate: false },
    });
    const updated = (
      await api.expectStatus<{ result: Json }>(200, "PUT", `/v1/applications/${app.app_id}`, {
        body: { app_description: "after", refresh_token_invalidation_trigger_configuration: { invalidateOnMemberPasswordReset: false } },
      })
    ).result;
    expect(updated.app_description).toBe("after");
    expect(updated.login_uri).toBe("https://a.example/login");
    expect(updated.app_name).toBe(app.app_name);
    expect(updated.refresh_token_invalidation_trigger_configuration).toEqual({ invalidateOnMemberPasswordReset: false });
    expect(updated.created_at).toBe(app.created_at);
    expect(updated.updated_at > app.updated_at).toBe(true);
    const again = (await api.expectStatus<{ result: Json }>(200, "PUT", `/v1/applications/${app.app_id}`, { body: {} })).result;
    expect(again.updated_at > updated.updated_at).toBe(true);
  });

  it("update routes deprecated mirror fields to the default client", async () => {
    const app = await createApp();
    const updated = (
      await api.expectStatus<{ result: Json }>(200, "PUT", `/v1/applications/${app.app_id}`, {
        body: { client_display_name: "renamed", redirect_uris: ["https://new.example/cb"], device_authorization: device },
      })
    ).result;
    const client = await api.expectStatus<Json>(200, "GET", `/v1/applications/${app.app_id}/clients/${app.client_id}`);
    expect(client).toMatchObject({ name: "renamed", redirect_uris: ["https://new.example/cb"], device_authorization: device });
    expect(updated).toMatchObject({ client_display_name: "renamed", redirect_uris: ["https://new.example/cb"] });
  });

  it("custom_domain is a string in and an object out; the same domain keeps its status, empty removes it", async () => {
    const app = await createApp({ custom_domain: "portal.example.com" });
    expect(app.custom_domain).toEqual({ domain: "portal.example.com", updated_at: app.created_at, status: "pending" });
    const put = (body: Json) => api.expectStatus<{ result: Json }>(200, "PUT", `/v1/applications/${app.app_id}`, { body });
    expect((await put({ custom_domain: "portal.example.com" })).result.custom_domain).toEqual(app.custom_domain);
    const moved = (await put({ custom_domain: "new.example.com" })).result.custom_domain;
    expect(moved).toMatchObject({ domain: "new.example.com", status: "pending" });
    expect(moved.updated_at > app.created_at).toBe(true);
    expect((await put({ custom_domain: "" })).result).not.toHaveProperty("custom_domain");
  });

  it("write-only app fields are accepted and never returned", async () => {
    const app = await createApp({ should_delete_signing_key: true, signing_key_enabled: true });
    expect(app).not.toHaveProperty("should_delete_signing_key");
    expect(app.signing_key_enabled).toBe(true);
    const updated = (
      await api.expectStatus<{ result: Json }>(200, "PUT", `/v1/applications/${app.app_id}`, {
        body: { should_delete_signing_key: false, first_client_authentication_protocol: "oidc" },
      })
    ).result;
    expect(updated).not.toHaveProperty("should_delete_signing_key");
    expect(updated).not.toHaveProperty("first_client_authentication_protocol");
    expect(emulator.admin.writeOnlyFields(app.app_id)).toEqual({
      should_delete_signing_key: false,
      first_client_authentication_protocol: "oidc",
    });
  });

  it("update app resources sets the default client's resources and answers {result}", async () => {
    const app = await createApp();
    const updated = (
      await api.expectStatus<{ result: Json }>(200, "PUT", `/v1/applications/${app.app_id}/resources`, {
        body: { resource_ids: ["r1", "r2"] },
      })
    ).result;
    expect(updated.resources).toEqual(["r1", "r2"]);
    const client = await api.expectStatus<Json>(200, "GET", `/v1/applications/${app.app_id}/clients/${app.client_id}`);
    expect(client.resources).toEqual(["r1", "r2"]);
  });

  it("delete answers 204 and removes the app and its clients", async () => {
    const app = await createApp();
    const extra = await createClient(app.app_id);
    const reply = await api.call("DELETE", `/v1/applications/${app.app_id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    await api.expectStatus(404, "GET", `/v1/applications/${app.app_id}`);
    await api.expectStatus(404, "GET", `/v1/applications/${app.app_id}/clients/${extra.client_id}`);
    await api.expectStatus(404, "DELETE", `/v1/applications/${app.app_id}`);
    expect(emulator.admin.dump()).toEqual({ applications: [], clients: [], signingKeys: [] });
  });

  it("409 on a duplicate app name, on create and on rename", async () => {
    const first = await createApp({ app_name: "taken" });
    const dup = await api.call<Json>("POST", "/v1/applications", { body: { app_name: "taken", client_display_name: "x" } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error_code: 409, ts_error_code: "IDENTIFIER_IS_TAKEN" });
    const other = await createApp();
    expect((await api.call("PUT", `/v1/applications/${other.app_id}`, { body: { app_name: "taken" } })).status).toBe(409);
    await api.expectStatus(200, "PUT", `/v1/applications/${first.app_id}`, { body: { app_name: "taken" } });
  });
});

describe("clients", () => {
  it("create answers a bare 201 client with server defaults for every required field", async () => {
    const app = await createApp();
    const client = await createClient(app.app_id, { name: "api" });
    expect(client).toMatchObject({
      app_id: app.app_id,
      tenant_id: app.tenant_id,
      name: "api",
      description: "",
      resources: [],
      authentication_protocol: "oidc",
      client_type: "web",
      response_types: ["code", "id_token"],
      device_authorization: { enabled: false },
      ciba_authorization: { enabled: false },
      enforce_par: false,
      fapi_version_compliancy: false,
    });
    expect(client.token_expiration.access_token_ttl).toBeGreaterThan(0);
    expect(client.session_expiration).toBeGreaterThan(0);
    expect(client.supported_prompts.length).toBeGreaterThan(0);
    expect(client.client_secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(client.client_id).not.toBe(app.client_id);
  });

  it("write-only client fields are accepted, stored and never returned", async () => {
    const app = await createApp();
    const writeOnly = {
      role_ids: ["r"],
      is_third_party: true,
      allowed_scopes: ["s"],
      consent_uri: "https://c",
      consent_validity_period: 5,
    };
    const client = await createClient(app.app_id, writeOnly);
    for (const key of Object.keys(writeOnly)) expect(client).not.toHaveProperty(key);
    const read = await api.expectStatus<Json>(200, "GET", `/v1/applications/${app.app_id}/clients/${client.client_id}`);
    for (const key of Object.keys(writeOnly)) expect(read).not.toHaveProperty(key);
    expect(emulator.admin.writeOnlyFields(app.app_id, client.client_id)).toEqual(writeOnly);
  });

  it("a SAML client is created with authentication_protocol saml and gets generated IdP fields", async () => {
    const app = await createApp();
    const client = await api.expectStatus<Json>(201, "POST", `/v1/applications/${app.app_id}/clients`, {
      body: {
        name: "saml",
        authentication_protocol: "saml",
        sp_entity_id: "urn:sp",
        sp_acs_url: "https://sp/acs",
        supported_prompts: ["login"],
      },
    });
    expect(client).toMatchObject({
      authentication_protocol: "saml",
      sp_entity_id: "urn:sp",
      sp_acs_url: "https://sp/acs",
      sign_assertion: true,
    });
    expect(client.x509_certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(client.metadata_url).toContain(client.client_id);
    expect(client).not.toHaveProperty("supported_prompts");
    expect(client).not.toHaveProperty("redirect_uris");
  });

  it("every read returns the client secret, and the list keeps creation order", async () => {
    const app = await createApp();
    const a = await createClient(app.app_id);
    const b = await createClient(app.app_id);
    const list = await api.expectStatus<Json[]>(200, "GET", `/v1/applications/${app.app_id}/clients`);
    expect(list.map((c) => c.client_id)).toEqual([app.client_id, a.client_id, b.client_id]);
    expect(list.map((c) => c.client_secret)).toEqual([app.client_secret, a.client_secret, b.client_secret]);
    const updated = await api.expectStatus<Json>(200, "PUT", `/v1/applications/${app.app_id}/clients/${a.client_id}`, { body: {} });
    expect(updated.client_secret).toBe(a.client_secret);
  });

  it("update keeps omitted fields and replaces object fields whole (an omitted optional sub-key is dropped)", async () => {
    const app = await createApp();
    const client = await createClient(app.app_id, {
      description: "keep me",
      ciba_authorization: { enabled: true, login_uri: "https://ciba/login" },
      token_expiration: { access_token_ttl: 60, refresh_token_ttl: 600 },
    });
    const url = `/v1/applications/${app.app_id}/clients/${client.client_id}`;
    const updated = await api.expectStatus<Json>(200, "PUT", url, {
      body: { ciba_authorization: { enabled: false }, token_expiration: { access_token_ttl: 120 }, redirect_uris: ["https://x/cb"] },
    });
    expect(updated.description).toBe("keep me");
    expect(updated.ciba_authorization).toEqual({ enabled: false });
    expect(updated.token_expiration).toEqual({ access_token_ttl: 120 });
    expect(updated.redirect_uris).toEqual(["https://x/cb"]);
    expect(updated.updated_at > client.updated_at).toBe(true);
    expect(updated.created_at).toBe(client.created_at);
    expect(await api.expectStatus<Json>(200, "GET", url)).toEqual(updated);
  });

  it("authentication_protocol is create-only", async () => {
    const app = await createApp();
    const client = await createClient(app.app_id);
    const reply = await api.call<Json>("PUT", `/v1/applications/${app.app_id}/clients/${client.client_id}`, {
      body: { authentication_protocol: "oidc" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ message: ["property authentication_protocol should not exist"], error_code: 400 });
  });

  it("updating the default client shows through the app's mirror fields", async () => {
    const app = await createApp();
    await api.expectStatus(200, "PUT", `/v1/applications/${app.app_id}/clients/${app.client_id}`, {
      body: { name: "renamed", client_type: "native" },
    });
    const read = (await api.expectStatus<{ result: Json }>(200, "GET", `/v1/applications/${app.app_id}`)).result;
    expect(read).toMatchObject({ client_display_name: "renamed", client_type: "native" });
  });

  it("update client resources answers the bare client", async () => {
    const app = await createApp();
    const client = await createClient(app.app_id);
    const updated = await api.expectStatus<Json>(200, "PUT", `/v1/applications/${app.app_id}/clients/${client.client_id}/resources`, {
      body: { resource_ids: ["r9"] },
    });
    expect(updated.resources).toEqual(["r9"]);
    expect(updated.client_id).toBe(client.client_id);
  });

  it("delete answers 204; the default client cannot be deleted; delete-all keeps only the default client", async () => {
    const app = await createApp();
    const a = await createClient(app.app_id);
    const b = await createClient(app.app_id);
    expect((await api.call("DELETE", `/v1/applications/${app.app_id}/clients/${a.client_id}`)).status).toBe(204);
    await api.expectStatus(404, "GET", `/v1/applications/${app.app_id}/clients/${a.client_id}`);
    const refused = await api.call<Json>("DELETE", `/v1/applications/${app.app_id}/clients/${app.client_id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.message[0]).toContain("an application requires at least one client");
    await createClient(app.app_id);
    expect((await api.call("DELETE", `/v1/applications/${app.app_id}/clients`)).status).toBe(204);
    const left = await api.expectStatus<Json[]>(200, "GET", `/v1/applications/${app.app_id}/clients`);
    expect(left.map((c) => c.client_id)).toEqual([app.client_id]);
    await api.expectStatus(404, "GET", `/v1/applications/${app.app_id}/clients/${b.client_id}`);
  });

  it("tls_client_auth.distinguished_name is a string (the vendor schema's number is a copy-paste error)", async () => {
    const app = await createApp();
    const mtls = (distinguished_name: unknown) => ({
      name: `mtls-${String(distinguished_name).length}`,
      redirect_uris: ["https://a.example/cb"],
      authentication_configuration: { method: "tls_client_auth", tls_client_auth: { distinguished_name } },
    });
    const created = await api.expectStatus<Json>(201, "POST", `/v1/applications/${app.app_id}/clients`, {
      body: mtls("CN=client,O=Example"),
    });
    expect(created.authentication_configuration.tls_client_auth.distinguished_name).toBe("CN=client,O=Example");
    await api.expectStatus(400, "POST", `/v1/applications/${app.app_id}/clients`, { body: mtls(6) });
  });

  it("409 on a duplicate client name within an app (the default client included), not across apps", async () => {
    const app = await createApp({ client_display_name: "web" });
    await createClient(app.app_id, { name: "api" });
    const dup = await api.call<Json>("POST", `/v1/applications/${app.app_id}/clients`, { body: { name: "web", redirect_uris: [] } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error_code: 409, ts_error_code: "IDENTIFIER_IS_TAKEN" });
    const renameDefault = await api.call("PUT", `/v1/applications/${app.app_id}`, { body: { client_display_name: "api" } });
    expect(renameDefault.status).toBe(409);
    const otherApp = await createApp();
    await createClient(otherApp.app_id, { name: "api" });
  });

  it("a client is only reachable under its own app", async () => {
    const app = await createApp();
    const other = await createApp();
    await api.expectStatus(404, "GET", `/v1/applications/${other.app_id}/clients/${app.client_id}`);
    await api.expectStatus(404, "GET", `/v1/applications/nope/clients`);
  });
});
