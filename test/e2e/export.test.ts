// The export round trip (docs/export.md): a varied tenant on the emulator, `mosaic-export` (the built bin, as a
// process) writes a project, and the real engine runs it as a directory program. Its first `up` adopts everything:
// no POST and no DELETE reach the API, only GETs and the resource lists' PUTs (a ClientResources has no importId;
// creating it writes the same list). Then preview and refresh find nothing to change, and destroy does what the docs
// say of adopted objects: applications and clients are deleted, default clients go with their application.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { emulatorStackConfig, isolatedPulumi, preparedPulumiCommand, storedState } from "../../scripts/lib/isolated-pulumi";
import { auto, repoRoot } from "./support/engine";
import { secretsIn } from "./support/mosaic-stack";
import { seedTenant, type SeededTenant } from "./support/seed-tenant";

const run = promisify(execFile);
const exportBin = path.join(repoRoot, "dist/export/cli.js");
const pluginDir = path.join(repoRoot, "dist", "pulumi-plugin");

/** "METHOD route" -> count, sorted, for the report and the assertions. */
function byRoute(emulator: StartedEmulator): Record<string, number> {
  return Object.fromEntries(Object.entries(emulator.admin.requestCounts()).sort(([a], [b]) => a.localeCompare(b)));
}

const methodsOf = (counts: Record<string, number>) => new Set(Object.keys(counts).map((key) => key.split(" ")[0]));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("mosaic-export round trip", () => {
  let emulator: StartedEmulator;
  let seeded: SeededTenant;
  let base: string;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 14 });
    seeded = await seedTenant(emulator);
    const scratch = path.join(repoRoot, ".mosaic-work");
    mkdirSync(scratch, { recursive: true });
    // Inside the repository, so `pulumi-mosaic` resolves to this build as the package.json's dependency would.
    base = mkdtempSync(path.join(scratch, "export-"));
    env = {
      ...process.env,
      MOSAIC_API_URL: emulator.url,
      MOSAIC_CLIENT_ID: emulator.clientId,
      MOSAIC_CLIENT_SECRET: emulator.clientSecret,
    };
  }, 120_000);
  afterAll(async () => {
    await emulator?.close();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it("--application exports only the named applications; their YAML program adopts them through the plugin", async () => {
    const [byName, byId] = emulator.admin.dump().applications.slice(1, 3) as Array<{ app_id: string; app_name: string }>;
    const out = path.join(base, "filtered");
    const args = ["--out", out, "--application", byName.app_name, "--application", byId.app_id, "--plugin-path", pluginDir];
    emulator.admin.clearLog();
    const exported = await run(process.execPath, [exportBin, ...args], { env });
    expect(exported.stdout).toMatch(/: 2 applications, 8 clients \(2 default\)/);
    expect(byRoute(emulator)["GET /v1/applications/:appId"]).toBe(2);
    const yamlProgram = readFileSync(path.join(out, "yaml", "Pulumi.yaml"), "utf8");
    expect(yamlProgram.match(/type: mosaic:index:Application/g)).toHaveLength(2);
    expect(yamlProgram).toContain(`importId: "${byId.app_id}"`);

    const pulumi = isolatedPulumi(path.join(base, "pulumi-yaml"));
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      { stackName: "filtered", workDir: path.join(out, "yaml") },
      { pulumiHome: pulumi.home, envVars: pulumi.envVars, pulumiCommand: await preparedPulumiCommand(auto) },
    );
    await stack.setAllConfig(emulatorStackConfig(emulator));
    emulator.admin.clearLog();
    const up = await stack.up();
    const upCalls = byRoute(emulator);
    const lists = Number(/(\d+) resource lists/.exec(exported.stdout)?.[1]);
    expect(up.summary.resourceChanges).toEqual({ create: 2 + 8 + lists + 1 });
    expect(Object.keys(upCalls).filter((key) => /^(POST|DELETE) /.test(key))).toEqual(["POST /oidc/token"]);
    await stack.preview({ expectNoChanges: true });
    // Leave the objects to the next test: forget the stack without destroying what it adopted.
    await stack.workspace.removeStack("filtered", { force: true });

    // import.json into an empty YAML project: `pulumi import --file` takes over the same applications, clients and lists.
    const importDir = path.join(base, "imported");
    mkdirSync(importDir);
    writeFileSync(
      path.join(importDir, "Pulumi.yaml"),
      `name: imported\nruntime: yaml\nplugins:\n  providers:\n    - name: mosaic\n      path: ${pluginDir}\n`,
    );
    const importStack = await auto.LocalWorkspace.createOrSelectStack(
      { stackName: "imported", workDir: importDir },
      { pulumiHome: pulumi.home, envVars: pulumi.envVars, pulumiCommand: await preparedPulumiCommand(auto) },
    );
    await importStack.setAllConfig(emulatorStackConfig(emulator));
    emulator.admin.clearLog();
    const cliEnv = { ...process.env, ...pulumi.envVars };
    const pulumiCli = path.join(process.env.MOSAIC_PULUMI_ROOT as string, "bin", "pulumi");
    const importArgs = ["import", "--file", path.join(out, "import.json"), "--protect=false", "--out", path.join(importDir, "gen.yaml")];
    await run(pulumiCli, [...importArgs, "--yes", "--non-interactive", "--stack", "imported"], {
      cwd: importDir,
      env: cliEnv,
      timeout: 180_000,
    });
    const generated = readFileSync(path.join(importDir, "gen.yaml"), "utf8");
    expect(generated.match(/type: mosaic:(index:)?Client\n/g)).toHaveLength(8);
    expect(generated.match(/type: mosaic:(index:)?Application\n/g)).toHaveLength(2);
    expect(generated.match(/type: mosaic:(index:)?ClientResources\n/g)).toHaveLength(lists);
    expect(Object.keys(byRoute(emulator)).filter((key) => /^(PUT|POST|DELETE) /.test(key))).toEqual(["POST /oidc/token"]);
    await importStack.workspace.removeStack("imported", { force: true });
    expect(emulator.admin.dump().applications).toHaveLength(50);
  }, 300_000);

  it("exports a 50-application tenant that the engine adopts without a POST or DELETE, then previews and refreshes clean", async () => {
    expect(seeded).toMatchObject({ applications: 50, clients: 200, defaultClients: 50 });
    const out = path.join(base, "tenant");

    emulator.admin.clearLog();
    const exportStarted = Date.now();
    const exported = await run(process.execPath, [exportBin, "--out", out, "--package", `file:${repoRoot}`], { env });
    const exportSeconds = (Date.now() - exportStarted) / 1000;
    const exportCalls = byRoute(emulator);
    console.log(`export: ${exportSeconds.toFixed(1)} s, requests ${JSON.stringify(exportCalls)}\n${exported.stdout}`);
    // Not a terminal: no progress line.
    expect(exported.stderr).toBe("");
    // One list, then one GET, one client list and one signing-key list per application (plus the token).
    expect(exportCalls).toEqual({
      "POST /oidc/token": 1,
      "GET /v1/applications/list": 1,
      "GET /v1/applications/:appId": 50,
      "GET /v1/applications/:appId/clients": 50,
      "GET /v1/applications/signing-keys": 50,
    });
    expect(exported.stdout).toContain(
      `50 applications, 200 clients (50 default), ${seeded.resourceLists} resource lists, 0 signing keys; 151 API requests`,
    );
    const secrets = secretsIn(emulator);
    for (const file of filesUnder(out)) {
      const text = readFileSync(file, "utf8");
      for (const secret of secrets) expect(text.includes(secret), `a secret is in ${path.relative(out, file)}`).toBe(false);
    }
    const program = readFileSync(path.join(out, "index.ts"), "utf8");
    expect(program.match(/new mosaic\.Application\(/g)).toHaveLength(50);
    expect(program.match(/new mosaic\.Client\(/g)).toHaveLength(200);
    expect(program.match(/new mosaic\.ClientResources\(/g)).toHaveLength(seeded.resourceLists);
    expect(program.match(/Not exported: deviceAuthorization/g)).toHaveLength(seeded.invalidDeviceAuthorization);

    const pulumi = isolatedPulumi(path.join(base, "pulumi"));
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      { stackName: "tenant", workDir: out },
      { pulumiHome: pulumi.home, envVars: pulumi.envVars, pulumiCommand: await preparedPulumiCommand(auto) },
    );
    await stack.setAllConfig(emulatorStackConfig(emulator));
    const output: string[] = [];
    const capture = { onOutput: (text: string) => void output.push(text) };

    emulator.admin.clearLog();
    let started = Date.now();
    const up = await stack.up(capture);
    const upSeconds = (Date.now() - started) / 1000;
    const upCalls = byRoute(emulator);
    console.log(`first up: ${upSeconds.toFixed(1)} s, requests ${JSON.stringify(upCalls)}`);
    const resources = 50 + 200 + seeded.resourceLists;
    expect(up.summary.resourceChanges).toEqual({ create: resources + 1 });
    expect(methodsOf(upCalls)).toEqual(new Set(["GET", "PUT", "POST"]));
    expect(Object.keys(upCalls).filter((key) => key.startsWith("POST "))).toEqual(["POST /oidc/token"]);
    expect(upCalls["POST /oidc/token"]).toBe(1);
    // The only writes: each resource list written with the list it already has (docs/export.md#what-the-first-up-sends).
    expect(Object.entries(upCalls).filter(([key]) => key.startsWith("PUT "))).toEqual([
      ["PUT /v1/applications/:appId/clients/:clientId/resources", seeded.resourceLists],
    ]);
    // Adoption reads: one GET per application; per client, the client and its application (is it the default?).
    expect(upCalls["GET /v1/applications/:appId"]).toBe(50 + 200);
    expect(upCalls["GET /v1/applications/:appId/clients/:clientId"]).toBe(200);

    emulator.admin.clearLog();
    started = Date.now();
    await stack.preview({ ...capture, expectNoChanges: true });
    const previewSeconds = (Date.now() - started) / 1000;
    expect(emulator.admin.requestLog()).toEqual([]);
    started = Date.now();
    await stack.refresh({ ...capture, expectNoChanges: true });
    const refreshSeconds = (Date.now() - started) / 1000;
    console.log(`preview ${previewSeconds.toFixed(1)} s, refresh ${refreshSeconds.toFixed(1)} s (${JSON.stringify(byRoute(emulator))})`);
    // Reads only: one GET per application and one client list shared by all its clients' reads, however the engine
    // spreads them (provider/resources/client-directory.ts).
    const refreshCalls = byRoute(emulator);
    expect(methodsOf(refreshCalls)).toEqual(new Set(["GET", "POST"]));
    expect(refreshCalls["POST /oidc/token"]).toBe(1);
    expect(refreshCalls["GET /v1/applications/:appId"]).toBe(50);
    expect(refreshCalls["GET /v1/applications/:appId/clients"]).toBe(50);

    const projectName = "mosaic-tenant";
    const state = storedState(pulumi.backend, projectName, "tenant");
    for (const secret of secrets) {
      expect(state.includes(secret), "a secret is in the stored state").toBe(false);
      expect(output.join("").includes(secret), "a secret is in the CLI's output").toBe(false);
    }

    emulator.admin.clearLog();
    started = Date.now();
    await stack.destroy(capture);
    const destroyCalls = byRoute(emulator);
    console.log(`destroy: ${((Date.now() - started) / 1000).toFixed(1)} s, requests ${JSON.stringify(destroyCalls)}`);
    // Every application and every other client is deleted; a default client is never deleted on its own (the API
    // deletes it with its application); a resource list is emptied.
    expect(destroyCalls["DELETE /v1/applications/:appId"]).toBe(50);
    expect(destroyCalls["DELETE /v1/applications/:appId/clients/:clientId"]).toBe(150);
    expect(destroyCalls["PUT /v1/applications/:appId/clients/:clientId/resources"]).toBe(seeded.resourceLists);
    const leftInPlace = new Set([...output.join("").matchAll(/client (\S+) is the default client of application/g)].map((m) => m[1]));
    expect(leftInPlace.size).toBe(50);
    expect(emulator.admin.dump()).toEqual({ applications: [], clients: [], signingKeys: [] });
  }, 1_500_000);
});
