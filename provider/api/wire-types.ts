// Request bodies exactly as the Applications API takes them (snake_case wire format), per docs/api-behaviour.md
// (#application-request-body, #client-request-bodies, #nested-objects) and the vendor's OpenAPI document. The
// resources layer maps its camelCase inputs onto these types; keeping the wire shape here, typed, is what lets the
// compiler catch a misspelt field before the API silently ignores it.
//
// Enum-valued fields list the documented values. The response side (schemas.ts) deliberately does not: the
// server may return values newer than this file, and a refresh must not fail because of it.

import type {
  AUTHENTICATION_PROTOCOLS,
  CLIENT_AUTHENTICATION_METHODS,
  CLIENT_TYPES,
  PKCE_MODES,
  RESPONSE_TYPES,
  SAME_SITE_TYPES,
  SAML_NAME_ID_TYPES,
  SIGNING_KEY_STATUSES,
  SUPPORTED_PROMPTS,
  TOKEN_ENDPOINT_AUTH_METHODS,
} from "./enums";

/** `client_type` (and the deprecated app-level default-client type). */
export type ClientType = (typeof CLIENT_TYPES)[number];
/** `authentication_protocol` (create-only on clients). */
export type AuthenticationProtocol = (typeof AUTHENTICATION_PROTOCOLS)[number];
/** `pkce` */
export type PkceMode = (typeof PKCE_MODES)[number];
/** Deprecated `token_endpoint_auth_method` / app `client_auth_method`. */
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];
/** `authentication_configuration.method`. */
export type ClientAuthenticationMethod = (typeof CLIENT_AUTHENTICATION_METHODS)[number];
/** `response_types` items. */
export type ResponseType = (typeof RESPONSE_TYPES)[number];
/** `supported_prompts` items. */
export type SupportedPrompt = (typeof SUPPORTED_PROMPTS)[number];
/** `short_cookies_samesite_type`. */
export type SameSiteType = (typeof SAME_SITE_TYPES)[number];
/** SAML `sp_name_id_type`. */
export type SamlNameIdType = (typeof SAML_NAME_ID_TYPES)[number];
/**
 * `default_custom_claims` / `default_user_info_claims` items: 38 documented claim names (tid, fname, lname,
 * email, roles, permissions, …, custom_data, custom_app_data, ai_actor). Typed as string because the list grows
 * with the platform and the server is the authority.
 */
export type CustomClaim = string;

/** `ApiDeviceAuthConfiguration`: all four keys are required whenever the object is sent. */
export interface DeviceAuthorizationWire {
  enabled: boolean;
  approval_uri: string;
  success_uri: string;
  input_uri: string;
}

/** `ApiCibaAuthConfiguration` */
export interface CibaAuthorizationWire {
  enabled: boolean;
  login_uri?: string;
}

/** `TlsClientAuth` */
export interface TlsClientAuthWire {
  certificate_chain?: string;
  /** Typed as number in the vendor's document (a copy-paste bug there); sent as given. */
  distinguished_name?: number | string;
  ocsp_on?: boolean;
  ocsp_responder_uri?: string;
  ocsp_responder_certificate?: string;
  ocsp_fail_open?: boolean;
}

/** A JSON Web Key Set (public keys). */
export interface JwksWire {
  keys?: Array<Record<string, unknown>>;
  [extra: string]: unknown;
}

/** `ApiClientAuthenticationConfiguration` (note the camelCase `isMtlsCertTokenBound` key: it is the wire name). */
export interface AuthenticationConfigurationWire {
  method: ClientAuthenticationMethod;
  tls_client_auth?: TlsClientAuthWire;
  isMtlsCertTokenBound?: boolean;
  jwks?: JwksWire;
}

/** `ApiTokenExpirationConfiguration` (units undocumented; seconds assumed). */
export interface TokenExpirationWire {
  access_token_ttl?: number;
  refresh_token_ttl?: number;
  max_refresh_rotate?: number;
}

/** `ApiIdTokenEncryptionConfiguration` */
export interface IdTokenEncryptionWire {
  enabled: boolean;
  jwks?: JwksWire;
}

/** `ApiAuthenticatorAppPreferences` */
export interface AuthenticatorPreferencesWire {
  is_centralized: boolean;
  login_uri: string;
}

/** `ApiRefreshTokenInvalidationTriggerConfiguration` (camelCase keys are the wire names). */
export interface RefreshTokenInvalidationTriggerWire {
  invalidateOnMemberSuspension?: boolean;
  invalidateOnMemberPasswordReset?: boolean;
  invalidateOnMemberRoleUpdate?: boolean;
}

/** Fields shared by the OIDC and SAML client inputs. */
interface ClientInputCommon {
  name: string;
  description?: string;
  resources?: string[];
  client_group_id?: string;
  default_custom_claims?: CustomClaim[];
  /** Mutually exclusive with `sync_id_token_claims_to_userinfo: true` in the same request. */
  default_user_info_claims?: CustomClaim[];
  sync_id_token_claims_to_userinfo?: boolean;
  short_cookies_samesite_type?: SameSiteType;
}

/** `ApiCreateOidcClientInput` (required: name, redirect_uris). */
export interface CreateOidcClientInput extends ClientInputCommon {
  /** Defaults to "oidc" on the server. */
  authentication_protocol?: "oidc";
  redirect_uris: string[];
  client_type?: ClientType;
  device_authorization?: DeviceAuthorizationWire;
  ciba_authorization?: CibaAuthorizationWire;
  /** Write-only: never returned. */
  is_third_party?: boolean;
  /** Write-only: never returned. */
  allowed_scopes?: string[];
  /** Write-only: never returned. */
  consent_uri?: string;
  /** Write-only: never returned. */
  consent_validity_period?: number;
  pkce?: PkceMode;
  supported_prompts?: SupportedPrompt[];
  token_expiration?: TokenExpirationWire;
  /** Seconds. */
  session_expiration?: number;
  enforce_par?: boolean;
  /** Write-only: never returned. */
  role_ids?: string[];
  fapi_version_compliancy?: boolean;
  /** @deprecated use `authentication_configuration` / `pkce`. */
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  response_types?: ResponseType[];
  authentication_configuration?: AuthenticationConfigurationWire;
  id_token_encryption?: IdTokenEncryptionWire;
}

/** `ApiCreateSamlClientInput` (required: name, sp_entity_id; `authentication_protocol: "saml"` must be sent). */
export interface CreateSamlClientInput extends ClientInputCommon {
  /**
   * Required in practice: the body is an `anyOf` without a discriminator and the server defaults to "oidc".
   */
  authentication_protocol: "saml";
  sp_acs_url?: string;
  sp_entity_id: string;
  sp_name_id_type?: SamlNameIdType;
  /** Write-only on SAML clients: never returned. */
  supported_prompts?: SupportedPrompt[];
  sign_assertion?: boolean;
  optional_acs_url?: boolean;
  use_centralized_login?: boolean;
}

/** Body of `POST /v1/applications/{appId}/clients`. */
export type CreateClientInput = CreateOidcClientInput | CreateSamlClientInput;

/** `ApiUpdateOidcClientInput`: the create input minus `authentication_protocol`, every field optional. */
export type UpdateOidcClientInput = Partial<Omit<CreateOidcClientInput, "authentication_protocol">>;
/** `ApiUpdateSamlClientInput`: the create input minus `authentication_protocol`, every field optional. */
export type UpdateSamlClientInput = Partial<Omit<CreateSamlClientInput, "authentication_protocol">>;
/**
 * Body of `PUT /v1/applications/{appId}/clients/{clientId}`. Top-level fields left out are unchanged; object
 * fields sent are replaced whole (docs/api-behaviour.md#updates), so always send complete nested objects.
 */
export type UpdateClientInput = UpdateOidcClientInput | UpdateSamlClientInput;

/** `ApiCreateAppInput` (required: app_name, client_display_name). */
export interface CreateApplicationInput {
  app_name: string;
  app_description?: string;
  service_providers?: string[];
  allow_public_signup?: boolean;
  authenticator_preferences?: AuthenticatorPreferencesWire;
  login_uri?: string;
  invite_member_uri?: string;
  invite_member_email_expiration_minutes?: number;
  refresh_token_invalidation_trigger_configuration?: RefreshTokenInvalidationTriggerWire;
  /** @deprecated default-client field; manage clients through the clients endpoints. */
  client_type?: ClientType;
  /** Deprecated but still required on create: the default client's display name. */
  client_display_name: string;
  /** @deprecated default-client field. */
  client_description?: string;
  /** Write-only: never returned. Chooses the shape of `first_client`. */
  first_client_authentication_protocol?: AuthenticationProtocol;
  /** Write-only: never returned. */
  first_client?: CreateClientInput;
  /** @deprecated default-client field. */
  redirect_uris?: string[];
  logo?: string;
  /** @deprecated default-client field. */
  resources?: string[];
  /** @deprecated default-client field. */
  device_authorization?: DeviceAuthorizationWire;
  /** @deprecated default-client field. */
  ciba_authorization?: CibaAuthorizationWire;
  /** @deprecated use `pkce`. */
  client_auth_method?: TokenEndpointAuthMethod;
  subdomain?: string;
  /** A string on input; the response returns an object `{domain, status, ...}`. */
  custom_domain?: string;
  pkce?: PkceMode;
  /** Write-only: never returned. */
  should_delete_signing_key?: boolean;
  signing_key_enabled?: boolean;
  invite_client_id?: string;
}

/**
 * `ApiUpdateAppInput`: the same 26 fields, all optional. Top-level fields left out are unchanged; object fields
 * sent are replaced whole.
 */
export type UpdateApplicationInput = Partial<CreateApplicationInput>;

/** Body of the (deprecated) `PUT …/resources` endpoints. */
export interface UpdateResourcesInput {
  resource_ids: string[];
}

/** `status` of a token signing key. */
export type SigningKeyStatus = (typeof SIGNING_KEY_STATUSES)[number];

/** `CreateTokenSigningKeyInput`: Mosaic generates the key. */
export interface CreateSigningKeyInput {
  name: string;
}

/** `UploadTokenSigningKey`: an existing private key as a JWK (RFC 7517), sent once and never returned. */
export interface UploadSigningKeyInput {
  name: string;
  jwk: Record<string, unknown>;
}

/** `UpdateTokenSigningKey`: the name and the status; the key material cannot be changed. */
export interface UpdateSigningKeyInput {
  name?: string;
  status?: SigningKeyStatus;
}
