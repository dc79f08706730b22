// A Mosaic application with one OIDC web client. The tenant comes from the
// stack's config (mosaic:region or mosaic:apiUrl, mosaic:clientId, mosaic:clientSecret); see README.md.
import * as pulumi from "@pulumi/pulumi";
import * as mosaic from "pulumi-mosaic";

const stack = pulumi.getStack();
const project = pulumi.getProject();

const app = new mosaic.Application("app", {
  appName: `${project}-${stack}`,
  appDescription: `Managed by the Pulumi project ${project}, stack ${stack}`,
});

const web = new mosaic.Client("web", {
  applicationId: app.appId,
  name: "web",
  redirectUris: ["https://app.example.com/callback"],
  tokenExpiration: { accessTokenTtl: 3600, refreshTokenTtl: 1209600 },
});

export const appId = app.appId;
export const webClientId = web.clientId;
// A Pulumi secret: encrypted in the stack's state, masked in the CLI's output.
export const webClientSecret = web.clientSecret;
