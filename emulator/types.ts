// The emulator's public, programmatic surface. Tests of the API client and the e2e tests depend on exactly these
// shapes, so change them only on purpose. emulator/ never imports provider/ (see docs/architecture.md, Layers and
// boundaries).

/** Which requests a fault rule applies to. Omitted fields match anything. */
export interface FaultMatch {
  /** HTTP method, e.g. "POST". */
  method?: string;
  /**
   * Route template as the request log names it, e.g. "/v1/applications/:appId/clients" (relative to the /cis base),
   * or "/oidc/token" for the token endpoint.
   */
  route?: string;
}

export type FaultKind =
  | { kind: "latency"; ms: number; jitterMs?: number }
  | { kind: "status"; status: 429 | 500 | 502 | 503; retryAfter?: string } // retryAfter: seconds or an HTTP date
  | { kind: "reset-before" } // the connection is dropped before the request is applied
  | { kind: "applied-then-reset" } // the write is applied, then the connection is dropped (ambiguous)
  | { kind: "applied-then-status"; status: 500 | 502 | 503 } // the write is applied, then a 5xx is returned (ambiguous)
  | { kind: "hang"; ms: number }; // no answer for `ms` milliseconds, then the connection is dropped

export type FaultRule = FaultMatch &
  FaultKind & {
    /** Probability in [0, 1] that a matching request gets this fault. Default 1. */
    rate?: number;
    /** Stop after this many injections. Default unlimited. */
    times?: number;
  };

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Management-app credentials the token endpoint accepts. Generated when omitted. */
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued access tokens, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Added latency on every API request (not the admin routes). */
  latencyMs?: number;
  jitterMs?: number;
  /** Fault rules, evaluated in order; the first that fires wins. */
  faults?: FaultRule[];
  /** Shorthand: this probability of a random fault (429, 5xx, resets, ambiguous writes) on every API route. */
  faultRate?: number;
  /** Token-bucket limit in requests per second over all API routes; answers 429 when empty. 0 = off. */
  rateLimit?: number;
  /** Seed for every random choice (ids aside from secrets, fault draws, jitter), for repeatable runs. */
  seed?: number;
  /** Persist state here (JSON), loaded at start and flushed on change and on close. */
  stateFile?: string;
  /** Write one line per request to stderr. Default false. */
  logRequests?: boolean;
  /** tenant_id of every object. Generated (from the seed) when omitted, or taken from the state file. */
  tenantId?: string;
  /** Request bodies above this many bytes get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * When set, the admin routes (/__admin) answer only requests with `Authorization: Bearer <adminToken>`. They
   * also answer only a Host header naming a loopback host or the bound address, token or not (emulator/README.md).
   */
  adminToken?: string;
  /** The request log keeps at most this many entries (counts stay exact). Default 100,000. */
  maxLogEntries?: number;
}

export interface RequestLogEntry {
  method: string;
  /** Route template, e.g. "/v1/applications/:appId". */
  route: string;
  /** Actual path without the /cis prefix, e.g. "/v1/applications/abc". */
  path: string;
  status: number;
  /** The fault kind injected on this request, if any. */
  fault?: string;
  /** Epoch milliseconds when the request arrived. */
  at: number;
  /**
   * The request body as received: parsed JSON, or the token endpoint's form fields as an object. Credentials
   * (client secrets, tokens, passwords, authorization values, private keys and a JWK's private members) are
   * "[REDACTED]"; headers are never kept. Absent for requests without a body and, past the newest
   * MAX_LOGGED_BODIES entries, dropped to bound memory.
   */
  body?: unknown;
}

export interface EmulatorAdmin {
  /** Forget every application, client, token and log entry (credentials stay). */
  reset(): void;
  /** A deep copy of the stored state, exactly as the API would return each object. */
  dump(): { applications: Record<string, unknown>[]; clients: Record<string, unknown>[]; signingKeys?: Record<string, unknown>[] };
  /** Out-of-band change, as a person in the admin portal would make it (snake_case API fields). */
  mutateApplication(appId: string, patch: Record<string, unknown>): void;
  mutateClient(appId: string, clientId: string, patch: Record<string, unknown>): void;
  /** Out-of-band delete (deleting an app deletes its clients). */
  deleteApplication(appId: string): void;
  deleteClient(appId: string, clientId: string): void;
  setFaults(rules: FaultRule[]): void;
  setLatency(ms: number, jitterMs?: number): void;
  setRateLimit(requestsPerSecond: number): void;
  setTokenTtl(seconds: number): void;
  /** Every access token issued so far (for redaction tests). */
  issuedTokens(): string[];
  /** Every request since start or the last clearLog(), admin routes excluded. */
  requestLog(): RequestLogEntry[];
  /** Counts keyed "METHOD route", e.g. "POST /v1/applications". */
  requestCounts(): Record<string, number>;
  clearLog(): void;
  /** The `faultRate` shorthand at run time (probability in [0, 1]). */
  setFaultRate?(rate: number): void;
  /** Current fault rules (with remaining injections), fault rate, latency and rate limit. */
  faultConfig?(): FaultConfig;
  /** Out-of-band change or delete of a token signing key (snake_case API fields; null removes a field). */
  mutateSigningKey?(appId: string, keyId: string, patch: Record<string, unknown>): void;
  deleteSigningKey?(appId: string, keyId: string): void;
  /** Write-only values last sent for an app (no clientId) or a client: accepted, stored, never returned by the API. */
  writeOnlyFields?(appId: string, clientId?: string): Record<string, unknown>;
}

export interface FaultConfig {
  rules: (FaultRule & { remaining: number | null })[];
  faultRate: number;
  latency: { ms: number; jitterMs: number };
  rateLimit: number;
}

export interface RunningEmulator {
  /** API base, ends in /cis, e.g. http://127.0.0.1:PORT/cis */
  url: string;
  /** http://127.0.0.1:PORT/oidc/token (host root, not under /cis) */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  admin: EmulatorAdmin;
  close(): Promise<void>;
  /** http://127.0.0.1:PORT/__admin: the same hooks as `admin`, over HTTP (emulator/README.md). */
  adminUrl?: string;
}
