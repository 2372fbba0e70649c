import { z } from "zod";
import type { ChannelAdapter, ChannelDeps } from "../channel";
import { jsonBody } from "../json-request";

export const webchatInboundSchema = z.object({
  visitorId: z.string().trim().min(1, "required").max(128),
  messageId: z.string().trim().min(1, "required").max(128),
  text: z.string().trim().min(1, "must not be empty").max(4000, "at most 4000 characters"),
  name: z.string().trim().max(120).optional(),
  flowId: z.string().trim().min(1).max(64).optional(),
});
export type WebchatInbound = z.infer<typeof webchatInboundSchema>;

/** Web chat takes no settings. */
const settingsSchema = z.object({}).strict().optional();

/**
 * The built-in web chat: the widget posts `{visitorId, messageId, text, name?, flowId?}` as JSON.
 * The widget reads the conversation's delivered messages, so sending means marking the message
 * delivered (the dispatcher does) and waking anyone listening; the same key twice only wakes them twice.
 */
export function createAdapter(settings: unknown, deps: ChannelDeps): ChannelAdapter {
  settingsSchema.parse(settings);
  return {
    channel: "webchat",
    quickReplies: true,
    // Web chat is first-party (our own widget and the in-app panel): every request is accepted.
    // Signed visitor tokens, checked here, come in a later issue.
    verify: () => ({ ok: true }),
    parse(request) {
      const p = webchatInboundSchema.parse(jsonBody(request));
      const message = {
        channel: "webchat" as const,
        providerMessageId: p.messageId,
        address: p.visitorId,
        name: p.name || null,
        text: p.text,
        flowId: p.flowId,
      };
      return { kind: "events", messages: [message], statuses: [] };
    },
    async send(message) {
      deps.delivered(message);
      // The widget knows messages by our id.
      return { providerMessageId: message.messageId };
    },
  };
}
