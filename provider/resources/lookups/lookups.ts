// The lookup functions over the shared API client: one request each (so the rate limiter, retries and token cache
// of the whole run apply), results under the resources' names. Callers: the SDK's functions in the program
// process (sdk/lookups.ts) and the plugin's Invoke. Never loads @pulumi/pulumi; secrets are marked by the callers.
import type { AppRecord, ClientRecord } from "../../api";
import { applicationModel } from "../application/fields";
import { clientModel } from "../client/fields";
import { MosaicResourceError, ResourceErrorCodes } from "../errors";
import { fromApi } from "../field-mapping";
import { serverOutputsFrom } from "../field-spec";
import type { HandlerDeps } from "../handler-contract";
import { definedOnly, type Props } from "../props";
import { APPLICATION_RESULT, CLIENT_RESULT, applicationSummary, type LookupFunction } from "./model";

type Args = Record<string, unknown>;

/** The one id-or-name argument pair, validated: exactly one, a non-empty string. */
function idOrName(fn: string, args: Args, idKey: string, nameKey: string): { id: string } | { name: string } {
  const given = [idKey, nameKey].filter((key) => args[key] !== undefined && args[key] !== null);
  if (given.length !== 1) {
    throw new MosaicResourceError(
      ResourceErrorCodes.LOOKUP_INVALID_ARGS,
      `${fn}: give exactly one of \`${idKey}\` or \`${nameKey}\` (got ${given.length === 0 ? "neither" : "both"}).`,
    );
  }
  const value = args[given[0]];
  if (typeof value !== "string" || value.trim() === "") {
    throw new MosaicResourceError(ResourceErrorCodes.LOOKUP_INVALID_ARGS, `${fn}: \`${given[0]}\` must be a non-empty string.`);
  }
  return given[0] === idKey ? { id: value } : { name: value };
}

function requiredString(fn: string, args: Args, key: string): string {
  const value = args[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new MosaicResourceError(ResourceErrorCodes.LOOKUP_INVALID_ARGS, `${fn}: \`${key}\` is required (a non-empty string).`);
  }
  return value;
}

/** The single object named `name`, or a LOOKUP_NOT_FOUND / LOOKUP_AMBIGUOUS error that names the matches. */
function single<T>(fn: string, what: { noun: string; scope: string }, name: string, matches: T[], idOf: (item: T) => string): T {
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new MosaicResourceError(ResourceErrorCodes.LOOKUP_NOT_FOUND, `${fn}: no ${what.noun}${what.scope} is named "${name}".`);
  }
  throw new MosaicResourceError(
    ResourceErrorCodes.LOOKUP_AMBIGUOUS,
    `${fn}: ${matches.length} ${what.noun}s${what.scope} are named "${name}" (ids ${matches.map(idOf).join(", ")}); ` +
      "look it up by id instead.",
  );
}

async function byIdOrNotFound<T>(fn: string, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as { code?: string }).code === "MOSAIC_NOT_FOUND") {
      throw new MosaicResourceError(ResourceErrorCodes.LOOKUP_NOT_FOUND, `${fn}: ${what} does not exist.`);
    }
    throw error;
  }
}

export function applicationResult(app: AppRecord): Props {
  return definedOnly({ ...fromApi(applicationModel.inputs, app), ...serverOutputsFrom(APPLICATION_RESULT.properties, app) });
}

export function clientResult(client: ClientRecord): Props {
  return definedOnly({ ...fromApi(clientModel.inputs, client), ...serverOutputsFrom(CLIENT_RESULT.properties, client) });
}

export type LookupName = LookupFunction["name"];
export type Lookups = Record<LookupName, (args: Args) => Promise<Props>>;

export function lookupFunctions({ api }: Pick<HandlerDeps, "api">): Lookups {
  return {
    async getApplication(args) {
      const fn = "getApplication";
      const key = idOrName(fn, args, "appId", "appName");
      if ("id" in key) {
        return applicationResult(await byIdOrNotFound(fn, `application "${key.id}"`, () => api().applications.get({ app_id: key.id })));
      }
      const matches = (await api().applications.getAll()).filter((app) => app.app_name === key.name);
      return applicationResult(single(fn, { noun: "application", scope: "" }, key.name, matches, (app) => app.app_id));
    },

    async getApplications() {
      const apps = await api().applications.getAllBasic();
      return { applications: apps.map((app) => definedOnly(serverOutputsFrom(applicationSummary, app))) };
    },

    async getClient(args) {
      const fn = "getClient";
      const applicationId = requiredString(fn, args, "applicationId");
      const key = idOrName(fn, args, "clientId", "name");
      if ("id" in key) {
        const read = () => api().clients.get({ app_id: applicationId, client_id: key.id });
        return clientResult(await byIdOrNotFound(fn, `client "${key.id}" of application "${applicationId}"`, read));
      }
      const all = await byIdOrNotFound(fn, `application "${applicationId}"`, () => api().clients.getAll({ app_id: applicationId }));
      const matches = all.filter((client) => client.name === key.name);
      return clientResult(
        single(fn, { noun: "client", scope: ` of application "${applicationId}"` }, key.name, matches, (client) => client.client_id),
      );
    },

    async getClients(args) {
      const fn = "getClients";
      const applicationId = requiredString(fn, args, "applicationId");
      const all = await byIdOrNotFound(fn, `application "${applicationId}"`, () => api().clients.getAll({ app_id: applicationId }));
      return { clients: all.map(clientResult) };
    },
  };
}
