// The project template as a new user meets it, through the real CLI and offline: `pulumi new` on
// templates/mosaic-typescript (a local path) with the tenant settings as -c values, the package installed from a
// tarball (npm pack of this repository; nothing is published yet), then `pulumi up` and `pulumi destroy` against a
// separately started emulator bin. The management secret is set the documented way, `pulumi config set --secret`,
// and the stack's config file and stored state are checked as written on disk.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedPulumi, storedState, type IsolatedPulumi } from "../../scripts/lib/isolated-pulumi";
import { repoRoot } from "./support/engine";
import { emulatorDump, startEmulatorProcess, type EmulatorProcess } from "./support/emulator-process";

const run = promisify(execFile);
const template = path.join(repoRoot, "templates", "mosaic-typescript");
const projectName = "mosaic-template-check";
const stackName = "dev";

/** The environment of a user's shell: none of the npm_* variables of an enclosing npm run, the npm cache preferred. */
function userEnv(pulumi: IsolatedPulumi): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...pulumi.envVars, npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false" };
}

describe("pulumi new on templates/mosaic-typescript", () => {
  let base: string;
  let project: string;
  let pulumi: IsolatedPulumi;
  let emulator: EmulatorProcess;
  let tarball: string;
  const output: string[] = [];

  const cli = async (command: string, args: string[], cwd = project, timeout = 300_000): Promise<string> => {
    const result = await run(command, args, { cwd, env: userEnv(pulumi), timeout, maxBuffer: 64 << 20 }).catch((error) => {
      throw new Error(`${path.basename(command)} ${args[0]} failed:\n${error.stdout}${error.stderr}`);
    });
    output.push(result.stdout, result.stderr);
    return result.stdout;
  };
  const pulumiCli = (args: string[], cwd?: string) => cli(path.join(process.env.MOSAIC_PULUMI_ROOT!, "bin", "pulumi"), args, cwd);

  beforeAll(async () => {
    base = realpathSync(mkdtempSync(path.join(tmpdir(), "mosaic-template-")));
    project = path.join(base, "project");
    pulumi = isolatedPulumi(path.join(base, "pulumi"));
    emulator = await startEmulatorProcess();
    // The working tree's dist/ as built by scripts/test.sh; --ignore-scripts keeps prepare from rebuilding it under
    // the other test files (test/e2e/package.test.ts proves the packed build from a fresh clone).
    const pack = await cli("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", base, "--loglevel=error"], repoRoot);
    tarball = path.join(base, JSON.parse(pack)[0].filename);
  });

  afterAll(async () => {
    await emulator?.stop();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it("creates a project whose stack config names the tenant, keeps the secret encrypted, and runs up and destroy", async () => {
    await pulumiCli(
      [
        "new",
        template,
        "--yes",
        "--dir",
        project,
        "--name",
        projectName,
        "--stack",
        stackName,
        "-c",
        `mosaic:apiUrl=${emulator.url}`,
        "-c",
        "mosaic:region=",
        "-c",
        `mosaic:clientId=${emulator.clientId}`,
      ],
      base,
    );
    const configFile = path.join(project, `Pulumi.${stackName}.yaml`);
    expect(readFileSync(configFile, "utf8")).toContain(`mosaic:apiUrl: ${emulator.url}`);
    expect(readFileSync(path.join(project, "package.json"), "utf8")).toContain(`"name": "${projectName}"`);

    await cli("npm", ["install", "--loglevel=error", tarball]);
    await pulumiCli(["config", "set", "--secret", "mosaic:clientSecret", emulator.clientSecret]);
    expect(readFileSync(configFile, "utf8")).toMatch(/mosaic:clientSecret:\s+secure: /);
    await cli(path.join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", project]);

    await pulumiCli(["up", "--yes", "--skip-preview", "--non-interactive"]);
    const outputs = JSON.parse(await pulumiCli(["stack", "output", "--json"]));
    expect(outputs.clientSecret).toBe("[secret]");
    const tenant = await emulatorDump(emulator);
    expect(tenant.applications.map((app) => [app.app_id, app.app_name])).toEqual([[outputs.appId, `${projectName}-${stackName}`]]);
    expect(tenant.clients.map((client) => client.client_id)).toContain(outputs.clientId);

    const secrets = [emulator.clientSecret, ...tenant.clients.map((client) => client.client_secret as string)];
    const stored = storedState(pulumi.backend, projectName, stackName);
    for (const secret of secrets) {
      expect(stored.includes(secret), "a secret is in the stored state").toBe(false);
      expect(readFileSync(configFile, "utf8").includes(secret), "a secret is in the stack's config file").toBe(false);
      expect(output.join("").includes(secret), "a secret is in the CLI's output").toBe(false);
    }
    await pulumiCli(["destroy", "--yes", "--skip-preview", "--non-interactive"]);
    expect(await emulatorDump(emulator)).toMatchObject({ applications: [], clients: [] });
  });
});
