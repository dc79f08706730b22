// Request bodies for the request log, with every credential replaced, so tests and users can see exactly what was
// sent (one PUT carrying the whole object, the fields of a create) without the log becoming a place secrets leak
// from. Redaction is structural, by key, on the parsed body: no pattern over text can tell a secret from a name.

/** The placeholder that replaces a credential's value in a logged body. */
export const REDACTED = "[REDACTED]";

/**
 * Keys whose values are credentials, compared lower-cased with `_` and `-` removed (so `client_secret`,
 * `clientSecret` and `Client-Secret` are one key). Objects under these keys are replaced whole (a private key JWK).
 */
const CREDENTIAL_KEYS = new Set([
  "clientsecret",
  "secret",
  "password",
  "token",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "clientassertion",
  "authorization",
  "privatekey",
]);

/** The private members of a JWK (RFC 7518 §6.2.2, §6.3.2, §6.4.1): present only in private keys. */
const JWK_PRIVATE_MEMBERS = new Set(["d", "p", "q", "dp", "dq", "qi", "oth", "k"]);

const isCredentialKey = (key: string) => CREDENTIAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, ""));

/** A copy of `value` with every credential replaced by REDACTED (input is never changed). */
export function redactBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactBody);
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const isJwk = typeof source.kty === "string";
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(source)) {
    out[key] = isCredentialKey(key) || (isJwk && JWK_PRIVATE_MEMBERS.has(key)) ? REDACTED : redactBody(member);
  }
  return out;
}

/** What the log keeps of a JSON body that does not parse: its size, never its text (it may hold a secret). */
export function unparsedBody(raw: Buffer): string {
  return `[unparsable body, ${raw.length} bytes]`;
}
