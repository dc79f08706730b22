// The SDK's classes and the provider's field tables describe the same resources from two sides (the SDK may not
// load the provider at module load). These tests keep them in step, and keep the serialized stubs tiny and free
// of anything machine- or credential-specific.
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applicationFields } from "../../provider/resources/application/fields";
import { clientFields } from "../../provider/resources/client/fields";
import { clientResourcesFields } from "../../provider/resources/client-resources/fields";

// The built SDK, loaded by Node itself: Pulumi serializes what users load, not Vite-transformed modules.
const nodeRequire = createRequire(__filename);
const dist = path.resolve(__dirname, "../../dist/sdk");
const loadBuilt = (file: string) => nodeRequire(path.join(dist, file));

describe("SDK surface", () => {
  it.each([
    ["application.js", "APPLICATION_OUTPUT_NAMES", applicationFields],
    ["client.js", "CLIENT_OUTPUT_NAMES", clientFields],
    ["client-resources.js", "CLIENT_RESOURCES_OUTPUT_NAMES", clientResourcesFields],
  ])("%s exposes every input of the provider's field table as an output", (file, exportName, fields) => {
    const outputNames: string[] = loadBuilt(file)[exportName];
    expect(outputNames).toEqual(expect.arrayContaining(Object.keys(fields)));
  });

  it("exports the management API client for scripts as pulumi-mosaic/api and pulumi-mosaic/provider", () => {
    expect(typeof nodeRequire("pulumi-mosaic/api").MosaicClient).toBe("function");
    expect(nodeRequire("pulumi-mosaic/provider").MosaicClient).toBe(nodeRequire("pulumi-mosaic/api").MosaicClient);
    expect(Object.keys(nodeRequire("pulumi-mosaic"))).toEqual(expect.arrayContaining(["Application", "Client", "ClientResources"]));
  });

  it("serializes each stub to a small closure that only requires the installed package", async () => {
    const pulumi = nodeRequire("@pulumi/pulumi");
    const stubs = loadBuilt("stubs.js");
    for (const name of ["applicationStub", "clientStub", "clientResourcesStub"]) {
      const stub = stubs[name]; // as the SDK's Resource serializes it: the provider object alone
      const serialized = await pulumi.runtime.serializeFunction(() => stub, { allowSecrets: true });
      expect(serialized.containsSecrets).toBe(false);
      expect(serialized.text.length).toBeLessThan(3_000);
      expect(serialized.text).toContain('require("pulumi-mosaic/provider")');
      for (const forbidden of [path.resolve(__dirname, "../.."), "__vi_", "__vite_ssr", "undici", "zod", "clientSecret"]) {
        expect(serialized.text).not.toContain(forbidden);
      }
    }
  });
});
