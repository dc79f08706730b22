// The built SDK as users load it: its public exports, and serialized stubs that stay tiny and free of anything
// machine- or credential-specific. (That the SDK declares exactly the field model's inputs and outputs is
// test/unit/field-model.test.ts.)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
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
      expect.arrayContaining([
        "Application",
        "Client",
        "ClientResources",
        "SigningKey",
        "getApplication",
        "getApplications",
        "getClient",
        "getClients",
      ]),
    );
  });

  const stubNames = {
    applicationStub: "application",
    clientStub: "client",
    clientResourcesStub: "client-resources",
    signingKeyStub: "signing-key",
  } as const;
  const forbidden = [path.resolve(__dirname, "../.."), "__vi_", "__vite_ssr", "undici", "zod", "clientSecret"];

  it("serializes each stub, where the package is linked (not under node_modules), to self-contained methods", async () => {
    const pulumi = nodeRequire("@pulumi/pulumi");
    const stubs = loadBuilt("stubs.js");
    for (const name of Object.keys(stubNames)) {
      const stub = stubs[name]; // as the SDK's Resource serializes it: the provider object alone
      const serialized = await pulumi.runtime.serializeFunction(() => stub, { allowSecrets: true });
      expect(serialized.containsSecrets).toBe(false);
      expect(serialized.text.length).toBeLessThan(3_000);
      expect(serialized.text).toContain('require("pulumi-mosaic/provider")');
      for (const text of forbidden) expect(serialized.text).not.toContain(text);
    }
  });

  it("serializes each stub of an installed package (under node_modules) to one require of its module, at most 500 bytes", async () => {
    const pulumi = nodeRequire("@pulumi/pulumi");
    const installed = path.join(mkdtempSync(path.join(tmpdir(), "mosaic-stubs-")), "node_modules", "pulumi-mosaic");
    try {
      mkdirSync(installed, { recursive: true });
      cpSync(path.resolve(__dirname, "../../package.json"), path.join(installed, "package.json"));
      cpSync(path.resolve(__dirname, "../../dist/sdk"), path.join(installed, "dist", "sdk"), { recursive: true });
      const stubs = nodeRequire(path.join(installed, "dist", "sdk", "stubs.js"));
      for (const [name, file] of Object.entries(stubNames)) {
        const stub = stubs[name];
        const serialized = await pulumi.runtime.serializeFunction(() => stub, { allowSecrets: true });
        expect(serialized.text).toContain(`require("pulumi-mosaic/dist/sdk/dynamic/${file}.js")`);
        expect(serialized.text.length).toBeLessThanOrEqual(500);
        expect(serialized.text).not.toContain("configure");
        for (const text of [...forbidden, installed]) expect(serialized.text).not.toContain(text);
      }
    } finally {
      rmSync(path.dirname(path.dirname(installed)), { recursive: true, force: true });
    }
  });

  it("exports every stub module under the path the serializer writes for it", () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
    for (const file of Object.values(stubNames)) {
      const subpath = `./dist/sdk/dynamic/${file}.js`;
      expect(pkg.exports[subpath]).toBe(subpath);
      expect(Object.keys(nodeRequire(`pulumi-mosaic/dist/sdk/dynamic/${file}.js`))).toEqual(
        expect.arrayContaining(["configure", "check", "diff", "create", "read", "update", "delete"]),
      );
    }
  });
});
