/**
 * Calls that leave the process for outside HTTP APIs (the HTTP Request node), through the guarded
 * client in engine/outbound: internal addresses refused after DNS and on every redirect.
 */

export type OutboundMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type OutboundRequest = {
  url: string;
  method: OutboundMethod;
  headers: Record<string, string>;
  body: string | null;
  /** Aborts the whole call (every redirect hop and reading the body); the client rejects with its reason. */
  signal: AbortSignal;
  /** Bytes of the answer's body kept; the rest is never read (the connection is closed). */
  maxBodyBytes: number;
};

export type OutboundResponse = {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  contentType: string;
  /** The body as UTF-8 text, at most `maxBodyBytes` of it. */
  text: string;
  truncated: boolean;
};

/** Performs one call, following redirects itself. */
export type OutboundHttp = (request: OutboundRequest) => Promise<OutboundResponse>;

/**
 * A call the guard will not make (an internal address, a scheme other than http(s), too many redirects),
 * or one the other side refused for good (an SMTP 5xx): retrying cannot help.
 */
export class RequestRefused extends Error {
  override name = "RequestRefused";
}

export const isRequestRefused = (e: unknown): e is RequestRefused => e instanceof Error && e.name === "RequestRefused";

/**
 * A request that was sent and got no answer in time: the other side may have acted on it, and asking
 * again could act twice where it honours no idempotency key (Twilio placing a second call). Not retried.
 */
export class NoAnswer extends Error {
  override name = "NoAnswer";
}

/** What the guarded client rejects with when a request's `AbortSignal.timeout` fired: the signal's reason. */
export const isTimeout = (e: unknown) => e instanceof Error && e.name === "TimeoutError";

export const isNoAnswer = (e: unknown): e is NoAnswer => e instanceof Error && e.name === "NoAnswer";
