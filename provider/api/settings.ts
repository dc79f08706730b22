// Provider settings are resolved here and nowhere else: explicit values (stack config read in `configure()`, or a
// script's constructor argument) first, then the MOSAIC_* environment. Nothing here touches the network, so a
// no-op `pulumi up` can construct a client and make zero HTTP calls.
//
// Errors name the setting the way a user types it ("mosaic:clientId (or MOSAIC_CLIENT_ID)") and never echo the
// secret: zod is used without `reportInput`, and we build every message ourselves.

import { z } from "zod";
import { MosaicApiError, MosaicErrorCodes } from "./errors";
import { rememberSecret } from "./redaction";
import { SETTING_KEYS, type SettingName } from "./setting-keys";

/** Vendor regions and their API hosts (docs/api-behaviour.md#hosts-and-regions). The Applications API lives under `/cis` on each. */
export const REGION_HOSTS = Object.freeze({
  us: "https://api.transmitsecurity.io",
  eu: "https://api.eu.transmitsecurity.io",
  ca: "https://api.ca.transmitsecurity.io",
  au: "https://api.au.transmitsecurity.io",
  sandbox: "https://api.sbx.transmitsecurity.io",
} as const);

/** A named vendor region. */
export type MosaicRegion = keyof typeof REGION_HOSTS;

/** Defaults for the tuning settings. Documented in docs/api-client.md. */
export const DEFAULT_SETTINGS = Object.freeze({
  /** The vendor's documented default region ("Production US (default)" in the OpenAPI servers list). */
  region: "us" as MosaicRegion,
  /**
   * Per-attempt deadline covering connect, sending, headers and body. Long enough for a slow list of every app
   * in a large tenant, short enough that a hung connection does not stall a `pulumi up` for minutes.
   */
  requestTimeoutMs: 30_000,
  /** Retries after the first attempt (so up to 5 attempts). */
  maxRetries: 4,
  /**
   * Client-side request rate for the whole process. The only documented limit for this API is the edge limit
   * of 90,000 requests/min per source IP (= 1,500 rps), shared by every Mosaic API and every machine behind the
   * same NAT. 50 rps is 1/30 of it: a 1,000-resource `pulumi up` still finishes in well under a minute of API
   * time, while leaving most of the edge budget to the tenant's production traffic.
   */
  maxRequestsPerSecond: 50,
});

/** Upper bound for `maxRequestsPerSecond`: above the documented edge limit every extra request is a 429. */
export const MAX_REQUESTS_PER_SECOND_LIMIT = 1500;

/** Settings as a caller supplies them (every field optional; the environment fills gaps). */
export interface MosaicSettingsInput {
  /** us | eu | ca | au | sandbox. Mutually exclusive with `apiUrl`. Default "us". */
  region?: string;
  /** Applications API base for anything that is not a vendor region, e.g. the emulator's `http://127.0.0.1:PORT/cis`. */
  apiUrl?: string;
  /**
   * Token endpoint override. Normally derived from the host (`{origin}/oidc/token`, never `/cis/oidc/token`);
   * set it only for a proxy that moves the token endpoint.
   */
  tokenUrl?: string;
  /** Management application client id. */
  clientId?: string;
  /** Management application client secret. */
  clientSecret?: string;
  /** Per-attempt deadline in milliseconds (100 – 600000). Default 30000. */
  requestTimeoutMs?: number | string;
  /** Retries after the first attempt (0 – 10). Default 4. */
  maxRetries?: number | string;
  /** Client-side rate limit for the whole process, requests per second (0 < n ≤ 1500). Default 50. */
  maxRequestsPerSecond?: number | string;
  /** Allows plain http to a host that is not loopback (`true` / `"true"`). Default false. */
  allowInsecureHttp?: boolean | string;
}

/** Fully resolved, validated settings. */
export interface ResolvedMosaicSettings {
  /** The region, when the API URL came from one. */
  readonly region: MosaicRegion | undefined;
  /** Applications API base without a trailing slash, e.g. "https://api.transmitsecurity.io/cis". */
  readonly apiUrl: string;
  /** Origin of `apiUrl` (scheme://host:port): one connection pool and one rate limiter per origin. */
  readonly origin: string;
  /** Path prefix of `apiUrl`, e.g. "/cis". Request paths are appended to it. */
  readonly basePath: string;
  /** Token endpoint, e.g. "https://api.transmitsecurity.io/oidc/token". */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
  readonly maxRequestsPerSecond: number;
  /** Plain http to a host that is not loopback was allowed explicitly. */
  readonly allowInsecureHttp: boolean;
}

/** An environment-like record (`process.env` or a test's plain object). */
export type EnvLike = Readonly<Record<string, string | undefined>>;

/** Names used in messages and lookups: the stack-config key and its environment fallback. */
const NAMES = Object.fromEntries(Object.entries(SETTING_KEYS).map(([name, key]) => [name, [key.config, key.env]])) as Record<
  SettingName,
  [string, string]
>;

function label(name: SettingName): string {
  const [config, env] = NAMES[name];
  return `${config} (or ${env})`;
}

function configError(summary: string, hint?: string): MosaicApiError {
  return new MosaicApiError({ code: MosaicErrorCodes.CONFIG, operation: "settings", summary, hint });
}

/** Treats "", "   " and undefined alike: a blank environment variable is an unset one (CI templates leave blanks). */
function pick(explicit: unknown, env: string | undefined): unknown {
  if (explicit !== undefined && explicit !== null && !(typeof explicit === "string" && explicit.trim() === "")) {
    return typeof explicit === "string" ? explicit.trim() : explicit;
  }
  if (env !== undefined && env.trim() !== "") return env.trim();
  return undefined;
}

// Numeric settings arrive as numbers (config) or strings (environment). `z.coerce` would turn "" into 0 and
// "abc" into NaN silently, so parse strings strictly ourselves and let zod check the range.
function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
}

const numberRules = {
  requestTimeoutMs: z.number().int().min(100).max(600_000),
  maxRetries: z.number().int().min(0).max(10),
  maxRequestsPerSecond: z.number().gt(0).max(MAX_REQUESTS_PER_SECOND_LIMIT),
} as const;

const ruleText: Record<keyof typeof numberRules, string> = {
  requestTimeoutMs: "an integer number of milliseconds between 100 and 600000",
  maxRetries: "an integer between 0 and 10",
  maxRequestsPerSecond: `a number greater than 0 and at most ${MAX_REQUESTS_PER_SECOND_LIMIT}`,
};

function resolveNumber(name: keyof typeof numberRules, explicit: unknown, env: EnvLike): number {
  const raw = pick(explicit, env[NAMES[name][1]]);
  if (raw === undefined) return DEFAULT_SETTINGS[name];
  const parsed = numberRules[name].safeParse(toNumber(raw));
  if (!parsed.success) {
    // Tuning values are not secret, so echoing them helps the user find the typo.
    throw configError(`${label(name)} must be ${ruleText[name]}; got ${JSON.stringify(String(raw)).slice(0, 40)}.`);
  }
  return parsed.data;
}

const urlRule = z.url({ protocol: /^https?$/ });

/**
 * Hosts whose traffic never leaves the machine: `localhost`, 127.0.0.0/8 and ::1 (not `*.localhost`: a resolver
 * may send those names to DNS).
 * Plain http is fine there (the emulator); anywhere else it would send the client secret and tokens in clear text.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function resolveFlag(name: "allowInsecureHttp", explicit: unknown, env: EnvLike): boolean {
  const raw = pick(explicit, env[NAMES[name][1]]);
  if (raw === undefined || raw === false) return false;
  if (raw === true) return true;
  const text = String(raw).toLowerCase();
  if (text === "true" || text === "false") return text === "true";
  throw configError(`${label(name)} must be true or false; got ${JSON.stringify(String(raw)).slice(0, 40)}.`);
}

function parseUrl(name: "apiUrl" | "tokenUrl", raw: string, allowInsecureHttp: boolean): URL {
  if (!urlRule.safeParse(raw).success) {
    throw configError(
      `${label(name)} must be an absolute http(s) URL such as "https://api.transmitsecurity.io/cis"; got an invalid value.`,
    );
  }
  const url = new URL(raw);
  if (url.username || url.password) {
    // Credentials in a URL end up in logs and error messages; refuse them instead of redacting after the fact.
    throw configError(`${label(name)} must not contain credentials (user:password@).`, "Use mosaic:clientId and mosaic:clientSecret.");
  }
  if (url.search || url.hash) throw configError(`${label(name)} must not contain a query string or fragment.`);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw configError(
      `${label(name)} must use https: plain http to ${url.hostname} would send the client secret and access tokens unencrypted.`,
      `Use https, or set ${label("allowInsecureHttp")} to true for a trusted test network (loopback hosts need no setting).`,
    );
  }
  return url;
}

/**
 * Derives the token endpoint from an Applications API base: `{origin}{prefix}/oidc/token`, where `prefix` is the
 * base path minus its trailing `/cis`. The OpenAPI document declares `tokenUrl: /oidc/token` relative to a server
 * that already ends in `/cis`; a naive join would therefore POST to `/cis/oidc/token`, which does not exist
 * (docs/api-behaviour.md#the-token-endpoint). Exported for the unit tests.
 */
export function tokenUrlForApiUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  const prefix = url.pathname.replace(/\/+$/, "").replace(/\/cis$/i, "");
  return `${url.origin}${prefix}/oidc/token`;
}

/** The Applications API base of a vendor region, e.g. `apiUrlForRegion("eu")` → "https://api.eu.transmitsecurity.io/cis". */
export function apiUrlForRegion(region: MosaicRegion): string {
  return `${REGION_HOSTS[region]}/cis`;
}

function isRegion(value: string): value is MosaicRegion {
  return Object.prototype.hasOwnProperty.call(REGION_HOSTS, value);
}

/**
 * Resolves and validates settings from an explicit object plus an environment-like record.
 *
 * Precedence: each field of `explicit` wins over its MOSAIC_* variable. For the endpoint, a layer that sets
 * either `region` or `apiUrl` wins as a whole over the other layer; setting both in one layer is an error.
 * With neither, the region defaults to "us".
 *
 * @throws MosaicApiError with code MOSAIC_CONFIG naming the missing or invalid setting (never its secret value).
 */
export function resolveSettings(explicit: MosaicSettingsInput = {}, env: EnvLike = {}): ResolvedMosaicSettings {
  if (typeof explicit !== "object" || explicit === null) throw configError("settings must be an object.");

  const clientId = pick(explicit.clientId, env.MOSAIC_CLIENT_ID);
  if (clientId === undefined) {
    throw configError(
      `${label("clientId")} is required.`,
      "Use the client id of a Management Application (Admin Portal → Settings → Management Apps).",
    );
  }
  if (typeof clientId !== "string") throw configError(`${label("clientId")} must be a string.`);

  const clientSecret = pick(explicit.clientSecret, env.MOSAIC_CLIENT_SECRET);
  if (clientSecret === undefined) {
    throw configError(
      `${label("clientSecret")} is required.`,
      "Set it with `pulumi config set --secret mosaic:clientSecret` or the MOSAIC_CLIENT_SECRET environment variable.",
    );
  }
  if (typeof clientSecret !== "string") throw configError(`${label("clientSecret")} must be a string.`);

  const allowInsecureHttp = resolveFlag("allowInsecureHttp", explicit.allowInsecureHttp, env);
  const { region, apiUrl } = resolveEndpoint(explicit, env);
  const base = parseUrl("apiUrl", apiUrl, allowInsecureHttp);
  const basePath = base.pathname.replace(/\/+$/, "");
  const normalisedApiUrl = `${base.origin}${basePath}`;

  const tokenUrlRaw = pick(explicit.tokenUrl, env[NAMES.tokenUrl[1]]);
  if (tokenUrlRaw !== undefined && typeof tokenUrlRaw !== "string") throw configError(`${label("tokenUrl")} must be a string.`);
  const tokenUrl =
    tokenUrlRaw === undefined ? tokenUrlForApiUrl(normalisedApiUrl) : parseUrl("tokenUrl", tokenUrlRaw, allowInsecureHttp).toString();

  const resolved = {
    region,
    apiUrl: normalisedApiUrl,
    origin: base.origin,
    basePath,
    tokenUrl,
    clientId,
    requestTimeoutMs: resolveNumber("requestTimeoutMs", explicit.requestTimeoutMs, env),
    maxRetries: resolveNumber("maxRetries", explicit.maxRetries, env),
    maxRequestsPerSecond: resolveNumber("maxRequestsPerSecond", explicit.maxRequestsPerSecond, env),
    allowInsecureHttp,
  } as ResolvedMosaicSettings;
  // A non-enumerable getter over a WeakMap: `console.log(settings)`, `JSON.stringify(settings)`, `{...settings}`
  // and even `util.inspect(settings, {showHidden: true})` (which prints "[Getter]") leave the secret out, so a
  // debugging line or an accidental spread into a log record cannot leak it.
  secrets.set(resolved, clientSecret);
  Object.defineProperty(resolved, "clientSecret", { get: secretGetter, enumerable: false });
  rememberSecret(clientSecret);
  return Object.freeze(resolved);
}

function resolveEndpoint(explicit: MosaicSettingsInput, env: EnvLike): { region: MosaicRegion | undefined; apiUrl: string } {
  const layers: Array<{ region: unknown; apiUrl: unknown; where: string }> = [
    { region: pick(explicit.region, undefined), apiUrl: pick(explicit.apiUrl, undefined), where: "mosaic:region and mosaic:apiUrl" },
    { region: pick(undefined, env.MOSAIC_REGION), apiUrl: pick(undefined, env.MOSAIC_API_URL), where: "MOSAIC_REGION and MOSAIC_API_URL" },
  ];
  for (const layer of layers) {
    if (layer.region !== undefined && layer.apiUrl !== undefined) {
      throw configError(
        `${layer.where} are both set; set only one.`,
        "Use region for the vendor's hosts, apiUrl for anything else (such as the emulator).",
      );
    }
    if (layer.apiUrl !== undefined) {
      if (typeof layer.apiUrl !== "string") throw configError(`${label("apiUrl")} must be a string.`);
      return { region: undefined, apiUrl: layer.apiUrl };
    }
    if (layer.region !== undefined) {
      const region = String(layer.region).toLowerCase();
      if (!isRegion(region)) {
        throw configError(
          `${label("region")} must be one of ${Object.keys(REGION_HOSTS).join(", ")}; ` +
            `got ${JSON.stringify(String(layer.region)).slice(0, 40)}.`,
        );
      }
      return { region, apiUrl: apiUrlForRegion(region) };
    }
  }
  return { region: DEFAULT_SETTINGS.region, apiUrl: apiUrlForRegion(DEFAULT_SETTINGS.region) };
}

const secrets = new WeakMap<object, string>();
function secretGetter(this: object): string {
  return secrets.get(this) ?? "";
}
