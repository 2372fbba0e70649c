import type { z } from "zod";
import type { Channel } from "../contracts/events";

/** A customer message after the channel adapter has normalised the provider's payload. */
export type InboundMessage = {
  channel: Channel;
  /** The provider's message id: the deduplication key. */
  providerMessageId: string;
  /** How the customer is known on the channel (visitor id, phone, chat id ...). */
  address: string;
  name: string | null;
  text: string;
  /** Start this flow (e.g. a chat widget embedded for one flow) instead of picking by trigger. */
  flowId?: string;
};

/** A provider's report about a message we sent (identified by the id the provider gave at send). */
export type DeliveryStatus = { channel: Channel; providerMessageId: string; status: "sent" | "delivered" | "read" | "failed"; error: string | null; at: number | null };

/** A message leaving through a channel; `key` is stable across retries (idempotency key). */
export type OutboundMessage = {
  key: string;
  messageId: string;
  conversationId: string;
  channel: Channel;
  address: string;
  text: string;
  /** Quick replies offered with the message (adapters without `quickReplies` get them spelled out). */
  buttons?: string[];
};

/** What every channel provides. Signed-webhook verification joins this contract with real providers. */
export type ChannelAdapter<P = unknown> = {
  channel: Channel;
  /** The channel shows quick-reply buttons itself; otherwise they are appended to the text. */
  quickReplies?: boolean;
  /** Validates the provider's inbound payload; errors name the field. */
  inboundSchema: z.ZodType<P>;
  normalize(payload: P): InboundMessage;
  /** Delivers a message. Must tolerate the same key twice (at-least-once dispatch). */
  send(message: OutboundMessage): Promise<void>;
};
