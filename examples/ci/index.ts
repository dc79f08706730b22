// One Mosaic application, with a web OIDC client, per environment listed in the stack config
// (`mosaic-ci:environments` in Pulumi.ci.yaml). Adding an environment to the list and merging the change is all it
// takes to create its application; removing one deletes it.
import * as pulumi from "@pulumi/pulumi";
import * as mosaic from "pulumi-mosaic";

interface Environment {
  /** Short name, used in resource and application names: "dev", "staging", "prod". */
  name: string;
  /** Base URL of the portal in this environment. */
  url: string;
  /** Access token lifetime in seconds (default 3600). */
  accessTokenTtl?: number;
  /** Whether login flows may create new users (default false). */
  allowPublicSignup?: boolean;
}

const config = new pulumi.Config();
const productName = config.get("productName") ?? "Customer portal";
const environments = config.requireObject<Environment[]>("environments");

const names = environments.map((env) => env.name);
const duplicate = names.find((name, index) => names.indexOf(name) !== index);
if (duplicate !== undefined) throw new Error(`mosaic-ci:environments lists "${duplicate}" twice; environment names must be unique`);

const apps: Record<string, pulumi.Output<string>> = {};
const webClientIds: Record<string, pulumi.Output<string>> = {};
const webClientSecrets: Record<string, pulumi.Output<string>> = {};

for (const env of environments) {
  const app = new mosaic.Application(`app-${env.name}`, {
    appName: `${productName} (${env.name})`,
    appDescription:
      `${productName}, ${env.name} environment. ` +
      `Managed by Pulumi (stack ${pulumi.getStack()}); edits in the Admin Portal are reverted.`,
    loginUri: `${env.url}/login`,
    allowPublicSignup: env.allowPublicSignup ?? false,
  });
  const web = new mosaic.Client(`web-${env.name}`, {
    applicationId: app.appId,
    name: "web",
    redirectUris: [`${env.url}/callback`],
    tokenExpiration: { accessTokenTtl: env.accessTokenTtl ?? 3600, refreshTokenTtl: 14 * 24 * 3600 },
  });
  apps[env.name] = app.appId;
  webClientIds[env.name] = web.clientId;
  webClientSecrets[env.name] = web.clientSecret;
}

/** Application ID per environment. */
export const appIds = apps;
/** Web client ID per environment. */
export const webClients = webClientIds;
/** Web client secret per environment: Pulumi secrets, read with `pulumi stack output webSecrets --show-secrets`. */
export const webSecrets = webClientSecrets;
