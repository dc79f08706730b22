// Provider config from the engine's ConfigureRequest, handed to the same `configure()` the dynamic provider uses
// (provider/context.ts), so the keys, the secrets and the MOSAIC_* environment fallbacks are exactly the dynamic
// path's. The request carries the config twice (docs/engine-behaviour.md#provider-config-through-the-plugin):
// `args`, the provider's checked inputs by bare name (`clientId`, secrets wrapped), and `variables`, the same values
// as strings keyed `mosaic:config:clientId`. `args` wins; a value that is not a string (a number) is passed as text.
import type { StackConfig } from "../provider";
import { unwrap } from "./values";

const PACKAGE = "mosaic";

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * A StackConfig over the request: `get("mosaic:clientId")` reads `args.clientId`, else the variable
 * `mosaic:config:clientId`, else `mosaic:clientId`.
 */
export function stackConfigFrom(args: Record<string, unknown> | undefined, variables: ReadonlyMap<string, string>): StackConfig {
  const plainArgs = (unwrap(args ?? {}) ?? {}) as Record<string, unknown>;
  return {
    get(key: string): string | undefined {
      const [pkg, name] = key.split(":", 2);
      if (pkg !== PACKAGE || !name) return undefined;
      return asText(plainArgs[name]) ?? variables.get(`${PACKAGE}:config:${name}`) ?? variables.get(key);
    },
  };
}
