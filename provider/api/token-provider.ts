// Client-credentials access tokens, cached process-wide and fetched single-flight.
//
// Why process-wide: the dynamic-provider host runs every resource of a `pulumi up` in one process. One cache per
// resource would mint one token per resource (hundreds per deployment) and can trip the token endpoint's own
// rate limit, which then fails every resource at once (seen with Auth0 providers: docs/performance.md#lessons-from-other-providers).
// Why single-flight: when 16 resources start together and the cache is empty, they must share one request.
// Why nothing happens at construction: a no-op `pulumi up` has to make zero HTTP calls.
//
// Redaction: the token request body holds the client secret and the response holds the token, so neither body
// ever reaches an error or a log line. Token-endpoint errors carry the status and, at most, an OAuth error code
// from a fixed allow-list (the rest of an error body could echo the form input).

import { z } from "zod";
import { attemptFailureFromTransport, headerValue, waitRefusal } from "./classify";
import { MosaicApiError, MosaicErrorCodes } from "./errors";
import type { RateLimiter } from "./rate-limiter";
import { rememberSecret } from "./redaction";
import { runWithRetries, type AttemptOutcome, type RetryEnvironment } from "./retry-executor";
import { RESPONSE_TOO_LARGE, TransportFailure, type Transport } from "./transport";

/** What a token fetch needs from the client that triggered it. */
export interface TokenFetchContext {
  readonly transport: Transport;
  readonly limiter: RateLimiter;
  /** Policy, budget, clock (also the cache's expiry clock) and logger of the triggering client. */
  readonly retry: RetryEnvironment;
  readonly timeoutMs: number;
}

/** Cache behaviour. */
export interface TokenProviderOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The documented lifetime when the endpoint omits `expires_in` (docs/api-behaviour.md#access-tokens). */
const DEFAULT_EXPIRES_IN_SECONDS = 3600;
/**
 * How long a token is cached when the endpoint answers `expires_in: 0` or a negative number, which would otherwise
 * cost one token request per API call. A token that really is already invalid is caught by the 401 path (drop,
 * fetch once, replay), so caching it for a minute costs at most one extra round trip.
 */
export const MIN_TOKEN_LIFETIME_SECONDS = 60;
/** A positive lifetime shorter than this is raised to it: at most one token request per second, whatever it says. */
const SHORTEST_POSITIVE_LIFETIME_SECONDS = 1;
/**
 * What an access token may hold to be sent as `Authorization: Bearer <token>`: visible ASCII only (RFC 6750's
 * b64token is stricter; real tokens are JWTs). Anything else fails in the HTTP library as an "invalid header".
 */
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/**
 * The lifetime to cache a token for: `expires_in` when it is a positive number of seconds (a short lifetime is the
 * server's choice and is honoured, from 1 s up), MIN_TOKEN_LIFETIME_SECONDS when it is 0 or negative, and the
 * documented default when it is missing or not a number.
 */
export function tokenLifetimeSeconds(expiresIn: unknown): number {
  const seconds = typeof expiresIn === "string" && /^-?\d+(\.\d+)?$/.test(expiresIn.trim()) ? Number(expiresIn) : expiresIn;
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return DEFAULT_EXPIRES_IN_SECONDS;
  return seconds <= 0 ? MIN_TOKEN_LIFETIME_SECONDS : Math.max(SHORTEST_POSITIVE_LIFETIME_SECONDS, seconds);
}
/**
 * Refresh this long before expiry: 10% of the lifetime, at most 30 s. A fixed 30 s would make a 10 s test token
 * (or a short-lived tenant policy) expire on arrival; the proportional part keeps short lifetimes usable, while
 * the cap avoids discarding a valid hour-long token minutes early.
 */
export function refreshLeewayMs(expiresInSeconds: number): number {
  return Math.min(30_000, expiresInSeconds * 100);
}

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // Read leniently (tokenLifetimeSeconds): an odd lifetime must not turn a usable token into an error.
  expires_in: z.unknown().optional(),
});

/** OAuth error codes safe to show (RFC 6749 §5.2). Anything else in the body stays out of the message. */
const SAFE_OAUTH_ERRORS = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
]);

const OPERATION = "token";
const ROUTE = "/oidc/token";

interface CachedToken {
  readonly value: string;
  /** Epoch ms after which the token is no longer handed out. */
  readonly refreshAt: number;
}

/** A 2xx answer of the token endpoint, not yet parsed. */
interface TokenAnswer {
  readonly text: string;
  /** When the request was sent: the token's lifetime counts from then. */
  readonly sentAt: number;
}

/** Fetches and caches client-credentials access tokens for one token URL + client id. */
export class TokenProvider {
  readonly tokenUrl: string;
  readonly clientId: string;
  #clientSecret: string;
  #cached: CachedToken | undefined;
  #inflight: Promise<string> | undefined;
  #fetches = 0;

  constructor(options: TokenProviderOptions) {
    this.tokenUrl = options.tokenUrl;
    this.clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    // Keep the secret out of `util.inspect(provider)` and JSON: private fields are invisible to both.
  }

  /** Token requests sent so far (successful or not). */
  get fetchCount(): number {
    return this.#fetches;
  }

  /** Replaces the client secret (a rotated credential in the same process); drops the cached token. */
  updateSecret(clientSecret: string): void {
    if (clientSecret === this.#clientSecret) return;
    this.#clientSecret = clientSecret;
    this.#cached = undefined;
  }

  /**
   * Returns a valid access token, fetching one if the cache is empty or near expiry. Concurrent callers share a
   * single in-flight fetch. A caller whose `signal` aborts stops waiting at once (rejecting with the abort reason);
   * the shared fetch carries on for the others, and its token is cached for the next call.
   */
  getToken(ctx: TokenFetchContext, signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const cached = this.#cached;
    if (cached && ctx.retry.clock.now() < cached.refreshAt) return Promise.resolve(cached.value);
    if (!this.#inflight) {
      const fetch = this.#fetch(ctx).finally(() => {
        this.#inflight = undefined;
      });
      // Every waiter may have aborted and left by the time the fetch fails; nobody is then listening, and an
      // unobserved rejection would crash the process.
      fetch.catch(() => undefined);
      this.#inflight = fetch;
    }
    return signal ? waitUnlessAborted(this.#inflight, signal) : this.#inflight;
  }

  /**
   * Drops `token` from the cache after the API rejected it with 401. Only the token that was actually rejected is
   * dropped: when 16 requests get 401 with the same stale token, the first drop triggers one refetch and the
   * other 15 find a newer token already cached (or join the in-flight fetch) instead of each forcing another.
   */
  invalidate(token: string): void {
    if (this.#cached?.value === token) this.#cached = undefined;
  }

  async #fetch(ctx: TokenFetchContext): Promise<string> {
    const url = new URL(this.tokenUrl);
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.clientId,
      client_secret: this.#clientSecret,
    }).toString();
    const answer = await runWithRetries<TokenAnswer>(ctx.retry, {
      operation: OPERATION,
      method: "POST",
      route: ROUTE,
      // A token request is safe to repeat whatever happened to the previous one (an extra token harms nothing),
      // so it follows the idempotent rules even though it is a POST.
      retryAs: "GET",
      // No signal: the fetch is shared, so one caller's abort must not cancel it for the others (see getToken).
      attempt: async ({ attempts }): Promise<AttemptOutcome<TokenAnswer>> => {
        await ctx.limiter.acquire(ctx.retry.clock);
        const sentAt = ctx.retry.clock.now();
        this.#fetches++;
        try {
          const res = await ctx.transport.send({
            method: "POST",
            path: url.pathname + url.search,
            headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
            body: form,
            timeoutMs: ctx.timeoutMs,
          });
          if (res.status >= 200 && res.status < 300) return { kind: "done", value: { text: res.text, sentAt } };
          return {
            kind: "failed",
            failure: { kind: "status", status: res.status, retryAfter: headerValue(res.headers, "retry-after") },
            error: (_reason, progress) =>
              tokenStatusError(res.status, res.text, this.tokenUrl, attempts, progress.refusedWaitMs, ctx.retry.policy.maxRetryAfterMs),
          };
        } catch (err) {
          if (!(err instanceof TransportFailure)) throw err;
          return { kind: "failed", failure: attemptFailureFromTransport(err), error: () => this.#unreachable(err, attempts) };
        }
      },
    });
    return this.#accept(answer.text, answer.sentAt);
  }

  #unreachable(err: TransportFailure, attempts: number): MosaicApiError {
    if (err.code === RESPONSE_TOO_LARGE) {
      return new MosaicApiError({
        code: MosaicErrorCodes.INVALID_RESPONSE,
        operation: OPERATION,
        summary: `the token endpoint ${this.tokenUrl} answered a body larger than the provider reads; it was not retried.`,
        hint: "Check mosaic:tokenUrl / mosaic:apiUrl: something other than the token endpoint may be answering.",
        method: "POST",
        route: ROUTE,
        attempts,
      });
    }
    return new MosaicApiError({
      code: err.timeout ? MosaicErrorCodes.TIMEOUT : MosaicErrorCodes.NETWORK,
      operation: OPERATION,
      summary: `could not reach the token endpoint ${this.tokenUrl} (${err.code}).`,
      hint: "Check mosaic:region / mosaic:apiUrl and network access to the API.",
      method: "POST",
      route: ROUTE,
      attempts,
      causeCode: err.code,
      cause: err,
    });
  }

  #accept(text: string, sentAt: number): string {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new MosaicApiError({
        code: MosaicErrorCodes.INVALID_RESPONSE,
        operation: OPERATION,
        summary: `the token endpoint ${this.tokenUrl} answered 2xx without an access_token.`,
        hint: "Check mosaic:apiUrl: it may point at something that is not the Mosaic API.",
        method: "POST",
        route: ROUTE,
      });
    }
    const token = parsed.data.access_token;
    rememberSecret(token);
    if (!HEADER_SAFE_TOKEN.test(token)) {
      throw new MosaicApiError({
        code: MosaicErrorCodes.INVALID_RESPONSE,
        operation: OPERATION,
        summary:
          `the token endpoint ${this.tokenUrl} answered an access_token that cannot be sent in an Authorization header ` +
          "(it holds spaces, control or non-ASCII characters).",
        hint: "Check mosaic:tokenUrl / mosaic:apiUrl: a proxy or a different service may be answering for the token endpoint.",
        method: "POST",
        route: ROUTE,
      });
    }
    const expiresIn = tokenLifetimeSeconds(parsed.data.expires_in);
    // Lifetime counts from when we *sent* the request: the server started the clock no earlier than that.
    this.#cached = { value: token, refreshAt: sentAt + expiresIn * 1000 - refreshLeewayMs(expiresIn) };
    return token;
  }
}

function tokenStatusError(
  status: number,
  text: string,
  tokenUrl: string,
  attempts: number,
  refusedWaitMs: number | undefined,
  maxWaitMs: number,
): MosaicApiError {
  const refusal = refusedWaitMs === undefined ? "" : ` ${waitRefusal(refusedWaitMs, maxWaitMs)}, so it was not retried.`;
  let oauthError: string | undefined;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body?.error === "string" && SAFE_OAUTH_ERRORS.has(body.error)) oauthError = body.error;
  } catch {
    // Not JSON: nothing we can safely show.
  }
  const detail = oauthError ? ` (${oauthError})` : "";
  const base = { operation: OPERATION, method: "POST", route: ROUTE, status, attempts } as const;
  if (status === 400 || status === 401 || status === 403) {
    return new MosaicApiError({
      ...base,
      code: MosaicErrorCodes.AUTH,
      summary: `the token endpoint ${tokenUrl} refused the client credentials${detail}.`,
      hint:
        "Check mosaic:clientId and mosaic:clientSecret (MOSAIC_CLIENT_ID / MOSAIC_CLIENT_SECRET): they must be a " +
        "Management Application's credentials for this region.",
    });
  }
  if (status === 429) {
    return new MosaicApiError({
      ...base,
      code: MosaicErrorCodes.RATE_LIMITED,
      summary: refusal ? `the token endpoint ${tokenUrl} answered 429.${refusal}` : `the token endpoint ${tokenUrl} kept answering 429.`,
      hint: "Run again later, or lower mosaic:maxRequestsPerSecond.",
    });
  }
  if (status >= 500 || status === 408) {
    return new MosaicApiError({
      ...base,
      code: MosaicErrorCodes.UNAVAILABLE,
      summary: `the token endpoint ${tokenUrl} failed.${refusal}`,
      hint: "This is usually temporary: run again in a few minutes.",
    });
  }
  return new MosaicApiError({
    ...base,
    code: MosaicErrorCodes.UNEXPECTED_STATUS,
    summary: `the token endpoint ${tokenUrl} answered with unexpected status ${status}${detail}.`,
    hint: "Check mosaic:apiUrl / mosaic:tokenUrl: the token endpoint is {host}/oidc/token, not {host}/cis/oidc/token.",
  });
}

/** `shared`, unless `signal` aborts first (then the abort reason). Leaves `shared` itself running. */
function waitUnlessAborted<T>(shared: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener("abort", stop);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", stop);
        reject(err);
      },
    );
  });
}

const providers = new Map<string, TokenProvider>();

/**
 * The token provider shared by every client using `tokenUrl` + `clientId` in this process. If the secret differs
 * from the one cached (rotated credentials), the cached token is dropped and the new secret is used.
 */
export function sharedTokenProvider(options: TokenProviderOptions): TokenProvider {
  const key = `${options.tokenUrl}\u0000${options.clientId}`;
  let provider = providers.get(key);
  if (!provider) {
    provider = new TokenProvider(options);
    providers.set(key, provider);
  } else {
    provider.updateSecret(options.clientSecret);
  }
  return provider;
}

/** Drops every cached token. For tests only (see `resetSharedStateForTests`). */
export function resetTokenProvidersForTests(): void {
  providers.clear();
}
