// Small helpers shared by the managers.

import { MosaicApiError, MosaicErrorCodes } from "./errors";

/** Per-call options of every manager method. */
export interface RequestOptions {
  /** Cancels the call (waits, retries and the in-flight attempt). */
  signal?: AbortSignal;
}

/**
 * Checks a required path parameter or name before anything is sent. An empty id would otherwise turn
 * `GET /v1/applications/{appId}` into `GET /v1/applications/`, i.e. a list call, and "succeed" with the wrong
 * shape; Auth0's client raises RequiredError for the same reason.
 */
export function requireId(value: unknown, field: string, operation: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new MosaicApiError({
      code: MosaicErrorCodes.INVALID_ARGUMENT,
      operation,
      summary: `${field} is required and must be a non-empty string.`,
      hint: "This is a bug in the calling code; no request was sent.",
    });
  }
  return value;
}
