// Inputs of mosaic.Application: the API's ApiCreateAppInput (api-notes §5.1) in camelCase. Settings of individual
// clients, including the default client the API creates with every application, belong to mosaic.Client (adopt
// the default client with `importId: app.defaultClientId`), so the deprecated client mirrors at application level
// are limited to what the API needs at creation.
import { flag, list, nonEmptyText, object, oneOf, positiveInt, text, uri, value, type FieldMap } from "../field-spec";

export const PKCE_MODES = ["enforcePkceInsteadOfClientCredentials", "enforcePkceAlongsideClientCredentials", "allowPkceAlongsideClientCredentials"] as const;

export const applicationFields: FieldMap = {
  appName: value("app_name", nonEmptyText(), "Name of the application, unique in the tenant.", { required: true }),
  appDescription: value("app_description", text(), "Short description shown in the Admin Portal."),
  clientDisplayName: value(
    "client_display_name",
    nonEmptyText(),
    "Display name of the default client the API creates with the application. Defaults to `appName` at creation.",
  ),
  clientDescription: value("client_description", text(), "Description of the default client."),
  clientType: value("client_type", oneOf(["web", "native"]), "Type of the default client (deprecated by the API; prefer mosaic.Client)."),
  redirectUris: value("redirect_uris", list(uri()), "Redirect URIs of the default client."),
  serviceProviders: value("service_providers", list(text()), "Service provider IDs this application may redirect to."),
  allowPublicSignup: value("allow_public_signup", flag(), "Whether login flows may create new users. Server default false."),
  authenticatorPreferences: object(
    "authenticator_preferences",
    {
      isCentralized: value("is_centralized", flag(), "Make this application the tenant's Authentication Hub.", { required: true }),
      loginUri: value("login_uri", uri(), "URI that starts an authentication flow when centralized login is requested.", { required: true }),
    },
    "Authentication Hub settings.",
  ),
  loginUri: value("login_uri", uri(), "Login page of the application."),
  inviteMemberUri: value("invite_member_uri", uri(), "Page that invited members are sent to."),
  inviteMemberEmailExpirationMinutes: value("invite_member_email_expiration_minutes", positiveInt(), "Member invitation link lifetime in minutes. Server default 2880."),
  inviteClientId: value("invite_client_id", text(), "Client used for the email magic-link invitation flow."),
  refreshTokenInvalidationTriggerConfiguration: object(
    "refresh_token_invalidation_trigger_configuration",
    {
      // The API's own keys are camelCase inside this object.
      invalidateOnMemberSuspension: value("invalidateOnMemberSuspension", flag(), "Invalidate refresh tokens when a member is suspended."),
      invalidateOnMemberPasswordReset: value("invalidateOnMemberPasswordReset", flag(), "Invalidate refresh tokens when a member resets their password."),
      invalidateOnMemberRoleUpdate: value("invalidateOnMemberRoleUpdate", flag(), "Invalidate refresh tokens when a member's role changes."),
    },
    "When refresh tokens are invalidated.",
  ),
  logo: value("logo", uri(), "URI of the application's logo (email templates)."),
  subdomain: value("subdomain", text(), "Subdomain of the organization admin portal."),
  customDomain: value("custom_domain", text(), "Custom domain of the application; its verification status is the `customDomainStatus` output.", {
    // The API takes a string and returns {domain, status, ...}: compare the domain only.
    decode: (apiValue) => (apiValue !== null && typeof apiValue === "object" ? (apiValue as { domain?: unknown }).domain : apiValue),
  }),
  pkce: value("pkce", oneOf(PKCE_MODES), "PKCE mode."),
  signingKeyEnabled: value("signing_key_enabled", flag(), "Use an application-specific token signing key."),
  importId: value("", nonEmptyText(), "Adopt the existing application with this app ID instead of creating one.", { localOnly: true }),
};
