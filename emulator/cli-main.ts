// The `mosaic-emulator` command, as a function of its arguments and its I/O so tests can run it in-process:
// parse flags, start the emulator, print one JSON line (where and how to connect) to stdout, then wait for
// SIGTERM/SIGINT and shut down cleanly (the state file is flushed by close()). Everything else goes to stderr.
import { parseArgs } from "node:util";
import { isLoopbackName } from "./admin-guard";
import { startEmulator } from "./server";
import type { EmulatorOptions } from "./types";

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  /** Where SIGTERM/SIGINT come from: `process`, or an EventEmitter in tests. */
  signals: {
    once(signal: "SIGTERM" | "SIGINT", listener: () => void): unknown;
    removeListener(signal: "SIGTERM" | "SIGINT", listener: () => void): unknown;
  };
}

const USAGE = `Usage: mosaic-emulator [options]

A local Transmit Security (Mosaic) Applications API with fault injection. Prints one JSON line
{"url","tokenUrl","clientId","clientSecret"} on stdout once listening; logs go to stderr.

  --port <n>            port to listen on; 0 picks a free one (default 0)
  --host <addr>         address to bind (default 127.0.0.1)
  --client-id <id>      management client id the token endpoint accepts (env MOSAIC_EMULATOR_CLIENT_ID)
  --client-secret <s>   its secret (env MOSAIC_EMULATOR_CLIENT_SECRET); both generated when omitted
  --token-ttl <s>       access token lifetime in seconds (default 3600)
  --state-file <path>   load state from this JSON file and keep it up to date (survives restarts)
  --latency-ms <ms>     added latency on every API request (default 0)
  --jitter-ms <ms>      random extra latency up to this much (default 0)
  --fault-rate <p>      probability in [0,1] of a random fault per API request (default 0)
  --rate-limit <rps>    token-bucket limit in requests per second, 429 past it; 0 = off (default 0)
  --seed <n>            seed for ids, fault draws and jitter (repeatable runs)
  --log-requests        one line per request on stderr (method, path, status; never headers or bodies)
  --admin-token <t>     admin routes (/__admin) need Authorization: Bearer <t> (env MOSAIC_EMULATOR_ADMIN_TOKEN)
  --help                show this help
`;

const FLAG_SPEC = {
  port: { type: "string" },
  host: { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "token-ttl": { type: "string" },
  "state-file": { type: "string" },
  "latency-ms": { type: "string" },
  "jitter-ms": { type: "string" },
  "fault-rate": { type: "string" },
  "rate-limit": { type: "string" },
  seed: { type: "string" },
  "log-requests": { type: "boolean" },
  "admin-token": { type: "string" },
  help: { type: "boolean" },
} as const;

export class CliUsageError extends Error {}

function numberFlag(name: string, value: string | undefined, check: (n: number) => boolean, rule: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || !check(parsed)) {
    throw new CliUsageError(`--${name} must be ${rule}, got "${value}"`);
  }
  return parsed;
}

/** Flags (and the credential environment variables) → EmulatorOptions; throws CliUsageError on bad input. */
export function parseCliOptions(argv: readonly string[], env: CliIo["env"]): EmulatorOptions | "help" {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAG_SPEC; args: string[]; allowPositionals: false }>>["values"];
  try {
    values = parseArgs({ args: [...argv], options: FLAG_SPEC, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help) return "help";
  const nonNegative = (n: number): boolean => n >= 0;
  const options: EmulatorOptions = {
    port: numberFlag("port", values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, "an integer in [0, 65535]") ?? 0,
    host: values.host ?? "127.0.0.1",
    clientId: values["client-id"] ?? env.MOSAIC_EMULATOR_CLIENT_ID,
    clientSecret: values["client-secret"] ?? env.MOSAIC_EMULATOR_CLIENT_SECRET,
    tokenTtlSeconds: numberFlag("token-ttl", values["token-ttl"], (n) => n > 0, "a positive number of seconds"),
    stateFile: values["state-file"],
    latencyMs: numberFlag("latency-ms", values["latency-ms"], nonNegative, "a non-negative number"),
    jitterMs: numberFlag("jitter-ms", values["jitter-ms"], nonNegative, "a non-negative number"),
    faultRate: numberFlag("fault-rate", values["fault-rate"], (n) => n >= 0 && n <= 1, "a number in [0, 1]"),
    rateLimit: numberFlag("rate-limit", values["rate-limit"], nonNegative, "a non-negative number"),
    seed: numberFlag("seed", values.seed, Number.isInteger, "an integer"),
    logRequests: values["log-requests"] ?? false,
    adminToken: values["admin-token"] ?? env.MOSAIC_EMULATOR_ADMIN_TOKEN,
  };
  // Leave unset options out, so the emulator's own defaults (and the state file's credentials) apply.
  for (const key of Object.keys(options) as (keyof EmulatorOptions)[]) if (options[key] === undefined) delete options[key];
  if (options.clientId === "" || options.clientSecret === "") throw new CliUsageError("client id and secret must not be empty");
  if (options.adminToken === "") throw new CliUsageError("--admin-token must not be empty");
  return options;
}

/** Runs until SIGTERM/SIGINT; resolves with the process exit code (0 clean, 1 failed to start, 2 bad usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: EmulatorOptions | "help";
  try {
    options = parseCliOptions(argv, io.env);
  } catch (error) {
    io.stderr.write(`mosaic-emulator: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  // Before binding, so the warning is out even when the bind itself fails.
  if (!isLoopbackName(options.host ?? "127.0.0.1")) {
    io.stderr.write(
      `mosaic-emulator: warning: binding to ${options.host}, which other machines can reach: anyone who can connect can use ` +
        "the management credentials printed on stdout, and the API has no TLS. " +
        `${options.adminToken ? "" : "Set --admin-token to protect the admin routes, or "}bind to 127.0.0.1 unless you need this.\n`,
    );
  }
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    io.stderr.write(`mosaic-emulator: could not start: ${(error as Error).message}\n`);
    return 1;
  }
  const { url, tokenUrl, clientId, clientSecret, adminUrl } = emulator;
  io.stdout.write(`${JSON.stringify({ url, tokenUrl, clientId, clientSecret })}\n`);
  io.stderr.write(
    `mosaic-emulator: API ${url}, token endpoint ${tokenUrl}, admin ${adminUrl}` +
      `${options.stateFile ? `, state file ${options.stateFile}` : ""}\n`,
  );
  const signal = await new Promise<string>((resolve) => {
    const onTerm = (): void => finish("SIGTERM");
    const onInt = (): void => finish("SIGINT");
    const finish = (name: string): void => {
      io.signals.removeListener("SIGTERM", onTerm);
      io.signals.removeListener("SIGINT", onInt);
      resolve(name);
    };
    io.signals.once("SIGTERM", onTerm);
    io.signals.once("SIGINT", onInt);
  });
  io.stderr.write(`mosaic-emulator: ${signal}, shutting down\n`);
  await emulator.close();
  return 0;
}
