import * as z from "zod";
import { isRequestRefused, isTimeout, type OutboundResponse } from "../contracts/outbound";
import { defineEffect, effectSchema, PermanentFailure, type PerformDeps, UnknownOutcome } from "./define-effect";

const schema = effectSchema("http.request", {
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
  timeoutMs: z.number(),
  retries: z.number(),
  /** A credential's id (engine/credentials): its secret is added to the headers when the request is made. */
  credential: z.string().optional(),
});

/** What an outbox row carries: the effect without its kind and key (the row's). */
const payload = schema.omit({ kind: true, key: true });

export type HttpResult = { status: number; body: unknown };

const MAX_RESPONSE_BYTES = 256 * 1024;
/** Safe to repeat after a timeout: the server may have acted, but acting twice changes nothing. */
const IDEMPOTENT = new Set(["GET", "PUT", "DELETE"]);

/** The host a call goes to (its destination in the outbox); a URL that does not parse fails when performed, alone. */
function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url.slice(0, 200);
}

/** The headers of the request's credential, opened now; a credential that is gone or unreadable fails for good. */
function credentialHeaders(id: string | undefined, deps: PerformDeps): Record<string, string> {
  if (!id) return {};
  let headers: Record<string, string> | undefined;
  try {
    headers = deps.credentialHeaders(id);
  } catch {
    throw new PermanentFailure(`the credential ${id} could not be decrypted`);
  }
  if (!headers) throw new PermanentFailure(`the credential ${id} no longer exists: choose another one in the node's settings`);
  return headers;
}

/**
 * A call to an outside API, performed after commit by the guarded client with `Idempotency-Key: <outbox key>`.
 * Connection failures and 5xx on idempotent methods are retried up to the node's `retries`; a
 * timeout on POST/PATCH is an unknown outcome and is reported, never resent; a call the guard
 * refuses (an internal address) fails for good with the reason.
 */
export const httpRequest = defineEffect({
  kind: "http.request",
  schema,
  write(effect, step) {
    const { kind, key, ...request } = effect;
    step.repos.outbox.add(key, step.instanceId, kind, request, step.at, `http:${hostOf(request.url)}`);
  },
  perform: {
    payload,
    async run(item, deps) {
      const p = item.payload;
      const lastTry = item.attempts >= p.retries;
      const credential = credentialHeaders(p.credential, deps);
      let response: OutboundResponse;
      try {
        response = await deps.http({
          url: p.url,
          method: p.method,
          headers: { ...p.headers, ...credential, "idempotency-key": item.key },
          body: p.method === "GET" ? null : p.body,
          signal: AbortSignal.timeout(p.timeoutMs),
          maxBodyBytes: MAX_RESPONSE_BYTES,
        });
      } catch (error) {
        if (isRequestRefused(error)) throw new PermanentFailure(error.message);
        const timedOut = isTimeout(error);
        if (timedOut && !IDEMPOTENT.has(p.method)) throw new UnknownOutcome(`no answer within ${p.timeoutMs / 1000}s; the request may have been processed`);
        const reason = timedOut
          ? `no answer within ${p.timeoutMs / 1000}s`
          : `could not reach ${new URL(p.url).host}: ${String((error as Error).cause ?? (error as Error).message)}`;
        throw lastTry ? new PermanentFailure(reason) : new Error(reason);
      }
      if (response.status >= 500 && IDEMPOTENT.has(p.method) && !lastTry) throw new Error(`HTTP ${response.status}`);
      let body: unknown = response.text;
      if (response.contentType.includes("json")) {
        try {
          body = JSON.parse(response.text);
        } catch {
          body = response.text; // a truncated or malformed JSON answer stays text
        }
      }
      return { status: response.status, body } satisfies HttpResult;
    },
    feedback(o, at) {
      const { nodeId } = o.payload;
      if (o.ok) return { type: "http.responded", at, key: o.key, nodeId, ...(o.result as HttpResult) };
      return { type: "http.failed", at, key: o.key, nodeId, error: o.error, unknown: o.unknown };
    },
  },
  simulate(effect, world) {
    world.expectAnswer(effect.kind, effect);
  },
  describe: (effect, { simulated, locale }) =>
    locale === "ru"
      ? `Запрос ${effect.method} ${effect.url}${simulated ? " (симуляция: ответьте шагом «Ответ API»)" : ""}`
      : `${effect.method} ${effect.url}${simulated ? " (simulated: answer it with an API answer step)" : ""}`,
});
