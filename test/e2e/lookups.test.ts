// The SDK's lookup functions in a program run by the real engine: credentials from the stack config (as a user sets
// them), one API request per lookup, results under the resources' names, secrets that stay secret in the stack's
// outputs as stored, and clear failures for a missing or ambiguous name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MosaicClient } from "../../provider/api";
import { failureOf, requireNative } from "./support/engine";
import { callCounts, createMosaicStack, eventsLeaking, mosaic, secretsIn, type MosaicStack } from "./support/mosaic-stack";

const pulumi = requireNative<typeof import("@pulumi/pulumi")>("@pulumi/pulumi");
const callback = "https://portal.example.com/callback";

describe("lookup functions", () => {
  let test: MosaicStack;
  let seeded: { appId: string; defaultClientSecret: string; webId: string; webSecret: string; spId: string };
  let scenario: "lookups" | "missing" | "ambiguous" = "lookups";

  beforeAll(async () => {
    test = await createMosaicStack({
      projectName: "lookups",
      program: async () => {
        const appId = seeded.appId;
        if (scenario === "missing") return { app: await mosaic.getApplication({ appName: "No such portal" }) };
        if (scenario === "ambiguous") return { client: await mosaic.getClient({ applicationId: appId, name: "web" }) };
        const byName = await mosaic.getApplication({ appName: "Lookup portal" });
        const byId = await mosaic.getApplication({ appId });
        const { applications } = await mosaic.getApplications();
        const web = await mosaic.getClient({ applicationId: appId, name: "web" });
        const sp = await mosaic.getClient({ applicationId: appId, clientId: seeded.spId });
        const { clients } = await mosaic.getClients({ applicationId: appId });
        const viaOutput = mosaic.getClientOutput({ applicationId: pulumi.output(appId), clientId: pulumi.output(web.clientId) });
        return {
          byNameId: byName.appId,
          byIdName: byId.appName,
          byIdDescription: byId.appDescription,
          defaultClientId: byId.defaultClientId,
          defaultClientSecret: byId.defaultClientSecret,
          applicationNames: applications.map((app) => app.appName).sort(),
          webId: web.clientId,
          webRedirectUris: web.redirectUris,
          webApplicationId: web.applicationId,
          webSecret: web.clientSecret,
          spEntityId: sp.spEntityId,
          spProtocol: sp.authenticationProtocol,
          clientCount: clients.length,
          clientSecrets: clients.map((client) => client.clientSecret),
          viaOutputName: viaOutput.name,
        };
      },
    });
    const api = new MosaicClient({ apiUrl: test.emulator.url, clientId: test.emulator.clientId, clientSecret: test.emulator.clientSecret });
    try {
      const app = await api.applications.create({ app_name: "Lookup portal", client_display_name: "default", app_description: "B2C" });
      await api.applications.create({ app_name: "Other portal", client_display_name: "default" });
      const web = await api.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: [callback] });
      const sp = await api.clients.create({ app_id: app.app_id }, { name: "sp", authentication_protocol: "saml", sp_entity_id: "urn:sp" });
      seeded = {
        appId: app.app_id,
        defaultClientSecret: app.client_secret!,
        webId: web.client_id,
        webSecret: web.client_secret!,
        spId: sp.client_id,
      };
    } finally {
      await api.close();
    }
  });
  afterAll(async () => test?.dispose());

  it("return every lookup's result with one request each, secrets as secrets in the stored state", async () => {
    const { stack, capture, emulator } = test;
    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    const outputs = up.outputs;
    expect(outputs.byNameId.value).toBe(seeded.appId);
    expect(outputs.byIdName.value).toBe("Lookup portal");
    expect(outputs.byIdDescription.value).toBe("B2C");
    expect(outputs.applicationNames.value).toEqual(["Lookup portal", "Other portal"]);
    expect(outputs.webId.value).toBe(seeded.webId);
    expect(outputs.webRedirectUris.value).toEqual([callback]);
    expect(outputs.webApplicationId.value).toBe(seeded.appId);
    expect(outputs.spEntityId.value).toBe("urn:sp");
    expect(outputs.spProtocol.value).toBe("saml");
    expect(outputs.clientCount.value).toBe(3); // the default client, web and sp
    expect(outputs.viaOutputName.value).toBe("web");
    // The Automation API decrypts outputs for the caller, and says which ones are secret.
    expect(outputs.defaultClientSecret).toEqual({ value: seeded.defaultClientSecret, secret: true });
    expect(outputs.webSecret).toEqual({ value: seeded.webSecret, secret: true });
    // Each element is a secret of its own (the stored-state check below proves none is in plaintext).
    expect(outputs.clientSecrets.value).toEqual(expect.arrayContaining([seeded.defaultClientSecret, seeded.webSecret]));
    expect(outputs.viaOutputName.secret).toBe(true); // an Output lookup holding a secret is secret as a whole

    expect(callCounts(emulator)).toEqual({
      "POST /oidc/token": 1,
      "GET /v1/applications": 1, // getApplication by name
      "GET /v1/applications/:appId": 1, // getApplication by id
      "GET /v1/applications/list": 1, // getApplications
      "GET /v1/applications/:appId/clients": 2, // getClient by name, getClients
      "GET /v1/applications/:appId/clients/:clientId": 2, // getClient by id, getClientOutput
    });

    const state = await test.exportedState();
    const secrets = secretsIn(emulator);
    expect(secrets).toEqual(expect.arrayContaining([seeded.defaultClientSecret, seeded.webSecret]));
    for (const secret of secrets) {
      expect(state).not.toContain(secret);
      expect(test.logs.join("\n")).not.toContain(secret);
      expect(eventsLeaking(test.events, secret).other).toEqual([]);
    }
  });

  it("a name that matches nothing fails with a message naming it", async () => {
    scenario = "missing";
    const failure = await failureOf(test.stack.preview({ ...test.capture }));
    expect(failure?.message).toContain('getApplication: no application is named "No such portal". [MOSAIC_LOOKUP_NOT_FOUND]');
  });

  it("a name that matches several clients fails and lists their ids", async () => {
    scenario = "ambiguous";
    test.emulator.admin.mutateClient(seeded.appId, seeded.spId, { name: "web" }); // a portal edit: no uniqueness check
    const failure = await failureOf(test.stack.preview({ ...test.capture }));
    expect(failure?.message).toContain(`getClient: 2 clients of application "${seeded.appId}" are named "web"`);
    expect(failure?.message).toContain(seeded.webId);
    expect(failure?.message).toContain(seeded.spId);
    expect(failure?.message).toContain("[MOSAIC_LOOKUP_AMBIGUOUS]");
  });
});
