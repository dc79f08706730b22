// Fault soak through the real Pulumi engine: 1,000 resources (200 applications, each with three clients and a
// resource list) created, updated and destroyed through the Automation API and a file backend, against the emulator
// with 20% of API and token requests failing (429 with and without Retry-After, 500/502/503, resets, and for writes
// applied-then-reset and applied-then-503). A phase that fails under faults is run again, as a user would, up to
// SOAK_MAX_ATTEMPTS times; after each phase the tenant and the stored state must agree exactly
// (scripts/lib/engine-soak.ts). Prints markdown tables, writes .mosaic-work/bench/engine-soak.json (BENCH_OUT
// overrides the folder) and exits 1 when a phase did not converge or any count that must be 0 is not.
//
//   npx tsc -p tsconfig.json && node bench/engine-soak.ts
//   SOAK_RESOURCES=100 SOAK_FAULT_RATE=0.3 SOAK_SEED=7 node bench/engine-soak.ts
//
// Other settings: SOAK_MAX_ATTEMPTS (default 5), SOAK_DEADLINE_S (default 3600), SOAK_MAX_RETRIES (the provider's
// mosaic:maxRetries; default: the provider's own). Node runs this file directly (type stripping: `require` only).
void (async function benchEngineSoak(): Promise<void> {
  const { mkdirSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  const repoRoot = path.resolve(__dirname, "..");
  const soak = require(path.join(repoRoot, "scripts/lib/engine-soak.ts")) as typeof import("../scripts/lib/engine-soak");
  const outDir = process.env.BENCH_OUT ?? path.join(repoRoot, ".mosaic-work", "bench");

  const settings = soak.engineSoakSettings(process.env, {
    resources: 1000,
    faultRate: 0.2,
    seed: 42,
    maxAttempts: 5,
    deadlineSeconds: 3600,
  });
  const result = await soak.runEngineSoak(settings, (line) => console.log(`[engine-soak] ${line}`));
  console.log(`\n${soak.engineSoakTables(result)}`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "engine-soak.json"), JSON.stringify(result, null, 2));
  console.log(`\n(JSON: ${path.join(outDir, "engine-soak.json")})`);
  if (!result.ok) process.exitCode = 1;
})().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
