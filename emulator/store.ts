// The emulator's state: applications and their clients, kept exactly as the API returns them, plus the
// write-only values the API accepts but never returns. All the API's write semantics live here (create with a
// default client, PUT that keeps omitted fields and replaces objects whole, cascading deletes, name conflicts);
// request validation happens before (routes.ts), so everything reaching this file is well-formed.
import type { Clock } from "./clock";
import {
  defaultAppFields,
  defaultOidcClientFields,
  defaultSamlClientFields,
  newClientSecret,
  placeholderLoginPreferences,
} from "./defaults";
import { badRequest, conflict, notFound } from "./errors";
import { SigningKeyStore } from "./signing-keys";

export type Fields = Record<string, unknown>;
export type Protocol = "oidc" | "saml";

interface StoredClient {
  fields: Fields;
  writeOnly: Fields;
  /** Serialized response, dropped on every change (reads dominate; see bench/emulator.ts). */
  json?: string;
}

interface StoredApp {
  fields: Fields;
  defaultClientId: string;
  /** In creation order, the default client first. */
  clientIds: string[];
  writeOnly: Fields;
  json?: string;
}

export interface StoreSnapshot {
  apps: { fields: Fields; defaultClientId: string; clientIds: string[]; writeOnly: Fields }[];
  clients: { fields: Fields; writeOnly: Fields }[];
  /** Absent in state files written before signing keys existed. */
  signingKeys?: Fields[];
}

interface StoreOptions {
  tenantId: string;
  /** created_by of new apps: the management client that created them. */
  createdBy: string;
  newId(isFree: (id: string) => boolean): string;
  clock: Clock;
  /** http://host:port of the running server, for the SAML URLs it generates. */
  publicOrigin(): string;
  /** Called after every change (the state file is flushed from here). */
  onChange(): void;
}

/** Deprecated app fields that mirror the default client (docs/api-behaviour.md#the-default-client): app field → client field. */
const APP_TO_DEFAULT_CLIENT: Readonly<Record<string, string>> = {
  client_display_name: "name",
  client_description: "description",
  redirect_uris: "redirect_uris",
  resources: "resources",
  client_type: "client_type",
  device_authorization: "device_authorization",
  ciba_authorization: "ciba_authorization",
  client_auth_method: "token_endpoint_auth_method",
};

const APP_WRITE_ONLY = new Set(["first_client", "first_client_authentication_protocol", "should_delete_signing_key"]);
const CLIENT_WRITE_ONLY: Readonly<Record<Protocol, ReadonlySet<string>>> = {
  oidc: new Set(["role_ids", "is_third_party", "allowed_scopes", "consent_uri", "consent_validity_period"]),
  saml: new Set(["supported_prompts"]),
};
/** Fields a SAML client has, among the ones the deprecated app mirrors can write. */
const SAML_MIRRORED_FIELDS = new Set(["name", "description", "resources"]);
/** Keys an out-of-band mutation may not set: the store is keyed by the ids; the rest would rewrite prototypes. */
const FORBIDDEN_PATCH_KEYS = new Set(["app_id", "client_id", "tenant_id", "__proto__", "constructor", "prototype"]);

const copy = <T>(value: T): T => structuredClone(value);

export class Store {
  private readonly apps = new Map<string, StoredApp>();
  private readonly clients = new Map<string, StoredClient>();

  /** The applications' token signing keys (signing-keys.ts). */
  readonly signingKeys: SigningKeyStore;

  constructor(private readonly options: StoreOptions) {
    this.signingKeys = new SigningKeyStore({
      tenantId: options.tenantId,
      clock: options.clock,
      newId: (isFree) => options.newId((id) => isFree(id) && !this.isIdInUse(id)),
      assertAppExists: (appId) => void this.app(appId),
      onChange: () => this.changed(),
    });
  }

  // ---- applications -------------------------------------------------------------------------------------------

  createApp(body: Fields): Fields {
    this.assertAppNameFree(body.app_name as string, undefined);
    const appId = this.newId();
    const now = this.options.clock.nowIso();
    const firstClient = body.first_client as Fields | undefined;
    let clientBody: Fields;
    let protocol: Protocol;
    if (firstClient) {
      protocol = (body.first_client_authentication_protocol ?? firstClient.authentication_protocol ?? "oidc") as Protocol;
      clientBody = firstClient;
    } else {
      protocol = "oidc";
      clientBody = {};
      for (const [appKey, clientKey] of Object.entries(APP_TO_DEFAULT_CLIENT)) {
        if (body[appKey] !== undefined) clientBody[clientKey] = body[appKey];
      }
    }
    const client = this.buildClient(appId, protocol, clientBody, now);
    const app: StoredApp = {
      fields: {
        app_id: appId,
        tenant_id: this.options.tenantId,
        app_name: body.app_name,
        ...defaultAppFields(),
        login_preferences: placeholderLoginPreferences(),
        created_at: now,
        created_by: this.options.createdBy,
        updated_at: now,
      },
      defaultClientId: client.fields.client_id as string,
      clientIds: [client.fields.client_id as string],
      writeOnly: {},
    };
    this.applyAppFields(app, body, now);
    this.apps.set(appId, app);
    this.clients.set(app.defaultClientId, client);
    this.changed();
    return this.appView(app, true);
  }

  listApps(): Fields[] {
    return [...this.apps.values()].map((app) => this.appView(app, false));
  }

  listAppsBasic(): Fields[] {
    return [...this.apps.values()].map(({ fields }) => {
      const basic: Fields = {
        app_id: fields.app_id,
        tenant_id: fields.tenant_id,
        app_name: fields.app_name,
        app_description: fields.app_description,
      };
      if (fields.login_uri !== undefined) basic.login_uri = fields.login_uri;
      if (fields.application_type !== undefined) basic.application_type = fields.application_type;
      return basic;
    });
  }

  /** `{"result": app}` as JSON text, cached between writes: the hot path of every read-heavy client. */
  getAppResultJson(appId: string): string {
    const app = this.app(appId);
    return (app.json ??= JSON.stringify({ result: this.appView(app, true) }));
  }

  updateApp(appId: string, body: Fields): Fields {
    const app = this.app(appId);
    if (typeof body.app_name === "string") this.assertAppNameFree(body.app_name, appId);
    const defaultClient = this.client(appId, app.defaultClientId);
    const clientPatch = this.defaultClientPatch(defaultClient, body);
    if (typeof clientPatch.name === "string") this.assertClientNameFree(app, clientPatch.name, app.defaultClientId);
    const now = this.options.clock.nowIso();
    this.applyAppFields(app, body, now);
    app.fields.updated_at = now;
    if (Object.keys(clientPatch).length > 0) this.patchClient(defaultClient, clientPatch, now);
    this.changedApp(app);
    return this.appView(app, true);
  }

  updateAppResources(appId: string, resourceIds: string[]): Fields {
    const app = this.app(appId);
    const now = this.options.clock.nowIso();
    this.patchClient(this.client(appId, app.defaultClientId), { resources: copy(resourceIds) }, now);
    app.fields.updated_at = now;
    this.changedApp(app);
    return this.appView(app, true);
  }

  deleteApp(appId: string): void {
    const app = this.app(appId);
    for (const clientId of app.clientIds) this.clients.delete(clientId);
    this.signingKeys.deleteForApp(appId);
    this.apps.delete(appId);
    this.changed();
  }

  // ---- clients ------------------------------------------------------------------------------------------------

  createClient(appId: string, protocol: Protocol, body: Fields): Fields {
    const app = this.app(appId);
    this.assertClientNameFree(app, body.name as string, undefined);
    const client = this.buildClient(appId, protocol, body, this.options.clock.nowIso());
    const clientId = client.fields.client_id as string;
    this.clients.set(clientId, client);
    app.clientIds.push(clientId);
    this.changedApp(app);
    return client.fields;
  }

  listClients(appId: string): Fields[] {
    return this.app(appId).clientIds.map((id) => this.clients.get(id)!.fields);
  }

  getClientJson(appId: string, clientId: string): string {
    const client = this.client(appId, clientId);
    return (client.json ??= JSON.stringify(client.fields));
  }

  protocolOf(appId: string, clientId: string): Protocol {
    return this.client(appId, clientId).fields.authentication_protocol as Protocol;
  }

  updateClient(appId: string, clientId: string, body: Fields): Fields {
    const app = this.app(appId);
    const client = this.client(appId, clientId);
    if (typeof body.name === "string") this.assertClientNameFree(app, body.name, clientId);
    this.patchClient(client, body, this.options.clock.nowIso());
    this.changedApp(app);
    return client.fields;
  }

  updateClientResources(appId: string, clientId: string, resourceIds: string[]): Fields {
    return this.updateClient(appId, clientId, { resources: resourceIds });
  }

  deleteClient(appId: string, clientId: string): void {
    const app = this.app(appId);
    this.client(appId, clientId);
    if (clientId === app.defaultClientId) {
      throw badRequest([
        "an application requires at least one client: the default client cannot be deleted (delete the application instead)",
      ]);
    }
    this.clients.delete(clientId);
    app.clientIds = app.clientIds.filter((id) => id !== clientId);
    this.changedApp(app);
  }

  /** Removes every client but the default one, which the application cannot exist without. */
  deleteAllClients(appId: string): void {
    const app = this.app(appId);
    for (const clientId of app.clientIds) if (clientId !== app.defaultClientId) this.clients.delete(clientId);
    app.clientIds = [app.defaultClientId];
    this.changedApp(app);
  }

  // ---- out-of-band changes (admin) ----------------------------------------------------------------------------

  /**
   * An admin-portal edit: no validation and no conflict checks. Mirror fields go to the default client,
   * custom_domain takes the input (string) form, unknown keys are stored and returned as-is, null removes a field.
   */
  mutateApplication(appId: string, patch: Fields): void {
    const app = this.app(appId);
    assertSafePatch(patch);
    const now = this.options.clock.nowIso();
    const clientPatch: Fields = {};
    for (const [key, value] of Object.entries(patch)) {
      const clientKey = APP_TO_DEFAULT_CLIENT[key];
      if (clientKey) clientPatch[clientKey] = value;
      else if (key === "custom_domain" && typeof value === "string") this.setCustomDomain(app, value, now);
      else setOrRemove(app.fields, key, value);
    }
    if (!("updated_at" in patch)) app.fields.updated_at = now;
    if (Object.keys(clientPatch).length > 0) {
      this.mutateStoredClient(this.client(appId, app.defaultClientId), clientPatch, now);
    }
    this.changedApp(app);
  }

  mutateClient(appId: string, clientId: string, patch: Fields): void {
    const app = this.app(appId);
    assertSafePatch(patch);
    this.mutateStoredClient(this.client(appId, clientId), patch, this.options.clock.nowIso());
    this.changedApp(app);
  }

  writeOnlyFields(appId: string, clientId?: string): Fields {
    return copy(clientId === undefined ? this.app(appId).writeOnly : this.client(appId, clientId).writeOnly);
  }

  /** Every app (with logo), client and signing key, deep-copied, exactly as the API returns them. */
  dump(): { applications: Fields[]; clients: Fields[]; signingKeys: Fields[] } {
    return copy({
      applications: [...this.apps.values()].map((app) => this.appView(app, true)),
      clients: [...this.clients.values()].map((client) => client.fields),
      signingKeys: this.signingKeys.all(),
    });
  }

  snapshot(): StoreSnapshot {
    return copy({
      apps: [...this.apps.values()].map(({ fields, defaultClientId, clientIds, writeOnly }) => ({
        fields,
        defaultClientId,
        clientIds,
        writeOnly,
      })),
      clients: [...this.clients.values()].map(({ fields, writeOnly }) => ({ fields, writeOnly })),
      signingKeys: this.signingKeys.all(),
    });
  }

  restore(snapshot: StoreSnapshot): void {
    this.apps.clear();
    this.clients.clear();
    this.signingKeys.restore(snapshot.signingKeys ?? []);
    for (const client of snapshot.clients) {
      this.clients.set(client.fields.client_id as string, { fields: copy(client.fields), writeOnly: copy(client.writeOnly) });
    }
    for (const app of snapshot.apps) {
      this.apps.set(app.fields.app_id as string, {
        fields: copy(app.fields),
        defaultClientId: app.defaultClientId,
        clientIds: [...app.clientIds],
        writeOnly: copy(app.writeOnly),
      });
    }
  }

  reset(): void {
    this.apps.clear();
    this.clients.clear();
    this.signingKeys.clear();
    this.changed();
  }

  isIdInUse(id: string): boolean {
    return this.apps.has(id) || this.clients.has(id) || this.signingKeys.has(id);
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private newId(): string {
    return this.options.newId((id) => !this.isIdInUse(id));
  }

  private app(appId: string): StoredApp {
    const app = this.apps.get(appId);
    if (!app) throw notFound(`Application ${appId} not found`);
    return app;
  }

  private client(appId: string, clientId: string): StoredClient {
    const client = this.clients.get(clientId);
    if (!client || client.fields.app_id !== appId) throw notFound(`Client ${clientId} not found`);
    return client;
  }

  private buildClient(appId: string, protocol: Protocol, body: Fields, now: string): StoredClient {
    const clientId = this.newId();
    const defaults =
      protocol === "saml"
        ? defaultSamlClientFields(this.options.publicOrigin(), this.options.tenantId, clientId)
        : defaultOidcClientFields();
    const client: StoredClient = {
      fields: {
        app_id: appId,
        tenant_id: this.options.tenantId,
        client_id: clientId,
        client_secret: newClientSecret(),
        name: body.name,
        ...defaults,
        authentication_protocol: protocol,
        created_at: now,
        updated_at: now,
      },
      writeOnly: {},
    };
    for (const [key, value] of Object.entries(body)) {
      if (key !== "authentication_protocol") this.assignClientField(client, key, value);
    }
    return client;
  }

  private assignClientField(client: StoredClient, key: string, value: unknown): void {
    const protocol = client.fields.authentication_protocol as Protocol;
    if (CLIENT_WRITE_ONLY[protocol].has(key)) client.writeOnly[key] = copy(value);
    else client.fields[key] = copy(value);
  }

  /** PUT semantics: keys present replace the stored value whole (objects and arrays included); omitted keys stay. */
  private patchClient(client: StoredClient, patch: Fields, now: string): void {
    for (const [key, value] of Object.entries(patch)) this.assignClientField(client, key, value);
    client.fields.updated_at = now;
    client.json = undefined;
  }

  private mutateStoredClient(client: StoredClient, patch: Fields, now: string): void {
    for (const [key, value] of Object.entries(patch)) setOrRemove(client.fields, key, value);
    if (!("updated_at" in patch)) client.fields.updated_at = now;
    client.json = undefined;
  }

  /** The default-client part of an app create/update body, limited to fields the client's protocol has. */
  private defaultClientPatch(defaultClient: StoredClient, body: Fields): Fields {
    const isSaml = defaultClient.fields.authentication_protocol === "saml";
    const patch: Fields = {};
    for (const [appKey, clientKey] of Object.entries(APP_TO_DEFAULT_CLIENT)) {
      if (body[appKey] === undefined) continue;
      if (isSaml && !SAML_MIRRORED_FIELDS.has(clientKey)) continue;
      patch[clientKey] = body[appKey];
    }
    return patch;
  }

  /** The app-level part of a create/update body (mirrors go to the default client, elsewhere). */
  private applyAppFields(app: StoredApp, body: Fields, now: string): void {
    for (const [key, value] of Object.entries(body)) {
      if (APP_TO_DEFAULT_CLIENT[key]) continue;
      if (APP_WRITE_ONLY.has(key)) app.writeOnly[key] = copy(value);
      else if (key === "custom_domain") this.setCustomDomain(app, value as string, now);
      else app.fields[key] = copy(value);
    }
  }

  /** custom_domain is a string on input and an object on output; "" removes it, the same domain keeps its status. */
  private setCustomDomain(app: StoredApp, domain: string, now: string): void {
    const current = app.fields.custom_domain as { domain?: string } | undefined;
    if (domain === "") delete app.fields.custom_domain;
    else if (current?.domain !== domain) app.fields.custom_domain = { domain, updated_at: now, status: "pending" };
  }

  private assertAppNameFree(name: string, exceptAppId: string | undefined): void {
    for (const app of this.apps.values()) {
      if (app.fields.app_name === name && app.fields.app_id !== exceptAppId) {
        throw conflict(`An application named "${name}" already exists`);
      }
    }
  }

  private assertClientNameFree(app: StoredApp, name: string, exceptClientId: string | undefined): void {
    for (const clientId of app.clientIds) {
      if (clientId !== exceptClientId && this.clients.get(clientId)?.fields.name === name) {
        throw conflict(`A client named "${name}" already exists in this application`);
      }
    }
  }

  private appView(app: StoredApp, withLogo: boolean): Fields {
    const view: Fields = { ...app.fields };
    const client = this.clients.get(app.defaultClientId);
    if (client) {
      view.client_id = client.fields.client_id;
      view.client_secret = client.fields.client_secret;
      for (const [appKey, clientKey] of Object.entries(APP_TO_DEFAULT_CLIENT)) {
        if (client.fields[clientKey] !== undefined) view[appKey] = client.fields[clientKey];
      }
    }
    if (!withLogo) delete view.logo;
    return view;
  }

  private changedApp(app: StoredApp): void {
    app.json = undefined;
    this.changed();
  }

  private changed(): void {
    this.options.onChange();
  }
}

function assertSafePatch(patch: Fields): void {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) throw new TypeError("a patch must be an object");
  for (const key of Object.keys(patch)) {
    if (FORBIDDEN_PATCH_KEYS.has(key)) throw new TypeError(`${key} cannot be changed out of band`);
  }
}

function setOrRemove(target: Fields, key: string, value: unknown): void {
  if (value === null || value === undefined) delete target[key];
  else target[key] = copy(value);
}
