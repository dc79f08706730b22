// Refresh reads of clients are coalesced per application (provider/resources/client-directory.ts): fewer calls,
// never a stale answer after our own write, never a false "gone".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { MosaicClient } from "../../provider/api";
import { resetSharedStateForTests } from "../../provider/api/testing";
import { ClientDirectory } from "../../provider/resources/client-directory";

describe("ClientDirectory", () => {
  let emulator: StartedEmulator;
  let api: MosaicClient;
  let appId: string;
  let clientIds: string[];
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 3 });
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    appId = (await api.applications.create({ app_name: "Directory app", client_display_name: "default" })).app_id;
    clientIds = [];
    for (const name of ["web", "mobile", "api"]) {
      clientIds.push((await api.clients.create({ app_id: appId }, { name, redirect_uris: [`https://${name}.example.com/cb`] })).client_id);
    }
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
    await resetSharedStateForTests();
  });

  it("answers concurrent reads of one application's clients with one list call", async () => {
    const directory = new ClientDirectory(api);
    emulator.admin.clearLog();
    const found = await Promise.all(clientIds.map((id) => directory.read(appId, id)));
    expect(found.map((c) => c?.client_id)).toEqual(clientIds);
    expect(emulator.admin.requestCounts()).toEqual({ "GET /v1/applications/:appId/clients": 1 });
  });

  it("keeps one list for the whole operation, however the engine spreads its reads", async () => {
    const directory = new ClientDirectory(api);
    emulator.admin.clearLog();
    // Slow lists and reads that start before, during and well after the first list came back.
    emulator.admin.setFaults([{ method: "GET", route: "/v1/applications/:appId/clients", kind: "latency", ms: 150 }]);
    const reads: Promise<unknown>[] = [];
    for (const delayMs of [0, 50, 400, 900]) {
      for (const id of clientIds) reads.push(new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => directory.read(appId, id)));
    }
    await Promise.all(reads);
    emulator.admin.setFaults([]);
    expect(emulator.admin.requestCounts()).toEqual({ "GET /v1/applications/:appId/clients": 1 });
  });

  it("never serves a read from a list older than its own write, nor older than forgetApplication", async () => {
    const directory = new ClientDirectory(api);
    await directory.read(appId, clientIds[0]);
    await directory.update(appId, clientIds[0], { description: "changed through the directory" });
    emulator.admin.clearLog();
    expect((await directory.read(appId, clientIds[0]))?.description).toBe("changed through the directory");
    expect(emulator.admin.requestCounts()).toEqual({ "GET /v1/applications/:appId/clients": 1 });
    await directory.read(appId, clientIds[1]);
    expect(emulator.admin.requestCounts()).toEqual({ "GET /v1/applications/:appId/clients": 1 });
    directory.forgetApplication(appId);
    await directory.read(appId, clientIds[1]);
    expect(emulator.admin.requestCounts()).toEqual({ "GET /v1/applications/:appId/clients": 2 });
  });

  it("confirms a client missing from the list with its own GET before calling it gone", async () => {
    const directory = new ClientDirectory(api);
    await directory.read(appId, clientIds[0]); // takes the list
    // Created behind the directory's back.
    const late = await api.clients.create({ app_id: appId }, { name: "late", redirect_uris: ["https://late.example.com/cb"] });
    emulator.admin.clearLog();
    expect((await directory.read(appId, late.client_id))?.name).toBe("late");
    expect(await directory.read(appId, "no-such-client")).toBeUndefined();
    expect(emulator.admin.requestCounts()).toEqual({ "GET /v1/applications/:appId/clients/:clientId": 2 });
  });

  it("reports every client of a deleted application as gone, and keeps no failed list", async () => {
    const directory = new ClientDirectory(api);
    const other = await api.applications.create({ app_name: "Short-lived app", client_display_name: "default" });
    emulator.admin.deleteApplication(other.app_id);
    expect(await directory.read(other.app_id, String(other.client_id))).toBeUndefined();
    const noRetries = new MosaicClient(
      { apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, maxRetries: 0 },
      { env: {} },
    );
    const failing = new ClientDirectory(noRetries);
    emulator.admin.setFaults([{ method: "GET", route: "/v1/applications/:appId/clients", kind: "status", status: 503, times: 1 }]);
    await expect(failing.read(appId, clientIds[0])).rejects.toMatchObject({ code: "MOSAIC_UNAVAILABLE" });
    emulator.admin.setFaults([]);
    expect((await failing.read(appId, clientIds[0]))?.client_id).toBe(clientIds[0]);
    await noRetries.close();
  });
});
