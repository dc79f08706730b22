// The pulumi-resource-mosaic launcher (plugin/launcher, copied into dist/pulumi-plugin by scripts/build-plugin.sh):
// how it finds Node, and that the plugin folder works on its own once copied out of the repository. Needs the
// plugin folder built (scripts/test.sh builds it).
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const pluginDir = path.resolve(__dirname, "../../dist/pulumi-plugin");
let copy: string;
let empty: string;

/** Runs the launcher as the engine does and returns the first stdout line (the port), or its exit code and stderr. */
function launch(dir: string, env: Record<string, string>): Promise<{ port?: string; code?: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(dir, "pulumi-resource-mosaic"), ["127.0.0.1:1"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`launcher gave no port within 20 s: ${stderr}`));
    }, 20_000);
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
      if (stdout.includes("\n")) {
        clearTimeout(timer);
        child.kill("SIGTERM");
        resolve({ port: stdout.split("\n")[0], stderr });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(path.join(pluginDir, "pulumi-resource-mosaic")))
    throw new Error("build the plugin folder first: scripts/build-plugin.sh");
  // A copy outside the repository: no node_modules, no dist/ around it.
  copy = path.join(mkdtempSync(path.join(tmpdir(), "mosaic-plugin-")), "plugin");
  cpSync(pluginDir, copy, { recursive: true });
  empty = mkdtempSync(path.join(tmpdir(), "mosaic-no-node-"));
});
afterAll(() => {
  rmSync(path.dirname(copy), { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe("pulumi-resource-mosaic", () => {
  it("runs the copied folder with the node named by PULUMI_MOSAIC_NODE, printing its port", async () => {
    const result = await launch(copy, { PATH: empty, PULUMI_MOSAIC_NODE: process.execPath });
    expect(result.port).toMatch(/^\d+$/);
  });

  it("takes node from PATH, and says what to do when there is none", async () => {
    expect((await launch(copy, { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` })).port).toMatch(/^\d+$/);
    const missing = await launch(copy, { PATH: empty });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("put Node.js >= 22 on PATH or set PULUMI_MOSAIC_NODE");
  });

  it("prefers a node shipped beside it in the folder", async () => {
    const withNode = `${copy}-with-node`;
    cpSync(copy, withNode, { recursive: true });
    symlinkSync(process.execPath, path.join(withNode, "node"));
    try {
      expect((await launch(withNode, { PATH: empty })).port).toMatch(/^\d+$/);
    } finally {
      rmSync(withNode, { recursive: true, force: true });
    }
  });

  it("exits when the process that started it dies without stopping it", async () => {
    // sh stands in for the engine: it starts the plugin, prints the plugin's pid, and is then killed with SIGKILL.
    const engine = spawn("sh", ["-c", `"${path.join(copy, "pulumi-resource-mosaic")}" 127.0.0.1:1 & echo "$!"; wait`], {
      env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    engine.stdout.on("data", (chunk) => (out += String(chunk)));
    // The pid, then the plugin's port: the plugin is serving.
    for (let i = 0; i < 100 && out.split("\n").length < 3; i++) await sleep(100);
    const pid = Number(out.split("\n")[0]);
    expect(pid).toBeGreaterThan(0);
    engine.kill("SIGKILL");
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await sleep(100);
    if (alive()) process.kill(pid, "SIGKILL");
    expect(alive()).toBe(false);
  });
});
