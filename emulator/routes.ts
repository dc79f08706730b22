// The Applications API's operations (docs/api-behaviour.md#operations) under the /cis base: a precompiled route table,
// the request checks each operation makes before touching the store, and the response envelopes (apps wrapped in
// `{result}`, clients bare).
import { badRequest } from "./errors";
import { appIdOf } from "./signing-keys";
import type { Fields, Protocol, Store } from "./store";
import { validateRequestBody } from "./validation";
import type { RequestSchemaName } from "./validation";

type RouteResult = { status: 200 | 201; json: string } | { status: 204 };

interface RouteParams {
  appId: string;
  clientId: string;
  /** The `{id}` of a signing-key path. */
  keyId: string;
}

interface ApiRoute {
  method: string;
  /** As the request log names it, e.g. "/v1/applications/:appId/clients". */
  template: string;
  /** Whether the operation reads a JSON body. */
  hasBody: boolean;
  handle(store: Store, params: RouteParams, body: unknown, query: URLSearchParams): RouteResult;
}

interface CompiledRoute extends ApiRoute {
  /** Literal segments as strings, parameters as their name prefixed with ":". */
  segments: readonly string[];
}

const wrap = (value: unknown): RouteResult => ({ status: 200, json: JSON.stringify({ result: value }) });
const bare = (value: unknown): RouteResult => ({ status: 200, json: JSON.stringify(value) });
const NO_CONTENT: RouteResult = { status: 204 };

function checked(body: unknown, schema: RequestSchemaName): Fields {
  const problems = validateRequestBody(body, schema);
  if (problems.length > 0) throw badRequest(problems);
  return body as Fields;
}

/** A rule the schemas cannot express (their descriptions state it): checked after the schema passes. */
function assertUserInfoClaimsExclusive(body: Fields, path = ""): void {
  if (Array.isArray(body.default_user_info_claims) && body.sync_id_token_claims_to_userinfo === true) {
    const prefix = path === "" ? "" : `${path}.`;
    throw badRequest([`${prefix}default_user_info_claims cannot be sent together with ${prefix}sync_id_token_claims_to_userinfo=true`]);
  }
}

const CREATE_CLIENT_SCHEMA: Readonly<Record<Protocol, RequestSchemaName>> = {
  oidc: "ApiCreateOidcClientInput",
  saml: "ApiCreateSamlClientInput",
};
const UPDATE_CLIENT_SCHEMA: Readonly<Record<Protocol, RequestSchemaName>> = {
  oidc: "ApiUpdateOidcClientInput",
  saml: "ApiUpdateSamlClientInput",
};

/**
 * The create-client body is an `anyOf` without a discriminator; `authentication_protocol` (default "oidc") picks
 * the variant and the body must satisfy that one, so a SAML-shaped body without the protocol is a 400 rather
 * than an OIDC client with stray SAML fields.
 */
function protocolOfCreateBody(body: unknown): Protocol {
  const declared = typeof body === "object" && body !== null ? (body as Fields).authentication_protocol : undefined;
  return declared === "saml" ? "saml" : "oidc";
}

function checkedAppCreate(body: unknown): Fields {
  const app = checked(body, "ApiCreateAppInput");
  const firstClient = app.first_client as Fields | undefined;
  const declared = app.first_client_authentication_protocol as Protocol | undefined;
  if (!firstClient) {
    if (declared === "saml") throw badRequest(["first_client is required when first_client_authentication_protocol is saml"]);
    return app;
  }
  const inner = firstClient.authentication_protocol as Protocol | undefined;
  if (declared && inner && declared !== inner) {
    throw badRequest(["first_client.authentication_protocol must equal first_client_authentication_protocol"]);
  }
  const problems = validateRequestBody(firstClient, CREATE_CLIENT_SCHEMA[declared ?? inner ?? "oidc"], "first_client");
  if (problems.length > 0) throw badRequest(problems);
  assertUserInfoClaimsExclusive(firstClient, "first_client");
  return app;
}

const ROUTES: readonly ApiRoute[] = [
  {
    method: "POST",
    template: "/v1/applications",
    hasBody: true,
    handle: (store, _params, body) => ({ status: 201, json: JSON.stringify({ result: store.createApp(checkedAppCreate(body)) }) }),
  },
  { method: "GET", template: "/v1/applications", hasBody: false, handle: (store) => wrap(store.listApps()) },
  // Before "/v1/applications/:appId", which would otherwise read "list" as an app id.
  { method: "GET", template: "/v1/applications/list", hasBody: false, handle: (store) => wrap(store.listAppsBasic()) },
  // Signing keys: before "/v1/applications/:appId…", which would otherwise read "signing-keys" as an app id. The
  // application is the `app_id` query parameter (signing-keys.ts); creates answer a bare 201 key, the list a bare array.
  {
    method: "POST",
    template: "/v1/applications/signing-keys",
    hasBody: true,
    handle: (store, _params, body, query) => {
      const { name } = checked(body, "CreateTokenSigningKeyInput");
      return { status: 201, json: JSON.stringify(store.signingKeys.create(appIdOf(query), name as string)) };
    },
  },
  {
    method: "GET",
    template: "/v1/applications/signing-keys",
    hasBody: false,
    handle: (store, _params, _body, query) => bare(store.signingKeys.list(appIdOf(query))),
  },
  {
    method: "POST",
    template: "/v1/applications/signing-keys/upload",
    hasBody: true,
    handle: (store, _params, body, query) => {
      const { name, jwk } = checked(body, "UploadTokenSigningKey");
      return { status: 201, json: JSON.stringify(store.signingKeys.upload(appIdOf(query), name as string, jwk as Fields)) };
    },
  },
  {
    method: "PUT",
    template: "/v1/applications/signing-keys/:keyId",
    hasBody: true,
    handle: (store, { keyId }, body, query) =>
      bare(store.signingKeys.update(appIdOf(query), keyId, checked(body, "UpdateTokenSigningKey"))),
  },
  {
    method: "DELETE",
    template: "/v1/applications/signing-keys/:keyId",
    hasBody: false,
    handle: (store, { keyId }, _body, query) => (store.signingKeys.delete(appIdOf(query), keyId), NO_CONTENT),
  },
  {
    method: "GET",
    template: "/v1/applications/:appId",
    hasBody: false,
    handle: (store, { appId }) => ({ status: 200, json: store.getAppResultJson(appId) }),
  },
  {
    method: "PUT",
    template: "/v1/applications/:appId",
    hasBody: true,
    handle: (store, { appId }, body) => wrap(store.updateApp(appId, checked(body, "ApiUpdateAppInput"))),
  },
  {
    method: "DELETE",
    template: "/v1/applications/:appId",
    hasBody: false,
    handle: (store, { appId }) => (store.deleteApp(appId), NO_CONTENT),
  },
  {
    method: "PUT",
    template: "/v1/applications/:appId/resources",
    hasBody: true,
    handle: (store, { appId }, body) => {
      const { resource_ids } = checked(body, "ApiUpdateResourceInAppInput");
      return wrap(store.updateAppResources(appId, resource_ids as string[]));
    },
  },
  {
    method: "POST",
    template: "/v1/applications/:appId/clients",
    hasBody: true,
    handle: (store, { appId }, body) => {
      const protocol = protocolOfCreateBody(body);
      const client = checked(body, CREATE_CLIENT_SCHEMA[protocol]);
      assertUserInfoClaimsExclusive(client);
      return { status: 201, json: JSON.stringify(store.createClient(appId, protocol, client)) };
    },
  },
  {
    method: "GET",
    template: "/v1/applications/:appId/clients",
    hasBody: false,
    handle: (store, { appId }) => bare(store.listClients(appId)),
  },
  {
    method: "DELETE",
    template: "/v1/applications/:appId/clients",
    hasBody: false,
    handle: (store, { appId }) => (store.deleteAllClients(appId), NO_CONTENT),
  },
  {
    method: "GET",
    template: "/v1/applications/:appId/clients/:clientId",
    hasBody: false,
    handle: (store, { appId, clientId }) => ({ status: 200, json: store.getClientJson(appId, clientId) }),
  },
  {
    method: "PUT",
    template: "/v1/applications/:appId/clients/:clientId",
    hasBody: true,
    handle: (store, { appId, clientId }, body) => {
      // The update variant follows the stored client's protocol, so the client must exist first (404 before 400).
      const update = checked(body, UPDATE_CLIENT_SCHEMA[store.protocolOf(appId, clientId)]);
      assertUserInfoClaimsExclusive(update);
      return bare(store.updateClient(appId, clientId, update));
    },
  },
  {
    method: "DELETE",
    template: "/v1/applications/:appId/clients/:clientId",
    hasBody: false,
    handle: (store, { appId, clientId }) => (store.deleteClient(appId, clientId), NO_CONTENT),
  },
  {
    method: "PUT",
    template: "/v1/applications/:appId/clients/:clientId/resources",
    hasBody: true,
    handle: (store, { appId, clientId }, body) => {
      const { resource_ids } = checked(body, "ApiUpdateResourceInAppInput");
      return bare(store.updateClientResources(appId, clientId, resource_ids as string[]));
    },
  },
];

const COMPILED: readonly CompiledRoute[] = ROUTES.map((route) => ({
  ...route,
  segments: route.template.split("/").filter((segment) => segment !== ""),
}));

/** Routes by segment count, so a lookup only compares against routes of the right length. */
const BY_LENGTH = new Map<number, CompiledRoute[]>();
for (const route of COMPILED) {
  const list = BY_LENGTH.get(route.segments.length) ?? [];
  list.push(route);
  BY_LENGTH.set(route.segments.length, list);
}

export interface RouteMatch {
  route: ApiRoute;
  params: RouteParams;
}

/** `path` is relative to /cis and has no query string; a trailing slash is ignored (as Express does). */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split("/");
  // split("/v1/x") starts with ""; a trailing slash adds one more "".
  const start = 1;
  const end = segments[segments.length - 1] === "" && segments.length > 2 ? segments.length - 1 : segments.length;
  const candidates = BY_LENGTH.get(end - start);
  if (!candidates) return undefined;
  for (const route of candidates) {
    if (route.method !== method) continue;
    const params: RouteParams = { appId: "", clientId: "", keyId: "" };
    let matched = true;
    for (let i = 0; i < route.segments.length; i++) {
      const expected = route.segments[i]!;
      const actual = segments[start + i]!;
      if (expected.charCodeAt(0) === 58 /* ":" */) {
        if (actual === "") {
          matched = false;
          break;
        }
        params[expected.slice(1) as keyof RouteParams] = decodeSegment(actual);
      } else if (expected !== actual) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, params };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  if (segment.indexOf("%") === -1) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
