import { describe, expect, it } from "vitest";
import type { ChannelAdapter, OutboundMessage } from "../channels/channel";
import { PermanentFailure, type PerformDeps } from "./define-effect";
import { messageSend, type OutboundPayload } from "./message-send";

const adapter = (quickReplies: boolean, sent: OutboundMessage[]): ChannelAdapter =>
  ({ channel: "webchat", quickReplies, send: async (m: OutboundMessage) => void sent.push(m) }) as unknown as ChannelAdapter;

const payload: OutboundPayload = {
  messageId: "msg-1",
  conversationId: "c-1",
  channel: "webchat",
  address: "v-1",
  text: "Was it you?",
  buttons: ["Yes", "No"],
  nodeId: "ask",
  awaitDelivery: false,
};
const item = { key: "i:1", kind: "message.send", instanceId: "i", payload, attempts: 0 };
const deps = (channels: ChannelAdapter[]): PerformDeps => ({
  channel: (name) => channels.find((c) => c.channel === name),
  http: () => Promise.reject(new Error("no HTTP here")),
  credentialHeaders: () => undefined,
});
const perform = (channels: ChannelAdapter[], it = item) => messageSend.perform!.run(it, deps(channels));

describe("message.send performed: quick replies", () => {
  it("hands buttons to a channel that shows them", async () => {
    const sent: OutboundMessage[] = [];
    await perform([adapter(true, sent)]);
    expect(sent).toMatchObject([{ text: "Was it you?", buttons: ["Yes", "No"] }]);
  });

  it("spells them out for a channel that cannot", async () => {
    const sent: OutboundMessage[] = [];
    await perform([adapter(false, sent)]);
    expect(sent).toEqual([expect.objectContaining({ text: "Was it you? (Yes / No)" })]);
    expect(sent[0].buttons).toBeUndefined();
  });

  it("fails for good when the channel is not configured or the customer has no address there", async () => {
    await expect(perform([])).rejects.toBeInstanceOf(PermanentFailure);
    const sent: OutboundMessage[] = [];
    await expect(perform([adapter(true, sent)], { ...item, payload: { ...payload, address: null } })).rejects.toThrow("has no webchat address");
  });
});
