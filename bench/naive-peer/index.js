// A naive peer of this provider for bench/scale.ts, written the way Pulumi's dynamic-provider documentation shows a
// provider for a REST API: a `pulumi.dynamic.ResourceProvider` object literal in the program itself (so the closure
// serializer copies its code into every resource's state), the global fetch, a new OAuth token fetched for every
// call, no retries, a GET after each write, and as state whatever that GET returned. It is not part of the package;
// it only gives the benchmark the cost of the straightforward approach. The same resource mix as the other
// benchmarks: per application, the application, three clients and the first client's resource list.
"use strict";
const pulumi = require("@pulumi/pulumi");

async function call(method, path, body) {
  const tokenResponse = await fetch(`${new URL(process.env.MOSAIC_API_URL).origin}/oidc/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: process.env.MOSAIC_CLIENT_ID,
      client_secret: process.env.MOSAIC_CLIENT_SECRET,
    }),
  });
  if (!tokenResponse.ok) throw new Error(`token: ${tokenResponse.status}`);
  const { access_token } = await tokenResponse.json();
  const response = await fetch(`${process.env.MOSAIC_API_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && !(method === "DELETE" && response.status === 404)) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  if (response.status === 204) return undefined;
  const json = await response.json();
  return json.result ?? json;
}

const applicationProvider = {
  async create(inputs) {
    const created = await call("POST", "/v1/applications", { app_name: inputs.appName, client_display_name: inputs.appName });
    const outs = await call("GET", `/v1/applications/${created.app_id}`);
    return { id: created.app_id, outs };
  },
  async read(id) {
    return { id, props: await call("GET", `/v1/applications/${id}`) };
  },
  async update(id, olds, news) {
    await call("PUT", `/v1/applications/${id}`, { app_name: news.appName });
    return { outs: await call("GET", `/v1/applications/${id}`) };
  },
  async delete(id) {
    await call("DELETE", `/v1/applications/${id}`);
  },
};

const clientProvider = {
  async create(inputs) {
    const path = `/v1/applications/${inputs.applicationId}/clients`;
    const created = await call("POST", path, { name: inputs.name, redirect_uris: inputs.redirectUris });
    const outs = await call("GET", `${path}/${created.client_id}`);
    return { id: created.client_id, outs: { ...outs, applicationId: inputs.applicationId } };
  },
  async read(id, props) {
    const outs = await call("GET", `/v1/applications/${props.applicationId}/clients/${id}`);
    return { id, props: { ...outs, applicationId: props.applicationId } };
  },
  async update(id, olds, news) {
    const path = `/v1/applications/${news.applicationId}/clients/${id}`;
    await call("PUT", path, { name: news.name, redirect_uris: news.redirectUris });
    return { outs: { ...(await call("GET", path)), applicationId: news.applicationId } };
  },
  async delete(id, props) {
    await call("DELETE", `/v1/applications/${props.applicationId}/clients/${id}`);
  },
};

const clientResourcesProvider = {
  async create(inputs) {
    const path = `/v1/applications/${inputs.applicationId}/clients/${inputs.clientId}`;
    await call("PUT", `${path}/resources`, { resource_ids: inputs.resourceIds });
    return { id: `${inputs.applicationId}/${inputs.clientId}`, outs: { ...(await call("GET", path)), ...inputs } };
  },
  async read(id, props) {
    const outs = await call("GET", `/v1/applications/${props.applicationId}/clients/${props.clientId}`);
    return { id, props: { ...outs, applicationId: props.applicationId, clientId: props.clientId, resourceIds: props.resourceIds } };
  },
  async update(id, olds, news) {
    return clientResourcesProvider.create(news);
  },
  async delete(id, props) {
    await call("PUT", `/v1/applications/${props.applicationId}/clients/${props.clientId}/resources`, { resource_ids: [] });
  },
};

class Application extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(applicationProvider, name, { app_id: undefined, ...args }, opts);
  }
}
class Client extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(clientProvider, name, { client_id: undefined, ...args }, opts);
  }
}
class ClientResources extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(clientResourcesProvider, name, args, opts);
  }
}

const config = new pulumi.Config("bench");
const apps = config.requireNumber("apps");
const revision = config.requireNumber("revision");
for (let i = 0; i < apps; i++) {
  const app = new Application(`app-${i}`, { appName: `Peer app ${i}` });
  const clients = ["web", "mobile", "api"].map((name) => {
    const changed = revision > 0 && name === "web" && i % 2 === 0;
    const redirectUris = [`https://app${i}.example.com/${name}/${changed ? "cb2" : "cb"}`];
    return new Client(`app-${i}-${name}`, { applicationId: app.app_id, name, redirectUris });
  });
  new ClientResources(`app-${i}-apis`, { applicationId: app.app_id, clientId: clients[0].client_id, resourceIds: [`res-${i}`] });
}
