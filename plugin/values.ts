// The engine's property values as the handlers need them, and back (docs/engine-behaviour.md#the-plugin-protocol).
// A provider that accepts secrets receives every secret as a wrapper object and must return one for every value
// that is to stay secret; google-protobuf's Struct.fromJavaScript throws "Unexpected struct type" on `undefined`,
// after create has already made the object. Everything here is pure, so test/unit/plugin-values.test.ts covers it.
import type { Props } from "../provider/resources/props";

/** The signature key and value that mark a secret (sdk/go/common/resource/sig in pulumi/pulumi). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecret(value: unknown): value is { value: unknown } {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** `value` with every secret wrapper replaced by the value it holds, at any depth. */
export function unwrap(value: unknown): unknown {
  if (isSecret(value)) return unwrap(value.value);
  if (Array.isArray(value)) return value.map(unwrap);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unwrap(inner)]));
  }
  return value;
}

function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsSecret);
  return false;
}

/** The top-level properties that hold a secret anywhere inside them. */
export function secretKeys(props: Props | undefined): string[] {
  return Object.entries(props ?? {})
    .filter(([, value]) => holdsSecret(value))
    .map(([key]) => key);
}

/**
 * A copy of `value` that Struct.fromJavaScript accepts: `undefined` entries (and functions) dropped at any depth,
 * `undefined` in arrays turned into null so positions are kept.
 */
export function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined || typeof item === "function" ? null : clean(item)));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined && typeof inner !== "function")
        .map(([key, inner]) => [key, clean(inner)]),
    );
  }
  return value;
}

/** `props`, cleaned, with the named top-level properties wrapped as secrets (once; null and absent ones left alone). */
export function withSecrets(props: Props | undefined, names: Iterable<string>): Props {
  const result = clean(props ?? {}) as Props;
  for (const name of names) {
    const value = result[name];
    if (value !== undefined && value !== null && !isSecret(value)) result[name] = secret(unwrap(value));
  }
  return result;
}
