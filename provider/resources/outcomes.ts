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

/** The object a create clashed with, as the API lists it. */
export interface ExistingObject {
  id: string;
  createdAt?: string;
}

/** The earliest creation time among the clashes this process has reported, so every message names one setting for all. */
let earliestClash: number | undefined;

/** An ISO time a minute or so before `createdAt` (rounded down to the minute), for MOSAIC_ADOPT_CREATED_SINCE. */
function adoptSinceFor(createdAt: string | undefined): string | undefined {
  const at = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  if (Number.isNaN(at)) return undefined;
  earliestClash = Math.min(earliestClash ?? at, at);
  return new Date(Math.floor(earliestClash / 60_000) * 60_000 - 60_000).toISOString().replace(/\.000Z$/, "Z");
}

/**
 * A name clash the user must resolve: we never take over an object we cannot prove we created. The likeliest cause
 * comes first: a resource renamed without `aliases`. `kind` reads after "A"/"An", e.g. "application" or "client in
 * application abc"; `resourceType` is the SDK class (Application, Client).
 */
export function nameTakenError(
  kind: string,
  resourceType: string,
  name: string,
  existing: ExistingObject | undefined,
  createdThisRun = false,
) {
  const article = /^[aeiou]/i.test(kind) ? "An" : "A";
  const what = `${article} ${kind} named "${name}" already exists${existing ? ` (id ${existing.id})` : ""}.`;
  if (createdThisRun) {
    return new MosaicResourceError(
      ResourceErrorCodes.NAME_TAKEN,
      `${what} Another resource of this deployment created it a moment ago: two ${resourceType} resources of one program ` +
        "have the same name. Rename one of them.",
    );
  }
  const since = adoptSinceFor(existing?.createdAt);
  const adopt = existing
    ? ` Or, if Pulumi should manage that object, set importId: "${existing.id}" on this resource and run \`pulumi up\` again.` +
      (since
        ? " If an interrupted `pulumi up` created it (and the others it reports), run " +
          `\`MOSAIC_ADOPT_CREATED_SINCE=${since} pulumi up\` ` +
          "once: it adopts every clashing object created since then, in one run (docs/README.md#crash-recovery)."
        : "")
    : " Or adopt the existing object with importId.";
  return new MosaicResourceError(
    ResourceErrorCodes.NAME_TAKEN,
    `${what} If you renamed this resource, keep the object with the aliases resource option: ` +
      `new mosaic.${resourceType}("<new name>", { ... }, { aliases: [{ name: "<old name>" }] }).${adopt} Otherwise choose another name.`,
  );
}

export function importNotFoundError(kind: string, importId: string) {
  return new MosaicResourceError(
    ResourceErrorCodes.IMPORT_NOT_FOUND,
    `importId "${importId}": no ${kind} with that id exists. Check the id in the Admin Portal, or remove importId to create a new ${kind}.`,
  );
}
