// The `mosaic-emulator` bin: flag parsing and runCli in-process (one JSON line on stdout, clean shutdown on a
// signal, state file flushed), then the compiled bin itself in a child process for a full CRUD cycle and a
// restart. The compiled bin must exist (CI builds before testing; locally run `npx tsc -p tsconfig.json`).
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliUsageError, parseCliOptions, runCli } from "../../emulator/cli-main";
import type { CliIo } from "../../emulator/cli-main";
import { ContractClient } from "./support/contract-client";
import type { EmulatorEndpoint } from "./support/contract-client";
import { loadOpenApiContract } from "./support/openapi-contract";
import { VENDOR_OPENAPI_PATH } from "./support/openapi-document";

const contract = loadOpenApiContract(VENDOR_OPENAPI_PATH);
const COMPILED_BIN = path.resolve(__dirname, "../../dist/emulator/cli.js");

type Json = Record<string, any>;

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "mosaic-emulator-cli-"));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

class FakeIo implements CliIo {
  out = "";
  err = "";
  readonly signals = new EventEmitter();
  readonly stdout = { write: (text: string) => (this.out += text) };
  readonly stderr = { write: (text: string) => (this.err += text) };
  constructor(readonly env: Record<string, string | undefined> = {}) {}
}

/** One create/read/update/delete round over HTTP; returns the app id. */
async function crudCycle(endpoint: EmulatorEndpoint): Promise<string> {
  const api = new ContractClient(endpoint, contract);
  const app = (
    await api.expectStatus<{ result: Json }>(201, "POST", "/v1/applications", { body: { app_name: "cli", client_display_name: "w" } })
  ).result;
  const client = await api.expectStatus<Json>(201, "POST", `/v1/applications/${app.app_id}/clients`, {
    body: { name: "c", redirect_uris: [] },
  });
  await api.expectStatus(200, "GET", `/v1/applications/${app.app_id}`);
  await api.expectStatus(200, "PUT", `/v1/applications/${app.app_id}/clients/${client.client_id}`, { body: { description: "updated" } });
  await api.expectStatus(204, "DELETE", `/v1/applications/${app.app_id}/clients/${client.client_id}`);
  expect(api.violations).toEqual([]);
  return app.app_id;
}

describe("parseCliOptions", () => {
  it("maps flags to options, with environment credentials as the fallback", () => {
    const options = parseCliOptions(
      [
        "--port",
        "0",
        "--host=127.0.0.1",
        "--latency-ms",
        "5",
        "--fault-rate",
        "0.25",
        "--rate-limit",
        "100",
        "--seed",
        "9",
        "--token-ttl",
        "2",
        "--client-id",
        "flag-id",
        "--log-requests",
      ],
      { MOSAIC_EMULATOR_CLIENT_ID: "env-id", MOSAIC_EMULATOR_CLIENT_SECRET: "env-secret" },
    );
    expect(options).toEqual({
      port: 0,
      host: "127.0.0.1",
      latencyMs: 5,
      faultRate: 0.25,
      rateLimit: 100,
      seed: 9,
      tokenTtlSeconds: 2,
      clientId: "flag-id",
      clientSecret: "env-secret",
      logRequests: true,
    });
    expect(parseCliOptions([], {})).toEqual({ port: 0, host: "127.0.0.1", logRequests: false });
    expect(parseCliOptions(["--help"], {})).toBe("help");
  });

  it("rejects unknown flags and bad values", () => {
    for (const argv of [
      ["--nope"],
      ["--port", "-1"],
      ["--port", "http"],
      ["--fault-rate", "2"],
      ["--seed", "1.5"],
      ["--token-ttl", "0"],
      ["stray"],
    ]) {
      expect(() => parseCliOptions(argv, {}), argv.join(" ")).toThrow(CliUsageError);
    }
  });
});

describe("runCli (in-process)", () => {
  it("prints exactly one JSON line, serves the API, and on SIGTERM shuts down and flushes the state file", async () => {
    const stateFile = path.join(workDir, "in-process.json");
    const io = new FakeIo({ MOSAIC_EMULATOR_CLIENT_SECRET: "from-env" });
    const running = runCli(["--state-file", stateFile, "--seed", "5"], io);
    const line = await waitFor(() => (io.out.endsWith("\n") ? io.out : undefined), "the JSON line");
    expect(line.split("\n")).toHaveLength(2);
    const info = JSON.parse(line) as EmulatorEndpoint;
    expect(Object.keys(info)).toEqual(["url", "tokenUrl", "clientId", "clientSecret"]);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cis$/);
    expect(info.tokenUrl).toBe(info.url.replace(/\/cis$/, "/oidc/token"));
    expect(info.clientSecret).toBe("from-env");
    const appId = await crudCycle(info);
    io.signals.emit("SIGTERM");
    expect(await running).toBe(0);
    expect(io.err).toContain("SIGTERM, shutting down");
    expect(io.err).not.toContain("from-env");
    expect(JSON.parse(readFileSync(stateFile, "utf8")).store.apps[0].fields.app_id).toBe(appId);
    expect(io.signals.listenerCount("SIGTERM") + io.signals.listenerCount("SIGINT")).toBe(0);

    const again = new FakeIo();
    const restarted = runCli(["--state-file", stateFile], again);
    const info2 = JSON.parse(await waitFor(() => (again.out.endsWith("\n") ? again.out : undefined), "the JSON line")) as EmulatorEndpoint;
    expect(info2.clientSecret).toBe("from-env");
    const api = new ContractClient(info2, contract);
    expect((await api.expectStatus<{ result: Json }>(200, "GET", `/v1/applications/${appId}`)).result.app_name).toBe("cli");
    again.signals.emit("SIGINT");
    expect(await restarted).toBe(0);
  });

  it("warns before binding to an address other machines can reach, and not for loopback", async () => {
    // 192.0.2.1 (TEST-NET-1, RFC 5737) is on no interface here: the bind fails, so nothing ever listens beyond
    // loopback, but the warning must already be out.
    const remote = new FakeIo();
    expect(await runCli(["--host", "192.0.2.1"], remote)).toBe(1);
    expect(remote.err).toContain("mosaic-emulator: warning: binding to 192.0.2.1");
    expect(remote.err).toContain("Set --admin-token");
    const withToken = new FakeIo({ MOSAIC_EMULATOR_ADMIN_TOKEN: "t" });
    expect(await runCli(["--host", "192.0.2.1"], withToken)).toBe(1);
    expect(withToken.err).toContain("warning: binding to 192.0.2.1");
    expect(withToken.err).not.toContain("Set --admin-token");
    const local = new FakeIo();
    const running = runCli(["--host", "127.0.0.1"], local);
    await waitFor(() => (local.out.endsWith("\n") ? local.out : undefined), "the JSON line");
    local.signals.emit("SIGTERM");
    expect(await running).toBe(0);
    expect(local.err).not.toContain("warning");
  });

  it("exits 2 with usage on bad flags, 0 on --help, 1 when it cannot start", async () => {
    const bad = new FakeIo();
    expect(await runCli(["--bogus"], bad)).toBe(2);
    expect(bad.err).toContain("Usage: mosaic-emulator");
    expect(bad.out).toBe("");
    const help = new FakeIo();
    expect(await runCli(["--help"], help)).toBe(0);
    expect(help.out).toContain("--state-file");
    const first = new FakeIo();
    const running = runCli([], first);
    const port = new URL(JSON.parse(await waitFor(() => (first.out.endsWith("\n") ? first.out : undefined), "the JSON line")).url).port;
    const clash = new FakeIo();
    expect(await runCli(["--port", port], clash)).toBe(1);
    expect(clash.err).toContain("could not start");
    first.signals.emit("SIGTERM");
    await running;
  });
});

describe("compiled bin (dist/emulator/cli.js)", () => {
  function start(args: string[]): { child: ChildProcessWithoutNullStreams; output: { out: string; err: string } } {
    if (!existsSync(COMPILED_BIN)) {
      throw new Error(`${COMPILED_BIN} is missing: build first with \`npx tsc -p tsconfig.json\` (CI builds before the tests).`);
    }
    const child = spawn(process.execPath, [COMPILED_BIN, ...args], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env } });
    const output = { out: "", err: "" };
    child.stdout.on("data", (chunk) => (output.out += chunk));
    child.stderr.on("data", (chunk) => (output.err += chunk));
    return { child, output };
  }

  const exited = (child: ChildProcessWithoutNullStreams) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
      else child.once("exit", (code, signal) => resolve({ code, signal }));
    });

  it("starts with a shebang, serves a CRUD cycle, exits 0 on SIGTERM after flushing, and a restart sees the data", async () => {
    const source = existsSync(COMPILED_BIN) ? readFileSync(COMPILED_BIN, "utf8") : "";
    expect(source.startsWith("#!/usr/bin/env node\n"), `${COMPILED_BIN} must start with a shebang (build first)`).toBe(true);
    const stateFile = path.join(workDir, "bin.json");
    const args = ["--state-file", stateFile, "--client-id", "bin-id", "--client-secret", "bin-secret-value", "--log-requests"];
    const first = start(args);
    try {
      const line = await waitFor(() => (first.output.out.includes("\n") ? first.output.out : undefined), "the bin's JSON line");
      const info = JSON.parse(line) as EmulatorEndpoint;
      expect(info).toMatchObject({ clientId: "bin-id", clientSecret: "bin-secret-value" });
      const appId = await crudCycle(info);
      first.child.kill("SIGTERM");
      expect(await exited(first.child)).toEqual({ code: 0, signal: null });
      expect(first.output.out.trim().split("\n")).toHaveLength(1);
      expect(first.output.err).toContain("POST /cis/v1/applications 201");
      expect(first.output.err).not.toContain("bin-secret-value");
      expect(JSON.parse(readFileSync(stateFile, "utf8")).store.apps.map((a: Json) => a.fields.app_id)).toEqual([appId]);

      const second = start(["--state-file", stateFile]);
      try {
        const info2 = JSON.parse(
          await waitFor(() => (second.output.out.includes("\n") ? second.output.out : undefined), "the restarted bin's JSON line"),
        ) as EmulatorEndpoint;
        expect(info2.clientSecret).toBe("bin-secret-value");
        const api = new ContractClient(info2, contract);
        expect((await api.expectStatus<{ result: Json }>(200, "GET", `/v1/applications/${appId}`)).result.app_name).toBe("cli");
        second.child.kill("SIGINT");
        expect((await exited(second.child)).code).toBe(0);
      } finally {
        second.child.kill("SIGKILL");
      }
    } finally {
      first.child.kill("SIGKILL");
    }
  });
});
