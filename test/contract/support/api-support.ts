// Shared helpers of the API-client contract tests (not a test file itself).
import { startEmulator } from "../../../emulator";
import type { EmulatorOptions, RequestLogEntry } from "../../../emulator/types";
import { MosaicClient, type MosaicClientOptions, type MosaicSettingsInput } from "../../../provider/api";
import { resetSharedStateForTests } from "../../../provider/api/testing";

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Captures every log line the client emits (for the redaction checks and retry assertions). */
export class CapturingLogger {
  readonly lines: string[] = [];
  readonly entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  info = (message: string, fields?: Record<string, unknown>): void => this.#push("info", message, fields);
  warn = (message: string, fields?: Record<string, unknown>): void => this.#push("warn", message, fields);
  #push(level: string, message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level, message, fields });
    this.lines.push(`${level} ${message} ${fields === undefined ? "" : JSON.stringify(fields)}`);
  }
}

/** Small, fast retry settings so fault tests finish in seconds. */
export const FAST_RETRY: MosaicClientOptions["retryPolicy"] = { baseDelayMs: 2, maxDelayMs: 20, reconcileClockSkewMs: 5_000 };

export async function withEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  await resetSharedStateForTests();
  return startEmulator({ seed: 7, ...options });
}

export function clientFor(emu: Emulator, settings: MosaicSettingsInput = {}, options: MosaicClientOptions = {}): MosaicClient {
  return new MosaicClient(
    {
      apiUrl: emu.url,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      maxRequestsPerSecond: 1500,
      requestTimeoutMs: 5_000,
      ...settings,
    },
    { env: {}, retryPolicy: FAST_RETRY, ...options },
  );
}

/** Requests to API routes (token endpoint excluded). */
export function apiRequests(log: RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((e) => e.route !== "/oidc/token");
}

let counter = 0;
/** A unique name per call, so tries never collide. */
export function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
