// Errors the resource layer raises itself (the API client's own are MosaicApiError, provider/api/errors.ts). Each
// carries a stable `code`, also at the end of its message, so scripts and users can match on it; docs/errors.md
// says what to do about each. Messages are built from ids, names and field names only, never from input values.
export const ResourceErrorCodes = Object.freeze({
  /** Create found another object with the same name (409). */
  NAME_TAKEN: "MOSAIC_NAME_TAKEN",
  /** `importId` names no object. */
  IMPORT_NOT_FOUND: "MOSAIC_IMPORT_NOT_FOUND",
  /** `importId` names a client of the other protocol. */
  IMPORT_PROTOCOL_MISMATCH: "MOSAIC_IMPORT_PROTOCOL_MISMATCH",
  /** A change would replace an object that is still adopted through `importId`. */
  REPLACE_WITH_IMPORT_ID: "MOSAIC_REPLACE_WITH_IMPORT_ID",
  /** The object exists, but a step after its creation or adoption failed; its id is kept in state. */
  PARTIAL_CREATE: "MOSAIC_PARTIAL_CREATE",
  /** `Application.get` / `Client.get` or a lookup function (getApplication, getClient, ...) found no such object. */
  LOOKUP_NOT_FOUND: "MOSAIC_LOOKUP_NOT_FOUND",
  /** A lookup by name matched several objects. */
  LOOKUP_AMBIGUOUS: "MOSAIC_LOOKUP_AMBIGUOUS",
  /** A lookup function's arguments are missing or conflicting (e.g. both an id and a name). */
  LOOKUP_INVALID_ARGS: "MOSAIC_LOOKUP_INVALID_ARGS",
  /** A resource id that is not of the form the resource uses (e.g. `<applicationId>/<clientId>`). */
  INVALID_RESOURCE_ID: "MOSAIC_INVALID_RESOURCE_ID",
  /** MOSAIC_ADOPT_CREATED_SINCE is set to something that is not a date-time. */
  INVALID_RECOVERY_SETTING: "MOSAIC_INVALID_RECOVERY_SETTING",
  /** Two resources of one program would create objects with the same name (seen at preview through the plugin). */
  DUPLICATE_NAME: "MOSAIC_DUPLICATE_NAME",
} as const);

export type ResourceErrorCode = (typeof ResourceErrorCodes)[keyof typeof ResourceErrorCodes];

export class MosaicResourceError extends Error {
  override readonly name = "MosaicResourceError";
  readonly code: ResourceErrorCode;

  constructor(code: ResourceErrorCode, message: string) {
    super(`${message} [${code}]`);
    this.code = code;
  }
}
