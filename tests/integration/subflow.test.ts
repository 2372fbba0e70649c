import { afterEach, describe, expect, it } from "vitest";
import type { Engine } from "../../engine/index";
import type { FlowDocument } from "../../engine/contracts/flow";
import type { PersistedState } from "../../engine/runtime/step";
import {
  chat,
  countRows,
  instanceRow,
  openTestEngine,
  publishFlow,
  stepLog,
  useTempDb,
  useTestEngine,
  type TestEngine,
} from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const at = { x: 0, y: 0 };

/** Asks the customer whether to refund `amount` for `orderId`, waits for the answer and returns it. */
const REFUND_CHECK: FlowDocument = {
  nodes: [
    { id: "called", type: "trigger.subflow-called", position: at, settings: { inputs: ["orderId: string", "amount: number"], outputs: ["answer", "amount"] } },
    { id: "ask", type: "message.send", position: at, settings: { text: "Refund {{vars.amount}} EUR for order {{vars.orderId}}?" } },
    { id: "wait", type: "message.wait-reply", position: at, settings: { timeoutSeconds: 600 } },
    { id: "keep", type: "data.set-variable", position: at, settings: { name: "answer", value: "{{message.text}}" } },
    { id: "answered", type: "flow.end", position: at, settings: { outcome: "answered" } },
    { id: "silent", type: "flow.end", position: at, settings: { outcome: "no-answer" } },
  ],
  edges: [
    { id: "1", source: "called", sourcePort: "out", target: "ask" },
    { id: "2", source: "ask", sourcePort: "out", target: "wait" },
    { id: "3", source: "wait", sourcePort: "reply", target: "keep" },
    { id: "4", source: "keep", sourcePort: "out", target: "answered" },
    { id: "5", source: "wait", sourcePort: "timeout", target: "silent" },
  ],
};

/** Takes the customer's first message as the order id and calls `flowId` with it. */
const caller = (flowId: string, inputs = ["orderId = {{message.text}}", "amount = 12,5"]): FlowDocument => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: at, settings: {} },
    { id: "call", type: "flow.call-subflow", position: at, settings: { flowId, inputs, resultVariable: "check" } },
    { id: "ok", type: "message.send", position: at, settings: { text: "You said {{vars.check.answer}} ({{vars.check.outcome}}, {{vars.check.amount}} EUR)." } },
    { id: "ko", type: "message.send", position: at, settings: { text: "Sorry: {{vars.check.error}}" } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "start", sourcePort: "out", target: "call" },
    { id: "2", source: "call", sourcePort: "done", target: "ok" },
    { id: "3", source: "call", sourcePort: "failed", target: "ko" },
    { id: "4", source: "ok", sourcePort: "out", target: "end" },
    { id: "5", source: "ko", sourcePort: "out", target: "end" },
  ],
});

type InstanceView = {
  id: string;
  flowId: string;
  status: string;
  conversationId: string | null;
  customerId: string | null;
  context: PersistedState["context"];
};
function instances(engine: Engine): InstanceView[] {
  const rows = testDb(engine).prepare(`SELECT id, flowId, status, conversationId, customerId, snapshot FROM "Instance" ORDER BY id`).all() as (Omit<
    InstanceView,
    "context"
  > & { snapshot: string })[];
  return rows.map(({ snapshot, ...row }) => ({ ...row, context: (JSON.parse(snapshot) as PersistedState).context }));
}

/** What the bot wrote, in the conversation's order. */
const botTexts = (engine: Engine) =>
  (testDb(engine).prepare(`SELECT text FROM "Message" WHERE author = 'bot' ORDER BY createdAt, id`).all() as { text: string }[]).map((m) => m.text);

describe("calling a subflow", () => {
  const t = useTestEngine();

  it("runs the called flow in the same conversation, which takes the customer's reply, then resumes the caller with its outputs", async () => {
    const child = await publishFlow(t.engine, "Refund check", REFUND_CHECK);
    const parent = await publishFlow(t.engine, "Support", caller(child.flowId));

    const first = await t.engine.receive("webchat", chat("visitor-1", "m-1", "A-17"));
    const [p, c] = instances(t.engine);
    expect(first.instanceId).toBe(p.id);
    expect(p).toMatchObject({ flowId: parent.flowId, status: "waiting", context: { waits: { call: `${p.id}:1` } } });
    expect(c).toMatchObject({ flowId: child.flowId, status: "waiting", conversationId: p.conversationId, customerId: p.customerId });
    expect(c.context.caller).toEqual({ instanceId: p.id, key: `${p.id}:1`, outputs: ["answer", "amount"] });
    expect(c.context.vars).toEqual({ orderId: "A-17", amount: 12.5 });

    await t.engine.dispatch();
    const reply = await t.engine.receive("webchat", chat("visitor-1", "m-2", "yes please"));
    expect(reply.instanceId).toBe(c.id); // the newer, called instance gets the reply
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Refund 12.5 EUR for order A-17?", "You said yes please (answered, 12.5 EUR)."]);
    expect(instanceRow(t.engine, p.id).status).toBe("completed");
    expect(instanceRow(t.engine, c.id).status).toBe("completed");
    expect(instances(t.engine)[0].context.vars.check).toEqual({ answer: "yes please", amount: 12.5, outcome: "answered" });
    expect(stepLog(t.engine, p.id).map((s) => s.type)).toEqual(["message.received", "subflow.completed"]);
    expect(stepLog(t.engine, p.id)[1].payload).toMatchObject({ key: `${p.id}:1`, nodeId: "call" });
    expect(stepLog(t.engine, c.id).map((s) => s.type)).toEqual(["subflow.called", "message.received"]);
    expect((await t.engine.instances.get(c.id)).calledBy).toEqual({ instanceId: p.id, flowName: "Support" });
    expect((await t.engine.instances.get(p.id)).calledBy).toBeNull();
  });

  it("gives the called flow the reply when the chat tests the calling flow on its own", async () => {
    const child = await publishFlow(t.engine, "Refund check", REFUND_CHECK);
    const parent = await publishFlow(t.engine, "Support", caller(child.flowId));
    await t.engine.receive("webchat", { ...chat("visitor-1", "m-1", "A-17"), flowId: parent.flowId });
    const reply = await t.engine.receive("webchat", { ...chat("visitor-1", "m-2", "yes"), flowId: parent.flowId });
    expect(instances(t.engine).map((i) => [i.id, i.status])).toEqual([
      [expect.any(String), "completed"],
      [reply.instanceId, "completed"],
    ]);
  });

  it("finishes a called flow that does not wait within the caller's step", async () => {
    const child = await publishFlow(t.engine, "Note", {
      nodes: [
        { id: "called", type: "trigger.subflow-called", position: at, settings: { inputs: ["orderId: string"], outputs: ["orderId"] } },
        { id: "note", type: "message.send", position: at, settings: { text: "Noted {{vars.orderId}}." } },
        { id: "end", type: "flow.end", position: at, settings: { outcome: "noted" } },
      ],
      edges: [
        { id: "1", source: "called", sourcePort: "out", target: "note" },
        { id: "2", source: "note", sourcePort: "out", target: "end" },
      ],
    });
    const doc = caller(child.flowId, ["orderId = {{message.text}}"]);
    doc.nodes.find((n) => n.id === "ok")!.settings = { text: "Done: {{vars.check.outcome}} {{vars.check.orderId}}." };
    await publishFlow(t.engine, "Support", doc);

    const { instanceId } = await t.engine.receive("webchat", chat("visitor-1", "m-1", "A-17"));
    expect(instances(t.engine).map((i) => i.status)).toEqual(["completed", "completed"]);
    expect(stepLog(t.engine, instanceId!).map((s) => s.trail)).toEqual([
      ["start", "call"],
      ["ok", "end"],
    ]);
    expect(botTexts(t.engine)).toEqual(["Noted A-17.", "Done: noted A-17."]);
  });

  it("refuses to publish a call to a flow that cannot be called, pinned to the node's flow field", async () => {
    const { id: draftOnly } = await t.engine.flows.create("Never published", REFUND_CHECK);
    const { id: support } = await t.engine.flows.create("Support", caller(draftOnly));
    await expect(t.engine.flows.publish(support)).rejects.toMatchObject({
      issues: [{ nodeId: "call", field: "flowId", message: 'Call subflow: "Never published" has no published version yet.' }],
    });
    const noTrigger = await publishFlow(t.engine, "Plain", {
      nodes: [
        { id: "t", type: "trigger.message-received", position: at, settings: {} },
        { id: "e", type: "flow.end", position: at, settings: {} },
      ],
      edges: [{ id: "1", source: "t", sourcePort: "out", target: "e" }],
    });
    expect(await t.engine.flows.validate(caller(noTrigger.flowId))).toMatchObject([
      { nodeId: "call", field: "flowId", message: expect.stringContaining('has no "Called by another flow" trigger') },
    ]);
    expect(await t.engine.flows.validate(caller("no-such-flow"))).toMatchObject([{ message: expect.stringContaining("does not exist") }]);
  });

  it("takes Failed when the called flow was deleted after the caller was published", async () => {
    const child = await publishFlow(t.engine, "Refund check", REFUND_CHECK);
    await publishFlow(t.engine, "Support", caller(child.flowId));
    await t.engine.flows.remove(child.flowId);
    await t.engine.receive("webchat", chat("visitor-1", "m-1", "A-17"));
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual([`Sorry: flow ${child.flowId} has no published version`]);
    expect(instances(t.engine)).toHaveLength(1);
    expect(instances(t.engine)[0].status).toBe("completed");
  });

  it("takes Failed when the called flow refuses the inputs or cannot be called", async () => {
    const child = await publishFlow(t.engine, "Refund check", REFUND_CHECK);
    await publishFlow(t.engine, "Support", caller(child.flowId, ["orderId = {{message.text}}", "amount = lots"]));
    await t.engine.receive("webchat", chat("visitor-1", "m-1", "A-17"));
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(['Sorry: inputs.amount: expected a number, got "lots"']);
    expect(countRows(t.engine, "Instance", "flowId = ?", child.flowId)).toBe(0);
  });

  it("caps a flow that calls itself at five nested calls, all in one step", async () => {
    const { id } = await t.engine.flows.create("Recursive", { nodes: [], edges: [] });
    const doc = caller(id, []);
    doc.nodes.push({ id: "again", type: "trigger.subflow-called", position: at, settings: {} });
    doc.edges.push({ id: "6", source: "again", sourcePort: "out", target: "call" });
    doc.nodes.find((n) => n.id === "ok")!.settings = { text: "Level done: {{vars.check.outcome}}" };
    await t.engine.flows.saveDraft(id, doc);
    await t.engine.flows.publish(id);

    await t.engine.receive("webchat", chat("visitor-1", "m-1", "go"));
    const all = instances(t.engine);
    expect(all).toHaveLength(6); // the first instance and five nested calls
    expect(all.map((i) => i.status)).toEqual(Array(6).fill("completed"));
    expect(all[5].context.vars.check).toEqual({ outcome: null, error: "subflows nest at most 5 deep; does a flow call itself?" });
    expect(all[0].context.vars.check).toEqual({ outcome: "completed" });
    expect(botTexts(t.engine)).toEqual(["Sorry: subflows nest at most 5 deep; does a flow call itself?", ...Array(5).fill("Level done: completed")]);
  });
});

describe("a called flow across a restart", () => {
  const tmp = useTempDb();
  let t: TestEngine;
  afterEach(() => t.engine.close());

  it("resumes the caller exactly once when the called flow ends after the restart", async () => {
    t = openTestEngine(tmp.file);
    const child = await publishFlow(t.engine, "Refund check", REFUND_CHECK);
    await publishFlow(t.engine, "Support", caller(child.flowId));
    await t.engine.receive("webchat", chat("visitor-1", "m-1", "A-17"));
    const [p, c] = instances(t.engine);

    await t.engine.close();
    t = openTestEngine(tmp.file, { clock: t.clock, channel: t.channel });
    await t.engine.receive("webchat", chat("visitor-1", "m-2", "no thanks"));
    await t.engine.receive("webchat", chat("visitor-1", "m-2", "no thanks")); // the provider repeats it
    t.clock.advance(3_600_000);
    expect(await t.engine.fireDueTimers()).toBe(0); // the child's reply timeout was cancelled

    expect(instanceRow(t.engine, c.id).status).toBe("completed");
    expect(instanceRow(t.engine, p.id).status).toBe("completed");
    expect(stepLog(t.engine, p.id).filter((s) => s.type === "subflow.completed")).toHaveLength(1);
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Refund 12.5 EUR for order A-17?", "You said no thanks (answered, 12.5 EUR)."]);
  });

  it("resumes the caller when the called flow times out after the restart", async () => {
    t = openTestEngine(tmp.file);
    const child = await publishFlow(t.engine, "Refund check", REFUND_CHECK);
    await publishFlow(t.engine, "Support", caller(child.flowId));
    await t.engine.receive("webchat", chat("visitor-1", "m-1", "A-17"));

    await t.engine.close();
    t = openTestEngine(tmp.file, { clock: t.clock, channel: t.channel });
    t.clock.advance(600_000);
    expect(await t.engine.fireDueTimers()).toBe(1);
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Refund 12.5 EUR for order A-17?", "You said  (no-answer, 12.5 EUR)."]);
    expect(instances(t.engine).map((i) => i.status)).toEqual(["completed", "completed"]);
  });
});
