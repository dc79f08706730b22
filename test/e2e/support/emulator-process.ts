// The emulator as users start it: its bin in a child process on 127.0.0.1, connected to through the JSON line it
// prints. For tests that drive commands (pulumi new, the acceptance run) rather than an in-process emulator.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./engine";

export interface EmulatorProcess {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Origin of the admin routes (`/__admin/...`). */
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `command` (default: node on this repository's dist/emulator/cli.js; or an installed package's
 * node_modules/.bin/mosaic-emulator) with `--port 0 --host 127.0.0.1` and waits for its line.
 */
export async function startEmulatorProcess(
  command: string[] = [process.execPath, path.join(repoRoot, "dist", "emulator", "cli.js")],
  options: { cwd?: string; args?: string[] } = {},
): Promise<EmulatorProcess> {
  const child = spawn(command[0], [...command.slice(1), "--port", "0", "--host", "127.0.0.1", ...(options.args ?? [])], {
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk) => stderr.push(String(chunk)));
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`mosaic-emulator printed nothing in 20 s: ${stderr.join("")}`)), 20_000);
    child.stdout!.on("data", (chunk) => {
      buffered += String(chunk);
      const end = buffered.indexOf("\n");
      if (end >= 0) {
        clearTimeout(timer);
        resolve(buffered.slice(0, end));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`mosaic-emulator exited with ${code}: ${stderr.join("")}`));
    });
  });
  const info = JSON.parse(line);
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url: info.url,
    clientId: info.clientId,
    clientSecret: info.clientSecret,
    origin: new URL(info.url).origin,
    process: child,
    stop,
  };
}

/** The emulator's whole state (`GET /__admin/state`). */
export async function emulatorDump(emulator: { origin: string }): Promise<{ applications: any[]; clients: any[] }> {
  const response = await fetch(`${emulator.origin}/__admin/state`);
  if (response.status !== 200) throw new Error(`GET /__admin/state answered ${response.status}`);
  return (await response.json()) as { applications: any[]; clients: any[] };
}
