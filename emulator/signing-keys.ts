// Token signing keys (docs/api-behaviour.md#signing-keys): the five operations under /v1/applications/signing-keys.
// Their paths carry no application id, although every key has an `app_id`; the emulator takes the application from
// the `app_id` query parameter (emulator/README.md, behaviour choices), the same on all five. An uploaded JWK's
// private members are never kept: the store holds what the API returns (ApiTokenSigningKey) and nothing else.
import { randomBytes } from "node:crypto";
import type { Clock } from "./clock";
import { badRequest, conflict, notFound } from "./errors";

export type Fields = Record<string, unknown>;

interface SigningKeyStoreOptions {
  tenantId: string;
  clock: Clock;
  newId(isFree: (id: string) => boolean): string;
  /** Throws the API's 404 when the application does not exist. */
  assertAppExists(appId: string): void;
  onChange(): void;
}

/** Key types that can sign tokens: an RSA or EC private key (a symmetric `oct` key cannot be published in a JWKS). */
const SIGNING_KEY_TYPES = new Set(["RSA", "EC"]);

/** The application a signing-key request is about: its `app_id` query parameter (required). */
export function appIdOf(query: URLSearchParams): string {
  const appId = query.get("app_id");
  if (appId === null || appId.trim() === "") {
    throw badRequest(["app_id query parameter is required: the id of the application whose signing keys these are"]);
  }
  return appId;
}

/** Checks an upload's JWK beyond the schema's `type: object`, naming members only, never their values. */
export function assertPrivateSigningJwk(jwk: Fields): void {
  if (typeof jwk.kty !== "string" || !SIGNING_KEY_TYPES.has(jwk.kty))
    throw badRequest(["jwk.kty must be one of the following values: RSA, EC"]);
  if (typeof jwk.d !== "string" || jwk.d === "") throw badRequest(["jwk must be a private key: jwk.d should not be empty"]);
}

export class SigningKeyStore {
  private readonly keys = new Map<string, Fields>();

  constructor(private readonly options: SigningKeyStoreOptions) {}

  create(appId: string, name: string): Fields {
    return this.add(appId, name, "mosaic", randomBytes(12).toString("base64url"));
  }

  upload(appId: string, name: string, jwk: Fields): Fields {
    assertPrivateSigningJwk(jwk);
    return this.add(
      appId,
      name,
      "uploaded",
      typeof jwk.kid === "string" && jwk.kid !== "" ? jwk.kid : randomBytes(12).toString("base64url"),
    );
  }

  list(appId: string): Fields[] {
    this.options.assertAppExists(appId);
    return [...this.keys.values()].filter((key) => key.app_id === appId);
  }

  update(appId: string, id: string, body: Fields): Fields {
    const key = this.key(appId, id);
    if (typeof body.name === "string") this.assertNameFree(appId, body.name, id);
    if (body.name !== undefined) key.name = body.name;
    if (body.status !== undefined) key.status = body.status;
    key.updated_at = this.options.clock.nowIso();
    this.options.onChange();
    return key;
  }

  delete(appId: string, id: string): void {
    this.key(appId, id);
    this.keys.delete(id);
    this.options.onChange();
  }

  /** An admin-portal edit of a key (test hook): no validation; null removes a field. */
  mutate(appId: string, id: string, patch: Fields): void {
    const key = this.key(appId, id);
    for (const [field, value] of Object.entries(patch)) {
      if (field === "id" || field === "app_id" || field === "tenant_id" || field === "__proto__")
        throw new TypeError(`${field} cannot be changed out of band`);
      if (value === null) delete key[field];
      else key[field] = structuredClone(value);
    }
    if (!("updated_at" in patch)) key.updated_at = this.options.clock.nowIso();
    this.options.onChange();
  }

  /** An application's delete takes its keys with it. */
  deleteForApp(appId: string): void {
    for (const [id, key] of this.keys) if (key.app_id === appId) this.keys.delete(id);
  }

  has(id: string): boolean {
    return this.keys.has(id);
  }

  all(): Fields[] {
    return structuredClone([...this.keys.values()]);
  }

  restore(keys: readonly Fields[]): void {
    this.keys.clear();
    for (const key of keys) this.keys.set(key.id as string, structuredClone(key));
  }

  clear(): void {
    this.keys.clear();
  }

  private add(appId: string, name: string, source: "mosaic" | "uploaded", kid: string): Fields {
    this.options.assertAppExists(appId);
    this.assertNameFree(appId, name, undefined);
    const now = this.options.clock.nowIso();
    const id = this.options.newId((candidate) => !this.keys.has(candidate));
    // A new key signs at once; `deleted_at` is left out while the key exists (spec-inconsistencies.ts).
    const key: Fields = {
      id,
      app_id: appId,
      tenant_id: this.options.tenantId,
      kid,
      name,
      status: "signing",
      source,
      created_at: now,
      updated_at: now,
    };
    this.keys.set(id, key);
    this.options.onChange();
    return key;
  }

  private key(appId: string, id: string): Fields {
    this.options.assertAppExists(appId);
    const key = this.keys.get(id);
    if (!key || key.app_id !== appId) throw notFound(`Signing key ${id} not found`);
    return key;
  }

  private assertNameFree(appId: string, name: string, exceptId: string | undefined): void {
    for (const key of this.keys.values()) {
      if (key.app_id === appId && key.name === name && key.id !== exceptId) {
        throw conflict(`A signing key named ${name} already exists in this application`);
      }
    }
  }
}
