// The lookup functions' own behaviour against the emulator, in process: one request per lookup, the results under
// the resources' names, and the failures (bad arguments, missing, ambiguous) with their codes and messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MosaicClient } from "../../provider/api";
import { resetSharedStateForTests } from "../../provider/api/testing";
import { lookupFunctions } from "../../provider/resources/lookups/lookups";
import { apiRequests, clientFor, withEmulator, type Emulator } from "./support/api-support";

let emu: Emulator;
let api: MosaicClient;
let seeded: { appId: string; defaultClientId: string; webId: string; spId: string };
const lookups = () => lookupFunctions({ api: () => api });
const routesCalled = () => apiRequests(emu.admin.requestLog()).map((entry) => `${entry.method} ${entry.route}`);

beforeAll(async () => {
  emu = await withEmulator();
  api = clientFor(emu);
  const app = await api.applications.create({ app_name: "Lookups", client_display_name: "default", app_description: "B2C" });
  const web = await api.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: ["https://portal.example.com/cb"] });
  const sp = await api.clients.create({ app_id: app.app_id }, { name: "sp", authentication_protocol: "saml", sp_entity_id: "urn:sp" });
  seeded = { appId: app.app_id, defaultClientId: app.client_id!, webId: web.client_id, spId: sp.client_id };
});
afterAll(async () => {
  await api.close();
  await emu.close();
  await resetSharedStateForTests();
});

describe("lookup functions", () => {
  it("getApplication by id and by name: one request each, under mosaic.Application's names", async () => {
    emu.admin.clearLog();
    const byId = await lookups().getApplication({ appId: seeded.appId });
    const byName = await lookups().getApplication({ appName: "Lookups" });
    expect(routesCalled()).toEqual(["GET /v1/applications/:appId", "GET /v1/applications"]);
    expect(byId).toMatchObject({ appId: seeded.appId, appName: "Lookups", appDescription: "B2C", defaultClientId: seeded.defaultClientId });
    expect(byId.defaultClientSecret).toEqual(expect.any(String));
    // By name reads the list, whose items have no logo (ApiAppWithoutLogo); everything else is the same.
    const { logo, ...withoutLogo } = byId;
    expect(logo).toBeDefined();
    expect(byName).toEqual(withoutLogo);
    expect(byId).not.toHaveProperty("login_preferences");
    expect(byId).not.toHaveProperty("loginPreferences");
  });

  it("getApplications, getClient by id and by name, getClients: one request each", async () => {
    emu.admin.clearLog();
    const { applications } = await lookups().getApplications({});
    const web = await lookups().getClient({ applicationId: seeded.appId, name: "web" });
    const sp = await lookups().getClient({ applicationId: seeded.appId, clientId: seeded.spId });
    const { clients } = await lookups().getClients({ applicationId: seeded.appId });
    expect(routesCalled()).toEqual([
      "GET /v1/applications/list",
      "GET /v1/applications/:appId/clients",
      "GET /v1/applications/:appId/clients/:clientId",
      "GET /v1/applications/:appId/clients",
    ]);
    expect(applications).toEqual([expect.objectContaining({ appId: seeded.appId, appName: "Lookups" })]);
    expect(web).toMatchObject({ applicationId: seeded.appId, clientId: seeded.webId, redirectUris: ["https://portal.example.com/cb"] });
    expect(sp).toMatchObject({ clientId: seeded.spId, authenticationProtocol: "saml", spEntityId: "urn:sp" });
    expect(sp.metadataUrl).toEqual(expect.any(String));
    expect((clients as { clientId: string }[]).map((client) => client.clientId).sort()).toEqual(
      [seeded.defaultClientId, seeded.webId, seeded.spId].sort(),
    );
  });

  it("fails clearly on bad arguments, missing ids and names, and ambiguous names", async () => {
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => "resolved",
        (error: Error) => error.message,
      );
    expect(await code(lookups().getApplication({}))).toBe(
      "getApplication: give exactly one of `appId` or `appName` (got neither). [MOSAIC_LOOKUP_INVALID_ARGS]",
    );
    expect(await code(lookups().getApplication({ appId: "a", appName: "b" }))).toContain("(got both). [MOSAIC_LOOKUP_INVALID_ARGS]");
    expect(await code(lookups().getApplication({ appName: " " }))).toContain("`appName` must be a non-empty string");
    expect(await code(lookups().getClient({ name: "web" }))).toContain("getClient: `applicationId` is required");
    expect(await code(lookups().getApplication({ appId: "missing" }))).toBe(
      'getApplication: application "missing" does not exist. [MOSAIC_LOOKUP_NOT_FOUND]',
    );
    expect(await code(lookups().getClients({ applicationId: "missing" }))).toContain("[MOSAIC_LOOKUP_NOT_FOUND]");
    expect(await code(lookups().getClient({ applicationId: seeded.appId, clientId: "missing" }))).toContain(
      `client "missing" of application "${seeded.appId}" does not exist`,
    );
    expect(await code(lookups().getClient({ applicationId: seeded.appId, name: "nobody" }))).toBe(
      `getClient: no client of application "${seeded.appId}" is named "nobody". [MOSAIC_LOOKUP_NOT_FOUND]`,
    );
    emu.admin.mutateClient(seeded.appId, seeded.spId, { name: "web" });
    const ambiguous = await code(lookups().getClient({ applicationId: seeded.appId, name: "web" }));
    expect(ambiguous).toContain(`getClient: 2 clients of application "${seeded.appId}" are named "web"`);
    expect(ambiguous).toContain(seeded.webId);
    expect(ambiguous).toContain("[MOSAIC_LOOKUP_AMBIGUOUS]");
  });
});
