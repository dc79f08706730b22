// The API client against the emulator without faults: every operation, laziness, the token cache, 401 refresh,
// and the error types a user sees.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MosaicApiError, MosaicClient } from "../../provider/api";
import { resetSharedStateForTests } from "../../provider/api/testing";
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
  emu.admin.reset();
  emu.admin.setFaults([]);
  emu.admin.setTokenTtl(3600);
});

describe("operations", () => {
  it("covers every application and client operation, unwrapping {result} and validating ids", async () => {
    const mosaic = track(clientFor(emu));
    const name = uniqueName("portal");
    const app = await mosaic.applications.create({ app_name: name, client_display_name: "portal default", app_description: "B2C" });
    expect(app.app_id).toBeTruthy();
    expect(app.app_name).toBe(name);
    expect((await mosaic.applications.get({ app_id: app.app_id })).app_description).toBe("B2C");
    expect((await mosaic.applications.getAll()).map((a) => a.app_id)).toContain(app.app_id);
    expect((await mosaic.applications.getAllBasic()).find((a) => a.app_id === app.app_id)?.app_name).toBe(name);
    expect((await mosaic.applications.update({ app_id: app.app_id }, { app_description: "changed" })).app_description).toBe("changed");
    const withResources = await mosaic.applications.updateResources({ app_id: app.app_id }, { resource_ids: [] });
    expect(withResources.app_id).toBe(app.app_id);

    const web = await mosaic.clients.create(
      { app_id: app.app_id },
      {
        name: "web",
        redirect_uris: ["https://portal.example.com/callback"],
        device_authorization: {
          enabled: false,
          approval_uri: "https://a.example/ok",
          success_uri: "https://a.example/s",
          input_uri: "https://a.example/i",
        },
      },
    );
    expect(web.client_id).toBeTruthy();
    expect(web.client_secret).toBeTruthy();
    const saml = await mosaic.clients.create(
      { app_id: app.app_id },
      { name: "sp", authentication_protocol: "saml", sp_entity_id: "urn:sp" },
    );
    expect(saml.authentication_protocol).toBe("saml");
    expect((await mosaic.clients.get({ app_id: app.app_id, client_id: web.client_id })).name).toBe("web");
    const all = await mosaic.clients.getAll({ app_id: app.app_id });
    expect(all.map((c) => c.client_id)).toEqual(expect.arrayContaining([web.client_id, saml.client_id]));
    expect((await mosaic.clients.update({ app_id: app.app_id, client_id: web.client_id }, { description: "d" })).description).toBe("d");
    expect((await mosaic.clients.updateResources({ app_id: app.app_id, client_id: web.client_id }, { resource_ids: [] })).client_id).toBe(
      web.client_id,
    );
    await mosaic.clients.delete({ app_id: app.app_id, client_id: web.client_id });
    await expect(mosaic.clients.get({ app_id: app.app_id, client_id: web.client_id })).rejects.toMatchObject({
      code: "MOSAIC_NOT_FOUND",
      status: 404,
    });
    await mosaic.applications.delete({ app_id: app.app_id });
    await expect(mosaic.applications.get({ app_id: app.app_id })).rejects.toMatchObject({ code: "MOSAIC_NOT_FOUND" });
    await expect(mosaic.applications.delete({ app_id: app.app_id })).rejects.toMatchObject({ code: "MOSAIC_NOT_FOUND" });
    expect(mosaic.stats.retries).toBe(0);
    expect(emu.admin.dump().applications).toHaveLength(0);
  });

  it("clients.deleteAll deletes every client of one application in one DELETE, keeping the default client", async () => {
    const mosaic = track(clientFor(emu));
    const app = await mosaic.applications.create({ app_name: uniqueName("emptied"), client_display_name: "default" });
    const other = await mosaic.applications.create({ app_name: uniqueName("untouched"), client_display_name: "default" });
    const redirect_uris = ["https://portal.example.com/callback"];
    await mosaic.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris });
    await mosaic.clients.create({ app_id: app.app_id }, { name: "sp", authentication_protocol: "saml", sp_entity_id: "urn:sp" });
    const kept = await mosaic.clients.create({ app_id: other.app_id }, { name: "web", redirect_uris });
    emu.admin.clearLog();

    await mosaic.clients.deleteAll({ app_id: app.app_id });
    expect(apiRequests(emu.admin.requestLog()).map((entry) => `${entry.method} ${entry.route} ${entry.status}`)).toEqual([
      "DELETE /v1/applications/:appId/clients 204",
    ]);
    expect((await mosaic.clients.getAll({ app_id: app.app_id })).map((c) => c.client_id)).toEqual([app.client_id]);
    expect((await mosaic.clients.getAll({ app_id: other.app_id })).map((c) => c.client_id)).toContain(kept.client_id);
    await expect(mosaic.clients.deleteAll({ app_id: "no-such-app" })).rejects.toMatchObject({ code: "MOSAIC_NOT_FOUND", status: 404 });
    await expect(mosaic.clients.deleteAll({ app_id: "" })).rejects.toThrow(/app_id/);
  });

  it("is lazy: constructing a client makes zero HTTP calls", async () => {
    emu.admin.clearLog();
    const mosaic = track(clientFor(emu));
    await new Promise((r) => setTimeout(r, 50));
    expect(emu.admin.requestLog()).toHaveLength(0);
    expect(emu.admin.issuedTokens()).toHaveLength(0);
    expect(mosaic.tokenRequests).toBe(0);
    await mosaic.close();
    expect(emu.admin.requestLog()).toHaveLength(0);
  });

  it("rejects a missing id before sending anything, as a programming error", async () => {
    const mosaic = track(clientFor(emu));
    emu.admin.clearLog();
    await expect(mosaic.applications.get({ app_id: "" })).rejects.toMatchObject({ code: "MOSAIC_INVALID_ARGUMENT" });
    await expect(mosaic.clients.get({ app_id: "a", client_id: undefined as unknown as string })).rejects.toMatchObject({
      code: "MOSAIC_INVALID_ARGUMENT",
    });
    expect(emu.admin.requestLog()).toHaveLength(0);
  });

  it("reports 400 with the API's message list, and 409 on a first attempt as a conflict naming importId", async () => {
    const mosaic = track(clientFor(emu));
    const bad = await mosaic.applications.create({ app_name: uniqueName("x") } as never).catch((e) => e);
    expect(MosaicApiError.isInstance(bad)).toBe(true);
    expect(bad.code).toBe("MOSAIC_VALIDATION");
    expect(bad.status).toBe(400);
    expect(bad.messages.length).toBeGreaterThan(0);

    const name = uniqueName("taken");
    await mosaic.applications.create({ app_name: name, client_display_name: "d" });
    const conflict = await mosaic.applications.create({ app_name: name, client_display_name: "d" }).catch((e) => e);
    expect(conflict).toMatchObject({ code: "MOSAIC_CONFLICT", status: 409, operation: "applications.create" });
    expect(conflict.message).toContain(`"${name}" is already taken`);
    expect(conflict.message).toContain("importId");
    expect(emu.admin.dump().applications.filter((a) => a.app_name === name)).toHaveLength(1);
  });

  it("fails with MOSAIC_AUTH on wrong credentials, without echoing the secret", async () => {
    const wrong = "definitely-wrong-secret-value";
    const mosaic = track(clientFor(emu, { clientSecret: wrong }));
    const err = await mosaic.applications.getAll().catch((e) => e);
    expect(err).toMatchObject({ code: "MOSAIC_AUTH", status: 401, operation: "token" });
    expect(err.message).toContain("invalid_client");
    expect(err.message).toContain("mosaic:clientSecret");
    expect(`${err.message}${err.stack}${JSON.stringify(err)}`).not.toContain(wrong);
    expect(emu.admin.requestLog().every((e) => e.path === "/oidc/token")).toBe(true);
  });
});

describe("access tokens", () => {
  it("fetches one token for N concurrent first calls (single-flight), shared across clients", async () => {
    const a = track(clientFor(emu));
    const b = track(clientFor(emu));
    await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).applications.getAllBasic()));
    expect(emu.admin.issuedTokens()).toHaveLength(1);
    expect(emu.admin.requestCounts()["POST /oidc/token"]).toBe(1);
    expect(a.tokenRequests).toBe(1);
  });

  it("refreshes shortly before expiry without a 401", async () => {
    emu.admin.setTokenTtl(1);
    const mosaic = track(clientFor(emu));
    await mosaic.applications.getAllBasic();
    await mosaic.applications.getAllBasic();
    expect(emu.admin.issuedTokens()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1_000));
    await mosaic.applications.getAllBasic();
    expect(emu.admin.issuedTokens()).toHaveLength(2);
    expect(emu.admin.requestLog().filter((e) => e.status === 401)).toHaveLength(0);
  });

  it("on 401 fetches one new token and replays once, for every concurrent caller", async () => {
    // The server says 1 s (expires_in is whole seconds) but the token really dies after 300 ms: our cache still
    // trusts it, the API answers 401.
    emu.admin.setTokenTtl(0.3);
    const log = new CapturingLogger();
    const mosaic = track(clientFor(emu, {}, { logger: log }));
    await mosaic.applications.getAllBasic();
    emu.admin.setTokenTtl(3600);
    await new Promise((r) => setTimeout(r, 400));
    emu.admin.clearLog();
    await Promise.all(Array.from({ length: 8 }, () => mosaic.applications.getAllBasic()));
    const log401 = emu.admin.requestLog().filter((e) => e.status === 401);
    expect(log401.length).toBeGreaterThanOrEqual(1);
    expect(log401.length).toBeLessThanOrEqual(8);
    expect(emu.admin.requestCounts()["POST /oidc/token"]).toBe(1);
    expect(apiRequests(emu.admin.requestLog()).filter((e) => e.status === 200)).toHaveLength(8);
    expect(mosaic.stats.authRefreshes).toBe(log401.length);
    expect(log.lines.some((l) => l.includes("access token rejected"))).toBe(true);
  });

  it("a second 401 after a refresh is an auth error, not a loop", async () => {
    const mosaic = track(clientFor(emu));
    await mosaic.applications.getAllBasic();
    // reset() revokes the cached token (first 401); the replacement lives 1 ms, so it is dead on arrival (second 401).
    emu.admin.setTokenTtl(0.001);
    emu.admin.reset();
    const err = await mosaic.applications.getAllBasic().catch((e) => e);
    expect(err).toMatchObject({ code: "MOSAIC_AUTH", status: 401 });
    expect(apiRequests(emu.admin.requestLog()).filter((e) => e.status === 401)).toHaveLength(2);
  });
});
