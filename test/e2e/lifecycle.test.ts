// Scenarios a, b, e, i of the resources issue: a full stack (application, an OIDC and a SAML client, a resource
// list) through up, no-op up/preview/refresh with zero API calls, in-place nested updates, replacements, secrets,
// and a destroy that leaves the tenant exactly as it was.
import { afterAll, describe, expect, it } from "vitest";
import { LOGIN_PREFERENCES_SECRET_PREFIX } from "../../emulator";
import { callCounts, createMosaicStack, eventsLeaking, mosaic, secretsIn, totalCalls, type MosaicStack } from "./support/mosaic-stack";

const settings = { accessTokenTtl: 3600, ssoProtocol: "saml" as "saml" | "oidc", rotation: "2026-01", withResourceList: true };

function program() {
  const app = new mosaic.Application("portal", { appName: "Customer portal", appDescription: "B2C portal" });
  const web = new mosaic.Client("web", {
    applicationId: app.appId,
    name: "web",
    redirectUris: ["https://portal.example.com/callback"],
    tokenExpiration: { accessTokenTtl: settings.accessTokenTtl, refreshTokenTtl: 86400 },
    deviceAuthorization: {
      enabled: false,
      approvalUri: "https://portal.example.com/device/approve",
      successUri: "https://portal.example.com/device/done",
      inputUri: "https://portal.example.com/device",
    },
    roleIds: ["role-viewer"],
    secretRotationTrigger: settings.rotation,
  });
  const sso =
    settings.ssoProtocol === "saml"
      ? new mosaic.Client("sso", {
          applicationId: app.appId,
          name: "sso",
          authenticationProtocol: "saml",
          spEntityId: "urn:example:sp",
          spAcsUrl: "https://sp.example.com/acs",
          signAssertion: true,
        })
      : new mosaic.Client("sso", {
          applicationId: app.appId,
          name: "sso",
          authenticationProtocol: "oidc",
          redirectUris: ["https://sp.example.com/oidc"],
        });
  const apis = settings.withResourceList
    ? new mosaic.ClientResources("web-apis", {
        applicationId: app.appId,
        clientId: web.clientId,
        resourceIds: ["res-orders", "res-billing"],
      })
    : undefined;
  return {
    appId: app.appId,
    defaultClientSecret: app.defaultClientSecret,
    webClientId: web.clientId,
    webSecret: web.clientSecret,
    ssoClientId: sso.clientId,
    ssoProtocol: sso.authenticationProtocol,
    resourceIds: apis?.resourceIds,
  };
}

type Dump = { applications: Record<string, unknown>[]; clients: Record<string, any>[] };

describe("Application, Client and ClientResources lifecycle", () => {
  let test: MosaicStack;
  let tenantBefore: Dump;
  const calls: Record<string, { made: number; minimum: number }> = {};
  afterAll(async () => {
    console.log("API calls per scenario (made / minimum):", JSON.stringify(calls));
    await test?.dispose();
  });

  it("a. creates the stack, then a second up, a preview and a refresh find nothing to do", async () => {
    test = await createMosaicStack({ projectName: "lifecycle", program: async () => program() });
    const { stack, capture, emulator } = test;
    tenantBefore = emulator.admin.dump() as Dump;

    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 5 });
    expect(up.outputs.webSecret.secret).toBe(true);
    expect(up.outputs.defaultClientSecret.secret).toBe(true);
    expect(up.outputs.ssoProtocol.value).toBe("saml");
    expect(up.outputs.resourceIds.value).toEqual(["res-orders", "res-billing"]);
    const counts = callCounts(emulator);
    expect(counts["POST /v1/applications"]).toBe(1);
    expect(counts["POST /v1/applications/:appId/clients"]).toBe(2);
    expect(counts["PUT /v1/applications/:appId/clients/:clientId/resources"]).toBe(1);
    calls["a. first up"] = { made: totalCalls(emulator), minimum: 5 }; // token + 1 app + 2 clients + 1 resource list

    const dump = emulator.admin.dump() as Dump;
    expect(dump.applications).toHaveLength(1);
    expect(dump.clients).toHaveLength(3); // the default client, web and sso
    const web = dump.clients.find((c) => c.client_id === up.outputs.webClientId.value);
    expect(web?.resources).toEqual(["res-orders", "res-billing"]);

    emulator.admin.clearLog();
    const again = await stack.up({ ...capture, expectNoChanges: true });
    expect(again.summary.resourceChanges).toEqual({ same: 5 });
    const preview = await stack.preview({ ...capture, expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 5 });
    expect(totalCalls(emulator)).toBe(0);
    calls["a. no-op up + preview"] = { made: 0, minimum: 0 };

    await stack.refresh({ ...capture, expectNoChanges: true });
    // The application, then one list of its clients for web, sso and web's resource list (client-directory.ts).
    expect(callCounts(emulator)).toEqual({
      "POST /oidc/token": 1,
      "GET /v1/applications/:appId": 1,
      "GET /v1/applications/:appId/clients": 1,
    });
    calls["a. refresh"] = { made: totalCalls(emulator), minimum: 3 }; // token + GET app + one list of its clients
  });

  it("b. updates a nested object in place with one PUT that carries the whole object", async () => {
    const { stack, capture, emulator } = test;
    emulator.admin.clearLog();
    settings.accessTokenTtl = 7200;
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ update: 1, same: 4 });
    expect(callCounts(emulator)).toEqual({ "POST /oidc/token": 1, "PUT /v1/applications/:appId/clients/:clientId": 1 });
    calls["b. nested update"] = { made: totalCalls(emulator), minimum: 2 };
    // The API replaces object fields whole, so refresh_token_ttl survives only if the PUT carried the whole object.
    const web = (emulator.admin.dump() as Dump).clients.find((c) => c.client_id === up.outputs.webClientId.value);
    expect(web?.token_expiration).toMatchObject({ access_token_ttl: 7200, refresh_token_ttl: 86400 });
    await stack.refresh({ ...capture, expectNoChanges: true });
  });

  it("b. replaces a client when authenticationProtocol changes", async () => {
    const { stack, capture, emulator } = test;
    const before = await stack.outputs();
    emulator.admin.clearLog();
    settings.ssoProtocol = "oidc";
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(up.outputs.ssoProtocol.value).toBe("oidc");
    expect(up.outputs.ssoClientId.value).not.toBe(before.ssoClientId.value);
    const clients = (emulator.admin.dump() as Dump).clients;
    expect(clients.map((c) => c.client_id)).not.toContain(before.ssoClientId.value);
    expect(clients.filter((c) => c.name === "sso")).toHaveLength(1);
    calls["b. protocol replace"] = { made: totalCalls(emulator), minimum: 3 }; // token + DELETE + POST
  });

  it("j. rotates a client's secret through secretRotationTrigger, moving its resource list along", async () => {
    const { stack, capture, emulator } = test;
    const before = await stack.outputs();
    emulator.admin.clearLog();
    settings.rotation = "2026-11";
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ replace: 2 }); // the client and its resource list
    expect(up.outputs.webClientId.value).not.toBe(before.webClientId.value);
    expect(up.outputs.webSecret.value).not.toBe(before.webSecret.value);
    expect(up.outputs.webSecret.secret).toBe(true);
    const clients = (emulator.admin.dump() as Dump).clients;
    const web = clients.find((c) => c.client_id === up.outputs.webClientId.value);
    expect(web?.resources).toEqual(["res-orders", "res-billing"]);
    expect(clients.map((c) => c.client_id)).not.toContain(before.webClientId.value);
    calls["j. rotation"] = { made: totalCalls(emulator), minimum: 5 }; // token + DELETE + POST + PUT resources + PUT [] (old, 404 ok)
    await stack.refresh({ ...capture, expectNoChanges: true });
  });

  it("e. keeps every secret out of plaintext state and logs", async () => {
    const { stack, emulator } = test;
    const state = await test.exportedState();
    const logs = test.logs.join("\n");
    const secrets = secretsIn(emulator);
    expect(secrets.length).toBeGreaterThanOrEqual(5); // emulator credential, token(s), 3 client secrets, login_preferences secrets
    expect(secrets.filter((secret) => secret.startsWith(LOGIN_PREFERENCES_SECRET_PREFIX)).length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) {
      expect(state.includes(secret), "a secret is in the stored state").toBe(false);
      expect(logs.includes(secret), "a secret is in the CLI's output").toBe(false);
      expect(eventsLeaking(test.events, secret).other, "a secret is in an engine event").toEqual([]);
    }
    const resources = await test.stateResources();
    const web = resources.find((r) => r.urn.endsWith("mosaic:Client::web"));
    expect(web?.outputs?.clientSecret).toHaveProperty("ciphertext");
    const app = resources.find((r) => r.urn.endsWith("mosaic:Application::portal"));
    expect(app?.outputs?.defaultClientSecret).toHaveProperty("ciphertext");
    expect(JSON.stringify(app?.outputs)).not.toMatch(/login_?[pP]references|authMethods|auth_methods/);
    expect((await stack.outputs()).webSecret.secret).toBe(true);
  });

  it("removing a ClientResources empties the client's resource list and keeps the client", async () => {
    const { stack, capture, emulator } = test;
    settings.withResourceList = false;
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ delete: 1, same: 4 });
    const web = (emulator.admin.dump() as Dump).clients.find((c) => c.client_id === up.outputs.webClientId.value);
    expect(web?.resources).toEqual([]);
  });

  it("i. destroy leaves the tenant exactly as it was before the test", async () => {
    const { stack, capture, emulator } = test;
    emulator.admin.clearLog();
    const destroy = await stack.destroy({ ...capture });
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 4 });
    expect(emulator.admin.dump()).toEqual(tenantBefore);
    calls["i. destroy"] = { made: totalCalls(emulator), minimum: 4 }; // token + 2 client DELETEs + app DELETE
  });
});
