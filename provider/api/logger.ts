// The optional logger. The client logs what a person debugging a slow or failed `pulumi up` needs (retries,
// waits, reconciliations: method, route template, status, attempt, delay) and nothing else. Every line and field
// goes through redaction before it reaches the caller's logger, so a careless field cannot leak a secret.

import { redactText, redactValue } from "./redaction";

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** A minimal logger; `console` works, and so does Pulumi's `log` (wrapped) or pino. Default: silent. */
export interface MosaicLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
}

/** Logs nothing. */
export const SILENT_LOGGER: MosaicLogger = Object.freeze({
  info() {},
  warn() {},
});

/**
 * Wraps a caller's logger so that every message and field is redacted, and a throwing logger cannot break a
 * request (a logging failure must never turn a successful create into a failed one).
 */
export function safeLogger(logger: Partial<MosaicLogger> | undefined): MosaicLogger {
  if (!logger) return SILENT_LOGGER;
  const wrap =
    (level: keyof MosaicLogger) =>
    (message: string, fields?: LogFields): void => {
      const fn = logger[level];
      if (typeof fn !== "function") return;
      try {
        const line = redactText(`[mosaic] ${message}`);
        if (fields === undefined) fn.call(logger, line);
        else fn.call(logger, line, redactValue(fields) as LogFields);
      } catch {
        // Deliberately ignored: see above.
      }
    };
  return Object.freeze({ info: wrap("info"), warn: wrap("warn") });
}
