// Scenario 5 of the resources issue: when the object exists but a later step fails (here: adopting an application
// whose converging PUT fails), the error carries the id, so the engine keeps the object in state and the next up
// finishes the job on that same object instead of creating another.
import { afterAll, describe, expect, it } from "vitest";
import { MosaicClient } from "../../provider/api";
import { callCounts, createMosaicStack, mosaic, type MosaicStack } from "./support/mosaic-stack";
import { failureOf } from "./support/engine";

describe("partial failures", () => {
  let test: MosaicStack;
  let api: MosaicClient;
  afterAll(async () => {
    await api?.close();
    await test?.dispose();
  });

  it("keeps an object whose follow-up step failed, and the next up completes it", async () => {
    let importId = "";
    test = await createMosaicStack({
      projectName: "partial",
      program: async () => ({
        appId: new mosaic.Application("portal", { appName: "Partial portal", appDescription: "managed by Pulumi", importId }).appId,
      }),
      // No retries, so the injected 503 reaches the resource instead of being retried away.
      config: { "mosaic:maxRetries": { value: "0" } },
    });
    const { stack, capture, emulator } = test;
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    const existing = await api.applications.create({
      app_name: "Partial portal",
      client_display_name: "Partial portal",
      app_description: "made by hand",
    });
    importId = existing.app_id;

    emulator.admin.setFaults([{ method: "PUT", route: "/v1/applications/:appId", kind: "status", status: 503 }]);
    const error = await failureOf(stack.up({ ...capture }));
    expect(error?.message).toContain(`Application ${existing.app_id} exists, but updating it to match the program failed`);
    const kept = (await test.stateResources()).find((r) => r.urn.endsWith("mosaic:Application::portal"));
    expect(kept?.id, "the engine keeps the object it was told about").toBe(existing.app_id);
    expect(JSON.stringify(kept)).not.toContain(String(existing.client_secret));

    emulator.admin.setFaults([]);
    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.outputs.appId.value).toBe(existing.app_id);
    const counts = callCounts(emulator);
    expect(counts["POST /v1/applications"]).toBeUndefined();
    expect(counts["PUT /v1/applications/:appId"]).toBe(1);
    const dump = emulator.admin.dump() as { applications: any[] };
    expect(dump.applications).toHaveLength(1);
    expect(dump.applications[0].app_description).toBe("managed by Pulumi");
    await stack.refresh({ ...capture, expectNoChanges: true });
  });
});
