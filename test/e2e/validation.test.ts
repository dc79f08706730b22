// Scenarios f and g: bad inputs fail at preview with a message naming the property and create nothing; a preview
// whose applicationId is not yet known succeeds.
import { afterAll, describe, expect, it } from "vitest";
import { failureOf, requireNative } from "./support/engine";
import { createMosaicStack, mosaic, totalCalls, type MosaicStack } from "./support/mosaic-stack";

type Case = { name: string; declare: () => void; property: string; reason: string };

const cases: Case[] = [
  {
    name: "wrong type",
    declare: () => new mosaic.Application("app", { appName: 42 as unknown as string }),
    property: "appName",
    reason: "must be a string",
  },
  {
    name: "bad enum",
    declare: () =>
      new mosaic.Client("c", { applicationId: "app1", name: "c", redirectUris: ["https://x.example/cb"], clientType: "desktop" as "web" }),
    property: "clientType",
    reason: 'must be one of: "web", "native"',
  },
  {
    name: "bad URL",
    declare: () => new mosaic.Client("c", { applicationId: "app1", name: "c", redirectUris: ["portal/callback"] }),
    property: "redirectUris[0]",
    reason: "must be an absolute URL",
  },
  {
    name: "missing required field",
    declare: () => new mosaic.Client("c", { applicationId: "app1", redirectUris: ["https://x.example/cb"] } as any),
    property: "name",
    reason: "is required",
  },
  {
    name: "SAML field on an OIDC client",
    declare: () =>
      new mosaic.Client("c", { applicationId: "app1", name: "c", redirectUris: ["https://x.example/cb"], spEntityId: "urn:sp" }),
    property: "spEntityId",
    reason: 'only applies to SAML clients, but authenticationProtocol is "oidc"',
  },
];

describe("input validation at preview", () => {
  let test: MosaicStack;
  let current: () => void = () => {};
  afterAll(async () => test?.dispose());

  it.each(cases)("f. $name fails at preview naming $property, and nothing is created", async ({ declare, property, reason }) => {
    test ??= await createMosaicStack({ projectName: "validation", program: async () => current() });
    current = declare;
    test.emulator.admin.clearLog();
    const error = await failureOf(test.stack.preview({ ...test.capture }));
    expect(error, "preview must fail").toBeInstanceOf(Error);
    expect(error!.message).toContain(`${property}: ${reason}`);
    expect(totalCalls(test.emulator)).toBe(0);
    expect(test.emulator.admin.dump().applications).toHaveLength(0);
  });

  it("f. a secret passed to a field that rejects it is never echoed", async () => {
    const pulumi = requireNative<typeof import("@pulumi/pulumi")>("@pulumi/pulumi");
    const secretValue = "sup3r-secret-value-in-the-wrong-field";
    current = () =>
      new mosaic.Client("c", {
        applicationId: "app1",
        name: "c",
        redirectUris: ["https://x.example/cb"],
        clientType: pulumi.secret(secretValue) as any,
      });
    const logsBefore = test.logs.length;
    const error = await failureOf(test.stack.preview({ ...test.capture }));
    expect(error?.message).toContain('clientType: must be one of: "web", "native"');
    expect(error?.message).not.toContain(secretValue);
    expect(test.logs.slice(logsBefore).join("\n")).not.toContain(secretValue);
  });

  it("g. a preview where applicationId is still unknown succeeds", async () => {
    current = () => {
      const app = new mosaic.Application("portal", { appName: "Unknown-id portal" });
      const web = new mosaic.Client("web", { applicationId: app.appId, name: "web", redirectUris: ["https://portal.example.com/cb"] });
      new mosaic.ClientResources("apis", { applicationId: app.appId, clientId: web.clientId, resourceIds: ["res-1"] });
    };
    const preview = await test.stack.preview({ ...test.capture });
    expect(preview.changeSummary).toMatchObject({ create: 4 });
    expect(totalCalls(test.emulator)).toBe(0);
  });
});
