import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, MosaicApiError, apiUrlForRegion, resolveSettings, tokenUrlForApiUrl } from "../../provider/api";

const SECRET = "s3cr3t-value-never-echoed";
const creds = { clientId: "mgmt-app", clientSecret: SECRET };

function configError(fn: () => unknown): MosaicApiError {
  try {
    fn();
  } catch (e) {
    expect(MosaicApiError.isInstance(e)).toBe(true);
    const err = e as MosaicApiError;
    expect(err.code).toBe("MOSAIC_CONFIG");
    for (const view of [err.message, err.stack ?? "", inspect(err), JSON.stringify(err)]) expect(view).not.toContain(SECRET);
    return err;
  }
  throw new Error("expected a MOSAIC_CONFIG error");
}

describe("region → API URL and token URL", () => {
  it.each([
    ["us", "https://api.transmitsecurity.io"],
    ["eu", "https://api.eu.transmitsecurity.io"],
    ["ca", "https://api.ca.transmitsecurity.io"],
    ["au", "https://api.au.transmitsecurity.io"],
    ["sandbox", "https://api.sbx.transmitsecurity.io"],
  ] as const)("%s", (region, host) => {
    const s = resolveSettings({ ...creds, region });
    expect(s.apiUrl).toBe(`${host}/cis`);
    expect(s.tokenUrl).toBe(`${host}/oidc/token`);
    expect(s.tokenUrl).not.toContain("/cis/");
    expect(s.origin).toBe(host);
    expect(s.basePath).toBe("/cis");
    expect(apiUrlForRegion(region)).toBe(`${host}/cis`);
  });

  it("derives the token URL from the host, never /cis/oidc/token", () => {
    expect(tokenUrlForApiUrl("http://127.0.0.1:4010/cis")).toBe("http://127.0.0.1:4010/oidc/token");
    expect(tokenUrlForApiUrl("http://127.0.0.1:4010/cis/")).toBe("http://127.0.0.1:4010/oidc/token");
    expect(tokenUrlForApiUrl("https://proxy.example/mosaic/cis")).toBe("https://proxy.example/mosaic/oidc/token");
    expect(tokenUrlForApiUrl("https://h.example")).toBe("https://h.example/oidc/token");
  });

  it("defaults to us and accepts the emulator's apiUrl", () => {
    expect(resolveSettings(creds).apiUrl).toBe("https://api.transmitsecurity.io/cis");
    const s = resolveSettings({ ...creds, apiUrl: "http://127.0.0.1:5555/cis/" });
    expect(s).toMatchObject({ apiUrl: "http://127.0.0.1:5555/cis", tokenUrl: "http://127.0.0.1:5555/oidc/token", region: undefined });
  });
});

describe("resolveSettings", () => {
  it("takes explicit values over the environment, and the environment as fallback", () => {
    const env = {
      MOSAIC_CLIENT_ID: "env-id",
      MOSAIC_CLIENT_SECRET: "env-secret-xyz",
      MOSAIC_REGION: "eu",
      MOSAIC_MAX_REQUESTS_PER_SECOND: "20",
      MOSAIC_REQUEST_TIMEOUT_MS: "5000",
      MOSAIC_MAX_RETRIES: "2",
    };
    const fromEnv = resolveSettings({}, env);
    expect(fromEnv).toMatchObject({ clientId: "env-id", region: "eu", maxRequestsPerSecond: 20, requestTimeoutMs: 5000, maxRetries: 2 });
    expect(fromEnv.clientSecret).toBe("env-secret-xyz");
    const explicit = resolveSettings({ clientId: "x", apiUrl: "http://127.0.0.1:1/cis", maxRetries: 0 }, env);
    expect(explicit).toMatchObject({ clientId: "x", region: undefined, maxRetries: 0, maxRequestsPerSecond: 20 });
  });

  it("applies documented defaults and treats blank variables as unset", () => {
    const s = resolveSettings({}, { MOSAIC_CLIENT_ID: "id", MOSAIC_CLIENT_SECRET: SECRET, MOSAIC_MAX_RETRIES: "  " });
    expect(s).toMatchObject({
      requestTimeoutMs: DEFAULT_SETTINGS.requestTimeoutMs,
      maxRetries: DEFAULT_SETTINGS.maxRetries,
      maxRequestsPerSecond: DEFAULT_SETTINGS.maxRequestsPerSecond,
    });
    expect(DEFAULT_SETTINGS.maxRequestsPerSecond).toBeLessThan(90_000 / 60);
  });

  it("names the missing setting", () => {
    expect(configError(() => resolveSettings({ clientSecret: SECRET }, {})).message).toContain(
      "mosaic:clientId (or MOSAIC_CLIENT_ID) is required",
    );
    expect(configError(() => resolveSettings({ clientId: "a" }, {})).message).toContain(
      "mosaic:clientSecret (or MOSAIC_CLIENT_SECRET) is required",
    );
  });

  it("names invalid settings without echoing the secret", () => {
    expect(configError(() => resolveSettings({ ...creds, region: "mars" })).message).toMatch(
      /mosaic:region \(or MOSAIC_REGION\) must be one of us, eu, ca, au, sandbox/,
    );
    expect(configError(() => resolveSettings({ ...creds, apiUrl: "not a url" })).message).toMatch(/mosaic:apiUrl/);
    expect(configError(() => resolveSettings({ ...creds, apiUrl: `https://u:${SECRET}@h.example/cis` })).message).toMatch(
      /must not contain credentials/,
    );
    expect(configError(() => resolveSettings({ ...creds, region: "eu", apiUrl: "https://h.example/cis" })).message).toMatch(/both set/);
    expect(configError(() => resolveSettings(creds, { MOSAIC_MAX_REQUESTS_PER_SECOND: "fast" })).message).toMatch(
      /mosaic:maxRequestsPerSecond \(or MOSAIC_MAX_REQUESTS_PER_SECOND\) must be a number greater than 0/,
    );
    expect(configError(() => resolveSettings({ ...creds, maxRequestsPerSecond: 0 })).message).toMatch(/maxRequestsPerSecond/);
    expect(configError(() => resolveSettings({ ...creds, maxRequestsPerSecond: 5000 })).message).toMatch(/at most 1500/);
    expect(configError(() => resolveSettings({ ...creds, requestTimeoutMs: "12.5" })).message).toMatch(/requestTimeoutMs/);
    expect(configError(() => resolveSettings({ ...creds, maxRetries: 11 })).message).toMatch(/between 0 and 10/);
  });

  it("keeps the client secret out of inspect, JSON and spreads", () => {
    const s = resolveSettings(creds);
    expect(s.clientSecret).toBe(SECRET);
    expect(inspect(s)).not.toContain(SECRET);
    expect(inspect(s, { showHidden: true, getters: false })).not.toContain(SECRET);
    expect(JSON.stringify(s)).not.toContain(SECRET);
    expect(JSON.stringify({ ...s })).not.toContain(SECRET);
    expect(Object.isFrozen(s)).toBe(true);
  });
});

describe("transport security: https unless loopback or explicitly allowed", () => {
  it.each([
    "http://127.0.0.1:8080/cis",
    "http://127.9.9.9/cis",
    "http://localhost:3000/cis",
    "http://[::1]:8080/cis",
    "https://api.example.com/cis",
  ])("accepts %s", (apiUrl) => {
    expect(resolveSettings({ ...creds, apiUrl }).apiUrl).toBe(apiUrl);
  });

  it.each([
    ["apiUrl", { apiUrl: "http://api.example.com/cis" }],
    ["apiUrl", { apiUrl: "http://10.0.0.5/cis" }],
    ["apiUrl", { apiUrl: "http://app.localhost/cis" }],
    ["apiUrl", { apiUrl: "http://127.0.0.1.nip.io/cis" }],
    ["tokenUrl", { apiUrl: "https://api.example.com/cis", tokenUrl: "http://tokens.example.com/oidc/token" }],
  ])("refuses plain http to a host that is not loopback (%s: %o)", (name, settings) => {
    const err = configError(() => resolveSettings({ ...creds, ...settings }));
    expect(err.message).toContain(`mosaic:${name} (or MOSAIC_${name === "apiUrl" ? "API" : "TOKEN"}_URL) must use https`);
    expect(err.message).toContain("mosaic:allowInsecureHttp (or MOSAIC_ALLOW_INSECURE_HTTP)");
  });

  it("mosaic:allowInsecureHttp / MOSAIC_ALLOW_INSECURE_HTTP opt out, and only true or false is accepted", () => {
    const apiUrl = "http://api.example.com/cis";
    expect(resolveSettings({ ...creds, apiUrl, allowInsecureHttp: true }).allowInsecureHttp).toBe(true);
    expect(resolveSettings({ ...creds, apiUrl, allowInsecureHttp: "TRUE" }).apiUrl).toBe(apiUrl);
    expect(resolveSettings({ ...creds, apiUrl }, { MOSAIC_ALLOW_INSECURE_HTTP: "true" }).apiUrl).toBe(apiUrl);
    expect(resolveSettings(creds).allowInsecureHttp).toBe(false);
    configError(() => resolveSettings({ ...creds, apiUrl, allowInsecureHttp: "false" }));
    expect(configError(() => resolveSettings({ ...creds, allowInsecureHttp: "yes" })).message).toMatch(
      /mosaic:allowInsecureHttp \(or MOSAIC_ALLOW_INSECURE_HTTP\) must be true or false/,
    );
  });
});
