// A Pulumi YAML project driven through the real engine: the pulumi-resource-mosaic plugin (dist/pulumi-plugin) and
// the YAML language host, so nothing of the Node SDK is involved. Shared by the plugin's e2e files; each gets its own
// PULUMI_HOME and file backend. Needs the YAML language host on PATH and the plugin folder built: scripts/test.sh
// does both (ensure_yaml_host, scripts/build-plugin.sh).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type * as automation from "@pulumi/pulumi/automation";
import { isolatedPulumi, preparedPulumiCommand } from "../../../scripts/lib/isolated-pulumi";
import { auto, repoRoot } from "./engine";

const run = promisify(execFile);
export const pluginDir = path.join(repoRoot, "dist", "pulumi-plugin");
export const launcher = path.join(pluginDir, "pulumi-resource-mosaic");

/** How Pulumi.yaml finds the plugin: its folder by path, as a package, or nothing (installed into PULUMI_HOME). */
export type PluginSource = "path" | "packages" | "installed";

/** Pulumi.yaml of a YAML project: `resources` and `outputs` are YAML text, indented two spaces (either may be ""). */
export function yamlProject(name: string, resources: string, outputs = "", plugin: PluginSource = "path"): string {
  const plugins = {
    path: `plugins:\n  providers:\n    - name: mosaic\n      path: ${pluginDir}\n`,
    packages: `packages:\n  mosaic: ${pluginDir}\n`,
    installed: "",
  }[plugin];
  const sections = (resources ? `resources:\n${resources}\n` : "") + (outputs ? `outputs:\n${outputs}\n` : "");
  return `name: ${name}\nruntime: yaml\n${plugins}${sections}`;
}

/** Fails at once, saying what to run, when the plugin folder or the YAML language host is missing. */
export function requireYamlPlugin(): void {
  for (const [what, found] of [
    ["the plugin folder (make build, or scripts/build-plugin.sh)", existsSync(launcher)],
    ["pulumi-language-yaml on PATH (ensure_yaml_host in scripts/env.sh)", (process.env.PATH ?? "").includes("pulumi-language-yaml")],
  ] as const) {
    if (!found) throw new Error(`this test needs ${what}; run it through scripts/test.sh`);
  }
}

export interface YamlStack {
  stack: automation.Stack;
  workDir: string;
  env: Record<string, string>;
  backend: string;
  /** Everything the engine and the CLI printed, in order. */
  logs: string[];
  capture: { onOutput(out: string): void; onError(err: string): void };
  writeProgram(yaml: string): void;
  /** The CLI itself, in the project's directory and environment, bounded in time; rejects with its output. */
  cli(args: string[]): Promise<string>;
}

/** A stack "dev" of a YAML project in `base`/project, whose Pulumi.yaml starts as `initialYaml`. */
export async function yamlStack(
  base: string,
  initialYaml: string,
  config: automation.ConfigMap,
  extraEnv: Record<string, string> = {},
): Promise<YamlStack> {
  const isolated = isolatedPulumi(base);
  Object.assign(isolated.envVars, extraEnv);
  const workDir = path.join(base, "project");
  mkdirSync(workDir, { recursive: true });
  const writeProgram = (yaml: string) => writeFileSync(path.join(workDir, "Pulumi.yaml"), yaml);
  writeProgram(initialYaml);
  const pulumiCommand = await preparedPulumiCommand(auto);
  const stack = await auto.LocalWorkspace.createStack(
    { workDir, stackName: "dev" },
    { workDir, pulumiHome: isolated.home, envVars: isolated.envVars, pulumiCommand },
  );
  await stack.setAllConfig(config);
  const logs: string[] = [];
  const env = { ...process.env, ...isolated.envVars } as Record<string, string>;
  return {
    stack,
    workDir,
    env,
    backend: isolated.backend,
    logs,
    capture: { onOutput: (out) => void logs.push(out), onError: (err) => void logs.push(err) },
    writeProgram,
    cli: async (args) => {
      try {
        const { stdout, stderr } = await run(pulumiCommand.command, [...args, "--non-interactive"], {
          cwd: workDir,
          env,
          timeout: 120_000,
        });
        logs.push(stdout, stderr);
        return stdout;
      } catch (error) {
        const failed = error as Error & { stdout?: string; stderr?: string };
        logs.push(failed.stdout ?? "", failed.stderr ?? "");
        throw Object.assign(new Error(`pulumi ${args.join(" ")} failed:\n${failed.stdout ?? ""}\n${failed.stderr ?? ""}`), {
          cause: error,
        });
      }
    },
  };
}
