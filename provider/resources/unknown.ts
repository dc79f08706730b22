// During a preview, inputs that depend on resources not yet created (for example a Client's applicationId on a
// first preview) reach check and diff as this sentinel string, whatever the property's type
// (docs/engine-behaviour.md#unknown-values-at-preview). It is inlined here because provider/ never loads
// @pulumi/pulumi (whose runtime exports the same constant).
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/**
 * True when the value is unknown or holds an unknown anywhere inside it. Walks with an explicit stack, not by
 * recursion: an input nested thousands of levels deep must not overflow the call stack.
 */
export function containsUnknown(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === UNKNOWN) return true;
    // One push per value: spreading a list of a million items into push() would exceed the argument limit.
    if (current !== null && typeof current === "object") for (const inner of Object.values(current)) pending.push(inner);
  }
  return false;
}

/** True when the value at `path` inside `root`, or any value on the way to it, is unknown. */
export function pathHitsUnknown(root: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = root;
  for (const key of path) {
    if (current === UNKNOWN) return true;
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return containsUnknown(current);
}
