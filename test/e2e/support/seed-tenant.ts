// A varied tenant for the export round trip, made the way objects reach a real tenant: through the Applications API
// (applications, OIDC and SAML clients, resource lists) and the emulator's admin routes (Admin Portal edits of the
// default clients, and one value the API answers that is not a valid input). Deterministic: the same calls in the
// same order every time, so with the emulator's seed the same ids.
import { MosaicClient } from "../../../provider/api";
import type { StartedEmulator } from "../../../emulator";

export interface SeededTenant {
  applications: number;
  /** Every client, the default ones included. */
  clients: number;
  defaultClients: number;
  samlClients: number;
  resourceLists: number;
  /** Clients whose Admin Portal value for `deviceAuthorization` is not a valid input. */
  invalidDeviceAuthorization: number;
}

/** App names: slugs that collide ("Customer Portal" / "customer-portal"), accents, digits first, punctuation only. */
function appName(index: number): string {
  const special = ["Customer Portal", "customer-portal", "Café Ünïcode", "2FA gateway", "!!!", "default", "Partner SSO (EU)"];
  return special[index] ?? `Line of business ${String(index).padStart(2, "0")}`;
}

async function adminPatch(emulator: StartedEmulator, path: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.adminUrl}${path}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PATCH ${path}: ${response.status} ${await response.text()}`);
}

export async function seedTenant(emulator: StartedEmulator, applications = 50): Promise<SeededTenant> {
  const api = new MosaicClient(
    { apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, maxRequestsPerSecond: 1500 },
    { env: {} },
  );
  const seeded: SeededTenant = {
    applications,
    clients: 0,
    defaultClients: 0,
    samlClients: 0,
    resourceLists: 0,
    invalidDeviceAuthorization: 0,
  };
  try {
    for (let i = 0; i < applications; i++) {
      const name = appName(i);
      const base = `https://app${i}.example.com`;
      const app = await api.applications.create({
        app_name: name,
        client_display_name: i % 4 === 0 ? `${name} web` : name,
        ...(i % 2 === 0 ? { app_description: `Application number ${i}` } : {}),
        ...(i % 3 === 0 ? { login_uri: `${base}/login`, allow_public_signup: true } : {}),
        ...(i % 5 === 0 ? { invite_member_email_expiration_minutes: 60 + i, service_providers: [`sp-${i}`] } : {}),
        ...(i % 7 === 0
          ? {
              refresh_token_invalidation_trigger_configuration: {
                invalidateOnMemberSuspension: true,
                invalidateOnMemberPasswordReset: false,
                invalidateOnMemberRoleUpdate: true,
              },
            }
          : {}),
        ...(i === 9
          ? { authenticator_preferences: { is_centralized: true, login_uri: `${base}/hub` }, custom_domain: "id.example.com" }
          : {}),
        ...(i % 6 === 1 ? { pkce: "allowPkceAlongsideClientCredentials", logo: `${base}/logo.png`, signing_key_enabled: true } : {}),
      });
      seeded.clients++;
      seeded.defaultClients++;
      const defaultClientId = String(app.client_id);
      // Admin Portal edits of some default clients: redirect URIs and nested token lifetimes.
      if (i % 2 === 1) {
        await adminPatch(emulator, `/applications/${app.app_id}/clients/${defaultClientId}`, {
          redirect_uris: [`${base}/callback`],
          token_expiration: { access_token_ttl: 900, refresh_token_ttl: 86400, max_refresh_rotate: 2592000 },
        });
      }
      const web = await api.clients.create(
        { app_id: app.app_id },
        {
          name: i % 10 === 3 ? "Web!" : "web",
          redirect_uris: [`${base}/callback`, `${base}/silent-renew`],
          ...(i % 2 === 0 ? { description: "Web front end", default_custom_claims: ["email", "roles"] } : {}),
          ...(i % 3 === 1 ? { response_types: ["code"], pkce: "enforcePkceAlongsideClientCredentials", session_expiration: 3600 } : {}),
          ...(i % 4 === 2 ? { token_expiration: { access_token_ttl: 600, refresh_token_ttl: 604800, max_refresh_rotate: 2592000 } } : {}),
          ...(i % 8 === 5
            ? {
                authentication_configuration: {
                  method: "private_key_jwt",
                  jwks: {
                    keys: [
                      {
                        kty: "RSA",
                        kid: `key-${i}`,
                        use: "sig",
                        n: "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl",
                        e: "AQAB",
                      },
                    ],
                  },
                },
              }
            : {}),
        },
      );
      seeded.clients++;
      const native = await api.clients.create(
        { app_id: app.app_id },
        {
          name: "mobile app",
          redirect_uris: [`com.example.app${i}:/callback`],
          client_type: "native",
          ...(i % 3 === 2
            ? {
                device_authorization: {
                  enabled: true,
                  approval_uri: `${base}/device/approve`,
                  success_uri: `${base}/device/done`,
                  input_uri: `${base}/device`,
                },
                ciba_authorization: { enabled: true, login_uri: `${base}/ciba` },
              }
            : {}),
          ...(i % 5 === 4 ? { id_token_encryption: { enabled: false }, enforce_par: true, short_cookies_samesite_type: "none" } : {}),
        },
      );
      seeded.clients++;
      if (i % 11 === 10) {
        // The Admin Portal can leave device authorization enabled without its URIs; such a value fails check.
        await adminPatch(emulator, `/applications/${app.app_id}/clients/${native.client_id}`, {
          device_authorization: { enabled: true, approval_uri: "", success_uri: "", input_uri: "" },
        });
        seeded.invalidDeviceAuthorization++;
      }
      const saml = await api.clients.create(
        { app_id: app.app_id },
        {
          name: `partner ${i % 3 === 0 ? "SAML" : "sso"}`,
          authentication_protocol: "saml",
          sp_entity_id: `urn:partner:${i}`,
          ...(i % 2 === 0 ? { sp_acs_url: `https://partner${i}.example.com/acs`, sign_assertion: false } : {}),
          ...(i % 4 === 1 ? { sp_name_id_type: "username" as const, use_centralized_login: true } : {}),
        },
      );
      seeded.clients++;
      seeded.samlClients++;
      // Resource lists on some default clients, web clients and SAML clients.
      const lists: Array<[string, string[]]> = [];
      if (i % 3 === 0) lists.push([web.client_id, ["orders-api", `tenant-${i}-api`]]);
      if (i % 4 === 1) lists.push([defaultClientId, ["billing-api"]]);
      if (i % 5 === 2) lists.push([saml.client_id, ["directory-api", "orders-api"]]);
      for (const [clientId, resourceIds] of lists) {
        await api.clients.updateResources({ app_id: app.app_id, client_id: clientId }, { resource_ids: resourceIds });
        seeded.resourceLists++;
      }
    }
    return seeded;
  } finally {
    await api.close();
  }
}
