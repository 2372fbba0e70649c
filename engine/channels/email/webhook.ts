/**
 * The inbound e-mail webhook, our own documented shape (no provider defines one for raw MIME):
 *
 *   POST /api/channels/email/inbound
 *   Content-Type: application/json
 *   X-Omniflow-Email-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhookSecret, "<t>.<raw body>")>
 *   {"raw": "<the message as received, base64>", "recipients": ["support@acme.test"]}
 *
 * `recipients` (optional) are the envelope's RCPT TO, which the headers may not show (Bcc, an alias).
 * The scheme is Stripe's, as the event API's (engine/access/signature.ts): the timestamp bounds
 * replays to five minutes, and the Message-ID makes a repeat within them a duplicate.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import type { RawRequest, Verification } from "../channel";
import { MAX_MAIL_BYTES } from "./settings";

export const SIGNATURE_HEADER = "x-omniflow-email-signature";
const TOLERANCE_S = 5 * 60;

export const inboundSchema = z
  .object({
    raw: z.base64("must be the message in base64").max(Math.ceil(MAX_MAIL_BYTES / 3) * 4 + 4, "at most 10 MiB of mail"),
    recipients: z.array(z.email().max(254)).max(50).optional(),
  })
  .strict();
export type InboundMail = z.infer<typeof inboundSchema>;

const sign = (secret: string, t: number, body: Buffer) => createHmac("sha256", secret).update(`${t}.`).update(body).digest();

/** The signature header for `body`, signed at `t` (unix seconds). */
export const signatureHeader = (secret: string, body: Buffer, t = Math.floor(Date.now() / 1000)) => `t=${t},v1=${sign(secret, t, body).toString("hex")}`;

/** Checks the header over the raw bytes, in constant time, and the timestamp against the clock. */
export function verifySignature(secret: string, request: RawRequest, now = Date.now()): Verification {
  const header = request.headers[SIGNATURE_HEADER];
  if (!header) return { ok: false, code: "missing_signature", reason: `Sign the body: ${SIGNATURE_HEADER}: t=…,v1=….` };
  const t = /(?:^|,)\s*t=(\d{1,12})\s*(?:,|$)/.exec(header)?.[1];
  const given = [...header.matchAll(/(?:^|,)\s*v1=([0-9a-f]{64})\s*(?=,|$)/g)].map((m) => Buffer.from(m[1], "hex"));
  if (!t || given.length === 0 || given.length > 8) return { ok: false, code: "invalid_signature", reason: "The signature header is malformed." };
  if (Math.abs(now / 1000 - Number(t)) > TOLERANCE_S) return { ok: false, code: "stale_signature", reason: "The signature is older than five minutes." };
  const expected = sign(secret, Number(t), request.body);
  // Every candidate is compared, so timing does not tell which one matched.
  const ok = given.reduce((match, g) => timingSafeEqual(expected, g) || match, false);
  return ok ? { ok: true } : { ok: false, code: "invalid_signature", reason: "The signature does not match the body." };
}

/** The webhook request carrying `raw` (what the SMTP listener, the fake provider and relays send), signed now. */
export function inboundRequest(secret: string, url: string, raw: Buffer, recipients?: string[], t?: number): RawRequest {
  const body = Buffer.from(JSON.stringify({ raw: raw.toString("base64"), ...(recipients && { recipients }) }), "utf8");
  return { method: "POST", url, headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signatureHeader(secret, body, t) }, body };
}
