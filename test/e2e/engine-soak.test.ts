// The small version of the fault soak (bench/engine-soak.ts runs 1,000 resources): 50 resources created, updated
// and destroyed through the real engine with 20% of API and token requests failing. Every phase converges within
// the attempt bound, and after each one the tenant and the stored state agree exactly (scripts/lib/engine-soak.ts).
import { describe, expect, it } from "vitest";
import { engineSoakTables, runEngineSoak } from "../../scripts/lib/engine-soak";

describe("fault soak through the engine", () => {
  it("50 resources at 20% faults: create, update and delete converge with tenant == state, 0 duplicates, orphans, lost", async () => {
    const result = await runEngineSoak({ resources: 50, faultRate: 0.2, seed: 1212, maxAttempts: 4, deadlineSeconds: 300 });
    console.log(engineSoakTables(result));

    expect(result.phases.map((p) => [p.phase, p.converged])).toEqual([
      ["create", true],
      ["update", true],
      ["delete", true],
    ]);
    for (const { agreement, attempts } of result.phases) {
      expect(attempts.length).toBeLessThanOrEqual(4);
      expect(agreement).toMatchObject({
        duplicates: 0,
        orphans: 0,
        lost: 0,
        stateMismatches: 0,
        pendingOperations: 0,
        plaintextSecrets: 0,
      });
    }
    const [created, updated, deleted] = result.phases.map((p) => p.agreement);
    expect([created.stateResources, updated.stateResources, deleted.stateResources]).toEqual([50, 50, 0]);
    expect([created.tenantApplications, created.tenantClients]).toEqual([10, 40]); // each app: a default client and three
    expect([deleted.tenantApplications, deleted.tenantClients]).toEqual([0, 0]);

    // The faults really happened, the ambiguous writes (applied, then the answer lost) included.
    const faults = result.phases.flatMap((p) => Object.entries(p.faults));
    const injected = (pattern: RegExp) => faults.filter(([kind]) => pattern.test(kind)).reduce((n, [, count]) => n + count, 0);
    expect(injected(/./)).toBeGreaterThan(20);
    expect(injected(/^applied-then-/)).toBeGreaterThan(0);
    expect(result.ok).toBe(true);
  });
});
