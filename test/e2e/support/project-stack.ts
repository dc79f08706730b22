// A stack of a program on disk (Pulumi.yaml in a directory: YAML, Python, Go), run by the real engine in the
// isolated environment of scripts/lib/isolated-pulumi.ts, with the plugin folder dist/pulumi-plugin as the mosaic
// provider. Every byte the CLI printed is kept, for assertions that no secret reached a log.
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type * as automation from "@pulumi/pulumi/automation";
import { isolatedPulumi, preparedPulumiCommand } from "../../../scripts/lib/isolated-pulumi";
import { auto, repoRoot } from "./engine";

const run = promisify(execFile);

/** The plugin folder scripts/build-plugin.sh writes, and the launcher the engine runs in it. */
export const pluginDir = path.join(repoRoot, "dist", "pulumi-plugin");
export const launcher = path.join(pluginDir, "pulumi-resource-mosaic");

/** The Pulumi.yaml lines that point the engine at the plugin folder by path. */
export const pluginByPath = `plugins:\n  providers:\n    - name: mosaic\n      path: ${pluginDir}\n`;

export interface ProjectStack {
  stack: automation.Stack;
  /** The project's directory: Pulumi.yaml and the program. */
  workDir: string;
  /** The file backend's directory (storedState reads the checkpoint from it). */
  backend: string;
  /** The environment of the engine and its plugins. */
  env: Record<string, string>;
  logs: string[];
  /** Callbacks that append to `logs`; spread them into up/preview/refresh/destroy options. */
  capture: { onOutput(out: string): void; onError(err: string): void };
  /** The CLI itself, in the project's directory and environment, bounded in time. */
  cli(args: string[]): Promise<string>;
}

/**
 * Creates stack `dev` of the project that `writeProject(workDir)` lays out in `<base>/project`, with `config` set.
 * `extraEnv` is added to the engine's environment (e.g. PATH with a venv first, MOSAIC_* credentials).
 */
export async function createProjectStack(
  base: string,
  options: { writeProject(workDir: string): void; config: automation.ConfigMap; extraEnv?: Record<string, string> },
): Promise<ProjectStack> {
  const isolated = isolatedPulumi(base);
  Object.assign(isolated.envVars, options.extraEnv);
  const workDir = path.join(base, "project");
  mkdirSync(workDir, { recursive: true });
  options.writeProject(workDir);
  const pulumiCommand = await preparedPulumiCommand(auto);
  const stack = await auto.LocalWorkspace.createStack(
    { workDir, stackName: "dev" },
    { workDir, pulumiHome: isolated.home, envVars: isolated.envVars, pulumiCommand },
  );
  await stack.setAllConfig(options.config);
  const logs: string[] = [];
  const env = { ...process.env, ...isolated.envVars } as Record<string, string>;
  return {
    stack,
    workDir,
    backend: isolated.backend,
    env,
    logs,
    capture: { onOutput: (out) => void logs.push(out), onError: (err) => void logs.push(err) },
    cli: async (args) => {
      const { stdout, stderr } = await run(pulumiCommand.command, [...args, "--non-interactive"], { cwd: workDir, env, timeout: 120_000 });
      logs.push(stdout, stderr);
      return stdout;
    },
  };
}
