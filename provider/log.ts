// Messages from the provider process. Pulumi shows the dynamic-provider plugin's stderr as diagnostics under the
// resource being processed, so a plain line on stderr is how a user learns why refresh dropped a resource or why a
// request was retried. Everything logged here is built from ids, field names and the API client's redacted fields,
// never from values that could be secrets.
export type LogFields = Record<string, unknown>;

export interface ProviderLog {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
}

/** `message (key=value, ...)`, with the API client's own "[mosaic] " prefix dropped: ours says the same. */
export function formatLine(message: string, fields?: LogFields): string {
  const text = message.replace(/^\[mosaic\] /, "");
  const details = Object.entries(fields ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return details.length > 0 ? `${text} (${details.join(", ")})` : text;
}

/** Where the lines go: stderr, which the dynamic-provider host shows; the plugin front end routes them to the engine. */
export type LogSink = (severity: "info" | "warning", line: string) => void;

let sink: LogSink = (_severity, line) => console.error(line);

/** Replaces where provider messages go (plugin/main.ts: the engine's Log service, under the resource's URN). */
export function setLogSink(next: LogSink): void {
  sink = next;
}

/** Warnings already sent by this process: the same warning (same text, same ids) is sent once. */
const warned = new Set<string>();
/** Bounds the memory of a long run; past it, repeats are possible again. */
const MAX_REMEMBERED_WARNINGS = 1000;

/**
 * True unless this process already warned with `line`. Many requests failing the same way (a retry budget running
 * out under a fault storm) would otherwise repeat one warning per request.
 */
export function firstTime(line: string): boolean {
  if (warned.has(line)) return false;
  if (warned.size >= MAX_REMEMBERED_WARNINGS) warned.clear();
  warned.add(line);
  return true;
}

export const providerLog: ProviderLog = {
  info: (message, fields) => sink("info", `mosaic: ${formatLine(message, fields)}`),
  warn: (message, fields) => {
    const line = `mosaic warning: ${formatLine(message, fields)}`;
    if (firstTime(line)) sink("warning", line);
  },
};
