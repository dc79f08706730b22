import { describe, expect, it } from "vitest";
import { MosaicApiError } from "../../provider/api";
import {
  parseApplication,
  parseApplicationList,
  parseBasicApplicationList,
  parseClient,
  parseClientList,
  unwrapResult,
} from "../../provider/api/schemas";

function invalid(fn: () => unknown): MosaicApiError {
  try {
    fn();
  } catch (e) {
    expect(MosaicApiError.isInstance(e)).toBe(true);
    expect((e as MosaicApiError).code).toBe("MOSAIC_INVALID_RESPONSE");
    return e as MosaicApiError;
  }
  throw new Error("expected MOSAIC_INVALID_RESPONSE");
}

describe("response schemas", () => {
  it("unwraps {result} for apps and accepts bare objects too", () => {
    expect(parseApplication({ result: { app_id: "a1", app_name: "x" } }, "t").app_id).toBe("a1");
    expect(parseApplication({ app_id: "a1" }, "t").app_id).toBe("a1");
    expect(parseClient({ client_id: "c1", name: "web" }, "t").name).toBe("web");
    expect(parseClient({ result: { client_id: "c1" } }, "t").client_id).toBe("c1");
    expect(parseApplicationList({ result: [{ app_id: "a" }, { app_id: "b" }] }, "t")).toHaveLength(2);
    expect(parseClientList([{ client_id: "c" }], "t")).toHaveLength(1);
    expect(parseBasicApplicationList({ result: [{ app_id: "a", app_name: "n" }] }, "t")[0]?.app_name).toBe("n");
    expect(unwrapResult([1])).toEqual([1]);
  });

  it("keeps unknown fields and tolerates unknown enum values", () => {
    const client = parseClient(
      {
        client_id: "c1",
        authentication_protocol: "oauth3",
        response_types: ["code", "none", "future"],
        client_type: "spaceship",
        brand_new_field: { nested: true },
        device_authorization: { enabled: false, new_key: 1 },
      },
      "clients.get",
    );
    expect(client.authentication_protocol).toBe("oauth3");
    expect(client.response_types).toEqual(["code", "none", "future"]);
    expect((client as Record<string, unknown>).brand_new_field).toEqual({ nested: true });
    expect((client.device_authorization as Record<string, unknown>).new_key).toBe(1);
    const app = parseApplication(
      { result: { app_id: "a", custom_domain: { domain: "x.example", status: "weird" }, application_type: "new" } },
      "t",
    );
    expect(app.custom_domain?.status).toBe("weird");
  });

  it("fails clearly when an id is missing, without echoing values", () => {
    const secret = "client-secret-must-not-appear";
    const err = invalid(() => parseClient({ name: "web", client_secret: secret }, "clients.create"));
    expect(err.message).toMatch(/has no client_id/);
    expect(err.message).toContain("clients.create");
    expect(err.message).not.toContain(secret);
    expect(invalid(() => parseApplication({ result: { app_name: "x" } }, "applications.get")).message).toMatch(/no app_id/);
    expect(invalid(() => parseApplication({ result: { app_id: "" } }, "t")).message).toMatch(/no app_id/);
    invalid(() => parseApplicationList({ result: {} }, "t"));
    invalid(() => parseClient([], "t"));
    invalid(() => parseClient(undefined, "t"));
  });

  it("names the path of a mistyped field, not its value", () => {
    const err = invalid(() =>
      parseClient({ client_id: "c1", redirect_uris: "https://secret.example/cb", client_secret: 42 }, "clients.get"),
    );
    expect(err.message).toMatch(/redirect_uris/);
    expect(err.message).not.toContain("secret.example");
  });
});
