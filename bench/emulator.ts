// Throughput of the emulator's hot path: authenticated `GET /cis/v1/applications/{id}`.
//
//   npx tsc -p tsconfig.json && node bench/emulator.ts [--duration 10] [--connections 50]
//
// Runs the compiled bin (dist/emulator/cli.js) in a child process, so the server and the load generator
// (autocannon, in this process) each get a core, and prints a markdown table. Target: >= 5,000 requests/s on a
// 2-core machine. Node >= 22.18 runs this file directly (type stripping): it uses only erasable TypeScript and
// `require`, so Node loads it as CommonJS without guessing, and everything sits inside one function so the
// file declares no globals when type-checked as a script (tsconfig.test.json).
void (async function benchEmulator(): Promise<void> {
  const { spawn } = require("node:child_process") as typeof import("node:child_process");
  const { existsSync } = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  const { parseArgs } = require("node:util") as typeof import("node:util");

  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }
  interface AutocannonResult {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }
  type Autocannon = (options: {
    url: string;
    connections: number;
    duration: number;
    pipelining: number;
    headers: Record<string, string>;
  }) => Promise<AutocannonResult>;

  const TARGET_RPS = 5_000;
  const bin = path.resolve(__dirname, "../dist/emulator/cli.js");
  const autocannon = require("autocannon") as Autocannon;
  const { values } = parseArgs({
    options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "50" } },
  });
  // Bounded whatever the flags say: this runs on shared 2-core machines.
  const duration = Math.min(60, Math.max(1, Number(values.duration) || 10));
  const connections = Math.min(500, Math.max(1, Number(values.connections) || 50));

  if (!existsSync(bin)) {
    process.stderr.write(`${bin} is missing: run \`npx tsc -p tsconfig.json\` first.\n`);
    process.exitCode = 1;
    return;
  }

  const child = spawn(process.execPath, [bin, "--seed", "1"], { stdio: ["ignore", "pipe", "inherit"] });
  const stopChild = (): void => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.on("exit", stopChild);

  try {
    const info = await new Promise<{ url: string; tokenUrl: string; clientId: string; clientSecret: string }>((resolve, reject) => {
      let buffered = "";
      const timer = setTimeout(() => reject(new Error("the emulator did not start within 10 s")), 10_000);
      child.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        if (buffered.includes("\n")) {
          clearTimeout(timer);
          resolve(JSON.parse(buffered));
        }
      });
      child.once("exit", (code) => reject(new Error(`the emulator exited early (code ${code})`)));
    });

    const tokenResponse = await fetch(info.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: info.clientId, client_secret: info.clientSecret }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}` };
    const created = await fetch(`${info.url}/v1/applications`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ app_name: "bench", client_display_name: "web", redirect_uris: ["https://bench.example/cb"] }),
    });
    const { result } = (await created.json()) as { result: { app_id: string } };
    const url = `${info.url}/v1/applications/${result.app_id}`;
    const probe = await fetch(url, { headers });
    const bodyBytes = (await probe.arrayBuffer()).byteLength;

    const run = await autocannon({ url, connections, duration, pipelining: 1, headers });

    const row = (name: string, value: string): string => `| ${name} | ${value} |`;
    const count = (n: number): string => Math.round(n).toLocaleString("en-US");
    const verdict = run.requests.average >= TARGET_RPS ? "meets" : "BELOW";
    process.stdout.write(
      [
        `### Emulator: authenticated GET /cis/v1/applications/{id} (${bodyBytes}-byte body)`,
        "",
        "| metric | value |",
        "|---|---|",
        row("duration", `${run.duration} s, ${connections} connections, keep-alive`),
        row("requests/s (average)", `${count(run.requests.average)} (${verdict} the ${count(TARGET_RPS)} target)`),
        row("requests (total)", count(run.requests.total)),
        row("latency p50", `${run.latency.p50} ms`),
        row("latency p99", `${run.latency.p99} ms`),
        row("latency max", `${run.latency.max} ms`),
        row("errors (incl. timeouts)", String(run.errors + run.timeouts)),
        row("non-2xx", String(run.non2xx)),
        "",
      ].join("\n"),
    );
    process.exitCode = run.errors + run.timeouts + run.non2xx === 0 && run.requests.average >= TARGET_RPS ? 0 : 1;
  } catch (error) {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  } finally {
    stopChild();
  }
})();
