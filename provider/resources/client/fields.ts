// The field model of mosaic.Client: the API's OIDC and SAML client inputs
// (docs/api-behaviour.md#client-request-bodies) in camelCase, and the outputs the API computes. Which fields apply
// depends on `authenticationProtocol`; the cross-field rules live in client/rules.ts.
import * as enums from "../enum-types";
import {
  flag,
  json,
  list,
  nonEmptyText,
  object,
  oneOf,
  output,
  positiveInt,
  resourceModel,
  text,
  uri,
  value,
  type FieldMap,
} from "../field-spec";

const jwksDoc = "A JWKS document (public keys), passed to the API as is.";

/** Fields shared by OIDC and SAML clients. */
const commonFields: FieldMap = {
  applicationId: value("", nonEmptyText(), "ID of the owning application, usually `app.appId`.", {
    required: true,
    replaceOnChange: true,
    localOnly: true, // part of the URL, not the body
  }),
  name: value(
    "name",
    nonEmptyText(),
    "Name of the client, unique within its application (a clash fails with a message naming the existing client).",
    { required: true },
  ),
  description: value("description", text(), "Short description shown in the Admin Portal.", { serverDefault: "" }),
  authenticationProtocol: value(
    "authentication_protocol",
    oneOf(enums.authenticationProtocol),
    'Protocol; `"oidc"` when unset. The API cannot change it on an existing client.',
    { replaceOnChange: true, serverDefault: "oidc" },
  ),
  clientGroupId: value("client_group_id", text(), "ID of the client group to join.", { serverDefault: "" }),
  defaultCustomClaims: value(
    "default_custom_claims",
    list(text()),
    'Custom claims added to ID tokens by default (for example `"email"`, `"roles"`).',
    { serverDefault: [] },
  ),
  defaultUserInfoClaims: value(
    "default_user_info_claims",
    list(text()),
    "Custom claims returned by the UserInfo endpoint. Not together with `syncIdTokenClaimsToUserinfo: true` (fails at preview).",
  ),
  syncIdTokenClaimsToUserinfo: value(
    "sync_id_token_claims_to_userinfo",
    flag(),
    "Keep the UserInfo claims in sync with `defaultCustomClaims`.",
    { serverDefault: false },
  ),
  shortCookiesSamesiteType: value(
    "short_cookies_samesite_type",
    oneOf(enums.sameSiteType),
    'SameSite mode of short-lived cookies. Server default `"lax"`.',
    { serverDefault: "lax" },
  ),
  secretRotationTrigger: value(
    "",
    text(),
    "Any change replaces the client, which gives it a new `clientId` and `clientSecret` (the API cannot rotate a secret in place).",
    {
      replaceOnChange: true,
      localOnly: true,
    },
  ),
  importId: value(
    "",
    nonEmptyText(),
    "Adopt the existing client with this client ID (not the `<app>/<client>` form) instead of creating one. Never sent to the API.",
    { localOnly: true },
  ),
};

/** OIDC-only fields. */
export const oidcFields: FieldMap = {
  redirectUris: value("redirect_uris", list(uri()), "Redirect URIs approved for this client.", { requiredFor: "oidc", serverDefault: [] }),
  clientType: value("client_type", oneOf(enums.clientType), 'Client type. Server default `"web"`.', { serverDefault: "web" }),
  responseTypes: value("response_types", list(oneOf(enums.responseType)), "Allowed response types.", {
    serverDefault: [...enums.responseType.values],
  }),
  pkce: value("pkce", oneOf(enums.pkceMode), "PKCE mode."),
  deviceAuthorization: object(
    "device_authorization",
    {
      enabled: value("enabled", flag(), "Allow the OAuth device authorization flow.", { required: true }),
      approvalUri: value("approval_uri", uri(), "Page where the user approves the request.", { required: true }),
      successUri: value("success_uri", uri(), "Callback told whether authentication succeeded.", { required: true }),
      inputUri: value("input_uri", uri(), "Page where the user enters the code.", { required: true }),
    },
    "OAuth device authorization flow (RFC 8628).",
    { serverDefault: { enabled: false, approvalUri: "", successUri: "", inputUri: "" } },
  ),
  cibaAuthorization: object(
    "ciba_authorization",
    {
      enabled: value("enabled", flag(), "Allow the CIBA flow.", { required: true }),
      loginUri: value("login_uri", uri(), "Page where the user logs in to approve the request."),
    },
    "Client-initiated backchannel authentication (CIBA).",
    { serverDefault: { enabled: false } },
  ),
  supportedPrompts: value(
    "supported_prompts",
    list(oneOf(enums.supportedPrompt)),
    "Supported OIDC prompts. Accepted by both protocols; only OIDC clients return it (write-only on SAML clients).",
    { serverDefault: [...enums.supportedPrompt.values] },
  ),
  tokenExpiration: object(
    "token_expiration",
    {
      accessTokenTtl: value("access_token_ttl", positiveInt(), "Access token lifetime (seconds)."),
      refreshTokenTtl: value("refresh_token_ttl", positiveInt(), "Refresh token lifetime (seconds)."),
      maxRefreshRotate: value("max_refresh_rotate", positiveInt(), "Maximum time a refresh token can be rotated (seconds)."),
    },
    "Token lifetimes.",
    { serverDefault: { accessTokenTtl: 3600, refreshTokenTtl: 1209600, maxRefreshRotate: 2592000 } },
  ),
  sessionExpiration: value("session_expiration", positiveInt(), "Session lifetime in seconds.", { serverDefault: 1209600 }),
  tokenEndpointAuthMethod: value(
    "token_endpoint_auth_method",
    oneOf(enums.tokenEndpointAuthMethod),
    "Token endpoint authentication method. Deprecated by the API in favour of `authenticationConfiguration.method` (and `pkce`); " +
      'kept for tenants that still read it. Server default `"client_secret_basic"`.',
    { serverDefault: "client_secret_basic" },
  ),
  enforcePar: value("enforce_par", flag(), "Require Pushed Authorization Requests.", { serverDefault: false }),
  fapiVersionCompliancy: value("fapi_version_compliancy", flag(), "FAPI 2.0 compliance.", { serverDefault: false }),
  authenticationConfiguration: object(
    "authentication_configuration",
    {
      method: value("method", oneOf(enums.clientAuthenticationMethod), "Client authentication method.", {
        required: true,
      }),
      tlsClientAuth: object(
        "tls_client_auth",
        {
          certificateChain: value("certificate_chain", text(), "CA chain used to validate client certificates."),
          distinguishedName: value("distinguished_name", text(), "Expected subject distinguished name of the client certificate."),
          ocspOn: value("ocsp_on", flag(), "Check certificates with OCSP."),
          ocspResponderUri: value("ocsp_responder_uri", uri(), "OCSP responder URI."),
          ocspResponderCertificate: value("ocsp_responder_certificate", text(), "OCSP responder certificate."),
          ocspFailOpen: value("ocsp_fail_open", flag(), "Accept certificates when the OCSP responder is unreachable."),
        },
        "mTLS settings.",
      ),
      isMtlsCertTokenBound: value("isMtlsCertTokenBound", flag(), "Bind access tokens to the client certificate."),
      jwks: value("jwks", json(), jwksDoc),
    },
    "How the client authenticates to the token endpoint.",
  ),
  idTokenEncryption: object(
    "id_token_encryption",
    {
      enabled: value("enabled", flag(), "Encrypt ID tokens.", { required: true }),
      jwks: value("jwks", json(), jwksDoc),
    },
    "ID token encryption.",
  ),
  roleIds: value("role_ids", list(text()), "Role IDs granted to the client.", { writeOnly: true }),
  isThirdParty: value("is_third_party", flag(), "Mark the client as third party.", { writeOnly: true }),
  allowedScopes: value("allowed_scopes", list(text()), "Scopes a third-party client may request.", { writeOnly: true }),
  consentUri: value("consent_uri", uri(), "Consent page for third-party clients.", { writeOnly: true }),
  consentValidityPeriod: value("consent_validity_period", positiveInt(), "How long a consent stays valid.", { writeOnly: true }),
};

/** SAML-only fields. */
export const samlFields: FieldMap = {
  spEntityId: value("sp_entity_id", nonEmptyText(), "Entity ID of the SAML service provider.", { requiredFor: "saml" }),
  spAcsUrl: value("sp_acs_url", uri(), "Assertion Consumer Service URL of the service provider.", { serverDefault: "" }),
  spNameIdType: value("sp_name_id_type", oneOf(enums.samlNameIdType), "Which user attribute is the NameID.", { serverDefault: "email" }),
  signAssertion: value("sign_assertion", flag(), "Sign the SAML assertion.", { serverDefault: true }),
  optionalAcsUrl: value("optional_acs_url", flag(), "Allow the ACS URL to be omitted.", { serverDefault: false }),
  useCentralizedLogin: value("use_centralized_login", flag(), "Send SP-initiated SSO to the tenant's centralized login hub."),
};

export const clientModel = resourceModel({
  name: "Client",
  doc:
    "An OIDC or SAML client of a Mosaic application. The protocol is chosen once with `authenticationProtocol`; most other inputs " +
    "apply to one protocol only. Its `clientSecret` output is a Pulumi secret.",
  // Prompts are accepted by both variants, but only OIDC clients return them; for SAML they are write-only, which
  // field-mapping handles (a field the API does not return keeps its input value).
  inputGroups: { common: commonFields, oidc: oidcFields, saml: samlFields },
  outputs: {
    clientId: output(
      "client_id",
      text(),
      "The client's ID, from the resource ID `<applicationId>/<clientId>`, so it stays known while a preview shows an update.",
      {
        fromId: true,
      },
    ),
    clientSecret: output("client_secret", text(), "The client's secret.", { secret: true }),
    tenantId: output("tenant_id", text(), "The tenant's ID."),
    createdAt: output("created_at", text(), "ISO 8601 timestamp from the API."),
    updatedAt: output("updated_at", text(), "ISO 8601 timestamp from the API."),
    isDefaultClient: output(
      undefined,
      flag(),
      "`true` when this resource adopted its application's default client (through `importId`); " +
        "such a client is never deleted by itself. " +
        "`false` otherwise; a `Client.get` lookup or `pulumi import` of the default client marks it too.",
    ),
    metadataUrl: output("metadata_url", text(), "SAML only: the identity provider's metadata URL (give it to the service provider).", {
      optional: true,
    }),
    ssoUrl: output("sso_url", text(), "SAML only: the SSO URL.", { optional: true }),
    entityId: output("entity_id", text(), "SAML only: the identity provider's entity ID.", { optional: true }),
    x509Certificate: output("x509_certificate", text(), "SAML only: the signing certificate (public).", { optional: true }),
  },
});

export const clientFields: FieldMap = clientModel.inputs;
