import * as z from "zod";
import type { ChannelAdapter, ChannelDeps, RawRequest } from "../channel";
import { parseJsonBody } from "../../contracts/json-body";
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
export const settingsSchema = z.object({}).strict().optional();

/** The visitor a request's body names, as parse will read it; null when the body names none (parse refuses it). */
function claimedVisitor(request: RawRequest): string | null {
  try {
    const body = parseJsonBody(request.body) as { visitorId?: unknown };
    const id = webchatInboundSchema.shape.visitorId.safeParse(body?.visitorId);
    return id.success ? id.data : null;
  } catch {
    return null;
  }
}

/**
 * The built-in web chat: the widget posts `{visitorId, messageId, text, name?, flowId?}` as JSON
 * with `Authorization: Bearer <visitor token>` (issued to the visitor by the server).
 * The widget reads the conversation's sent messages from the store, so a reply is delivered by the commit
 * that writes it (contracts/channels.ts `deliveredOnCommit`), with no outbox row. `send` serves the replies
 * the dispatcher still performs (a flow waiting for the delivery result): marking one sent (its settle does)
 * and waking anyone listening; the same key twice only wakes them twice.
 */
export function createAdapter(settings: unknown, deps: ChannelDeps): ChannelAdapter {
  settingsSchema.parse(settings);
  return {
    channel: "webchat",
    quickReplies: true,
    // The visitor's token must be the one issued for the visitor the body names: nobody posts as
    // another visitor. A body naming no visitor passes on to parse, which says what is wrong with it.
    verify(request) {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? "")?.[1];
      const visitor = token ? deps.visitorOf(token) : null;
      if (!visitor) return { ok: false, code: "invalid_visitor_token", reason: "Send the visitor's token: Authorization: Bearer <visitor token>." };
      const claimed = claimedVisitor(request);
      if (claimed !== null && claimed !== visitor) return { ok: false, code: "invalid_visitor_token", reason: "The visitor token is not this visitor's." };
      return { ok: true };
    },
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
