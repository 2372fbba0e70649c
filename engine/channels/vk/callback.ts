/**
 * VK Callback API events (https://dev.vk.com/ru/api/callback/getting-started): JSON POSTs, each
 * naming its `type`, `group_id` and the server's `secret`; VK repeats an event until it is answered
 * with the text `ok`. Only what Omniflow reads is checked; VK's other fields pass untouched.
 */
import * as z from "zod";
import type { ChannelAnswer, InboundMessage, ParsedRequest } from "../channel";

/** What VK must get back for every event it should not send again. */
export const OK: ChannelAnswer = { status: 200, contentType: "text/plain; charset=utf-8", body: "ok" };

const id = z.number().int().safe();

/** The part every event shares. */
export const envelopeSchema = z.object({
  type: z.string().min(1).max(64),
  group_id: id,
  secret: z.string().max(100).optional(),
  /** The event's unique id (API 5.103+): a repeated event carries the same one. */
  event_id: z.string().min(1).max(100).optional(),
  object: z.unknown().optional(),
});

/** A text button's payload, as Omniflow writes it: the button's whole text (its label may be cut short). */
export const buttonPayloadSchema = z.object({ button: z.string().min(1).max(200) });

/** `message_new` (API 5.103+): the message and what the customer's app can show. */
const messageNewSchema = z.object({
  message: z.object({
    id,
    conversation_message_id: id.optional(),
    from_id: id,
    peer_id: id,
    text: z.string().max(4096, "at most 4096 characters"),
    /** A keyboard button's payload: a JSON string of at most 255 characters. */
    payload: z.string().max(255).optional(),
    attachments: z
      .array(z.object({ type: z.string().max(32) }).loose())
      .max(10)
      .optional(),
  }),
});
type VkMessage = z.infer<typeof messageNewSchema>["message"];
/** A `message_new` event whole; built once (zod compiles a schema on its first parse, so one built per event costs that each time). */
const messageEventSchema = envelopeSchema.extend({ object: messageNewSchema });

/** The button's text for a press of one of our buttons; otherwise what the customer wrote (attachments named). */
function textOf(message: VkMessage): string {
  const pressed = message.payload ? buttonPayloadSchema.safeParse(parsePayload(message.payload)) : null;
  if (pressed?.success) return pressed.data.button;
  const attached = (message.attachments ?? []).map((a) => `[${a.type}]`).join(" ");
  return [message.text.trim(), attached].filter(Boolean).join(" ");
}

function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return null; // another bot's payload: the text stands
  }
}

/**
 * A verified event: the confirmation request is answered with the server's confirmation string;
 * a new message becomes a customer message; every other event (our own replies echoed as
 * `message_reply`, edits, typing, consent) is only acknowledged.
 */
export function parseCallback(body: unknown, confirmation: string): ParsedRequest {
  const event = envelopeSchema.parse(body);
  if (event.type === "confirmation") return { kind: "handshake", answer: { ...OK, body: confirmation } };
  const messages: InboundMessage[] = [];
  if (event.type === "message_new") {
    const { message } = messageEventSchema.parse(body).object;
    const text = textOf(message);
    // A service message (someone joined a chat) says nothing to answer.
    if (text) {
      messages.push({
        channel: "vk",
        // A repeated event keeps its event_id; without one, the message's number in its conversation is as stable.
        providerMessageId: event.event_id ?? `${message.peer_id}_${message.conversation_message_id ?? message.id}`,
        address: String(message.peer_id),
        name: null,
        text,
      });
    }
  }
  return { kind: "events", messages, statuses: [], ack: OK };
}
