// Error shapes and API-error checks shared by every resource's handlers.
import { MosaicApiError } from "../api";
import { MosaicResourceError, ResourceErrorCodes } from "./errors";

export function isNotFound(error: unknown): boolean {
  return MosaicApiError.isInstance(error) && error.code === "MOSAIC_NOT_FOUND";
}

/** Runs a delete; an object that is already gone counts as deleted (docs/README.md, "Behaviour shared by every resource"). */
export async function deleteIgnoringNotFound(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export function isConflict(error: unknown): boolean {
  return MosaicApiError.isInstance(error) && error.code === "MOSAIC_CONFLICT";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The object exists but a later step failed. Pulumi's dynamic-provider host turns an error carrying `id` and
 * `properties` into a "created but failed to initialise" resource (docs/engine-behaviour.md#partial-state): the id is kept in state and
 * the next `pulumi up` updates that object instead of creating a duplicate. `properties` must hold no secret:
 * they are written to state as they are.
 */
export function partialCreateError(kind: string, id: string, properties: Record<string, unknown>, step: string, cause: unknown) {
  const error = new MosaicResourceError(
    ResourceErrorCodes.PARTIAL_CREATE,
    `${kind} ${id} exists, but ${step} failed: ${messageOf(cause)}. The id is kept in state; run \`pulumi up\` again to finish.`,
  );
  return Object.assign(error, { id, properties, reasons: [error.message] });
}

/**
 * A name clash the user must resolve: we never take over an object we cannot prove we created.
 * `kind` reads after "A"/"An", e.g. "application" or "client in application abc".
 */
export function nameTakenError(kind: string, name: string, existingId: string | undefined) {
  const article = /^[aeiou]/i.test(kind) ? "An" : "A";
  const adopt = existingId
    ? "If it is the one an interrupted `pulumi up` created, or you want Pulumi to manage it, " +
      `set importId: "${existingId}" on this resource and run \`pulumi up\` again; otherwise choose another name.`
    : "Choose another name, or adopt the existing object with importId.";
  return new MosaicResourceError(
    ResourceErrorCodes.NAME_TAKEN,
    `${article} ${kind} named "${name}" already exists${existingId ? ` (id ${existingId})` : ""}. ${adopt}`,
  );
}

export function importNotFoundError(kind: string, importId: string) {
  return new MosaicResourceError(
    ResourceErrorCodes.IMPORT_NOT_FOUND,
    `importId "${importId}": no ${kind} with that id exists. Check the id in the Admin Portal, or remove importId to create a new ${kind}.`,
  );
}
