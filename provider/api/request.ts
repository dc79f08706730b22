// The request pipeline every API call goes through:
//
//   rate limiter → access token → transport → classify → (401: refresh once, replay) → retry policy
//
// One attempt = one pass. After a failure the retry policy decides: `retry` (idempotent methods, 429, or a POST
// that certainly never left this machine) costs retry-budget tokens and waits (Retry-After first, else jittered
// backoff); `reconcile` (a POST that may have been applied) is thrown as a MosaicApiError with
// `mayHaveBeenApplied` for reconcile-create.ts to resolve; `fail` is thrown as is.

import { attemptFailureFromTransport, errorFromStatus, errorFromTransport, headerValue, type FailureContext } from "./classify";
import { MosaicApiError, MosaicErrorCodes } from "./errors";
import type { MosaicLogger } from "./logger";
import type { RateLimiter } from "./rate-limiter";
import type { RetryBudget } from "./retry-budget";
import { decideRetry, retryDelayMs, type AttemptFailure, type HttpMethod, type RetryPolicy } from "./retry-policy";
import type { ResolvedMosaicSettings } from "./settings";
import { sleep } from "./sleep";
import type { TokenProvider } from "./token-provider";
import { TransportFailure, type Transport, type TransportResponse } from "./transport";

/** Counters a client keeps for observability (and the soak benchmark). */
export interface ClientStats {
  /** HTTP attempts to the Applications API (token requests excluded). */
  requests: number;
  /** Attempts that were retries of an earlier failed attempt. */
  retries: number;
  /** Replays after a 401 with a freshly fetched token. */
  authRefreshes: number;
  /** Ambiguous creates resolved by listing. */
  reconciliations: number;
  /** Reconciliations that found the object and adopted it instead of creating another. */
  adoptions: number;
  /** DELETEs whose retry found the object already gone (an earlier attempt had applied). */
  deletesConfirmedByNotFound: number;
}

/** Creates a zeroed stats object. */
export function emptyStats(): ClientStats {
  return { requests: 0, retries: 0, authRefreshes: 0, reconciliations: 0, adoptions: 0, deletesConfirmedByNotFound: 0 };
}

/** Everything the pipeline needs; built once per MosaicClient. */
export interface PipelineContext {
  readonly settings: ResolvedMosaicSettings;
  readonly policy: RetryPolicy;
  readonly transport: () => Transport;
  readonly tokenTransport: () => Transport;
  readonly tokens: TokenProvider;
  readonly limiter: RateLimiter;
  readonly budget: RetryBudget;
  readonly logger: MosaicLogger;
  readonly stats: ClientStats;
  readonly random?: () => number;
}

/** One logical API call. */
export interface ApiRequest {
  /** e.g. "applications.create" */
  readonly operation: string;
  readonly method: HttpMethod;
  /** Route template for logs and errors, e.g. "/v1/applications/:appId". */
  readonly route: string;
  /** Concrete path relative to the API base, e.g. "/v1/applications/abc" (ids already encoded). */
  readonly path: string;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** A successful call. `body` is the parsed JSON, or undefined for an empty body (204). */
export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
  readonly attempts: number;
  /**
   * True for a DELETE whose retry got 404 after an earlier attempt may have been applied: the object is gone,
   * which is what the caller asked for.
   */
  readonly alreadyDeleted?: boolean;
}

/** Sends one logical API call through the pipeline. Throws MosaicApiError only. */
export async function sendApiRequest(ctx: PipelineContext, req: ApiRequest): Promise<ApiResult> {
  const { policy, budget, logger } = ctx;
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const path = `${ctx.settings.basePath}${req.path}`;
  let attempts = 0;
  let retries = 0;
  let lastRetryCost = 0;
  let refreshedAfter401 = false;
  // Whether some earlier attempt of this call may have been applied by the server.
  let mayHaveBeenApplied = false;

  for (;;) {
    attempts++;
    const failureCtx = (extra: Partial<FailureContext> = {}): FailureContext => ({
      operation: req.operation,
      method: req.method,
      route: req.route,
      attempts,
      mayHaveBeenApplied,
      ...extra,
    });

    await waitOrAbort(ctx.limiter.acquire(req.signal), req, failureCtx);
    const token = await ctx.tokens.getToken({
      transport: ctx.tokenTransport(),
      limiter: ctx.limiter,
      budget,
      policy,
      timeoutMs: ctx.settings.requestTimeoutMs,
      logger,
      random: ctx.random,
    });

    ctx.stats.requests++;
    let response: TransportResponse | undefined;
    let failure: AttemptFailure;
    let transportFailure: TransportFailure | undefined;
    try {
      response = await ctx.transport().send({
        method: req.method,
        path,
        headers: requestHeaders(token, body !== undefined),
        body,
        timeoutMs: ctx.settings.requestTimeoutMs,
        signal: req.signal,
      });
    } catch (err) {
      if (!(err instanceof TransportFailure)) throw err;
      transportFailure = err;
    }

    if (response) {
      const status = response.status;
      if (status >= 200 && status < 300) {
        budget.recordSuccess(lastRetryCost);
        return { status, body: parseJsonBody(response.text, req, attempts), attempts };
      }
      if (status === 401 && !refreshedAfter401) {
        // The cached token expired early or was revoked. Refresh once and replay: a 401 means the request was
        // not applied, so replaying is safe for every method, POST included. A second 401 is a real auth error.
        refreshedAfter401 = true;
        ctx.tokens.invalidate(token);
        ctx.stats.authRefreshes++;
        logger.info("access token rejected; fetching a new one and replaying", { method: req.method, route: req.route, status, attempt: attempts });
        continue;
      }
      if (status === 404 && req.method === "DELETE" && mayHaveBeenApplied) {
        ctx.stats.deletesConfirmedByNotFound++;
        logger.info("delete retry found the object already gone; an earlier attempt applied", { method: req.method, route: req.route, status, attempt: attempts });
        budget.recordSuccess(lastRetryCost);
        return { status, body: undefined, attempts, alreadyDeleted: true };
      }
      failure = { kind: "status", status, retryAfter: headerValue(response.headers, "retry-after") };
    } else {
      failure = attemptFailureFromTransport(transportFailure!);
    }

    const toError = (extra: Partial<FailureContext> = {}): MosaicApiError =>
      response
        ? errorFromStatus(response.status, response.text, failureCtx(extra))
        : errorFromTransport(transportFailure!, failureCtx(extra), ctx.settings.requestTimeoutMs);

    const decision = decideRetry(req.method, failure, policy);
    if (decision === "fail") throw toError();
    if (decision === "reconcile") throw toError({ mayHaveBeenApplied: true });

    // A retry of an idempotent write after a 5xx or a possibly-sent request: the earlier attempt may have landed.
    if (req.method !== "GET" && appliedPossibly(failure)) mayHaveBeenApplied = true;
    if (retries >= policy.maxRetries) throw toError();
    const timeout = failure.kind === "network" && failure.timeout;
    const cost = budget.costOf(timeout);
    if (!budget.tryAcquire(cost)) {
      logger.warn("retry budget exhausted; not retrying", { method: req.method, route: req.route, status: statusOf(failure), attempt: attempts });
      throw toError({ budgetExhausted: true });
    }
    lastRetryCost = cost;
    const { delayMs, source } = retryDelayMs(retries, failure.kind === "status" ? failure.retryAfter : undefined, policy, ctx.random);
    retries++;
    ctx.stats.retries++;
    logger.info("retrying request", {
      operation: req.operation,
      method: req.method,
      route: req.route,
      status: statusOf(failure),
      cause: failure.kind === "network" ? failure.code : undefined,
      attempt: attempts,
      delayMs,
      delaySource: source,
    });
    await waitOrAbort(sleep(delayMs, req.signal), req, failureCtx);
  }
}

function appliedPossibly(failure: AttemptFailure): boolean {
  if (failure.kind === "network") return failure.sent === "maybe";
  return failure.status >= 500;
}

function statusOf(failure: AttemptFailure): number | undefined {
  return failure.kind === "status" ? failure.status : undefined;
}

function requestHeaders(token: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: "application/json",
    "user-agent": "pulumi-mosaic (+https://github.com/pulumi-mosaic)",
  };
  if (hasBody) headers["content-type"] = "application/json";
  return headers;
}

function parseJsonBody(text: string, req: ApiRequest, attempts: number): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new MosaicApiError({
      code: MosaicErrorCodes.INVALID_RESPONSE,
      operation: req.operation,
      summary: "the API answered 2xx with a body that is not JSON.",
      hint: "Check mosaic:apiUrl: it may point at a proxy or a web page rather than the Applications API (…/cis).",
      method: req.method,
      route: req.route,
      attempts,
    });
  }
}

/** Awaits a limiter or backoff wait, turning the caller's abort into a MosaicApiError. */
async function waitOrAbort(wait: Promise<void>, req: ApiRequest, failureCtx: () => FailureContext): Promise<void> {
  try {
    await wait;
  } catch {
    const ctx = failureCtx();
    throw new MosaicApiError({
      code: MosaicErrorCodes.NETWORK,
      operation: req.operation,
      summary: "the request was cancelled by the caller.",
      method: req.method,
      route: req.route,
      attempts: ctx.attempts,
      mayHaveBeenApplied: ctx.mayHaveBeenApplied,
    });
  }
}
