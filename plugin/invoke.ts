// Invoke: the package schema's functions (mosaic:index:getApplication, ...), served by provider/'s lookups over the
// same shared client as the resources. Results carry secrets as the engine's secret values, as the schema marks them.
import * as provider from "../provider";
import type { Props } from "../provider/resources/props";
import { secret, unwrap } from "./values";

type LookupName = keyof typeof provider.lookups;

/** `props` with each named property wrapped as a secret (absent ones left alone). */
function markSecrets(props: Props, names: readonly string[]): Props {
  const marked = { ...props };
  for (const name of names) if (marked[name] !== undefined && marked[name] !== null) marked[name] = secret(marked[name]);
  return marked;
}

/** The result of the function `tok` for `args` (engine values, secrets possibly wrapped). */
export async function invokeLookup(tok: string, args: Props): Promise<Props> {
  const name = tok.split(":")[2] ?? "";
  const fn = provider.LOOKUP_FUNCTIONS.find((candidate) => candidate.name === name);
  if (!fn) {
    throw new Error(
      `unknown function ${tok} (this provider serves ${provider.LOOKUP_FUNCTIONS.map((f) => `mosaic:index:${f.name}`).join(", ")})`,
    );
  }
  const result = await provider.lookups[name as LookupName](unwrap(args) as Props);
  if (fn.result.kind === "object") return markSecrets(result, provider.secretProperties(fn.result.properties));
  const secrets = provider.secretProperties(provider.LOOKUP_ITEM_TYPES[fn.result.item].properties);
  const items = (result[fn.result.property] as Props[]).map((entry) => markSecrets(entry, secrets));
  return { [fn.result.property]: items };
}
