import { describe, expect, it } from "vitest";
import type { TriggerRanks } from "../compiler/triggers";
import { claimOrders, overlapsOf } from "./trigger-ownership";

const webchat = { type: "trigger.message-received", settings: { channel: "webchat", on: "any-message" } };
const firstOnly = { type: "trigger.message-received", settings: { channel: "webchat", on: "first-message" } };
const FIRST = "message.received:webchat:first";
const LATER = "message.received:webchat:later";
const ranked = (entries: Record<string, string[]>): TriggerRanks =>
  new Map(Object.entries(entries).map(([claim, ids]) => [claim, new Map(ids.map((id, rank) => [id, rank]))]));

describe("trigger ownership", () => {
  it("finds the claims two flows share and whether the owners ordered them on each", () => {
    const support = { flowId: "support", name: "Support chat", triggers: [webchat] };
    expect(overlapsOf("faq", [firstOnly], [support], new Map())).toEqual([
      {
        flowId: "support",
        name: "Support chat",
        listensTo: { en: "Web chat · any message", ru: "Веб-чат · любое сообщение" },
        claims: [FIRST],
        ordered: false,
        broader: true,
      },
    ]);
    expect(overlapsOf("faq", [firstOnly], [support], ranked({ [FIRST]: ["faq", "support"] }))[0].ordered).toBe(true);
    // Ordered on one shared claim only is not ordered.
    expect(overlapsOf("faq", [webchat], [support], ranked({ [FIRST]: ["faq", "support"] }))[0].ordered).toBe(false);
  });

  it("calls the other flow broader only when it takes every event this one takes, and more", () => {
    const anyChannel = {
      flowId: "support",
      name: "Support",
      triggers: [{ type: "trigger.message-received", settings: { channel: "any", on: "any-message" } }],
    };
    const telegram = { type: "trigger.message-received", settings: { channel: "telegram", on: "any-message" } };
    expect(overlapsOf("bot", [telegram], [anyChannel], new Map())[0].broader).toBe(true);
    // The same triggers: neither is broader; a narrower one is not broader either.
    expect(overlapsOf("bot", anyChannel.triggers, [anyChannel], new Map())[0].broader).toBe(false);
    expect(overlapsOf("bot", anyChannel.triggers, [{ flowId: "tg", name: "Bot", triggers: [telegram] }], new Map())[0].broader).toBe(false);
    // Partly shared (web chat any message beside web chat first message only, from the other side): not broader.
    expect(overlapsOf("support", [webchat], [{ flowId: "faq", name: "FAQ", triggers: [firstOnly] }], new Map())[0].broader).toBe(false);
  });

  it("puts the owner's order first on every shared claim and keeps flows ranked there before (inactive ones) after", () => {
    const overlaps = overlapsOf("faq", [webchat], [{ flowId: "support", name: "Support chat", triggers: [webchat] }], ranked({ [LATER]: ["old", "support"] }));
    expect(claimOrders("faq", overlaps, ["support", "faq"], ranked({ [LATER]: ["old", "support"] }), "FAQ")).toEqual([
      { claim: FIRST, flowIds: ["support", "faq"] },
      { claim: LATER, flowIds: ["support", "faq", "old"] },
    ]);
  });

  it("refuses without an order while an overlap is unordered, and takes none when every overlap is ordered", () => {
    const overlaps = overlapsOf("faq", [webchat], [{ flowId: "support", name: "Support chat", triggers: [webchat] }], new Map());
    expect(() => claimOrders("faq", overlaps, undefined, new Map(), "FAQ")).toThrow('"Support chat" already listens to Web chat · any message');
    expect(claimOrders("faq", [{ ...overlaps[0], ordered: true }], undefined, new Map(), "FAQ")).toEqual([]);
    expect(() => claimOrders("faq", overlaps, ["faq", "support", "stranger"], new Map(), "FAQ")).toThrow("flow stranger does not take");
  });
});
