// Scenario h: a 30-resource up through an API that fails 20% of requests converges without duplicates; and a
// `pulumi up` killed (SIGKILL) right after the API applied a create never leads to a duplicate: the next plain up
// adopts the object the killed run created (the create journal).
import { afterAll, describe, expect, it } from "vitest";
import { createMosaicStack, mosaic, type MosaicStack } from "./support/mosaic-stack";
import { killStackProcesses } from "./support/processes";

const APPS = 6; // each: an application, 3 clients and a resource list = 30 resources

function fleet() {
  const outputs: Record<string, unknown> = {};
  for (let i = 0; i < APPS; i++) {
    const app = new mosaic.Application(`app-${i}`, { appName: `Fleet app ${i}`, appDescription: `app ${i}` });
    const clients = ["web", "mobile", "api"].map(
      (name) =>
        new mosaic.Client(`app-${i}-${name}`, { applicationId: app.appId, name, redirectUris: [`https://app${i}.example.com/${name}/cb`] }),
    );
    new mosaic.ClientResources(`app-${i}-apis`, { applicationId: app.appId, clientId: clients[0].clientId, resourceIds: [`res-${i}`] });
    outputs[`app${i}`] = app.appId;
  }
  return outputs;
}

type Dump = { applications: any[]; clients: any[] };

describe("faults", () => {
  const stacks: MosaicStack[] = [];
  afterAll(async () => {
    for (const test of stacks) await test.dispose();
  });

  it("h. an up of 30 resources at 20% injected faults converges with no duplicates", async () => {
    const test = await createMosaicStack({
      projectName: "faults-fleet",
      program: async () => fleet(),
      emulator: {
        faultRate: 0.2,
        seed: 20261123,
        // On top of the random 20%: writes that are applied and then fail, the case that creates duplicates.
        faults: [
          { method: "POST", route: "/v1/applications", kind: "applied-then-reset", times: 2 },
          { method: "POST", route: "/v1/applications/:appId/clients", kind: "applied-then-status", status: 503, times: 2 },
        ],
      },
      config: { "mosaic:maxRetries": { value: "8" } },
    });
    stacks.push(test);
    const up = await test.stack.up({ ...test.capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 31 });
    const log = test.emulator.admin.requestLog();
    const faulted = log.filter((entry) => entry.fault);
    console.log(
      `h. 30 resources at 20% faults: ${log.length} requests, ${faulted.length} faulted ` +
        `(${new Set(faulted.map((f) => f.fault)).size} kinds)`,
    );
    expect(faulted.length).toBeGreaterThan(5);
    expect(faulted.filter((f) => f.fault?.startsWith("applied-then")).length).toBeGreaterThanOrEqual(4);

    const dump = test.emulator.admin.dump() as Dump;
    expect(dump.applications).toHaveLength(APPS);
    expect(dump.clients).toHaveLength(APPS * 4); // default + web + mobile + api
    const names = dump.clients.map((c) => `${c.app_id}/${c.name}`);
    expect(new Set(names).size).toBe(names.length);

    test.emulator.admin.setFaults([]);
    test.emulator.admin.setFaultRate(0);
    await test.stack.refresh({ ...test.capture, expectNoChanges: true });
    await test.stack.destroy({ ...test.capture });
    expect(test.emulator.admin.dump()).toEqual({ applications: [], clients: [], signingKeys: [] });
  });

  it("h. after the engine is killed mid-create, the next plain up adopts the orphan", async () => {
    const test = await createMosaicStack({
      projectName: "faults-kill",
      program: async () => ({ appId: new mosaic.Application("portal", { appName: "Crash portal" }).appId }),
    });
    stacks.push(test);
    const { stack, capture, emulator } = test;
    // The create is applied and its connection dropped; the client's reconciling list call then hangs (longer
    // than its 30 s request timeout), so the engine is certainly still waiting for the create when it is killed.
    emulator.admin.setFaults([
      { method: "POST", route: "/v1/applications", kind: "applied-then-reset", times: 1 },
      { method: "GET", route: "/v1/applications", kind: "hang", ms: 60_000, times: 1 },
    ]);
    let settled = false;
    const running = stack
      .up({ ...capture })
      .then(
        () => "finished",
        () => "failed",
      )
      .finally(() => (settled = true));
    const deadline = Date.now() + 60_000;
    const createLogged = () => emulator.admin.requestLog().some((e) => e.method === "POST" && e.route === "/v1/applications");
    while (!createLogged() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // Long enough for the client's backoff and the start of its (hanging) lookup; far below its request timeout.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(settled, "the engine must still be waiting for the create").toBe(false);
    expect((emulator.admin.dump() as Dump).applications).toHaveLength(1);
    expect(killStackProcesses(test.pulumiHome)).toBeGreaterThan(0);
    expect(await running).toBe("failed");
    emulator.admin.setFaults([]);
    const orphan = (emulator.admin.dump() as Dump).applications[0];

    // The killed run left its stack lock behind; `pulumi cancel` releases it, as a user would after a crash.
    await stack.cancel();
    // The create journal (docs/README.md#crash-recovery) lets the next plain up adopt the orphan: no program edit.
    const logStart = test.logs.length;
    emulator.admin.clearLog();
    const recovered = await stack.up({ ...capture });
    expect(recovered.outputs.appId.value).toBe(orphan.app_id);
    expect(test.logs.slice(logStart).join("")).toContain(
      `adopting application "Crash portal" (id ${orphan.app_id}) that an interrupted run created`,
    );
    expect(emulator.admin.requestCounts()["POST /v1/applications"]).toBeUndefined();
    expect((emulator.admin.dump() as Dump).applications).toHaveLength(1);
  });
});
