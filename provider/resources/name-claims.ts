// Two resources of one program that would create objects with the same name (two Applications with one appName,
// two Clients with one name in one application) can be caught at preview when the engine says which resource each
// check() is for. The plugin's Check request carries the URN; the Node dynamic-provider host passes check() only the
// inputs, so that front end catches the clash at create instead (MOSAIC_NAME_TAKEN, "two ... resources of one
// program"; docs/README.md#renaming-resources). The engine sends every resource of a deployment to one provider
// process, so one map per process sees them all.
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { ResourceErrorCodes } from "./errors";
import { isUnknown } from "./unknown";

export type NamedKind = "application" | "client";

export class NameClaims {
  readonly #owners = new Map<string, string>();

  /** Records that `urn` will own the name in `inputs`; a failure naming both resources when another URN does. */
  claim(kind: NamedKind, urn: string, inputs: Record<string, unknown>): CheckFailure | undefined {
    const property = kind === "application" ? "appName" : "name";
    const name = inputs[property];
    const scope = kind === "client" ? inputs.applicationId : "";
    // Adopting (importId) creates nothing; unknown or invalid values cannot clash yet (check reports the invalid ones).
    if (inputs.importId !== undefined || typeof name !== "string" || typeof scope !== "string" || isUnknown(name) || isUnknown(scope)) {
      return undefined;
    }
    const key = JSON.stringify([kind, scope, name]);
    const owner = this.#owners.get(key);
    if (owner === undefined || owner === urn) {
      this.#owners.set(key, urn);
      return undefined;
    }
    const what = kind === "application" ? "two applications of one tenant" : "two clients of one application";
    return {
      property,
      reason:
        `${urn} and ${owner} have the same ${property}, but ${what} cannot share a name: rename one of them ` +
        `(to rename a resource, keep its old name in the aliases resource option) [${ResourceErrorCodes.DUPLICATE_NAME}]`,
    };
  }
}
