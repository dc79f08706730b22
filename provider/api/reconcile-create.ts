// Exactly one object per intended create.
//
// A POST that failed ambiguously (the connection dropped after sending, a timeout, a 5xx) may or may not have
// created the object. Re-sending it blindly is how providers end up with two "web" clients; giving up loses
// track of one that does exist (an orphan Pulumi does not know about). So instead:
//
//   1. wait a backoff delay (an eventually consistent list needs a moment to show a fresh object);
//   2. list and look for an object with our name created no earlier than the first attempt's start minus a
//      clock-skew allowance (older same-named objects are someone else's);
//   3. found → adopt it; not found → the create did not happen, so POST again (costs retry budget).
//
// A 409 is read in context: on the very first attempt it is a genuine conflict (the name is taken, tell the
// user about importId); after an ambiguous attempt it most likely means our own earlier attempt landed, so we
// reconcile instead.

import { MosaicApiError, MosaicErrorCodes } from "./errors";
import type { ClientStats } from "./request";
import { runWithRetries, type AttemptOutcome, type GiveUpReason, type RetryEnvironment } from "./retry-executor";
import type { AttemptFailure } from "./retry-policy";

/** An object found by a reconciliation lookup. */
export interface CreatedCandidate<T> {
  readonly value: T;
  /** Server `created_at` (ISO date-time), if present. */
  readonly createdAt: string | undefined;
}

/** Inputs of {@link reconcileCreate}. */
export interface ReconcileCreateOptions<T> {
  /** e.g. "applications.create" */
  readonly operation: string;
  /** Route template of the POST, for logs. */
  readonly route: string;
  /** The name being created (app_name or client name); for messages and matching. */
  readonly name: string;
  /** Sends one POST through the pipeline (which itself retries 429 and never-sent failures). */
  readonly attempt: () => Promise<T>;
  /** Lists same-named candidates. Called only after an ambiguous failure or a 409 following one. */
  readonly findByName: () => Promise<Array<CreatedCandidate<T>>>;
  /** Turns a matched candidate into the value to return (for example a full GET of a list item). */
  readonly adopt?: (candidate: T) => Promise<T>;
  /** Policy, budget, clock (which also dates the first attempt) and logger of the client. */
  readonly retry: RetryEnvironment;
  readonly stats: ClientStats;
  readonly signal?: AbortSignal;
}

/**
 * Picks the candidate that is plausibly ours: created no earlier than `since`, nearest to `firstAttemptAt`.
 * Candidates without a parseable `created_at` never match (we cannot tell they are ours, and adopting someone
 * else's object would be worse than the duplicate risk on an API that omitted the field). Exported for tests.
 */
export function pickOwnCandidate<T>(
  candidates: ReadonlyArray<CreatedCandidate<T>>,
  firstAttemptAt: number,
  skewMs: number,
): CreatedCandidate<T> | undefined {
  const since = firstAttemptAt - skewMs;
  let best: { c: CreatedCandidate<T>; distance: number } | undefined;
  for (const c of candidates) {
    const at = c.createdAt === undefined ? Number.NaN : Date.parse(c.createdAt);
    if (Number.isNaN(at) || at < since) continue;
    const distance = Math.abs(at - firstAttemptAt);
    if (!best || distance < best.distance) best = { c, distance };
  }
  return best?.c;
}

/** Runs a create so that it yields exactly one object, reconciling after ambiguous failures. */
export async function reconcileCreate<T>(o: ReconcileCreateOptions<T>): Promise<T> {
  const { policy, logger } = o.retry;
  const firstAttemptAt = o.retry.clock.now();
  let lastAmbiguous: MosaicApiError | undefined;

  const lookup = async (why: string): Promise<T | undefined> => {
    o.stats.reconciliations++;
    const candidates = await o.findByName();
    const own = pickOwnCandidate(candidates, firstAttemptAt, policy.reconcileClockSkewMs);
    const inWindow = candidates.filter(
      (c) => c.createdAt !== undefined && Date.parse(c.createdAt) >= firstAttemptAt - policy.reconcileClockSkewMs,
    );
    logger.info(
      own
        ? "reconciled create: adopting the object an earlier attempt created"
        : "reconciled create: no object found; the create did not happen",
      {
        operation: o.operation,
        method: "POST",
        route: o.route,
        reason: why,
        candidates: candidates.length,
        inWindow: inWindow.length,
      },
    );
    if (inWindow.length > 1) {
      logger.warn("several recently created objects share this name; adopting the one closest to our first attempt", {
        operation: o.operation,
        route: o.route,
        inWindow: inWindow.length,
      });
    }
    if (!own) return undefined;
    o.stats.adoptions++;
    return o.adopt ? o.adopt(own.value) : own.value;
  };

  return runWithRetries<T>(o.retry, {
    operation: o.operation,
    method: "POST",
    route: o.route,
    signal: o.signal,
    onRetry: () => o.stats.retries++,
    refundsOnSuccess: false,
    attempt: async (): Promise<AttemptOutcome<T>> => {
      try {
        return { kind: "done", value: await o.attempt() };
      } catch (err) {
        if (!MosaicApiError.isInstance(err)) throw err;
        if (err.code === MosaicErrorCodes.CONFLICT) {
          if (lastAmbiguous === undefined) throw conflictError(o, err);
          const found = await lookup("409 after an ambiguous attempt");
          if (found !== undefined) return { kind: "done", value: found };
          throw conflictError(o, err, true);
        }
        if (!err.mayHaveBeenApplied) throw err;
        const ambiguous = err;
        lastAmbiguous = ambiguous;
        return {
          kind: "failed",
          decision: "reconcile",
          failure: attemptFailureOf(ambiguous),
          error: (reason, p) => giveUpError(o, ambiguous, reason, p.attempts),
        };
      }
    },
    confirm: async () => {
      const ambiguous = lastAmbiguous!;
      try {
        return await lookup(ambiguous.status !== undefined ? `HTTP ${ambiguous.status}` : (ambiguous.causeCode ?? "network"));
      } catch (lookupErr) {
        throw unresolvedError(o, ambiguous, lookupErr);
      }
    },
  });
}

/** The retry-policy view of a POST's ambiguous error: what the retry cost and the log lines need. */
function attemptFailureOf(err: MosaicApiError): AttemptFailure {
  if (err.status !== undefined) return { kind: "status", status: err.status };
  return {
    kind: "network",
    sent: "maybe",
    timeout: err.code === MosaicErrorCodes.TIMEOUT,
    permanent: false,
    code: err.causeCode ?? err.code,
  };
}

function giveUpError<T>(o: ReconcileCreateOptions<T>, last: MosaicApiError, reason: GiveUpReason, posts: number): MosaicApiError {
  if (reason === "aborted") return cancelledError(o, last);
  // Otherwise the cap or the budget refused another POST right after a lookup showed that nothing was created.
  return notCreatedError(o, last, posts, reason === "budget-exhausted");
}

function cancelledError<T>(o: ReconcileCreateOptions<T>, cause: MosaicApiError): MosaicApiError {
  return new MosaicApiError({
    code: MosaicErrorCodes.ABORTED,
    operation: o.operation,
    summary: `cancelled by the caller while reconciling the create of "${o.name}"; it may have been created.`,
    hint: "Run `pulumi refresh`, then adopt the object with importId if it exists.",
    method: "POST",
    route: o.route,
    mayHaveBeenApplied: true,
    causeCode: cause.code,
  });
}

function conflictError<T>(o: ReconcileCreateOptions<T>, err: MosaicApiError, afterAmbiguous = false): MosaicApiError {
  return new MosaicApiError({
    code: MosaicErrorCodes.CONFLICT,
    operation: o.operation,
    summary: afterAmbiguous
      ? `"${o.name}" is taken by an object that this run did not create (it is older than our first attempt).`
      : `the name "${o.name}" is already taken.`,
    hint: "Choose another name, or adopt the existing object by setting the resource's importId input to its id.",
    status: err.status,
    method: "POST",
    route: o.route,
    apiMessages: err.messages,
    apiErrorCode: err.apiErrorCode,
    tsErrorCode: err.tsErrorCode,
    attempts: err.attempts,
  });
}

function notCreatedError<T>(o: ReconcileCreateOptions<T>, last: MosaicApiError, posts: number, budget: boolean): MosaicApiError {
  return new MosaicApiError({
    code: last.code,
    operation: o.operation,
    summary: `could not create "${o.name}": ${posts} attempt(s) failed and a lookup confirmed that none of them created it${
      budget ? "; the process-wide retry budget is exhausted" : ""
    }. Nothing was left behind.`,
    hint: "Run again when the API is healthy.",
    status: last.status,
    method: "POST",
    route: o.route,
    apiMessages: last.messages,
    attempts: posts,
    mayHaveBeenApplied: false,
    causeCode: last.causeCode,
  });
}

function unresolvedError<T>(o: ReconcileCreateOptions<T>, ambiguous: MosaicApiError, lookupErr: unknown): MosaicApiError {
  const lookupCode = MosaicApiError.isInstance(lookupErr) ? lookupErr.code : "unknown";
  return new MosaicApiError({
    code: ambiguous.code,
    operation: o.operation,
    summary:
      `the create of "${o.name}" failed ambiguously and the lookup to check whether it happened also failed ` +
      `(${lookupCode}); it may exist.`,
    hint: "Run `pulumi refresh`; if the object exists, adopt it with the resource's importId input instead of creating it again.",
    status: ambiguous.status,
    method: "POST",
    route: o.route,
    attempts: ambiguous.attempts,
    mayHaveBeenApplied: true,
    causeCode: ambiguous.causeCode,
    cause: lookupErr,
  });
}
