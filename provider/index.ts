// What the SDK's stubs call at run time: `require("pulumi-mosaic/provider").<resource>.<method>(...)`.
// This module never loads @pulumi/pulumi or sdk/ (docs/architecture.md, "Layers and boundaries"), so the same handlers can also be served
// by a multi-language provider. Each resource's handlers are built once, over the process's shared API client.
import { clientDirectory, mosaicClient } from "./context";
import { inDynamicProviderHost, onGracefulExit, watchEngine } from "./engine-lifetime";
import { providerLog } from "./log";
import { CreateJournal, journalDir } from "./resources/create-journal";
import { RunRegistry } from "./resources/run-registry";
import { applicationHandlers } from "./resources/application/handlers";
import { clientResourcesHandlers } from "./resources/client-resources/handlers";
import { clientHandlers } from "./resources/client/handlers";
import { signingKeyHandlers } from "./resources/signing-key/handlers";
import type { HandlerDeps } from "./resources/handler-contract";
import { lookupFunctions } from "./resources/lookups/lookups";

// One registry and one journal for the whole process: the engine sends every resource of a deployment to it.
const journal = new CreateJournal(
  () => journalDir(),
  (message) => providerLog.warn(message),
);
const shared: HandlerDeps = { api: mosaicClient, clients: clientDirectory, log: providerLog, run: new RunRegistry(), journal };
onGracefulExit(() => journal.settleReturned());
// The dynamic-provider host stops with the engine (engine-lifetime.ts); plugin/main.ts starts the watch for the plugin.
if (inDynamicProviderHost()) watchEngine();

export { configure, settingsFrom, type StackConfig } from "./context";
export { setLogSink, type LogSink } from "./log";
export const application = applicationHandlers(shared);
export const client = clientHandlers(shared);
export const clientResources = clientResourcesHandlers(shared);
export const signingKey = signingKeyHandlers(shared);
/** getApplication, getApplications, getClient, getClients over the same shared client (sdk/lookups.ts, the plugin's Invoke). */
export const lookups = lookupFunctions(shared);
export { LOOKUP_FUNCTIONS, LOOKUP_ITEM_TYPES, secretProperties, type LookupFunction } from "./resources/lookups/model";
export { version, userAgent } from "./version";
export { watchEngine } from "./engine-lifetime";
export { MosaicResourceError, ResourceErrorCodes, type ResourceErrorCode } from "./resources/errors";
export * from "./api";
