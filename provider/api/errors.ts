// One error type for everything the management API client can throw, with a stable machine `code`.
//
// Why a brand instead of relying on `instanceof`: Pulumi loads provider code through the closure serializer and
// the dynamic-provider host, and a program can easily end up with two copies of this package (the SDK's and the
// provider's). `instanceof` fails across copies; a `Symbol.for` brand does not.
//
// Why the custom inspect / toJSON: Node prints every own enumerable property of an error (and its `cause`) in
// `util.inspect`, and loggers call `JSON.stringify`. Whatever we attach could leak. So the error carries only
// data we built ourselves from non-secret parts (status, route template, the API's message list), every string
// is redacted on construction, and both views are explicit allow-lists.

import { inspect } from "node:util";
import { redactText } from "./redaction";

/** Stable machine-readable error codes. Match on these, never on message text. */
export const MosaicErrorCodes = Object.freeze({
  /** 404: the object does not exist (or was deleted out of band). */
  NOT_FOUND: "MOSAIC_NOT_FOUND",
  /** 409: an object with that identifier (usually the name) already exists. */
  CONFLICT: "MOSAIC_CONFLICT",
  /** 400: the API rejected the request body or parameters as invalid; retrying the same request will not help. */
  VALIDATION: "MOSAIC_VALIDATION",
  /** A status the client has no rule for (405, 413, 418, ...), from the API or the token endpoint. */
  UNEXPECTED_STATUS: "MOSAIC_UNEXPECTED_STATUS",
  /** A method was called with a missing or empty required argument: a bug in the calling code; nothing was sent. */
  INVALID_ARGUMENT: "MOSAIC_INVALID_ARGUMENT",
  /** The caller's AbortSignal fired: during a wait, a token fetch or an attempt in flight. */
  ABORTED: "MOSAIC_ABORTED",
  /** 401 after a token refresh, or the token endpoint refused the credentials. */
  AUTH: "MOSAIC_AUTH",
  /** 403: the management app lacks a permission. */
  FORBIDDEN: "MOSAIC_FORBIDDEN",
  /** 429 persisted through every retry (or the retry budget ran out). */
  RATE_LIMITED: "MOSAIC_RATE_LIMITED",
  /** 5xx persisted through every retry, or the retry budget ran out. */
  UNAVAILABLE: "MOSAIC_UNAVAILABLE",
  /** No complete answer within `requestTimeoutMs` (connect, headers, body or the overall deadline). */
  TIMEOUT: "MOSAIC_TIMEOUT",
  /** The connection failed (refused, reset, DNS). */
  NETWORK: "MOSAIC_NETWORK",
  /** The API answered 2xx with a body we cannot use (not JSON, or missing an id). */
  INVALID_RESPONSE: "MOSAIC_INVALID_RESPONSE",
  /** Settings are missing or invalid; raised before any request is made. */
  CONFIG: "MOSAIC_CONFIG",
} as const);

/** Union of every `MosaicApiError.code`. */
export type MosaicErrorCode = (typeof MosaicErrorCodes)[keyof typeof MosaicErrorCodes];

/** Construction parameters of {@link MosaicApiError}. */
export interface MosaicApiErrorOptions {
  code: MosaicErrorCode;
  /** What the client was doing, e.g. "applications.create". */
  operation: string;
  /** One sentence: what went wrong. The constructor appends the API messages and `hint`. */
  summary: string;
  /** What the user should do about it. */
  hint?: string;
  status?: number;
  method?: string;
  /** Route template, e.g. "/v1/applications/:appId" (never the concrete path with ids or query). */
  route?: string;
  /** The API's `message` field, normalised to a list (it is a string or a string[] depending on the status). */
  apiMessages?: readonly string[];
  /** The API's numeric `error_code` and `ts_error_code`, when present. */
  apiErrorCode?: number;
  tsErrorCode?: string;
  /** HTTP attempts made for this operation, including the first. */
  attempts?: number;
  /** True when a write may have been applied even though it failed (connection lost after sending, 5xx, timeout). */
  mayHaveBeenApplied?: boolean;
  /** Low-level cause code, e.g. "ECONNRESET", "UND_ERR_HEADERS_TIMEOUT". */
  causeCode?: string;
  /** The low-level error. Kept off the inspect / JSON views; only its redacted name, code and message appear. */
  cause?: unknown;
}

const kBrand = Symbol.for("pulumi-mosaic.MosaicApiError");

/**
 * The only error type the management API client throws.
 *
 * - `code` is stable (see {@link MosaicErrorCodes}); `status` is the HTTP status when there was one.
 * - `messages` is the API's message list (`message: string | string[]` normalised to `string[]`).
 * - `operation` names the call, e.g. `"applications.create"`.
 * - The message says what to do next. It never contains an Authorization header, an access token, a client
 *   secret or a token-endpoint body, and neither do `util.inspect(err)` or `JSON.stringify(err)`.
 *
 * Use {@link MosaicApiError.isInstance} rather than `instanceof`: it works across copies of this package.
 */
export class MosaicApiError extends Error {
  // `name` lives on the prototype (set below), not as a class field: a field is assigned after `super()` has
  // already captured the stack header, which would then read "Error: ..." instead of "MosaicApiError: ...".
  declare readonly name: "MosaicApiError";
  readonly code: MosaicErrorCode;
  readonly operation: string;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly route: string | undefined;
  readonly messages: readonly string[];
  readonly apiErrorCode: number | undefined;
  readonly tsErrorCode: string | undefined;
  readonly attempts: number | undefined;
  readonly mayHaveBeenApplied: boolean;
  readonly causeCode: string | undefined;

  constructor(options: MosaicApiErrorOptions) {
    const messages = Object.freeze((options.apiMessages ?? []).map((m) => redactText(m)));
    super(composeMessage(options, messages));
    // `cause` is stored non-enumerable so that Node's default error printing (which walks enumerable props)
    // and structured-clone style copies do not pick up a low-level object we did not build.
    if (options.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: options.cause, enumerable: false, writable: true, configurable: true });
    }
    Object.defineProperty(this, kBrand, { value: true, enumerable: false });
    this.code = options.code;
    this.operation = options.operation;
    this.status = options.status;
    this.method = options.method;
    this.route = options.route;
    this.messages = messages;
    this.apiErrorCode = options.apiErrorCode;
    this.tsErrorCode = options.tsErrorCode === undefined ? undefined : redactText(options.tsErrorCode);
    this.attempts = options.attempts;
    this.mayHaveBeenApplied = options.mayHaveBeenApplied ?? false;
    this.causeCode = options.causeCode;
    // The stack's first line repeats the message; it was built from redacted parts, so it is safe too.
    if (typeof this.stack === "string") this.stack = redactText(this.stack);
  }

  /** True for any MosaicApiError, including one created by another copy of this package. */
  static isInstance(value: unknown): value is MosaicApiError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[kBrand] === true;
  }

  /** `instanceof` also works across package copies. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return MosaicApiError.isInstance(value);
  }

  /** A plain, redacted view for logs and JSON. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      operation: this.operation,
      status: this.status,
      method: this.method,
      route: this.route,
      messages: [...this.messages],
      apiErrorCode: this.apiErrorCode,
      tsErrorCode: this.tsErrorCode,
      attempts: this.attempts,
      mayHaveBeenApplied: this.mayHaveBeenApplied,
      causeCode: this.causeCode,
      message: this.message,
    };
  }

  /** `util.inspect` / `console.log` view: the stack plus the redacted fields, never the raw cause object. */
  [inspect.custom](): string {
    const { message: _message, name: _name, ...fields } = this.toJSON();
    const shown = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${inspect(shown, { depth: 3, breakLength: 120 })}`;
  }
}

Object.defineProperty(MosaicApiError.prototype, "name", {
  value: "MosaicApiError",
  enumerable: false,
  configurable: true,
  writable: true,
});

function composeMessage(o: MosaicApiErrorOptions, messages: readonly string[]): string {
  const where = [o.method, o.route].filter(Boolean).join(" ");
  const status = o.status !== undefined ? `HTTP ${o.status}` : undefined;
  const head = [o.operation, where && `(${where})`, status && `→ ${status}`].filter(Boolean).join(" ");
  let text = `${head}: ${o.summary}`;
  if (messages.length > 0) text += ` API says: ${messages.map((m) => JSON.stringify(m)).join("; ")}.`;
  if (o.attempts !== undefined && o.attempts > 1) text += ` (after ${o.attempts} attempts)`;
  if (o.hint) text += ` ${o.hint}`;
  return redactText(`${text} [${o.code}]`);
}

/** Normalises the API's `message` (string, string[], or absent) to a list of strings. */
export function normaliseApiMessages(message: unknown): string[] {
  if (typeof message === "string") return message.length > 0 ? [message] : [];
  if (Array.isArray(message)) return message.filter((m): m is string => typeof m === "string" && m.length > 0);
  return [];
}
