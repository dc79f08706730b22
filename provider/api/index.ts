// Public surface of the Mosaic Applications management API client (`pulumi-mosaic/api`): the client, its
// settings, its errors and the types of what it sends and receives. Loadable with plain `require()`: no
// @pulumi/pulumi import, no side effects beyond the process-wide registries (see client.ts). The pipeline's
// parts (transport, limiter, retry executor, classification) are internal; tests import them from their modules,
// and the hook that resets the shared registries lives in `pulumi-mosaic/api/testing`.

export { MosaicClient, type MosaicClientOptions } from "./client";
export { ApplicationsManager, type ApplicationParams } from "./applications-manager";
export { ClientsManager, type ClientCollectionParams, type ClientParams } from "./clients-manager";
export { SigningKeysManager, type SigningKeyCollectionParams, type SigningKeyParams } from "./signing-keys-manager";
export type { RequestOptions } from "./manager-support";
export type { ClientStats } from "./request";

export {
  resolveSettings,
  tokenUrlForApiUrl,
  apiUrlForRegion,
  REGION_HOSTS,
  DEFAULT_SETTINGS,
  MAX_REQUESTS_PER_SECOND_LIMIT,
  type MosaicRegion,
  type MosaicSettingsInput,
  type ResolvedMosaicSettings,
  type EnvLike,
} from "./settings";

export { MosaicApiError, MosaicErrorCodes, type MosaicErrorCode, type MosaicApiErrorOptions } from "./errors";
export type { MosaicLogger, LogFields } from "./logger";
export { systemClock, type Clock } from "./clock";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
export { DEFAULT_RETRY_BUDGET, type RetryBudgetOptions } from "./retry-budget";

export type { AppRecord, BasicAppRecord, ClientRecord, SigningKeyRecord } from "./schemas";
export type * from "./wire-types";
