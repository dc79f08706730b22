// Every API and token request (admin routes excluded), for tests that count calls ("a no-op `pulumi up` makes
// zero API calls"), look for retries, or read what was sent (bodies, redacted by redact-body.ts). Bounded so a
// long-running emulator does not grow without limit; the counts stay exact past the bound.
import type { RequestLogEntry } from "./types";

export const DEFAULT_MAX_LOG_ENTRIES = 100_000;
/** Only the newest entries keep their bodies: a load run of 100,000 requests would otherwise hold every body. */
export const MAX_LOGGED_BODIES = 10_000;

export class RequestLog {
  private log: RequestLogEntry[] = [];
  private counts = new Map<string, number>();

  constructor(private readonly maxEntries = DEFAULT_MAX_LOG_ENTRIES) {}

  record(entry: RequestLogEntry): void {
    if (this.log.length >= this.maxEntries) this.log.splice(0, Math.max(1, this.maxEntries >> 4));
    this.log.push(entry);
    const aged = this.log[this.log.length - 1 - MAX_LOGGED_BODIES];
    if (aged) delete aged.body;
    const key = `${entry.method} ${entry.route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  entries(): RequestLogEntry[] {
    return this.log.map((entry) => structuredClone(entry));
  }

  countsByRoute(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.log = [];
    this.counts = new Map();
  }
}
