// State bytes per resource on both front ends, through the real engine and the local emulator: the same N resources
// as TypeScript dynamic resources (sdk/, `pulumi-nodejs:dynamic/mosaic:*`) and as a Pulumi YAML program over the
// pulumi-resource-mosaic plugin (`mosaic:index:*`). The state file is what the engine rewrites after every step, so
// its size per resource is what makes a large `pulumi up` slow (docs/multi-language.md#state-size).
//
//   make bench          (or: npx tsc -p tsconfig.json && bash scripts/build-plugin.sh && node bench/state-size.ts,
//                        with the YAML language host on PATH: ensure_yaml_host in scripts/env.sh)
//   BENCH_APPS=20 node bench/state-size.ts      # 20 applications x 5 = 100 resources (default 80 x 5 = 400)
//
// Prints a markdown table and writes the numbers as JSON to BENCH_JSON (default .mosaic-work/bench/state-size.json).
// Node runs this file directly (type stripping: erasable TypeScript and `require` only).
void (async function benchStateSize(): Promise<void> {
  const { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  const repoRoot = path.resolve(__dirname, "..");
  const automation = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
  const { createInlineStack, emulatorStackConfig, isolatedPulumi, preparedPulumiCommand, storedState } = require(
    path.join(repoRoot, "scripts/lib/isolated-pulumi.ts"),
  ) as typeof import("../scripts/lib/isolated-pulumi");
  const { startEmulator } = require(path.join(repoRoot, "dist/emulator")) as typeof import("../emulator");
  const mosaic = require("pulumi-mosaic") as typeof import("../sdk");
  const { CLIENT_NAMES, redirectUri, yamlProgram } = require(
    path.join(repoRoot, "bench/lib/yaml-program.ts"),
  ) as typeof import("./lib/yaml-program");

  const apps = Number(process.env.BENCH_APPS ?? 80);
  const resources = apps * 5;
  const pluginDir = path.join(repoRoot, "dist", "pulumi-plugin");
  const jsonPath = process.env.BENCH_JSON ?? path.join(repoRoot, ".mosaic-work", "bench", "state-size.json");
  if (!existsSync(path.join(pluginDir, "pulumi-resource-mosaic"))) throw new Error("run scripts/build-plugin.sh first (make build)");

  // Each application brings 5 resources: the application, three clients and the first client's resource list,
  // with the same inputs on both paths (application names differ by one letter: both run against one emulator).

  function dynamicProgram() {
    for (let i = 0; i < apps; i++) {
      const app = new mosaic.Application(`app-${i}`, { appName: `State app D${i}` });
      const clients = CLIENT_NAMES.map(
        (name) =>
          new mosaic.Client(`app-${i}-${name}`, {
            applicationId: app.appId,
            name,
            redirectUris: [redirectUri(i, name)],
            tokenExpiration: { accessTokenTtl: 3600 },
          }),
      );
      new mosaic.ClientResources(`app-${i}-apis`, { applicationId: app.appId, clientId: clients[0].clientId, resourceIds: [`res-${i}`] });
    }
    return {};
  }

  interface Measured {
    path: string;
    resources: number;
    upSeconds: number;
    stateFileBytes: number;
    stateFileBytesPerResource: number;
    /** Compact JSON of one resource's entry in the state, averaged per type. */
    bytesPerResourceByType: Record<string, number>;
    /** Of those, the serialized dynamic-provider stub (`__provider` in inputs and outputs), averaged over all resources. */
    providerStubBytesPerResource: number;
  }

  function measureState(label: string, text: string, upSeconds: number): Measured {
    type Entry = { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
    const entries = (JSON.parse(text).checkpoint.latest.resources as Entry[]).filter(
      (entry) => entry.type !== "pulumi:pulumi:Stack" && !entry.type.startsWith("pulumi:providers:"),
    );
    if (entries.length !== resources) throw new Error(`${label}: ${entries.length} resources in state, expected ${resources}`);
    const byType = new Map<string, { bytes: number; count: number }>();
    for (const entry of entries) {
      const sum = byType.get(entry.type) ?? { bytes: 0, count: 0 };
      sum.bytes += Buffer.byteLength(JSON.stringify(entry));
      sum.count += 1;
      byType.set(entry.type, sum);
    }
    const stub = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));
    const stubBytes = entries.reduce((sum, entry) => sum + stub(entry.inputs?.__provider) + stub(entry.outputs?.__provider), 0);
    const bytes = Buffer.byteLength(text);
    return {
      path: label,
      resources,
      upSeconds,
      stateFileBytes: bytes,
      stateFileBytesPerResource: Math.round(bytes / resources),
      bytesPerResourceByType: Object.fromEntries([...byType].map(([type, sum]) => [type, Math.round(sum.bytes / sum.count)])),
      providerStubBytesPerResource: Math.round(stubBytes / resources),
    };
  }

  async function timed(run: () => Promise<unknown>): Promise<number> {
    const started = process.hrtime.bigint();
    await run();
    return Number(process.hrtime.bigint() - started) / 1e9;
  }

  const emulator = await startEmulator({});
  const base = mkdtempSync(path.join(os.tmpdir(), "mosaic-bench-state-"));
  const results: Measured[] = [];
  try {
    // Dynamic resources: an inline TypeScript program with the SDK, served by the engine's dynamic-provider host.
    const dynamic = await createInlineStack(automation, {
      base: path.join(base, "dynamic"),
      projectName: "state-dynamic",
      stackName: "bench",
      program: async () => dynamicProgram(),
      main: repoRoot,
      passphrase: "bench",
    });
    await dynamic.stack.setAllConfig(emulatorStackConfig(emulator));
    const dynamicUp = await timed(() => dynamic.stack.up());
    results.push(measureState("TypeScript, dynamic resources (sdk/)", storedState(dynamic.backend, "state-dynamic", "bench"), dynamicUp));

    // The real provider: a YAML program over the plugin folder.
    const isolated = isolatedPulumi(path.join(base, "plugin"), "bench");
    const workDir = path.join(base, "plugin", "project");
    mkdirSync(workDir, { recursive: true });
    writeFileSync(
      path.join(workDir, "Pulumi.yaml"),
      yamlProgram({ project: "state-plugin", pluginDir, apps, appName: (i) => `State app P${i}` }),
    );
    const pluginStack = await automation.LocalWorkspace.createStack(
      { workDir, stackName: "bench" },
      { workDir, pulumiHome: isolated.home, envVars: isolated.envVars, pulumiCommand: await preparedPulumiCommand(automation) },
    );
    await pluginStack.setAllConfig(emulatorStackConfig(emulator));
    const pluginUp = await timed(() => pluginStack.up());
    results.push(measureState("YAML, pulumi-resource-mosaic plugin", storedState(isolated.backend, "state-plugin", "bench"), pluginUp));
  } finally {
    await emulator.close();
    rmSync(base, { recursive: true, force: true });
  }

  const types = (measured: Measured) =>
    Object.entries(measured.bytesPerResourceByType)
      .map(([type, bytes]) => `${type.split(/[:/]/).at(-1)} ${bytes}`)
      .join(", ");
  console.log(`\n### State size: ${resources} resources (${apps} applications x 5), real engine, local emulator\n`);
  console.log("| path | up (s) | state file (bytes) | bytes per resource | of which provider stub | per type (compact JSON bytes) |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const m of results) {
    const cells = [m.path, m.upSeconds.toFixed(1), m.stateFileBytes, m.stateFileBytesPerResource, m.providerStubBytesPerResource, types(m)];
    console.log(`| ${cells.join(" | ")} |`);
  }
  mkdirSync(path.dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify({ apps, resources, results }, null, 2)}\n`);
  console.log(`\n(JSON: ${jsonPath})`);
})().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
