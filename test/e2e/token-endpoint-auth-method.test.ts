// The client field `tokenEndpointAuthMethod` (the vendor's deprecated `token_endpoint_auth_method`, added when the
// field-coverage test found it missing) through the real engine: created, read back with no drift, updated in place
// by one PUT, and an out-of-band change to it is seen by refresh.
import { afterAll, describe, expect, it } from "vitest";
import { callCounts, createMosaicStack, mosaic, type MosaicStack } from "./support/mosaic-stack";

describe("tokenEndpointAuthMethod", () => {
  let test: MosaicStack;
  let method = "private_key_jwt";
  let appId: string;
  let clientId: string;
  afterAll(async () => test?.dispose());

  const storedMethod = () =>
    (test.emulator.admin.dump() as unknown as { clients: { client_id: string; token_endpoint_auth_method?: string }[] }).clients.find(
      (client) => client.client_id === clientId,
    )?.token_endpoint_auth_method;

  it("is created as set and round-trips with no drift", async () => {
    test = await createMosaicStack({
      projectName: "token-endpoint-auth-method",
      program: async () => {
        const app = new mosaic.Application("portal", { appName: "Auth method portal" });
        const web = new mosaic.Client("web", {
          applicationId: app.appId,
          name: "web",
          redirectUris: ["https://portal.example.com/callback"],
          tokenEndpointAuthMethod: method as "private_key_jwt",
        });
        return { appId: app.appId, clientId: web.clientId, method: web.tokenEndpointAuthMethod };
      },
    });
    const { stack, capture } = test;
    const up = await stack.up({ ...capture });
    appId = up.outputs.appId.value;
    clientId = up.outputs.clientId.value;
    expect(up.outputs.method.value).toBe("private_key_jwt");
    expect(storedMethod()).toBe("private_key_jwt");

    test.emulator.admin.clearLog();
    await stack.refresh({ ...capture, expectNoChanges: true });
    await stack.preview({ ...capture, expectNoChanges: true });
    expect(callCounts(test.emulator)).not.toHaveProperty(["PUT /v1/applications/:appId/clients/:clientId"]);
  });

  it("a change is one PUT in place, then no drift", async () => {
    const { stack, capture } = test;
    method = "tls_client_auth";
    test.emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(up.outputs.clientId.value).toBe(clientId);
    expect(callCounts(test.emulator)).toMatchObject({ "PUT /v1/applications/:appId/clients/:clientId": 1 });
    expect(storedMethod()).toBe("tls_client_auth");
    const put = test.emulator.admin.requestLog().find((entry) => entry.method === "PUT");
    expect(put?.body).toMatchObject({ token_endpoint_auth_method: "tls_client_auth" });
    await stack.preview({ ...capture, expectNoChanges: true });
  });

  it("an out-of-band change shows up in refresh and up reverts it", async () => {
    const { stack, capture } = test;
    test.emulator.admin.mutateClient(appId, clientId, { token_endpoint_auth_method: "none" });
    const refresh = await stack.refresh({ ...capture });
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    await stack.up({ ...capture });
    expect(storedMethod()).toBe("tls_client_auth");
    await stack.refresh({ ...capture, expectNoChanges: true });
  });
});
