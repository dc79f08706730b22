// Small helpers over property bags (inputs, outputs and API bodies are all plain JSON objects).
export type Props = Record<string, unknown>;

/** The entries of `values` named in `names` that are defined. */
export function only(values: Props, names: readonly string[]): Props {
  return Object.fromEntries(names.filter((name) => values[name] !== undefined).map((name) => [name, values[name]]));
}

/** `values` without undefined entries (Pulumi state has no use for them). */
export function definedOnly(values: Props): Props {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** `values` without the entries named in `names`. */
export function omit(values: Props, names: readonly string[]): Props {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !names.includes(name)));
}

/** `value` when it is a property bag, else no properties: what check and diff make of anything but a JSON object. */
export function asProps(value: unknown): Props {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : {};
}
