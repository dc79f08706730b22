import { describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/resources/check";
import { applicationFields } from "../../provider/resources/application/fields";
import { clientFields } from "../../provider/resources/client/fields";
import { clientRules } from "../../provider/resources/client/rules";
import { UNKNOWN } from "../../provider/resources/unknown";

const validOidc = { applicationId: "app1", name: "web", redirectUris: ["https://portal.example.com/callback"] };
const checkClient = (inputs: Record<string, unknown>) => checkInputs(clientFields, inputs, clientRules).failures;

describe("check", () => {
  it("accepts valid inputs and drops __provider", () => {
    const outcome = checkInputs(clientFields, { ...validOidc, __provider: "code" }, clientRules);
    expect(outcome.failures).toEqual([]);
    expect(outcome.inputs).not.toHaveProperty("__provider");
  });

  it("names the property and the problem for wrong types, bad enums and bad URLs", () => {
    const failures = checkClient({
      ...validOidc,
      name: 42,
      clientType: "desktop",
      deviceAuthorization: { enabled: true, approvalUri: "not a url", successUri: "https://x.example/s", inputUri: "https://x.example/i" },
      redirectUris: ["https://ok.example/cb", "nope"],
    });
    expect(failures).toEqual(
      expect.arrayContaining([
        { property: "name", reason: "must be a string" },
        { property: "clientType", reason: 'must be one of: "web", "native"' },
        { property: "deviceAuthorization.approvalUri", reason: expect.stringContaining("absolute URL") },
        { property: "redirectUris[1]", reason: expect.stringContaining("absolute URL") },
      ]),
    );
    expect(failures).toHaveLength(4);
  });

  it("reports missing required fields, including the ones that depend on the protocol", () => {
    expect(checkClient({ applicationId: "app1" })).toEqual(
      expect.arrayContaining([
        { property: "name", reason: "is required" },
        { property: "redirectUris", reason: 'is required when authenticationProtocol is "oidc"' },
      ]),
    );
    expect(checkClient({ applicationId: "app1", name: "sso", authenticationProtocol: "saml" })).toEqual([
      { property: "spEntityId", reason: 'is required when authenticationProtocol is "saml"' },
    ]);
    expect(checkInputs(applicationFields, {}).failures).toEqual([{ property: "appName", reason: "is required" }]);
  });

  it("rejects fields of the other protocol", () => {
    expect(checkClient({ ...validOidc, spEntityId: "urn:sp" })).toEqual([
      { property: "spEntityId", reason: expect.stringContaining('only applies to SAML clients, but authenticationProtocol is "oidc"') },
    ]);
    expect(
      checkClient({
        applicationId: "a",
        name: "s",
        authenticationProtocol: "saml",
        spEntityId: "urn:sp",
        redirectUris: ["https://x.example"],
      }),
    ).toEqual([{ property: "redirectUris", reason: expect.stringContaining("only applies to OIDC clients") }]);
  });

  it("suggests the right spelling for an unknown property", () => {
    expect(checkClient({ ...validOidc, redirectUri: ["https://x.example"] })).toEqual([
      { property: "redirectUri", reason: 'is not a known property; did you mean "redirectUris"?' },
    ]);
  });

  it("lets preview-time unknowns through, whatever the expected type", () => {
    const failures = checkClient({
      applicationId: UNKNOWN,
      name: "web",
      redirectUris: [UNKNOWN, "https://ok.example/cb"],
      tokenExpiration: UNKNOWN,
      deviceAuthorization: { enabled: UNKNOWN, approvalUri: UNKNOWN, successUri: "https://x.example/s", inputUri: "https://x.example/i" },
    });
    expect(failures).toEqual([]);
    expect(checkClient({ applicationId: "a", name: "s", authenticationProtocol: UNKNOWN })).toEqual([]);
  });

  it("never echoes an input value in a failure (values may be secrets)", () => {
    const secretish = "s3cr3t-value-that-must-not-leak";
    const failures = checkClient({
      ...validOidc,
      name: { secretish },
      consentUri: secretish,
      clientType: secretish,
      redirectUris: [secretish],
    });
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(failures)).not.toContain(secretish);
  });
});
