// The programmatic test hooks (types.ts, EmulatorAdmin): state resets and out-of-band edits, fault and limit
// settings, and the request log. admin-http.ts exposes the same operations over HTTP.
import type { EmulatorRuntime } from "./runtime";
import type { EmulatorAdmin } from "./types";

export function createAdmin(runtime: EmulatorRuntime): Required<EmulatorAdmin> {
  const { store, tokens, faults, rateLimiter, log } = runtime;
  return {
    reset: () => {
      store.reset();
      tokens.reset();
      log.clear();
    },
    dump: () => store.dump(),
    mutateApplication: (appId, patch) => store.mutateApplication(appId, patch),
    mutateClient: (appId, clientId, patch) => store.mutateClient(appId, clientId, patch),
    deleteApplication: (appId) => store.deleteApp(appId),
    deleteClient: (appId, clientId) => store.deleteClient(appId, clientId),
    mutateSigningKey: (appId, keyId, patch) => store.signingKeys.mutate(appId, keyId, patch),
    deleteSigningKey: (appId, keyId) => store.signingKeys.delete(appId, keyId),
    writeOnlyFields: (appId, clientId) => store.writeOnlyFields(appId, clientId),
    setFaults: (rules) => faults.setRules(rules),
    setFaultRate: (rate) => faults.setFaultRate(rate),
    faultConfig: () => ({
      ...faults.describe(),
      latency: runtime.latency(),
      rateLimit: rateLimiter.requestsPerSecond,
    }),
    setLatency: (ms, jitterMs) => runtime.setLatency(ms, jitterMs),
    setRateLimit: (requestsPerSecond) => rateLimiter.setRate(requestsPerSecond),
    setTokenTtl: (seconds) => tokens.setTtlSeconds(seconds),
    issuedTokens: () => tokens.issuedTokens(),
    requestLog: () => log.entries(),
    requestCounts: () => log.countsByRoute(),
    clearLog: () => log.clear(),
  };
}
