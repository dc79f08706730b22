// A token bucket over all API requests (the vendor's edge limit is per source IP, see
// docs/api-behaviour.md#rate-limits): it holds one second's worth of requests and refills continuously; an empty
// bucket means 429.

type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const ALLOWED: RateDecision = { allowed: true };

export class TokenBucket {
  private perSecond = 0;
  private tokens = 0;
  private updatedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** 0 turns the limit off. */
  setRate(requestsPerSecond: number): void {
    if (typeof requestsPerSecond !== "number" || !Number.isFinite(requestsPerSecond) || requestsPerSecond < 0) {
      throw new TypeError("rate limit must be a non-negative number of requests per second");
    }
    this.perSecond = requestsPerSecond;
    this.tokens = this.capacity();
    this.updatedAt = this.now();
  }

  get requestsPerSecond(): number {
    return this.perSecond;
  }

  take(): RateDecision {
    if (this.perSecond === 0) return ALLOWED;
    const now = this.now();
    this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return ALLOWED;
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) };
  }

  private capacity(): number {
    return Math.max(1, this.perSecond);
  }
}
