// This provider's dynamic resources for bench/scale.ts, as a user's program over the installed package: the
// application, three clients and the first client's resource list per application. `bench:revision` 1 changes the
// redirect URIs of every second application's first client (10% of the resources).
"use strict";
const pulumi = require("@pulumi/pulumi");
const mosaic = require("pulumi-mosaic");

const config = new pulumi.Config("bench");
const apps = config.requireNumber("apps");
const revision = config.requireNumber("revision");
for (let i = 0; i < apps; i++) {
  const app = new mosaic.Application(`app-${i}`, { appName: `Dynamic app ${i}` });
  const clients = ["web", "mobile", "api"].map((name) => {
    const changed = revision > 0 && name === "web" && i % 2 === 0;
    const redirectUris = [`https://app${i}.example.com/${name}/${changed ? "cb2" : "cb"}`];
    return new mosaic.Client(`app-${i}-${name}`, {
      applicationId: app.appId,
      name,
      redirectUris,
      tokenExpiration: { accessTokenTtl: 3600 },
    });
  });
  new mosaic.ClientResources(`app-${i}-apis`, { applicationId: app.appId, clientId: clients[0].clientId, resourceIds: [`res-${i}`] });
}
