// The plugin front end (plugin/, dist/pulumi-plugin) through the real engine: a Pulumi YAML program, so nothing of
// the Node SDK is involved, against the emulator. Provider settings are stack config (mosaic:clientSecret a secret);
// the plugin is found through `plugins.providers` in Pulumi.yaml, and once more after `pulumi plugin install`.
// Needs the YAML language host on PATH and the plugin folder built: scripts/test.sh does both (ensure_yaml_host,
// scripts/build-plugin.sh).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { MosaicClient } from "../../provider/api";
import { emulatorStackConfig, storedState } from "../../scripts/lib/isolated-pulumi";
import { repoRoot } from "./support/engine";
import { callCounts, secretsIn } from "./support/mosaic-stack";
import { launcher, pluginDir, requireYamlPlugin, yamlProject, yamlStack, type PluginSource, type YamlStack } from "./support/yaml-stack";

const callback = "https://portal.example.com/callback";
const outputs = "  appId: ${app.appId}\n  clientId: ${web.clientId}\n  clientSecret: ${web.clientSecret}";

/** Pulumi.yaml of a project whose program is `resources` (YAML text, indented two spaces). */
function projectYaml(name: string, resources: string, plugin: PluginSource = "path"): string {
  return yamlProject(name, resources, outputs, plugin);
}

function program(description: string, extra = ""): string {
  return [
    "  app:",
    "    type: mosaic:index:Application",
    "    properties:",
    "      appName: YAML portal",
    `      appDescription: ${description}`,
    "  web:",
    "    type: mosaic:index:Client",
    "    properties:",
    "      applicationId: ${app.appId}",
    "      name: web",
    `      redirectUris: ["${callback}"]`,
    extra,
  ].join("\n");
}

beforeAll(requireYamlPlugin);

describe("the mosaic plugin from a YAML program", () => {
  let base: string;
  let emulator: StartedEmulator;
  let api: MosaicClient;
  let test: YamlStack;
  beforeAll(async () => {
    base = mkdtempSync(path.join(tmpdir(), "mosaic-yaml-"));
    emulator = await startEmulator({ seed: 11 });
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
  });
  afterAll(async () => {
    await api?.close();
    await emulator?.close();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it("creates, previews without changes, refreshes drift, updates in place, imports and destroys", async () => {
    test = await yamlStack(path.join(base, "main"), projectYaml("yaml-plugin", program("first")), emulatorStackConfig(emulator));
    const { stack, capture } = test;

    // A preview creates nothing: the engine sends Create with preview: true, and the plugin calls no handler.
    emulator.admin.clearLog();
    const preview = await stack.preview({ ...capture });
    expect(preview.changeSummary).toMatchObject({ create: 3 });
    expect(Object.keys(callCounts(emulator)).filter((route) => !route.startsWith("GET") && !route.includes("token"))).toEqual([]);

    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
    expect(callCounts(emulator)).toMatchObject({ "POST /v1/applications": 1, "POST /v1/applications/:appId/clients": 1 });
    const appId = up.outputs.appId.value as string;
    const clientId = up.outputs.clientId.value as string;
    expect(up.outputs.clientSecret.secret).toBe(true);
    expect(up.outputs.clientSecret.value).toMatch(/.{8,}/);

    // A no-op program makes no API call at all.
    emulator.admin.clearLog();
    await stack.preview({ ...capture, expectNoChanges: true });
    expect(callCounts(emulator)).toEqual({});

    // Drift: refresh shows the out-of-band edit, refresh --expect-no-changes would fail, and up reverts it.
    emulator.admin.mutateClient(appId, clientId, { redirect_uris: ["https://attacker.example/steal"] });
    const refresh = await stack.refresh({ ...capture });
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    emulator.admin.mutateClient(appId, clientId, { redirect_uris: ["https://attacker.example/again"] });
    await expect(stack.refresh({ ...capture, expectNoChanges: true })).rejects.toThrow(/no changes were expected/i);
    emulator.admin.clearLog();
    const revert = await stack.up({ ...capture });
    expect(revert.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(callCounts(emulator)).toMatchObject({ "PUT /v1/applications/:appId/clients/:clientId": 1 });
    const dump = () => emulator.admin.dump() as { applications: any[]; clients: any[] };
    expect(dump().clients.find((c) => c.client_id === clientId)?.redirect_uris).toEqual([callback]);
    await stack.refresh({ ...capture, expectNoChanges: true });

    // An update in place: one PUT, same ids, no create or delete.
    test.writeProgram(projectYaml("yaml-plugin", program("second")));
    emulator.admin.clearLog();
    const update = await stack.up({ ...capture });
    expect(update.summary.resourceChanges).toMatchObject({ update: 1, same: 2 });
    expect(callCounts(emulator)).toEqual(expect.objectContaining({ "PUT /v1/applications/:appId": 1 }));
    expect(Object.keys(callCounts(emulator)).filter((route) => /^(POST \/v1|DELETE)/.test(route))).toEqual([]);
    expect(update.outputs.appId.value).toBe(appId);
    expect(dump().applications[0].app_description).toBe("second");

    // `pulumi import` of a client made outside Pulumi; once in the program, nothing is left to change.
    const made = await api.clients.create({ app_id: appId }, { name: "mobile", redirect_uris: ["https://m.example.com/cb"] });
    const generated = path.join(base, "imported.yaml");
    await test.cli([
      "import",
      "mosaic:index:Client",
      "mobile",
      `${appId}/${made.client_id}`,
      "--protect=false",
      "--out",
      generated,
      "--yes",
    ]);
    const code = readFileSync(generated, "utf8");
    console.log(`pulumi import generated:\n${code}`);
    expect(code).toMatch(/type: mosaic:(index:)?Client\n/);
    // Pasted into the program as the CLI asks, the imported client has nothing left to change.
    const mobile = code.replace(/^resources:\n/, "").trimEnd();
    test.writeProgram(projectYaml("yaml-plugin", program("second", mobile)));
    emulator.admin.clearLog();
    await stack.preview({ ...capture, expectNoChanges: true });
    expect(callCounts(emulator)).toEqual({});
    const state = await stack.exportStack();
    expect(state.deployment.resources.find((r: any) => r.urn.endsWith("mosaic:index:Client::mobile"))?.id).toBe(
      `${appId}/${made.client_id}`,
    );

    // The state as stored on disk holds no secret in plaintext; clientSecret is stored as a secret.
    const stored = storedState(test.backend, "yaml-plugin", "dev");
    for (const secret of secretsIn(emulator)) expect(stored).not.toContain(secret);
    const web = JSON.parse(stored).checkpoint.latest.resources.find((r: any) => r.urn.endsWith("mosaic:index:Client::web"));
    expect(web.outputs.clientSecret).toHaveProperty("ciphertext");
    const app = JSON.parse(stored).checkpoint.latest.resources.find((r: any) => r.urn.endsWith("mosaic:index:Application::app"));
    expect(app.outputs.defaultClientSecret).toHaveProperty("ciphertext");
    const logs = test.logs.join("\n");
    for (const secret of secretsIn(emulator)) expect(logs).not.toContain(secret);

    // Deleted out of band: refresh drops it, and the provider's explanation reaches the CLI's output, under the resource.
    emulator.admin.deleteClient(appId, made.client_id);
    const logsBefore = test.logs.length;
    const dropped = await stack.refresh({ ...capture });
    expect(dropped.summary.resourceChanges).toMatchObject({ delete: 1 });
    const refreshLogs = test.logs.slice(logsBefore).join("\n");
    expect(refreshLogs).toMatch(
      new RegExp(
        `mosaic:index:Client \\(mobile\\):\\s+warning: mosaic warning: client ${made.client_id} of application ${appId} no longer exists`,
      ),
    );

    emulator.admin.clearLog();
    const destroy = await stack.destroy({ ...capture });
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 3 });
    expect(callCounts(emulator)).toMatchObject({ "DELETE /v1/applications/:appId": 1 });
    expect(dump().applications).toEqual([]);
    await stack.workspace.removeStack("dev");
  });

  it("is found through packages:, prints its schema, and runs installed by `pulumi plugin install`", async () => {
    // Credentials from the MOSAIC_* environment fallbacks this time, as in CI; the API URL from stack config.
    const credentials = { MOSAIC_CLIENT_ID: emulator.clientId, MOSAIC_CLIENT_SECRET: emulator.clientSecret };
    const installed = await yamlStack(
      path.join(base, "installed"),
      projectYaml("yaml-installed", program("first")),
      { "mosaic:apiUrl": { value: emulator.url } },
      credentials,
    );
    const schema = JSON.parse(await installed.cli(["package", "get-schema", launcher]));
    // The CLI prints the schema re-serialized (keys sorted, empty lists dropped): compare what it declares.
    const generated = JSON.parse(readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    expect(schema.name).toBe("mosaic");
    expect(Object.keys(schema.resources).sort()).toEqual([
      "mosaic:index:Application",
      "mosaic:index:Client",
      "mosaic:index:ClientResources",
      "mosaic:index:SigningKey",
    ]);
    expect(schema.resources).toEqual(generated.resources);
    expect(schema.config).toEqual(generated.config);

    // `packages:` in Pulumi.yaml finds the folder as well.
    installed.writeProgram(projectYaml("yaml-installed", program("packages"), "packages"));
    emulator.admin.clearLog();
    expect((await installed.stack.preview({ ...installed.capture })).changeSummary).toMatchObject({ create: 3 });
    expect(callCounts(emulator)).toEqual({});

    await installed.cli(["plugin", "install", "resource", "mosaic", "0.1.0", "--file", pluginDir]);
    const plugins = JSON.parse(await installed.cli(["plugin", "ls", "--json"]));
    expect(plugins).toEqual(expect.arrayContaining([expect.objectContaining({ name: "mosaic", kind: "resource", version: "0.1.0" })]));
    // A secret input (fn::secret) reaches the API as its plain value and stays a secret in state.
    installed.writeProgram(projectYaml("yaml-installed", program("{ fn::secret: hidden plan }"), "installed"));
    emulator.admin.clearLog();
    const up = await installed.stack.up({ ...installed.capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
    const app = (emulator.admin.dump() as { applications: any[] }).applications.find((a) => a.app_id === up.outputs.appId.value);
    expect(app?.app_description).toBe("hidden plan");
    const stored = storedState(installed.backend, "yaml-installed", "dev");
    expect(stored).not.toContain("hidden plan");
    const appState = JSON.parse(stored).checkpoint.latest.resources.find((r: any) => r.urn.endsWith("mosaic:index:Application::app"));
    expect(appState.outputs.appDescription).toHaveProperty("ciphertext");
    for (const secret of secretsIn(emulator)) expect(stored).not.toContain(secret);

    const destroy = await installed.stack.destroy({ ...installed.capture });
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 3 });
    await installed.stack.workspace.removeStack("dev");
  });
});
