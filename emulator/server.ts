// Starts one emulator: plain node:http (no framework, for speed), keep-alive on, three kinds of routes on one
// port: the API under /cis, the token endpoint at /oidc/token, and the admin hooks under /__admin.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdmin } from "./admin";
import { adminRefusal } from "./admin-guard";
import { ADMIN_PREFIX, handleAdminRequest } from "./admin-http";
import { sendJson } from "./http-io";
import { handleApiRequest, TOKEN_ROUTE } from "./api-handler";
import { EmulatorRuntime } from "./runtime";
import type { EmulatorAdmin, EmulatorOptions, RunningEmulator } from "./types";

/** What startEmulator returns: RunningEmulator with every optional admin hook present. */
export interface StartedEmulator extends RunningEmulator {
  admin: Required<EmulatorAdmin>;
  adminUrl: string;
}

/** Keep idle connections longer than typical clients do, so a client never reuses a socket the server is closing. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

function validateOptions(options: EmulatorOptions): void {
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) {
    throw new TypeError("port must be an integer in [0, 65535]");
  }
  if (options.tokenTtlSeconds !== undefined && !(options.tokenTtlSeconds > 0)) {
    throw new TypeError("tokenTtlSeconds must be a positive number");
  }
  if (options.maxBodyBytes !== undefined && !(Number.isInteger(options.maxBodyBytes) && options.maxBodyBytes > 0)) {
    throw new TypeError("maxBodyBytes must be a positive integer");
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new TypeError("seed must be an integer");
  if (options.adminToken !== undefined && options.adminToken.length === 0) throw new TypeError("adminToken must not be empty");
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<StartedEmulator> {
  validateOptions(options);
  const runtime = new EmulatorRuntime(options);
  const admin = createAdmin(runtime);

  const host = options.host ?? "127.0.0.1";
  const server = createServer({ keepAlive: true }, (req, res) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    const isAdmin = pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`);
    const refusal = isAdmin ? adminRefusal(req, host, options.adminToken) : undefined;
    const handled = refusal
      ? Promise.resolve(sendJson(res, refusal.status, { message: [refusal.message], error_code: refusal.status }))
      : isAdmin
        ? handleAdminRequest(runtime, admin, req, res, pathname)
        : handleApiRequest(runtime, req, res, pathname);
    // Both handlers catch their own errors; this is the last guard against a crash from a bug.
    handled.catch((error: unknown) => {
      process.stderr.write(`[mosaic-emulator] unhandled: ${(error as Error).stack ?? error}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  runtime.origin = origin;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      runtime.shutDown();
      server.close(() => resolve());
      server.closeAllConnections();
    }));

  return {
    url: `${origin}/cis`,
    tokenUrl: `${origin}${TOKEN_ROUTE}`,
    adminUrl: `${origin}${ADMIN_PREFIX}`,
    clientId: runtime.clientId,
    clientSecret: runtime.clientSecret,
    admin,
    close,
  };
}
