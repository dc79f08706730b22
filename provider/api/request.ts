// The request pipeline every API call goes through:
//
//   rate limiter → access token → transport → classify → (401: refresh once, replay) → retry executor
//
// This file is one attempt: what is sent and how its answer reads. Whether and when to try again is the retry
// executor's (retry-executor.ts): `retry` (idempotent methods, 429, or a POST that certainly never left this
// machine) costs retry-budget tokens and waits (Retry-After first, else jittered backoff); `reconcile` (a POST
// that may have been applied) is thrown as a MosaicApiError with `mayHaveBeenApplied` for reconcile-create.ts to
// resolve; `fail` is thrown as is.

import {
  abortedError,
  attemptFailureFromTransport,
  errorFromStatus,
  errorFromTransport,
  headerValue,
  type FailureContext,
} from "./classify";
import { MosaicApiError, MosaicErrorCodes } from "./errors";
import type { RateLimiter } from "./rate-limiter";
import {
  eitherSignal,
  runWithRetries,
  type AttemptOutcome,
  type GiveUpReason,
  type RetryEnvironment,
  type RetryProgress,
} from "./retry-executor";
import type { HttpMethod } from "./retry-policy";
import type { ResolvedMosaicSettings } from "./settings";
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
export interface PipelineContext extends RetryEnvironment {
  readonly settings: ResolvedMosaicSettings;
  readonly transport: () => Transport;
  readonly tokenTransport: () => Transport;
  readonly tokens: TokenProvider;
  readonly limiter: RateLimiter;
  readonly stats: ClientStats;
  /** Sent as User-Agent on every API request. */
  readonly userAgent: string;
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
export async function sendApiRequest(ctx: PipelineContext, callerRequest: ApiRequest): Promise<ApiResult> {
  const req: ApiRequest = ctx.signal ? { ...callerRequest, signal: eitherSignal(callerRequest.signal, ctx.signal) } : callerRequest;
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const path = `${ctx.settings.basePath}${req.path}`;
  let refreshedAfter401 = false;

  const answer = await runWithRetries<Answer>(ctx, {
    operation: req.operation,
    method: req.method,
    route: req.route,
    signal: req.signal,
    onRetry: () => ctx.stats.retries++,
    attempt: async (progress): Promise<AttemptOutcome<Answer>> => {
      const failureCtx = (): FailureContext => contextOf(req, progress);
      // No new attempt starts once the caller (or the engine's end) has cancelled the call.
      if (req.signal?.aborted) throw abortedError(failureCtx());
      await unlessAborted(ctx.limiter.acquire(ctx.clock, req.signal), req, failureCtx);
      const tokenCtx = { transport: ctx.tokenTransport(), limiter: ctx.limiter, retry: ctx, timeoutMs: ctx.settings.requestTimeoutMs };
      const token = await unlessAborted(ctx.tokens.getToken(tokenCtx, req.signal), req, failureCtx);

      ctx.stats.requests++;
      let response: TransportResponse;
      try {
        response = await ctx.transport().send({
          method: req.method,
          path,
          headers: requestHeaders(token, body !== undefined, ctx.userAgent),
          body,
          timeoutMs: ctx.settings.requestTimeoutMs,
          signal: req.signal,
        });
      } catch (err) {
        if (!(err instanceof TransportFailure)) throw err;
        return {
          kind: "failed",
          failure: attemptFailureFromTransport(err),
          error: (reason, now) =>
            giveUpError(reason, req, now, () =>
              errorFromTransport(err, contextOf(req, now, extraFor(reason, now, ctx)), ctx.settings.requestTimeoutMs),
            ),
        };
      }

      const status = response.status;
      if (status >= 200 && status < 300) return { kind: "done", value: { status, text: response.text, attempts: progress.attempts } };
      if (status === 401 && !refreshedAfter401) {
        // The cached token expired early or was revoked. Refresh once and replay: a 401 means the request was
        // not applied, so replaying is safe for every method, POST included. A second 401 is a real auth error.
        refreshedAfter401 = true;
        ctx.tokens.invalidate(token);
        ctx.stats.authRefreshes++;
        return { kind: "replay", reason: "access token rejected; fetching a new one and replaying", fields: { status } };
      }
      if (status === 404 && req.method === "DELETE" && progress.mayHaveBeenApplied) {
        ctx.stats.deletesConfirmedByNotFound++;
        ctx.logger.info("delete retry found the object already gone; an earlier attempt applied", {
          method: req.method,
          route: req.route,
          status,
          attempt: progress.attempts,
        });
        return { kind: "done", value: { status, text: "", attempts: progress.attempts, alreadyDeleted: true } };
      }
      return {
        kind: "failed",
        failure: { kind: "status", status, retryAfter: headerValue(response.headers, "retry-after") },
        error: (reason, now) =>
          giveUpError(reason, req, now, () => errorFromStatus(status, response.text, contextOf(req, now, extraFor(reason, now, ctx)))),
      };
    },
  });
  const { text, ...result } = answer;
  // Parsed after the run: a 2xx is a success for the budget and the retry count even when its body is unusable.
  return { ...result, body: parseJsonBody(text, req, result.attempts) };
}

/** A successful attempt before its body is parsed. */
type Answer = Omit<ApiResult, "body"> & { readonly text: string };

function contextOf(req: ApiRequest, progress: RetryProgress, extra: Partial<FailureContext> = {}): FailureContext {
  return {
    operation: req.operation,
    method: req.method,
    route: req.route,
    attempts: progress.attempts,
    mayHaveBeenApplied: progress.mayHaveBeenApplied,
    ...extra,
  };
}

/** What the reason for giving up adds to the error of the last attempt. */
function extraFor(reason: GiveUpReason, progress: RetryProgress, env: RetryEnvironment): Partial<FailureContext> {
  if (reason === "may-have-been-applied") return { mayHaveBeenApplied: true };
  if (reason === "budget-exhausted") return { budgetExhausted: true };
  if (reason === "retry-after-too-long") return { refusedWaitMs: progress.refusedWaitMs, maxWaitMs: env.policy.maxRetryAfterMs };
  return {};
}

/** The error of the last attempt, or the abort error when the caller's signal ended the run in a retry delay. */
function giveUpError(reason: GiveUpReason, req: ApiRequest, progress: RetryProgress, lastAttempt: () => MosaicApiError): MosaicApiError {
  return reason === "aborted" ? abortedError(contextOf(req, progress)) : lastAttempt();
}

function requestHeaders(token: string, hasBody: boolean, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json", "user-agent": userAgent };
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

/** Awaits a limiter or token wait, turning the caller's abort into MOSAIC_ABORTED; other failures pass through. */
async function unlessAborted<T>(wait: Promise<T>, req: ApiRequest, failureCtx: () => FailureContext): Promise<T> {
  try {
    return await wait;
  } catch (err) {
    if (req.signal?.aborted) throw abortedError(failureCtx());
    throw err;
  }
}
