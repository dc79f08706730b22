// MosaicClient: the entry point for the provider and for scripts. Construction resolves and validates settings
// and nothing else; the connection pool, the access token and every request happen on the first API call, so
// a no-op `pulumi up` makes zero HTTP calls.
//
// Everything that must be shared by all resources of a deployment is looked up in process-wide registries keyed
// by API origin + client id (rate limiter, retry budget) or token URL + client id (token cache), and the pool
// by origin. Two MosaicClient instances with the same settings therefore share one limit, one budget, one token
// and one set of sockets, which is what keeps a 1,000-resource `pulumi up` polite.

import { ApplicationsManager } from "./applications-manager";
import { ClientsManager } from "./clients-manager";
import { systemClock, type Clock } from "./clock";
import { MosaicApiError, MosaicErrorCodes } from "./errors";
import { safeLogger, type MosaicLogger } from "./logger";
import { sharedRateLimiter } from "./rate-limiter";
import { SigningKeysManager } from "./signing-keys-manager";
import { emptyStats, type ClientStats, type PipelineContext } from "./request";
import { sharedRetryBudget, type RetryBudgetOptions } from "./retry-budget";
import { makeRetryPolicy, type RetryPolicy } from "./retry-policy";
import { resolveSettings, type EnvLike, type MosaicSettingsInput, type ResolvedMosaicSettings } from "./settings";
import { sharedTokenProvider, type TokenProvider } from "./token-provider";
import { acquireTransport, type Transport, type TransportLease } from "./transport";

/** The product token this package sends as User-Agent: `pulumi-mosaic/<version> (+...)`, or without the version. */
export function userAgentOf(version?: string): string {
  return `pulumi-mosaic${version === undefined ? "" : `/${version}`} (+https://github.com/pulumi-mosaic)`;
}

/** Options that are not provider settings: observability and test hooks. */
export interface MosaicClientOptions {
  /** Environment fallbacks for the settings. Default `process.env`. Pass `{}` to use only explicit settings. */
  env?: EnvLike;
  /** Receives retry / reconciliation / token messages (redacted). Default: silent. */
  logger?: Partial<MosaicLogger>;
  /** Overrides of {@link DEFAULT_RETRY_POLICY} (`maxRetries` comes from the settings). */
  retryPolicy?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** Options of the shared retry budget; only the first client of an origin + client id decides them. */
  retryBudget?: Partial<RetryBudgetOptions>;
  /** Burst of the shared rate limiter (default 10% of the rate). */
  rateLimitBurst?: number;
  /** Random source for jitter (tests). */
  random?: () => number;
  /**
   * Time source and waits: token expiry, the rate limiter's schedule, retry delays, Retry-After dates and create
   * reconciliation's window. Default: the real clock. Tests pass a fake one to skip waits and assert them. The rate
   * limiter and the token cache are shared per process, so every client of one process should use the same clock.
   */
  clock?: Clock;
  /**
   * Cancels every call of this client, its waits and retries included (MOSAIC_ABORTED), and refuses new ones. The
   * provider passes a signal that fires when the engine that started it is gone (provider/engine-lifetime.ts).
   */
  signal?: AbortSignal;
  /** The User-Agent of API requests. Default {@link userAgentOf}() without a version; the provider adds its version. */
  userAgent?: string;
}

/**
 * A client for the Mosaic Applications management API.
 *
 * ```ts
 * const mosaic = new MosaicClient({ region: "eu", clientId, clientSecret });
 * const app = await mosaic.applications.create({ app_name: "portal", client_display_name: "portal" });
 * const web = await mosaic.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: ["https://x/cb"] });
 * await mosaic.close();
 * ```
 *
 * @throws MosaicApiError (MOSAIC_CONFIG) from the constructor when a setting is missing or invalid.
 */
export class MosaicClient {
  /** Application operations. */
  readonly applications: ApplicationsManager;
  /** Client operations. */
  readonly clients: ClientsManager;
  /** Token signing-key operations. */
  readonly signingKeys: SigningKeysManager;
  /** The resolved settings (the client secret is a non-enumerable property). */
  readonly settings: ResolvedMosaicSettings;

  readonly #stats: ClientStats = emptyStats();
  readonly #tokens: TokenProvider;
  #apiLease: TransportLease | undefined;
  #tokenLease: TransportLease | undefined;
  #closed = false;

  constructor(settings: MosaicSettingsInput = {}, options: MosaicClientOptions = {}) {
    this.settings = resolveSettings(settings, options.env ?? process.env);
    const s = this.settings;
    const key = `${s.origin}|${s.clientId}`;
    const policy = makeRetryPolicy({ ...options.retryPolicy, maxRetries: s.maxRetries });
    this.#tokens = sharedTokenProvider({ tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret });
    const ctx: PipelineContext = {
      settings: s,
      policy,
      transport: () => this.#transport("api"),
      tokenTransport: () => this.#transport("token"),
      tokens: this.#tokens,
      limiter: sharedRateLimiter(key, { requestsPerSecond: s.maxRequestsPerSecond, burst: options.rateLimitBurst }),
      budget: sharedRetryBudget(key, options.retryBudget),
      clock: options.clock ?? systemClock,
      userAgent: options.userAgent ?? userAgentOf(),
      logger: safeLogger(options.logger),
      stats: this.#stats,
      random: options.random,
      signal: options.signal,
    };
    this.applications = new ApplicationsManager(ctx);
    this.clients = new ClientsManager(ctx, this.applications);
    this.signingKeys = new SigningKeysManager(ctx);
  }

  /** Counters since construction: requests, retries, 401 refreshes, reconciliations, adoptions. */
  get stats(): Readonly<ClientStats> {
    return { ...this.#stats };
  }

  /** Token requests made by the shared token cache this client uses (all clients of the same credentials). */
  get tokenRequests(): number {
    return this.#tokens.fetchCount;
  }

  /**
   * Releases this client's share of the connection pool. Other clients with the same origin keep theirs; the
   * pool closes when the last one is released. Calls after close() fail with MOSAIC_CONFIG.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const leases = [this.#apiLease, this.#tokenLease];
    this.#apiLease = this.#tokenLease = undefined;
    await Promise.all(leases.map((l) => l?.release()));
  }

  #transport(which: "api" | "token"): Transport {
    if (this.#closed) {
      throw new MosaicApiError({
        code: MosaicErrorCodes.CONFIG,
        operation: "client",
        summary: "this MosaicClient has been closed.",
        hint: "Create a new MosaicClient.",
      });
    }
    if (which === "api") {
      this.#apiLease ??= acquireTransport(this.settings.origin);
      return this.#apiLease.transport;
    }
    this.#tokenLease ??= acquireTransport(new URL(this.settings.tokenUrl).origin);
    return this.#tokenLease.transport;
  }
}
