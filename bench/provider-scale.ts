// The provider at scale through the real Pulumi engine: how long up, a no-op up, refresh and destroy take for a
// stack of N resources, how many API calls each makes, and how much memory the engine and the provider use.
//
//   make bench          (or: npx tsc -p tsconfig.json && node bench/provider-scale.ts)
//   BENCH_APPS=40 node bench/provider-scale.ts     # 40 applications x 5 resources = 200 resources
//
// Each application brings 5 resources: the application, three clients and a resource list. The emulator runs in
// this process; the engine (pulumi) and the dynamic-provider plugin are child processes whose peak RSS is sampled
// from /proc every 100 ms. Node runs this file directly (type stripping: erasable TypeScript and `require` only).
void (async function benchProviderScale(): Promise<void> {
  const { mkdtempSync, rmSync } = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  const repoRoot = path.resolve(__dirname, "..");
  const automation = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
  const { createInlineStack, emulatorStackConfig } = require(
    path.join(repoRoot, "scripts/lib/isolated-pulumi.ts"),
  ) as typeof import("../scripts/lib/isolated-pulumi");
  const { startEmulator } = require(path.join(repoRoot, "dist/emulator")) as typeof import("../emulator");
  const { ProcSampler } = require(path.join(repoRoot, "bench/lib/proc-sampler.ts")) as typeof import("./lib/proc-sampler");
  const mosaic = require("pulumi-mosaic") as typeof import("../sdk");

  const apps = Number(process.env.BENCH_APPS ?? 20);

  function program() {
    for (let i = 0; i < apps; i++) {
      const app = new mosaic.Application(`app-${i}`, { appName: `Bench app ${i}` });
      const clients = ["web", "mobile", "api"].map(
        (name) =>
          new mosaic.Client(`app-${i}-${name}`, {
            applicationId: app.appId,
            name,
            redirectUris: [`https://app${i}.example.com/${name}/cb`],
            tokenExpiration: { accessTokenTtl: 3600 },
          }),
      );
      new mosaic.ClientResources(`app-${i}-apis`, { applicationId: app.appId, clientId: clients[0].clientId, resourceIds: [`res-${i}`] });
    }
    return {};
  }

  const emulator = await startEmulator({});
  const base = mkdtempSync(path.join(os.tmpdir(), "mosaic-bench-"));
  const { stack, home } = await createInlineStack(automation, {
    base,
    projectName: "mosaic-bench",
    stackName: "bench",
    program: async () => program(),
    main: repoRoot,
    passphrase: "bench",
  });
  await stack.setAllConfig(emulatorStackConfig(emulator));

  const rows: string[] = [];
  const peaks = { engine: 0, provider: 0 };
  const sampler = new ProcSampler(100);
  async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
    emulator.admin.clearLog();
    sampler.start(home);
    const started = process.hrtime.bigint();
    try {
      await run();
    } finally {
      const usage = sampler.stop();
      for (const role of ["engine", "provider"] as const) peaks[role] = Math.max(peaks[role], usage[role].peakRssKb);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const calls = emulator.admin.requestLog().length;
    rows.push(`| ${label} | ${seconds.toFixed(1)} | ${calls} | ${(calls / seconds).toFixed(0)} |`);
  }

  try {
    await measure("up (create all)", () => stack.up());
    await measure("up (no changes)", () => stack.up({ expectNoChanges: true }));
    await measure("preview (no changes)", () => stack.preview({ expectNoChanges: true }));
    await measure("refresh (no drift)", () => stack.refresh({ expectNoChanges: true }));
    await measure("destroy", () => stack.destroy());
  } finally {
    await emulator.close();
    rmSync(base, { recursive: true, force: true });
  }

  console.log(`\n### Provider at scale: ${apps * 5} resources (${apps} applications x 5), real engine, local emulator\n`);
  console.log("| operation | seconds | API requests | requests/s |");
  console.log("|---|---:|---:|---:|");
  for (const row of rows) console.log(row);
  console.log("\n| process | peak RSS (MiB) |");
  console.log("|---|---:|");
  console.log(`| engine (pulumi CLI) | ${(peaks.engine / 1024).toFixed(0)} |`);
  console.log(`| provider plugin (node, dynamic-provider host) | ${(peaks.provider / 1024).toFixed(0)} |`);
})().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
