// One live check per behaviour choice of the emulator (emulator/README.md, "Behaviour choices (where the API is
// silent)", numbered 1, 2, ...). The acceptance run performs each against the tenant and prints whether the
// emulator's choice held there. Adding a choice to the README means adding one entry here, with the same number;
// test/unit/acceptance-checks.test.ts fails until both lists agree.
import { unwrap, type RawApi, type RawAnswer } from "./raw-api";

export interface CheckContext {
  api: RawApi;
  /** A name under this run's prefix, e.g. name("dup") → "mosaic-acc-20260101120000-ab12-dup". */
  name(suffix: string): string;
  /** Creates an application under this run's prefix (cleaned up by the run) and returns its payload. */
  createApp(suffix: string, extra?: Record<string, unknown>): Promise<any>;
}

export interface BehaviourCheck {
  /** The choice's number in emulator/README.md. */
  choice: number;
  /** What the emulator chose, in a few words (the table's first column). */
  summary: string;
  /** Resolves when the tenant behaves as the emulator does; throws a Differs (or any error) when not. */
  check?: (context: CheckContext) => Promise<void>;
  /** Instead of `check`: why the choice cannot be observed through the API (emulator-only behaviour). */
  notObservable?: string;
}

/** The tenant answered differently from the emulator's choice. */
export class Differs extends Error {}

function expectThat(condition: unknown, observed: string): void {
  if (!condition) throw new Differs(observed);
}

const shown = (answer: RawAnswer): string => `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 160)}`;
const CALLBACK = "https://acceptance.example.com/callback";
const appPath = (appId: string): string => `/v1/applications/${encodeURIComponent(appId)}`;

export const BEHAVIOUR_CHECKS: readonly BehaviourCheck[] = [
  {
    choice: 1,
    summary: "creating an app creates its default client, named by the app's client_id",
    async check({ api, createApp }) {
      const app = await createApp("default-client");
      const clients = await api.call("GET", `${appPath(app.app_id)}/clients`);
      expectThat(clients.status === 200 && Array.isArray(clients.body), `list clients: ${shown(clients)}`);
      expectThat(
        clients.body.length === 1 && clients.body[0].client_id === app.client_id,
        `${clients.body.length} clients, default ${app.client_id}`,
      );
    },
  },
  {
    choice: 2,
    summary: "PUT keeps omitted fields; {} is a valid PUT",
    async check({ api, createApp }) {
      const app = await createApp("put-keeps", { app_description: "kept" });
      const put = await api.call("PUT", appPath(app.app_id), {});
      expectThat(put.status === 200, `PUT {}: ${shown(put)}`);
      expectThat(unwrap(put).app_description === "kept", `app_description after PUT {}: ${JSON.stringify(unwrap(put).app_description)}`);
    },
  },
  {
    choice: 3,
    summary: "null is rejected (400)",
    async check({ api, createApp }) {
      const app = await createApp("null");
      const put = await api.call("PUT", appPath(app.app_id), { app_description: null });
      expectThat(put.status === 400, `PUT {app_description: null}: ${shown(put)}`);
    },
  },
  {
    choice: 4,
    summary: "authentication_protocol in a client update is a 400",
    async check({ api, createApp }) {
      const app = await createApp("protocol");
      const put = await api.call("PUT", `${appPath(app.app_id)}/clients/${encodeURIComponent(app.client_id)}`, {
        authentication_protocol: "oidc",
      });
      expectThat(put.status === 400, `PUT client {authentication_protocol}: ${shown(put)}`);
    },
  },
  {
    choice: 5,
    summary: "unknown properties are a 400, nested ones too",
    async check({ api, createApp }) {
      const app = await createApp("unknown");
      const top = await api.call("PUT", appPath(app.app_id), { not_a_field: 1 });
      expectThat(top.status === 400, `PUT {not_a_field}: ${shown(top)}`);
    },
  },
  {
    choice: 6,
    summary: "a SAML body without authentication_protocol: saml is a 400",
    async check({ api, createApp, name }) {
      const app = await createApp("anyof");
      const post = await api.call("POST", `${appPath(app.app_id)}/clients`, { name: name("saml"), sp_entity_id: "urn:acc:sp" });
      expectThat(post.status === 400, `POST client {name, sp_entity_id}: ${shown(post)}`);
    },
  },
  {
    choice: 7,
    summary: "write-only fields are accepted and never returned",
    async check({ api, createApp, name }) {
      const app = await createApp("write-only");
      const post = await api.call("POST", `${appPath(app.app_id)}/clients`, {
        name: name("wo"),
        redirect_uris: [CALLBACK],
        is_third_party: false,
      });
      expectThat(post.status === 201, `POST client {is_third_party}: ${shown(post)}`);
      expectThat(!("is_third_party" in unwrap(post)), "is_third_party is returned");
    },
  },
  {
    choice: 8,
    summary: "custom_domain is a string in and {domain, updated_at, status} out",
    async check({ createApp, name }) {
      const domain = `${name("domain")}.example.com`;
      const app = await createApp("custom-domain", { custom_domain: domain });
      expectThat(app.custom_domain?.domain === domain, `custom_domain: ${JSON.stringify(app.custom_domain)}`);
    },
  },
  {
    choice: 9,
    summary: "client secrets are returned on every read",
    async check({ api, createApp }) {
      const app = await createApp("secrets");
      const client = await api.call("GET", `${appPath(app.app_id)}/clients/${encodeURIComponent(app.client_id)}`);
      expectThat(
        typeof unwrap(client)?.client_secret === "string" && unwrap(client).client_secret !== "",
        "GET client has no client_secret",
      );
    },
  },
  {
    choice: 10,
    summary: "login_preferences is on every app",
    async check({ createApp }) {
      const app = await createApp("login-preferences");
      expectThat(app.login_preferences && typeof app.login_preferences === "object", "no login_preferences on the app");
    },
  },
  {
    choice: 11,
    summary: "a duplicate app_name is a 409",
    async check({ api, createApp, name }) {
      await createApp("dup");
      const again = await api.call("POST", "/v1/applications", { app_name: name("dup"), client_display_name: name("dup") });
      expectThat(again.status === 409, `second create of one name: ${shown(again)}`);
    },
  },
  {
    choice: 12,
    summary: "deleting the default client is a 400; deleting an app deletes its clients",
    async check({ api, createApp }) {
      const app = await createApp("delete");
      const client = await api.call("DELETE", `${appPath(app.app_id)}/clients/${encodeURIComponent(app.client_id)}`);
      expectThat(client.status === 400, `DELETE default client: ${shown(client)}`);
      const deleted = await api.call("DELETE", appPath(app.app_id));
      expectThat(deleted.status === 204, `DELETE app: ${shown(deleted)}`);
      const after = await api.call("GET", `${appPath(app.app_id)}/clients/${encodeURIComponent(app.client_id)}`);
      expectThat(after.status === 404, `GET its client after the delete: ${after.status}`);
    },
  },
  {
    choice: 13,
    summary: "updated_at strictly increases on each write",
    async check({ api, createApp }) {
      const app = await createApp("updated-at");
      const put = await api.call("PUT", appPath(app.app_id), { app_description: "changed" });
      expectThat(
        Date.parse(unwrap(put).updated_at) > Date.parse(app.updated_at),
        `updated_at ${app.updated_at} → ${unwrap(put).updated_at}`,
      );
    },
  },
  {
    choice: 14,
    summary: "server defaults (OIDC client: web, client_secret_basic, access_token_ttl 3600)",
    async check({ api, createApp, name }) {
      const app = await createApp("defaults");
      const post = await api.call("POST", `${appPath(app.app_id)}/clients`, { name: name("defaults-client"), redirect_uris: [CALLBACK] });
      const client = unwrap(post);
      expectThat(post.status === 201, `POST client {name}: ${shown(post)}`);
      const seen = [client.client_type, client.token_endpoint_auth_method, client.token_expiration?.access_token_ttl];
      expectThat(JSON.stringify(seen) === JSON.stringify(["web", "client_secret_basic", 3600]), `defaults ${JSON.stringify(seen)}`);
    },
  },
  {
    choice: 15,
    summary: "clients list in creation order; the clients of an unknown app are a 404",
    async check({ api }) {
      const unknown = await api.call("GET", `${appPath("acceptance-no-such-app")}/clients`);
      expectThat(unknown.status === 404, `list clients of an unknown app: ${unknown.status}`);
    },
  },
  {
    choice: 16,
    summary: "the management token's scope is apps:create apps:read apps:list apps:edit apps:delete",
    async check({ api }) {
      const scope = String(api.tokenAnswer.scope ?? "").split(" ");
      const wanted = ["apps:create", "apps:read", "apps:list", "apps:edit", "apps:delete"];
      expectThat(
        wanted.every((item) => scope.includes(item)),
        `scope ${JSON.stringify(api.tokenAnswer.scope)}`,
      );
    },
  },
  {
    choice: 17,
    summary: "malformed JSON is a 400; unknown routes are a 404",
    async check({ api }) {
      const malformed = await api.call("POST", "/v1/applications", "{not json");
      expectThat(malformed.status === 400, `malformed JSON: ${malformed.status}`);
      const unknown = await api.call("GET", "/v1/acceptance-no-such-route");
      expectThat(unknown.status === 404, `unknown route: ${unknown.status}`);
    },
  },
  { choice: 18, summary: "the state file", notObservable: "the emulator's own persistence; a tenant has none to compare" },
  { choice: 19, summary: "ids from a seeded generator", notObservable: "how the emulator makes ids; a tenant's ids are its own" },
  {
    choice: 20,
    summary: "signing keys take the app as ?app_id=; create is a 201 with the bare key, status signing; names unique per app",
    async check({ api, createApp, name }) {
      const app = await createApp("signing-keys");
      const keys = `/v1/applications/signing-keys?app_id=${encodeURIComponent(app.app_id)}`;
      const withoutApp = await api.call("POST", "/v1/applications/signing-keys", { name: name("key-no-app") });
      expectThat(withoutApp.status === 400, `create without app_id: ${shown(withoutApp)}`);
      const created = await api.call("POST", keys, { name: name("key") });
      expectThat(created.status === 201, `create: ${shown(created)}`);
      const key = created.body as Record<string, unknown>;
      // Deleted here, not left to the application's delete: whether that cascades to keys is part of the choice.
      try {
        expectThat(key.app_id === app.app_id && key.status === "signing", `created key ${shown(created)}`);
        const again = await api.call("POST", keys, { name: name("key") });
        expectThat(again.status === 409, `second key of the same name: ${shown(again)}`);
      } finally {
        await api.call(
          "DELETE",
          `/v1/applications/signing-keys/${encodeURIComponent(String(key.id))}?app_id=${encodeURIComponent(app.app_id)}`,
        );
      }
    },
  },
];
