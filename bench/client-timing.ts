// Wall-clock behaviour of the API client against the emulator: what the contract tests check on a fake clock
// (test/contract/api-faults.test.ts), measured here in real time on a real machine, where scheduling adds noise.
//
//   source scripts/env.sh && ensure_node && npx tsc -p tsconfig.json && node bench/client-timing.ts
//
// Prints one markdown table per measurement:
//   - the shared rate limiter: achieved requests/s for a target rate, 8 concurrent callers for BENCH_SECONDS,
//     with one client and with two clients of the same credentials (which must share one limit);
//   - Retry-After: the gap between a 429 and its retry, for "2" seconds and an HTTP date;
//   - the per-attempt deadline: how long after requestTimeoutMs a call against a trickling server fails.

// CommonJS on purpose, like bench/api-soak.ts: type-only imports vanish when Node strips the types.
import type * as ApiModule from "../provider/api";
import type * as EmulatorModule from "../emulator";
import type * as TestingModule from "../provider/api/testing";

const { join } = require("node:path") as typeof import("node:path");
const http = require("node:http") as typeof import("node:http");
const root = join(__dirname, "..");
const api = require(join(root, "dist", "provider", "api", "index.js")) as typeof ApiModule;
const testing = require(join(root, "dist", "provider", "api", "testing.js")) as typeof TestingModule;
const emulatorModule = require(join(root, "dist", "emulator", "index.js")) as typeof EmulatorModule;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
type Emulator = Awaited<ReturnType<typeof EmulatorModule.startEmulator>>;

function clientOf(emu: Emulator, rps: number, timeoutMs = 5_000): ApiModule.MosaicClient {
  return new api.MosaicClient(
    { apiUrl: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret, maxRequestsPerSecond: rps, requestTimeoutMs: timeoutMs },
    { env: {} },
  );
}

function apiTimes(emu: Emulator): number[] {
  return emu.admin
    .requestLog()
    .filter((e) => e.route !== "/oidc/token")
    .map((e) => e.at);
}

async function achievedRate(emu: Emulator, rps: number, clients: number): Promise<{ requests: number; rate: number }> {
  // Clients of one set of credentials keep the lowest rate any of them asked for: start each row afresh.
  await testing.resetSharedStateForTests();
  const all = Array.from({ length: clients }, () => clientOf(emu, rps));
  await all[0]!.applications.getAllBasic(); // the token and the first request out of the way
  await new Promise((r) => setTimeout(r, 1_000)); // let the burst refill, as after any idle second
  emu.admin.clearLog();
  const until = Date.now() + SECONDS * 1_000;
  const worker = async (i: number): Promise<void> => {
    while (Date.now() < until) await all[i % clients]!.applications.getAllBasic();
  };
  await Promise.all(Array.from({ length: 8 }, (_, i) => worker(i)));
  const at = apiTimes(emu);
  await Promise.all(all.map((c) => c.close()));
  // Rate over the steady part: the first burst arrives at once and is not part of the schedule.
  return { requests: at.length, rate: ((at.length - 1) / (at[at.length - 1]! - at[0]!)) * 1_000 };
}

async function retryAfterGap(emu: Emulator, retryAfter: string): Promise<number> {
  const mosaic = clientOf(emu, 1_000);
  await mosaic.applications.getAllBasic();
  emu.admin.clearLog();
  emu.admin.setFaults([{ method: "GET", route: "/v1/applications/list", kind: "status", status: 429, retryAfter, times: 1 }]);
  await mosaic.applications.getAllBasic();
  const [first, second] = apiTimes(emu);
  await mosaic.close();
  return second! - first!;
}

async function deadlineOvershoot(timeoutMs: number): Promise<number> {
  // A server that answers 200 and then trickles one byte every 50 ms for 3 s.
  const server = http.createServer((req, res) => {
    if (req.url?.includes("/oidc/token")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: "bench-token", expires_in: 3600, token_type: "Bearer" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.write("[");
    const timer = setInterval(() => res.write(" "), 50);
    res.on("close", () => clearInterval(timer));
    setTimeout(() => (clearInterval(timer), res.end("]")), 3_000);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as import("node:net").AddressInfo;
  const mosaic = new api.MosaicClient(
    { apiUrl: `http://127.0.0.1:${port}/cis`, clientId: "bench", clientSecret: "bench-secret", requestTimeoutMs: timeoutMs, maxRetries: 0 },
    { env: {} },
  );
  await mosaic.applications.getAllBasic().catch(() => undefined); // the token fetch
  const started = performance.now();
  await mosaic.applications.getAllBasic().catch(() => undefined);
  const took = performance.now() - started;
  await mosaic.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  return took - timeoutMs;
}

async function main(): Promise<void> {
  const emu = await emulatorModule.startEmulator({ seed: 11 });
  const out: string[] = [];
  out.push(`### Shared rate limiter (8 concurrent callers, ${SECONDS} s per row)`, "");
  out.push("| target rps | clients | requests | achieved rps | deviation |", "|---:|---:|---:|---:|---:|");
  for (const rps of [10, 20, 50]) {
    for (const clients of [1, 2]) {
      const { requests, rate } = await achievedRate(emu, rps, clients);
      out.push(`| ${rps} | ${clients} | ${requests} | ${rate.toFixed(2)} | ${(((rate - rps) / rps) * 100).toFixed(1)}% |`);
    }
  }
  out.push("", "### Retry-After (one 429, then the retry)", "", "| Retry-After | asked (ms) | measured gap (ms) |", "|---|---:|---:|");
  out.push(`| "2" | 2000 | ${(await retryAfterGap(emu, "2")).toFixed(0)} |`);
  const until = Math.ceil((Date.now() + 2_500) / 1_000) * 1_000;
  const asked = until - Date.now();
  out.push(`| HTTP date | ~${asked} | ${(await retryAfterGap(emu, new Date(until).toUTCString())).toFixed(0)} |`);
  out.push(
    "",
    "### Per-attempt deadline (server trickles bytes for 3 s)",
    "",
    "| requestTimeoutMs | failed after deadline + (ms) |",
    "|---:|---:|",
  );
  for (const timeoutMs of [200, 400, 800]) out.push(`| ${timeoutMs} | ${(await deadlineOvershoot(timeoutMs)).toFixed(0)} |`);
  await emu.close();
  console.log(out.join("\n"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
