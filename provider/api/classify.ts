// Turns a failed attempt (an HTTP status or a TransportFailure) into a MosaicApiError with a stable code and a
// message that says what to do. Pure: unit-tested per status and per failure kind.

import { MosaicApiError, MosaicErrorCodes, normaliseApiMessages, type MosaicErrorCode } from "./errors";
import type { AttemptFailure, HttpMethod } from "./retry-policy";
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, type TransportFailure } from "./transport";

/** Where a failure happened, for the message. */
export interface FailureContext {
  readonly operation: string;
  readonly method: HttpMethod;
  /** Route template, e.g. "/v1/applications/:appId". */
  readonly route: string;
  readonly attempts: number;
  /** Set when giving up because the process-wide retry budget is empty rather than because of the attempt cap. */
  readonly budgetExhausted?: boolean;
  /** True when an earlier attempt of this operation may have been applied. */
  readonly mayHaveBeenApplied?: boolean;
  /** Set when giving up because the server's Retry-After asked for a longer wait than the provider allows. */
  readonly refusedWaitMs?: number;
  /** The longest Retry-After the provider waits for (the retry policy's maxRetryAfterMs). */
  readonly maxWaitMs?: number;
}

/** The parts of an API error body we use: `{message: string | string[], error_code, ts_error_code}`. */
export interface ApiErrorBody {
  readonly messages: string[];
  readonly errorCode?: number;
  readonly tsErrorCode?: string;
}

/**
 * Extracts the API's error fields from a response body. Anything that is not the documented JSON shape (an HTML
 * page from a proxy, an empty body) yields no messages: we never paste raw bodies into errors, because we cannot
 * know what they echo.
 */
export function parseApiErrorBody(text: string): ApiErrorBody {
  if (!text || text.length > 64 * 1024) return { messages: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { messages: [] };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { messages: [] };
  const body = json as Record<string, unknown>;
  const messages = normaliseApiMessages(body.message).map((m) => (m.length > 500 ? `${m.slice(0, 500)}…` : m));
  return {
    messages: messages.slice(0, 20),
    errorCode: typeof body.error_code === "number" ? body.error_code : undefined,
    tsErrorCode: typeof body.ts_error_code === "string" ? body.ts_error_code : undefined,
  };
}

interface StatusAdvice {
  code: MosaicErrorCode;
  summary: string;
  hint: string;
}

/** Status → code and advice. Exported for the unit tests. */
export function adviceForStatus(
  status: number,
  ctx: Pick<FailureContext, "operation" | "budgetExhausted" | "refusedWaitMs" | "maxWaitMs">,
): StatusAdvice {
  const giveUp =
    ctx.refusedWaitMs !== undefined
      ? `${waitRefusal(ctx.refusedWaitMs, ctx.maxWaitMs)}, so it was not retried.`
      : ctx.budgetExhausted
        ? "The process-wide retry budget is exhausted (too many failures across all resources), so it was not retried."
        : "";
  switch (true) {
    case status === 400:
      return {
        code: MosaicErrorCodes.VALIDATION,
        summary: "the API rejected the request as invalid; it was not applied.",
        hint: "Fix the fields named above and run again.",
      };
    case status === 401:
      return {
        code: MosaicErrorCodes.AUTH,
        summary: "the API rejected the access token, even after fetching a new one.",
        hint:
          "Check that mosaic:clientId / mosaic:clientSecret belong to a Management Application of this tenant and region " +
          "(a regular app's token only reaches that app).",
      };
    case status === 403:
      return {
        code: MosaicErrorCodes.FORBIDDEN,
        summary: `the management application is not allowed to perform ${ctx.operation}.`,
        hint: "Give it the Admin role (Admin Portal → Settings → Management Apps) or the missing apps:* permission.",
      };
    case status === 404:
      return {
        code: MosaicErrorCodes.NOT_FOUND,
        summary: "the object does not exist (it may have been deleted outside Pulumi).",
        hint: "Check the id; run `pulumi refresh` to drop deleted objects from the stack.",
      };
    case status === 409:
      return {
        code: MosaicErrorCodes.CONFLICT,
        summary: "an object with the same identifier (usually the name) already exists.",
        hint: "Choose another name, or adopt the existing object by setting the resource's importId input to its id.",
      };
    case status === 429:
      return {
        code: MosaicErrorCodes.RATE_LIMITED,
        summary: `the API ${ctx.refusedWaitMs === undefined ? "kept answering" : "answered"} 429 Too Many Requests. ${giveUp}`.trim(),
        hint: "Lower mosaic:maxRequestsPerSecond or `pulumi up --parallel`, or run when other automation on this tenant is idle.",
      };
    case status === 408 || status >= 500:
      return {
        code: MosaicErrorCodes.UNAVAILABLE,
        summary: `the service failed to answer successfully. ${giveUp}`.trim(),
        hint: "This is usually temporary: run again in a few minutes. Check https://status.transmitsecurity.com if it persists.",
      };
    default:
      return {
        code: MosaicErrorCodes.UNEXPECTED_STATUS,
        summary: `the API refused the request with an unexpected status ${status}.`,
        hint: "Check apiUrl / region: a proxy or a wrong base URL often answers like this.",
      };
  }
}

/** "The server asked to wait 3600 s (Retry-After), longer than the 60 s the provider waits at most". */
export function waitRefusal(refusedWaitMs: number, maxWaitMs: number | undefined): string {
  const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;
  const limit = maxWaitMs === undefined ? "" : `, longer than the ${seconds(maxWaitMs)} the provider waits at most`;
  return `The server asked to wait ${seconds(refusedWaitMs)} before retrying (Retry-After)${limit}`;
}

/** Builds the error for a failed HTTP status. */
export function errorFromStatus(status: number, bodyText: string, ctx: FailureContext): MosaicApiError {
  const body = parseApiErrorBody(bodyText);
  const advice = adviceForStatus(status, ctx);
  const ambiguous = ctx.mayHaveBeenApplied === true;
  return new MosaicApiError({
    code: advice.code,
    operation: ctx.operation,
    summary: ambiguous ? `${advice.summary} An earlier attempt may have been applied.` : advice.summary,
    hint: advice.hint,
    status,
    method: ctx.method,
    route: ctx.route,
    apiMessages: body.messages,
    apiErrorCode: body.errorCode,
    tsErrorCode: body.tsErrorCode,
    attempts: ctx.attempts,
    mayHaveBeenApplied: ambiguous,
  });
}

/** Builds the error for a connection-level failure. */
export function errorFromTransport(failure: TransportFailure, ctx: FailureContext, timeoutMs: number): MosaicApiError {
  const budget = ctx.budgetExhausted ? " The process-wide retry budget is exhausted, so it was not retried." : "";
  const ambiguous = ctx.mayHaveBeenApplied === true || (failure.sent === "maybe" && ctx.method !== "GET");
  let code: MosaicErrorCode;
  let summary: string;
  let hint: string;
  if (failure.abortedByCaller) {
    code = MosaicErrorCodes.ABORTED;
    summary = "the request was cancelled by the caller.";
    hint = "";
  } else if (failure.code === RESPONSE_TOO_LARGE) {
    code = MosaicErrorCodes.INVALID_RESPONSE;
    summary = `the response was larger than ${MAX_RESPONSE_BYTES / (1024 * 1024)} MiB, the most the provider reads; it was not retried.`;
    hint = "Check mosaic:apiUrl: the Applications API answers far smaller bodies; a proxy or another service may be answering.";
  } else if (failure.code === "UND_ERR_INVALID_ARG") {
    code = MosaicErrorCodes.CONFIG;
    summary = "the request could not be built: a header value (the access token or the User-Agent) holds characters HTTP does not allow.";
    hint = "Check mosaic:clientId / mosaic:clientSecret and mosaic:tokenUrl; nothing was sent over the network.";
  } else if (failure.timeout) {
    code = MosaicErrorCodes.TIMEOUT;
    summary = `no complete response within ${timeoutMs} ms.${budget}`;
    hint = "Raise mosaic:requestTimeoutMs (MOSAIC_REQUEST_TIMEOUT_MS) on slow links, or run again.";
  } else {
    code = MosaicErrorCodes.NETWORK;
    summary = `the connection failed (${failure.code}).${budget}`;
    hint =
      failure.code === "ENOTFOUND"
        ? "The host name does not resolve: check mosaic:region / mosaic:apiUrl."
        : failure.code === "ECONNREFUSED"
          ? "Nothing is listening at the API URL: check mosaic:apiUrl (is the emulator running?)."
          : "Check network access to the API (proxy, firewall) and run again.";
  }
  if (ambiguous) summary += " The request may have been applied.";
  return new MosaicApiError({
    code,
    operation: ctx.operation,
    summary,
    hint,
    method: ctx.method,
    route: ctx.route,
    attempts: ctx.attempts,
    mayHaveBeenApplied: ambiguous,
    causeCode: failure.code,
    cause: failure,
  });
}

/**
 * The error for a call whose AbortSignal fired while it waited (for the rate limiter, an access token or a retry
 * delay), before or between attempts.
 */
export function abortedError(ctx: FailureContext): MosaicApiError {
  const ambiguous = ctx.mayHaveBeenApplied === true;
  return new MosaicApiError({
    code: MosaicErrorCodes.ABORTED,
    operation: ctx.operation,
    summary: `the request was cancelled by the caller.${ambiguous ? " An earlier attempt may have been applied." : ""}`,
    method: ctx.method,
    route: ctx.route,
    attempts: ctx.attempts,
    mayHaveBeenApplied: ambiguous,
  });
}

/** The retry-policy view of a transport failure. */
export function attemptFailureFromTransport(failure: TransportFailure): AttemptFailure {
  return { kind: "network", sent: failure.sent, timeout: failure.timeout, permanent: failure.permanent, code: failure.code };
}

/** First value of a response header, case-insensitively. */
export function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
