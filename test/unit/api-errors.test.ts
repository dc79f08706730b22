import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { MosaicApiError } from "../../provider/api";
import { errorFromStatus, errorFromTransport, parseApiErrorBody } from "../../provider/api/classify";
import { normaliseApiMessages } from "../../provider/api/errors";
import { safeLogger } from "../../provider/api/logger";
import { redactText, redactValue, rememberSecret } from "../../provider/api/redaction";
import { resetSharedStateForTests } from "../../provider/api/testing";
import { TransportFailure, classifyTransportError } from "../../provider/api/transport";

afterEach(() => resetSharedStateForTests());

const ctx = { operation: "applications.get", method: "GET" as const, route: "/v1/applications/:appId", attempts: 1 };

describe("error classification by status", () => {
  it.each([
    [400, "MOSAIC_VALIDATION"],
    [401, "MOSAIC_AUTH"],
    [403, "MOSAIC_FORBIDDEN"],
    [404, "MOSAIC_NOT_FOUND"],
    [409, "MOSAIC_CONFLICT"],
    [429, "MOSAIC_RATE_LIMITED"],
    [500, "MOSAIC_UNAVAILABLE"],
    [503, "MOSAIC_UNAVAILABLE"],
    [418, "MOSAIC_UNEXPECTED_STATUS"],
  ])("%i → %s", (status, code) => {
    const err = errorFromStatus(status, "", ctx);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.operation).toBe("applications.get");
    expect(err.message).toContain("applications.get");
    expect(err.message).toContain(code);
  });

  it("normalises message: string | string[] and keeps error_code / ts_error_code", () => {
    const e400 = errorFromStatus(
      400,
      JSON.stringify({ message: ["app_name must be a string", "redirect_uris must be an array"], error_code: 400 }),
      ctx,
    );
    expect(e400.messages).toEqual(["app_name must be a string", "redirect_uris must be an array"]);
    expect(e400.apiErrorCode).toBe(400);
    const e409 = errorFromStatus(
      409,
      JSON.stringify({ message: "Identifier is taken", error_code: 409, ts_error_code: "APP_NAME_TAKEN" }),
      ctx,
    );
    expect(e409.messages).toEqual(["Identifier is taken"]);
    expect(e409.tsErrorCode).toBe("APP_NAME_TAKEN");
    expect(e409.message).toMatch(/importId/);
    expect(normaliseApiMessages(undefined)).toEqual([]);
    expect(normaliseApiMessages(["a", 3, ""])).toEqual(["a"]);
    expect(parseApiErrorBody("<html>bad gateway</html>").messages).toEqual([]);
  });

  it("says what to do", () => {
    expect(errorFromStatus(403, "", ctx).message).toMatch(/Admin role/);
    expect(errorFromStatus(401, "", ctx).message).toMatch(/Management Application/);
    expect(errorFromStatus(429, "", { ...ctx, budgetExhausted: true }).message).toMatch(/retry budget is exhausted/);
  });
});

describe("transport error classification", () => {
  const c = (err: unknown, extra: Partial<{ deadlineHit: boolean; callerAborted: boolean }> = {}) =>
    classifyTransportError(err, { deadlineHit: false, callerAborted: false, ...extra });
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it("knows which failures never left the machine", () => {
    expect(c(withCode("ECONNREFUSED")).sent).toBe("no");
    expect(c(withCode("UND_ERR_CONNECT_TIMEOUT"))).toMatchObject({ sent: "no", timeout: true });
    expect(c(new AggregateError([withCode("ECONNREFUSED")]))).toMatchObject({ sent: "no", code: "ECONNREFUSED" });
    expect(c(withCode("ENOTFOUND"))).toMatchObject({ sent: "no", permanent: true });
  });
  it("treats resets and timeouts after sending as ambiguous", () => {
    expect(c(withCode("UND_ERR_SOCKET")).sent).toBe("maybe");
    expect(c(withCode("ECONNRESET")).sent).toBe("maybe");
    expect(c(withCode("UND_ERR_HEADERS_TIMEOUT"))).toMatchObject({ sent: "maybe", timeout: true });
    expect(c(new Error("x"), { deadlineHit: true })).toMatchObject({ sent: "maybe", timeout: true, code: "DEADLINE" });
    expect(c(new Error("x"), { callerAborted: true })).toMatchObject({ permanent: true, abortedByCaller: true });
  });
  it("maps to MOSAIC_TIMEOUT / MOSAIC_NETWORK and flags possibly-applied writes", () => {
    const timeout = errorFromTransport(c(withCode("UND_ERR_HEADERS_TIMEOUT")), { ...ctx, method: "PUT" }, 5000);
    expect(timeout).toMatchObject({ code: "MOSAIC_TIMEOUT", mayHaveBeenApplied: true, causeCode: "UND_ERR_HEADERS_TIMEOUT" });
    expect(timeout.message).toMatch(/requestTimeoutMs/);
    const refused = errorFromTransport(c(withCode("ECONNREFUSED")), { ...ctx, method: "POST" }, 5000);
    expect(refused).toMatchObject({ code: "MOSAIC_NETWORK", mayHaveBeenApplied: false });
    expect(refused.message).toMatch(/apiUrl/);
  });
});

describe("MosaicApiError", () => {
  const make = () => new MosaicApiError({ code: "MOSAIC_NOT_FOUND", operation: "clients.get", summary: "gone.", status: 404 });

  it("has a stable code, a brand that works across copies, and instanceof", () => {
    const err = make();
    expect(err.name).toBe("MosaicApiError");
    expect(err.stack?.startsWith("MosaicApiError: ")).toBe(true);
    expect(MosaicApiError.isInstance(err)).toBe(true);
    expect(err instanceof MosaicApiError).toBe(true);
    expect(err instanceof Error).toBe(true);
    // What another copy of the package would produce: a different class, the same Symbol.for brand.
    const foreign = Object.defineProperty(new Error("x"), Symbol.for("pulumi-mosaic.MosaicApiError"), { value: true });
    expect(MosaicApiError.isInstance(foreign)).toBe(true);
    expect(MosaicApiError.isInstance(new Error("x"))).toBe(false);
    expect(MosaicApiError.isInstance(null)).toBe(false);
  });

  it("never shows secrets in message, stack, inspect or JSON", () => {
    const secret = "sup3r-s3cret-client-secret";
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abcdefghijk";
    rememberSecret(secret);
    const cause = Object.assign(new Error(`socket closed; body client_secret=${secret}`), {
      headers: { authorization: `Bearer ${token}` },
    });
    const err = new MosaicApiError({
      code: "MOSAIC_VALIDATION",
      operation: "clients.create",
      summary: `rejected (Authorization: Bearer ${token})`,
      apiMessages: [`client_secret ${secret} is invalid`, `{"access_token":"${token}"}`],
      cause,
    });
    for (const view of [err.message, err.stack ?? "", inspect(err, { depth: 10, showHidden: false }), JSON.stringify(err), String(err)]) {
      expect(view).not.toContain(secret);
      expect(view).not.toContain(token);
    }
    expect(err.messages.join(" ")).toContain("[REDACTED]");
  });
});

describe("redaction", () => {
  it("masks remembered values and credential patterns", () => {
    rememberSecret("remembered-secret-1");
    expect(redactText("x remembered-secret-1 y")).toBe("x [REDACTED] y");
    expect(redactText("Authorization: Bearer abc.def-ghi")).not.toContain("abc.def-ghi");
    expect(redactText("grant_type=client_credentials&client_id=id&client_secret=hunter2hunter")).not.toContain("hunter2hunter");
    expect(redactText('{"client_secret": "abcdef123", "name": "web"}')).toBe('{"client_secret": "[REDACTED]", "name": "web"}');
    expect(redactText("access_token: tok_123456")).not.toContain("tok_123456");
    expect(redactText("nothing secret here")).toBe("nothing secret here");
  });
  it("redacts structured values by key", () => {
    expect(redactValue({ route: "/v1/applications", client_secret: "x", nested: { authorization: "Bearer y", ok: 1 } })).toEqual({
      route: "/v1/applications",
      client_secret: "[REDACTED]",
      nested: { authorization: "[REDACTED]", ok: 1 },
    });
  });
  it("wraps loggers: redacts lines and fields, swallows logger failures", () => {
    const lines: string[] = [];
    rememberSecret("tok-remembered-123");
    const log = safeLogger({
      warn: (m: string, f?: unknown) => lines.push(`${m} ${JSON.stringify(f)}`),
      info: () => {
        throw new Error("boom");
      },
    });
    log.warn("saw tok-remembered-123", { token: "abc", route: "/x" });
    expect(() => log.info("x")).not.toThrow();
    expect(lines.join("\n")).not.toContain("tok-remembered-123");
    expect(lines.join("\n")).not.toContain('"abc"');
  });
  it("TransportFailure is not exported as a user-facing error", () => {
    expect(new TransportFailure("x", { code: "A", sent: "no" }).name).toBe("TransportFailure");
  });
});
