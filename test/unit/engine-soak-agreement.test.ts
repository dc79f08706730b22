// The fault soak's verdict (scripts/lib/engine-soak.ts, checkAgreement): each invariant it reports as 0 after a real
// run must be able to count a real disagreement between the tenant and the stored state.
import { describe, expect, it } from "vitest";
import { checkAgreement, intended } from "../../scripts/lib/engine-soak";

const SECRET = "s3cr3t-of-the-web-client";

/** One application's worth of tenant and stored state that agree, at generation 0. */
function agreeing() {
  const want = intended(0, 0);
  const applications: Record<string, unknown>[] = [
    { app_id: "a1", app_name: want.application.appName, app_description: want.application.appDescription },
  ];
  const clients: Record<string, unknown>[] = [{ client_id: "c0", app_id: "a1", name: "default", client_secret: "default-secret" }];
  const resources: Record<string, unknown>[] = [
    { urn: "urn:pulumi:soak::p::pulumi:pulumi:Stack::p-soak", type: "pulumi:pulumi:Stack", custom: false },
    {
      urn: "urn:pulumi:soak::p::pulumi-nodejs:dynamic:Resource::app-0",
      type: "pulumi-nodejs:dynamic:Resource",
      custom: true,
      id: "a1",
      outputs: { appId: "a1", defaultClientId: "c0", ...want.application },
    },
  ];
  want.clients.forEach((client, k) => {
    const id = `c${k + 1}`;
    clients.push({
      client_id: id,
      app_id: "a1",
      name: client.name,
      description: client.description,
      redirect_uris: client.redirectUris,
      client_secret: k === 0 ? SECRET : `secret-${k}`,
      ...(k === 0 ? { resources: want.resourceIds } : {}),
    });
    resources.push({
      urn: `urn:pulumi:soak::p::pulumi-nodejs:dynamic:Resource::app-0-${client.name}`,
      type: "pulumi-nodejs:dynamic:Resource",
      custom: true,
      id: `a1/${id}`,
      outputs: { clientId: id, applicationId: "a1", ...client, clientSecret: { ciphertext: "v1:xyz" } },
    });
  });
  resources.push({
    urn: "urn:pulumi:soak::p::pulumi-nodejs:dynamic:Resource::app-0-apis",
    type: "pulumi-nodejs:dynamic:Resource",
    custom: true,
    id: "a1/c1",
    outputs: { applicationId: "a1", clientId: "c1", resourceIds: want.resourceIds },
  });
  return { dump: { applications, clients }, checkpoint: { checkpoint: { latest: { resources } } } };
}

/** `generation` is what the program deploys; "destroyed" checks the state after destroy. */
const check = (t: ReturnType<typeof agreeing>, generation: number | "destroyed" = 0) =>
  checkAgreement(t.dump, JSON.stringify(t.checkpoint), new Set([SECRET]), 1, generation === "destroyed" ? undefined : generation);

describe("fault soak agreement check", () => {
  it("finds nothing wrong when tenant, state and program agree", () => {
    expect(check(agreeing())).toMatchObject({ stateResources: 5, duplicates: 0, orphans: 0, lost: 0, stateMismatches: 0, problems: [] });
  });

  it("counts a second object for one intended client as a duplicate (and as an orphan the state does not know)", () => {
    const t = agreeing();
    t.dump.clients.push({ ...t.dump.clients[1], client_id: "c9" });
    expect(check(t)).toMatchObject({ duplicates: 1, orphans: 1, lost: 0 });
  });

  it("counts an application that no state resource knows as an orphan", () => {
    const t = agreeing();
    t.dump.applications.push({ app_id: "a2", app_name: "left behind" });
    expect(check(t)).toMatchObject({ orphans: 1, duplicates: 0 });
  });

  it("counts an update the tenant does not show as lost, even when the state claims it", () => {
    const t = agreeing();
    expect(check(t, 1)).toMatchObject({ lost: 5 }); // the application, three clients and the resource list
    t.dump.clients[2].description = "edited elsewhere";
    expect(check(t).lost).toBe(1);
  });

  it("counts a state resource whose object is gone from the tenant as lost", () => {
    const t = agreeing();
    t.dump.clients.splice(3, 1);
    expect(check(t)).toMatchObject({ lost: 1, stateMismatches: 0, orphans: 0 });
  });

  it("counts a resource missing from the state as a mismatch, and its object as an orphan", () => {
    const t = agreeing();
    t.checkpoint.checkpoint.latest.resources.splice(3, 1);
    expect(check(t)).toMatchObject({ stateMismatches: 1, orphans: 1, lost: 0 });
  });

  it("after destroy, anything left in state or in the tenant counts", () => {
    const t = agreeing();
    expect(check(t, "destroyed")).toMatchObject({ stateMismatches: 5, orphans: 5 });
  });

  it("finds a client secret in plaintext and pending operations in the stored state", () => {
    const t = agreeing();
    (t.checkpoint.checkpoint.latest as Record<string, unknown>).pending_operations = [{ type: "creating" }];
    (t.checkpoint.checkpoint.latest.resources[2].outputs as Record<string, unknown>).clientSecret = SECRET;
    expect(check(t)).toMatchObject({ plaintextSecrets: 1, pendingOperations: 1 });
  });
});
