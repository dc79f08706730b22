// check and diff for a resource whose only rules are its field model's: validation and flags from the model, a
// change wherever a managed field differs, replacement where the model says so. Resources with cross-field rules
// (mosaic.Client) write their own.
import { checkInputs, forEngine } from "./check";
import { diffInputs } from "./diff";
import type { FieldMap } from "./field-spec";
import type { ResourceHandlers } from "./handler-contract";

export function modelCheckAndDiff(fields: FieldMap): Pick<ResourceHandlers, "check" | "diff"> {
  return {
    async check(_olds, news) {
      return forEngine(checkInputs(fields, news));
    },

    async diff(_id, olds, news) {
      const { changed, replaces } = diffInputs(fields, olds, news);
      return { changes: changed.length > 0, replaces, diffs: changed };
    },
  };
}
