// Test hooks (`pulumi-mosaic/api/testing`), kept out of the public entry. The process-wide registries (rate
// limiters, retry budgets, token caches, connection pools, remembered secrets) exist so that every resource of a
// deployment shares them. Tests need the opposite: each test starts from a clean slate, or one test's empty
// budget or cached token leaks into the next.

import { resetRateLimitersForTests } from "./rate-limiter";
import { forgetSecretsForTests } from "./redaction";
import { resetRetryBudgetsForTests } from "./retry-budget";
import { resetTokenProvidersForTests } from "./token-provider";
import { resetTransportsForTests } from "./transport";

/**
 * Forgets every shared limiter, budget, cached token and remembered secret, and destroys every pooled connection.
 * For tests only: in a provider process it would drop the rate limit mid-deployment. Clients created before the
 * reset keep references to the old objects; create new clients afterwards.
 */
export async function resetSharedStateForTests(): Promise<void> {
  resetRateLimitersForTests();
  resetRetryBudgetsForTests();
  resetTokenProvidersForTests();
  forgetSecretsForTests();
  await resetTransportsForTests();
}
