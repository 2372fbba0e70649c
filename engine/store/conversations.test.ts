import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDb } from "../testing/temp-db";
import { openStore, type Store } from "./index";

describe("outbound message statuses (real SQLite)", () => {
  let tmp: ReturnType<typeof tempDb>;
  let store: Store;
  let messageId: string;
  beforeEach(() => {
    tmp = tempDb("omniflow-statuses-");
    store = openStore(tmp.file);
    const customerId = store.customers.create("Ann", 0);
    const conversationId = store.conversations.open(customerId, "sms", "+14155550100", 0);
    messageId = store.conversations.addOutbound(conversationId, "bot", "Your parcel is on its way", null, 0);
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  const current = () => store.conversations.statusOf(messageId);

  it("only move forward, whatever order the provider's reports arrive in", () => {
    store.conversations.sendSettled(messageId, "sms", "sent", "SM1");
    expect(store.conversations.setStatusByProvider("sms", "SM1", "read", 1)).toBe(true);
    store.conversations.setStatusByProvider("sms", "SM1", "delivered", 2);
    store.conversations.sendSettled(messageId, "sms", "sent", "SM1"); // a repeated settle moves nothing back
    expect(current()).toBe("read");
  });

  it("keeps a report that arrives before the send settled, and applies it when the provider's id is recorded", () => {
    expect(store.conversations.setStatusByProvider("sms", "SM2", "delivered", 1)).toBe(false);
    store.conversations.sendSettled(messageId, "sms", "sent", "SM2");
    expect(current()).toBe("delivered");
    // Applied once: a second message given the same id later (another channel's numbering) starts clean.
    expect(store.conversations.setStatusByProvider("sms", "SM2", "read", 2)).toBe(true);
    expect(current()).toBe("read");
  });

  it("records a send that failed, without a provider's id", () => {
    store.conversations.sendSettled(messageId, "sms", "failed", null);
    expect(current()).toBe("failed");
    expect(store.conversations.setStatusByProvider("sms", "SM9", "delivered", 1)).toBe(false); // no message has that id
  });

  it("lets a failure override sent, but not a delivery", () => {
    store.conversations.sendSettled(messageId, "sms", "sent", "SM3");
    store.conversations.setStatusByProvider("sms", "SM3", "failed", 1);
    expect(current()).toBe("failed");
    store.conversations.setStatusByProvider("sms", "SM3", "delivered", 2);
    store.conversations.setStatusByProvider("sms", "SM3", "failed", 3);
    expect(current()).toBe("delivered");
  });

  it("a send whose answer was lost is unknown until a report naming the message takes the provider's id", () => {
    store.conversations.sendSettled(messageId, "sms", "unknown", null);
    expect(current()).toBe("unknown");
    // Not on another channel, and not without our id: such a report is kept for a send still to settle.
    expect(store.conversations.setStatusByProvider("phone", "CA1", "sent", 1, messageId)).toBe(false);
    expect(store.conversations.setStatusByProvider("sms", "SM4", "sent", 1)).toBe(false);
    expect(current()).toBe("unknown");
    expect(store.conversations.setStatusByProvider("sms", "SM5", "delivered", 2, messageId)).toBe(true);
    expect(current()).toBe("delivered");
    // The id is the message's now: later reports find it by that id alone, and another id cannot take it.
    expect(store.conversations.setStatusByProvider("sms", "SM5", "read", 3)).toBe(true);
    expect(store.conversations.setStatusByProvider("sms", "SM6", "failed", 4, messageId)).toBe(false);
    expect(current()).toBe("read");
  });

  it("a report naming the message before its send settled: the send's own answer then changes nothing back", () => {
    expect(store.conversations.setStatusByProvider("sms", "SM7", "delivered", 1, messageId)).toBe(true);
    store.conversations.sendSettled(messageId, "sms", "sent", "SM7");
    expect(current()).toBe("delivered");
    store.conversations.sendSettled(messageId, "sms", "unknown", null);
    expect(current()).toBe("delivered");
  });
});
