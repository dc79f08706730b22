import { describe, expect, it } from "vitest";
import { fromApi, toApi } from "../../provider/resources/field-mapping";
import { applicationFields } from "../../provider/resources/application/fields";
import { clientFields } from "../../provider/resources/client/fields";

describe("field mapping", () => {
  it("maps per field, leaving API keys that are already camelCase and opaque JSON untouched", () => {
    const jwks = { keys: [{ kty: "RSA", n: "abc", e: "AQAB", use_case: "kept_as_is" }] };
    expect(
      toApi(clientFields, {
        applicationId: "app1",
        secretRotationTrigger: "v1",
        deviceAuthorization: {
          enabled: true,
          approvalUri: "https://a.example",
          successUri: "https://s.example",
          inputUri: "https://i.example",
        },
        authenticationConfiguration: { method: "private_key_jwt", isMtlsCertTokenBound: true, jwks },
      }),
    ).toEqual({
      device_authorization: {
        enabled: true,
        approval_uri: "https://a.example",
        success_uri: "https://s.example",
        input_uri: "https://i.example",
      },
      authentication_configuration: { method: "private_key_jwt", isMtlsCertTokenBound: true, jwks },
    });
    expect(toApi(applicationFields, { refreshTokenInvalidationTriggerConfiguration: { invalidateOnMemberSuspension: false } })).toEqual({
      refresh_token_invalidation_trigger_configuration: { invalidateOnMemberSuspension: false },
    });
  });

  it("reads back only what the user manages, keeping write-only and local values from the inputs", () => {
    const server = {
      name: "web",
      description: "changed in the portal",
      client_secret: "never-an-input",
      token_expiration: { access_token_ttl: 60, refresh_token_ttl: 120, max_refresh_rotate: 999 },
    };
    const managed = { applicationId: "app1", name: "web", tokenExpiration: { accessTokenTtl: 60 }, roleIds: ["r1"] };
    expect(fromApi(clientFields, server, managed)).toEqual({
      applicationId: "app1",
      name: "web",
      tokenExpiration: { accessTokenTtl: 60 },
      roleIds: ["r1"],
    });
  });

  it("compares custom_domain by its domain: a string in, an object out", () => {
    const server = { custom_domain: { domain: "login.example.com", status: "pending", updated_at: "x" } };
    expect(fromApi(applicationFields, server, { customDomain: "login.example.com" })).toEqual({ customDomain: "login.example.com" });
  });
});
