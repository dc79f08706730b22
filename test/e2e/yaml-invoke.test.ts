// The lookups as the package schema's functions: a YAML program calls them with fn::invoke, the engine sends Invoke
// to the pulumi-resource-mosaic plugin (dist/pulumi-plugin), and the results come back with the client secret still
// a secret in the stack's outputs as stored.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { MosaicClient } from "../../provider/api";
import { emulatorStackConfig, isolatedPulumi, preparedPulumiCommand, storedState } from "../../scripts/lib/isolated-pulumi";
import { auto, repoRoot } from "./support/engine";
import { callCounts } from "./support/mosaic-stack";

const pluginDir = path.join(repoRoot, "dist", "pulumi-plugin");

describe("lookups as invokes from a YAML program", () => {
  let base: string;
  let emulator: StartedEmulator;
  beforeAll(async () => {
    if (!existsSync(path.join(pluginDir, "pulumi-resource-mosaic")) || !(process.env.PATH ?? "").includes("pulumi-language-yaml")) {
      throw new Error("this test needs the plugin folder and the YAML language host; run it through scripts/test.sh");
    }
    base = mkdtempSync(path.join(tmpdir(), "mosaic-yaml-invoke-"));
    emulator = await startEmulator({ seed: 13 });
  });
  afterAll(async () => {
    await emulator?.close();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it("fn::invoke of getClient and getApplications: one request each, the secret kept secret", async () => {
    const api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    let app, web;
    try {
      app = await api.applications.create({ app_name: "YAML lookup portal", client_display_name: "default" });
      web = await api.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: ["https://portal.example.com/callback"] });
    } finally {
      await api.close();
    }

    const isolated = isolatedPulumi(base);
    const workDir = path.join(base, "project");
    mkdirSync(workDir, { recursive: true });
    writeFileSync(
      path.join(workDir, "Pulumi.yaml"),
      [
        "name: yaml-invoke",
        "runtime: yaml",
        "plugins:",
        "  providers:",
        "    - name: mosaic",
        `      path: ${pluginDir}`,
        "variables:",
        "  web:",
        "    fn::invoke:",
        "      function: mosaic:index:getClient",
        "      arguments:",
        `        applicationId: ${app.app_id}`,
        "        name: web",
        "  all:",
        "    fn::invoke:",
        "      function: mosaic:index:getApplications",
        "      arguments: {}",
        "outputs:",
        "  clientId: ${web.clientId}",
        "  redirectUris: ${web.redirectUris}",
        "  clientSecret: ${web.clientSecret}",
        "  firstAppName: ${all.applications[0].appName}",
        "",
      ].join("\n"),
    );
    const pulumiCommand = await preparedPulumiCommand(auto);
    const stack = await auto.LocalWorkspace.createStack(
      { workDir, stackName: "dev" },
      { workDir, pulumiHome: isolated.home, envVars: isolated.envVars, pulumiCommand },
    );
    await stack.setAllConfig(emulatorStackConfig(emulator));
    const logs: string[] = [];
    const capture = { onOutput: (out: string) => void logs.push(out), onError: (err: string) => void logs.push(err) };

    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.outputs.clientId.value).toBe(web.client_id);
    expect(up.outputs.redirectUris.value).toEqual(["https://portal.example.com/callback"]);
    expect(up.outputs.firstAppName.value).toBe("YAML lookup portal");
    expect(up.outputs.clientSecret).toEqual({ value: web.client_secret, secret: true });
    expect(callCounts(emulator)).toMatchObject({ "GET /v1/applications/:appId/clients": 1, "GET /v1/applications/list": 1 });

    const stored = storedState(isolated.backend, "yaml-invoke", "dev");
    const root = JSON.parse(stored).checkpoint.latest.resources.find((r: { type: string }) => r.type === "pulumi:pulumi:Stack");
    expect(root.outputs.clientSecret).toHaveProperty("ciphertext");
    expect(stored).not.toContain(web.client_secret!);
    expect(logs.join("\n")).not.toContain(web.client_secret!);
    await stack.destroy({ ...capture });
    await stack.workspace.removeStack("dev");
  });
});
