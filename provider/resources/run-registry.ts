// The objects this provider process adopted or created during the current deployment.
//
// The engine starts one provider process per deployment and sends it every resource of the run (the dynamic-provider
// host and the plugin alike), so this process sees both halves of a rename done with importId: the new resource
// adopting object X and the old resource's delete of X. Without this registry the delete would remove the object
// just adopted (docs/README.md#renaming-resources). Keyed by resource kind: a Client and its ClientResources share
// the id "<applicationId>/<clientId>".
export type ClaimKind = "application" | "client" | "clientResources" | "signingKey";
export type ClaimHow = "adopted with importId" | "adopted after an interrupted run" | "created";

export class RunRegistry {
  readonly #claims = new Map<string, ClaimHow>();

  claim(kind: ClaimKind, id: string, how: ClaimHow): void {
    this.#claims.set(`${kind} ${id}`, how);
  }

  /** How this run came to manage the object, or undefined when another run did. */
  claimedHow(kind: ClaimKind, id: string): ClaimHow | undefined {
    return this.#claims.get(`${kind} ${id}`);
  }
}

/**
 * True (and says why in the log) when the object must survive this delete: this deployment adopted or created it
 * for another resource, the other half of a rename done with importId.
 */
export function keptByThisRun(run: RunRegistry, kind: ClaimKind, id: string, what: string, log: { info(message: string): void }): boolean {
  const how = run.claimedHow(kind, id);
  if (how === undefined) return false;
  const phrase = {
    "adopted with importId": "adopted it (importId)",
    "adopted after an interrupted run": "adopted it",
    created: "created it",
  }[how];
  log.info(
    `${what} is not deleted: another resource of this deployment ${phrase}, so this delete only removes the old resource ` +
      "from the stack (a rename; docs/README.md#renaming-resources)",
  );
  return true;
}
