/**
 * Checks every request before any route sees it: the Host must be one the app answers on (DNS
 * rebinding), the client address is recorded for rate limits, security headers go on every
 * answer, a path must decode, and for the web app (not the machine routes) a mutation must come
 * from our own origin and declare a bounded body.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_IP_HEADER } from "../engine/contracts/access";
import { reply } from "./http-kit";

/** Machine routes authenticate themselves (keys, signatures, adapters) and are called cross-origin by design. */
const MACHINE = /^\/api\/(health|channels|events|hooks)(\/|$)/;

/** Body limits of the web app's own routes (the machine routes read theirs in http-kit). */
const APP_BODY_LIMITS: [RegExp, number][] = [
  [/^\/api\/auth\//, 16 * 1024],
  [/^\/api\/trpc\//, 2 * 1024 * 1024],
];
const DEFAULT_APP_BODY_LIMIT = 64 * 1024;

export type WebGuardOptions = { allowedHosts: string[]; dev: boolean };

/** The host name of a Host header, lower-case, without its port (`[::1]:3000` → `[::1]`). */
export function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host.trim());
  return m ? m[1].toLowerCase() : null;
}

/** `*.example.com` allows every sub-domain of example.com; anything else is an exact name. */
export function hostAllowed(name: string, allowed: string[]): boolean {
  return allowed.some((entry) => {
    const rule = entry.trim().toLowerCase();
    return rule.startsWith("*.") ? name.endsWith(rule.slice(1)) : name === rule;
  });
}

export function securityHeaders(dev: boolean): Record<string, string> {
  // Next's App Router inlines its hydration scripts, hence 'unsafe-inline' for scripts; dev mode also evaluates code.
  const script = `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`;
  return {
    "content-security-policy": [
      "default-src 'self'",
      script,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${dev ? " ws: wss:" : ""}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether every `%` escape decodes (to UTF-8): `/api/hooks/%ZZ` is the caller's mistake, not ours to fail on. */
function wellFormedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether a mutation comes from a page of ours: Origin equal to this host, or (no Origin) a same-origin fetch. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host.toLowerCase() === (req.headers.host ?? "").toLowerCase();
    } catch {
      return false;
    }
  }
  return req.headers["sec-fetch-site"] === "same-origin";
}

/** Answers and returns false when the request is refused; otherwise prepares it and returns true. */
export function guardRequest(req: IncomingMessage, res: ServerResponse, options: WebGuardOptions): boolean {
  req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
  for (const [name, value] of Object.entries(securityHeaders(options.dev))) res.setHeader(name, value);
  const name = hostName(req.headers.host);
  if (!name || !hostAllowed(name, options.allowedHosts)) {
    reply(res, 421, { error: "host_not_allowed", message: "This server does not answer for that host name (see OMNIFLOW_ALLOWED_HOSTS)." });
    return false;
  }
  const path = (req.url ?? "/").split("?")[0];
  if (!wellFormedPath(path)) {
    reply(res, 400, { error: "invalid_path", message: "The path has a malformed percent-encoding." });
    return false;
  }
  if (MACHINE.test(path) || SAFE_METHODS.has(req.method ?? "GET")) return true;
  if (!sameOrigin(req)) {
    reply(res, 403, { error: "cross_origin", message: "Changes are accepted only from Omniflow's own pages." });
    return false;
  }
  const limit = APP_BODY_LIMITS.find(([pattern]) => pattern.test(path))?.[1] ?? DEFAULT_APP_BODY_LIMIT;
  const declared = req.headers["content-length"];
  if (declared === undefined && req.headers["transfer-encoding"]) {
    reply(res, 411, { error: "length_required", message: "Send a Content-Length." });
    return false;
  }
  if (Number(declared ?? 0) > limit) {
    reply(res, 413, { error: "payload_too_large", message: `The body is over the ${limit}-byte limit.` });
    return false;
  }
  return true;
}
