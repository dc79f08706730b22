// Typed operations on an application's token signing keys (docs/signing-keys.md). The vendor's paths carry no
// application id although every key belongs to one (`app_id`, permissions `[appId]:…`): this client names the
// application with an `app_id` query parameter on every call, the emulator's documented choice
// (emulator/README.md, "Behaviour choices"; docs/api-behaviour.md#undocumented-behaviour) until a live run confirms it.
// Key responses are bare objects, like clients'; wrapped ones are accepted too (schemas.ts).

import { requireId, type RequestOptions } from "./manager-support";
import { reconcileCreate } from "./reconcile-create";
import { rememberSecret } from "./redaction";
import { sendApiRequest, type PipelineContext } from "./request";
import { parseSigningKey, parseSigningKeyList, type SigningKeyRecord } from "./schemas";
import type { CreateSigningKeyInput, UpdateSigningKeyInput, UploadSigningKeyInput } from "./wire-types";

/** Which application's keys an operation is about. */
export interface SigningKeyCollectionParams {
  app_id: string;
}

/** One key of an application. */
export interface SigningKeyParams {
  app_id: string;
  key_id: string;
}

const ROUTES = Object.freeze({
  collection: "/v1/applications/signing-keys",
  upload: "/v1/applications/signing-keys/upload",
  item: "/v1/applications/signing-keys/:id",
});

/** The JWK members that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 for OKP). */
export const JWK_PRIVATE_MEMBERS: readonly string[] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

const withApp = (path: string, appId: string) => `${path}?app_id=${encodeURIComponent(appId)}`;

/**
 * Remembers every private member of `jwk` as a secret, so an API message that echoed one (or any other string this
 * package builds) is redacted before it reaches a log or an error (redaction.ts).
 */
function rememberPrivateMembers(jwk: unknown): void {
  if (jwk === null || typeof jwk !== "object") return;
  for (const member of JWK_PRIVATE_MEMBERS) {
    const value = (jwk as Record<string, unknown>)[member];
    if (typeof value === "string") rememberSecret(value);
    else if (Array.isArray(value)) for (const prime of value) rememberPrivateMembers(prime);
  }
}

/** Signing-key operations. Obtain it as `new MosaicClient(settings).signingKeys`. */
export class SigningKeysManager {
  readonly #ctx: PipelineContext;

  /** @internal Built by MosaicClient. */
  constructor(ctx: PipelineContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates a key that Mosaic generates (`POST /v1/applications/signing-keys`; the document declares no success
   * status, the emulator answers 201 with the key). Never creates two: after an ambiguous failure it lists the
   * application's keys and adopts one named `body.name` created since this call began. 409 throws MOSAIC_CONFLICT.
   */
  create(params: SigningKeyCollectionParams, body: CreateSigningKeyInput, options: RequestOptions = {}): Promise<SigningKeyRecord> {
    return this.#post("signingKeys.create", ROUTES.collection, params, body, options);
  }

  /**
   * Uploads an existing private key as a JWK (`POST /v1/applications/signing-keys/upload`). The JWK's private
   * members are redacted from every message and log line of this package from now on; the API never returns them.
   */
  upload(params: SigningKeyCollectionParams, body: UploadSigningKeyInput, options: RequestOptions = {}): Promise<SigningKeyRecord> {
    rememberPrivateMembers(body?.jwk);
    return this.#post("signingKeys.upload", ROUTES.upload, params, body, options);
  }

  /** Lists every key of an application (`GET /v1/applications/signing-keys`; no pagination exists). */
  async getAll(params: SigningKeyCollectionParams, options: RequestOptions = {}): Promise<SigningKeyRecord[]> {
    const operation = "signingKeys.getAll";
    const appId = requireId(params?.app_id, "app_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "GET",
      route: ROUTES.collection,
      path: withApp(ROUTES.collection, appId),
      signal: options.signal,
    });
    return parseSigningKeyList(res.body, operation);
  }

  /** One key, read through the list (the API has no single-key GET). Undefined when the application has no such key. */
  async find(params: SigningKeyParams, options: RequestOptions = {}): Promise<SigningKeyRecord | undefined> {
    const keyId = requireId(params?.key_id, "key_id", "signingKeys.find");
    return (await this.getAll(params, options)).find((key) => key.id === keyId);
  }

  /** Renames a key or changes its status (`PUT /v1/applications/signing-keys/{id}`); the key material cannot change. */
  async update(params: SigningKeyParams, body: UpdateSigningKeyInput, options: RequestOptions = {}): Promise<SigningKeyRecord> {
    const operation = "signingKeys.update";
    const appId = requireId(params?.app_id, "app_id", operation);
    const keyId = requireId(params?.key_id, "key_id", operation);
    const res = await sendApiRequest(this.#ctx, {
      operation,
      method: "PUT",
      route: ROUTES.item,
      path: withApp(`${ROUTES.collection}/${encodeURIComponent(keyId)}`, appId),
      body,
      signal: options.signal,
    });
    return parseSigningKey(res.body, operation);
  }

  /**
   * Deletes a key (`DELETE /v1/applications/signing-keys/{id}` → 204): tokens it signed stop validating. A 404 on
   * the first attempt throws MOSAIC_NOT_FOUND; a 404 on a retry after an attempt that may have applied counts as success.
   */
  async delete(params: SigningKeyParams, options: RequestOptions = {}): Promise<void> {
    const operation = "signingKeys.delete";
    const appId = requireId(params?.app_id, "app_id", operation);
    const keyId = requireId(params?.key_id, "key_id", operation);
    await sendApiRequest(this.#ctx, {
      operation,
      method: "DELETE",
      route: ROUTES.item,
      path: withApp(`${ROUTES.collection}/${encodeURIComponent(keyId)}`, appId),
      signal: options.signal,
    });
  }

  #post(
    operation: string,
    route: string,
    params: SigningKeyCollectionParams,
    body: CreateSigningKeyInput | UploadSigningKeyInput,
    options: RequestOptions,
  ): Promise<SigningKeyRecord> {
    const appId = requireId(params?.app_id, "app_id", operation);
    const name = requireId(body?.name, "name", operation);
    return reconcileCreate<SigningKeyRecord>({
      operation,
      route,
      name,
      attempt: async () => {
        const res = await sendApiRequest(this.#ctx, {
          operation,
          method: "POST",
          route,
          path: withApp(route, appId),
          body,
          signal: options.signal,
        });
        return parseSigningKey(res.body, operation);
      },
      findByName: async () =>
        (await this.getAll({ app_id: appId }, options))
          .filter((key) => key.name === name)
          .map((key) => ({ value: key, createdAt: key.created_at })),
      retry: this.#ctx,
      stats: this.#ctx.stats,
      signal: options.signal,
    });
  }
}
