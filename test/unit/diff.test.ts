import { describe, expect, it } from "vitest";
import { diffInputs, fieldsToConverge } from "../../provider/resources/diff";
import { clientFields } from "../../provider/resources/client/fields";
import { clientHandlers } from "../../provider/resources/client/handlers";
import { UNKNOWN } from "../../provider/resources/unknown";

// diff runs at preview: it must decide without the API, so any call fails the test.
const offline = (): never => {
  throw new Error("diff must not call the API");
};
const client = clientHandlers({ api: offline, clients: offline, log: { info: offline, warn: offline } });

const base = {
  applicationId: "app1",
  name: "web",
  authenticationProtocol: "oidc",
  redirectUris: ["https://portal.example.com/callback"],
  tokenExpiration: { accessTokenTtl: 3600, refreshTokenTtl: 86400 },
  roleIds: ["r1"],
};
// Old outputs hold the managed inputs plus server fields, which must never count as changes.
const olds = { ...base, clientId: "c1", clientSecret: "secret", createdAt: "2026-01-01T00:00:00Z", __provider: "x" };

describe("diff", () => {
  it("finds no change when only server outputs differ from the inputs", () => {
    expect(diffInputs(clientFields, olds, { ...base, __provider: "y" })).toEqual({ changed: [], replaces: [], toSend: [] });
  });

  it("treats a nested object as one value that is sent whole", () => {
    const result = diffInputs(clientFields, olds, { ...base, tokenExpiration: { accessTokenTtl: 7200, refreshTokenTtl: 86400 } });
    expect(result).toEqual({ changed: ["tokenExpiration"], replaces: [], toSend: ["tokenExpiration"] });
  });

  it("replaces on create-only fields and the rotation trigger, and deletes first when the name stays", async () => {
    expect(await client.diff("app1/c1", olds, { ...base, authenticationProtocol: "saml" })).toEqual({
      changes: true,
      replaces: ["authenticationProtocol"],
      deleteBeforeReplace: true,
      diffs: ["authenticationProtocol"],
    });
    expect(await client.diff("app1/c1", olds, { ...base, secretRotationTrigger: "2026-11", name: "web-v2" })).toEqual({
      changes: true,
      replaces: ["secretRotationTrigger"],
      deleteBeforeReplace: false,
      diffs: ["name", "secretRotationTrigger"],
    });
    expect(await client.diff("app1/c1", olds, { ...base, applicationId: "app2" })).toMatchObject({
      replaces: ["applicationId"],
      deleteBeforeReplace: false,
    });
  });

  it("counts unknown values as changes", () => {
    expect(diffInputs(clientFields, olds, { ...base, applicationId: UNKNOWN }).replaces).toEqual(["applicationId"]);
    expect(diffInputs(clientFields, olds, { ...base, redirectUris: [UNKNOWN] }).toSend).toEqual(["redirectUris"]);
  });

  it("stops managing a removed field without sending anything", () => {
    const { roleIds: _removed, ...withoutRoles } = base;
    expect(diffInputs(clientFields, olds, withoutRoles)).toEqual({ changed: ["roleIds"], replaces: [], toSend: [] });
  });

  it("always sends write-only fields when adopting, since the server never shows them", () => {
    expect(fieldsToConverge(clientFields, base, base)).toEqual(["roleIds"]);
  });
});
