// Response validation. Three rules, each for a reason:
//   1. Unknown fields are kept (z.looseObject): the API adds fields over time, and dropping them would hide
//      them from the resources layer (and from drift detection).
//   2. Enum-valued fields are plain strings: a refresh must not fail because the server returns a value newer
//      than our copy of the OpenAPI document (it already does: response_types may contain "none").
//   3. Ids are mandatory: an object without app_id / client_id cannot be tracked in state, so that fails loudly
//      with MOSAIC_INVALID_RESPONSE instead of writing an empty id.
// Validation messages never include values (zod v4 leaves input out of issues unless asked), because response
// bodies contain client secrets.

import { z } from "zod";
import { MosaicApiError, MosaicErrorCodes } from "./errors";
import { rememberSecret } from "./redaction";

const str = z.string().optional();
const bool = z.boolean().optional();
const num = z.number().optional();
const strList = z.array(z.string()).optional();

const deviceAuthorization = z.looseObject({ enabled: bool, approval_uri: str, success_uri: str, input_uri: str });
const cibaAuthorization = z.looseObject({ enabled: bool, login_uri: str });
const tokenExpiration = z.looseObject({ access_token_ttl: num, refresh_token_ttl: num, max_refresh_rotate: num });
const jwks = z.looseObject({ keys: z.array(z.looseObject({})).optional() });
const tlsClientAuth = z.looseObject({
  certificate_chain: str,
  distinguished_name: z.union([z.number(), z.string()]).optional(),
  ocsp_on: bool,
  ocsp_responder_uri: str,
  ocsp_responder_certificate: str,
  ocsp_fail_open: bool,
});
const authenticationConfiguration = z.looseObject({
  method: str,
  tls_client_auth: tlsClientAuth.optional(),
  isMtlsCertTokenBound: bool,
  jwks: jwks.optional(),
});
const idTokenEncryption = z.looseObject({ enabled: bool, jwks: jwks.optional() });
const authenticatorPreferences = z.looseObject({ is_centralized: bool, login_uri: str });
const customDomain = z.looseObject({ domain: str, updated_at: str, status: str, error: str });
const externalCommunication = z.looseObject({ language: str });
const refreshTokenInvalidation = z.looseObject({
  invalidateOnMemberSuspension: bool,
  invalidateOnMemberPasswordReset: bool,
  invalidateOnMemberRoleUpdate: bool,
});

/**
 * An application as the API returns it: the vendor document's `ApiApp` (get, create, update, update-resources) and
 * `ApiAppWithoutLogo` (list), the same shape minus `logo`.
 */
export const ApplicationSchema = z.looseObject({
  app_id: z.string().min(1),
  tenant_id: str,
  app_name: str,
  app_description: str,
  logo: str,
  created_at: str,
  created_by: str,
  updated_at: str,
  service_providers: strList,
  authenticator_preferences: authenticatorPreferences.optional(),
  allow_public_signup: bool,
  pkce: str,
  login_uri: str,
  invite_member_uri: str,
  invite_client_id: str,
  subdomain: str,
  invite_member_email_expiration_minutes: num,
  /** An object on output (a string on input). */
  custom_domain: customDomain.optional(),
  external_communication: externalCommunication.optional(),
  signing_key_enabled: bool,
  refresh_token_invalidation_trigger_configuration: refreshTokenInvalidation.optional(),
  application_type: str,
  password_sharing_group_id: str,
  /** Response-only here; contains third-party IdP secrets. Kept as an opaque object. */
  login_preferences: z.looseObject({}).optional(),
  // Deprecated mirrors of the default client.
  client_id: str,
  client_secret: str,
  client_display_name: str,
  client_description: str,
  client_type: str,
  client_auth_method: str,
  redirect_uris: strList,
  resources: strList,
  device_authorization: deviceAuthorization.optional(),
  ciba_authorization: cibaAuthorization.optional(),
});
/** A validated application (unknown fields kept). */
export type AppRecord = z.infer<typeof ApplicationSchema>;

/** The vendor document's `ApiBasicApp` (`GET /v1/applications/list`). */
export const BasicApplicationSchema = z.looseObject({
  app_id: z.string().min(1),
  tenant_id: str,
  app_name: str,
  app_description: str,
  login_uri: str,
  application_type: str,
});
/** A validated basic application (unknown fields kept). */
export type BasicAppRecord = z.infer<typeof BasicApplicationSchema>;

/**
 * `ApiOidcClient | ApiSamlClient` as one tolerant shape: the union has no reliable discriminator in practice
 * (an unknown `authentication_protocol` must still parse), so protocol-specific fields are simply optional.
 */
export const ClientSchema = z.looseObject({
  client_id: z.string().min(1),
  app_id: str,
  tenant_id: str,
  client_secret: str,
  name: str,
  description: str,
  resources: strList,
  created_at: str,
  updated_at: str,
  authentication_protocol: str,
  client_group_id: str,
  default_custom_claims: strList,
  default_user_info_claims: strList,
  sync_id_token_claims_to_userinfo: bool,
  short_cookies_samesite_type: str,
  // OIDC
  redirect_uris: strList,
  client_type: str,
  response_types: strList,
  token_endpoint_auth_method: str,
  pkce: str,
  device_authorization: deviceAuthorization.optional(),
  ciba_authorization: cibaAuthorization.optional(),
  supported_prompts: strList,
  authentication_configuration: authenticationConfiguration.optional(),
  token_expiration: tokenExpiration.optional(),
  session_expiration: num,
  enforce_par: bool,
  fapi_version_compliancy: bool,
  id_token_encryption: idTokenEncryption.optional(),
  // SAML
  optional_acs_url: bool,
  sp_acs_url: str,
  sp_entity_id: str,
  metadata_url: str,
  sso_url: str,
  entity_id: str,
  x509_certificate: str,
  sp_name_id_type: str,
  sign_assertion: bool,
  use_centralized_login: bool,
});
/** A validated OIDC or SAML client (unknown fields kept). */
export type ClientRecord = z.infer<typeof ClientSchema>;

/**
 * The vendor document's `ApiTokenSigningKey`: metadata only. The API never returns key material, public or private;
 * `deleted_at` is absent on live keys (docs/signing-keys.md).
 */
export const SigningKeySchema = z.looseObject({
  id: z.string().min(1),
  app_id: str,
  tenant_id: str,
  kid: str,
  name: str,
  status: str,
  source: str,
  created_at: str,
  updated_at: str,
  deleted_at: str,
});
/** A validated token signing key (unknown fields kept). */
export type SigningKeyRecord = z.infer<typeof SigningKeySchema>;

/**
 * Unwraps `{result: …}`. App operations wrap, client operations do not (docs/api-behaviour.md#response-envelope),
 * but older client docs wrapped too, so accept both everywhere rather than trusting the per-endpoint rule.
 */
export function unwrapResult(body: unknown): unknown {
  if (typeof body === "object" && body !== null && !Array.isArray(body) && "result" in body) {
    return (body as { result: unknown }).result;
  }
  return body;
}

function invalid(operation: string, summary: string): MosaicApiError {
  return new MosaicApiError({
    code: MosaicErrorCodes.INVALID_RESPONSE,
    operation,
    summary,
    hint:
      "The API answered in a shape this provider does not understand; check mosaic:apiUrl, and report it if it points " +
      "at the Mosaic API.",
  });
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
}

function parseOne<S extends z.ZodType>(schema: S, idField: string, value: unknown, operation: string, what: string): z.infer<S> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(
      operation,
      `expected ${what} object in the response, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}.`,
    );
  }
  const id = (value as Record<string, unknown>)[idField];
  if (typeof id !== "string" || id === "") {
    // Keys only, never values: the object holds a client secret.
    const keys = Object.keys(value).slice(0, 12).join(", ");
    throw invalid(operation, `the ${what} in the response has no ${idField} (keys: ${keys || "none"}).`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw invalid(operation, `the ${what} ${idField}=${id} does not match the expected shape: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

function parseList<S extends z.ZodType>(schema: S, idField: string, value: unknown, operation: string, what: string): z.infer<S>[] {
  if (!Array.isArray(value)) throw invalid(operation, `expected a list of ${what}s in the response.`);
  return value.map((item) => parseOne(schema, idField, item, operation, what));
}

/** Validates an application response (wrapped or bare). */
export function parseApplication(body: unknown, operation: string): AppRecord {
  const app = parseOne(ApplicationSchema, "app_id", unwrapResult(body), operation, "application");
  rememberSecret(app.client_secret);
  return app;
}

/** Validates a list of applications (wrapped or bare). */
export function parseApplicationList(body: unknown, operation: string): AppRecord[] {
  const apps = parseList(ApplicationSchema, "app_id", unwrapResult(body), operation, "application");
  for (const app of apps) rememberSecret(app.client_secret);
  return apps;
}

/** Validates a list of basic applications (wrapped or bare). */
export function parseBasicApplicationList(body: unknown, operation: string): BasicAppRecord[] {
  return parseList(BasicApplicationSchema, "app_id", unwrapResult(body), operation, "application");
}

/** Validates a client response (bare or wrapped). */
export function parseClient(body: unknown, operation: string): ClientRecord {
  const client = parseOne(ClientSchema, "client_id", unwrapResult(body), operation, "client");
  rememberSecret(client.client_secret);
  return client;
}

/** Validates a list of clients (bare or wrapped). */
export function parseClientList(body: unknown, operation: string): ClientRecord[] {
  const clients = parseList(ClientSchema, "client_id", unwrapResult(body), operation, "client");
  for (const c of clients) rememberSecret(c.client_secret);
  return clients;
}

/** Validates a signing-key response (bare or wrapped). */
export function parseSigningKey(body: unknown, operation: string): SigningKeyRecord {
  return parseOne(SigningKeySchema, "id", unwrapResult(body), operation, "signing key");
}

/** Validates a list of signing keys (bare or wrapped). */
export function parseSigningKeyList(body: unknown, operation: string): SigningKeyRecord[] {
  return parseList(SigningKeySchema, "id", unwrapResult(body), operation, "signing key");
}
