// The generated Python SDK (sdks/python) over the plugin (dist/pulumi-plugin), through the real engine and the
// Python language host, against the emulator: test/programs/python run as a user runs it, from a venv with the PyPI
// `pulumi` package and the SDK installed from its folder. scripts/test.sh prepares all of it (ensure_python_host,
// ensure_python_sdk_venv, scripts/build-plugin.sh); the venv's bin goes first on PATH, where the host looks for
// python (the CLI no longer passes runtime.options.virtualenv to a host this old).
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { MosaicClient } from "../../provider/api";
import { emulatorStackConfig, storedState } from "../../scripts/lib/isolated-pulumi";
import { repoRoot } from "./support/engine";
import { callCounts, secretsIn, totalCalls } from "./support/mosaic-stack";
import { createProjectStack, launcher, pluginByPath, type ProjectStack } from "./support/project-stack";

const venv = process.env.MOSAIC_PYTHON_VENV ?? "";
const callback = "https://portal.example.com/callback";
type Dump = { applications: Record<string, any>[]; clients: Record<string, any>[] };

beforeAll(() => {
  for (const [what, found] of [
    ["the plugin folder (make build, or scripts/build-plugin.sh)", existsSync(launcher)],
    ["pulumi-language-python on PATH (ensure_python_host in scripts/env.sh)", (process.env.PATH ?? "").includes("pulumi-language-python")],
    ["MOSAIC_PYTHON_VENV, a venv with pulumi and sdks/python (ensure_python_sdk_venv)", existsSync(path.join(venv, "bin", "python"))],
  ] as const) {
    if (!found) throw new Error(`this test needs ${what}; run it through scripts/test.sh`);
  }
});

describe("a Python program on the generated SDK", () => {
  let base: string;
  let emulator: StartedEmulator;
  let api: MosaicClient;
  let test: ProjectStack;
  const calls: Record<string, { made: number; minimum: number }> = {};
  beforeAll(async () => {
    base = mkdtempSync(path.join(tmpdir(), "mosaic-python-"));
    emulator = await startEmulator({ seed: 13 });
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
  });
  afterAll(async () => {
    console.log("Python SDK: API calls per scenario (made / minimum):", JSON.stringify(calls));
    await api?.close();
    await emulator?.close();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it("creates, previews without changes, reverts drift, updates a nested object, imports and destroys", async () => {
    test = await createProjectStack(base, {
      writeProject: (workDir) => {
        cpSync(path.join(repoRoot, "test", "programs", "python"), workDir, { recursive: true });
        writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: mosaic-python\nruntime: python\n${pluginByPath}`);
      },
      config: emulatorStackConfig(emulator),
      extraEnv: { PATH: `${path.join(venv, "bin")}${path.delimiter}${process.env.PATH}` },
    });
    const { stack, capture } = test;
    const dump = () => emulator.admin.dump() as Dump;
    const measure = (scenario: string, minimum: number) => (calls[scenario] = { made: totalCalls(emulator), minimum });

    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 }); // the stack, app and web
    expect(callCounts(emulator)).toMatchObject({ "POST /v1/applications": 1, "POST /v1/applications/:appId/clients": 1 });
    measure("up", 3); // token + POST application + POST client
    const appId = up.outputs.appId.value as string;
    const clientId = up.outputs.clientId.value as string;
    expect(up.outputs.clientSecret.secret).toBe(true);
    expect(up.outputs.clientSecret.value).toMatch(/.{8,}/);
    expect(up.outputs.defaultClientSecret.secret).toBe(true);
    const web = () => dump().clients.find((c) => c.client_id === clientId);
    expect(web()?.token_expiration).toMatchObject({ access_token_ttl: 3600, refresh_token_ttl: 86400 });

    // An unchanged program makes no API call at all.
    emulator.admin.clearLog();
    await stack.preview({ ...capture, expectNoChanges: true });
    expect(totalCalls(emulator)).toBe(0);
    measure("no-op preview", 0);

    // Drift: refresh records the out-of-band edit, and up puts the program's value back with one PUT.
    emulator.admin.mutateClient(appId, clientId, { redirect_uris: ["https://attacker.example/steal"] });
    emulator.admin.clearLog();
    const refresh = await stack.refresh({ ...capture });
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    measure("refresh with drift", 3); // token + GET application + one list of its clients
    emulator.admin.clearLog();
    const revert = await stack.up({ ...capture });
    expect(revert.summary.resourceChanges).toMatchObject({ update: 1, same: 2 });
    expect(callCounts(emulator)).toMatchObject({ "PUT /v1/applications/:appId/clients/:clientId": 1 });
    measure("up reverting drift", 2); // token + PUT client
    expect(web()?.redirect_uris).toEqual([callback]);
    await stack.refresh({ ...capture, expectNoChanges: true });

    // A nested object changes in place: one PUT carrying the whole object (the API replaces it whole), so the
    // sibling field the program did not change survives.
    await stack.setConfig("accessTokenTtl", { value: "7200" });
    emulator.admin.clearLog();
    const nested = await stack.up({ ...capture });
    expect(nested.summary.resourceChanges).toMatchObject({ update: 1, same: 2 });
    expect(callCounts(emulator)).toEqual({ "POST /oidc/token": 1, "PUT /v1/applications/:appId/clients/:clientId": 1 });
    measure("nested update", 2);
    expect(web()?.token_expiration).toMatchObject({ access_token_ttl: 7200, refresh_token_ttl: 86400 });
    expect(nested.outputs.clientId.value).toBe(clientId);

    // A client created outside Pulumi, adopted with the `import` resource option: read, not created.
    const made = await api.clients.create({ app_id: appId }, { name: "mobile", redirect_uris: ["https://m.example.com/cb"] });
    await stack.setConfig("adoptClient", { value: `${appId}/${made.client_id}` });
    emulator.admin.clearLog();
    const imported = await stack.up({ ...capture });
    expect(imported.summary.resourceChanges).toMatchObject({ import: 1, same: 3 });
    expect(Object.keys(callCounts(emulator)).filter((route) => !route.startsWith("GET") && !route.includes("token"))).toEqual([]);
    measure("import", 2); // token + one read of the client
    expect(imported.outputs.mobileId.value).toBe(`${appId}/${made.client_id}`);
    expect(dump().clients.filter((c) => c.name === "mobile")).toHaveLength(1);
    emulator.admin.clearLog();
    await stack.preview({ ...capture, expectNoChanges: true });
    expect(totalCalls(emulator)).toBe(0);

    // The state as stored on disk holds no secret in plaintext; the secret outputs are stored encrypted.
    const stored = storedState(test.backend, "mosaic-python", "dev");
    for (const secret of secretsIn(emulator)) expect(stored).not.toContain(secret);
    const resources = JSON.parse(stored).checkpoint.latest.resources as { urn: string; outputs: Record<string, unknown> }[];
    const stateOf = (suffix: string) => resources.find((r) => r.urn.endsWith(suffix));
    expect(stateOf("mosaic:index:Client::web")?.outputs.clientSecret).toHaveProperty("ciphertext");
    expect(stateOf("mosaic:index:Client::mobile")?.outputs.clientSecret).toHaveProperty("ciphertext");
    expect(stateOf("mosaic:index:Application::app")?.outputs.defaultClientSecret).toHaveProperty("ciphertext");
    const logs = test.logs.join("\n");
    for (const secret of secretsIn(emulator)) expect(logs).not.toContain(secret);

    emulator.admin.clearLog();
    const destroy = await stack.destroy({ ...capture });
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 4 });
    expect(callCounts(emulator)).toMatchObject({ "DELETE /v1/applications/:appId": 1 });
    measure("destroy", 4); // token + 2 client DELETEs + application DELETE
    expect(dump().applications).toEqual([]);
    await stack.workspace.removeStack("dev");
  });
});
