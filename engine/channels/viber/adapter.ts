/**
 * Viber bots through the REST bot API: callbacks signed with `X-Viber-Content-Signature` (hex
 * HMAC-SHA256 of the raw body under the bot's auth token) and send_message.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import type { ChannelAdapter, ChannelDeps, Verification } from "../channel";
import { jsonBody } from "../json-request";
import { parseCallback } from "./callback";
import { quoteLongIntegers } from "./long-integers";
import { readSendAnswer, sendBody } from "./send-message";

export const settingsSchema = z
  .object({
    /** The bot's auth token: it authenticates our calls and signs Viber's callbacks. */
    authToken: z.string().trim().min(1, "required").max(200),
    /** The sender name shown with each message (Viber allows 28 characters). */
    senderName: z.string().trim().min(1, "required").max(28),
    senderAvatar: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .default("https://chatapi.viber.com"),
  })
  .strict();
export type ViberSettings = z.output<typeof settingsSchema>;

export const secretSettings = ["authToken"] as const;

/** Settings the sandbox runs Viber with, against the fake (fake.ts). */
export const sandboxSettings = (): z.input<typeof settingsSchema> => ({
  authToken: "4a1f0c2e9b7d5a38-sandbox0bot0tok-7e6d5c4b3a291807",
  senderName: "Omniflow",
});

/** The signature Viber puts on a callback body: hex HMAC-SHA256 under the auth token. */
export const signatureOf = (authToken: string, body: Uint8Array) => createHmac("sha256", authToken).update(body).digest("hex");

export function createAdapter(input: unknown, deps: ChannelDeps): ChannelAdapter {
  const settings = settingsSchema.parse(input);
  const endpoint = `${settings.baseUrl.replace(/\/+$/, "")}/pa/send_message`;
  const sender = { name: settings.senderName, ...(settings.senderAvatar && { avatar: settings.senderAvatar }) };
  return {
    channel: "viber",
    quickReplies: true,
    // Viber signs no time, and repeats a callback for an hour: a replay is caught by its message token (intake deduplicates).
    verify(request): Verification {
      const given = request.headers["x-viber-content-signature"]?.trim().toLowerCase();
      if (!given) return { ok: false, code: "missing_signature", reason: "Send X-Viber-Content-Signature." };
      const expected = Buffer.from(signatureOf(settings.authToken, request.body), "hex");
      const ok = /^[0-9a-f]{64}$/.test(given) && timingSafeEqual(Buffer.from(given, "hex"), expected);
      return ok ? { ok: true } : { ok: false, code: "invalid_signature", reason: "X-Viber-Content-Signature does not match the body." };
    },
    parse: (request) => parseCallback(jsonBody({ ...request, body: quoteLongIntegers(request.body) })),
    async send(message) {
      const answer = await deps.http({
        url: endpoint,
        method: "POST",
        headers: { "content-type": "application/json", "x-viber-auth-token": settings.authToken },
        body: sendBody(message, sender),
        signal: AbortSignal.timeout(10_000),
        maxBodyBytes: 64 * 1024,
      });
      return { providerMessageId: readSendAnswer(answer.status, answer.text) };
    },
  };
}
