// A process-wide retry budget (a token quota, after the AWS SDK's standard retry strategy).
//
// Per-request attempt caps alone do not stop a retry storm: with Pulumi's default parallelism (4 × CPUs) and a
// failing API, every in-flight resource multiplies its traffic by (1 + maxRetries) at exactly the moment the
// server is least able to take it. The budget is shared by every request to the same API origin + client id:
// each retry spends tokens, each success earns some back. When it runs dry, failures surface immediately
// instead of being retried, and the budget refills as soon as requests start succeeding again.

/** Budget parameters. Defaults in {@link DEFAULT_RETRY_BUDGET}. */
export interface RetryBudgetOptions {
  /** Tokens when full. */
  readonly capacity: number;
  /** Cost of a retry after an error response or connection failure. */
  readonly retryCost: number;
  /** Cost of a retry after a timeout: timeouts are the most expensive failure for the server, so they cost more. */
  readonly timeoutRetryCost: number;
  /** Earned by every successful request. A success after retries also refunds the cost of its last retry. */
  readonly successRefund: number;
}

/**
 * Defaults (frozen): capacity 500, retryCost 5, timeoutRetryCost 10, successRefund 1. With no successes at all
 * that allows 100 retries (50 after timeouts) across the whole process before failures stop being retried.
 */
export const DEFAULT_RETRY_BUDGET: RetryBudgetOptions = Object.freeze({
  capacity: 500,
  retryCost: 5,
  timeoutRetryCost: 10,
  successRefund: 1,
});

/** A token quota for retries. Synchronous and single-threaded, so no locking is needed. */
export class RetryBudget {
  readonly options: RetryBudgetOptions;
  #available: number;
  #denied = 0;

  constructor(options: Partial<RetryBudgetOptions> = {}) {
    const merged = { ...DEFAULT_RETRY_BUDGET, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    for (const [k, v] of Object.entries(merged)) {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new RangeError(`retry budget: ${k} must be a finite number >= 0`);
    }
    this.options = Object.freeze(merged);
    this.#available = merged.capacity;
  }

  /** Tokens currently available. */
  get available(): number {
    return this.#available;
  }

  /** Retries refused because the budget was empty (for stats and tests). */
  get denied(): number {
    return this.#denied;
  }

  /** The cost of one retry after a failure of this kind. */
  costOf(timeout: boolean): number {
    return timeout ? this.options.timeoutRetryCost : this.options.retryCost;
  }

  /** Spends `cost` tokens if available. Returns false (and spends nothing) when the budget cannot pay. */
  tryAcquire(cost: number): boolean {
    if (cost > this.#available) {
      this.#denied++;
      return false;
    }
    this.#available -= cost;
    return true;
  }

  /** Records a successful request; `lastRetryCost` is what its final retry cost (0 if it was not retried). */
  recordSuccess(lastRetryCost = 0): void {
    this.#available = Math.min(this.options.capacity, this.#available + this.options.successRefund + lastRetryCost);
  }
}

const budgets = new Map<string, RetryBudget>();

/**
 * The budget shared by every client of `key` (API origin + client id) in this process. The first caller's
 * options win; later callers get the same budget regardless of theirs.
 */
export function sharedRetryBudget(key: string, options?: Partial<RetryBudgetOptions>): RetryBudget {
  let budget = budgets.get(key);
  if (!budget) {
    budget = new RetryBudget(options);
    budgets.set(key, budget);
  }
  return budget;
}

/** Drops every shared budget. For tests only (see `resetSharedStateForTests`). */
export function resetRetryBudgetsForTests(): void {
  budgets.clear();
}
