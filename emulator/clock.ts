// Timestamps for created_at/updated_at. Strictly increasing, so two writes in the same millisecond still leave
// different updated_at values (tests and drift checks compare them).

export interface Clock {
  /** ISO 8601 with milliseconds, e.g. 2025-01-02T03:04:05.678Z */
  nowIso(): string;
}

export function createClock(now: () => number = Date.now): Clock {
  let last = 0;
  return {
    nowIso() {
      last = Math.max(now(), last + 1);
      return new Date(last).toISOString();
    },
  };
}
