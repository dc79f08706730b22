// Which fault, if any, a request gets: the configured rules in order (the first that fires wins), then the
// `faultRate` shorthand. Every draw comes from one seeded stream, so the same seed and the same request sequence
// give the same faults.
import type { Prng } from "./random";
import type { FaultKind, FaultRule } from "./types";

const FAULT_KINDS = new Set(["latency", "status", "reset-before", "applied-then-reset", "applied-then-status", "hang"]);
const STATUS_FAULT_CODES = new Set([429, 500, 502, 503]);
const AMBIGUOUS_STATUS_CODES = new Set([500, 502, 503]);

interface ActiveRule {
  rule: FaultRule;
  /** Injections left; Infinity when `times` is not set. */
  remaining: number;
}

/** The `faultRate` pool: what a flaky edge and backend produce. Ambiguous writes only for writes. */
const RANDOM_FAULTS_ANY: readonly FaultKind[] = [
  { kind: "status", status: 429 },
  { kind: "status", status: 429, retryAfter: "1" },
  { kind: "status", status: 500 },
  { kind: "status", status: 502 },
  { kind: "status", status: 503 },
  { kind: "reset-before" },
];
const RANDOM_FAULTS_WRITE: readonly FaultKind[] = [
  ...RANDOM_FAULTS_ANY,
  { kind: "applied-then-reset" },
  { kind: "applied-then-status", status: 503 },
];

export class FaultEngine {
  private rules: ActiveRule[] = [];
  private rate = 0;

  constructor(private readonly prng: Prng) {}

  setRules(rules: readonly FaultRule[]): void {
    if (!Array.isArray(rules)) throw new TypeError("fault rules must be an array");
    rules.forEach((rule, index) => validateFaultRule(rule, index));
    this.rules = rules.map((rule) => ({ rule: { ...rule }, remaining: rule.times ?? Infinity }));
  }

  setFaultRate(rate: number): void {
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) throw new TypeError("faultRate must be a number in [0, 1]");
    this.rate = rate;
  }

  /** Current configuration, with each rule's remaining injections (null = unlimited). */
  describe(): { rules: (FaultRule & { remaining: number | null })[]; faultRate: number } {
    return {
      rules: this.rules.map(({ rule, remaining }) => ({ ...rule, remaining: remaining === Infinity ? null : remaining })),
      faultRate: this.rate,
    };
  }

  /** The fault for this request, or undefined. `isWrite` gates the ambiguous kinds of the faultRate pool. */
  decide(method: string, route: string, isWrite: boolean): FaultKind | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (rule.route !== undefined && rule.route !== route) continue;
      if (rule.rate !== undefined && rule.rate < 1 && this.prng.next() >= rule.rate) continue;
      active.remaining--;
      return rule;
    }
    if (this.rate > 0 && this.prng.next() < this.rate) {
      const pool = isWrite ? RANDOM_FAULTS_WRITE : RANDOM_FAULTS_ANY;
      return pool[this.prng.int(pool.length)];
    }
    return undefined;
  }
}

/** The name a fault gets in the request log, e.g. "status:503", "applied-then-reset". */
export function faultLabel(fault: FaultKind): string {
  if (fault.kind === "status") return `status:${fault.status}${fault.retryAfter !== undefined ? "+retry-after" : ""}`;
  if (fault.kind === "applied-then-status") return `applied-then-status:${fault.status}`;
  return fault.kind;
}

function isNonNegative(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** Throws a TypeError naming the first problem; the admin HTTP routes turn it into a 400. */
function validateFaultRule(rule: unknown, index = 0): asserts rule is FaultRule {
  const where = `faults[${index}]`;
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) throw new TypeError(`${where} must be an object`);
  const r = rule as Record<string, unknown>;
  if (typeof r.kind !== "string" || !FAULT_KINDS.has(r.kind)) {
    throw new TypeError(`${where}.kind must be one of ${[...FAULT_KINDS].join(", ")}`);
  }
  if (r.method !== undefined && typeof r.method !== "string") throw new TypeError(`${where}.method must be a string`);
  if (r.route !== undefined && typeof r.route !== "string") throw new TypeError(`${where}.route must be a string`);
  if (r.rate !== undefined && !(isNonNegative(r.rate) && r.rate <= 1)) throw new TypeError(`${where}.rate must be in [0, 1]`);
  if (r.times !== undefined && !(Number.isInteger(r.times) && (r.times as number) >= 0)) {
    throw new TypeError(`${where}.times must be a non-negative integer`);
  }
  switch (r.kind) {
    case "latency":
      if (!isNonNegative(r.ms)) throw new TypeError(`${where}.ms must be a non-negative number`);
      if (r.jitterMs !== undefined && !isNonNegative(r.jitterMs)) throw new TypeError(`${where}.jitterMs must be a non-negative number`);
      break;
    case "hang":
      if (!isNonNegative(r.ms)) throw new TypeError(`${where}.ms must be a non-negative number`);
      break;
    case "status":
      if (!STATUS_FAULT_CODES.has(r.status as number)) throw new TypeError(`${where}.status must be 429, 500, 502 or 503`);
      if (r.retryAfter !== undefined && typeof r.retryAfter !== "string") {
        throw new TypeError(`${where}.retryAfter must be a string (seconds or an HTTP date)`);
      }
      break;
    case "applied-then-status":
      if (!AMBIGUOUS_STATUS_CODES.has(r.status as number)) throw new TypeError(`${where}.status must be 500, 502 or 503`);
      break;
  }
}
