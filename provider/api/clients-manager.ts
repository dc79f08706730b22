// Typed operations on an application's clients, shaped like Auth0's ClientsManager. Client responses are bare
// objects (not wrapped in `{result}`); both shapes are accepted anyway (see schemas.ts).

import type { ApplicationsManager } from "./applications-manager";
import { requireId, type RequestOptions } from "./manager-support";
import { reconcileCreate } from "./reconcile-create";
import { sendApiRequest, type PipelineContext } from "./request";
import { parseClient, parseClientList, type ClientRecord } from "./schemas";
import type { CreateClientInput, UpdateClientInput, UpdateResourcesInput } from "./wire-types";

/** Path parameters of operations on an application's client collection. */
export interface ClientCollectionParams {
  app_id: string;
}

/** Path parameters of single-client operations. */
export interface ClientParams {
  app_id: string;
  client_id: string;
}

const ROUTES = Object.freeze({
  collection: "/v1/applications/:appId/clients",
  item: "/v1/applications/:appId/clients/:clientId",
  resources: "/v1/applications/:appId/clients/:clientId/resources",
});

function collectionPath(appId: string): string {
  return `/v1/applications/${encodeURIComponent(appId)}/clients`;
}

function itemPath(appId: string, clientId: string): string {
  return `${collectionPath(appId)}/${encodeURIComponent(clientId)}`;
}

/** Client operations. Obtain it as `new MosaicClient(settings).clients`. */
export class ClientsManager {
  readonly #ctx: PipelineContext;
  readonly #applications: ApplicationsManager;

  /** @internal Built by MosaicClient. */
  constructor(ctx: PipelineContext, applications: ApplicationsManager) {
    this.#ctx = ctx;
    this.#applications = applications;
  }

  /**
   * Creates a client in an application (`POST /v1/applications/{appId}/clients` → 201, bare client). Never
   * creates two: after an ambiguous failure it lists the app's clients and adopts one named `body.name` created
   * since this call began (the app's default client is never adopted). A 409 on the first attempt throws
   * MOSAIC_CONFLICT.
   */
  async create(params: ClientCollectionParams, body: CreateClientInput, options: RequestOptions = {}): Promise<ClientRecord> {
    const operation = "clients.create";
    const appId = requireId(params?.app_id, "app_id", operation);
    const name = requireId(body?.name, "name", operation);
    return reconcileCreate<ClientRecord>({
      operation,
      route: ROUTES.collection,
      name,
      attempt: async () => {
        const res = await sendApiRequest(this.#ctx, {
          operation,
          method: "POST",
          route: ROUTES.collection,
          path: collectionPath(appId),
          body,
          signal: options.signal,
        });
        return parseClient(res.body, operation);
      },
      findByName: async () => {
        const sameName = (await this.getAll({ app_id: appId }, options)).filter((c) => c.name === name);
        if (sameName.length === 0) return [];
        // The default client is created together with the app (from client_display_name), possibly seconds
        // before this call and with the same name; adopting it would hand the resource an object the
        // Application resource owns.
        const app = await this.#applications.get({ app_id: appId }, options);
        return sameName.filter((c) => c.client_id !== app.client_id).map((c) => ({ value: c, createdAt: c.created_at }));
      },
      retry: this.#ctx,
      stats: this.#ctx.stats,
      signal: options.signal,
    });
  }

  /** Gets one client (`GET /v1/applications/{appId}/clients/{clientId}`). 404 throws MOSAIC_NOT_FOUND. */
  async get(params: ClientParams, options: RequestOptions = {}): Promise<ClientRecord> {
    const operation = "clients.get";
    const appId = requireId(params?.app_id, "app_id", operation);
    const clientId = requireId(params?.client_id, "client_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "GET",
      route: ROUTES.item,
      path: itemPath(appId, clientId),
      signal: options.signal,
    });
    return parseClient(res.body, operation);
  }

  /** Lists every client of an application (`GET /v1/applications/{appId}/clients`; no pagination exists). */
  async getAll(params: ClientCollectionParams, options: RequestOptions = {}): Promise<ClientRecord[]> {
    const operation = "clients.getAll";
    const appId = requireId(params?.app_id, "app_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "GET",
      route: ROUTES.collection,
      path: collectionPath(appId),
      signal: options.signal,
    });
    return parseClientList(res.body, operation);
  }

  /**
   * Updates a client (`PUT …/clients/{clientId}`). Top-level fields left out stay unchanged; object fields sent
   * replace the stored object whole. `authentication_protocol` cannot be changed (replace the client instead).
   */
  async update(params: ClientParams, body: UpdateClientInput, options: RequestOptions = {}): Promise<ClientRecord> {
    const operation = "clients.update";
    const appId = requireId(params?.app_id, "app_id", operation);
    const clientId = requireId(params?.client_id, "client_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "PUT",
      route: ROUTES.item,
      path: itemPath(appId, clientId),
      body,
      signal: options.signal,
    });
    return parseClient(res.body, operation);
  }

  /**
   * Deletes a client (`DELETE …/clients/{clientId}` → 204). A 404 on the first attempt throws MOSAIC_NOT_FOUND;
   * a 404 on a retry after an attempt that may have applied counts as success.
   */
  async delete(params: ClientParams, options: RequestOptions = {}): Promise<void> {
    const operation = "clients.delete";
    const appId = requireId(params?.app_id, "app_id", operation);
    const clientId = requireId(params?.client_id, "client_id", operation);
    await sendApiRequest(this.#ctx, {
      operation,
      method: "DELETE",
      route: ROUTES.item,
      path: itemPath(appId, clientId),
      signal: options.signal,
    });
  }

  /**
   * **Dangerous: deletes every client of an application at once** (`DELETE /v1/applications/{appId}/clients` → 204).
   *
   * @remarks
   * Irreversible, with no confirmation and no undo: every client's ID and secret stop working, and every
   * `mosaic.Client` resource managing one of them finds it gone at its next refresh (and creates a new one, with a
   * new ID and secret, at the next `up`). The vendor does not document whether the application's default client
   * survives; the emulator keeps it, since an application requires at least one client (emulator/README.md).
   * No resource calls this: it exists for scripts that empty a test or sandbox application. To remove one client,
   * use {@link ClientsManager.delete}. A 404 on the first attempt (no such application) throws MOSAIC_NOT_FOUND.
   */
  async deleteAll(params: ClientCollectionParams, options: RequestOptions = {}): Promise<void> {
    const operation = "clients.deleteAll";
    const appId = requireId(params?.app_id, "app_id", operation);
    await sendApiRequest(this.#ctx, {
      operation,
      method: "DELETE",
      route: ROUTES.collection,
      path: collectionPath(appId),
      signal: options.signal,
    });
  }

  /** Replaces the resources a client may request (`PUT …/clients/{clientId}/resources`). */
  async updateResources(params: ClientParams, body: UpdateResourcesInput, options: RequestOptions = {}): Promise<ClientRecord> {
    const operation = "clients.updateResources";
    const appId = requireId(params?.app_id, "app_id", operation);
    const clientId = requireId(params?.client_id, "client_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "PUT",
      route: ROUTES.resources,
      path: `${itemPath(appId, clientId)}/resources`,
      body,
      signal: options.signal,
    });
    return parseClient(res.body, operation);
  }
}
