import * as z from "zod";
import { channelSchema } from "../contracts/events";
import { channelNameRu } from "../contracts/format";
import { defineEffect, effectSchema } from "./define-effect";

/** A one-time link to continue the conversation in another channel; `token` goes into the link. */
export const handoffCreate = defineEffect({
  kind: "handoff.create",
  schema: effectSchema("handoff.create", { token: z.string(), channel: channelSchema, ttlMs: z.number() }),
  write(effect, step) {
    if (!step.customerId) return; // nobody to join the new address to
    const { token, channel, ttlMs } = effect;
    step.repos.handoffs.create({
      token,
      channel,
      customerId: step.customerId,
      conversationId: step.conversationId,
      instanceId: step.instanceId,
      at: step.at,
      expiresAt: step.at + ttlMs,
    });
  },
  simulate: () => {},
  describe: (effect, { locale }) =>
    locale === "ru" ? `Создана одноразовая ссылка для канала ${channelNameRu(effect.channel)}` : `One-time ${effect.channel} link created`,
});
