// Provider settings and the one management-API client shared by every resource in this process.
//
// Settings come from stack config through `configure()` (the dynamic-provider host calls it with all stack config,
// secrets decrypted) with environment fallbacks. They are read at run time and never captured in the serialized
// provider, so credentials never reach state (docs/engine-behaviour.md#credentials-at-run-time). The host
// configures each resource type's stub separately, so the client is rebuilt only when the settings actually change:
// one token cache, one connection pool and one rate limiter for the whole `pulumi up`.
import { createHash } from "node:crypto";
import { MosaicClient, resolveSettings, type MosaicSettingsInput } from "./api";
import { settingsFromStackConfig } from "./api/setting-keys";
import { engineGone } from "./engine-lifetime";
import { providerLog } from "./log";
import { ClientDirectory } from "./resources/client-directory";
import { userAgent } from "./version";

/** The part of the dynamic provider's ConfigureRequest that we read. */
export interface StackConfig {
  get(key: string): string | undefined;
}

let configured: MosaicSettingsInput = {};
let shared: { fingerprint: string; client: MosaicClient; clients: ClientDirectory } | undefined;

/** The settings a stack config sets (blank values count as unset), before the environment fills the gaps. */
export function settingsFrom(config: StackConfig): MosaicSettingsInput {
  return settingsFromStackConfig((key) => config.get(key));
}

export function configure(config: StackConfig): void {
  configured = settingsFrom(config);
}

/** The shared client for the current settings; throws a MOSAIC_CONFIG error naming what is missing. */
export function mosaicClient(): MosaicClient {
  return sharedState().client;
}

/** Client operations of the shared client, with refresh reads coalesced per application (client-directory.ts). */
export function clientDirectory(): ClientDirectory {
  return sharedState().clients;
}

function sharedState(): NonNullable<typeof shared> {
  const settings = resolveSettings(configured, process.env);
  // The secret enters the fingerprint only as a hash, so the fingerprint itself is safe to keep around.
  const fingerprint = JSON.stringify({ ...settings, clientSecret: createHash("sha256").update(settings.clientSecret).digest("hex") });
  if (shared?.fingerprint !== fingerprint) {
    void shared?.client.close();
    const client = new MosaicClient(configured, { logger: providerLog, userAgent, signal: engineGone });
    shared = { fingerprint, client, clients: new ClientDirectory(client) };
  }
  return shared;
}
