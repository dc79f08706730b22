// The project template as a new user meets it: `pulumi new <templates/mosaic-typescript>` through the real CLI, with
// the template's config answered by -c (the secret set afterwards with `pulumi config set --secret`, as the template's
// README says), then the package added from a tarball of this repository, and `pulumi up` / `pulumi destroy` against
// the package's own emulator bin. Offline: npm installs from its cache (--prefer-offline). The stored stack config and
// state are read as written on disk, so a plaintext secret there fails the test.
import { execFile, spawn } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedPulumi, storedState, type IsolatedPulumi } from "../../scripts/lib/isolated-pulumi";
import { repoRoot } from "./support/engine";
import { emulatorDump, startEmulatorProcess, type EmulatorProcess } from "./support/emulator-process";

const run = promisify(execFile);
const template = path.join(repoRoot, "templates", "mosaic-typescript");
const repoPackage = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));

/** npm without the npm_* variables of an enclosing `npm run`, preferring its cache. */
function toolEnv(pulumi: IsolatedPulumi): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...pulumi.envVars, npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false" };
}

/** Runs the Pulumi CLI in `cwd`, optionally feeding `input` on stdin; rejects with its output on a non-zero exit. */
function pulumiCli(cwd: string, env: NodeJS.ProcessEnv, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.stderr.on("data", (chunk) => (output += String(chunk)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`pulumi ${args.join(" ")} exited with ${code}:\n${output}`));
    });
    child.stdin.end(input ?? "");
  });
}

describe("pulumi new from templates/mosaic-typescript", () => {
  let base: string;
  let project: string;
  let pulumi: IsolatedPulumi;
  let emulator: EmulatorProcess | undefined;

  beforeAll(async () => {
    base = realpathSync(mkdtempSync(path.join(tmpdir(), "mosaic-template-")));
    project = path.join(base, "project");
    pulumi = isolatedPulumi(path.join(base, "pulumi"));
  });

  afterAll(async () => {
    await emulator?.stop();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it("creates a project that, with the packed package installed, deploys to the emulator and keeps the secrets encrypted", async () => {
    const env = toolEnv(pulumi);
    // The package as a user gets it before it is published: a tarball. --ignore-scripts packs the dist/ that
    // scripts/test.sh built (its prepare script would rebuild dist/ under the other test files' feet).
    const pack = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", base, "--loglevel=error"], {
      cwd: repoRoot,
      env,
      timeout: 120_000,
    });
    const tarball = path.join(base, JSON.parse(pack.stdout)[0].filename);

    // The template's questions answered on the command line (apiUrl instead of a region), as a user would.
    emulator = await startEmulatorProcess();
    const created = await pulumiCli(base, env, [
      "new",
      template,
      "--yes",
      "--dir",
      project,
      "--name",
      "mosaic-from-template",
      "--stack",
      "dev",
      "-c",
      `mosaic:apiUrl=${emulator.url}`,
      "-c",
      "mosaic:region=",
      "-c",
      `mosaic:clientId=${emulator.clientId}`,
    ]);
    expect(created).toContain("Your new project is ready to go");
    const projectFile = parse(readFileSync(path.join(project, "Pulumi.yaml"), "utf8"));
    expect(projectFile.name).toBe("mosaic-from-template");
    expect(projectFile.template).toBeUndefined(); // the template: section stays in the template
    expect(JSON.parse(readFileSync(path.join(project, "package.json"), "utf8")).name).toBe("mosaic-from-template");
    await pulumiCli(project, env, ["config", "set", "--secret", "mosaic:clientSecret"], emulator.clientSecret);

    await run("npm", ["install", "--loglevel=error", tarball], { cwd: project, env, timeout: 240_000 });
    const installed = path.join(project, "node_modules", "pulumi-mosaic");
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")).version).toBe(repoPackage.version);
    await run(path.join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", project], { cwd: project, timeout: 120_000 });

    const up = await pulumiCli(project, env, ["up", "--yes", "--skip-preview"]);
    const dump = await emulatorDump(emulator);
    expect(dump.applications.map((app) => app.app_name)).toEqual(["mosaic-from-template-dev"]);
    const web = dump.clients.find((client) => client.name === "web");
    expect(web).toBeDefined();
    const outputs = JSON.parse(await pulumiCli(project, env, ["stack", "output", "--json"]));
    expect(outputs.webClientId).toBe(web.client_id);
    expect(outputs.webClientSecret).toBe("[secret]");

    // Secrets as stored: the stack's config file and the state file, and the CLI's output.
    const stackConfig = readFileSync(path.join(project, "Pulumi.dev.yaml"), "utf8");
    expect(parse(stackConfig).config["mosaic:clientSecret"]).toHaveProperty("secure");
    const state = storedState(pulumi.backend, "mosaic-from-template", "dev");
    const secrets = [emulator.clientSecret, web.client_secret, ...dump.applications.map((app) => app.client_secret)];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(16);
      expect(stackConfig.includes(secret), "a secret is in Pulumi.dev.yaml").toBe(false);
      expect(state.includes(secret), "a secret is in the stored state").toBe(false);
      expect(up.includes(secret), "a secret is in the output of pulumi up").toBe(false);
    }

    await pulumiCli(project, env, ["destroy", "--yes", "--skip-preview"]);
    expect(await emulatorDump(emulator)).toMatchObject({ applications: [], clients: [] });
    expect(existsSync(path.join(project, "README.md"))).toBe(true);
  });
});
