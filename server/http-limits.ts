/**
 * The server's own bounds, before any route runs: how long a client may take to send its headers
 * and its whole request, how many connections it may hold open, and a JSON 4xx (never a stack
 * trace) for a request that is not valid HTTP or came too slowly.
 */
import http, { type RequestListener, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export type ServerLimits = {
  /** Time to receive a request's headers: slow-header connections are closed after it. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (headers and body). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (above the 60 s idle timeout of common load balancers). */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are dropped at once. */
  maxConnections: number;
};

export const DEFAULT_SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, maxConnections: 1_000 };

/** The limits with OMNIFLOW_MAX_CONNECTIONS applied (a positive whole number, else the default). */
export function serverLimitsFromEnv(env: Record<string, string | undefined> = process.env): ServerLimits {
  const max = Number(env.OMNIFLOW_MAX_CONNECTIONS);
  return { ...DEFAULT_SERVER_LIMITS, maxConnections: Number.isInteger(max) && max > 0 ? max : DEFAULT_SERVER_LIMITS.maxConnections };
}

/** What a request the HTTP parser refused is answered with. */
function refusalOf(error: NodeJS.ErrnoException): [status: number, code: string, message: string] {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return [408, "request_timeout", "The request did not arrive in time."];
  if (error.code === "HPE_HEADER_OVERFLOW") return [431, "headers_too_large", "The request's headers are too large."];
  return [400, "bad_request", "The request is not valid HTTP."];
}

function refuse(error: NodeJS.ErrnoException, socket: Socket) {
  const res = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || res?.headersSent) return socket.destroy();
  const [status, code, message] = refusalOf(error);
  const body = JSON.stringify({ error: code, message });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** An http.Server with these limits; expired requests are looked for every second (Node's default is 30 s). */
export function createBoundedServer(handler: RequestListener, limits: ServerLimits = DEFAULT_SERVER_LIMITS): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs / 2),
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.on("clientError", refuse);
  return server;
}
