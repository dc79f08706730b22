// The engine's floor for bench/scale.ts: the same resource mix and dependencies as the provider's programs, as
// trivial dynamic resources whose provider answers at once without any API call. What the engine spends on these
// is what any dynamic resource costs; the provider's cost is the difference.
"use strict";
const crypto = require("node:crypto");
const pulumi = require("@pulumi/pulumi");

const provider = {
  async create(inputs) {
    return { id: crypto.randomUUID(), outs: { ...inputs, objectId: crypto.randomUUID() } };
  },
  async update(id, olds, news) {
    return { outs: { ...news, objectId: olds.objectId } };
  },
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(provider, name, { objectId: undefined, ...args });
  }
}

const config = new pulumi.Config("bench");
const apps = config.requireNumber("apps");
const revision = config.requireNumber("revision");
for (let i = 0; i < apps; i++) {
  const app = new Trivial(`app-${i}`, { appName: `Floor app ${i}` });
  const clients = ["web", "mobile", "api"].map((name) => {
    const changed = revision > 0 && name === "web" && i % 2 === 0;
    const redirectUris = [`https://app${i}.example.com/${name}/${changed ? "cb2" : "cb"}`];
    return new Trivial(`app-${i}-${name}`, { applicationId: app.objectId, name, redirectUris, tokenExpiration: { accessTokenTtl: 3600 } });
  });
  new Trivial(`app-${i}-apis`, { applicationId: app.objectId, clientId: clients[0].objectId, resourceIds: [`res-${i}`] });
}
