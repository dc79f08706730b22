// What the server fills in when a request leaves a field out: every field the OpenAPI response schemas require,
// with the documented default where there is one and a documented emulator choice where there is none
// (emulator/README.md, "Behaviour choices").
import { randomBytes } from "node:crypto";

type Fields = Record<string, unknown>;

/** Third-party secrets inside login_preferences start with this, so tests can prove they never reach Pulumi state. */
export const LOGIN_PREFERENCES_SECRET_PREFIX = "EMULATOR-THIRD-PARTY-SECRET-";

export function newClientSecret(): string {
  return randomBytes(24).toString("base64url");
}

function placeholderSecret(kind: string): string {
  return `${LOGIN_PREFERENCES_SECRET_PREFIX}${kind}-${randomBytes(12).toString("hex")}`;
}

/**
 * login_preferences is read-only in this API (written through the Login Preferences API), so every app gets a
 * realistic configuration with placeholder secrets for the methods that carry one.
 */
export function placeholderLoginPreferences(): Fields {
  return {
    auth_methods: {
      google: {
        clientId: "emulator-google-client.apps.googleusercontent.com",
        clientSecret: placeholderSecret("google"),
        redirectUris: ["https://app.example.com/auth/google/callback"],
      },
      apple: {
        clientId: "com.example.emulator",
        clientSecret: placeholderSecret("apple"),
        appleTeamId: "EMULATORTM",
        keyId: "EMULATORKY",
      },
      email_otp: { expiresIn: 5, maxFailures: 3, codeLength: 6, message: { primaryColor: "#6981FF" } },
      push: {
        apn: {
          key: placeholderSecret("apn"),
          keyId: "EMULATORAPN",
          teamId: "EMULATORTM",
          bundle: "com.example.emulator",
          isProduction: false,
        },
        fcm: { key: { type: "service_account", private_key: placeholderSecret("fcm") } },
      },
    },
  };
}

export function defaultAppFields(): Fields {
  return {
    app_description: "",
    logo: "",
    service_providers: [],
    authenticator_preferences: { is_centralized: false, login_uri: "" },
    allow_public_signup: false,
    invite_member_email_expiration_minutes: 2880,
    signing_key_enabled: false,
    refresh_token_invalidation_trigger_configuration: {
      invalidateOnMemberSuspension: true,
      invalidateOnMemberPasswordReset: true,
      invalidateOnMemberRoleUpdate: true,
    },
    external_communication: { language: "en" },
    application_type: "basic",
  };
}

/** Defaults both protocols share (the common part of ApiOidcClient and ApiSamlClient). */
function commonClientDefaults(): Fields {
  return {
    description: "",
    resources: [],
    client_group_id: "",
    default_custom_claims: [],
    sync_id_token_claims_to_userinfo: false,
    short_cookies_samesite_type: "lax",
  };
}

export function defaultOidcClientFields(): Fields {
  return {
    ...commonClientDefaults(),
    redirect_uris: [],
    client_type: "web",
    // The response schema's default also lists "none", which its own enum forbids (spec-inconsistencies.ts).
    response_types: ["code", "id_token"],
    token_endpoint_auth_method: "client_secret_basic",
    device_authorization: { enabled: false, approval_uri: "", success_uri: "", input_uri: "" },
    ciba_authorization: { enabled: false },
    supported_prompts: ["login", "consent", "none"],
    token_expiration: { access_token_ttl: 3600, refresh_token_ttl: 1209600, max_refresh_rotate: 2592000 },
    session_expiration: 1209600,
    enforce_par: false,
    fapi_version_compliancy: false,
  };
}

export function defaultSamlClientFields(origin: string, tenantId: string, clientId: string): Fields {
  const base = `${origin}/saml/${tenantId}/${clientId}`;
  return {
    ...commonClientDefaults(),
    sp_acs_url: "",
    optional_acs_url: false,
    sp_name_id_type: "email",
    sign_assertion: true,
    metadata_url: `${base}/metadata`,
    sso_url: `${base}/sso`,
    entity_id: base,
    x509_certificate: placeholderCertificate(),
  };
}

/** PEM-shaped, not a parseable certificate: nothing in this API verifies it. */
function placeholderCertificate(): string {
  const body = randomBytes(480)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
}
