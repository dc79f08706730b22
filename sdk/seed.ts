// The Node SDK creates an output only for keys present in the props passed to the constructor, so every output
// key is seeded with `undefined` (docs/engine-behaviour.md#output-properties); the user's args then override the input keys. A fresh
// object every time: the SDK adds `__provider` to it.
export function seedProps(outputNames: readonly string[], args: object): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const name of outputNames) props[name] = undefined;
  return Object.assign(props, args);
}
