// Fault soak of the management API client against the emulator.
//
// How to run (Node >= 22.18 / 24, which strip TypeScript types natively; this file uses only erasable syntax):
//
//   source scripts/env.sh && ensure_node     # from the repository root
//   npx tsc -p tsconfig.json          # compiles provider/ and emulator/ to dist/ (the soak runs the compiled code)
//   node bench/api-soak.ts            # options via environment, see SETTINGS below
//
// What it does, in one scripted run with `faultRate: 0.2` (20% of API and token requests get a random fault:
// 429 with and without Retry-After, 500/502/503, connection reset before the request, and for writes the
// ambiguous kinds: applied-then-reset and applied-then-503):
//   500 creates  = 250 applications + 250 clients (one per application), so both reconciliation paths run
//   500 gets     = 250 application gets + 250 client gets
//   500 deletes  = 250 client deletes + 250 application deletes
// at a concurrency of 16, then checks with admin.dump(): 0 duplicates (two objects for one intended create)
// and 0 leftovers (anything still there after the deletes), and prints markdown tables.

// CommonJS on purpose (require, __dirname; the only imports are type-only and vanish when Node strips types): the
// package has no "type" field, so an ES-module file here would make Node warn and re-parse it.
import type * as ApiModule from "../provider/api";
import type * as EmulatorModule from "../emulator";

const { join } = require("node:path") as typeof import("node:path");
const root = join(__dirname, "..");
const api = require(join(root, "dist", "provider", "api", "index.js")) as typeof ApiModule;
const emulatorModule = require(join(root, "dist", "emulator", "index.js")) as typeof EmulatorModule;

const SETTINGS = {
  apps: Number(process.env.SOAK_APPS ?? 250),
  concurrency: Number(process.env.SOAK_CONCURRENCY ?? 16),
  faultRate: Number(process.env.SOAK_FAULT_RATE ?? 0.2),
  seed: Number(process.env.SOAK_SEED ?? 42),
  // The soak measures correctness under faults, not the default 50 rps pacing; set SOAK_RPS=50 to see that.
  maxRequestsPerSecond: Number(process.env.SOAK_RPS ?? 1500),
  // 20% faults make 5 failures in a row (the default cap) a 1-in-3,000 event per call; at ~2,500 calls that would
  // fail about one operation per run, by design. The soak uses the maximum cap to test reconciliation instead.
  maxRetries: Number(process.env.SOAK_MAX_RETRIES ?? 10),
};

interface OpStats {
  ok: number;
  failed: number;
  errors: Record<string, number>;
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function main(): Promise<void> {
  const emu = await emulatorModule.startEmulator({ faultRate: SETTINGS.faultRate, seed: SETTINGS.seed });
  const mosaic = new api.MosaicClient(
    {
      apiUrl: emu.url,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      maxRequestsPerSecond: SETTINGS.maxRequestsPerSecond,
      maxRetries: SETTINGS.maxRetries,
    },
    { env: {} },
  );
  const ops: Record<string, OpStats> = {};
  const record = async (kind: string, fn: () => Promise<void>): Promise<void> => {
    const s = (ops[kind] ??= { ok: 0, failed: 0, errors: {} });
    try {
      await fn();
      s.ok++;
    } catch (err) {
      s.failed++;
      const code = api.MosaicApiError.isInstance(err) ? err.code : String(err);
      s.errors[code] = (s.errors[code] ?? 0) + 1;
    }
  };

  const run = `soak-${SETTINGS.seed}-${Date.now().toString(36)}`;
  const indexes = Array.from({ length: SETTINGS.apps }, (_, i) => i);
  const apps = new Map<number, string>();
  const clients = new Map<number, string>();
  const started = performance.now();

  await runPool(indexes, SETTINGS.concurrency, (i) =>
    record("applications.create", async () => {
      const app = await mosaic.applications.create({ app_name: `${run}-app-${i}`, client_display_name: `default-${i}` });
      apps.set(i, app.app_id);
    }),
  );
  await runPool([...apps.keys()], SETTINGS.concurrency, (i) =>
    record("clients.create", async () => {
      const c = await mosaic.clients.create(
        { app_id: apps.get(i)! },
        { name: `${run}-web-${i}`, redirect_uris: [`https://app${i}.example/cb`] },
      );
      clients.set(i, c.client_id);
    }),
  );

  // Duplicates are counted right after the creates, while everything still exists.
  const afterCreate = emu.admin.dump();
  const appNames = new Map<string, number>();
  for (const a of afterCreate.applications) appNames.set(String(a.app_name), (appNames.get(String(a.app_name)) ?? 0) + 1);
  const clientNames = new Map<string, number>();
  for (const c of afterCreate.clients) {
    if (!String(c.name).startsWith(`${run}-web-`)) continue;
    const key = `${c.app_id}/${c.name}`;
    clientNames.set(key, (clientNames.get(key) ?? 0) + 1);
  }
  const duplicates = [...appNames.values()].reduce((n, v) => n + (v - 1), 0) + [...clientNames.values()].reduce((n, v) => n + (v - 1), 0);
  const lost = [...apps.values()].filter((id) => !afterCreate.applications.some((a) => a.app_id === id)).length;

  await runPool([...apps.keys()], SETTINGS.concurrency, (i) =>
    record("applications.get", async () => void (await mosaic.applications.get({ app_id: apps.get(i)! }))),
  );
  await runPool([...clients.keys()], SETTINGS.concurrency, (i) =>
    record("clients.get", async () => void (await mosaic.clients.get({ app_id: apps.get(i)!, client_id: clients.get(i)! }))),
  );
  await runPool([...clients.keys()], SETTINGS.concurrency, (i) =>
    record("clients.delete", async () => mosaic.clients.delete({ app_id: apps.get(i)!, client_id: clients.get(i)! })),
  );
  await runPool([...apps.keys()], SETTINGS.concurrency, (i) =>
    record("applications.delete", async () => mosaic.applications.delete({ app_id: apps.get(i)! })),
  );
  const wallMs = performance.now() - started;

  const end = emu.admin.dump();
  const leftovers = end.applications.length + end.clients.length;
  const log = emu.admin.requestLog();
  const faults = log.filter((e) => e.fault !== undefined);
  const counts = emu.admin.requestCounts();
  const stats = mosaic.stats;

  const out: string[] = [];
  out.push(`### API client fault soak (faultRate ${SETTINGS.faultRate}, concurrency ${SETTINGS.concurrency}, seed ${SETTINGS.seed})`, "");
  out.push("| operation | ok | failed | errors |", "|---|---:|---:|---|");
  for (const [kind, s] of Object.entries(ops))
    out.push(`| ${kind} | ${s.ok} | ${s.failed} | ${JSON.stringify(s.errors).replace(/[{}"]/g, "") || "–"} |`);
  out.push("", "| HTTP requests (method route) | count |", "|---|---:|");
  for (const [key, n] of Object.entries(counts).sort()) out.push(`| ${key} | ${n} |`);
  out.push(`| **total** | **${Object.values(counts).reduce((a, b) => a + b, 0)}** |`);
  out.push("", "| metric | value |", "|---|---:|");
  const rows: Array<[string, string | number]> = [
    ["operations", Object.values(ops).reduce((n, s) => n + s.ok + s.failed, 0)],
    ["faults injected", faults.length],
    ["retries (re-sent requests)", stats.retries],
    ["401 refreshes", stats.authRefreshes],
    ["reconciliations (lookups after ambiguous creates)", stats.reconciliations],
    ["adoptions (ambiguous creates that had applied)", stats.adoptions],
    ["deletes confirmed by 404 on retry", stats.deletesConfirmedByNotFound],
    ["token requests", mosaic.tokenRequests],
    ["wall time", `${(wallMs / 1000).toFixed(1)} s`],
    ["duplicates", duplicates],
    ["created objects missing after creates", lost],
    ["leftovers after deletes", leftovers],
  ];
  for (const [k, v] of rows) out.push(`| ${k} | ${v} |`);
  console.log(out.join("\n"));

  await mosaic.close();
  await emu.close();
  const failedOps = Object.values(ops).reduce((n, s) => n + s.failed, 0);
  if (duplicates > 0 || leftovers > 0 || lost > 0 || failedOps > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
