// Scenarios c and d: changes made in the admin portal behind Pulumi's back. A changed managed field shows up in
// refresh and is reverted by up; an unmanaged field is none of our business; a deleted object is dropped from the
// stack with an explanation and created again by the next up.
import { afterAll, describe, expect, it } from "vitest";
import { callCounts, createMosaicStack, mosaic, totalCalls, type MosaicStack } from "./support/mosaic-stack";

const callback = "https://portal.example.com/callback";

describe("drift", () => {
  let test: MosaicStack;
  let appId: string;
  let clientId: string;
  afterAll(async () => test?.dispose());

  it("c. refresh reports a changed managed field, up reverts it, and a second refresh finds nothing", async () => {
    test = await createMosaicStack({
      projectName: "drift",
      program: async () => {
        const app = new mosaic.Application("portal", { appName: "Drift portal", appDescription: "managed description" });
        const web = new mosaic.Client("web", {
          applicationId: app.appId,
          name: "web",
          redirectUris: [callback],
          tokenExpiration: { accessTokenTtl: 600 },
        });
        return { appId: app.appId, clientId: web.clientId, redirectUris: web.redirectUris };
      },
    });
    const { stack, capture, emulator } = test;
    const up = await stack.up({ ...capture });
    appId = up.outputs.appId.value;
    clientId = up.outputs.clientId.value;

    emulator.admin.mutateClient(appId, clientId, { redirect_uris: ["https://attacker.example/steal"] });
    emulator.admin.mutateApplication(appId, { app_description: "edited in the portal" });
    const refresh = await stack.refresh({ ...capture });
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 2 });
    const web = (await test.stateResources()).find((r) => r.urn.endsWith("mosaic:Client::web"));
    expect(web?.outputs?.redirectUris).toEqual(["https://attacker.example/steal"]);

    const preview = await stack.preview({ ...capture });
    expect(preview.changeSummary).toMatchObject({ update: 2 });

    emulator.admin.clearLog();
    await stack.up({ ...capture });
    expect(callCounts(emulator)).toMatchObject({ "PUT /v1/applications/:appId": 1, "PUT /v1/applications/:appId/clients/:clientId": 1 });
    console.log(`c. revert drift: ${totalCalls(emulator)} API calls (minimum 3: token + 2 PUTs)`);
    const dump = emulator.admin.dump() as { applications: any[]; clients: any[] };
    expect(dump.clients.find((c) => c.client_id === clientId)?.redirect_uris).toEqual([callback]);
    expect(dump.applications[0].app_description).toBe("managed description");
    await stack.refresh({ ...capture, expectNoChanges: true });
  });

  it("c. a change to a field the program does not manage causes no diff", async () => {
    const { stack, capture, emulator } = test;
    emulator.admin.mutateClient(appId, clientId, {
      description: "notes from the security team",
      token_expiration: { access_token_ttl: 600, refresh_token_ttl: 1234 },
    });
    emulator.admin.mutateApplication(appId, { allow_public_signup: true });
    await stack.refresh({ ...capture, expectNoChanges: true });
    await stack.preview({ ...capture, expectNoChanges: true });
  });

  it("d. an object deleted outside Pulumi is dropped by refresh with an explanation and created again by up", async () => {
    const { stack, capture, emulator } = test;
    emulator.admin.deleteClient(appId, clientId);
    const logsBefore = test.logs.length;
    const refresh = await stack.refresh({ ...capture });
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const refreshLogs = test.logs.slice(logsBefore).join("\n");
    expect(refreshLogs).toContain(`client ${clientId} of application ${appId} no longer exists (deleted outside Pulumi)`);

    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    expect(callCounts(emulator)).toMatchObject({ "POST /v1/applications/:appId/clients": 1 });
    console.log(`d. recreate after an out-of-band delete: ${totalCalls(emulator)} API calls (minimum 2: token + POST)`);
    const recreated = up.outputs.clientId.value;
    expect(recreated).not.toBe(clientId);
    const dump = emulator.admin.dump() as { clients: any[] };
    expect(dump.clients.filter((c) => c.name === "web")).toHaveLength(1);
    await stack.refresh({ ...capture, expectNoChanges: true });
  });
});

describe("refresh at a glance", () => {
  let test: MosaicStack;
  afterAll(async () => test?.dispose());

  it("reads each application once and lists its clients once, however the engine spreads its reads", async () => {
    const applications = 8;
    test = await createMosaicStack({
      projectName: "refresh-calls",
      program: async () => {
        for (let i = 0; i < applications; i++) {
          const app = new mosaic.Application(`app-${i}`, { appName: `Refresh app ${i}` });
          for (const name of ["web", "mobile", "api"]) {
            const client = new mosaic.Client(`app-${i}-${name}`, { applicationId: app.appId, name, redirectUris: [callback] });
            if (name === "web") {
              new mosaic.ClientResources(`app-${i}-web-apis`, { applicationId: app.appId, clientId: client.clientId, resourceIds: [] });
            }
          }
        }
      },
    });
    const { stack, capture, emulator } = test;
    await stack.up({ ...capture });
    // Random latency on every request (up to 2.5 s) spreads the engine's 40 parallel reads over time and reorders
    // their answers: the reads of one application no longer arrive together.
    emulator.admin.setLatency(20, 2500);
    emulator.admin.clearLog();
    await stack.refresh({ ...capture, expectNoChanges: true });
    emulator.admin.setLatency(0, 0);
    const counts = callCounts(emulator);
    console.log(`refresh of ${applications} applications with 24 clients and 8 resource lists: ${totalCalls(emulator)} API calls`);
    expect(counts).toEqual({
      "POST /oidc/token": 1,
      "GET /v1/applications/:appId": applications,
      "GET /v1/applications/:appId/clients": applications,
    });
  });
});
