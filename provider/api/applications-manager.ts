// Typed operations on applications, shaped like Auth0's ClientsManager (create / get / getAll / update / delete),
// returning validated, unwrapped objects (the API wraps every app response in `{result}`).

import { requireId, type RequestOptions } from "./manager-support";
import { reconcileCreate } from "./reconcile-create";
import { sendApiRequest, type PipelineContext } from "./request";
import { parseApplication, parseApplicationList, parseBasicApplicationList, type AppRecord, type BasicAppRecord } from "./schemas";
import type { CreateApplicationInput, UpdateApplicationInput, UpdateResourcesInput } from "./wire-types";

/** Path parameters of single-application operations. */
export interface ApplicationParams {
  app_id: string;
}

const ROUTES = Object.freeze({
  collection: "/v1/applications",
  basicList: "/v1/applications/list",
  item: "/v1/applications/:appId",
  resources: "/v1/applications/:appId/resources",
});

/** Application operations. Obtain it as `new MosaicClient(settings).applications`. */
export class ApplicationsManager {
  readonly #ctx: PipelineContext;

  /** @internal Built by MosaicClient. */
  constructor(ctx: PipelineContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates an application (`POST /v1/applications` → 201 `{result: AppRecord}`). Never creates two: after an
   * ambiguous failure it lists applications and adopts one named `body.app_name` created since this call began.
   * A 409 on the first attempt throws MOSAIC_CONFLICT ("name taken; use importId to adopt it").
   */
  async create(body: CreateApplicationInput, options: RequestOptions = {}): Promise<AppRecord> {
    const operation = "applications.create";
    const name = requireId(body?.app_name, "app_name", operation);
    return reconcileCreate<AppRecord>({
      operation,
      route: ROUTES.collection,
      name,
      attempt: async () => {
        const res = await sendApiRequest(this.#ctx, {
          operation,
          method: "POST",
          route: ROUTES.collection,
          path: "/v1/applications",
          body,
          signal: options.signal,
        });
        return parseApplication(res.body, operation);
      },
      findByName: async () => {
        const all = await this.getAll(options);
        return all.filter((a) => a.app_name === name).map((a) => ({ value: a, createdAt: a.created_at }));
      },
      // The list omits `logo`; return the same shape a successful create would have.
      adopt: (app) => this.get({ app_id: app.app_id }, options),
      retry: this.#ctx,
      stats: this.#ctx.stats,
      signal: options.signal,
    });
  }

  /** Gets one application (`GET /v1/applications/{appId}`). 404 throws MOSAIC_NOT_FOUND. */
  async get(params: ApplicationParams, options: RequestOptions = {}): Promise<AppRecord> {
    const operation = "applications.get";
    const appId = requireId(params?.app_id, "app_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "GET",
      route: ROUTES.item,
      path: `/v1/applications/${encodeURIComponent(appId)}`,
      signal: options.signal,
    });
    return parseApplication(res.body, operation);
  }

  /**
   * Lists every application with full details (`GET /v1/applications`; no pagination exists). Note that each item
   * includes the default client's secret.
   */
  async getAll(options: RequestOptions = {}): Promise<AppRecord[]> {
    const operation = "applications.getAll";
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "GET",
      route: ROUTES.collection,
      path: "/v1/applications",
      signal: options.signal,
    });
    return parseApplicationList(res.body, operation);
  }

  /** Lists every application's id, name and description (`GET /v1/applications/list`): smaller, no secrets. */
  async getAllBasic(options: RequestOptions = {}): Promise<BasicAppRecord[]> {
    const operation = "applications.getAllBasic";
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "GET",
      route: ROUTES.basicList,
      path: "/v1/applications/list",
      signal: options.signal,
    });
    return parseBasicApplicationList(res.body, operation);
  }

  /**
   * Updates an application (`PUT /v1/applications/{appId}`). Top-level fields left out stay unchanged; object
   * fields sent replace the stored object whole, so send complete nested objects.
   */
  async update(params: ApplicationParams, body: UpdateApplicationInput, options: RequestOptions = {}): Promise<AppRecord> {
    const operation = "applications.update";
    const appId = requireId(params?.app_id, "app_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "PUT",
      route: ROUTES.item,
      path: `/v1/applications/${encodeURIComponent(appId)}`,
      body,
      signal: options.signal,
    });
    return parseApplication(res.body, operation);
  }

  /**
   * Deletes an application (`DELETE /v1/applications/{appId}` → 204). A 404 on the first attempt throws
   * MOSAIC_NOT_FOUND (callers that treat "gone" as done catch it); a 404 on a retry after an attempt that may
   * have applied counts as success.
   */
  async delete(params: ApplicationParams, options: RequestOptions = {}): Promise<void> {
    const operation = "applications.delete";
    const appId = requireId(params?.app_id, "app_id", operation);
    await sendApiRequest(this.#ctx, {
      operation,
      method: "DELETE",
      route: ROUTES.item,
      path: `/v1/applications/${encodeURIComponent(appId)}`,
      signal: options.signal,
    });
  }

  /** Replaces the resources the default client may request (`PUT /v1/applications/{appId}/resources`, deprecated by the vendor). */
  async updateResources(params: ApplicationParams, body: UpdateResourcesInput, options: RequestOptions = {}): Promise<AppRecord> {
    const operation = "applications.updateResources";
    const appId = requireId(params?.app_id, "app_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "PUT",
      route: ROUTES.resources,
      path: `/v1/applications/${encodeURIComponent(appId)}/resources`,
      body,
      signal: options.signal,
    });
    return parseApplication(res.body, operation);
  }
}
