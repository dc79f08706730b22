// A rate-limited tenant through the real Pulumi engine: the emulator answers 429 above R requests per second, and
// a 300-resource `pulumi up` (then destroy) runs three ways: against an unlimited emulator (the engine's own pace),
// with the provider's limiter just under R (`mosaic:maxRequestsPerSecond`), and with the limiter at its maximum,
// i.e. effectively off, where only the retries on 429 (Retry-After) keep it going. Prints a markdown table and
// writes the same rows as JSON.
//
//   npx tsc -p tsconfig.json && node bench/rate-limits.ts
//   BENCH_APPS=20 BENCH_RATE=10 node bench/rate-limits.ts     # 100 resources against 10 requests/s
//   BENCH_CHECK=1  exits non-zero when a run fails or the limiter just under the limit met a 429 (make test)
//
// Each application brings 5 resources: the application, three clients and a resource list. The emulator runs in
// this process on 127.0.0.1. Results go to .mosaic-work/bench/rate-limits.json (BENCH_OUT overrides the folder).
// Node runs this file directly (type stripping: erasable TypeScript and `require` only).
void (async function benchRateLimits(): Promise<void> {
  const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  const repoRoot = path.resolve(__dirname, "..");
  const automation = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
  const { createInlineStack, emulatorStackConfig } = require(
    path.join(repoRoot, "scripts/lib/isolated-pulumi.ts"),
  ) as typeof import("../scripts/lib/isolated-pulumi");
  const { startEmulator } = require(path.join(repoRoot, "dist/emulator")) as typeof import("../emulator");
  const { MAX_REQUESTS_PER_SECOND_LIMIT } = require(
    path.join(repoRoot, "dist/provider/api/settings"),
  ) as typeof import("../provider/api/settings");
  const mosaic = require("pulumi-mosaic") as typeof import("../sdk");

  const apps = Number(process.env.BENCH_APPS ?? 60);
  const rate = Number(process.env.BENCH_RATE ?? 20);
  const outDir = process.env.BENCH_OUT ?? path.join(repoRoot, ".mosaic-work", "bench");

  function program() {
    for (let i = 0; i < apps; i++) {
      const app = new mosaic.Application(`app-${i}`, { appName: `Rate app ${i}` });
      const clients = ["web", "mobile", "api"].map(
        (name) =>
          new mosaic.Client(`app-${i}-${name}`, {
            applicationId: app.appId,
            name,
            redirectUris: [`https://app${i}.example.com/${name}/cb`],
          }),
      );
      new mosaic.ClientResources(`app-${i}-apis`, { applicationId: app.appId, clientId: clients[0].clientId, resourceIds: [`res-${i}`] });
    }
    return {};
  }

  interface Row {
    setup: string;
    emulatorLimit: number | null;
    clientLimit: number;
    phase: string;
    seconds: number;
    calls: number;
    throttled: number;
    floorSeconds: number | null;
    failed: string | null;
  }
  const rows: Row[] = [];

  async function runSetup(setup: string, emulatorLimit: number | null, clientLimit: number): Promise<void> {
    const emulator = await startEmulator({ rateLimit: emulatorLimit ?? 0 });
    const base = mkdtempSync(path.join(os.tmpdir(), "mosaic-bench-rate-"));
    try {
      const { stack } = await createInlineStack(automation, {
        base,
        projectName: "mosaic-bench-rate",
        stackName: "bench",
        program: async () => program(),
        main: repoRoot,
        passphrase: "bench",
      });
      await stack.setAllConfig({ ...emulatorStackConfig(emulator), "mosaic:maxRequestsPerSecond": { value: String(clientLimit) } });
      for (const [phase, run] of [
        ["up (create all)", () => stack.up()],
        ["destroy", () => stack.destroy()],
      ] as const) {
        emulator.admin.clearLog();
        const started = process.hrtime.bigint();
        let failed: string | null = null;
        try {
          await run();
        } catch (error) {
          failed =
            String((error as Error).message)
              .split("\n")
              .find((line) => /error/i.test(line)) ?? "failed";
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const log = emulator.admin.requestLog();
        const throttled = log.filter((entry) => entry.status === 429).length;
        const accepted = log.length - throttled;
        rows.push({
          setup,
          emulatorLimit,
          clientLimit,
          phase,
          seconds,
          calls: log.length,
          throttled,
          floorSeconds: emulatorLimit ? accepted / emulatorLimit : null,
          failed,
        });
        if (failed) break;
      }
    } finally {
      await emulator.close();
      rmSync(base, { recursive: true, force: true });
    }
  }

  await runSetup("emulator unlimited (the engine's pace)", null, MAX_REQUESTS_PER_SECOND_LIMIT);
  await runSetup(`limiter just under the limit`, rate, rate - 1);
  await runSetup(`limiter off (${MAX_REQUESTS_PER_SECOND_LIMIT}/s)`, rate, MAX_REQUESTS_PER_SECOND_LIMIT);

  console.log(`\n### Rate limits: ${apps * 5} resources (${apps} applications x 5), real engine, emulator limited to ${rate} requests/s\n`);
  console.log("| setup | phase | seconds | API requests | 429 answers | accepted / limit (s) | result |");
  console.log("|---|---|---:|---:|---:|---:|---|");
  for (const row of rows) {
    const floor = row.floorSeconds === null ? "-" : row.floorSeconds.toFixed(1);
    console.log(
      `| ${row.setup} | ${row.phase} | ${row.seconds.toFixed(1)} | ${row.calls} | ${row.throttled} | ${floor} | ${row.failed ?? "ok"} |`,
    );
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "rate-limits.json"), JSON.stringify({ apps, resources: apps * 5, rate, rows }, null, 2));
  console.log(`\n(JSON: ${path.join(outDir, "rate-limits.json")})`);
  const problems = rows.flatMap((row) => [
    ...(row.failed ? [`${row.setup}, ${row.phase}: failed: ${row.failed}`] : []),
    ...(row.clientLimit < rate && row.throttled > 0 ? [`${row.setup}, ${row.phase}: ${row.throttled} answers 429, limiter on`] : []),
  ]);
  const expectedRuns = 6;
  if (rows.length !== expectedRuns) problems.push(`${rows.length} runs recorded, expected ${expectedRuns}`);
  for (const problem of problems) console.log(`- ${problem}`);
  if (problems.length > 0 && process.env.BENCH_CHECK === "1") process.exitCode = 1;
})().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
