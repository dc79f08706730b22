// The one retry loop. An API request, a token request and a create that has to be reconciled all run through
// `runWithRetries`; each supplies only what one attempt is and how its failures read as errors. The loop owns
// the rest, so the rules cannot drift apart between callers:
//
//   attempt counting and the attempt cap     (policy.maxRetries)
//   the process-wide retry budget            (spent before every retry, refunded by the success that follows)
//   the delay                                (Retry-After first, else full-jitter backoff; policy data in retry-policy.ts)
//   waiting                                  (on the client's clock, abandoned as soon as the caller's signal aborts)
//   logging                                  (every retry, every ambiguous failure, an exhausted budget)
//
// The policy answers "retry", "reconcile" or "fail" (retry-policy.ts). "reconcile" means the attempt may have been
// applied: a run that can find out (`confirm`, a create looking its object up) waits a backoff delay, asks, and
// either returns what it found or repeats the attempt; any other run gives up with `mayHaveBeenApplied`.
//
// Like undici's RetryHandler (one handler behind RetryAgent and the retry interceptor), the decision and the
// waiting live in one place and a caller's abort cancels a pending backoff instead of letting it run out.

import type { Clock } from "./clock";
import type { MosaicApiError } from "./errors";
import type { LogFields, MosaicLogger } from "./logger";
import type { RetryBudget } from "./retry-budget";
import {
  backoffDelayMs,
  decideRetry,
  failureMayHaveApplied,
  parseRetryAfter,
  retryDelayMs,
  type AttemptFailure,
  type HttpMethod,
  type RetryDecision,
  type RetryPolicy,
} from "./retry-policy";

/** What every run of one client shares. */
export interface RetryEnvironment {
  readonly policy: RetryPolicy;
  readonly budget: RetryBudget;
  readonly clock: Clock;
  readonly logger: MosaicLogger;
  /** Random source for jitter; Math.random when absent. */
  readonly random?: () => number;
  /**
   * Ends every run of this environment when it aborts, on top of each run's own signal: the provider passes one
   * that fires when the engine that started it is gone, so no wait, retry or new attempt outlives the engine.
   */
  readonly signal?: AbortSignal;
}

/** The signal that aborts when either of two (optional) signals does. */
export function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}

/** Where a run stands; handed to each attempt and to every error builder. */
export interface RetryProgress {
  /** Attempts started so far, the current one included. Replays count; they are attempts too. */
  readonly attempts: number;
  /** Retries spent so far (each one paid for with budget). */
  readonly retries: number;
  /** True once an earlier attempt of an idempotent write may have been applied (a 5xx, a maybe-sent failure). */
  readonly mayHaveBeenApplied: boolean;
  /** With "retry-after-too-long": the wait the server asked for, in milliseconds. */
  readonly refusedWaitMs?: number;
}

/** Why a run stopped without a result; the run's error builder words its error accordingly. */
export type GiveUpReason =
  /** The policy says retrying cannot help or would be unsafe. */
  | "not-retryable"
  /** A write may have been applied and this run cannot look it up: the caller has to reconcile. */
  | "may-have-been-applied"
  /** The attempt cap is reached. */
  | "attempts-exhausted"
  /** The process-wide retry budget cannot pay for another retry. */
  | "budget-exhausted"
  /** The caller's signal aborted a wait between attempts. */
  | "aborted"
  /** The server's Retry-After asks for a longer wait than the policy allows (policy.maxRetryAfterMs). */
  | "retry-after-too-long";

/** How one attempt ended. */
export type AttemptOutcome<T> =
  | { readonly kind: "done"; readonly value: T }
  /**
   * Send again at once, free of charge: the attempt was refused for a reason already fixed (a 401 with a token that
   * has just been replaced), so it was certainly not applied.
   */
  | { readonly kind: "replay"; readonly reason: string; readonly fields?: LogFields }
  | {
      readonly kind: "failed";
      readonly failure: AttemptFailure;
      /** Overrides the policy's decision for callers that already know it (a create's ambiguous failure). */
      readonly decision?: RetryDecision;
      readonly error: (reason: GiveUpReason, progress: RetryProgress) => MosaicApiError;
    };

/** One logical call to run with retries. */
export interface RetryRun<T> {
  /** Names the call in logs, e.g. "applications.create" / "POST" / "/v1/applications". */
  readonly operation: string;
  readonly method: HttpMethod;
  readonly route: string;
  /** The method whose rules decide retries; default `method`. Token requests are POSTs that are safe to repeat. */
  readonly retryAs?: HttpMethod;
  readonly signal?: AbortSignal;
  attempt(progress: RetryProgress): Promise<AttemptOutcome<T>>;
  /**
   * For a failure the policy reconciles: called after a backoff delay, finds out whether the failed attempt took
   * effect. A value ends the run with it; undefined means it did not, and the attempt is repeated at once (the
   * delay has just been waited). Without `confirm`, such a failure ends the run ("may-have-been-applied").
   */
  readonly confirm?: () => Promise<T | undefined>;
  /** Counts each retry spent (the client's stats count API retries, not token retries). */
  readonly onRetry?: () => void;
  /**
   * False when every attempt is itself a run of this executor (a reconciled create re-sends through the request
   * pipeline): the inner run's success has already refunded the budget, and a second refund would count it twice.
   */
  readonly refundsOnSuccess?: boolean;
}

/** Runs `run.attempt` until it succeeds or the policy, the attempt cap, the budget or the caller's signal stop it. */
export async function runWithRetries<T>(env: RetryEnvironment, original: RetryRun<T>): Promise<T> {
  const { policy, budget, logger } = env;
  const run: RetryRun<T> = env.signal ? { ...original, signal: eitherSignal(original.signal, env.signal) } : original;
  const rulesOf = run.retryAs ?? run.method;
  const where = { operation: run.operation, method: run.method, route: run.route };
  let attempts = 0;
  let retries = 0;
  let mayHaveBeenApplied = false;
  let lastRetryCost = 0;
  let refusedWaitMs: number | undefined;
  const progress = (): RetryProgress => ({
    attempts,
    retries,
    mayHaveBeenApplied,
    ...(refusedWaitMs === undefined ? {} : { refusedWaitMs }),
  });

  for (;;) {
    attempts++;
    const outcome = await run.attempt(progress());
    if (outcome.kind === "done") {
      if (run.refundsOnSuccess !== false) budget.recordSuccess(lastRetryCost);
      return outcome.value;
    }
    if (outcome.kind === "replay") {
      logger.info(outcome.reason, { ...where, ...outcome.fields, attempt: attempts });
      continue;
    }

    const { failure } = outcome;
    const giveUp = (reason: GiveUpReason): MosaicApiError => outcome.error(reason, progress());
    const failureFields = { ...where, status: statusOf(failure), cause: causeOf(failure), attempt: attempts };
    // Pays for the next attempt, or throws why there is none.
    const spendRetry = (): void => {
      if (retries >= policy.maxRetries) throw giveUp("attempts-exhausted");
      const cost = budget.costOf(failure.kind === "network" && failure.timeout);
      if (!budget.tryAcquire(cost)) {
        logger.warn("retry budget exhausted; not retrying", failureFields);
        throw giveUp("budget-exhausted");
      }
      lastRetryCost = cost;
    };
    const wait = async (delayMs: number): Promise<void> => {
      try {
        await env.clock.sleep(delayMs, run.signal);
      } catch (err) {
        if (run.signal?.aborted) throw giveUp("aborted");
        throw err;
      }
    };

    const decision = outcome.decision ?? decideRetry(rulesOf, failure, policy);
    if (decision === "fail") throw giveUp("not-retryable");
    if (decision === "reconcile") {
      if (!run.confirm) throw giveUp("may-have-been-applied");
      // An eventually consistent list needs a moment to show an object created a moment ago.
      const delayMs = backoffDelayMs(retries, policy, env.random);
      logger.info("attempt may have been applied; looking it up before trying again", { ...failureFields, delayMs });
      await wait(delayMs);
      const found = await run.confirm();
      if (found !== undefined) return found;
      spendRetry();
      retries++;
      run.onRetry?.();
      logger.info("retrying request", { ...failureFields, delayMs: 0, delaySource: "lookup" });
      continue;
    }

    if (rulesOf !== "GET" && failureMayHaveApplied(failure)) mayHaveBeenApplied = true;
    const retryAfter = failure.kind === "status" ? failure.retryAfter : undefined;
    // Waiting the longest wait we allow and asking again would only earn the same answer: fail now, naming the wait.
    const askedMs = parseRetryAfter(retryAfter, env.clock.now());
    if (askedMs !== undefined && askedMs > policy.maxRetryAfterMs) {
      refusedWaitMs = askedMs;
      logger.warn("Retry-After asks for a longer wait than the provider waits; not retrying", { ...failureFields, retryAfterMs: askedMs });
      throw giveUp("retry-after-too-long");
    }
    spendRetry();
    const { delayMs, source } = retryDelayMs(retries, retryAfter, policy, env.random, env.clock.now());
    retries++;
    run.onRetry?.();
    logger.info("retrying request", { ...failureFields, delayMs, delaySource: source });
    await wait(delayMs);
  }
}

function statusOf(failure: AttemptFailure): number | undefined {
  return failure.kind === "status" ? failure.status : undefined;
}

function causeOf(failure: AttemptFailure): string | undefined {
  return failure.kind === "network" ? failure.code : undefined;
}
