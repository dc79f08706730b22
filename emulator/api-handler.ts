// One API or token request, end to end: latency, rate limit and faults (the "edge"), then body, auth and the
// operation (the "backend"), then the answer, or the fault that replaces it, and one request-log entry.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, invalidToken, unsupportedMediaType } from "./errors";
import { faultLabel } from "./faults";
import { redactBody, unparsedBody } from "./redact-body";
import { ConnectionDropped, isFormContentType, isJsonContentType, parseJsonBody, readBody, sendJsonText, sendNoContent } from "./http-io";
import { matchRoute } from "./routes";
import type { RouteMatch } from "./routes";
import type { EmulatorRuntime } from "./runtime";
import { TokenEndpointError } from "./tokens";
import type { FaultKind } from "./types";

export const TOKEN_ROUTE = "/oidc/token";
const API_PREFIX = "/cis";

/** What the backend answered, before a fault may replace it. */
interface Answer {
  status: number;
  body?: string;
  headers?: Readonly<Record<string, string>>;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

function errorAnswer(status: number, headers?: Record<string, string>): Answer {
  return { status, body: JSON.stringify({ message: STATUS_TEXT[status] ?? "Error", error_code: status }), headers };
}

const TOKEN_RESPONSE_HEADERS = { "cache-control": "no-store", pragma: "no-cache" };

type Target = { kind: "token" } | { kind: "api"; match: RouteMatch } | { kind: "unmatched" };

function findTarget(method: string, pathname: string): { target: Target; route: string; path: string } {
  if (pathname === TOKEN_ROUTE || pathname === `${TOKEN_ROUTE}/`) {
    const target: Target = method === "POST" ? { kind: "token" } : { kind: "unmatched" };
    return { target, route: TOKEN_ROUTE, path: TOKEN_ROUTE };
  }
  if (pathname.startsWith(`${API_PREFIX}/`)) {
    const path = pathname.slice(API_PREFIX.length);
    const match = matchRoute(method, path);
    return match
      ? { target: { kind: "api", match }, route: match.route.template, path }
      : { target: { kind: "unmatched" }, route: path, path };
  }
  return { target: { kind: "unmatched" }, route: pathname, path: pathname };
}

export async function handleApiRequest(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const arrivedAt = Date.now();
  const method = req.method ?? "GET";
  const { target, route, path } = findTarget(method, pathname);
  let status = 0;
  let fault: FaultKind | undefined;
  // What the request log keeps of the body (redacted), set once the body has been read.
  const seen: SeenBody = {};
  const drop = (): void => {
    status = 0;
    req.socket.destroy();
  };
  try {
    if (target.kind === "unmatched") {
      // NestJS answers unknown routes with 404 before any guard runs; no faults or limits either.
      status = 404;
      sendJsonText(res, 404, JSON.stringify({ message: `Cannot ${method} ${pathname}`, error_code: 404 }));
      return;
    }
    await runtime.applyLatency();
    if (runtime.closing) return drop();
    const rate = runtime.rateLimiter.take();
    if (!rate.allowed) {
      status = 429;
      const answer = errorAnswer(429, { "retry-after": String(rate.retryAfterSeconds) });
      sendJsonText(res, 429, answer.body!, answer.headers);
      return;
    }
    const isWrite = target.kind === "api" && method !== "GET";
    fault = runtime.faults.decide(method, route, isWrite);
    if (fault) {
      switch (fault.kind) {
        case "latency":
          await runtime.sleep(fault.ms + runtime.jitter(fault.jitterMs ?? 0));
          if (runtime.closing) return drop();
          break;
        case "status": {
          status = fault.status;
          const answer = errorAnswer(fault.status, fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : undefined);
          sendJsonText(res, status, answer.body!, answer.headers);
          return;
        }
        case "reset-before":
          return drop();
        case "hang":
          await runtime.sleep(fault.ms);
          return drop();
      }
    }
    const answer = target.kind === "token" ? await tokenAnswer(runtime, req, seen) : await apiAnswer(runtime, req, target.match, seen);
    if (fault?.kind === "applied-then-reset") return drop();
    if (fault?.kind === "applied-then-status") {
      status = fault.status;
      const replaced = errorAnswer(fault.status);
      sendJsonText(res, status, replaced.body!);
      return;
    }
    status = answer.status;
    if (answer.body === undefined) sendNoContent(res);
    else sendJsonText(res, answer.status, answer.body, answer.headers);
  } catch (error) {
    if (error instanceof ConnectionDropped) return drop();
    status = 500;
    process.stderr.write(`[mosaic-emulator] internal error on ${method} ${route}: ${(error as Error).stack ?? error}\n`);
    sendJsonText(res, 500, JSON.stringify({ message: "Internal server error", error_code: 500 }));
  } finally {
    const label = fault ? faultLabel(fault) : undefined;
    runtime.log.record({
      method,
      route,
      path,
      status,
      ...(label ? { fault: label } : {}),
      at: arrivedAt,
      ...("body" in seen ? { body: seen.body } : {}),
    });
    if (runtime.logRequests) {
      // The path only: never headers (Authorization) or bodies (the request log keeps bodies, redacted).
      process.stderr.write(
        `[mosaic-emulator] ${method} ${pathname} ${status === 0 ? "dropped" : status} ${Date.now() - arrivedAt}ms` +
          `${label ? ` fault=${label}` : ""}\n`,
      );
    }
  }
}

/** The request body as the log keeps it: parsed, with credentials redacted (emulator/redact-body.ts). */
interface SeenBody {
  body?: unknown;
}

/** The log's copy of a JSON body: an empty body is logged as absent, one that does not parse by its size only. */
function seenJson(raw: Buffer, seen: SeenBody): void {
  if (raw.length === 0) return;
  try {
    seen.body = redactBody(JSON.parse(raw.toString("utf8")));
  } catch {
    seen.body = unparsedBody(raw);
  }
}

/** The backend's answer to an API operation: success, or the ApiError it raised. */
async function apiAnswer(runtime: EmulatorRuntime, req: IncomingMessage, { route, params }: RouteMatch, seen: SeenBody): Promise<Answer> {
  try {
    // Read (and size-check) the body before auth: the body has to be consumed either way, and 413 is an
    // edge-level answer on the real service too.
    const raw = route.hasBody ? await readBody(req, runtime.maxBodyBytes) : undefined;
    if (raw !== undefined) seenJson(raw, seen);
    authenticate(runtime, req.headers.authorization);
    let body: unknown;
    if (raw !== undefined) {
      const contentType = req.headers["content-type"];
      if ((raw.length > 0 || contentType !== undefined) && !isJsonContentType(contentType)) {
        throw unsupportedMediaType("application/json");
      }
      body = parseJsonBody(raw);
    }
    const result = route.handle(runtime.store, params, body, new URL(req.url ?? "/", "http://emulator").searchParams);
    return result.status === 204 ? { status: 204 } : { status: result.status, body: result.json };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: JSON.stringify(error.body), headers: error.headers };
    throw error;
  }
}

function authenticate(runtime: EmulatorRuntime, header: string | undefined): void {
  if (header === undefined || header.length < 8) throw invalidToken();
  const scheme = header.slice(0, 7);
  if (scheme !== "Bearer " && scheme.toLowerCase() !== "bearer ") throw invalidToken();
  if (!runtime.tokens.isValid(header.slice(7).trim())) throw invalidToken();
}

async function tokenAnswer(runtime: EmulatorRuntime, req: IncomingMessage, seen: SeenBody): Promise<Answer> {
  try {
    const raw = await readBody(req, runtime.maxBodyBytes);
    if (raw.length > 0) seen.body = redactBody(Object.fromEntries(new URLSearchParams(raw.toString("utf8"))));
    if (!isFormContentType(req.headers["content-type"])) {
      throw new TokenEndpointError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    }
    const token = runtime.tokens.exchange(new URLSearchParams(raw.toString("utf8")), req.headers.authorization);
    return { status: 200, body: JSON.stringify(token), headers: TOKEN_RESPONSE_HEADERS };
  } catch (error) {
    if (error instanceof TokenEndpointError) {
      return {
        status: error.status,
        body: error.body(),
        headers: error.wwwAuthenticate ? { ...TOKEN_RESPONSE_HEADERS, "www-authenticate": error.wwwAuthenticate } : TOKEN_RESPONSE_HEADERS,
      };
    }
    if (error instanceof ApiError) return { status: error.status, body: JSON.stringify(error.body), headers: error.headers };
    throw error;
  }
}
