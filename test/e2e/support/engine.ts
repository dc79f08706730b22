// An isolated Pulumi engine for one test file: its own PULUMI_HOME, file backend and temp workspace, the CLI that
// scripts/env.sh prepared (MOSAIC_PULUMI_ROOT), and every byte the engine printed kept for assertions (e.g. that
// no secret reached a log). Inline programs run in this process; the dynamic-provider plugin the engine starts
// runs with the repository root as its working directory, where node_modules/pulumi-mosaic resolves.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { createInlineStack, storedState } from "../../../scripts/lib/isolated-pulumi";

// Load Pulumi natively (not through Vite's module graph) so the inline program, the SDK classes and the Automation
// API share one @pulumi/pulumi instance, exactly as in a user's program.
const nodeRequire = createRequire(__filename);
export const auto: typeof automation = nodeRequire("@pulumi/pulumi/automation");

export const repoRoot = path.resolve(__dirname, "../../..");

/** Loads a module with Node's own require (the built package, never Vite-transformed source). */
export function requireNative<T>(id: string): T {
  return nodeRequire(id) as T;
}

export interface TestStackOptions {
  /** The inline Pulumi program. */
  program: automation.PulumiFn;
  projectName?: string;
  stackName?: string;
  /** Stack config; values with {secret: true} are stored encrypted. */
  config?: automation.ConfigMap;
  /** Extra environment for the engine and its plugins. */
  env?: Record<string, string>;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, any>;
  outputs?: Record<string, any>;
}

export interface TestStack {
  stack: automation.Stack;
  /** This stack's PULUMI_HOME; every engine and plugin process of the stack has it in its environment. */
  pulumiHome: string;
  /** Everything the CLI printed (stdout and stderr, provider diagnostics included), in order. */
  logs: string[];
  /** Every engine event the Automation API received, as JSON text. */
  events: string[];
  /** Callbacks that append to `logs`; spread them into up/preview/refresh/destroy options. */
  capture: { onOutput(out: string): void; onError(err: string): void; onEvent(event: automation.EngineEvent): void };
  /**
   * The stack's state exactly as stored in the backend (the checkpoint file's text), for assertions that nothing
   * secret is in it: `pulumi stack export` through the Automation API decrypts secrets (--show-secrets).
   */
  exportedState(): Promise<string>;
  /** The resources of the stored state's latest deployment. */
  stateResources(): Promise<StateResource[]>;
  /** Destroys what is left, removes the stack and deletes every temp dir. */
  dispose(): Promise<void>;
}

export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const base = mkdtempSync(path.join(tmpdir(), "mosaic-e2e-"));
  const projectName = options.projectName ?? "mosaic-e2e";
  const stackName = options.stackName ?? "test";
  const { stack, home, backend } = await createInlineStack(auto, {
    base,
    projectName,
    stackName,
    program: options.program,
    main: repoRoot,
    env: options.env,
  });
  if (options.config) await stack.setAllConfig(options.config);

  const logs: string[] = [];
  const events: string[] = [];
  const capture = {
    onOutput: (out: string) => void logs.push(out),
    onError: (err: string) => void logs.push(err),
    onEvent: (event: automation.EngineEvent) => void events.push(JSON.stringify(event)),
  };
  return {
    stack,
    pulumiHome: home,
    logs,
    events,
    capture,
    exportedState: async () => storedState(backend, projectName, stackName),
    stateResources: async () => {
      const checkpoint = JSON.parse(storedState(backend, projectName, stackName));
      return checkpoint.checkpoint?.latest?.resources ?? [];
    },
    dispose: async () => {
      try {
        await stack.destroy({ ...capture });
        await stack.workspace.removeStack(stackName);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

/** The error an engine operation failed with, or undefined if it succeeded (for tests of failures). */
export function failureOf(operation: Promise<unknown>): Promise<Error | undefined> {
  return operation.then(
    () => undefined,
    (error: Error) => error,
  );
}
