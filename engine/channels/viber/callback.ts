/**
 * Viber REST bot API callbacks (https://developers.viber.com/docs/api/rest-bot-api/#callbacks):
 * JSON POSTs naming their `event`. Viber repeats a callback for an hour until it gets 200, so every
 * event is answered 200, whatever it is. Only what Omniflow reads is checked.
 */
import * as z from "zod";
import type { ChannelAnswer, DeliveryStatus, InboundMessage, ParsedRequest } from "../channel";

/** Viber wants 200; the body stays empty, since one answering `conversation_started` would be shown as a welcome message. */
export const ACK: ChannelAnswer = { status: 200, contentType: "text/plain; charset=utf-8", body: "" };

/** A 64-bit token: a string once long-integers.ts has quoted it, a number when it is short. */
const token = z.union([z.string().regex(/^\d{1,20}$/, "must be a number"), z.number().int().nonnegative().safe()]).transform(String);
const timestamp = z.union([z.number(), z.string().regex(/^\d{1,20}$/)]).transform(Number);

const envelopeSchema = z.object({ event: z.string().min(1).max(64), timestamp: timestamp.optional(), message_token: token.optional() });

const messageSchema = envelopeSchema.extend({
  message_token: token,
  sender: z.object({ id: z.string().min(1).max(100), name: z.string().max(200).optional() }),
  message: z
    .object({
      type: z.string().min(1).max(32),
      text: z.string().max(7000, "at most 7000 characters").optional(),
      media: z.string().max(2048).optional(),
      file_name: z.string().max(256).optional(),
      contact: z.object({ name: z.string().max(200).optional(), phone_number: z.string().max(40).optional() }).optional(),
      location: z.object({ lat: z.number(), lon: z.number(), address: z.string().max(500).optional() }).optional(),
    })
    .refine((m) => m.type !== "text" || !!m.text?.trim(), { message: "a text message needs its text", path: ["text"] }),
});
type ViberMessage = z.infer<typeof messageSchema>["message"];

const statusSchema = envelopeSchema.extend({ message_token: token, desc: z.string().max(1000).optional() });
const STATUS = { delivered: "delivered", seen: "read", failed: "failed" } as const;

/** What the customer sent, as text: a button press is text (the button's ActionBody); media is named with its caption. */
function textOf(m: ViberMessage): string {
  switch (m.type) {
    case "text":
      return m.text!.trim();
    case "contact":
      return [m.contact?.name, m.contact?.phone_number].filter(Boolean).join(" ") || "[contact]";
    case "location":
      return m.location ? (m.location.address ?? `${m.location.lat}, ${m.location.lon}`) : "[location]";
    case "url":
      return m.media ?? "[url]";
    default:
      return [`[${m.type}]`, m.text?.trim(), m.file_name ?? m.media].filter(Boolean).join(" ");
  }
}

/**
 * A verified callback: a message becomes a customer message; delivered / seen / failed become
 * statuses of the message Viber gave that token; the set-up check (`webhook`), conversation_started
 * and (un)subscriptions are only acknowledged (consent is the customer's to give in Viber itself).
 */
export function parseCallback(body: unknown): ParsedRequest {
  const { event } = envelopeSchema.parse(body);
  const messages: InboundMessage[] = [];
  const statuses: DeliveryStatus[] = [];
  if (event === "message") {
    const m = messageSchema.parse(body);
    messages.push({ channel: "viber", providerMessageId: m.message_token, address: m.sender.id, name: m.sender.name || null, text: textOf(m.message) });
  } else if (Object.hasOwn(STATUS, event)) {
    const s = statusSchema.parse(body);
    const status = STATUS[event as keyof typeof STATUS];
    statuses.push({
      channel: "viber",
      providerMessageId: s.message_token,
      status,
      error: status === "failed" ? (s.desc ?? "failed") : null,
      at: s.timestamp ?? null,
    });
  }
  return { kind: "events", messages, statuses, ack: ACK };
}
