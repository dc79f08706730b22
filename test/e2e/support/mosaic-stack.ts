// A Pulumi stack wired to a fresh in-process emulator: the provider's settings come from stack config exactly as
// a user would set them (mosaic:apiUrl, mosaic:clientId, mosaic:clientSecret as a secret).
import type * as automation from "@pulumi/pulumi/automation";
import { startEmulator, type EmulatorOptions, type StartedEmulator } from "../../../emulator";
import type * as sdk from "../../../sdk";
import { emulatorStackConfig } from "../../../scripts/lib/isolated-pulumi";
import { createTestStack, requireNative, type TestStack } from "./engine";

/** The SDK as users get it: the built package, loaded by Node (not Vite), resolving through node_modules. */
export const mosaic = requireNative<typeof sdk>("pulumi-mosaic");

export interface MosaicStack extends TestStack {
  emulator: StartedEmulator;
}

export async function createMosaicStack(options: {
  projectName: string;
  program: automation.PulumiFn;
  emulator?: EmulatorOptions;
  config?: automation.ConfigMap;
}): Promise<MosaicStack> {
  const emulator = await startEmulator({ seed: 7, ...options.emulator });
  const test = await createTestStack({
    projectName: options.projectName,
    program: options.program,
    config: { ...emulatorStackConfig(emulator), ...options.config },
  });
  return {
    ...test,
    emulator,
    dispose: async () => {
      try {
        await test.dispose();
      } finally {
        await emulator.close();
      }
    },
  };
}

/** Every string in the emulator's state that must never reach Pulumi state or logs in plaintext. */
export function secretsIn(emulator: StartedEmulator): string[] {
  const secrets = new Set<string>([emulator.clientSecret, ...emulator.admin.issuedTokens()]);
  const collect = (value: unknown, key = ""): void => {
    if (typeof value === "string") {
      if (/secret|key$/i.test(key) && value.length >= 8) secrets.add(value);
    } else if (Array.isArray(value)) {
      value.forEach((item) => collect(item, key));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) collect(v, k);
    }
  };
  collect(emulator.admin.dump());
  return [...secrets];
}

/** "METHOD /route" counts of the emulator's request log since the last clearLog(). */
export function callCounts(emulator: StartedEmulator): Record<string, number> {
  return emulator.admin.requestCounts();
}

export function totalCalls(emulator: StartedEmulator): number {
  return emulator.admin.requestLog().length;
}

/**
 * The engine events that carry `secret` in the clear. The Pulumi Node SDK itself logs every RegisterResource /
 * ReadResource response, secret outputs included, as a *debug* diagnostic (runtime/resource.js, "RPC finished");
 * the CLI prints those only with --debug. Every other event must be free of secrets, so tests assert this list is
 * limited to those SDK debug lines.
 */
export function eventsLeaking(events: string[], secret: string): { sdkDebug: number; other: string[] } {
  const leaking = events.filter((event) => event.includes(secret));
  const isSdkDebug = (event: string) => {
    const diagnostic = JSON.parse(event).diagnosticEvent;
    return (
      (diagnostic?.severity === "debug" || diagnostic?.prefix === "debug: ") &&
      /^(Register|Read)Resource RPC finished: /.test(diagnostic.message)
    );
  };
  return { sdkDebug: leaking.filter(isSdkDebug).length, other: leaking.filter((event) => !isSdkDebug(event)) };
}
