// Crash recovery without program edits (docs/README.md#crash-recovery): the CLI or the provider process is SIGKILLed
// at seeded moments of `pulumi up` and `pulumi destroy` (the emulator slows every write so that kills land mid-create
// and mid-delete), and the next plain `pulumi up` / `pulumi destroy` must converge with no duplicate and no orphan.
// Then a machine without the create journal (a fresh CI runner): the name clash names the one setting that adopts
// what the interrupted run created, and one run with it converges.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StartedEmulator } from "../../emulator";
import { createMosaicStack, mosaic, type MosaicStack } from "./support/mosaic-stack";
import { failureOf, type StateResource } from "./support/engine";
import { dynamicProviderHosts, isAlive, killPids, stackProcessesNamed } from "./support/processes";

const APPS = 2; // each: an application, two clients and a resource list
const UP_KILLS = 3;
const SEED = 20261203;

function fleet() {
  const outputs: Record<string, unknown> = {};
  for (let i = 0; i < APPS; i++) {
    const app = new mosaic.Application(`crash-${i}`, { appName: `Crash app ${i}` });
    const clients = ["web", "api"].map(
      (name) =>
        new mosaic.Client(`crash-${i}-${name}`, { applicationId: app.appId, name, redirectUris: [`https://crash${i}.example.com/cb`] }),
    );
    new mosaic.ClientResources(`crash-${i}-apis`, { applicationId: app.appId, clientId: clients[0].clientId, resourceIds: [`res-${i}`] });
    outputs[`app${i}`] = app.appId;
  }
  return outputs;
}

/** A small seeded generator (mulberry32), so every run kills at the same moments. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Dump = { applications: any[]; clients: any[] };

/** Duplicates (a name held twice) and orphans (objects in the API that the stack does not know). */
function audit(emulator: StartedEmulator, state: StateResource[]) {
  const dump = emulator.admin.dump() as Dump;
  const appIds = new Set(state.filter((r) => r.type.endsWith(":Application")).map((r) => r.id));
  const clientIds = new Set(state.filter((r) => r.type.endsWith(":Client")).map((r) => r.id));
  const defaultClients = new Set(dump.applications.map((a) => a.client_id));
  const names = [...dump.applications.map((a) => `app ${a.app_name}`), ...dump.clients.map((c) => `client ${c.app_id}/${c.name}`)];
  const duplicates = names.length - new Set(names).size;
  const orphans =
    dump.applications.filter((a) => !appIds.has(a.app_id)).length +
    dump.clients.filter((c) => !defaultClients.has(c.client_id) && !clientIds.has(`${c.app_id}/${c.client_id}`)).length;
  return { duplicates, orphans, objects: dump.applications.length + dump.clients.length };
}

describe("crash recovery", () => {
  let test: MosaicStack;
  const stacks: MosaicStack[] = [];
  afterAll(async () => {
    for (const each of stacks) await each.dispose();
  });

  /**
   * Starts `operation`, SIGKILLs the CLI or the provider after `delayMs`, and waits for the operation to end. Then
   * checks that nothing of the killed run reaches the API any more: a provider host that had loaded the provider stops
   * with its engine, and no request arrives after the last host is gone.
   */
  async function killDuring(operation: Promise<unknown>, delayMs: number, target: "cli" | "provider") {
    let settled = false;
    const ended = operation.then(
      () => "finished",
      () => "failed",
    );
    void ended.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const victims = target === "cli" ? stackProcessesNamed(test.pulumiHome, "pulumi") : dynamicProviderHosts(test.pulumiHome);
    const killedAt = Date.now();
    const hit = !settled && killPids(victims) > 0;
    const outcome = await ended;
    // A killed CLI leaves its stack lock behind; `pulumi cancel` releases it, as a user does after a crash.
    if (target === "cli") await test.stack.cancel().catch(() => undefined);
    const deadline = killedAt + 3_000;
    while (dynamicProviderHosts(test.pulumiHome).some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // A host the engine never sent a resource request has not loaded the provider, so nothing watches the engine
    // there (docs/README.md#when-the-engine-dies); it sends nothing. Ended here so the next run starts clean.
    const idleHosts = killPids(dynamicProviderHosts(test.pulumiHome).filter(isAlive));
    const hostsGoneAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // When the kill missed (the operation had already ended or not yet started its CLI), there is no killed run.
    const landed = hit && outcome === "failed";
    const late = test.emulator.admin.requestLog().filter((entry) => entry.at > hostsGoneAt);
    if (landed) expect(late, "requests of the killed run after it was killed").toEqual([]);
    return { hit: landed, idleHosts };
  }

  it("converges after SIGKILLs of the CLI or the provider mid-up and mid-destroy, with no program edit", { timeout: 400_000 }, async () => {
    test = await createMosaicStack({ projectName: "crash", program: async () => fleet() });
    stacks.push(test);
    const { stack, capture, emulator } = test;
    const random = seeded(SEED);
    // Every write waits 400-700 ms in the emulator, so a kill is likely to land while creates or deletes are in flight.
    const slowWrites = (on: boolean) =>
      emulator.admin.setFaults(
        on
          ? [
              { method: "POST", route: "/v1/applications", kind: "latency", ms: 600 },
              { method: "POST", route: "/v1/applications/:appId/clients", kind: "latency", ms: 500 },
              { method: "PUT", route: "/v1/applications/:appId/clients/:clientId/resources", kind: "latency", ms: 400 },
              { method: "DELETE", route: "/v1/applications/:appId", kind: "latency", ms: 600 },
              { method: "DELETE", route: "/v1/applications/:appId/clients/:clientId", kind: "latency", ms: 500 },
            ]
          : [],
      );
    const tally = { tried: 0, landed: 0, converged: 0, duplicates: 0, orphans: 0, pendingAfter: 0, idleHosts: 0 };
    const started = Date.now();

    for (let round = 0; round < UP_KILLS; round++) {
      const target = round % 2 === 0 ? "cli" : "provider";
      slowWrites(true);
      const upDelay = 1_500 + Math.floor(random() * 4_000);
      const up = await killDuring(stack.up({ ...capture }), upDelay, target);
      tally.tried++;
      tally.idleHosts += up.idleHosts;
      if (up.hit) tally.landed++;
      slowWrites(false);
      const recovered = await failureOf(stack.up({ ...capture }));
      expect(recovered?.message, `up after a kill at ${upDelay} ms (${target})`).toBeUndefined();
      const afterUp = audit(emulator, await test.stateResources());
      tally.duplicates += afterUp.duplicates;
      tally.orphans += afterUp.orphans;
      expect(afterUp).toMatchObject({ duplicates: 0, orphans: 0, objects: APPS * 4 }); // default + web + api per app
      tally.converged++;

      slowWrites(true);
      const destroyDelay = 1_000 + Math.floor(random() * 2_500);
      const destroy = await killDuring(stack.destroy({ ...capture }), destroyDelay, round % 2 === 0 ? "provider" : "cli");
      tally.tried++;
      tally.idleHosts += destroy.idleHosts;
      if (destroy.hit) tally.landed++;
      slowWrites(false);
      const destroyed = await failureOf(stack.destroy({ ...capture }));
      expect(destroyed?.message, `destroy after a kill at ${destroyDelay} ms`).toBeUndefined();
      const afterDestroy = audit(emulator, []);
      tally.orphans += afterDestroy.orphans;
      expect(afterDestroy.objects).toBe(0);
      tally.converged++;
      const checkpoint = JSON.parse(await test.exportedState()).checkpoint;
      tally.pendingAfter += checkpoint?.latest?.pending_operations?.length ?? 0;
    }
    console.log(
      `crash recovery: ${tally.tried} kills tried (${tally.landed} landed mid-operation), ${tally.converged} converged with no edit, ` +
        `${tally.duplicates} duplicates, ${tally.orphans} orphans, ${tally.pendingAfter} pending operations left, ` +
        `${tally.idleHosts} idle provider hosts; ${Date.now() - started} ms`,
    );
    expect(tally.landed).toBeGreaterThanOrEqual(UP_KILLS);
    expect(tally).toMatchObject({ converged: 2 * UP_KILLS, duplicates: 0, orphans: 0 });
  });

  it(
    "on a machine without the journal, the clash names the one setting that adopts what the crashed run created",
    { timeout: 200_000 },
    async () => {
      test = await createMosaicStack({ projectName: "crash-fresh", program: async () => fleet() });
      stacks.push(test);
      const { stack, capture, emulator } = test;
      // The first application's create is applied and its answer lost; the reconciling list then hangs, so the engine
      // is certainly waiting for that create when the CLI is killed.
      emulator.admin.setFaults([
        { method: "POST", route: "/v1/applications", kind: "applied-then-reset", times: 1 },
        { method: "GET", route: "/v1/applications", kind: "hang", ms: 60_000, times: 1 },
      ]);
      const running = stack.up({ ...capture });
      const deadline = Date.now() + 60_000;
      while (!emulator.admin.requestLog().some((e) => e.method === "POST" && e.route === "/v1/applications") && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await killDuring(running, 0, "cli");
      emulator.admin.setFaults([]);
      expect(audit(emulator, await test.stateResources()).orphans).toBeGreaterThan(0);

      // A fresh runner: no journal.
      rmSync(path.join(test.pulumiHome, "mosaic-journal"), { recursive: true, force: true });
      const clash = await failureOf(stack.up({ ...capture }));
      const setting = /MOSAIC_ADOPT_CREATED_SINCE=(\S+) pulumi up/.exec(String(clash?.message))?.[1];
      expect(clash?.message).toContain("[MOSAIC_NAME_TAKEN]");
      expect(setting).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);

      stack.workspace.envVars.MOSAIC_ADOPT_CREATED_SINCE = setting!;
      try {
        await stack.up({ ...capture });
      } finally {
        delete stack.workspace.envVars.MOSAIC_ADOPT_CREATED_SINCE;
      }
      expect(audit(emulator, await test.stateResources())).toMatchObject({ duplicates: 0, orphans: 0, objects: APPS * 4 });
      // Pending creates of the killed run are cleared the way the adoption message says.
      await stack.refresh({ ...capture, clearPendingCreates: true });
      const checkpoint = JSON.parse(await test.exportedState()).checkpoint;
      expect(checkpoint.latest.pending_operations ?? []).toEqual([]);
      expect(audit(emulator, await test.stateResources())).toMatchObject({ duplicates: 0, orphans: 0 });
    },
  );

  it("the provider stops within about a second of the engine dying, abandoning its retries", { timeout: 120_000 }, async () => {
    test = await createMosaicStack({
      projectName: "crash-engine",
      program: async () => ({ appId: new mosaic.Application("retrying", { appName: "Retrying portal" }).appId }),
      config: { "mosaic:maxRetries": { value: "10" } },
    });
    stacks.push(test);
    const { stack, capture, emulator } = test;
    // Every create answers 503: the provider would go on reconciling and retrying for many seconds.
    emulator.admin.setFaults([{ method: "POST", route: "/v1/applications", kind: "status", status: 503 }]);
    const running = stack.up({ ...capture }).catch(() => undefined);
    const deadline = Date.now() + 60_000;
    while (!emulator.admin.requestLog().some((e) => e.method === "POST" && e.route === "/v1/applications") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const hosts = dynamicProviderHosts(test.pulumiHome);
    expect(hosts.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    expect(killPids(stackProcessesNamed(test.pulumiHome, "pulumi"))).toBeGreaterThan(0);
    while (hosts.some(isAlive) && Date.now() < killedAt + 10_000) await new Promise((resolve) => setTimeout(resolve, 10));
    const exitMs = Date.now() - killedAt;
    await running;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const after = emulator.admin.requestLog().filter((entry) => entry.at > killedAt + exitMs);
    console.log(`engine killed: the provider exited after ${exitMs} ms; ${after.length} requests reached the API afterwards`);
    expect(hosts.filter(isAlive)).toEqual([]);
    expect(exitMs).toBeLessThan(1_500);
    expect(after).toEqual([]);
    emulator.admin.setFaults([]);
    await stack.cancel().catch(() => undefined);
  });
});
