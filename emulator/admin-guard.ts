// Who may use the admin routes. They reset, dump (client secrets included) and rewrite the emulator's state, so a
// web page the developer happens to open must not reach them: a DNS-rebinding page makes the browser send requests
// to 127.0.0.1 under the attacker's host name, so the Host header is checked, not the peer address. An optional
// admin token covers an emulator bound to a shared address.
import type { IncomingMessage } from "node:http";
import { timingSafeEqual } from "node:crypto";

/** Why a request may not use the admin routes, or undefined when it may. */
export type AdminRefusal = { status: 403 | 401; message: string } | undefined;

/** `localhost`, 127.0.0.0/8 and ::1: names that resolve to this machine whatever DNS says. */
export function isLoopbackName(hostname: string): boolean {
  const bare = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (bare === "localhost" || bare === "::1") return true;
  const octets = bare.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

/** The host part of a Host header: `[::1]:8080` → `[::1]`, `localhost:3000` → `localhost`. */
function hostnameOf(hostHeader: string): string {
  const text = hostHeader.trim();
  if (text.startsWith("[")) return text.slice(0, text.indexOf("]") + 1);
  const colon = text.lastIndexOf(":");
  return colon === -1 ? text : text.slice(0, colon);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function adminRefusal(req: IncomingMessage, boundHost: string, adminToken: string | undefined): AdminRefusal {
  const hostname = hostnameOf(req.headers.host ?? "");
  const bound = boundHost.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const named = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (!isLoopbackName(hostname) && (named === "" || named !== bound)) {
    return {
      status: 403,
      message: "admin routes answer only a Host header naming a loopback host (localhost, 127.0.0.1, [::1]) or the bound address",
    };
  }
  if (adminToken !== undefined) {
    const auth = req.headers.authorization ?? "";
    const given = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : "";
    if (!sameToken(given, adminToken)) return { status: 401, message: "admin routes need Authorization: Bearer <admin token>" };
  }
  return undefined;
}
