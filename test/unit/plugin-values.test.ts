// The plugin front end's adapters (plugin/values.ts, plugin/config.ts): secret wrappers in and out, outputs that
// protobuf accepts, and provider config from a ConfigureRequest read the way provider/context.ts reads stack config.
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import { stackConfigFrom } from "../../plugin/config";
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
