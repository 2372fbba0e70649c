import type { Effect } from "../contracts/events";
import { PermanentFailure, UnknownOutcome, type Performer } from "../runtime/dispatcher";

/** What an `http.request` outbox row carries: the effect without its kind and key (the row's). */
export type HttpRequestPayload = Omit<Extract<Effect, { kind: "http.request" }>, "kind" | "key">;

export type HttpResult = { status: number; body: unknown };

const MAX_RESPONSE_CHARS = 256 * 1024;
/** Safe to repeat after a timeout: the server may have acted, but acting twice changes nothing. */
const IDEMPOTENT = new Set(["GET", "PUT", "DELETE"]);

/**
 * Performs `http.request` rows with fetch. Sends `Idempotency-Key: <outbox key>`. Connection
 * failures and 5xx on idempotent methods are retried up to the node's `retries`; a timeout on
 * POST/PATCH is an unknown outcome and is reported, never resent.
 */
export function httpPerformer(fetchImpl: typeof fetch = fetch): Performer {
  return async (item) => {
    const p = item.payload as HttpRequestPayload;
    const lastTry = item.attempts >= p.retries;
    let response: Response;
    try {
      response = await fetchImpl(p.url, {
        method: p.method,
        headers: { ...p.headers, "idempotency-key": item.key },
        body: p.method === "GET" ? undefined : p.body ?? undefined,
        signal: AbortSignal.timeout(p.timeoutMs),
        redirect: "follow",
      });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      if (timedOut && !IDEMPOTENT.has(p.method)) throw new UnknownOutcome(`no answer within ${p.timeoutMs / 1000}s; the request may have been processed`);
      const reason = timedOut ? `no answer within ${p.timeoutMs / 1000}s` : `could not reach ${new URL(p.url).host}: ${String((error as Error).cause ?? (error as Error).message)}`;
      throw lastTry ? new PermanentFailure(reason) : new Error(reason);
    }
    if (response.status >= 500 && IDEMPOTENT.has(p.method) && !lastTry) throw new Error(`HTTP ${response.status}`);
    const text = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
    let body: unknown = text;
    if ((response.headers.get("content-type") ?? "").includes("json")) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text; // a truncated or malformed JSON answer stays text
      }
    }
    return { status: response.status, body } satisfies HttpResult;
  };
}
