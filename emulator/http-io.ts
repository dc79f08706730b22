// Reading request bodies and writing JSON responses on plain node:http, with the limits that keep bad input
// from crashing or exhausting the emulator.
import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest, payloadTooLarge } from "./errors";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Past this, an oversized upload is cut off instead of drained (draining lets the client read the 413). */
const DRAIN_LIMIT_FACTOR = 16;

/** Thrown when the connection was cut and nothing should be written. */
export class ConnectionDropped extends Error {}

/** The whole body, or a 413 ApiError once it has been drained (so the client reliably reads the answer). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit * DRAIN_LIMIT_FACTOR) {
    req.socket.destroy();
    return Promise.reject(new ConnectionDropped("declared body far above the limit"));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * DRAIN_LIMIT_FACTOR) {
        req.socket.destroy();
        reject(new ConnectionDropped("body far above the limit"));
      } else if (size <= limit) {
        chunks.push(chunk);
      }
    });
    req.on("end", () => (size > limit ? reject(payloadTooLarge(limit)) : resolve(Buffer.concat(chunks, size))));
    req.on("error", () => reject(new ConnectionDropped("request stream failed")));
    req.on("close", () => {
      if (!req.complete) reject(new ConnectionDropped("client went away mid-body"));
    });
  });
}

export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const mediaType = header.split(";", 1)[0]!.trim().toLowerCase();
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
}

export function isFormContentType(header: string | undefined): boolean {
  return !!header && header.split(";", 1)[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/** Parses a JSON request body; an empty body counts as `{}` (a PUT with nothing to change). */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw badRequest([`request body is not valid JSON: ${(error as Error).message}`]);
  }
}

const JSON_TYPE = "application/json; charset=utf-8";

export function sendJsonText(res: ServerResponse, status: number, body: string, headers?: Readonly<Record<string, string>>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, "content-type": JSON_TYPE, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers?: Record<string, string>): void {
  sendJsonText(res, status, JSON.stringify(value), headers);
}

export function sendNoContent(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(204);
  res.end();
}
