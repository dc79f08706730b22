// The package as users install it, outside the repository: a fresh clone of the working tree (tracked and
// unignored files only, so no dist/ and no node_modules) is prepared with `npm ci` and packed with `npm pack`; the
// tarball, then the clone's git URL (git+file://, the offline equivalent of a hosted repository), are installed
// with npm into one temporary project under the system temp directory, where the package's own `mosaic-emulator`
// bin serves the API and a TypeScript Pulumi program runs through the real engine: up, an empty refresh, destroy.
// Nothing is linked and the user builds nothing; npm installs from its cache (--prefer-offline), and the test prints
// how long each step took. The packed file list is checked against scripts/lib/package-files.ts, and
// `npm publish --dry-run` must be clean.
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedPulumi, preparedPulumiCommand, storedState } from "../../scripts/lib/isolated-pulumi";
import { packageProblems } from "../../scripts/lib/package-files";
import { MosaicClient } from "../../provider/api";
import { auto, repoRoot } from "./support/engine";
import { emulatorDump, startEmulatorProcess, type EmulatorProcess } from "./support/emulator-process";

const run = promisify(execFile);
const nodeRequire = createRequire(__filename);
const repoPackage = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const projectName = "mosaic-install-check";

/** The environment for npm: none of the npm_* variables of an enclosing `npm run`/npx, the cache preferred. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return {
    ...env,
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

const timings: Record<string, number> = {};
async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[step] = Math.round(performance.now() - started) / 1000;
  }
}

async function npm(cwd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run("npm", args, { cwd, env: npmEnv(), timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
}

async function git(cwd: string, args: string[]): Promise<string> {
  const identity = ["-c", "user.name=pulumi-mosaic test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"];
  return (await run("git", [...identity, ...args], { cwd, timeout: 60_000 })).stdout;
}

/** The working tree as a fresh clone would have it: a new git repository holding tracked and unignored files. */
async function snapshotRepository(target: string): Promise<void> {
  const listed = (
    await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, maxBuffer: 16 << 20 })
  ).stdout
    .split("\0")
    .filter((file) => file !== "" && existsSync(path.join(repoRoot, file)));
  for (const file of listed) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    cpSync(path.join(repoRoot, file), path.join(target, file), { verbatimSymlinks: true });
  }
  await git(target, ["init", "-q", "-b", "main"]);
  await git(target, ["add", "-A"]);
  await git(target, ["commit", "-q", "-m", "snapshot of the working tree"]);
}

type Emulator = EmulatorProcess;

/** Starts the installed package's `mosaic-emulator` bin on 127.0.0.1 and waits for its JSON line. */
function startInstalledEmulator(project: string): Promise<Emulator> {
  return startEmulatorProcess([path.join(project, "node_modules", ".bin", "mosaic-emulator")], { cwd: project, args: ["--seed", "7"] });
}

/** Every secret-looking value the emulator holds, and the management credentials. */
function secretsOf(state: unknown, emulator: Emulator): string[] {
  const secrets = new Set<string>([emulator.clientSecret]);
  const collect = (value: unknown, key = ""): void => {
    if (typeof value === "string" && /secret/i.test(key) && value.length >= 8) secrets.add(value);
    else if (Array.isArray(value)) value.forEach((item) => collect(item, key));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  collect(state);
  return [...secrets];
}

/** The stub module of each mosaic type (sdk/dynamic/). */
const STUB_MODULES: Record<string, string> = {
  "pulumi-nodejs:dynamic/mosaic:Application": "application",
  "pulumi-nodejs:dynamic/mosaic:Client": "client",
  "pulumi-nodejs:dynamic/mosaic:ClientResources": "client-resources",
};

interface StoredResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The serialized provider of every mosaic resource in a stored checkpoint, inputs and outputs. */
function storedProviders(checkpoint: string): { type: string; text: string }[] {
  const resources: StoredResource[] = JSON.parse(checkpoint).checkpoint.latest.resources;
  return resources
    .filter((resource) => STUB_MODULES[resource.type])
    .flatMap((resource) => [resource.inputs, resource.outputs].map((props) => ({ type: resource.type, text: String(props?.__provider) })));
}

const program = `import * as mosaic from "pulumi-mosaic";
import { version } from "pulumi-mosaic/provider";

const app = new mosaic.Application("portal", { appName: "Install check", appDescription: "pulumi-mosaic installed from a package" });
const web = new mosaic.Client("portal-web", {
  applicationId: app.appId,
  name: "web",
  redirectUris: ["https://portal.example.com/callback"],
  tokenExpiration: { accessTokenTtl: 3600, refreshTokenTtl: 1209600 },
});
new mosaic.ClientResources("portal-web-apis", { applicationId: app.appId, clientId: web.clientId, resourceIds: ["orders-api"] });

export const appId = app.appId;
export const clientSecret = web.clientSecret;
export const providerVersion = version;
`;

describe("the package installed outside the repository", () => {
  let base: string;
  let clone: string;
  let source: string;
  let project: string;
  let tarball: string;
  let packed: { filename: string; files: { path: string }[]; size: number; unpackedSize: number; entryCount: number };
  const emulators: Emulator[] = [];

  beforeAll(async () => {
    base = realpathSync(mkdtempSync(path.join(tmpdir(), "mosaic-package-")));
    expect(path.relative(repoRoot, base).startsWith("..")).toBe(true);
    source = path.join(base, "source");
    clone = path.join(base, "clone");
    project = path.join(base, "project");
    await timed("snapshot and clone", async () => {
      await snapshotRepository(source);
      await git(base, ["clone", "-q", source, clone]);
    });
    expect(existsSync(path.join(clone, "dist"))).toBe(false);
    await timed("npm ci in the clone (runs prepare: the build)", () => npm(clone, ["ci", "--no-audit", "--no-fund", "--loglevel=error"]));
    const pack = await timed("npm pack", () => npm(clone, ["pack", "--json", "--pack-destination", base, "--loglevel=error"]));
    packed = JSON.parse(pack.stdout)[0];
    tarball = path.join(base, packed.filename);

    // A user's project: Pulumi, TypeScript and Node's types; pulumi-mosaic is added by each test.
    mkdirSync(project);
    const dependencies = { "@pulumi/pulumi": repoPackage.devDependencies["@pulumi/pulumi"] };
    const devDependencies = {
      typescript: repoPackage.devDependencies.typescript,
      "@types/node": repoPackage.devDependencies["@types/node"],
    };
    writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: projectName, private: true, main: "index.ts", dependencies, devDependencies }),
    );
    writeFileSync(path.join(project, "Pulumi.yaml"), `name: ${projectName}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
    // The examples' compiler settings: module commonjs, node10 resolution.
    cpSync(path.join(repoRoot, "examples", "basic", "tsconfig.json"), path.join(project, "tsconfig.json"));
    writeFileSync(path.join(project, "index.ts"), program);
    await timed("npm install of the project's own dependencies", () => npm(project, ["install", "--loglevel=error"]));
  });

  afterAll(async () => {
    for (const emulator of emulators) await emulator.stop();
    console.log(`package: ${packed?.entryCount} files, ${packed?.size} bytes packed, ${packed?.unpackedSize} unpacked`);
    console.log(`timings (s): ${JSON.stringify(timings)}`);
    if (base) rmSync(base, { recursive: true, force: true });
  });

  /** A stack of the project on a fresh emulator started from the installed package's bin, configured as a user would. */
  async function startStack(stackName: string) {
    // A real copy in the project (no link into the repository), which is where the engine's plugin resolves it from.
    const installed = path.join(project, "node_modules", "pulumi-mosaic");
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")).version).toBe(repoPackage.version);
    const emulator = await startInstalledEmulator(project);
    emulators.push(emulator);
    const pulumi = isolatedPulumi(path.join(base, `pulumi-${stackName}`));
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      { stackName, workDir: project },
      { pulumiHome: pulumi.home, envVars: pulumi.envVars, pulumiCommand: await preparedPulumiCommand(auto) },
    );
    await stack.setAllConfig({
      "mosaic:apiUrl": { value: emulator.url },
      "mosaic:clientId": { value: emulator.clientId },
      "mosaic:clientSecret": { value: emulator.clientSecret, secret: true },
    });
    const output: string[] = [];
    const capture = { onOutput: (text: string) => void output.push(text) };
    const stored = () => storedState(pulumi.backend, projectName, stackName);
    return { stack, emulator, output, capture, stored };
  }

  /** Type-checks the program against the installed declarations, then up, an empty refresh and destroy. */
  async function runProgram(stackName: string): Promise<void> {
    // node10 resolution ignores `exports`: the subpath's types come from typesVersions.
    await run(path.join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", project], { cwd: project, timeout: 120_000 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`the program does not type-check against the installed package:\n${error.stdout}${error.stderr}`);
      },
    );
    const { stack, emulator, output, capture, stored } = await startStack(stackName);
    const up = await timed(`pulumi up (${stackName})`, () => stack.up(capture));
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    expect(up.outputs.providerVersion.value).toBe(repoPackage.version);
    expect(up.outputs.clientSecret.secret).toBe(true);
    const state = await emulatorDump(emulator);
    expect(state.applications.map((app) => app.app_id)).toContain(up.outputs.appId.value);
    await stack.refresh({ ...capture, expectNoChanges: true });
    // The installed mosaic-export bin reads that tenant back into a project that type-checks against the package.
    const exported = path.join(project, `exported-${stackName}`);
    const exportEnv = {
      ...process.env,
      MOSAIC_API_URL: emulator.url,
      MOSAIC_CLIENT_ID: emulator.clientId,
      MOSAIC_CLIENT_SECRET: emulator.clientSecret,
    };
    await run(path.join(project, "node_modules", ".bin", "mosaic-export"), ["--out", exported], {
      cwd: project,
      env: exportEnv,
      timeout: 60_000,
    });
    await run(path.join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", exported], { cwd: project, timeout: 120_000 });
    rmSync(exported, { recursive: true, force: true });
    for (const secret of secretsOf(state, emulator)) {
      expect(stored().includes(secret), "a secret is in the stored state").toBe(false);
      expect(output.join("").includes(secret), "a secret is in the CLI's output").toBe(false);
    }
    // The installed package's provider is stored as one require of its module (sdk/stubs.ts).
    const providers = storedProviders(stored());
    expect(providers).toHaveLength(6); // inputs and outputs of the three mosaic resources
    for (const { type, text } of providers) {
      expect(text).toContain(`require("pulumi-mosaic/dist/sdk/dynamic/${STUB_MODULES[type]}.js")`);
      expect(text.length).toBeLessThanOrEqual(500);
    }
    const resources: StoredResource[] = JSON.parse(stored()).checkpoint.latest.resources;
    for (const resource of resources.filter((r) => STUB_MODULES[r.type])) {
      console.log(`${stackName}: ${resource.type} stores ${JSON.stringify(resource).length} bytes`);
    }
    await stack.destroy(capture);
    expect(await emulatorDump(emulator)).toMatchObject({ applications: [], clients: [] });
    await stack.workspace.removeStack(stackName);
    await emulator.stop();
  }

  it("npm pack of a fresh clone ships the built SDK, provider and emulator with the docs, and nothing else", async () => {
    const files = packed.files.map((file) => file.path).sort();
    const docs = readdirSync(path.join(repoRoot, "docs")).filter((file) => file.endsWith(".md"));
    expect(packageProblems(files, repoPackage, docs)).toEqual([]);
    for (const file of files.filter((name) => name.endsWith(".js"))) {
      expect(readFileSync(path.join(clone, file), "utf8"), `${file} points at a source map`).not.toContain("sourceMappingURL");
    }
    // `npm publish --dry-run` packs the same files and warns about nothing but the missing login.
    const publish = await npm(clone, ["publish", "--dry-run", "--json", "--ignore-scripts", "--offline"]);
    const report = JSON.parse(publish.stdout)[repoPackage.name];
    expect(report.files.map((file: { path: string }) => file.path).sort()).toEqual(files);
    const warnings = publish.stderr
      .split("\n")
      .filter((line) => /^npm (warn|error)/i.test(line) && !/requires you to be logged in/.test(line));
    expect(warnings).toEqual([]);
  });

  it("a tarball from npm pack installs into a new project and runs a TypeScript program through the engine", async () => {
    await timed("npm install <tarball>", () => npm(project, ["install", "--loglevel=error", tarball]));
    await runProgram("tarball");
  });

  it("a git URL installs (npm runs prepare with devDependencies) and runs the same program", async () => {
    await timed("npm install git+file://", () => npm(project, ["install", "--loglevel=error", `git+file://${source}`]));
    const lock = JSON.parse(readFileSync(path.join(project, "package-lock.json"), "utf8"));
    expect(lock.packages["node_modules/pulumi-mosaic"].resolved).toMatch(/^git\+file:\/\//);
    expect(existsSync(path.join(project, "node_modules", "pulumi-mosaic", "dist", "provider", "index.js"))).toBe(true);
    await runProgram("git");
  });

  it("a stack written with the copied stub (as 0.1.0 stored it) previews no change, refreshes, updates and destroys", async () => {
    const installed = path.join(project, "node_modules", "pulumi-mosaic");
    if (!existsSync(path.join(installed, "dist")) || lstatSync(installed).isSymbolicLink()) {
      await npm(project, ["install", "--loglevel=error", tarball]);
    }
    const { stack, emulator, capture, stored } = await startStack("upgrade");
    const up = await stack.up(capture);
    // Rewrite the state as the first release wrote it: the stub copied by value, as a linked checkout still
    // serializes it (this test process loads the repository's own package, linked, not under node_modules).
    const pulumiSdk = nodeRequire("@pulumi/pulumi");
    const copiedStubs = nodeRequire(path.join(repoRoot, "dist", "sdk", "stubs.js"));
    const copied: Record<string, string> = {};
    for (const [type, file] of Object.entries(STUB_MODULES)) {
      const stub = copiedStubs[`${file.replace(/-(\w)/g, (_: string, c: string) => c.toUpperCase())}Stub`];
      copied[type] = (await pulumiSdk.runtime.serializeFunction(() => stub, { allowSecrets: false })).text;
      expect(copied[type]).toContain('require("pulumi-mosaic/provider")');
    }
    const downgrade = async () => {
      const deployment = await stack.exportStack();
      for (const resource of deployment.deployment.resources as StoredResource[]) {
        if (!STUB_MODULES[resource.type]) continue;
        for (const props of [resource.inputs, resource.outputs]) if (props) props.__provider = copied[resource.type];
      }
      await stack.importStack(deployment);
      for (const { text } of storedProviders(stored())) expect(text).toContain('require("pulumi-mosaic/provider")');
    };
    await downgrade();
    // The new stub in the program is no change; the stored one still reads.
    await stack.preview({ ...capture, expectNoChanges: true });
    const api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    try {
      await api.applications.update({ app_id: up.outputs.appId.value }, { app_description: "edited in the portal" });
    } finally {
      await api.close();
    }
    const refresh = await stack.refresh(capture);
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const revert = await stack.up(capture);
    expect(revert.summary.resourceChanges).toMatchObject({ update: 1 });
    expect((await emulatorDump(emulator)).applications[0].app_description).toBe("pulumi-mosaic installed from a package");
    await downgrade();
    await stack.destroy(capture);
    expect(await emulatorDump(emulator)).toMatchObject({ applications: [], clients: [] });
    await stack.workspace.removeStack("upgrade");
    await emulator.stop();
  });
});
