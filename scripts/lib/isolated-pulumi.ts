// The isolated Pulumi environment every engine run of this repository uses (tests, demo, benchmarks): a local
// file backend, a passphrase secrets provider, its own PULUMI_HOME, no update checks and no plugin downloads, and
// the CLI that scripts/env.sh prepared. Loaded by vitest and, through Node's type stripping, by the demo and bench.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";

export interface IsolatedPulumi {
  /** PULUMI_HOME: plugins, workspace settings and logs of this run only. */
  home: string;
  /** The file backend's directory. */
  backend: string;
  /** Environment for the Automation API (`envVars`): the engine and its plugins inherit it. */
  envVars: Record<string, string>;
}

/** Creates `<base>/home` and `<base>/backend` and returns the environment that points Pulumi at them. */
export function isolatedPulumi(base: string, passphrase = "mosaic-local"): IsolatedPulumi {
  const home = path.join(base, "home");
  const backend = path.join(base, "backend");
  mkdirSync(home, { recursive: true });
  mkdirSync(backend, { recursive: true });
  return {
    home,
    backend,
    envVars: {
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
    },
  };
}

/**
 * An inline-program stack in `<base>` with the isolated environment above. `main` is where the engine starts the
 * dynamic-provider plugin: the repository root, whose node_modules holds @pulumi/pulumi and the pulumi-mosaic link
 * (pulumi-notes.md §2.3).
 */
export async function createInlineStack(
  auto: typeof automation,
  options: {
    base: string;
    projectName: string;
    stackName: string;
    program: automation.PulumiFn;
    main: string;
    passphrase?: string;
    env?: Record<string, string>;
  },
): Promise<IsolatedPulumi & { stack: automation.Stack }> {
  const pulumi = isolatedPulumi(options.base, options.passphrase);
  Object.assign(pulumi.envVars, options.env);
  const workDir = path.join(options.base, "work");
  mkdirSync(workDir, { recursive: true });
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName: options.stackName, program: options.program },
    {
      workDir,
      pulumiHome: pulumi.home,
      envVars: pulumi.envVars,
      pulumiCommand: await preparedPulumiCommand(auto),
      projectSettings: { name: options.projectName, runtime: "nodejs", main: options.main },
    },
  );
  return { ...pulumi, stack };
}

/**
 * The stack's state exactly as the file backend stores it (secrets encrypted), for assertions that nothing secret
 * is in it: `pulumi stack export` through the Automation API decrypts secrets (--show-secrets).
 */
export function storedState(backend: string, projectName: string, stackName: string): string {
  return readFileSync(path.join(backend, ".pulumi", "stacks", projectName, `${stackName}.json`), "utf8");
}

/**
 * Stack config that points the provider at an emulator the way a user points it at a tenant: the API URL and the
 * client id in plain config, the client secret as an encrypted secret.
 */
export function emulatorStackConfig(emulator: { url: string; clientId: string; clientSecret: string }): automation.ConfigMap {
  return {
    "mosaic:apiUrl": { value: emulator.url },
    "mosaic:clientId": { value: emulator.clientId },
    "mosaic:clientSecret": { value: emulator.clientSecret, secret: true },
  };
}

/** The Pulumi CLI prepared by scripts/env.sh (MOSAIC_PULUMI_ROOT/bin/pulumi), with a clear error when run outside it. */
export function preparedPulumiCommand(auto: typeof automation): Promise<automation.PulumiCommand> {
  const root = process.env.MOSAIC_PULUMI_ROOT;
  if (!root) {
    throw new Error(
      "MOSAIC_PULUMI_ROOT is not set: run this through `make test`, `make demo` or `make bench` (scripts/env.sh " +
        "prepares Node, node_modules and the Pulumi CLI), or export MOSAIC_PULUMI_ROOT=<dir containing bin/pulumi>.",
    );
  }
  return auto.PulumiCommand.get({ root });
}
