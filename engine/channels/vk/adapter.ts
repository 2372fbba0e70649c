/**
 * VK community messages through the Callback API (inbound) and messages.send (outbound).
 * VK signs nothing: each event carries the Callback server's secret key and the community's id,
 * both checked here (the secret in constant time).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { parseJsonBody } from "../../contracts/json-body";
import type { ChannelAdapter, ChannelDeps, Verification } from "../channel";
import { jsonBody } from "../json-request";
import { envelopeSchema, parseCallback } from "./callback";
import { readSendAnswer, sendForm } from "./messages-send";

export const settingsSchema = z
  .object({
    /** The community's access key (messages permission). */
    accessToken: z.string().trim().min(1, "required").max(512),
    /** The community's id: events for another community are refused. */
    groupId: z.coerce.number().int().positive().safe(),
    /** The Callback server's secret key, as set in the community's API settings. */
    secret: z.string().min(1, "required").max(100),
    /** The string VK asks the server to return when it confirms the address. */
    confirmation: z.string().trim().min(1, "required").max(100),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .default("https://api.vk.com"),
  })
  .strict();
export type VkSettings = z.output<typeof settingsSchema>;

export const secretSettings = ["accessToken", "secret"] as const;

/** Settings the sandbox runs VK with, against the fake (fake.ts). */
export const sandboxSettings = (): z.input<typeof settingsSchema> => ({
  accessToken: "vk1.a.sandbox-community-token",
  groupId: 100200300,
  secret: "sandbox-callback-secret",
  confirmation: "a1b2c3d4",
});

const sameSecret = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

const claimSchema = envelopeSchema.pick({ secret: true, group_id: true });

/** The secret and community an event names; null when the body is no event at all (parse says what is wrong). */
function claimedBy(body: Buffer): { secret?: string; groupId: number } | null {
  try {
    const event = claimSchema.safeParse(parseJsonBody(body));
    return event.success ? { secret: event.data.secret, groupId: event.data.group_id } : null;
  } catch {
    return null;
  }
}

export function createAdapter(input: unknown, deps: ChannelDeps): ChannelAdapter {
  const settings = settingsSchema.parse(input);
  const endpoint = `${settings.baseUrl.replace(/\/+$/, "")}/method/messages.send`;
  return {
    channel: "vk",
    quickReplies: true,
    verify(request): Verification {
      const claimed = claimedBy(request.body);
      if (!claimed) return { ok: true };
      if (claimed.secret === undefined) return { ok: false, code: "missing_secret", reason: "The event carries no secret key." };
      if (!sameSecret(claimed.secret, settings.secret)) return { ok: false, code: "invalid_secret", reason: "The event's secret key is not this server's." };
      if (claimed.groupId !== settings.groupId) return { ok: false, code: "wrong_community", reason: `The event is for community ${claimed.groupId}.` };
      return { ok: true };
    },
    parse: (request) => parseCallback(jsonBody(request), settings.confirmation),
    async send(message) {
      const answer = await deps.http({
        url: endpoint,
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: sendForm(message, settings.accessToken).toString(),
        signal: AbortSignal.timeout(10_000),
        maxBodyBytes: 64 * 1024,
      });
      return { providerMessageId: readSendAnswer(answer.status, answer.text) };
    },
  };
}
