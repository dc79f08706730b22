// Four ways to manage the same resources through the real Pulumi engine, side by side in one run, interleaved:
//   floor    trivial dynamic resources whose provider answers at once (bench/scale-programs/floor.js): the engine's
//            own cost per dynamic resource
//   dynamic  this provider's dynamic resources from the installed package (`npm pack` of this repository installed
//            into a temporary project, so state holds the short module-reference stub users get)
//   plugin   the real-provider path: a Pulumi YAML program over dist/pulumi-plugin (no stub in state at all)
//   peer     a naive dynamic provider written the way Pulumi's dynamic-provider docs show (bench/naive-peer/)
// Per application: the application, three clients and the first client's resource list. For each size and emulator
// latency every variant gets a fresh stack; then each phase (up, no-op preview, no-op up, refresh, a 10% update,
// destroy) runs once per variant, the variants' order rotating from phase to phase so the load of a shared machine
// falls on all of them alike. Per phase: wall time, CPU seconds of the engine, the provider plugin and the program
// (sampled from /proc/<pid>/stat, bench/lib/proc-sampler.ts), bytes the engine wrote (/proc/<pid>/io write_bytes
// and wchar), API calls (the emulator's request log) against the minimum, and state bytes per resource.
//
//   make bench     (or, after `make build`: node bench/scale.ts, with the YAML host on PATH: ensure_yaml_host)
//   BENCH_SIZES=100 BENCH_LATENCIES=0 BENCH_VARIANTS=floor,dynamic node bench/scale.ts
//   BENCH_CHECK=1  exits non-zero when a run fails or the provider's API calls differ from the minimum (make test)
//
// Sizes are resource counts (multiples of 10), latencies milliseconds added to every API request. Prints markdown
// tables and writes JSON to BENCH_JSON (default .mosaic-work/bench/scale.json), after every size and latency.
// Node runs this file directly (type stripping: erasable TypeScript and `require` only).
void (async function benchScale(): Promise<void> {
  const { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } =
    require("node:fs") as typeof import("node:fs");
  const { execFileSync } = require("node:child_process") as typeof import("node:child_process");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  const repoRoot = path.resolve(__dirname, "..");
  const automation = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
  const { emulatorStackConfig, isolatedPulumi, preparedPulumiCommand, storedState } = require(
    path.join(repoRoot, "scripts/lib/isolated-pulumi.ts"),
  ) as typeof import("../scripts/lib/isolated-pulumi");
  const { ProcSampler } = require(path.join(repoRoot, "bench/lib/proc-sampler.ts")) as typeof import("./lib/proc-sampler");
  const { yamlProgram } = require(path.join(repoRoot, "bench/lib/yaml-program.ts")) as typeof import("./lib/yaml-program");
  const { startEmulator } = require(path.join(repoRoot, "dist/emulator")) as typeof import("../emulator");
  type Usage = ReturnType<InstanceType<typeof ProcSampler>["stop"]>;

  const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(",").map((item) => item.trim());
  const sizes = list(process.env.BENCH_SIZES, "100,400,1000").map(Number);
  const latencies = list(process.env.BENCH_LATENCIES, "0,50").map(Number);
  const ALL_VARIANTS = ["floor", "dynamic", "plugin", "peer"] as const;
  type Variant = (typeof ALL_VARIANTS)[number];
  const variants = list(process.env.BENCH_VARIANTS, ALL_VARIANTS.join(",")) as Variant[];
  const check = process.env.BENCH_CHECK === "1";
  const jsonPath = process.env.BENCH_JSON ?? path.join(repoRoot, ".mosaic-work", "bench", "scale.json");
  for (const variant of variants) if (!ALL_VARIANTS.includes(variant)) throw new Error(`BENCH_VARIANTS: unknown variant ${variant}`);
  for (const size of sizes) if (!(size > 0 && size % 10 === 0)) throw new Error(`BENCH_SIZES: ${size} is not a positive multiple of 10`);

  const PHASES = ["up", "preview (no changes)", "up (no changes)", "refresh", "update 10%", "destroy"] as const;
  type Phase = (typeof PHASES)[number];

  /** The fewest API calls a phase can make for `resources` resources (docs/performance.md#api-calls); one token per command. */
  function minimumCalls(phase: Phase, resources: number): number {
    const apps = resources / 5;
    const withToken = (calls: number) => calls + 1;
    switch (phase) {
      case "up":
      case "destroy":
        return withToken(resources);
      case "preview (no changes)":
      case "up (no changes)":
        return 0;
      case "refresh":
        return withToken(2 * apps);
      case "update 10%":
        return withToken(resources / 10);
    }
  }

  interface PhaseResult {
    variant: Variant;
    phase: Phase;
    order: number;
    seconds: number;
    apiCalls: number;
    minimumCalls: number | null;
    changes: Record<string, number>;
    usage: Usage;
    failed: string | null;
  }
  interface Block {
    resources: number;
    latencyMs: number;
    stateBytesPerResource: Partial<Record<Variant, number>>;
    phases: PhaseResult[];
  }

  // The package as users install it: packed from this checkout (dist/ as built) and installed with npm into a
  // temporary project that every JavaScript variant's program lives under.
  const base = mkdtempSync(path.join(os.tmpdir(), "mosaic-bench-scale-"));
  const install = path.join(base, "install");
  mkdirSync(install);
  const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const npm = (cwd: string, args: string[]) =>
    execFileSync("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund"], { cwd, env: npmEnv, encoding: "utf8", timeout: 300_000 });
  const tarball = path.join(
    base,
    npm(repoRoot, ["pack", "--ignore-scripts", "--silent", "--pack-destination", base]).trim().split("\n").at(-1)!,
  );
  const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
  writeFileSync(
    path.join(install, "package.json"),
    JSON.stringify({
      name: "mosaic-scale-bench",
      private: true,
      dependencies: { "pulumi-mosaic": `file:${tarball}`, "@pulumi/pulumi": pulumiVersion },
    }),
  );
  npm(install, ["install", "--silent"]);
  // The plugin folder and the programs are copied too, so a rebuild of this checkout during a long run changes nothing.
  const pluginDir = path.join(base, "pulumi-plugin");
  cpSync(path.join(repoRoot, "dist", "pulumi-plugin"), pluginDir, { recursive: true });

  const PROGRAM_FILES: Record<Exclude<Variant, "plugin">, string> = {
    floor: "bench/scale-programs/floor.js",
    dynamic: "bench/scale-programs/provider.js",
    peer: "bench/naive-peer/index.js",
  };
  const programs = path.join(base, "programs");
  mkdirSync(programs);
  for (const [variant, file] of Object.entries(PROGRAM_FILES))
    copyFileSync(path.join(repoRoot, file), path.join(programs, `${variant}.js`));

  interface Prepared {
    variant: Variant;
    stack: import("@pulumi/pulumi/automation").Stack;
    home: string;
    backend: string;
    project: string;
    workDir: string;
    apps: number;
  }

  async function prepare(variant: Variant, blockDir: string, apps: number, emulator: Emulator): Promise<Prepared> {
    const project = `scale-${variant}`;
    const isolated = isolatedPulumi(path.join(blockDir, variant), "bench");
    const workDir = path.join(install, `${path.basename(blockDir)}-${variant}`);
    mkdirSync(workDir, { recursive: true });
    if (variant === "plugin") {
      writeFileSync(path.join(workDir, "Pulumi.yaml"), yamlProgram({ project, pluginDir, apps, appName: (i) => `Plugin app ${i}` }));
    } else {
      writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\n`);
      copyFileSync(path.join(programs, `${variant}.js`), path.join(workDir, "index.js"));
    }
    const envVars = { ...isolated.envVars };
    if (variant === "peer")
      Object.assign(envVars, {
        MOSAIC_API_URL: emulator.url,
        MOSAIC_CLIENT_ID: emulator.clientId,
        MOSAIC_CLIENT_SECRET: emulator.clientSecret,
      });
    const stack = await automation.LocalWorkspace.createStack(
      { workDir, stackName: "bench" },
      { workDir, pulumiHome: isolated.home, envVars, pulumiCommand: await preparedPulumiCommand(automation) },
    );
    const config: import("@pulumi/pulumi/automation").ConfigMap =
      variant === "floor" || variant === "peer" ? {} : emulatorStackConfig(emulator);
    if (variant !== "plugin") Object.assign(config, { "bench:apps": { value: String(apps) }, "bench:revision": { value: "0" } });
    await stack.setAllConfig(config);
    return { variant, stack, home: isolated.home, backend: isolated.backend, project, workDir, apps };
  }

  /** Switches a stack to the changed inputs of the update phase. */
  async function revise(prepared: Prepared): Promise<void> {
    if (prepared.variant === "plugin") {
      const program = yamlProgram({
        project: prepared.project,
        pluginDir,
        apps: prepared.apps,
        appName: (i) => `Plugin app ${i}`,
        revision: 1,
      });
      writeFileSync(path.join(prepared.workDir, "Pulumi.yaml"), program);
    } else {
      await prepared.stack.setConfig("bench:revision", { value: "1" });
    }
  }

  type Emulator = Awaited<ReturnType<typeof startEmulator>>;
  type Summary = { resourceChanges?: Record<string, number> };

  async function runPhase(prepared: Prepared, phase: Phase): Promise<Summary | undefined> {
    const { stack, variant } = prepared;
    switch (phase) {
      case "up":
        return (await stack.up()).summary;
      case "preview (no changes)":
        return { resourceChanges: (await stack.preview({ expectNoChanges: true })).changeSummary };
      case "up (no changes)":
        return (await stack.up({ expectNoChanges: true })).summary;
      case "refresh":
        // The peer stores whatever its GET returned, so it has nothing to compare; the others must find no drift.
        return (await stack.refresh({ expectNoChanges: variant !== "peer" })).summary;
      case "update 10%":
        await revise(prepared);
        return (await stack.up()).summary;
      case "destroy":
        return (await stack.destroy()).summary;
    }
  }

  const sampler = new ProcSampler(100);
  async function measure(prepared: Prepared, phase: Phase, order: number, emulator: Emulator, resources: number): Promise<PhaseResult> {
    emulator.admin.clearLog();
    sampler.start(prepared.home);
    const started = process.hrtime.bigint();
    let failed: string | null = null;
    let summary: Summary | undefined;
    try {
      summary = await runPhase(prepared, phase);
    } catch (error) {
      const lines = String((error as Error).message).split("\n");
      failed = lines.find((line) => /error/i.test(line))?.trim() ?? lines[0]!;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const usage = sampler.stop();
    const apiCalls = emulator.admin.requestLog().length;
    const changes = Object.fromEntries(Object.entries(summary?.resourceChanges ?? {}).filter(([kind]) => kind !== "same"));
    const minimum = prepared.variant === "dynamic" || prepared.variant === "plugin" ? minimumCalls(phase, resources) : null;
    return { variant: prepared.variant, phase, order, seconds, apiCalls, minimumCalls: minimum, changes, usage, failed };
  }

  function stateBytesPerResource(prepared: Prepared, resources: number): number {
    return Math.round(Buffer.byteLength(storedState(prepared.backend, prepared.project, "bench")) / resources);
  }

  const blocks: Block[] = [];
  const problems: string[] = [];
  let rotation = 0;
  for (const resources of sizes) {
    for (const latencyMs of latencies) {
      const emulator = await startEmulator({ latencyMs });
      const blockDir = path.join(base, `n${resources}-l${latencyMs}`);
      const block: Block = { resources, latencyMs, stateBytesPerResource: {}, phases: [] };
      try {
        const prepared = await Promise.all(variants.map((variant) => prepare(variant, blockDir, resources / 5, emulator)));
        for (const phase of PHASES) {
          const order = prepared.map((_, i) => prepared[(i + rotation) % prepared.length]!);
          rotation += 1;
          for (const [position, one] of order.entries()) {
            const result = await measure(one, phase, position, emulator, resources);
            block.phases.push(result);
            if (phase === "up" && !result.failed) block.stateBytesPerResource[one.variant] = stateBytesPerResource(one, resources);
            const outcome = result.failed ? `FAILED: ${result.failed}` : `${result.apiCalls} calls`;
            console.error(
              `[scale] N=${resources} latency=${latencyMs}ms ${one.variant} ${phase}: ${result.seconds.toFixed(1)} s, ${outcome}`,
            );
          }
        }
      } finally {
        await emulator.close();
        rmSync(blockDir, { recursive: true, force: true });
        for (const entry of readdirSync(install))
          if (entry.startsWith(`${path.basename(blockDir)}-`)) rmSync(path.join(install, entry), { recursive: true, force: true });
      }
      blocks.push(block);
      printBlock(block);
      for (const result of block.phases) {
        const where = `N=${resources} latency ${latencyMs} ms, ${result.variant}, ${result.phase}`;
        if (result.failed) problems.push(`${where}: failed: ${result.failed}`);
        else if (result.minimumCalls !== null && result.apiCalls !== result.minimumCalls) {
          problems.push(`${where}: ${result.apiCalls} API calls, the minimum is ${result.minimumCalls}`);
        } else if (result.phase === "update 10%" && result.changes.update !== resources / 10) {
          problems.push(`${where}: ${result.changes.update ?? 0} resources updated, expected ${resources / 10}`);
        }
      }
      mkdirSync(path.dirname(jsonPath), { recursive: true });
      writeFileSync(jsonPath, `${JSON.stringify({ machine: machine(), variants, blocks }, null, 2)}\n`);
    }
  }
  rmSync(base, { recursive: true, force: true });
  console.log(`\n(JSON: ${jsonPath})`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):\n${problems.map((problem) => `- ${problem}`).join("\n")}`);
    if (check) process.exitCode = 1;
  } else {
    console.log("\nEvery run succeeded; the provider's API calls were at the minimum in every phase.");
  }

  function machine() {
    return { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, pulumi: pulumiVersion };
  }

  function printBlock(block: Block): void {
    const result = (variant: Variant, phase: Phase) => block.phases.find((one) => one.variant === variant && one.phase === phase);
    const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? (a / b).toFixed(2) : "-");
    const has = (variant: Variant) => variants.includes(variant);
    const ratioColumns = [
      ["dynamic / floor", "dynamic", "floor"],
      ["plugin / floor", "plugin", "floor"],
      ["peer / dynamic", "peer", "dynamic"],
    ].filter(([, a, b]) => has(a as Variant) && has(b as Variant)) as [string, Variant, Variant][];
    const table = (title: string, cell: (one: PhaseResult) => string, value?: (one: PhaseResult) => number, extra: string[] = []) => {
      console.log(`\n${title}\n`);
      const ratios = value ? ratioColumns : [];
      console.log(`| phase | ${[...extra, ...variants, ...ratios.map(([name]) => name)].join(" | ")} |`);
      console.log(`|---|${[...extra, ...variants, ...ratios].map(() => "---:").join("|")}|`);
      for (const phase of PHASES) {
        const cells = variants.map((variant) => {
          const one = result(variant, phase);
          return !one ? "-" : one.failed ? "failed" : cell(one);
        });
        const ratioCells = ratios.map(([, a, b]) => {
          const [x, y] = [result(a, phase), result(b, phase)];
          return x && y && !x.failed && !y.failed ? ratio(value!(x), value!(y)) : "-";
        });
        const extraCells = extra.map(() => String(minimumCalls(phase, block.resources)));
        console.log(`| ${[phase, ...extraCells, ...cells, ...ratioCells].join(" | ")} |`);
      }
    };
    const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
    console.log(
      `\n### Scale: ${block.resources} resources (${block.resources / 5} applications x 5), emulator latency ${block.latencyMs} ms\n`,
    );
    const stateBytes = variants.map((variant) => `${variant} ${block.stateBytesPerResource[variant] ?? "-"}`);
    console.log(`State bytes per resource after up: ${stateBytes.join(", ")}.`);
    table(
      "Wall time (s)",
      (one) => one.seconds.toFixed(1),
      (one) => one.seconds,
    );
    table(
      "CPU seconds: engine / provider / program",
      (one) => [one.usage.engine, one.usage.provider, one.usage.program].map((usage) => usage.cpuSeconds.toFixed(1)).join(" / "),
      (one) => one.usage.engine.cpuSeconds + one.usage.provider.cpuSeconds + one.usage.program.cpuSeconds,
    );
    table(
      "Engine writes, MB: write_bytes (storage) / wchar (all write calls)",
      (one) => `${mb(one.usage.engine.writeBytes)} / ${mb(one.usage.engine.wcharBytes)}`,
      (one) => one.usage.engine.writeBytes,
    );
    table("API calls (the minimum: one token per command; docs/performance.md#api-calls)", (one) => String(one.apiCalls), undefined, [
      "minimum",
    ]);
  }
})().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
