/** The transport's small kit: JSON errors, bounded body reading, replies, and raw requests for channels. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { RawRequest } from "../engine/channels/channel";
import { isAccessDeniedError, isEngineInputError, isStoreUnavailableError, isZodError } from "../engine/contracts/errors";
import { isJsonBodyError, parseJsonBody } from "../engine/contracts/json-body";

/** Webhook bodies above this are refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;
/** A machine route's body (at most 64 KiB) must arrive within this, or a short body behind a long Content-Length holds nobody up. */
export const BODY_DEADLINE_MS = 10_000;

/** An answer with a status, a machine-readable code and, for bad payloads, the fields at fault. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { field: string; message: string }[],
    /** Seconds the caller should wait before trying again (503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * What the engine's errors mean over HTTP: refused access 401/403, zod and input errors 400 naming
 * the field, a store that cannot take it now 503 with Retry-After; anything else is ours (500).
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // No valid key, signature or visitor token (401), or a key without the scope (403).
  if (isAccessDeniedError(error)) return new HttpError(error.status, error.reason, error.message);
  if (isZodError(error)) {
    const issues = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
    return new HttpError(400, "invalid_payload", issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues);
  }
  // An unknown channel (the engine's UnknownChannelError): a reserved name with no adapter is as unknown as any other.
  if (isEngineInputError(error) && error.field === "channel") return new HttpError(404, "unknown_channel", error.message);
  if (isEngineInputError(error)) {
    return new HttpError(400, "invalid_payload", error.message, error.field ? [{ field: error.field, message: error.message }] : undefined);
  }
  // The store could not take it now (busy, or the commit queue full): nothing was written, the same call later succeeds.
  if (isStoreUnavailableError(error)) return new HttpError(503, "unavailable", error.message, undefined, error.retryAfterSeconds);
  return new HttpError(500, "internal_error", "The event was not accepted; retry later.");
}

export function replyError(res: ServerResponse, error: unknown) {
  const e = toHttpError(error);
  if (e.status >= 500 && e.status !== 503) console.error("ingress failed", error);
  if (e.retryAfter !== undefined) res.setHeader("retry-after", String(e.retryAfter));
  // A body that timed out may still be arriving: close rather than read it as the next request.
  if (e.status === 408) res.setHeader("connection", "close");
  reply(res, e.status, { error: e.code, message: e.message, ...(e.issues && { issues: e.issues }) });
}

export function reply(res: ServerResponse, status: number, body: unknown) {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

export function send(res: ServerResponse, status: number, contentType: string, body: string) {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** POST with a JSON content type (parameters such as charset are fine). */
export function requireJsonPost(req: IncomingMessage) {
  if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "Use POST.");
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new HttpError(415, "unsupported_media_type", "Send Content-Type: application/json.");
}

/** The body as JSON: UTF-8, nested within MAX_JSON_DEPTH (checked before parsing), else 400 naming the rule. */
export function parseJson(body: Buffer): unknown {
  try {
    return parseJsonBody(body);
  } catch (error) {
    if (isJsonBodyError(error)) throw new HttpError(400, error.code, error.message);
    throw error;
  }
}

/**
 * The body's bytes, refused with 413 past MAX_BODY_BYTES (declared or while streaming) and with 408
 * when it has not all arrived within `deadlineMs`. A client that hangs up mid-body gets a 400 nobody reads.
 */
export function readBody(req: IncomingMessage, deadlineMs = BODY_DEADLINE_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, "payload_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes.`));
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => reject(new HttpError(408, "body_timeout", `The body did not arrive within ${deadlineMs / 1000} s.`)), deadlineMs);
    const settle = () => clearTimeout(timer);
    const aborted = () => reject(new HttpError(400, "request_aborted", "The request ended before its body did."));
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and dropping) so the 413 can still be written back.
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, "payload_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes.`));
      else chunks.push(chunk);
    });
    req.on("end", () => {
      settle();
      resolve(Buffer.concat(chunks));
    });
    req.on("error", aborted);
    req.on("close", () => {
      settle();
      if (!req.complete) aborted();
    });
  });
}

/**
 * The request as a channel adapter checks it: method, the absolute URL as this server saw it
 * (scheme from the socket, host from the Host header), lower-case headers and the raw body.
 * Behind a TLS-terminating proxy the scheme seen here is http.
 */
export function rawRequest(req: IncomingMessage, body: Buffer): RawRequest {
  const scheme = (req.socket as TLSSocket).encrypted ? "https" : "http";
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  return { method: req.method ?? "GET", url: `${scheme}://${host}${req.url ?? "/"}`, headers, body };
}
