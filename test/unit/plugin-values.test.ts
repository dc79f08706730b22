// The plugin front end's adapters (plugin/values.ts, plugin/config.ts, check-config.ts, detailed-diff.ts): secret
// wrappers in and out, outputs that protobuf accepts, provider config from a ConfigureRequest read the way
// provider/context.ts reads stack config and validated as CheckConfig does, and per-property diff kinds.
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import { checkProviderConfig } from "../../plugin/check-config";
import { stackConfigFrom } from "../../plugin/config";
import { detailedDiff, PropertyDiffKind } from "../../plugin/detailed-diff";
import { typeOfUrn } from "../../plugin/server";
import { clean, isSecret, secret, secretKeys, unwrap, withSecrets } from "../../plugin/values";

describe("plugin values", () => {
  it("unwraps secrets at any depth and names the top-level properties that held one", () => {
    const props = { name: "web", nested: { list: [secret("a"), "b"] }, token: secret(secret("t")) };
    expect(unwrap(props)).toEqual({ name: "web", nested: { list: ["a", "b"] }, token: "t" });
    expect(secretKeys(props)).toEqual(["nested", "token"]);
    expect(secretKeys(undefined)).toEqual([]);
  });

  it("cleans undefined away so Struct.fromJavaScript never throws after a create", () => {
    const outs = { id: "x", missing: undefined, nested: { gone: undefined, kept: 1 }, list: [1, undefined] };
    expect(() => structproto.Struct.fromJavaScript(outs as never)).toThrow(/Unexpected struct type/);
    expect(clean(outs)).toEqual({ id: "x", nested: { kept: 1 }, list: [1, null] });
    expect(() => structproto.Struct.fromJavaScript(clean(outs) as never)).not.toThrow();
  });

  it("wraps the named outputs as secrets once, leaving absent and null ones alone", () => {
    const outs = withSecrets({ clientSecret: "s", already: secret("a"), empty: null, other: 1 }, [
      "clientSecret",
      "already",
      "empty",
      "absent",
    ]);
    expect(isSecret(outs.clientSecret) && outs.clientSecret.value).toBe("s");
    expect(outs.already).toEqual(secret("a"));
    expect(outs).toMatchObject({ empty: null, other: 1 });
    expect(outs).not.toHaveProperty("absent");
  });

  it("reads the type token from a URN, parents included", () => {
    expect(typeOfUrn("urn:pulumi:dev::proj::mosaic:index:Client::web")).toBe("mosaic:index:Client");
    expect(typeOfUrn("urn:pulumi:dev::proj::my:Component$mosaic:index:Application::app")).toBe("mosaic:index:Application");
  });
});

describe("plugin config", () => {
  it("takes args by bare name (secrets unwrapped, numbers as text), then variables, and only mosaic: keys", () => {
    const variables = new Map([
      ["mosaic:config:region", "eu"],
      ["mosaic:config:clientId", "from-variables"],
      ["other:config:clientId", "not ours"],
    ]);
    const config = stackConfigFrom({ clientId: "from-args", clientSecret: secret("s3cret"), maxRetries: 2 }, variables);
    expect(config.get("mosaic:clientId")).toBe("from-args");
    expect(config.get("mosaic:clientSecret")).toBe("s3cret");
    expect(config.get("mosaic:maxRetries")).toBe("2");
    expect(config.get("mosaic:region")).toBe("eu");
    expect(config.get("mosaic:apiUrl")).toBeUndefined();
    expect(config.get("other:clientId")).toBeUndefined();
    expect(stackConfigFrom(undefined, new Map([["mosaic:apiUrl", "http://127.0.0.1:1/cis"]])).get("mosaic:apiUrl")).toBe(
      "http://127.0.0.1:1/cis",
    );
  });
});

describe("plugin CheckConfig", () => {
  const valid = { apiUrl: "http://127.0.0.1:4000/cis", clientId: "mgmt", clientSecret: secret("s3cret-value") };
  const reasons = (news: Record<string, unknown>, env: Record<string, string> = {}) =>
    checkProviderConfig(news, env).map((failure) => {
      expect(failure.property).toBe("");
      return failure.reason;
    });

  it("passes valid settings, from config or from the MOSAIC_* environment", () => {
    expect(checkProviderConfig(valid, {})).toEqual([]);
    expect(checkProviderConfig({ region: "EU" }, { MOSAIC_CLIENT_ID: "mgmt", MOSAIC_CLIENT_SECRET: "s3cret-value" })).toEqual([]);
  });

  it("names the mosaic: key and what to do for a bad region, a bad apiUrl and missing credentials, never the secret", () => {
    expect(reasons({ ...valid, apiUrl: undefined, region: "mars" })).toEqual([
      expect.stringMatching(/mosaic:region \(or MOSAIC_REGION\) must be one of us, eu, ca, au, sandbox; got "mars".*\[MOSAIC_CONFIG\]/),
    ]);
    expect(reasons({ ...valid, apiUrl: "127.0.0.1:4000/cis" })).toEqual([
      expect.stringMatching(/mosaic:apiUrl \(or MOSAIC_API_URL\) must be an absolute http\(s\) URL.*\[MOSAIC_CONFIG\]/),
    ]);
    expect(reasons({ ...valid, clientSecret: undefined })).toEqual([
      expect.stringMatching(
        /mosaic:clientSecret \(or MOSAIC_CLIENT_SECRET\) is required\. Set it with `pulumi config set --secret mosaic:clientSecret`/,
      ),
    ]);
    expect(reasons({ apiUrl: valid.apiUrl })).toEqual([expect.stringMatching(/mosaic:clientId \(or MOSAIC_CLIENT_ID\) is required/)]);
    const both = reasons({ ...valid, region: "eu", clientSecret: secret("s3cret-value") });
    expect(both).toEqual([expect.stringMatching(/mosaic:region and mosaic:apiUrl are both set; set only one/)]);
    expect(both.join()).not.toContain("s3cret-value");
  });

  it("leaves settings that are unknown at preview to Configure", () => {
    expect(checkProviderConfig({ ...valid, apiUrl: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, {})).toEqual([]);
  });
});

describe("plugin detailed diff", () => {
  it("marks each changed field added, deleted or updated, and the ones that replace", () => {
    const olds = { name: "web", description: "old", authenticationProtocol: "oidc", clientId: "c1" };
    const news = { name: "web2", loginUri: "https://a.example/login", authenticationProtocol: "saml" };
    const kinds = detailedDiff(olds, news, ["name", "description", "loginUri", "authenticationProtocol"], ["authenticationProtocol"]);
    expect(Object.fromEntries(kinds)).toEqual({
      name: PropertyDiffKind.UPDATE,
      description: PropertyDiffKind.DELETE,
      loginUri: PropertyDiffKind.ADD,
      authenticationProtocol: PropertyDiffKind.UPDATE_REPLACE,
    });
    expect(Object.fromEntries(detailedDiff({}, { a: 1 }, ["a"], ["a"]))).toEqual({ a: PropertyDiffKind.ADD_REPLACE });
    expect(Object.fromEntries(detailedDiff({ a: 1 }, {}, ["a"], ["a"]))).toEqual({ a: PropertyDiffKind.DELETE_REPLACE });
    expect(detailedDiff(olds, olds, [], []).size).toBe(0);
  });
});
