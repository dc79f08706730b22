// The admin hooks over HTTP at /__admin on the host root, for tests and tools in other processes (the CLI,
// the demo). Never faulted, rate-limited or logged: they observe and steer the emulator, and must keep working
// while the API is being made to fail. Who may call them is admin-guard.ts's (loopback Host, optional admin token).
// Listed in emulator/README.md.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./errors";
import { ConnectionDropped, parseJsonBody, readBody, sendJson, sendNoContent } from "./http-io";
import type { EmulatorRuntime } from "./runtime";
import type { EmulatorAdmin, FaultRule } from "./types";

export const ADMIN_PREFIX = "/__admin";

type Admin = Required<EmulatorAdmin>;
type Reply = { status: 200; value: unknown } | { status: 204 };

const OK = (value: unknown): Reply => ({ status: 200, value });
const DONE: Reply = { status: 204 };

function asObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new TypeError(`${what} must be a JSON object`);
  return body as Record<string, unknown>;
}

function numberField(body: unknown, field: string, what: string): number {
  const value = asObject(body, what)[field];
  if (typeof value !== "number") throw new TypeError(`${what}.${field} must be a number`);
  return value;
}

function setFaults(admin: Admin, body: unknown): void {
  if (Array.isArray(body)) return admin.setFaults(body as FaultRule[]);
  const config = asObject(body, "faults body");
  if (config.faultRate !== undefined) admin.setFaultRate(config.faultRate as number);
  if (config.rules !== undefined) admin.setFaults(config.rules as FaultRule[]);
}

/** The admin operation for a method and the path segments after /__admin, or undefined (404). */
function dispatch(admin: Admin, method: string, segments: readonly string[], body: unknown): Reply | undefined {
  const [first, appId, third, clientId, fifth] = segments;
  const key = `${method} ${segments.length === 0 ? "" : first}`;
  if (segments.length === 1) {
    switch (key) {
      case "POST reset":
        return (admin.reset(), DONE);
      case "GET state":
        return OK(admin.dump());
      case "GET faults":
        return OK(admin.faultConfig());
      case "PUT faults":
        return (setFaults(admin, body), OK(admin.faultConfig()));
      case "PUT rate-limit":
        return (admin.setRateLimit(numberField(body, "requestsPerSecond", "rate-limit body")), OK(admin.faultConfig()));
      case "PUT latency": {
        const jitter = asObject(body, "latency body").jitterMs;
        if (jitter !== undefined && typeof jitter !== "number") throw new TypeError("latency body.jitterMs must be a number");
        return (admin.setLatency(numberField(body, "ms", "latency body"), jitter as number | undefined), OK(admin.faultConfig()));
      }
      case "PUT token-ttl":
        return (admin.setTokenTtl(numberField(body, "seconds", "token-ttl body")), DONE);
      case "GET tokens":
        return OK({ tokens: admin.issuedTokens() });
      case "GET requests":
        return OK(admin.requestLog());
      case "DELETE requests":
        return (admin.clearLog(), DONE);
      case "GET request-counts":
        return OK(admin.requestCounts());
    }
    return undefined;
  }
  if (first !== "applications" || !appId) return undefined;
  if (segments.length === 2) {
    if (method === "PATCH") return (admin.mutateApplication(appId, asObject(body, "patch")), OK(findApp(admin, appId)));
    if (method === "DELETE") return (admin.deleteApplication(appId), DONE);
  }
  if (segments.length === 3 && third === "write-only" && method === "GET") return OK(admin.writeOnlyFields(appId));
  if (segments.length === 4 && third === "signing-keys" && clientId) return signingKeyRoute(admin, method, appId, clientId, body);
  if (third !== "clients" || !clientId) return undefined;
  if (segments.length === 4) {
    if (method === "PATCH") {
      admin.mutateClient(appId, clientId, asObject(body, "patch"));
      return OK(admin.dump().clients.find((client) => client.client_id === clientId));
    }
    if (method === "DELETE") return (admin.deleteClient(appId, clientId), DONE);
  }
  if (segments.length === 5 && fifth === "write-only" && method === "GET") return OK(admin.writeOnlyFields(appId, clientId));
  return undefined;
}

/** PATCH or DELETE /__admin/applications/:appId/signing-keys/:keyId: an out-of-band edit of one signing key. */
function signingKeyRoute(admin: Admin, method: string, appId: string, keyId: string, body: unknown): Reply | undefined {
  if (method === "PATCH") {
    admin.mutateSigningKey(appId, keyId, asObject(body, "patch"));
    return OK(admin.dump().signingKeys?.find((key) => key.id === keyId));
  }
  if (method === "DELETE") return (admin.deleteSigningKey(appId, keyId), DONE);
  return undefined;
}

function findApp(admin: Admin, appId: string): unknown {
  return admin.dump().applications.find((app) => app.app_id === appId);
}

export async function handleAdminRequest(
  runtime: EmulatorRuntime,
  admin: Admin,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const method = req.method ?? "GET";
  try {
    const raw = method === "GET" ? undefined : await readBody(req, runtime.maxBodyBytes);
    const body = raw === undefined ? undefined : parseJsonBody(raw);
    const segments = pathname
      .slice(ADMIN_PREFIX.length)
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
    const reply = dispatch(admin, method, segments, body);
    if (!reply) {
      sendJson(res, 404, { message: `No admin route ${method} ${pathname}`, error_code: 404 });
    } else if (reply.status === 204) {
      sendNoContent(res);
    } else {
      sendJson(res, 200, reply.value);
    }
  } catch (error) {
    if (error instanceof ConnectionDropped) return;
    if (error instanceof ApiError) return sendJson(res, error.status, error.body);
    if (error instanceof TypeError || error instanceof URIError) {
      return sendJson(res, 400, { message: [error.message], error_code: 400 });
    }
    process.stderr.write(`[mosaic-emulator] admin error on ${method} ${pathname}: ${(error as Error).stack ?? error}\n`);
    sendJson(res, 500, { message: "Internal server error", error_code: 500 });
  }
}
