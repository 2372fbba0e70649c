import type { Channel } from "../contracts/events";
import { PermanentFailure, type Performer } from "../runtime/dispatcher";
import type { OutboxPayload } from "../store/step-store";
import type { ChannelAdapter, OutboundMessage } from "./channel";

export type SendFaults = {
  /** Fault injection: called after a channel accepted a message, before the outbox row is settled. */
  afterSend?: (message: OutboundMessage) => void;
};

/** Performs `message.send` outbox rows through the channel adapters. */
export function messagePerformer(channels: Map<Channel, ChannelAdapter>, faults: SendFaults = {}): Performer {
  return async (item) => {
    const payload = item.payload as OutboxPayload;
    const adapter = channels.get(payload.channel);
    if (!adapter) throw new PermanentFailure(`no ${payload.channel} channel is configured`);
    if (!payload.address) throw new PermanentFailure(`the customer has no ${payload.channel} address`);
    const message: OutboundMessage = { key: item.key, messageId: payload.messageId, conversationId: payload.conversationId, channel: payload.channel, address: payload.address, text: payload.text };
    await adapter.send(message);
    faults.afterSend?.(message);
    return null;
  };
}
