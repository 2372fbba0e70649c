import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, countRows, instanceRow, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const pos = { x: 0, y: 0 };
/** Says `text` when `trigger` starts it, then waits for a reply (with a 10-minute timeout) and says bye. */
const greeter = (trigger: { type: string; settings: Record<string, unknown> }, text: string): FlowDocument => ({
  nodes: [
    { id: "start", type: trigger.type, position: pos, settings: trigger.settings },
    { id: "hello", type: "message.send", position: pos, settings: { text } },
    { id: "wait", type: "message.wait-reply", position: pos, settings: { timeoutSeconds: 600 } },
    { id: "bye", type: "message.send", position: pos, settings: { text: `${text}: bye` } },
    { id: "end", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "bye" },
    { id: "e4", source: "wait", sourcePort: "timeout", target: "end" },
    { id: "e5", source: "bye", sourcePort: "out", target: "end" },
  ],
});
const onMessage = (settings: Record<string, unknown>) => ({ type: "trigger.message-received", settings });
const onCrm = (event: string) => ({ type: "trigger.crm-event", settings: { event } });
const onHook = (hook: string) => ({ type: "trigger.webhook", settings: { hook } });

const t = useTestEngine();

/** Creates a flow and tries to publish it; the refusal's code and parameters, or the version. */
async function tryPublish(name: string, doc: FlowDocument, order?: (id: string) => string[]) {
  const { id } = await t.engine.flows.create(name, doc);
  try {
    const version = await t.engine.flows.publish(id, { order: order?.(id) });
    return { flowId: id, version, refusal: null };
  } catch (error) {
    const { code, params } = error as { code: string; params: Record<string, unknown> };
    return { flowId: id, version: null, refusal: { code, params } };
  }
}

/** The flow that started the instance a visitor's message reached. */
async function flowTaking(visitor: string, text = "hello") {
  const { instanceId } = await t.engine.receive("webchat", chat(visitor, `${visitor}-${Date.now()}-${Math.random()}`, text));
  if (!instanceId) return null;
  return (testDb(t.engine).prepare(`SELECT flowId FROM "Instance" WHERE id = ?`).get(instanceId) as { flowId: string }).flowId;
}

describe("trigger ownership at publish", () => {
  it("refuses a second web-chat flow, naming the flow it would shadow and what that one listens to", async () => {
    await publishFlow(t.engine, "Support chat", greeter(onMessage({ channel: "webchat" }), "support"));
    const second = await tryPublish("Web chat FAQ", greeter(onMessage({ channel: "webchat", on: "first-message" }), "faq"));
    expect(second.refusal).toEqual({
      code: "flow.trigger-overlap",
      params: { flow: "Support chat", listensTo: { en: "Web chat · any message", ru: "Веб-чат · любое сообщение" } },
    });
    expect(countRows(t.engine, "FlowVersion", "flowId = ?", second.flowId)).toBe(0);
  });

  it('counts "any channel" as overlapping a channel, and the same CRM event or webhook name; other channels, events and hooks pass', async () => {
    await publishFlow(t.engine, "Support chat", greeter(onMessage({ channel: "webchat" }), "support"));
    await publishFlow(t.engine, "Fraud check", greeter(onCrm("card.transaction"), "fraud"));
    await publishFlow(t.engine, "Shipped", greeter(onHook("order-shipped"), "shipped"));

    expect((await tryPublish("Catch-all", greeter(onMessage({ channel: "any" }), "all"))).refusal?.params.flow).toBe("Support chat");
    expect((await tryPublish("Fraud 2", greeter(onCrm("card.transaction"), "f2"))).refusal?.params.flow).toBe("Fraud check");
    expect((await tryPublish("Shipped 2", greeter(onHook("order-shipped"), "s2"))).refusal?.params.flow).toBe("Shipped");

    expect((await tryPublish("SMS only", greeter(onMessage({ channel: "sms" }), "sms"))).refusal).toBeNull();
    expect((await tryPublish("Orders", greeter(onCrm("order.status-changed"), "o"))).refusal).toBeNull();
    expect((await tryPublish("Returned", greeter(onHook("order-returned"), "r"))).refusal).toBeNull();
    // Schedules and operator starts name their time or their flow: they overlap nothing.
    const operator = greeter({ type: "trigger.operator-started", settings: {} }, "op");
    expect((await tryPublish("Guided 1", operator)).refusal).toBeNull();
    expect((await tryPublish("Guided 2", operator)).refusal).toBeNull();
  });

  it("takes an explicit order: the first flow takes the overlapping events, over a more specific trigger and a newer publish", async () => {
    const support = await publishFlow(t.engine, "Support chat", greeter(onMessage({ channel: "webchat" }), "support"));
    const catchAll = await tryPublish("Catch-all", greeter(onMessage({ channel: "any" }), "all"), (id) => [id, support.flowId]);
    expect(catchAll.refusal).toBeNull();
    expect(await flowTaking("v-1")).toBe(catchAll.flowId);

    // Placed last: the catch-all still goes first on web chat, and the newer flow waits its turn.
    const later = await tryPublish("Later", greeter(onMessage({ channel: "webchat" }), "later"), (id) => [catchAll.flowId, support.flowId, id]);
    expect(later.refusal).toBeNull();
    expect(await flowTaking("v-2")).toBe(catchAll.flowId);

    // Once ordered, republishing needs no order again.
    await t.engine.flows.saveDraft(support.flowId, greeter(onMessage({ channel: "webchat" }), "support v2"));
    await expect(t.engine.flows.publish(support.flowId)).resolves.toMatchObject({ number: 2 });
  });

  it("refuses an order that leaves out an overlapping flow (or this one), naming it", async () => {
    const support = await publishFlow(t.engine, "Support chat", greeter(onMessage({ channel: "webchat" }), "support"));
    await publishFlow(t.engine, "SMS bot", greeter(onMessage({ channel: "sms" }), "sms"));
    const { id } = await t.engine.flows.create("Catch-all", greeter(onMessage({ channel: "any" }), "all"));
    await expect(t.engine.flows.publish(id, { order: [id, support.flowId] })).rejects.toMatchObject({
      code: "flow.order-incomplete",
      params: { flow: "SMS bot" },
    });
    await expect(t.engine.flows.publish(id, { order: [support.flowId] })).rejects.toMatchObject({ params: { flow: "Catch-all" } });
    const overlaps = await t.engine.flows.overlaps(id);
    expect(overlaps.map((o) => [o.name, o.listensTo.en, o.ordered])).toEqual([
      ["SMS bot", "SMS · any message", false],
      ["Support chat", "Web chat · any message", false],
    ]);
  });
});

describe("deactivating a flow", () => {
  it("starts nothing while inactive; waiting instances carry on; reactivating starts it again", async () => {
    const support = await publishFlow(t.engine, "Support chat", greeter(onMessage({ channel: "webchat" }), "support"));
    const first = await t.engine.receive("webchat", chat("v-wait", "m-1", "hi"));
    expect(await t.engine.flows.waitingCount(support.flowId)).toBe(1);

    await expect(t.engine.flows.deactivate(support.flowId)).resolves.toEqual({ cancelled: 0 });
    expect((await t.engine.flows.list()).find((f) => f.id === support.flowId)).toMatchObject({ active: false, state: "published" });
    expect(await flowTaking("v-new")).toBeNull();
    // The waiting conversation finishes on its own.
    await t.engine.receive("webchat", chat("v-wait", "m-2", "thanks"));
    expect(instanceRow(t.engine, first.instanceId!).status).toBe("completed");

    await t.engine.flows.activate(support.flowId);
    expect(await flowTaking("v-again")).toBe(support.flowId);
  });

  it("lets another flow take the events meanwhile, and asks for an order when the first comes back", async () => {
    const support = await publishFlow(t.engine, "Support chat", greeter(onMessage({ channel: "webchat" }), "support"));
    await t.engine.flows.deactivate(support.flowId);
    const faq = await tryPublish("FAQ", greeter(onMessage({ channel: "webchat" }), "faq"));
    expect(faq.refusal).toBeNull();
    expect(await flowTaking("v-1")).toBe(faq.flowId);

    await expect(t.engine.flows.activate(support.flowId)).rejects.toMatchObject({ code: "flow.trigger-overlap", params: { flow: "FAQ" } });
    await t.engine.flows.activate(support.flowId, { order: [support.flowId, faq.flowId] });
    expect(await flowTaking("v-2")).toBe(support.flowId);
  });

  it("cancels the waiting instances when asked, with their timers, and says how many", async () => {
    const support = await publishFlow(t.engine, "Support chat", greeter(onMessage({ channel: "webchat" }), "support"));
    const a = await t.engine.receive("webchat", chat("v-a", "m-1", "hi"));
    const b = await t.engine.receive("webchat", chat("v-b", "m-1", "hi"));
    expect(countRows(t.engine, "Timer", "status = 'pending'")).toBe(2);

    expect(await t.engine.flows.waitingCount(support.flowId)).toBe(2);
    await expect(t.engine.flows.deactivate(support.flowId, { cancelWaiting: true })).resolves.toEqual({ cancelled: 2 });
    expect([instanceRow(t.engine, a.instanceId!).status, instanceRow(t.engine, b.instanceId!).status]).toEqual(["cancelled", "cancelled"]);
    expect(countRows(t.engine, "Timer", "status = 'pending'")).toBe(0);
    // A reply in a cancelled conversation starts nothing (the flow is inactive) and resumes nothing.
    expect((await t.engine.receive("webchat", chat("v-a", "m-2", "still there?"))).instanceId).toBeNull();
  });
});

describe("versions", () => {
  it("refuses to publish an unchanged draft, and records who published", async () => {
    const doc = greeter(onMessage({ channel: "webchat" }), "support");
    const { id } = await t.engine.flows.create("Support chat", doc);
    await t.engine.flows.publish(id, { by: { id: "op-1", name: "Alex Morgan" } });
    await expect(t.engine.flows.publish(id)).rejects.toMatchObject({ code: "flow.publish-unchanged", params: { version: 1 } });
    const { versions } = await t.engine.flows.get(id);
    expect(versions).toMatchObject([{ number: 1, publishedBy: "Alex Morgan" }]);
    expect((await t.engine.flows.list())[0]).toMatchObject({ publishedBy: "Alex Morgan", listensTo: [{ en: "Web chat · any message" }] });
  });

  it("does not count a saved test case as a change", async () => {
    const doc = greeter(onMessage({ channel: "webchat" }), "support");
    const { id } = await t.engine.flows.create("Support chat", doc);
    await t.engine.flows.publish(id);
    const test = {
      id: "t1",
      name: "greets",
      customer: { name: null, channel: "webchat" as const, alsoOn: [] },
      steps: [{ do: "message" as const, text: "hi" }],
      expect: {},
    };
    await t.engine.flows.saveDraft(id, { ...doc, tests: [test] });
    expect((await t.engine.flows.list())[0].state).toBe("published");
    await expect(t.engine.flows.publish(id)).rejects.toMatchObject({ code: "flow.publish-unchanged" });
  });

  it("restores a version's graph into the draft, keeping the draft's test cases", async () => {
    const { id } = await t.engine.flows.create("Support chat", greeter(onMessage({ channel: "webchat" }), "v1"));
    const v1 = await t.engine.flows.publish(id);
    await t.engine.flows.saveDraft(id, greeter(onMessage({ channel: "webchat" }), "v2"));
    await t.engine.flows.publish(id);
    await t.engine.flows.restore(v1.id);
    const draft = (await t.engine.flows.get(id)).document;
    expect(draft.nodes.find((n) => n.id === "hello")?.settings).toEqual({ text: "v1" });
    expect((await t.engine.flows.list())[0].state).toBe("changed");
    await expect(t.engine.flows.publish(id)).resolves.toMatchObject({ number: 3 });
  });
});
