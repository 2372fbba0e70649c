import { z } from "zod";
import type { ChannelAdapter, OutboundMessage } from "../channel";

export const webchatInboundSchema = z.object({
  visitorId: z.string().trim().min(1, "required").max(128),
  messageId: z.string().trim().min(1, "required").max(128),
  text: z.string().trim().min(1, "must not be empty").max(4000, "at most 4000 characters"),
  name: z.string().trim().max(120).optional(),
  flowId: z.string().trim().min(1).max(64).optional(),
});
export type WebchatInbound = z.infer<typeof webchatInboundSchema>;

/**
 * The built-in web chat. The widget reads the conversation's delivered messages, so sending means
 * marking the message delivered (the dispatcher does) and waking anyone listening.
 */
export function webchatAdapter(onDelivered: (message: OutboundMessage) => void = () => {}): ChannelAdapter<WebchatInbound> {
  return {
    channel: "webchat",
    quickReplies: true,
    inboundSchema: webchatInboundSchema,
    normalize: (p) => ({
      channel: "webchat",
      providerMessageId: p.messageId,
      address: p.visitorId,
      name: p.name || null,
      text: p.text,
      flowId: p.flowId,
    }),
    send: async (message) => onDelivered(message),
  };
}
