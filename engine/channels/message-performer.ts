import type { Channel } from "../contracts/events";
import { PermanentFailure, type Performer } from "../runtime/dispatcher";
import type { OutboxPayload } from "../store/step-store";
import type { ChannelAdapter, OutboundMessage } from "./channel";

export type SendFaults = {
  /** Fault injection: called after a channel accepted a message, before the outbox row is settled. */
  afterSend?: (message: OutboundMessage) => void;
};

/** Quick replies as text for channels without buttons: "Was it you? (Yes / No)". */
export const spellOutButtons = (text: string, buttons: string[]) => `${text} (${buttons.join(" / ")})`;

/** Performs `message.send` outbox rows through the channel adapters. */
export function messagePerformer(channels: Map<Channel, ChannelAdapter>, faults: SendFaults = {}): Performer {
  return async (item) => {
    const payload = item.payload as OutboxPayload;
    const adapter = channels.get(payload.channel);
    if (!adapter) throw new PermanentFailure(`no ${payload.channel} channel is configured`);
    if (!payload.address) throw new PermanentFailure(`the customer has no ${payload.channel} address`);
    const buttons = payload.buttons ?? [];
    const text = buttons.length && !adapter.quickReplies ? spellOutButtons(payload.text, buttons) : payload.text;
    const message: OutboundMessage = { key: item.key, messageId: payload.messageId, conversationId: payload.conversationId, channel: payload.channel, address: payload.address, text, ...(buttons.length && adapter.quickReplies && { buttons }) };
    await adapter.send(message);
    faults.afterSend?.(message);
    return null;
  };
}
