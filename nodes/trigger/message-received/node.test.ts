import { describe, expect, it } from "vitest";
import { CHANNEL_NAMES } from "../../../engine/contracts/channels";
import { messageEvent } from "../../../engine/testing/flow-harness";
import { NODE_ID, runNode } from "../../../engine/testing/run-node";
import { messageReceivedNode } from "./spec";

const TYPE = "trigger.message-received";

describe("trigger.message-received", () => {
  it("starts the flow on a message and makes it the current message", () => {
    const run = runNode(TYPE, { channel: "any" }, messageEvent("hi there", { messageId: "wa-1" }));
    expect(run.port).toBe("out");
    expect(run.trail).toEqual([NODE_ID, "sink-1"]);
    expect(run.state.context.message).toEqual({ id: "wa-1", text: "hi there", channel: "webchat" });
    expect(run.effects).toEqual([]);
  });

  it("starts only for its channel when one is set", () => {
    expect(runNode(TYPE, { channel: "webchat" }, messageEvent("hi", { channel: "webchat" })).port).toBe("out");
    const other = runNode(TYPE, { channel: "sms" }, messageEvent("hi", { channel: "webchat" }));
    expect(other.port).toBeNull();
    expect(other.state.value).toBe("start");
    expect(other.trail).toEqual([]);
  });

  it("matches exactly the events it claims, for every channel setting, moment and event", () => {
    const { trigger } = messageReceivedNode;
    for (const channel of ["any", ...CHANNEL_NAMES] as const)
      for (const on of ["any-message", "first-message"] as const)
        for (const sent of CHANNEL_NAMES)
          for (const opensConversation of [true, false, undefined]) {
            const event = { ...messageEvent("x", { channel: sent }), opensConversation };
            const claimed = trigger?.claims?.keys({ channel, on }).includes(trigger.claims.of(event) ?? "");
            expect(trigger?.matches({ channel, on }, event), `${channel} ${on} ${sent} ${opensConversation}`).toBe(claimed);
          }
  });

  it("tells the runtime which events it claims", () => {
    const { trigger } = messageReceivedNode;
    expect(trigger?.event).toBe("message.received");
    const any = { channel: "any", on: "any-message" } as const;
    expect(trigger?.matches(any, messageEvent("x", { channel: "telegram" }))).toBe(true);
    expect(trigger?.matches({ ...any, channel: "sms" }, messageEvent("x", { channel: "telegram" }))).toBe(false);
    expect(trigger?.matches(any, { type: "timer.fired", at: 0, timerId: "t", nodeId: "n" })).toBe(false);
  });

  it("defaults to any channel and any message", () => {
    expect(messageReceivedNode.settings.parse({})).toEqual({ channel: "any", on: "any-message" });
  });

  it("with first-message, starts only on a message that opens a conversation", () => {
    const { trigger } = messageReceivedNode;
    const first = { channel: "any", on: "first-message" } as const;
    expect(trigger?.matches(first, messageEvent("hi", { opensConversation: true }))).toBe(true);
    expect(trigger?.matches(first, messageEvent("and another thing", { opensConversation: false }))).toBe(false);
    expect(trigger?.matches({ channel: "any", on: "any-message" }, messageEvent("and another thing", { opensConversation: false }))).toBe(true);
    // A channel is more specific than "first message only"; both together beat either.
    expect(
      [{ channel: "any", on: "any-message" }, first, { channel: "webchat", on: "any-message" }, { channel: "webchat", on: "first-message" }].map((s) =>
        trigger?.specificity?.(s as never),
      ),
    ).toEqual([0, 1, 2, 3]);
  });

  it("claims the channel and moment it starts on, so overlaps are a shared key (any channel meets every channel)", () => {
    const { claims, listensTo } = messageReceivedNode.trigger!;
    const keys = (channel: string, on: string) => claims!.keys(messageReceivedNode.settings.parse({ channel, on }));
    expect(keys("webchat", "first-message")).toEqual(["message.received:webchat:first"]);
    expect(keys("webchat", "any-message")).toEqual(["message.received:webchat:first", "message.received:webchat:later"]);
    expect(keys("any", "first-message")).toContain("message.received:sms:first");
    expect(keys("any", "any-message").filter((k) => keys("sms", "any-message").includes(k))).toHaveLength(2);
    expect(listensTo(messageReceivedNode.settings.parse({ channel: "webchat" }))).toEqual({ en: "Web chat · any message", ru: "Веб-чат · любое сообщение" });
  });

  it("matches exactly the events whose claim key it holds", () => {
    const { claims, matches } = messageReceivedNode.trigger!;
    for (const channel of ["any", "webchat", "sms"] as const)
      for (const on of ["any-message", "first-message"] as const) {
        const settings = messageReceivedNode.settings.parse({ channel, on });
        for (const opensConversation of [true, false])
          for (const c of ["webchat", "sms", "telegram"] as const) {
            const event = messageEvent("hi", { channel: c, opensConversation });
            expect(matches(settings, event), `${channel} ${on} ${c}`).toBe(claims!.keys(settings).includes(claims!.of(event)!));
          }
      }
  });
});
