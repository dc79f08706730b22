// CheckConfig: the provider's settings validated when the engine loads the plugin, so a bad `mosaic:region`, a
// malformed `mosaic:apiUrl` or missing credentials fail `pulumi preview` at once, with the message the API client
// would give at its first request (it names the `mosaic:` key, its MOSAIC_* variable and what to do, and never the
// secret). The environment fallbacks count, as they do at run time: the plugin inherits the engine's environment.
import { MosaicApiError, MosaicErrorCodes, resolveSettings, settingsFrom, type EnvLike } from "../provider";
import { containsUnknown } from "../provider/resources/unknown";
import { stackConfigFrom } from "./config";

export interface ConfigFailure {
  property: string;
  reason: string;
}

/**
 * The failures of the provider inputs `news` (config keys by bare name, secrets possibly wrapped). An explicit
 * provider whose settings come from other resources' outputs has unknown values at preview: those are checked
 * when the provider is configured, at the first API call.
 */
export function checkProviderConfig(news: Record<string, unknown>, env: EnvLike): ConfigFailure[] {
  if (containsUnknown(news)) return [];
  try {
    resolveSettings(settingsFrom(stackConfigFrom(news, new Map())), env);
    return [];
  } catch (error) {
    if (!MosaicApiError.isInstance(error) || error.code !== MosaicErrorCodes.CONFIG) throw error;
    // A failure without a property: the engine prints a property's failure with its value, which may be the secret.
    return [{ property: "", reason: error.message }];
  }
}
