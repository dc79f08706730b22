// The emulator's copy of the vendor's request schemas is current, and the document's known inconsistencies
// (handled explicitly, see test/contract/support/spec-inconsistencies.ts) are still there: if the vendor fixes one, this
// fails so the workaround can go.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOpenApiDocument } from "./support/openapi-document";
import { createOpenApiContract } from "./support/openapi-contract";
import { generatedModulePath, renderRequestSchemasModule } from "./support/generate-openapi-schemas";
import { SPEC_INCONSISTENCIES } from "./support/spec-inconsistencies";
import { VENDOR_OPENAPI_PATH } from "./support/openapi-document";

const REPO_ROOT = path.resolve(__dirname, "../..");
const doc = loadOpenApiDocument(VENDOR_OPENAPI_PATH);

describe("emulator request schemas", () => {
  it("emulator/openapi-schemas.ts is exactly what the generator renders from the vendor's document", () => {
    const target = generatedModulePath(REPO_ROOT);
    const rendered = renderRequestSchemasModule(doc);
    // UPDATE_OPENAPI_SCHEMAS=1 regenerates the committed module after the vendor's document changed.
    if (process.env.UPDATE_OPENAPI_SCHEMAS === "1") writeFileSync(target, rendered);
    expect(
      readFileSync(target, "utf8") === rendered,
      "emulator/openapi-schemas.ts is stale: run " +
        "`UPDATE_OPENAPI_SCHEMAS=1 bash scripts/test.sh --project contract test/contract/emulator-schemas`",
    ).toBe(true);
  });
});

describe("known inconsistencies in the vendor's OpenAPI document", () => {
  for (const inconsistency of SPEC_INCONSISTENCIES) {
    it(`${inconsistency.id} is still present (emulator: ${inconsistency.emulatorChoice})`, () => {
      expect(inconsistency.present(doc), inconsistency.finding).toBe(true);
    });
  }

  it("the patched contract accepts push.apn in its documented array form, which the raw document cannot", () => {
    const contract = createOpenApiContract(doc);
    const apn = { key: "k", keyId: "i", teamId: "t", bundle: "b" };
    expect(contract.schemaErrors("PushConfiguration", { apn: [apn] })).toEqual([]);
    expect(contract.schemaErrors("PushConfiguration", { apn })).toEqual([]);
  });

  it('response_types "none" stays outside the item enum in validation (the default keyword is not a rule)', () => {
    const contract = createOpenApiContract(doc);
    const errors = contract.schemaErrors("ApiOidcClient", { response_types: ["none"] });
    expect(errors.some((e) => e.includes("/response_types/0"))).toBe(true);
  });
});

describe("the contract validator itself", () => {
  const contract = createOpenApiContract(doc);

  it("maps concrete paths to the document's templates, literals first", () => {
    expect(contract.templateFor("GET", "/v1/applications/list")).toBe("/v1/applications/list");
    expect(contract.templateFor("GET", "/v1/applications/abc")).toBe("/v1/applications/{appId}");
    expect(contract.templateFor("PUT", "/v1/applications/a/clients/b/resources")).toBe(
      "/v1/applications/{appId}/clients/{clientId}/resources",
    );
    expect(contract.templateFor("GET", "/v1/nothing")).toBeUndefined();
  });

  it("rejects responses missing required fields, with bad formats or in the wrong envelope", () => {
    const minimal = { app_id: "a", tenant_id: "t", app_name: "n", app_description: "", logo: "" };
    expect(contract.checkResponse("GET", "/v1/applications/{appId}", 200, { result: minimal }).errors.join()).toContain(
      "login_preferences",
    );
    expect(contract.checkResponse("GET", "/v1/applications/{appId}", 200, minimal).errors.join()).toContain("result");
    expect(contract.schemaErrors("ApiCustomDomainOutput", { domain: "d", updated_at: "yesterday" }).join()).toContain("format");
    expect(contract.checkResponse("DELETE", "/v1/applications/{appId}", 204, { x: 1 }).errors).not.toEqual([]);
  });

  it("holds undeclared statuses to the documented error shapes", () => {
    const check = contract.checkResponse("GET", "/v1/applications", 401, { message: "Invalid token", error_code: 401 });
    expect(check).toEqual({ declared: false, errors: [] });
    expect(contract.checkResponse("PUT", "/v1/applications/{appId}", 409, { message: "x", error_code: 409 }).errors).not.toEqual([]);
  });
});
