// Lookups: read applications and clients without managing them. Each is a plain async function (`getApplication`)
// and an Output-returning twin (`getApplicationOutput`) that takes Inputs, as Pulumi's own packages offer.
//
// They run in the program's process, not in the dynamic-provider host, so they call the provider's handlers
// directly (`require("pulumi-mosaic/provider").lookups`, the same run-time route as the stubs), configured from the
// program's view of the stack config (`mosaic:*`, secrets included, as `pulumi config` stores them) with the MOSAIC_*
// environment variables as fallbacks: the same settings and the same shared client code as the resources, one
// request per lookup through its rate limiter and retries (docs/lookups.md). Secret values come back as Pulumi
// secrets, so they stay encrypted in state and masked in output wherever the program passes them.
import * as pulumi from "@pulumi/pulumi";
import type { ApplicationArgs, ApplicationServerOutputs, ClientArgs, ClientServerOutputs } from "./generated";

type Provider = typeof import("../provider");
type Plain<T> = { -readonly [K in keyof T]: pulumi.Unwrap<T[K]> };

/** An application as `getApplication` returns it: every field the API returns, under `mosaic.Application`'s names. */
export type ApplicationLookup = Omit<Plain<ApplicationArgs>, "importId"> &
  Omit<Plain<ApplicationServerOutputs>, "defaultClientSecret"> & {
    appId: string;
    /** A Pulumi secret. */
    defaultClientSecret: pulumi.Output<string>;
  };

/** A client as `getClient` returns it: every field the API returns, under `mosaic.Client`'s names. */
export type ClientLookup = Omit<
  Plain<ClientArgs>,
  "importId" | "secretRotationTrigger" | "roleIds" | "isThirdParty" | "allowedScopes" | "consentUri" | "consentValidityPeriod"
> &
  Omit<Plain<ClientServerOutputs>, "clientSecret" | "isDefaultClient"> & {
    clientId: string;
    /** A Pulumi secret. */
    clientSecret: pulumi.Output<string>;
  };

/** An item of `getApplications`: the API's basic application info. */
export interface ApplicationSummary {
  appId: string;
  appName: string;
  appDescription?: string;
  tenantId?: string;
  loginUri?: string;
}

export type GetApplicationArgs = { appId: string; appName?: undefined } | { appName: string; appId?: undefined };
export type GetClientArgs = { applicationId: string } & ({ clientId: string; name?: undefined } | { name: string; clientId?: undefined });
export interface GetClientsArgs {
  applicationId: string;
}

/** The provider's lookups, configured from the program's stack config on each call (the client is rebuilt only on a change). */
function lookups(): Provider["lookups"] {
  const provider = require("pulumi-mosaic/provider") as Provider;
  provider.configure({ get: (key) => pulumi.runtime.getConfig(key) });
  return provider.lookups;
}

function withSecrets<T>(result: Record<string, unknown>, secretKeys: readonly string[]): T {
  const marked: Record<string, unknown> = { ...result };
  for (const key of secretKeys) if (marked[key] !== undefined) marked[key] = pulumi.secret(marked[key]);
  return marked as T;
}

const asApplication = (result: Record<string, unknown>) => withSecrets<ApplicationLookup>(result, ["defaultClientSecret"]);
const asClient = (result: Record<string, unknown>) => withSecrets<ClientLookup>(result, ["clientSecret"]);

/** One application by `appId` or by exact `appName` (exactly one of them); its `defaultClientSecret` is a Pulumi secret. */
export async function getApplication(args: GetApplicationArgs): Promise<ApplicationLookup> {
  return asApplication(await lookups().getApplication({ ...args }));
}

/** Every application of the tenant, basic info only (no secrets). */
export async function getApplications(): Promise<{ applications: ApplicationSummary[] }> {
  return (await lookups().getApplications({})) as { applications: ApplicationSummary[] };
}

/** One client of an application by `clientId` or by exact `name` (exactly one of them); its `clientSecret` is a Pulumi secret. */
export async function getClient(args: GetClientArgs): Promise<ClientLookup> {
  return asClient(await lookups().getClient({ ...args }));
}

/** Every client of an application; each `clientSecret` is a Pulumi secret. */
export async function getClients(args: GetClientsArgs): Promise<{ clients: ClientLookup[] }> {
  const { clients } = (await lookups().getClients({ ...args })) as { clients: Record<string, unknown>[] };
  return { clients: clients.map(asClient) };
}

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * `getApplication` taking Inputs (e.g. `app.appId`), for use inside a program's graph. The result holds a secret,
 * so the whole Output is secret: read non-secret fields with `.apply` and pass them on as secret values.
 */
export function getApplicationOutput(args: Inputs<GetApplicationArgs>): pulumi.Output<pulumi.Unwrap<ApplicationLookup>> {
  return pulumi.output(args).apply((plain) => pulumi.output(getApplication(plain as GetApplicationArgs)));
}

export function getApplicationsOutput(): pulumi.Output<{ applications: ApplicationSummary[] }> {
  return pulumi.output(getApplications());
}

/** `getClient` taking Inputs (e.g. `app.appId`); secret as a whole, like `getApplicationOutput`. */
export function getClientOutput(args: Inputs<GetClientArgs>): pulumi.Output<pulumi.Unwrap<ClientLookup>> {
  return pulumi.output(args).apply((plain) => pulumi.output(getClient(plain as GetClientArgs)));
}

/** `getClients` taking Inputs; secret as a whole. */
export function getClientsOutput(args: Inputs<GetClientsArgs>): pulumi.Output<pulumi.Unwrap<{ clients: ClientLookup[] }>> {
  return pulumi.output(args).apply((plain) => pulumi.output(getClients(plain)));
}
