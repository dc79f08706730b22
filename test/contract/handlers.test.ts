// The resource handlers driven in process against the emulator, with their dependencies injected: every path of
// create / read / update / delete, adoption, name clashes and partial state, in seconds, beside the e2e suite that
// runs the same behaviour through the real engine. Each test counts the API calls it expects.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MosaicClient } from "../../provider/api";
import { applicationHandlers } from "../../provider/resources/application/handlers";
import { ClientDirectory } from "../../provider/resources/client-directory";
import { clientResourcesHandlers } from "../../provider/resources/client-resources/handlers";
import { clientHandlers } from "../../provider/resources/client/handlers";
import type { HandlerDeps, ResourceHandlers } from "../../provider/resources/handler-contract";
import { RunRegistry } from "../../provider/resources/run-registry";
import { apiRequests, clientFor, uniqueName, withEmulator, type Emulator } from "./support/api-support";

let emu: Emulator;
let api: MosaicClient;
const logged: string[] = [];
let deps: HandlerDeps;
let application: ResourceHandlers;
let client: ResourceHandlers;
let clientResources: ResourceHandlers;

beforeAll(async () => {
  emu = await withEmulator();
  api = clientFor(emu, { maxRetries: 0 });
  const directory = new ClientDirectory(api);
  deps = {
    api: () => api,
    clients: () => directory,
    log: { info: (message) => logged.push(`info ${message}`), warn: (message) => logged.push(`warn ${message}`) },
  };
  newDeployment();
});

/** Handlers as a new provider process gets them: a fresh registry of what "this deployment" adopted or created. */
function newDeployment(): void {
  const fresh = { ...deps, run: new RunRegistry() };
  application = applicationHandlers(fresh);
  client = clientHandlers(fresh);
  clientResources = clientResourcesHandlers(fresh);
}
afterAll(async () => {
  await api.close();
  await emu.close();
});
afterEach(() => {
  emu.admin.setFaults([]);
  logged.length = 0;
});

/** `METHOD route` of every API request since the last call (the token endpoint left out). */
function calls(): string[] {
  const made = apiRequests(emu.admin.requestLog()).map((entry) => `${entry.method} ${entry.route}`);
  emu.admin.clearLog();
  return made;
}

/** Inputs as the engine passes them to create/update: check()'s output. */
async function checked(handlers: ResourceHandlers, inputs: Record<string, unknown>) {
  const result = await handlers.check({}, inputs);
  expect(result.failures).toEqual([]);
  return result.inputs as Record<string, unknown>;
}

type Props = Record<string, unknown>;
/** create() as the engine sees it; our handlers always return outputs. */
async function create(handlers: ResourceHandlers, inputs: Props): Promise<{ id: string; outs: Props }> {
  const result = await handlers.create(inputs);
  return { id: result.id, outs: result.outs ?? expect.unreachable("create returned no outputs") };
}
async function update(handlers: ResourceHandlers, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const result = await handlers.update(id, olds, news);
  return { outs: result.outs ?? expect.unreachable("update returned no outputs") };
}

const errorOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );

describe("Application handlers", () => {
  it("create, read, update in place, a local-only update without calls, delete, and delete of what is gone", async () => {
    const inputs = await checked(application, { appName: uniqueName("portal"), appDescription: "B2C" });
    calls();
    const created = await create(application, inputs);
    expect(calls()).toEqual(["POST /v1/applications"]);
    expect(created.outs).toMatchObject({ appName: inputs.appName, appDescription: "B2C", appId: created.id });
    expect(created.outs.defaultClientSecret).toEqual(expect.any(String));

    const read = await application.read(created.id, created.outs);
    expect(calls()).toEqual(["GET /v1/applications/:appId"]);
    expect(read.inputs).toEqual(inputs);

    const changed = { ...inputs, appDescription: "changed" };
    const updated = await update(application, created.id, created.outs, changed);
    expect(calls()).toEqual(["PUT /v1/applications/:appId"]);
    expect(updated.outs).toMatchObject({ appDescription: "changed", defaultClientId: created.outs.defaultClientId });

    const localOnly = await update(application, created.id, updated.outs, { ...changed, importId: "ignored-after-create" });
    expect(calls()).toEqual([]);
    expect(localOnly.outs).toMatchObject({ importId: "ignored-after-create", defaultClientSecret: created.outs.defaultClientSecret });

    newDeployment(); // a later `pulumi up`: this deployment created (or adopted) the object, so its own delete would keep it
    await application.delete(created.id, updated.outs);
    await application.delete(created.id, updated.outs);
    expect(calls()).toEqual(["DELETE /v1/applications/:appId", "DELETE /v1/applications/:appId"]);
  });

  it("a refresh of an application deleted out of band drops it with a warning; a lookup of it fails with a code", async () => {
    const created = await create(application, await checked(application, { appName: uniqueName("gone") }));
    emu.admin.deleteApplication(created.id);
    expect(await application.read(created.id, created.outs)).toEqual({});
    expect(logged).toEqual([expect.stringMatching(/^warn application \S+ no longer exists \(deleted outside Pulumi\)/)]);
    const lookup = await errorOf(application.read(created.id, {}));
    expect(lookup).toMatchObject({ code: "MOSAIC_LOOKUP_NOT_FOUND", message: expect.stringContaining(created.id) });
  });

  it("a lookup (no managed inputs) reads every field the API returns, but keeps unmanaged secrets out", async () => {
    const created = await create(
      application,
      await checked(application, { appName: uniqueName("lookup"), loginUri: "https://a.example/login" }),
    );
    const lookup = await application.read(created.id, {});
    expect(lookup.inputs).toMatchObject({
      appName: created.outs.appName,
      loginUri: "https://a.example/login",
      clientDisplayName: expect.any(String),
    });
    expect(JSON.stringify(lookup.props)).not.toMatch(/login_preferences|loginPreferences/);
  });

  it("an update that renames the default client is seen by the next client read, which lists again", async () => {
    const created = await create(application, await checked(application, { appName: uniqueName("renamed"), clientDisplayName: "before" }));
    const defaultClientId = `${created.id}/${String(created.outs.defaultClientId)}`;
    expect((await client.read(defaultClientId, {})).inputs).toMatchObject({ name: "before" });
    await update(application, created.id, created.outs, { ...created.outs, clientDisplayName: "after" });
    calls();
    expect((await client.read(defaultClientId, {})).inputs).toMatchObject({ name: "after" });
    // One new list of the clients (and, for a lookup, the application's GET that tells a default client).
    expect(calls().sort()).toEqual(["GET /v1/applications/:appId", "GET /v1/applications/:appId/clients"]);
    await application.delete(created.id, created.outs);
  });

  it("a name clash fails with MOSAIC_NAME_TAKEN naming the existing id, and creates nothing", async () => {
    const appName = uniqueName("taken");
    const first = await create(application, await checked(application, { appName }));
    newDeployment();
    calls();
    const error = await errorOf(application.create(await checked(application, { appName })));
    expect(error).toMatchObject({ code: "MOSAIC_NAME_TAKEN", message: expect.stringContaining(`importId: "${first.id}"`) });
    // A rename without aliases is the likeliest cause, so the message offers aliases first, with an example.
    const message = String((error as Error).message);
    expect(message.indexOf("aliases: [{ name:")).toBeGreaterThan(-1);
    expect(message.indexOf("aliases")).toBeLessThan(message.indexOf("importId"));
    expect(message).toMatch(/MOSAIC_ADOPT_CREATED_SINCE=\d{4}-\d\d-\d\dT\d\d:\d\d:00Z pulumi up/);
    expect(calls()).toEqual(["POST /v1/applications", "GET /v1/applications"]);
  });

  it("adopts with importId: no write when it already matches, one PUT of the differing fields otherwise", async () => {
    const existing = await api.applications.create({ app_name: uniqueName("adopt"), client_display_name: "d", app_description: "old" });
    calls();
    const same = await create(
      application,
      await checked(application, { appName: existing.app_name, appDescription: "old", importId: existing.app_id }),
    );
    expect(calls()).toEqual(["GET /v1/applications/:appId"]);
    expect(same.id).toBe(existing.app_id);
    const converged = await create(
      application,
      await checked(application, { appName: existing.app_name, appDescription: "new", importId: existing.app_id }),
    );
    expect(calls()).toEqual(["GET /v1/applications/:appId", "PUT /v1/applications/:appId"]);
    expect(converged.outs.appDescription).toBe("new");
    expect((await api.applications.get({ app_id: existing.app_id })).app_description).toBe("new");
  });

  it("an importId that names nothing fails with MOSAIC_IMPORT_NOT_FOUND and creates nothing", async () => {
    calls();
    const error = await errorOf(application.create(await checked(application, { appName: uniqueName("none"), importId: "no-such-app" })));
    expect(error).toMatchObject({ code: "MOSAIC_IMPORT_NOT_FOUND" });
    expect(calls()).toEqual(["GET /v1/applications/:appId"]);
  });

  it("a failed adoption PUT keeps the id in state as partial state, without the default client's secret", async () => {
    const existing = await api.applications.create({ app_name: uniqueName("partial"), client_display_name: "d" });
    const defaultClientSecret = existing.client_secret ?? expect.unreachable("the API returns the default client's secret");
    emu.admin.setFaults([{ method: "PUT", route: "/v1/applications/:appId", kind: "status", status: 503 }]);
    const error = (await errorOf(
      application.create(await checked(application, { appName: existing.app_name, appDescription: "x", importId: existing.app_id })),
    )) as { code: string; id: string; message: string; properties: Record<string, unknown>; reasons: string[] };
    expect(error).toMatchObject({ code: "MOSAIC_PARTIAL_CREATE", id: existing.app_id, reasons: [error.message] });
    expect(error.properties).toMatchObject({ appId: existing.app_id, appName: existing.app_name });
    expect(JSON.stringify(error.properties)).not.toContain(defaultClientSecret);
  });
});

describe("Client handlers", () => {
  let appId: string;
  let defaultClientId: string;
  beforeAll(async () => {
    const app = await api.applications.create({ app_name: uniqueName("clients"), client_display_name: "default" });
    appId = app.app_id;
    defaultClientId = app.client_id ?? expect.unreachable("the API returns the default client's id");
  });

  it("create, read, update in place, delete; the secret is an output, the id is <applicationId>/<clientId>", async () => {
    const inputs = await checked(client, { applicationId: appId, name: uniqueName("web"), redirectUris: ["https://a.example/cb"] });
    expect(inputs.authenticationProtocol).toBe("oidc");
    calls();
    const created = await create(client, inputs);
    expect(calls()).toEqual(["POST /v1/applications/:appId/clients"]);
    expect(created.id).toBe(`${appId}/${created.outs.clientId}`);
    expect(created.outs).toMatchObject({ clientSecret: expect.any(String), isDefaultClient: false, authenticationProtocol: "oidc" });

    const read = await client.read(created.id, created.outs);
    expect(read.inputs).toEqual(inputs);
    const updated = await update(client, created.id, created.outs, { ...inputs, tokenExpiration: { accessTokenTtl: 600 } });
    expect(calls()).toEqual(["GET /v1/applications/:appId/clients", "PUT /v1/applications/:appId/clients/:clientId"]);
    expect(updated.outs).toMatchObject({ tokenExpiration: { accessTokenTtl: 600 }, clientSecret: created.outs.clientSecret });

    newDeployment(); // a later `pulumi up`: this deployment created (or adopted) the object, so its own delete would keep it
    await client.delete(created.id, updated.outs);
    expect(calls()).toEqual(["DELETE /v1/applications/:appId/clients/:clientId"]);
    expect(await client.read(created.id, updated.outs)).toEqual({});
    expect(logged.at(-1)).toMatch(/^warn client \S+ of application \S+ no longer exists/);
  });

  it("a lookup (an import) reports only fields that pass check, so the program pasted from it passes preview", async () => {
    const inputs = await checked(client, { applicationId: appId, name: uniqueName("imported"), redirectUris: ["https://a.example/cb"] });
    const created = await create(client, inputs);
    const lookup = await client.read(created.id, {});
    // The API answers an unset deviceAuthorization with empty URIs, which are not valid inputs.
    expect((await api.clients.get({ app_id: appId, client_id: String(created.outs.clientId) })).device_authorization).toMatchObject({
      approval_uri: "",
    });
    expect(lookup.inputs).not.toHaveProperty("deviceAuthorization");
    expect(lookup.props).not.toHaveProperty("deviceAuthorization");
    expect(lookup.props).toMatchObject({ clientId: created.outs.clientId, clientSecret: expect.any(String) });
    expect(lookup.inputs).toMatchObject({ applicationId: appId, name: inputs.name, redirectUris: ["https://a.example/cb"] });
    expect((await client.check({}, lookup.inputs ?? {})).failures).toEqual([]);
    expect(lookup.props).toMatchObject({ isDefaultClient: false });
    newDeployment(); // a later `pulumi up`: this deployment created (or adopted) the object, so its own delete would keep it
    await client.delete(created.id, created.outs);
  });

  it("a lookup of the default client marks it, so an imported default client is never deleted alone", async () => {
    calls();
    const lookup = await client.read(`${appId}/${defaultClientId}`, {});
    expect(lookup.props).toMatchObject({ clientId: defaultClientId, isDefaultClient: true });
    // One list of the application's clients, one GET of the application (which names its default client).
    expect(calls().sort()).toEqual(["GET /v1/applications/:appId", "GET /v1/applications/:appId/clients"]);
  });

  it("a SAML client gets the identity provider's outputs", async () => {
    const inputs = await checked(client, {
      applicationId: appId,
      name: uniqueName("sp"),
      authenticationProtocol: "saml",
      spEntityId: "urn:sp",
    });
    const created = await create(client, inputs);
    expect(created.outs).toMatchObject({ metadataUrl: expect.any(String), ssoUrl: expect.any(String), entityId: expect.any(String) });
  });

  it("adopting the default client marks it, and its delete leaves it to its application", async () => {
    const adopted = await create(
      client,
      await checked(client, { applicationId: appId, name: "default", redirectUris: ["https://a.example/d"], importId: defaultClientId }),
    );
    expect(adopted.outs.isDefaultClient).toBe(true);
    calls();
    newDeployment(); // a later `pulumi up`: this deployment created (or adopted) the object, so its own delete would keep it
    await client.delete(adopted.id, adopted.outs);
    expect(calls()).toEqual([]);
    expect(logged.at(-1)).toMatch(/^info client \S+ is the default client of application/);
    expect((await api.clients.get({ app_id: appId, client_id: defaultClientId })).client_id).toBe(defaultClientId);
  });

  it("adopting a client of the other protocol fails with MOSAIC_IMPORT_PROTOCOL_MISMATCH before any write", async () => {
    const saml = await api.clients.create(
      { app_id: appId },
      { name: uniqueName("sp"), authentication_protocol: "saml", sp_entity_id: "urn:x" },
    );
    calls();
    const inputs = await checked(client, {
      applicationId: appId,
      name: saml.name,
      redirectUris: ["https://a.example/cb"],
      importId: saml.client_id,
    });
    expect(await errorOf(client.create(inputs))).toMatchObject({ code: "MOSAIC_IMPORT_PROTOCOL_MISMATCH" });
    expect(calls().filter((call) => !call.startsWith("GET"))).toEqual([]);
  });

  it("a name clash with a client this deployment created says two resources of the program share the name", async () => {
    const name = uniqueName("dup");
    const first = await create(client, await checked(client, { applicationId: appId, name, redirectUris: ["https://a.example/cb"] }));
    const error = await errorOf(
      client.create(await checked(client, { applicationId: appId, name, redirectUris: ["https://a.example/cb"] })),
    );
    expect(error).toMatchObject({ code: "MOSAIC_NAME_TAKEN", message: expect.stringContaining(String(first.outs.clientId)) });
    expect((error as Error).message).toContain("two Client resources of one program have the same name");
  });

  it("diff: a replacement with importId set stops (MOSAIC_REPLACE_WITH_IMPORT_ID); a same-name replacement deletes first", async () => {
    const olds = { applicationId: appId, name: "web", authenticationProtocol: "oidc", redirectUris: ["https://a.example/cb"] };
    expect(await client.diff(`${appId}/c1`, olds, { ...olds, secretRotationTrigger: "2027" })).toEqual({
      changes: true,
      replaces: ["secretRotationTrigger"],
      deleteBeforeReplace: true,
      diffs: ["secretRotationTrigger"],
    });
    const error = await errorOf(client.diff(`${appId}/c1`, olds, { ...olds, secretRotationTrigger: "2027", importId: "c1" }));
    expect(error).toMatchObject({ code: "MOSAIC_REPLACE_WITH_IMPORT_ID" });
  });

  it("a malformed resource id fails with MOSAIC_INVALID_RESOURCE_ID, naming the form expected, before any request", async () => {
    calls();
    for (const id of ["no-slash", "a/b/c", "/c", "a/"]) {
      expect(await errorOf(client.read(id, {}))).toMatchObject({
        code: "MOSAIC_INVALID_RESOURCE_ID",
        message: expect.stringContaining(`"${id}" is not a Client id: expected "<applicationId>/<clientId>"`),
      });
      expect(await errorOf(clientResources.read(id, {}))).toMatchObject({
        code: "MOSAIC_INVALID_RESOURCE_ID",
        message: expect.stringContaining(`"${id}" is not a ClientResources id: expected "<applicationId>/<clientId>"`),
      });
    }
    expect(await errorOf(application.read(`${appId}/${defaultClientId}`, {}))).toMatchObject({
      code: "MOSAIC_INVALID_RESOURCE_ID",
      message: expect.stringContaining('is not an Application id: expected "<applicationId>"'),
    });
    expect(calls()).toEqual([]);
  });

  it("a failed adoption PUT keeps the id as partial state, without the client's secret", async () => {
    const existing = await api.clients.create({ app_id: appId }, { name: uniqueName("partial"), redirect_uris: ["https://a.example/cb"] });
    emu.admin.setFaults([{ method: "PUT", route: "/v1/applications/:appId/clients/:clientId", kind: "status", status: 503 }]);
    const inputs = await checked(client, {
      applicationId: appId,
      name: existing.name,
      redirectUris: ["https://b.example/cb"],
      importId: existing.client_id,
    });
    const error = (await errorOf(client.create(inputs))) as { code: string; id: string; properties: Record<string, unknown> };
    expect(error).toMatchObject({ code: "MOSAIC_PARTIAL_CREATE", id: `${appId}/${existing.client_id}` });
    expect(JSON.stringify(error.properties)).not.toContain(String(existing.client_secret));
  });
});

describe("ClientResources handlers", () => {
  it("create, read, update and delete the list with one PUT each; a gone client drops it", async () => {
    const app = await api.applications.create({ app_name: uniqueName("resources"), client_display_name: "default" });
    const clientId = app.client_id ?? expect.unreachable("the API returns the default client's id");
    const id = `${app.app_id}/${clientId}`;
    const inputs = await checked(clientResources, { applicationId: app.app_id, clientId, resourceIds: ["orders"] });
    calls();
    const created = await create(clientResources, inputs);
    expect(created).toEqual({ id, outs: { applicationId: app.app_id, clientId, resourceIds: ["orders"] } });
    expect((await clientResources.read(id, created.outs)).inputs).toEqual(created.outs);
    const updated = await update(clientResources, id, created.outs, { ...inputs, resourceIds: ["orders", "billing"] });
    expect(updated.outs?.resourceIds).toEqual(["orders", "billing"]);
    newDeployment(); // a later `pulumi up`: this deployment created (or adopted) the object, so its own delete would keep it
    await clientResources.delete(id, updated.outs);
    expect(calls()).toEqual([
      "PUT /v1/applications/:appId/clients/:clientId/resources",
      "GET /v1/applications/:appId/clients",
      "PUT /v1/applications/:appId/clients/:clientId/resources",
      "PUT /v1/applications/:appId/clients/:clientId/resources",
    ]);
    expect((await api.clients.get({ app_id: app.app_id, client_id: clientId })).resources ?? []).toEqual([]);
    emu.admin.deleteApplication(app.app_id);
    expect(await clientResources.read(id, created.outs)).toEqual({});
    await clientResources.delete(id, created.outs); // already gone: counts as done
  });

  it("a lookup (an import) by the client's id reads the list as inputs; a client that does not exist fails with a code", async () => {
    const app = await api.applications.create({ app_name: uniqueName("lookup-resources"), client_display_name: "default" });
    const clientId = app.client_id ?? expect.unreachable("the API returns the default client's id");
    await api.clients.updateResources({ app_id: app.app_id, client_id: clientId }, { resource_ids: ["orders"] });
    calls();
    const lookup = await clientResources.read(`${app.app_id}/${clientId}`, {});
    expect(lookup).toEqual({
      id: `${app.app_id}/${clientId}`,
      props: { applicationId: app.app_id, clientId, resourceIds: ["orders"] },
      inputs: { applicationId: app.app_id, clientId, resourceIds: ["orders"] },
    });
    expect(calls()).toEqual(["GET /v1/applications/:appId/clients"]);
    expect((await clientResources.check({}, lookup.inputs ?? {})).failures).toEqual([]);
    const missing = await errorOf(clientResources.read(`${app.app_id}/no-such-client`, {}));
    expect(missing).toMatchObject({ code: "MOSAIC_LOOKUP_NOT_FOUND", message: expect.stringContaining("no-such-client") });
    await api.applications.delete({ app_id: app.app_id });
  });
});
