// The field model of mosaic.Application: the API's ApiCreateAppInput (docs/api-behaviour.md#application-request-body) in camelCase, and the
// outputs the API computes. Settings of individual clients, including the default client the API creates with
// every application, belong to mosaic.Client (adopt the default client with `importId: app.defaultClientId`), so
// the deprecated client mirrors at application level are limited to what the API needs at creation.
import { clientType, pkceMode } from "../enum-types";
import {
  flag,
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

/** The API takes `custom_domain` as a string and returns it as {domain, status, ...}. */
function asCustomDomain(apiValue: unknown): { domain?: unknown; status?: unknown } | undefined {
  return apiValue !== null && typeof apiValue === "object" ? (apiValue as { domain?: unknown; status?: unknown }) : undefined;
}

export const applicationFields: FieldMap = {
  appName: value(
    "app_name",
    nonEmptyText(),
    "Name of the application, unique in the tenant (a clash fails with a message naming the existing app).",
    {
      required: true,
    },
  ),
  appDescription: value("app_description", text(), "Short description shown in the Admin Portal.", { serverDefault: "" }),
  clientDisplayName: value(
    "client_display_name",
    nonEmptyText(),
    "Display name of the default client. When unset, `appName` is sent at creation (the API requires it) and the field stays unmanaged, " +
      "so renaming the app later does not rename the default client.",
    { mirrorsDefaultClient: true },
  ),
  clientDescription: value("client_description", text(), "Description of the default client.", { mirrorsDefaultClient: true }),
  clientType: value(
    "client_type",
    oneOf(clientType),
    "Type of the default client (deprecated by the API; prefer an adopted `mosaic.Client`).",
    { mirrorsDefaultClient: true },
  ),
  redirectUris: value("redirect_uris", list(uri()), "Redirect URIs of the default client.", { mirrorsDefaultClient: true }),
  serviceProviders: value("service_providers", list(text()), "Service provider IDs this application may redirect to.", {
    serverDefault: [],
  }),
  allowPublicSignup: value("allow_public_signup", flag(), "Whether login flows may create new users. Server default `false`.", {
    serverDefault: false,
  }),
  authenticatorPreferences: object(
    "authenticator_preferences",
    {
      isCentralized: value("is_centralized", flag(), "Make this application the tenant's Authentication Hub.", { required: true }),
      loginUri: value("login_uri", uri(), "URI that starts an authentication flow when centralized login is requested.", {
        required: true,
      }),
    },
    "Authentication Hub settings.",
    { serverDefault: { isCentralized: false, loginUri: "" } },
  ),
  loginUri: value("login_uri", uri(), "Login page of the application."),
  inviteMemberUri: value("invite_member_uri", uri(), "Page that invited members are sent to."),
  inviteMemberEmailExpirationMinutes: value(
    "invite_member_email_expiration_minutes",
    positiveInt(),
    "Member invitation link lifetime in minutes. Server default 2880.",
    { serverDefault: 2880 },
  ),
  inviteClientId: value("invite_client_id", text(), "Client used for the email magic-link invitation flow."),
  refreshTokenInvalidationTriggerConfiguration: object(
    "refresh_token_invalidation_trigger_configuration",
    {
      // The API's own keys are camelCase inside this object.
      invalidateOnMemberSuspension: value("invalidateOnMemberSuspension", flag(), "Invalidate refresh tokens when a member is suspended."),
      invalidateOnMemberPasswordReset: value(
        "invalidateOnMemberPasswordReset",
        flag(),
        "Invalidate refresh tokens when a member resets their password.",
      ),
      invalidateOnMemberRoleUpdate: value(
        "invalidateOnMemberRoleUpdate",
        flag(),
        "Invalidate refresh tokens when a member's role changes.",
      ),
    },
    "When refresh tokens are invalidated.",
    {
      serverDefault: { invalidateOnMemberSuspension: true, invalidateOnMemberPasswordReset: true, invalidateOnMemberRoleUpdate: true },
    },
  ),
  logo: value("logo", uri(), "URI of the application's logo (email templates).", { serverDefault: "" }),
  subdomain: value("subdomain", text(), "Subdomain of the organization admin portal."),
  customDomain: value(
    "custom_domain",
    text(),
    "Custom domain of the application. The API returns an object; only its domain is compared, and its verification status is the " +
      "`customDomainStatus` output.",
    {
      decode: (apiValue) => {
        const returned = asCustomDomain(apiValue);
        return returned ? returned.domain : apiValue;
      },
    },
  ),
  pkce: value("pkce", oneOf(pkceMode), "PKCE mode."),
  signingKeyEnabled: value("signing_key_enabled", flag(), "Use an application-specific token signing key.", { serverDefault: false }),
  importId: value(
    "",
    nonEmptyText(),
    "Adopt the existing application with this app ID instead of creating one (then update it to match the program). Never sent to the API.",
    { localOnly: true },
  ),
};

export const applicationModel = resourceModel({
  name: "Application",
  doc:
    "A Mosaic application: the container for OIDC and SAML clients. The API creates a default client with it, whose id and secret are " +
    "the `defaultClientId` and `defaultClientSecret` outputs. Every input updates the application in place; nothing replaces it.",
  inputGroups: { all: applicationFields },
  outputs: {
    appId: output("app_id", text(), "The application's ID. It is the resource ID, so it stays known while a preview shows an update.", {
      fromId: true,
    }),
    tenantId: output("tenant_id", text(), "The tenant's ID."),
    defaultClientId: output("client_id", text(), "ID of the default client the API created with the application."),
    defaultClientSecret: output("client_secret", text(), "Secret of the default client.", { secret: true }),
    createdAt: output("created_at", text(), "ISO 8601 timestamp from the API."),
    updatedAt: output("updated_at", text(), "ISO 8601 timestamp from the API."),
    customDomainStatus: output(
      "custom_domain",
      text(),
      "Verification status of `customDomain` (for example `pending`, `verified`, `error`).",
      {
        optional: true,
        decode: (apiValue) => asCustomDomain(apiValue)?.status,
      },
    ),
  },
});
