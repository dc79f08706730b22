// The engine's per-property diff (DiffResponse.detailedDiff) from a handler's diff: for every managed field that
// differs, whether it is added, deleted or updated, and whether it forces a replacement. With it the CLI prints
// exactly those fields (and marks the ones that replace), instead of guessing from the whole old and new states.
// The handlers compare the old outputs with the new inputs (managed outputs are the inputs as last applied), so
// these are not input diffs in the engine's sense. Pure: test/unit/plugin-values.test.ts covers it.
import type { Props } from "../provider/resources/props";

/** PropertyDiff.Kind of pulumirpc (provider.proto). */
export const PropertyDiffKind = Object.freeze({
  ADD: 0,
  ADD_REPLACE: 1,
  DELETE: 2,
  DELETE_REPLACE: 3,
  UPDATE: 4,
  UPDATE_REPLACE: 5,
} as const);

export type PropertyDiffKindValue = (typeof PropertyDiffKind)[keyof typeof PropertyDiffKind];

export function detailedDiff(
  olds: Props,
  news: Props,
  diffs: readonly string[],
  replaces: readonly string[],
): Map<string, PropertyDiffKindValue> {
  const kinds = new Map<string, PropertyDiffKindValue>();
  for (const name of diffs) {
    const replace = replaces.includes(name);
    if (olds[name] === undefined) kinds.set(name, replace ? PropertyDiffKind.ADD_REPLACE : PropertyDiffKind.ADD);
    else if (news[name] === undefined) kinds.set(name, replace ? PropertyDiffKind.DELETE_REPLACE : PropertyDiffKind.DELETE);
    else kinds.set(name, replace ? PropertyDiffKind.UPDATE_REPLACE : PropertyDiffKind.UPDATE);
  }
  return kinds;
}
