// Everything one running emulator holds, shared by the API pipeline, the admin object and the admin routes:
// state, tokens, fault and rate-limit configuration, the request log, and the timers a close must cut short.
import { randomBytes } from "node:crypto";
import { createClock } from "./clock";
import { FaultEngine } from "./faults";
import { DEFAULT_MAX_BODY_BYTES } from "./http-io";
import { loadStateFile, StateFileWriter } from "./persistence";
import type { PersistedState } from "./persistence";
import { createPrng, deriveSeed, randomId } from "./random";
import type { Prng } from "./random";
import { TokenBucket } from "./rate-limit";
import { DEFAULT_MAX_LOG_ENTRIES, RequestLog } from "./request-log";
import { Store } from "./store";
import { TokenIssuer } from "./tokens";
import type { EmulatorOptions } from "./types";

const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export class EmulatorRuntime {
  readonly store: Store;
  readonly tokens: TokenIssuer;
  readonly faults: FaultEngine;
  readonly rateLimiter = new TokenBucket();
  readonly log: RequestLog;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  readonly maxBodyBytes: number;
  readonly logRequests: boolean;
  /** http://host:port once listening. */
  origin = "http://127.0.0.1";
  closing = false;

  private latencyMs = 0;
  private jitterMs = 0;
  private readonly jitterPrng: Prng;
  private readonly pendingSleeps = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private readonly stateWriter: StateFileWriter | undefined;

  constructor(options: EmulatorOptions) {
    const seed = options.seed ?? randomBytes(4).readUInt32LE(0);
    const idPrng = createPrng(deriveSeed(seed, "ids"));
    this.jitterPrng = createPrng(deriveSeed(seed, "jitter"));
    const persisted = options.stateFile ? loadStateFile(options.stateFile) : undefined;

    this.clientId = options.clientId ?? persisted?.credentials.clientId ?? `emulator-${randomId(idPrng, 12)}`;
    this.clientSecret = options.clientSecret ?? persisted?.credentials.clientSecret ?? randomBytes(24).toString("base64url");
    this.tenantId = options.tenantId ?? persisted?.tenantId ?? randomId(idPrng, 21);
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.logRequests = options.logRequests ?? false;
    this.log = new RequestLog(options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES);

    if (options.stateFile) {
      const file = options.stateFile;
      this.stateWriter = new StateFileWriter(file, () => this.persistedState());
    }
    this.store = new Store({
      tenantId: this.tenantId,
      createdBy: this.clientId,
      clock: createClock(),
      newId: (isFree) => {
        for (;;) {
          const id = randomId(idPrng);
          if (isFree(id)) return id;
        }
      },
      publicOrigin: () => this.origin,
      onChange: () => this.stateWriter?.schedule(),
    });
    if (persisted) this.store.restore(persisted.store);
    // Written at once, so the generated credentials survive a restart even if nothing else changes.
    this.stateWriter?.flush();

    this.tokens = new TokenIssuer({
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      tenantId: this.tenantId,
      ttlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      issuer: () => `${this.origin}/oidc`,
    });
    this.faults = new FaultEngine(createPrng(deriveSeed(seed, "faults")));
    this.faults.setRules(options.faults ?? []);
    this.faults.setFaultRate(options.faultRate ?? 0);
    this.setLatency(options.latencyMs ?? 0, options.jitterMs ?? 0);
    this.rateLimiter.setRate(options.rateLimit ?? 0);
  }

  setLatency(ms: number, jitterMs = 0): void {
    for (const [name, value] of [
      ["latency", ms],
      ["jitter", jitterMs],
    ] as const) {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new TypeError(`${name} must be a non-negative number of milliseconds`);
      }
    }
    this.latencyMs = ms;
    this.jitterMs = jitterMs;
  }

  latency(): { ms: number; jitterMs: number } {
    return { ms: this.latencyMs, jitterMs: this.jitterMs };
  }

  /** The configured latency plus its jitter; resolves at once when none is configured. */
  async applyLatency(): Promise<void> {
    if (this.latencyMs > 0 || this.jitterMs > 0) await this.sleep(this.latencyMs + this.jitter(this.jitterMs));
  }

  jitter(maxMs: number): number {
    return maxMs > 0 ? this.jitterPrng.next() * maxMs : 0;
  }

  /** A delay that close() cuts short, so shutting down never waits for a hang or a long latency. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pendingSleeps.delete(entry);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.pendingSleeps.add(entry);
    });
  }

  /** Stops new work, wakes every sleeper and writes the state file one last time. */
  shutDown(): void {
    this.closing = true;
    for (const entry of this.pendingSleeps) {
      clearTimeout(entry.timer);
      entry.wake();
    }
    this.pendingSleeps.clear();
    this.stateWriter?.flush();
  }

  private persistedState(): PersistedState {
    return {
      version: 1,
      credentials: { clientId: this.clientId, clientSecret: this.clientSecret },
      tenantId: this.tenantId,
      store: this.store.snapshot(),
    };
  }
}
