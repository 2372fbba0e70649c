import { describe, expect, it } from "vitest";
import { ERASED, confirmsErase } from "../contracts/privacy";
import { eraseValues, scrubRecord, scrubSnapshot, scrubSteps } from "./scrub";

describe("scrubbing personal data out of stored JSON", () => {
  it("keeps ids and types of an event and erases what was said, nested values whole", () => {
    const event = { type: "message.received", at: 5, messageId: "m1", text: "my card 4111", channel: "webchat", opensConversation: true };
    expect(scrubRecord(event)).toEqual({ ...event, text: ERASED });
    const crm = { type: "crm.event", eventId: "e1", name: "card.transaction", payload: { amount: 950, country: "France", tags: ["vip"] } };
    expect(scrubRecord(crm)).toEqual({ type: "crm.event", eventId: "e1", name: ERASED, payload: { amount: ERASED, country: ERASED, tags: [ERASED] } });
  });

  it("erases a kept key's value when it holds an object (a customer could hide text under any name)", () => {
    expect(scrubRecord({ status: { note: "secret" }, channel: "webchat" })).toEqual({ status: { note: ERASED }, channel: "webchat" });
  });

  it("scrubs every effect of a logged list", () => {
    const effects = [
      { kind: "message.send", key: "i:1", text: "You said secret", buttons: ["Yes"] },
      { kind: "task.create", key: "i:2", queue: "support", title: "Call back: secret", priority: 1 },
    ];
    expect(scrubRecord(effects)).toEqual([
      { kind: "message.send", key: "i:1", text: ERASED, buttons: [ERASED] },
      { kind: "task.create", key: "i:2", queue: "support", title: ERASED, priority: 1 },
    ]);
  });

  it("keeps a snapshot's machine state and erases customer, message, vars and pending effects", () => {
    const snapshot = {
      status: "active",
      value: { n_par: { "branch-1": "n_task" } },
      historyValue: {},
      context: {
        instanceId: "i",
        customer: { id: "c1", name: "Ann", channel: "webchat", address: "v1" },
        message: { id: "m1", text: "secret", channel: "webchat" },
        vars: { said: "secret", n: 3, ok: true, nested: { deep: "secret" }, none: null },
        waits: { task: "i:2" },
        counters: { ask: 1 },
        trail: ["t", "task"],
        effects: [{ kind: "message.send", key: "i:1", text: "secret" }],
        openTasks: [{ taskId: "i:2", nodeId: "task" }],
      },
    };
    const scrubbed = scrubSnapshot(snapshot);
    expect(JSON.stringify(scrubbed)).not.toMatch(/secret|Ann|"v1"/);
    expect(scrubbed).toMatchObject({ status: "active", value: snapshot.value });
    expect(scrubbed.context).toMatchObject({
      instanceId: "i",
      customer: { id: "c1", name: null, channel: "webchat", address: ERASED },
      message: { id: "m1", text: ERASED, channel: "webchat" },
      vars: { said: ERASED, n: ERASED, ok: ERASED, nested: { deep: ERASED }, none: null },
      waits: snapshot.context.waits,
      counters: snapshot.context.counters,
      trail: snapshot.context.trail,
      openTasks: snapshot.context.openTasks,
    });
  });

  it("keeps whether a step was ticked", () => {
    expect(scrubSteps([{ text: "Call Ann", done: true }])).toEqual([{ text: ERASED, done: true }]);
    expect(eraseValues(null)).toBeNull();
  });
});

describe("confirming an erasure", () => {
  it("takes ERASE or the customer's name, nothing else", () => {
    expect(confirmsErase("ERASE", null)).toBe(true);
    expect(confirmsErase("  ann smith ", "Ann Smith")).toBe(true);
    expect(confirmsErase("erase", "Ann")).toBe(false);
    expect(confirmsErase("", null)).toBe(false);
    expect(confirmsErase("", "  ")).toBe(false);
    expect(confirmsErase("Bob", "Ann")).toBe(false);
  });
});
