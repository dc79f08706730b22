// The built SDK as users load it: its public exports, and serialized stubs that stay tiny and free of anything
// machine- or credential-specific. (That the SDK declares exactly the field model's inputs and outputs is
// test/unit/field-model.test.ts.)
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The built SDK, loaded by Node itself: Pulumi serializes what users load, not Vite-transformed modules.
const nodeRequire = createRequire(__filename);
const dist = path.resolve(__dirname, "../../dist/sdk");
const loadBuilt = (file: string) => nodeRequire(path.join(dist, file));

describe("SDK surface", () => {
  it("exports the management API client for scripts as pulumi-mosaic/api and pulumi-mosaic/provider", () => {
    expect(typeof nodeRequire("pulumi-mosaic/api").MosaicClient).toBe("function");
    expect(nodeRequire("pulumi-mosaic/provider").MosaicClient).toBe(nodeRequire("pulumi-mosaic/api").MosaicClient);
    expect(Object.keys(nodeRequire("pulumi-mosaic"))).toEqual(
      expect.arrayContaining(["Application", "Client", "ClientResources", "getApplication", "getApplications", "getClient", "getClients"]),
    );
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
