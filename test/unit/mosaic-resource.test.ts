// sdk/mosaic-resource.ts registers every resource with Error.stackTraceLimit at 0 (the Node SDK's per-output stack
// traces were most of a program's CPU, docs/performance.md#program-cpu). The change must never outlive the
// constructor, and an error thrown during registration must still point at the program's line.
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// The built SDK, as users load it. Outside a Pulumi program the SDK's registration is asynchronous and never reaches
// an engine, so constructing a resource here runs exactly the synchronous part this file is about.
const nodeRequire = createRequire(__filename);
const mosaic = nodeRequire(path.resolve(__dirname, "../../dist/sdk"));
const originalLimit = Error.stackTraceLimit;

describe("MosaicResource registration", () => {
  afterEach(() => {
    Error.stackTraceLimit = originalLimit;
  });

  it("leaves Error.stackTraceLimit as the program set it, for every resource type", () => {
    Error.stackTraceLimit = 17;
    const app = new mosaic.Application("app", { appName: "Stack limit" });
    expect(Error.stackTraceLimit).toBe(17);
    new mosaic.Client("web", { applicationId: app.appId, name: "web" });
    new mosaic.ClientResources("apis", { applicationId: app.appId, clientId: "c", resourceIds: [] });
    new mosaic.SigningKey("key", { applicationId: app.appId, name: "k" });
    expect(Error.stackTraceLimit).toBe(17);
  });

  it("still creates an output for every input and server output", () => {
    const app = new mosaic.Application("outputs", { appName: "Outputs" });
    for (const key of ["appName", "loginUri", "defaultClientSecret", "customDomainStatus"]) {
      expect(mosaic.Application.isInstance(app) && typeof app[key]?.apply).toBe("function");
    }
  });

  it("gives an error thrown during registration the stack of the program's call, and restores the limit", () => {
    Error.stackTraceLimit = 12;
    let thrown: unknown;
    try {
      new mosaic.Client(undefined, { applicationId: "a", name: "web" });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/resource name/);
    expect((thrown as Error).stack).toContain("mosaic-resource.test.ts");
    expect(Error.stackTraceLimit).toBe(12);
  });
});
