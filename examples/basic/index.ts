// A Mosaic application with two clients and a resource list:
//   - "web": an OIDC client for the portal's web front end (redirect URIs, token lifetimes, device authorization),
//   - "partner-sso": a SAML client for a partner's service provider,
//   - the APIs the web client may request tokens for.
// Every setting has a default, so the program runs with nothing but the mosaic:* provider settings in the stack.
import * as pulumi from "@pulumi/pulumi";
import * as mosaic from "pulumi-mosaic";

const config = new pulumi.Config();
const appName = config.get("appName") ?? "Customer portal";
const portalUrl = config.get("portalUrl") ?? "https://portal.example.com";
const partnerUrl = config.get("partnerUrl") ?? "https://partner.example.com";
// IDs of resources (APIs) defined in the tenant. The emulator accepts any id; on a real tenant use your own.
const resourceIds = config.getObject<string[]>("resourceIds") ?? ["orders-api", "billing-api"];

const app = new mosaic.Application("portal", {
  appName,
  appDescription: "Customer-facing portal (managed by Pulumi)",
  loginUri: `${portalUrl}/login`,
});

const web = new mosaic.Client("portal-web", {
  applicationId: app.appId,
  name: "web",
  description: "Portal web front end",
  redirectUris: [`${portalUrl}/callback`, `${portalUrl}/silent-renew`],
  // Objects are sent whole: any change inside one updates the client with the complete object.
  tokenExpiration: {
    accessTokenTtl: 3600, // 1 hour
    refreshTokenTtl: 14 * 24 * 3600, // 14 days
  },
  deviceAuthorization: {
    enabled: true,
    approvalUri: `${portalUrl}/device/approve`,
    successUri: `${portalUrl}/device/done`,
    inputUri: `${portalUrl}/device`,
  },
  // Change this value (for example to the current month) to replace the client, which gives it a new client ID
  // and secret. See docs/client.md, "Rotating a client secret".
  secretRotationTrigger: "2026-01",
});

const partnerSso = new mosaic.Client("portal-partner-sso", {
  applicationId: app.appId,
  name: "partner-sso",
  authenticationProtocol: "saml",
  spEntityId: `${partnerUrl}/saml/metadata`,
  spAcsUrl: `${partnerUrl}/saml/acs`,
  spNameIdType: "email",
  signAssertion: true,
});

new mosaic.ClientResources("portal-web-apis", {
  applicationId: app.appId,
  clientId: web.clientId,
  resourceIds,
});

export const appId = app.appId;
export const webClientId = web.clientId;
// A Pulumi secret: encrypted in state, shown as [secret] unless you ask for it with --show-secrets.
export const webClientSecret = web.clientSecret;
// Give this URL to the partner: it serves the identity provider's SAML metadata.
export const samlMetadataUrl = partnerSso.metadataUrl;
