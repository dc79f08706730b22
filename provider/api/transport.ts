// HTTP transport: one undici Pool per origin, shared by every client in the process and reference-counted, with
// keep-alive, connect / headers / body timeouts and an overall per-attempt deadline.
//
// Why a shared pool: TLS setup dominates the cost of a management call (undici's HTTPS benchmark: 1,358 req/s
// without keep-alive against 5,634 with), and a `pulumi up` makes many small calls to one host.
// Why every body is read to the end: undici hands the connection back to the pool only when the body has been
// consumed or destroyed; an unread body leaks the socket and the pool eventually stalls.
// Why our own deadline on top of undici's timeouts: headersTimeout and bodyTimeout each restart on progress, so
// a server trickling bytes could hold a request forever; the deadline bounds the whole attempt.
//
// Failures leave this module as TransportFailure, which records whether the request may have reached the server.
// That single bit decides whether a POST can be re-sent (see retry-policy.ts).

import { Pool } from "undici";
import type { HttpMethod } from "./retry-policy";

/** One HTTP attempt. */
export interface TransportRequest {
  readonly method: HttpMethod;
  /** Path and query, starting with "/". */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Overall deadline for this attempt: connect, send, headers and body. */
  readonly timeoutMs: number;
  /** The caller's cancellation. */
  readonly signal?: AbortSignal;
}

/** A complete response (the body has been read). */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * A failed attempt at the connection level. `sent` is "no" only when the request certainly did not leave this
 * machine (connection refused, DNS failure, connect timeout); otherwise the server may have applied it.
 */
export class TransportFailure extends Error {
  declare readonly name: "TransportFailure";
  readonly code: string;
  readonly sent: "no" | "maybe";
  readonly timeout: boolean;
  /** A retry cannot help (unknown host, pool closed, aborted by the caller). */
  readonly permanent: boolean;
  readonly abortedByCaller: boolean;

  constructor(
    message: string,
    details: { code: string; sent: "no" | "maybe"; timeout?: boolean; permanent?: boolean; abortedByCaller?: boolean; cause?: unknown },
  ) {
    super(message);
    if (details.cause !== undefined) Object.defineProperty(this, "cause", { value: details.cause, enumerable: false, configurable: true });
    this.code = details.code;
    this.sent = details.sent;
    this.timeout = details.timeout ?? false;
    this.permanent = details.permanent ?? false;
    this.abortedByCaller = details.abortedByCaller ?? false;
  }
}
Object.defineProperty(TransportFailure.prototype, "name", { value: "TransportFailure", configurable: true, writable: true });

/** undici's code for a response body over POOL_OPTIONS.maxResponseSize. */
export const RESPONSE_TOO_LARGE = "UND_ERR_RES_EXCEEDED_MAX_SIZE";

/** Error codes meaning "nothing was written to a server". */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  // undici refuses an invalid header value before it writes anything.
  "UND_ERR_INVALID_ARG",
]);
/**
 * Codes a retry cannot fix. ENOTFOUND is usually a typo in apiUrl; retrying it only delays the error. A response
 * over the body cap would be as large the next time, and each attempt costs reading up to the cap again.
 */
const PERMANENT_CODES = new Set(["ENOTFOUND", "UND_ERR_CLOSED", "UND_ERR_DESTROYED", "UND_ERR_INVALID_ARG", RESPONSE_TOO_LARGE]);
const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

/** Maps an undici / Node error to a TransportFailure. Exported for the unit tests. */
export function classifyTransportError(err: unknown, context: { deadlineHit: boolean; callerAborted: boolean }): TransportFailure {
  if (context.callerAborted) {
    return new TransportFailure("the request was cancelled by the caller", {
      code: "ABORTED",
      sent: "maybe",
      permanent: true,
      abortedByCaller: true,
      cause: err,
    });
  }
  if (context.deadlineHit) {
    return new TransportFailure("no complete response within the request deadline", {
      code: "DEADLINE",
      sent: "maybe",
      timeout: true,
      cause: err,
    });
  }
  const code = errorCode(err);
  const sent = NOT_SENT_CODES.has(code) ? "no" : "maybe";
  const message = err instanceof Error ? `${err.name}: ${err.message}` : "unknown transport error";
  return new TransportFailure(message, { code, sent, timeout: TIMEOUT_CODES.has(code), permanent: PERMANENT_CODES.has(code), cause: err });
}

function errorCode(err: unknown): string {
  if (typeof err !== "object" || err === null) return "UNKNOWN";
  const e = err as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === "string" && e.code) return e.code;
  // Happy-eyeballs connects reject with an AggregateError whose members carry the codes.
  if (Array.isArray(e.errors) && e.errors.length > 0) return errorCode(e.errors[0]);
  if (e.cause) return errorCode(e.cause);
  return "UNKNOWN";
}

/** The largest response body read: a management response is small; a runaway body must not exhaust memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Pool tuning. Per-request timeouts are passed with each request, so clients with different settings can share. */
const POOL_OPTIONS = Object.freeze({
  /** Enough for the default 50 rps at up to ~600 ms per call; more sockets only add server load. */
  connections: 32,
  /** One request per connection at a time: with pipelining, one reset would take several writes down with it. */
  pipelining: 1,
  keepAliveTimeout: 10_000,
  keepAliveMaxTimeout: 60_000,
  connectTimeout: 10_000,
  maxResponseSize: MAX_RESPONSE_BYTES,
});

/** Sends requests to one origin. Obtain one with {@link acquireTransport}; release it when done. */
export class Transport {
  readonly origin: string;
  readonly #pool: Pool;

  constructor(origin: string, pool: Pool) {
    this.origin = origin;
    this.#pool = pool;
  }

  /** Sends one request and reads the whole body. Rejects only with TransportFailure. */
  async send(req: TransportRequest): Promise<TransportResponse> {
    if (req.signal?.aborted) {
      throw classifyTransportError(req.signal.reason, { deadlineHit: false, callerAborted: true });
    }
    const controller = new AbortController();
    const deadlineReason = new Error("deadline");
    let deadlineHit = false;
    const timer = setTimeout(() => {
      deadlineHit = true;
      controller.abort(deadlineReason);
    }, req.timeoutMs);
    const onCallerAbort = (): void => controller.abort(req.signal?.reason);
    req.signal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const res = await this.#pool.request({
        method: req.method,
        path: req.path,
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      // Always drain: the socket returns to the pool only after the body ends. `text()` on a 204 is "".
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text };
    } catch (err) {
      throw classifyTransportError(err, { deadlineHit, callerAborted: !deadlineHit && req.signal?.aborted === true });
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onCallerAbort);
    }
  }
}

interface PoolEntry {
  pool: Pool;
  refs: number;
}

const pools = new Map<string, PoolEntry>();

/** A reference to a shared transport; call `release()` exactly once when the owner closes. */
export interface TransportLease {
  readonly transport: Transport;
  release(): Promise<void>;
}

/**
 * Returns the shared transport for `origin` (scheme://host:port), creating its pool on first use. Creating a pool
 * opens no socket; the first request does.
 */
export function acquireTransport(origin: string): TransportLease {
  let entry = pools.get(origin);
  if (!entry || entry.pool.closed || entry.pool.destroyed) {
    entry = { pool: new Pool(origin, POOL_OPTIONS), refs: 0 };
    pools.set(origin, entry);
  }
  const held = entry;
  held.refs++;
  let released = false;
  return {
    transport: new Transport(origin, held.pool),
    async release() {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs <= 0) {
        if (pools.get(origin) === held) pools.delete(origin);
        // close() lets in-flight requests finish; destroy() would turn them into socket errors.
        await held.pool.close().catch(() => undefined);
      }
    },
  };
}

/** Destroys every shared pool. For tests only (see `resetSharedStateForTests`). */
export async function resetTransportsForTests(): Promise<void> {
  const entries = [...pools.values()];
  pools.clear();
  await Promise.all(entries.map((e) => e.pool.destroy().catch(() => undefined)));
}
