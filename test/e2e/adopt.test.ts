// Scenario j (adoption) and read-only lookups: `importId` takes over objects that already exist (for example made
// by hand, or by an interrupted `pulumi up`), converging them with one PUT instead of creating duplicates;
// `Application.get` reads without managing.
import { afterAll, describe, expect, it } from "vitest";
import { MosaicClient } from "../../provider/api";
import { callCounts, createMosaicStack, mosaic, type MosaicStack } from "./support/mosaic-stack";
import { failureOf } from "./support/engine";

describe("adopting existing objects", () => {
  let test: MosaicStack;
  let api: MosaicClient;
  let existing: { appId: string; defaultClientId: string; webId: string };
  let declare: () => Record<string, unknown> = () => ({});
  let rotation: string | undefined;
  afterAll(async () => {
    await api?.close();
    await test?.dispose();
  });

  it("j. importId adopts an application and its clients, converging them with PUTs and never POSTing", async () => {
    test = await createMosaicStack({ projectName: "adopt", program: async () => declare() });
    const { stack, capture, emulator } = test;
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    const app = await api.applications.create({
      app_name: "Hand-made portal",
      client_display_name: "Hand-made portal",
      app_description: "made by hand",
    });
    const web = await api.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: ["https://old.example.com/cb"] });
    existing = { appId: app.app_id, defaultClientId: String(app.client_id), webId: web.client_id };

    declare = () => {
      const adopted = new mosaic.Application("portal", {
        appName: "Hand-made portal",
        appDescription: "now managed by Pulumi",
        importId: existing.appId,
      });
      const adoptedWeb = new mosaic.Client("web", {
        applicationId: adopted.appId,
        name: "web",
        redirectUris: ["https://new.example.com/cb"],
        importId: existing.webId,
        secretRotationTrigger: rotation,
      });
      const defaultClient = new mosaic.Client("default", {
        applicationId: adopted.appId,
        name: "Hand-made portal",
        redirectUris: ["https://new.example.com/default"],
        importId: adopted.defaultClientId,
      });
      return {
        appId: adopted.appId,
        webId: adoptedWeb.clientId,
        defaultId: defaultClient.clientId,
        isDefault: defaultClient.isDefaultClient,
      };
    };
    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.outputs.appId.value).toBe(existing.appId);
    expect(up.outputs.webId.value).toBe(existing.webId);
    expect(up.outputs.defaultId.value).toBe(existing.defaultClientId);
    expect(up.outputs.isDefault.value).toBe(true);
    const counts = callCounts(emulator);
    expect(counts["POST /v1/applications"]).toBeUndefined();
    expect(counts["POST /v1/applications/:appId/clients"]).toBeUndefined();
    expect(counts["PUT /v1/applications/:appId"]).toBe(1);
    expect(counts["PUT /v1/applications/:appId/clients/:clientId"]).toBe(2);
    // Minimum 7: token, GET app, GET each client, 3 PUTs. Each adopted client also reads its application once to
    // learn whether it is the default client (which must never be deleted on its own): +2.
    console.log(`j. adopt an app and two clients: ${Object.values(counts).reduce((a, b) => a + b, 0)} API calls (minimum 7)`);
    const dump = emulator.admin.dump() as { applications: any[]; clients: any[] };
    expect(dump.applications).toHaveLength(1);
    expect(dump.applications[0].app_description).toBe("now managed by Pulumi");
    expect(dump.clients).toHaveLength(2);
    expect(dump.clients.find((c) => c.client_id === existing.webId)?.redirect_uris).toEqual(["https://new.example.com/cb"]);
    await stack.refresh({ ...capture, expectNoChanges: true });
    await stack.preview({ ...capture, expectNoChanges: true });
  });

  it("j. importId naming an object that does not exist fails with a clear message and creates nothing", async () => {
    const { stack, capture, emulator } = test;
    const before = emulator.admin.dump();
    const previous = declare;
    declare = () => {
      previous();
      new mosaic.Client("ghost", {
        applicationId: existing.appId,
        name: "ghost",
        redirectUris: ["https://x.example/cb"],
        importId: "no-such-client",
      });
      return {};
    };
    const error = await failureOf(stack.up({ ...capture }));
    expect(error?.message).toContain('importId "no-such-client": no client of application');
    expect(emulator.admin.dump()).toEqual(before);
    declare = previous;
  });

  it("j. replacing an adopted client while importId is still set is refused before anything is deleted", async () => {
    const { stack, capture, emulator } = test;
    const before = emulator.admin.dump();
    const previous = declare;
    rotation = "rotate-now";
    const error = await failureOf(stack.up({ ...capture }));
    expect(error?.message).toContain("replaces the client, but importId is still set");
    expect(emulator.admin.dump()).toEqual(before);
    rotation = undefined;
    declare = previous;
  });

  it("a lookup of an id that does not exist fails clearly", async () => {
    const { stack, capture } = test;
    const previous = declare;
    declare = () => ({ ...previous(), missing: mosaic.Application.get("missing", "no-such-app").appName });
    const error = await failureOf(stack.up({ ...capture }));
    expect(error?.message).toContain('Application.get or pulumi import: no application with id "no-such-app" exists.');
    declare = previous;
  });

  it("Application.get reads an application without managing it, and destroy leaves it alone", async () => {
    const { stack, capture, emulator } = test;
    const other = await api.applications.create({ app_name: "Someone else's app", client_display_name: "theirs" });
    const previous = declare;
    declare = () => {
      const looked = mosaic.Application.get("looked-up", other.app_id);
      return {
        ...previous(),
        lookedUpName: looked.appName,
        lookedUpDefaultClient: looked.defaultClientId,
        lookedUpSecret: looked.defaultClientSecret,
      };
    };
    const up = await stack.up({ ...capture });
    expect(up.outputs.lookedUpName.value).toBe("Someone else's app");
    expect(up.outputs.lookedUpDefaultClient.value).toBe(other.client_id);
    expect(up.outputs.lookedUpSecret.secret).toBe(true);

    // Adopted objects are managed now and are deleted, except the default client, which goes with its
    // application; the looked-up application is not touched.
    emulator.admin.clearLog();
    await stack.destroy({ ...capture });
    const counts = callCounts(emulator);
    expect(counts["DELETE /v1/applications/:appId"]).toBe(1);
    expect(counts["DELETE /v1/applications/:appId/clients/:clientId"]).toBe(1); // web only, not the default client
    const dump = emulator.admin.dump() as { applications: any[]; clients: any[] };
    expect(dump.applications.map((a) => a.app_id)).toEqual([other.app_id]);
    expect(dump.clients.map((c) => c.client_id)).toEqual([other.client_id]);
  });
});
