import * as pulumi from "@pulumi/pulumi";
import type { InputsAsOutputs } from "./outputs";
import { seedProps } from "./seed";
import { applicationStub } from "./stubs";

/** Inputs of {@link Application}. Every change updates the application in place; nothing replaces it. */
export interface ApplicationArgs {
  /** Name of the application, unique in the tenant. */
  appName: pulumi.Input<string>;
  /** Short description shown in the Admin Portal. */
  appDescription?: pulumi.Input<string>;
  /** Display name of the default client the API creates with the application. Defaults to `appName` at creation. */
  clientDisplayName?: pulumi.Input<string>;
  /** Description of the default client. */
  clientDescription?: pulumi.Input<string>;
  /** Type of the default client: "web" or "native". */
  clientType?: pulumi.Input<"web" | "native">;
  /** Redirect URIs of the default client. */
  redirectUris?: pulumi.Input<pulumi.Input<string>[]>;
  /** Service provider IDs this application may redirect to. */
  serviceProviders?: pulumi.Input<pulumi.Input<string>[]>;
  /** Whether login flows may create new users. */
  allowPublicSignup?: pulumi.Input<boolean>;
  /** Authentication Hub settings (sent whole on every change). */
  authenticatorPreferences?: pulumi.Input<{ isCentralized: pulumi.Input<boolean>; loginUri: pulumi.Input<string> }>;
  /** Login page of the application. */
  loginUri?: pulumi.Input<string>;
  /** Page that invited members are sent to. */
  inviteMemberUri?: pulumi.Input<string>;
  /** Member invitation link lifetime in minutes. */
  inviteMemberEmailExpirationMinutes?: pulumi.Input<number>;
  /** Client used for the email magic-link invitation flow. */
  inviteClientId?: pulumi.Input<string>;
  /** When refresh tokens are invalidated (sent whole on every change). */
  refreshTokenInvalidationTriggerConfiguration?: pulumi.Input<{
    invalidateOnMemberSuspension?: pulumi.Input<boolean>;
    invalidateOnMemberPasswordReset?: pulumi.Input<boolean>;
    invalidateOnMemberRoleUpdate?: pulumi.Input<boolean>;
  }>;
  /** URI of the application's logo. */
  logo?: pulumi.Input<string>;
  /** Subdomain of the organization admin portal. */
  subdomain?: pulumi.Input<string>;
  /** Custom domain; its verification status is the `customDomainStatus` output. */
  customDomain?: pulumi.Input<string>;
  /** PKCE mode. */
  pkce?: pulumi.Input<"enforcePkceInsteadOfClientCredentials" | "enforcePkceAlongsideClientCredentials" | "allowPkceAlongsideClientCredentials">;
  /** Use an application-specific token signing key. */
  signingKeyEnabled?: pulumi.Input<boolean>;
  /** Adopt the existing application with this app ID instead of creating one (then update it to match). */
  importId?: pulumi.Input<string>;
}

const INPUT_NAMES = [
  "appName", "appDescription", "clientDisplayName", "clientDescription", "clientType", "redirectUris", "serviceProviders",
  "allowPublicSignup", "authenticatorPreferences", "loginUri", "inviteMemberUri", "inviteMemberEmailExpirationMinutes",
  "inviteClientId", "refreshTokenInvalidationTriggerConfiguration", "logo", "subdomain", "customDomain", "pkce",
  "signingKeyEnabled", "importId",
] as const satisfies readonly (keyof ApplicationArgs)[];
// appId is not among them: it is the resource id, which the engine knows even while previewing an update.
const SERVER_OUTPUT_NAMES = ["tenantId", "defaultClientId", "defaultClientSecret", "createdAt", "updatedAt", "customDomainStatus"] as const;
/** Every output key, for tests that compare the SDK with the provider's field table. */
export const APPLICATION_OUTPUT_NAMES: readonly string[] = [...INPUT_NAMES, ...SERVER_OUTPUT_NAMES, "appId"];

// Declaration merging: the class also has an output for every input (see outputs.ts).
export interface Application extends InputsAsOutputs<ApplicationArgs> {}

/**
 * A Mosaic application. The API creates a default client with it: its id and secret are the `defaultClientId` and
 * `defaultClientSecret` outputs. To manage that client's settings, adopt it with
 * `new mosaic.Client(name, { applicationId: app.appId, importId: app.defaultClientId, ... })`.
 */
export class Application extends pulumi.dynamic.Resource {
  /**
   * The application's ID (the resource id). Taken from the id rather than an output property so it stays known
   * while a preview shows this application being updated; otherwise every client would preview as replaced.
   */
  readonly appId: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly defaultClientId: pulumi.Output<string>;
  /** Secret. */
  declare readonly defaultClientSecret: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  declare readonly customDomainStatus: pulumi.Output<string | undefined>;

  /** Reads an existing application without managing it (`pulumi destroy` leaves it alone). */
  static get(name: string, appId: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Application {
    // No args: the engine reads the object by id, and read() returns every field the API has.
    return new Application(name, {} as ApplicationArgs, { ...opts, id: appId });
  }

  constructor(name: string, args: ApplicationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      applicationStub,
      name,
      seedProps([...INPUT_NAMES, ...SERVER_OUTPUT_NAMES], args),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["defaultClientSecret"] }),
      "mosaic",
      "Application",
    );
    this.appId = this.id;
  }
}
