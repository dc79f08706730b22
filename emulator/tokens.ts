// The token endpoint (`POST /oidc/token` at the host root, docs/api-behaviour.md#the-token-endpoint) and the
// bearer-token checks of the API. Tokens are JWT-shaped (clients may read `exp`), but the server only trusts its own
// table of issued tokens, so a check is one Map lookup on the hot path.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

/** An OAuth error response from the token endpoint (RFC 6749 §5.2), not the API's `{message, error_code}`. */
export class TokenEndpointError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: "invalid_request" | "invalid_client" | "unsupported_grant_type",
    readonly description: string,
    readonly wwwAuthenticate?: string,
  ) {
    super(description);
  }

  body(): string {
    return JSON.stringify({ error: this.error, error_description: this.description });
  }
}

interface TokenIssuerOptions {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  ttlSeconds: number;
  /** Token `iss`: the emulator's own origin + /oidc, known only once it listens. */
  issuer(): string;
  now?: () => number;
}

/** What the management app may do: every permission the Applications API lists (docs/api-behaviour.md#access-tokens). */
const MANAGEMENT_SCOPE = "apps:create apps:read apps:list apps:edit apps:delete";

export class TokenIssuer {
  /** access token → expiry, epoch ms. */
  private readonly live = new Map<string, number>();
  private readonly issued: string[] = [];
  private readonly signingKey = randomBytes(32);
  private readonly now: () => number;
  private ttlMs: number;

  constructor(private readonly options: TokenIssuerOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = toTtlMs(options.ttlSeconds);
  }

  setTtlSeconds(seconds: number): void {
    this.ttlMs = toTtlMs(seconds);
  }

  isValid(token: string): boolean {
    const expiresAt = this.live.get(token);
    if (expiresAt === undefined) return false;
    if (this.now() < expiresAt) return true;
    this.live.delete(token);
    return false;
  }

  issuedTokens(): string[] {
    return [...this.issued];
  }

  reset(): void {
    this.live.clear();
    this.issued.length = 0;
  }

  /**
   * Handles one token request: `form` is the urlencoded body, `authorization` the header (HTTP Basic client auth
   * is accepted as well as client_id/client_secret in the form, as RFC 6749 §2.3.1 allows).
   */
  exchange(form: URLSearchParams, authorization: string | undefined): TokenResponse {
    const grantType = form.get("grant_type");
    if (!grantType) throw new TokenEndpointError(400, "invalid_request", "grant_type is required");
    if (grantType !== "client_credentials") {
      throw new TokenEndpointError(400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
    }
    const basic = parseBasic(authorization);
    const clientId = basic?.id ?? form.get("client_id");
    const clientSecret = basic?.secret ?? form.get("client_secret");
    if (!clientId || !clientSecret) {
      throw new TokenEndpointError(401, "invalid_client", "client authentication is required");
    }
    if (!sameString(clientId, this.options.clientId) || !sameString(clientSecret, this.options.clientSecret)) {
      throw new TokenEndpointError(
        401,
        "invalid_client",
        "client authentication failed",
        basic ? 'Basic realm="mosaic-emulator"' : undefined,
      );
    }
    return this.issue(form.get("resource") ?? undefined, clientId);
  }

  private issue(resource: string | undefined, clientId: string): TokenResponse {
    const issuedAt = this.now();
    const expiresAt = issuedAt + this.ttlMs;
    // Whole seconds for the client (expires_in, exp); the server itself expires the token to the millisecond.
    const expiresIn = Math.max(1, Math.ceil(this.ttlMs / 1000));
    const claims = {
      iss: this.options.issuer(),
      sub: clientId,
      client_id: clientId,
      aud: resource ?? "userid-api",
      tid: this.options.tenantId,
      role: "admin",
      scope: MANAGEMENT_SCOPE,
      iat: Math.floor(issuedAt / 1000),
      exp: Math.floor(issuedAt / 1000) + expiresIn,
      jti: randomBytes(12).toString("base64url"),
    };
    const unsigned = `${base64url({ alg: "HS256", typ: "JWT", kid: "mosaic-emulator" })}.${base64url(claims)}`;
    const signature = createHmac("sha256", this.signingKey).update(unsigned).digest("base64url");
    const token = `${unsigned}.${signature}`;
    this.live.set(token, expiresAt);
    this.issued.push(token);
    return {
      access_token: token,
      token_type: "Bearer",
      expires_in: expiresIn,
      scope: MANAGEMENT_SCOPE,
    };
  }
}

function toTtlMs(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new TypeError(`token TTL must be a positive number of seconds`);
  return Math.round(seconds * 1000);
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new TokenEndpointError(401, "invalid_client", "malformed Basic credentials");
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    throw new TokenEndpointError(401, "invalid_client", "malformed Basic credentials");
  }
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
