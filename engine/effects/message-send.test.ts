import { describe, expect, it } from "vitest";
import type { ChannelAdapter, OutboundMessage } from "../channels/channel";
import { PermanentFailure, type PerformDeps } from "./define-effect";
import { messageSend, type OutboundPayload, queueMessage } from "./message-send";

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

describe("message.send queued", () => {
  /**
   * Queues a send on `channel` in a conversation whose customer last wrote "their-1", with web chat
   * delivered by its commit when `onCommit`; returns the outbox payload, the delivered reply, and what was asked.
   */
  const queued = (channel: "webchat" | "email", send: Partial<Parameters<typeof queueMessage>[1]> = {}, onCommit = false) => {
    const asked: string[] = [];
    const added: boolean[] = [];
    let written: unknown;
    let delivered: unknown;
    const conversations = {
      lastInbound: (id: string) => {
        asked.push(id);
        return { providerMessageId: "their-1", subject: "Parcel" };
      },
      addOutbound: (...args: unknown[]) => {
        added.push(args[5] === true);
        return "msg-2";
      },
    };
    const outbox = {
      add: (_key: string, _instance: unknown, _kind: string, p: unknown) => void (written = p),
      deliversOnCommit: (name: string) => onCommit && name === "webchat",
      delivered: (reply: unknown) => void (delivered = reply),
    };
    const repos = { conversations, outbox } as unknown as Parameters<typeof queueMessage>[0];
    const base = {
      instanceId: "i",
      author: "bot",
      at: 0,
      conversationId: "c-1",
      channel,
      address: "a",
      text: "Hi",
      nodeId: "n",
      awaitDelivery: false,
    } as const;
    queueMessage(repos, { ...base, ...send });
    return { payload: written as OutboundPayload | undefined, delivered, sentAtOnce: added, asked };
  };

  it("names the customer's last message on a channel that threads replies (e-mail's In-Reply-To), and looks nothing up elsewhere", () => {
    expect(queued("email")).toMatchObject({ payload: { inReplyTo: { providerMessageId: "their-1", subject: "Parcel" } }, asked: ["c-1"] });
    const chat = queued("webchat");
    expect(chat.payload?.inReplyTo).toBeUndefined();
    expect(chat.asked).toEqual([]);
  });

  it("delivers a reply on a channel read from the store by its commit: written as sent, no outbox row", () => {
    const chat = queued("webchat", { key: "k-1", buttons: ["Yes", "No"] }, true);
    expect(chat).toMatchObject({ payload: undefined, sentAtOnce: [true] });
    expect(chat.delivered).toEqual({
      key: "k-1",
      messageId: "msg-2",
      conversationId: "c-1",
      channel: "webchat",
      address: "a",
      text: "Hi",
      buttons: ["Yes", "No"],
    });
    // Other channels still go through the outbox.
    expect(queued("email", {}, true)).toMatchObject({ delivered: undefined, sentAtOnce: [false], payload: { channel: "email" } });
  });

  it("still queues a reply whose delivery result the flow waits for, or that has no address, for the dispatcher", () => {
    expect(queued("webchat", { awaitDelivery: true }, true)).toMatchObject({ delivered: undefined, sentAtOnce: [false], payload: { awaitDelivery: true } });
    expect(queued("webchat", { address: null }, true)).toMatchObject({ delivered: undefined, sentAtOnce: [false], payload: { address: null } });
  });
});
