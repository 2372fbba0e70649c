import { describe, expect, it } from "vitest";
import type { ChannelAdapter, OutboundMessage } from "./channel";
import { messagePerformer } from "./message-performer";
import { PermanentFailure } from "../runtime/dispatcher";
import type { OutboxPayload } from "../store/step-store";

const adapter = (quickReplies: boolean, sent: OutboundMessage[]): ChannelAdapter =>
  ({ channel: "webchat", quickReplies, send: async (m: OutboundMessage) => void sent.push(m) }) as unknown as ChannelAdapter;

const payload: OutboxPayload = { messageId: "msg-1", conversationId: "c-1", channel: "webchat", address: "v-1", text: "Was it you?", buttons: ["Yes", "No"], nodeId: "ask", awaitDelivery: false };
const item = { key: "i:1", kind: "message.send", instanceId: "i", payload, attempts: 0 };

describe("messagePerformer quick replies", () => {
  it("hands buttons to a channel that shows them", async () => {
    const sent: OutboundMessage[] = [];
    await messagePerformer(new Map([["webchat", adapter(true, sent)]]))(item as never);
    expect(sent).toMatchObject([{ text: "Was it you?", buttons: ["Yes", "No"] }]);
  });

  it("spells them out for a channel that cannot", async () => {
    const sent: OutboundMessage[] = [];
    await messagePerformer(new Map([["webchat", adapter(false, sent)]]))(item as never);
    expect(sent).toEqual([expect.objectContaining({ text: "Was it you? (Yes / No)" })]);
    expect(sent[0].buttons).toBeUndefined();
  });

  it("fails for good when the channel is not configured or the customer has no address there", async () => {
    await expect(messagePerformer(new Map())(item as never)).rejects.toBeInstanceOf(PermanentFailure);
    const sent: OutboundMessage[] = [];
    await expect(messagePerformer(new Map([["webchat", adapter(true, sent)]]))({ ...item, payload: { ...payload, address: null } } as never)).rejects.toThrow("has no webchat address");
  });
});
