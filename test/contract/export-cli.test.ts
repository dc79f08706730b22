// The mosaic-export command in process against the emulator: usage and settings errors (exit 2, nothing read),
// an unknown --application (exit 1, nothing written), the progress line only on a terminal, retries through the
// provider's API client, and --stack's reading of `pulumi config --json` (a stand-in command prints it here).
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli, type ExportIo } from "../../export/cli-main";
import { stackSettings } from "../../export/stack-config";
import { clientFor, withEmulator, type Emulator } from "./support/api-support";

let emu: Emulator;
let scratch: string;
beforeAll(async () => {
  emu = await withEmulator();
  const api = clientFor(emu);
  const app = await api.applications.create({ app_name: "Portal", client_display_name: "Portal" });
  await api.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: ["https://p.example.com/cb"] });
  await api.close();
  scratch = mkdtempSync(path.join(tmpdir(), "mosaic-export-"));
});
afterAll(async () => {
  await emu?.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  emu.admin.setFaults([]);
  emu.admin.clearLog();
});

function io(options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const value: ExportIo = {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { isTTY: options.tty ?? false, write: (text: string) => stderr.push(text) },
    env: options.env ?? { MOSAIC_API_URL: emu.url, MOSAIC_CLIENT_ID: emu.clientId, MOSAIC_CLIENT_SECRET: emu.clientSecret },
    cwd: scratch,
  };
  return { io: value, stdout, stderr };
}

let outCount = 0;
const freshOut = () => path.join(scratch, `out-${++outCount}`);

describe("mosaic-export usage", () => {
  it("needs --out, an empty directory and a valid project name; bad usage exits 2 before any request", async () => {
    const missing = io();
    expect(await runCli([], missing.io)).toBe(2);
    expect(missing.stderr.join("")).toContain("--out <dir> is required");
    const taken = freshOut();
    await runCli(["--out", taken], io().io);
    const notEmpty = io();
    expect(await runCli(["--out", taken], notEmpty.io)).toBe(2);
    expect(notEmpty.stderr.join("")).toContain("is not empty; choose a new directory or pass --force");
    const badName = io();
    expect(await runCli(["--out", freshOut(), "--project-name", "my tenant"], badName.io)).toBe(2);
    expect(badName.stderr.join("")).toContain("--project-name must use only letters");
    emu.admin.clearLog();
    const noCredentials = io({ env: {} });
    expect(await runCli(["--out", freshOut()], noCredentials.io)).toBe(2);
    expect(noCredentials.stderr.join("")).toContain("mosaic:clientId (or MOSAIC_CLIENT_ID) is required");
    expect(emu.admin.requestLog()).toEqual([]);
  });

  it("an --application that matches nothing names it and writes nothing", async () => {
    const out = freshOut();
    const run = io();
    expect(await runCli(["--out", out, "--application", "portal", "--application", "Portal"], run.io)).toBe(1);
    expect(run.stderr.join("")).toContain('--application "portal": no application has that name or id');
    expect(existsSync(out)).toBe(false);
  });

  it("shows progress on a terminal only, and prints one summary line", async () => {
    const tty = io({ tty: true });
    expect(await runCli(["--out", freshOut(), "--client-id", emu.clientId], tty.io)).toBe(0);
    expect(tty.stderr.join("")).toContain("mosaic-export: reading applications 1/1");
    const pipe = io();
    const out = freshOut();
    expect(await runCli(["--out", out], pipe.io)).toBe(0);
    expect(pipe.stderr).toEqual([]);
    expect(pipe.stdout.join("")).toMatch(
      /^mosaic-export: wrote 7 files: 1 applications, 2 clients \(1 default\), 0 resource lists, 0 signing keys/,
    );
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(
      [".gitignore", "Pulumi.yaml", "import.json", "index.ts", "package.json", "tsconfig.json", "yaml", "yaml/Pulumi.yaml"].sort(),
    );
  });

  it("retries 5xx answers like the provider", async () => {
    emu.admin.setFaults([{ kind: "status", status: 503, method: "GET", route: "/v1/applications/:appId/clients", times: 2 }]);
    const run = io();
    expect(await runCli(["--out", freshOut()], run.io)).toBe(0);
    expect(emu.admin.requestCounts()["GET /v1/applications/:appId/clients"]).toBe(3);
    expect(run.stdout.join("")).toContain("; 6 API requests");
  });
});

describe("--stack", () => {
  it("takes the mosaic:* settings from `pulumi config --json --show-secrets` in the project directory", async () => {
    const fake = path.join(scratch, "fake-pulumi");
    const config = {
      "mosaic:apiUrl": { value: emu.url, secret: false },
      "mosaic:clientId": { value: emu.clientId, secret: false },
      "mosaic:clientSecret": { value: emu.clientSecret, secret: true },
      "other:key": { value: "x", secret: false },
    };
    writeFileSync(fake, `#!/bin/sh\n[ "$*" = "config --json --show-secrets --stack dev" ] || exit 3\necho '${JSON.stringify(config)}'\n`);
    chmodSync(fake, 0o755);
    expect(await stackSettings("dev", scratch, fake)).toEqual({ apiUrl: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret });
    await expect(stackSettings("prod", scratch, fake)).rejects.toThrow(/--stack "prod": `pulumi config` in .* failed/);
  });
});
