// Public surface of the Mosaic Applications management API client. Loadable with plain `require()`: no
// @pulumi/pulumi import, no side effects beyond the process-wide registries (see client.ts).

export { MosaicClient, type MosaicClientOptions } from "./client";
export { ApplicationsManager, type ApplicationParams } from "./applications-manager";
export { ClientsManager, type ClientCollectionParams, type ClientParams } from "./clients-manager";
export type { RequestOptions } from "./manager-support";

export {
  resolveSettings,
  tokenUrlForApiUrl,
  apiUrlForRegion,
  describeSettings,
  REGION_HOSTS,
  DEFAULT_SETTINGS,
  MAX_REQUESTS_PER_SECOND_LIMIT,
  type MosaicRegion,
  type MosaicSettingsInput,
  type ResolvedMosaicSettings,
  type EnvLike,
} from "./settings";

export { MosaicApiError, MosaicErrorCodes, normaliseApiMessages, type MosaicErrorCode, type MosaicApiErrorOptions } from "./errors";
export { parseApiErrorBody, adviceForStatus, errorFromStatus, errorFromTransport, type FailureContext, type ApiErrorBody } from "./classify";
export { redactText, redactValue, rememberSecret, isSecretKey, REDACTED } from "./redaction";
export { safeLogger, SILENT_LOGGER, type MosaicLogger, type LogFields } from "./logger";

export {
  DEFAULT_RETRY_POLICY,
  makeRetryPolicy,
  decideRetry,
  parseRetryAfter,
  backoffDelayMs,
  retryDelayMs,
  type RetryPolicy,
  type RetryDecision,
  type AttemptFailure,
  type HttpMethod,
} from "./retry-policy";
export { RetryBudget, DEFAULT_RETRY_BUDGET, sharedRetryBudget, type RetryBudgetOptions } from "./retry-budget";
export { RateLimiter, sharedRateLimiter, type RateLimiterOptions } from "./rate-limiter";
export { TokenProvider, sharedTokenProvider, refreshLeewayMs, type TokenProviderOptions, type TokenFetchContext } from "./token-provider";
export {
  Transport,
  TransportFailure,
  acquireTransport,
  classifyTransportError,
  type TransportRequest,
  type TransportResponse,
  type TransportLease,
} from "./transport";
export { sendApiRequest, emptyStats, type ApiRequest, type ApiResult, type ClientStats, type PipelineContext } from "./request";
export { reconcileCreate, pickOwnCandidate, type ReconcileCreateOptions, type CreatedCandidate } from "./reconcile-create";

export {
  ApplicationSchema,
  BasicApplicationSchema,
  ClientSchema,
  unwrapResult,
  parseApplication,
  parseApplicationList,
  parseBasicApplicationList,
  parseClient,
  parseClientList,
  type ApiApp,
  type ApiBasicApp,
  type ApiClient,
} from "./schemas";
export type * from "./wire-types";

export { resetSharedStateForTests } from "./shared-state";
