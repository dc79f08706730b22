// A Mosaic application with one OIDC web client, and the client's credentials as stack outputs.
// The provider reads mosaic:region (or mosaic:apiUrl), mosaic:clientId and mosaic:clientSecret from this stack's config.
import * as mosaic from "pulumi-mosaic";
import * as pulumi from "@pulumi/pulumi";

const stack = pulumi.getStack();

const app = new mosaic.Application("app", {
  appName: `${pulumi.getProject()}-${stack}`,
  appDescription: "Managed by Pulumi",
});

const web = new mosaic.Client("web", {
  applicationId: app.appId,
  name: "web",
  redirectUris: ["https://app.example.com/callback"],
});

export const appId = app.appId;
export const clientId = web.clientId;
export const clientSecret = web.clientSecret; // a Pulumi secret: encrypted in state, masked in output
