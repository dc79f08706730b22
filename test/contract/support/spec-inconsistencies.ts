// The places where the vendor's OpenAPI document contradicts itself (or the vendor's own docs), and what the
// emulator does about each. The contract tests assert every entry is still present in the document, so a fixed
// document shows up as a failing test instead of a silently stale workaround; `patch` edits the copy the contract
// tests validate against and the request schemas the emulator validates with (generate-openapi-schemas.ts), so
// both follow what the vendor evidently intended.
import type { JsonObject, OpenApiDocument } from "./openapi-document";

export interface SpecInconsistency {
  id: string;
  /** What the document says. */
  finding: string;
  /** What the emulator does. */
  emulatorChoice: string;
  /** True while the document still has the problem. */
  present(doc: OpenApiDocument): boolean;
  /** Edits a copy of the document so validation means what the vendor evidently intended. */
  patch?(doc: OpenApiDocument): void;
}

function schema(doc: OpenApiDocument, name: string): JsonObject {
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`component schema ${name} is missing`);
  return found;
}

function property(doc: OpenApiDocument, name: string, prop: string): JsonObject {
  const props = schema(doc, name).properties as Record<string, JsonObject> | undefined;
  const found = props?.[prop];
  if (!found) throw new Error(`${name}.${prop} is missing`);
  return found;
}

export const SPEC_INCONSISTENCIES: readonly SpecInconsistency[] = [
  {
    id: "oidc-client-response-types-default",
    finding: 'ApiOidcClient.response_types defaults to ["code","id_token","none"], but its item enum is only code, id_token.',
    emulatorChoice:
      'Returns the request schema\'s default ["code","id_token"], which is inside the enum. The default keyword is ' +
      "not a validation rule, so the contract validation keeps the enum as is.",
    present: (doc) => {
      const prop = property(doc, "ApiOidcClient", "response_types");
      const items = prop.items as JsonObject;
      return Array.isArray(prop.default) && (prop.default as unknown[]).includes("none") && !(items.enum as unknown[]).includes("none");
    },
  },
  {
    id: "push-apn-stray-items",
    finding:
      "PushConfiguration.apn is oneOf [APNConfiguration, array of APNConfiguration] but also carries `items: {type: string}`, " +
      "which makes the array form unsatisfiable under JSON Schema.",
    emulatorChoice:
      "Returns apn as a single object. The contract validation drops the stray `items` so the documented array form stays valid.",
    present: (doc) => {
      const apn = property(doc, "PushConfiguration", "apn");
      return apn.items !== undefined && apn.oneOf !== undefined && apn.type === undefined;
    },
    patch: (doc) => {
      delete property(doc, "PushConfiguration", "apn").items;
    },
  },
  {
    id: "samesite-strict-only-in-description",
    finding: 'short_cookies_samesite_type\'s description lists "none", "lax", "strict", but its enum is only lax, none.',
    emulatorChoice: 'Follows the enum: "strict" is a 400 (bad enum value).',
    present: (doc) => {
      const prop = property(doc, "ApiCreateOidcClientInput", "short_cookies_samesite_type");
      return String(prop.description).includes("strict") && !(prop.enum as unknown[]).includes("strict");
    },
  },
  {
    id: "tls-distinguished-name-is-a-number",
    finding: "TlsClientAuth.distinguished_name is typed number, with the description of an OTP code length (copy-paste error).",
    emulatorChoice:
      'Takes a string, a distinguished name such as "CN=client,O=Example" (a number is a 400); the provider and its docs ' +
      "use a string too. Listed in emulator/README.md.",
    present: (doc) => property(doc, "TlsClientAuth", "distinguished_name").type === "number",
    patch: (doc) => {
      property(doc, "TlsClientAuth", "distinguished_name").type = "string";
    },
  },
  {
    id: "create-app-requires-deprecated-client-display-name",
    finding: "ApiCreateAppInput requires client_display_name although the field is marked deprecated.",
    emulatorChoice: "Requires it on create (400 when missing); it names the default client.",
    present: (doc) => {
      const create = schema(doc, "ApiCreateAppInput");
      const prop = property(doc, "ApiCreateAppInput", "client_display_name");
      return (create.required as string[]).includes("client_display_name") && prop.deprecated === true;
    },
  },
  {
    id: "app-logo-required-only-in-response",
    finding: "ApiApp requires logo in responses, but logo is optional on create.",
    emulatorChoice: 'Returns "" when no logo was set.',
    present: (doc) =>
      (schema(doc, "ApiApp").required as string[]).includes("logo") &&
      !(schema(doc, "ApiCreateAppInput").required as string[]).includes("logo"),
  },
  {
    id: "update-app-accepts-first-client",
    finding: "ApiUpdateAppInput has first_client and first_client_authentication_protocol, whose effect on update is undocumented.",
    emulatorChoice: "Validates them and otherwise ignores them on update (never returned).",
    present: (doc) => {
      const props = schema(doc, "ApiUpdateAppInput").properties as JsonObject;
      return "first_client" in props && "first_client_authentication_protocol" in props;
    },
  },
  {
    id: "token-url-relative-to-cis",
    finding: "The security schemes declare tokenUrl /oidc/token relative to servers that end in /cis.",
    emulatorChoice: "Serves the token endpoint at the host root (/oidc/token), as the token reference and guides do.",
    present: (doc) => {
      const servers = (doc.servers as { url: string }[] | undefined) ?? [];
      const scheme = doc.components.securitySchemes?.AdminAccessToken as JsonObject | undefined;
      const flows = scheme?.flows as { clientCredentials?: { tokenUrl?: string } } | undefined;
      return servers.every((s) => s.url.endsWith("/cis")) && flows?.clientCredentials?.tokenUrl === "/oidc/token";
    },
  },
  {
    id: "auth-configuration-method-lacks-none",
    finding: 'ApiClientAuthenticationConfiguration.method has no "none", while the deprecated token_endpoint_auth_method does.',
    emulatorChoice: 'Follows each enum: method "none" is a 400, token_endpoint_auth_method "none" is accepted.',
    present: (doc) =>
      !(property(doc, "ApiClientAuthenticationConfiguration", "method").enum as unknown[]).includes("none") &&
      (property(doc, "ApiCreateOidcClientInput", "token_endpoint_auth_method").enum as unknown[]).includes("none"),
  },
  {
    id: "signing-key-creates-declare-no-success",
    finding:
      "POST /v1/applications/signing-keys and POST …/signing-keys/upload declare only 400 and 409: no success status and no " +
      "response body, although the update of a key answers the ApiTokenSigningKey.",
    emulatorChoice:
      "Answers 201 with the bare ApiTokenSigningKey, as client creates do. The contract validation declares that response. " +
      "Listed in emulator/README.md.",
    present: (doc) =>
      ["/v1/applications/signing-keys", "/v1/applications/signing-keys/upload"].every((template) => {
        const responses = ((doc.paths[template]?.post as JsonObject | undefined)?.responses ?? {}) as JsonObject;
        return Object.keys(responses).every((status) => !status.startsWith("2"));
      }),
    patch: (doc) => {
      for (const template of ["/v1/applications/signing-keys", "/v1/applications/signing-keys/upload"]) {
        const responses = (doc.paths[template]!.post as JsonObject).responses as JsonObject;
        responses["201"] = {
          description: "",
          content: { "application/json": { schema: { $ref: "#/components/schemas/ApiTokenSigningKey" } } },
        };
      }
    },
  },
  {
    id: "signing-key-requires-deleted-at",
    finding: "ApiTokenSigningKey requires deleted_at (a date-time) on every key, although the operations only return keys that exist.",
    emulatorChoice: "Leaves deleted_at out of a key that has not been deleted. The contract validation makes it optional.",
    present: (doc) => (schema(doc, "ApiTokenSigningKey").required as string[]).includes("deleted_at"),
    patch: (doc) => {
      const key = schema(doc, "ApiTokenSigningKey");
      key.required = (key.required as string[]).filter((name) => name !== "deleted_at");
    },
  },
];

/** A deep copy of `doc` with every inconsistency's patch applied. */
export function patchedDocument(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc);
  for (const inconsistency of SPEC_INCONSISTENCIES) inconsistency.patch?.(copy);
  return copy;
}
