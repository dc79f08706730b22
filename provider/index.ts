// What the SDK's stubs call at run time: `require("pulumi-mosaic/provider").<resource>.<method>(...)`.
// This module never loads @pulumi/pulumi or sdk/ (docs/architecture.md, "Layers and boundaries"), so the same handlers can also be served
// by a multi-language provider. Each resource's handlers are built once, over the process's shared API client.
import { clientDirectory, mosaicClient } from "./context";
import { providerLog } from "./log";
import { applicationHandlers } from "./resources/application/handlers";
import { clientResourcesHandlers } from "./resources/client-resources/handlers";
import { clientHandlers } from "./resources/client/handlers";
import type { HandlerDeps } from "./resources/handler-contract";
import { lookupFunctions } from "./resources/lookups/lookups";

const shared: HandlerDeps = { api: mosaicClient, clients: clientDirectory, log: providerLog };

export { configure, settingsFrom, type StackConfig } from "./context";
export { setLogSink, type LogSink } from "./log";
export const application = applicationHandlers(shared);
export const client = clientHandlers(shared);
export const clientResources = clientResourcesHandlers(shared);
/** getApplication, getApplications, getClient, getClients over the same shared client (sdk/lookups.ts, the plugin's Invoke). */
export const lookups = lookupFunctions(shared);
export { LOOKUP_FUNCTIONS, LOOKUP_ITEM_TYPES, secretProperties, type LookupFunction } from "./resources/lookups/model";
export { version, userAgent } from "./version";
export { MosaicResourceError, ResourceErrorCodes, type ResourceErrorCode } from "./resources/errors";
export * from "./api";
