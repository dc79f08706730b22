// The values the Applications API accepts for its enum-valued request fields (the vendor's OpenAPI document).
// Each list is written here once: the wire types derive their unions from it, and the resources' field model
// (provider/resources/enum-types.ts) wraps it for validation, the SDK, the docs and the package schema.
export const CLIENT_TYPES = ["web", "native"] as const;
export const AUTHENTICATION_PROTOCOLS = ["oidc", "saml"] as const;
export const PKCE_MODES = [
  "enforcePkceInsteadOfClientCredentials",
  "enforcePkceAlongsideClientCredentials",
  "allowPkceAlongsideClientCredentials",
] as const;
/** Deprecated `token_endpoint_auth_method` / app `client_auth_method`. */
export const TOKEN_ENDPOINT_AUTH_METHODS = [
  "client_secret_basic",
  "self_signed_tls_client_auth",
  "tls_client_auth",
  "none",
  "private_key_jwt",
] as const;
/** `authentication_configuration.method`: the deprecated field's values without "none". */
export const CLIENT_AUTHENTICATION_METHODS = [
  "client_secret_basic",
  "self_signed_tls_client_auth",
  "tls_client_auth",
  "private_key_jwt",
] as const;
export const RESPONSE_TYPES = ["code", "id_token"] as const;
export const SUPPORTED_PROMPTS = ["login", "consent", "none"] as const;
/** `short_cookies_samesite_type` (the field's description mentions "strict", its enum does not). */
export const SAME_SITE_TYPES = ["lax", "none"] as const;
export const SAML_NAME_ID_TYPES = ["email", "secondaryEmail", "username", "phoneNumber", "externalUserId"] as const;
/** A token signing key's `status` (`UpdateTokenSigningKey`). */
export const SIGNING_KEY_STATUSES = ["signing", "disabled", "validating"] as const;
