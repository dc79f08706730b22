import * as pulumi from "@pulumi/pulumi";
import type { InputsAsOutputs } from "./outputs";
import { seedProps } from "./seed";
import { clientStub } from "./stubs";

type Uri = pulumi.Input<string>;

/** Inputs of {@link Client}. See docs/client.md for which changes update in place and which replace. */
export interface ClientArgs {
  /** ID of the owning application. Changing it replaces the client. */
  applicationId: pulumi.Input<string>;
  /** Name, unique within the application. */
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** "oidc" (default) or "saml". Create-only: changing it replaces the client. */
  authenticationProtocol?: pulumi.Input<"oidc" | "saml">;
  clientGroupId?: pulumi.Input<string>;
  defaultCustomClaims?: pulumi.Input<pulumi.Input<string>[]>;
  /** Not together with `syncIdTokenClaimsToUserinfo: true`. */
  defaultUserInfoClaims?: pulumi.Input<pulumi.Input<string>[]>;
  syncIdTokenClaimsToUserinfo?: pulumi.Input<boolean>;
  shortCookiesSamesiteType?: pulumi.Input<"lax" | "none">;
  /** Any change replaces the client: a new clientId and clientSecret (the API has no in-place rotation). */
  secretRotationTrigger?: pulumi.Input<string>;
  /** Adopt the existing client with this client ID instead of creating one (then update it to match). */
  importId?: pulumi.Input<string>;

  // OIDC clients
  /** Required for OIDC clients. */
  redirectUris?: pulumi.Input<Uri[]>;
  clientType?: pulumi.Input<"web" | "native">;
  responseTypes?: pulumi.Input<pulumi.Input<"code" | "id_token">[]>;
  pkce?: pulumi.Input<"enforcePkceInsteadOfClientCredentials" | "enforcePkceAlongsideClientCredentials" | "allowPkceAlongsideClientCredentials">;
  /** Sent whole on every change. */
  deviceAuthorization?: pulumi.Input<{ enabled: pulumi.Input<boolean>; approvalUri: Uri; successUri: Uri; inputUri: Uri }>;
  /** Sent whole on every change. */
  cibaAuthorization?: pulumi.Input<{ enabled: pulumi.Input<boolean>; loginUri?: Uri }>;
  /** For SAML clients this is write-only (the API never returns it). */
  supportedPrompts?: pulumi.Input<pulumi.Input<"login" | "consent" | "none">[]>;
  /** Lifetimes in seconds. Sent whole on every change. */
  tokenExpiration?: pulumi.Input<{ accessTokenTtl?: pulumi.Input<number>; refreshTokenTtl?: pulumi.Input<number>; maxRefreshRotate?: pulumi.Input<number> }>;
  /** Session lifetime in seconds. */
  sessionExpiration?: pulumi.Input<number>;
  enforcePar?: pulumi.Input<boolean>;
  fapiVersionCompliancy?: pulumi.Input<boolean>;
  /** Sent whole on every change. `jwks` is passed through as is. */
  authenticationConfiguration?: pulumi.Input<{
    method: pulumi.Input<"client_secret_basic" | "self_signed_tls_client_auth" | "tls_client_auth" | "private_key_jwt">;
    tlsClientAuth?: pulumi.Input<{
      certificateChain?: pulumi.Input<string>;
      distinguishedName?: pulumi.Input<string>;
      ocspOn?: pulumi.Input<boolean>;
      ocspResponderUri?: Uri;
      ocspResponderCertificate?: pulumi.Input<string>;
      ocspFailOpen?: pulumi.Input<boolean>;
    }>;
    isMtlsCertTokenBound?: pulumi.Input<boolean>;
    jwks?: pulumi.Input<Record<string, unknown>>;
  }>;
  /** Sent whole on every change. */
  idTokenEncryption?: pulumi.Input<{ enabled: pulumi.Input<boolean>; jwks?: pulumi.Input<Record<string, unknown>> }>;
  /** Write-only: sent when it changes, never read back, never reported as drift. */
  roleIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Write-only. */
  isThirdParty?: pulumi.Input<boolean>;
  /** Write-only. */
  allowedScopes?: pulumi.Input<pulumi.Input<string>[]>;
  /** Write-only. */
  consentUri?: Uri;
  /** Write-only. */
  consentValidityPeriod?: pulumi.Input<number>;

  // SAML clients
  /** Required for SAML clients. */
  spEntityId?: pulumi.Input<string>;
  spAcsUrl?: Uri;
  spNameIdType?: pulumi.Input<"email" | "secondaryEmail" | "username" | "phoneNumber" | "externalUserId">;
  signAssertion?: pulumi.Input<boolean>;
  optionalAcsUrl?: pulumi.Input<boolean>;
  useCentralizedLogin?: pulumi.Input<boolean>;
}

const INPUT_NAMES = [
  "applicationId", "name", "description", "authenticationProtocol", "clientGroupId", "defaultCustomClaims", "defaultUserInfoClaims",
  "syncIdTokenClaimsToUserinfo", "shortCookiesSamesiteType", "secretRotationTrigger", "importId", "redirectUris", "clientType",
  "responseTypes", "pkce", "deviceAuthorization", "cibaAuthorization", "supportedPrompts", "tokenExpiration", "sessionExpiration",
  "enforcePar", "fapiVersionCompliancy", "authenticationConfiguration", "idTokenEncryption", "roleIds", "isThirdParty",
  "allowedScopes", "consentUri", "consentValidityPeriod", "spEntityId", "spAcsUrl", "spNameIdType", "signAssertion",
  "optionalAcsUrl", "useCentralizedLogin",
] as const satisfies readonly (keyof ClientArgs)[];
// clientId is not among them: it comes from the resource id ("<applicationId>/<clientId>"), see below.
const SERVER_OUTPUT_NAMES = ["clientSecret", "tenantId", "createdAt", "updatedAt", "isDefaultClient", "metadataUrl", "ssoUrl", "entityId", "x509Certificate"] as const;
/** Every output key, for tests that compare the SDK with the provider's field table. */
export const CLIENT_OUTPUT_NAMES: readonly string[] = [...INPUT_NAMES, ...SERVER_OUTPUT_NAMES, "clientId"];

// Declaration merging: the class also has an output for every input (see outputs.ts).
export interface Client extends InputsAsOutputs<ClientArgs> {}

/** An OIDC or SAML client of a Mosaic application. Its `clientSecret` output is a Pulumi secret. */
export class Client extends pulumi.dynamic.Resource {
  /**
   * The client's ID, from the resource id "<applicationId>/<clientId>": the engine knows the id while previewing an
   * update, so resources that use clientId (such as ClientResources) do not preview as replaced.
   */
  readonly clientId: pulumi.Output<string>;
  /** Secret. */
  declare readonly clientSecret: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** True when this is the application's default client (adopted with importId); destroy leaves it to its application. */
  declare readonly isDefaultClient: pulumi.Output<boolean>;
  /** SAML only: the identity provider's metadata URL, SSO URL, entity ID and signing certificate. */
  declare readonly metadataUrl: pulumi.Output<string | undefined>;
  declare readonly ssoUrl: pulumi.Output<string | undefined>;
  declare readonly entityId: pulumi.Output<string | undefined>;
  declare readonly x509Certificate: pulumi.Output<string | undefined>;

  /** Reads an existing client without managing it. `id` is "<applicationId>/<clientId>". */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Client {
    return new Client(name, {} as ClientArgs, { ...opts, id });
  }

  constructor(name: string, args: ClientArgs, opts?: pulumi.CustomResourceOptions) {
    super(clientStub, name, seedProps([...INPUT_NAMES, ...SERVER_OUTPUT_NAMES], args), pulumi.mergeOptions(opts, { additionalSecretOutputs: ["clientSecret"] }), "mosaic", "Client");
    this.clientId = this.id.apply((id) => id.slice(id.indexOf("/") + 1));
  }
}
