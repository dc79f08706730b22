// Redaction at the source: every string this package builds for a human (error messages, log lines, the
// inspect/JSON views of errors) passes through `redactText` before it leaves the module that built it. Doing it
// here, rather than in whatever logger the caller plugs in, means a new log call or error path cannot forget it.
//
// Two layers, because each alone has gaps:
//   1. Known values. The management client secret and every access token this process obtained (plus client
//      secrets the API handed back) are remembered in a bounded, process-wide set and replaced verbatim. This
//      catches a secret wherever it appears, even unlabelled (for example inside an API message echoing input).
//   2. Patterns. `Bearer <token>`, `client_secret=...`, `"access_token": "..."` and friends are masked even when
//      the value is not known to us (a token minted by another process, a secret in a URL).

/** The placeholder that replaces a secret value. */
export const REDACTED = "[REDACTED]";

/** Values shorter than this are not redacted verbatim: replacing "a" or "1" everywhere would garble messages. */
const MIN_SECRET_LENGTH = 6;

/**
 * Upper bound on remembered values. Tokens are refreshed hourly and client secrets are created one per client,
 * so a long `pulumi up` stays far below it; the bound only stops an unusual script from growing memory forever.
 * The oldest values are dropped first; they are also the least likely to still be in circulation.
 */
const MAX_KNOWN_SECRETS = 512;

const knownSecrets = new Set<string>();

/**
 * Remembers a secret value (management client secret, access token, generated client secret) so that it is
 * masked in every message and log line this package produces from now on.
 */
export function rememberSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return;
  if (knownSecrets.has(value)) {
    // Refresh its position so a value still in use is not the first to be evicted.
    knownSecrets.delete(value);
  } else if (knownSecrets.size >= MAX_KNOWN_SECRETS) {
    const oldest = knownSecrets.values().next().value;
    if (oldest !== undefined) knownSecrets.delete(oldest);
  }
  knownSecrets.add(value);
}

/** Forgets every remembered value. For tests only (see `resetSharedStateForTests`). */
export function forgetSecretsForTests(): void {
  knownSecrets.clear();
}

// Field names whose values are credentials. Matched case-insensitively in form bodies, query strings, JSON and
// "key: value" text. `clientSecret` (camelCase) covers login_preferences IdP secrets echoed back by the API.
const SECRET_KEYS = "client_secret|clientSecret|access_token|accessToken|refresh_token|id_token|password|client_assertion|authorization";

const patterns: ReadonlyArray<[RegExp, string]> = [
  // Authorization: Bearer <token> / Basic <credentials>
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // JSON: "client_secret": "value"
  [new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, "gi"), `$1${REDACTED}$2`],
  // form / query / text: client_secret=value, access_token: value
  [new RegExp(`\\b(${SECRET_KEYS})(\\s*[=:]\\s*)(?!\\s*")[^\\s&,;"'}\\]]+`, "gi"), `$1$2${REDACTED}`],
];

/**
 * Returns `text` with every remembered secret, every `extra` secret and every credential-looking `key=value`
 * masked. Safe to call on any string; cheap enough to call on every log line.
 */
export function redactText(text: string, extra: Iterable<string | undefined> = []): string {
  let out = text;
  const values: string[] = [];
  for (const v of extra) if (typeof v === "string" && v.length >= MIN_SECRET_LENGTH) values.push(v);
  for (const v of knownSecrets) values.push(v);
  // Longest first, so a token that contains a shorter remembered value is still masked as a whole.
  values.sort((a, b) => b.length - a.length);
  for (const v of values) if (out.includes(v)) out = out.split(v).join(REDACTED);
  for (const [re, replacement] of patterns) out = out.replace(re, replacement);
  return out;
}

/**
 * Deep-copies a plain value (log fields, error details) with every string passed through `redactText` and
 * every value under a credential-named key replaced outright. Functions, symbols and cycles are dropped.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  }
  if (seen.has(value) || depth > 8) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) ? REDACTED : redactValue(v, depth + 1, seen);
  }
  return out;
}

const secretKeyRe = new RegExp(`^(?:${SECRET_KEYS}|secret|token|apiKey|api_key|key)$`, "i");

/** True for property names whose values are credentials (`client_secret`, `access_token`, `authorization`...). */
export function isSecretKey(key: string): boolean {
  return secretKeyRe.test(key);
}
