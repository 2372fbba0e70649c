import { describe, expect, it } from "vitest";
import { supportChat } from "../../templates/support-chat";
import type { FlowDocument } from "../contracts/flow";
import { compileOrThrow, effectsOf, messageEvent, startFlow, taskCompleted, TEST_CUSTOMER, timerFired } from "../testing/flow-harness";
import { buildMachine } from "./machine";
import { eventStep, startStep } from "./step";

const SUPPORT_CHAT = supportChat.document;

const pos = { x: 0, y: 0 };
/** trigger → ask → wait (60 s); a reply loops back to ask, a timeout ends. */
const ASK_AGAIN: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.message-received", position: pos, settings: {} },
    { id: "ask", type: "message.send", position: pos, settings: { text: "Anything else, {{customer.name}}?" } },
    { id: "wait", type: "message.wait-reply", position: pos, settings: { timeoutSeconds: 60 } },
    { id: "bye", type: "flow.end", position: pos, settings: { outcome: "timed-out" } },
  ],
  edges: [
    { id: "e1", source: "t", sourcePort: "out", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "ask" },
    { id: "e4", source: "wait", sourcePort: "timeout", target: "bye" },
  ],
};

const startInput = (text: string) => ({
  instanceId: "i-9",
  flowId: "f",
  versionId: "v",
  conversationId: "c",
  customer: TEST_CUSTOMER,
  event: messageEvent(text, { messageId: "m-1" }),
});

describe("startStep / eventStep (pure, no database)", () => {
  it("is deterministic: the same input gives the same state, trail and effects", () => {
    const machine = buildMachine(compileOrThrow(SUPPORT_CHAT));
    const a = startStep(machine, startInput("I need help"));
    const b = startStep(buildMachine(compileOrThrow(SUPPORT_CHAT)), startInput("I need help"));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const event = taskCompleted(effectsOf(a.effects, "task.create")[0].key, "resolved");
    expect(JSON.stringify(eventStep(machine, a.state, event))).toBe(JSON.stringify(eventStep(machine, b.state, event)));
  });

  it("runs the demo flow through to a task and records the path", () => {
    const run = startFlow(SUPPORT_CHAT, "I need help");
    expect(run.status).toBe("waiting");
    expect(run.trail).toEqual(["start", "thank-you", "greet", "by-phone", "topic", "handover", "task"]);
    expect(run.effects.map((e) => [e.kind, e.key])).toEqual([
      ["message.send", "inst-1:1"],
      ["message.send", "inst-1:2"],
      ["task.create", "inst-1:3"],
    ]);
    expect(effectsOf(run.effects, "message.send").map((e) => e.text)).toEqual([
      "Hello Ann, this is Omniflow support.",
      "Let me find a colleague for you, one moment.",
    ]);
    const done = run.completeTask("unresolved");
    expect(done).toMatchObject({ status: "completed", trail: ["sorry", "unresolved"] });
    expect(done.effects).toEqual([{ kind: "message.send", key: "inst-1:4", nodeId: "sorry", text: "Sorry we could not solve it now; we will follow up." }]);
    expect(run.outcome).toBe("unresolved");
  });

  it("numbers effect keys (instance, sequence) across steps, never reusing one", () => {
    const run = startFlow(ASK_AGAIN, "hi", { instanceId: "i-9" });
    run.reply("one more thing");
    run.reply("and another");
    const keys = run.effects.map((e) => e.key);
    expect(keys).toEqual(["i-9:1", "i-9:2", "i-9:3", "i-9:4", "i-9:5", "i-9:6", "i-9:7", "i-9:8"]);
    expect(run.effects.map((e) => e.kind)).toEqual([
      "message.send",
      "timer.set",
      "timer.cancel",
      "message.send",
      "timer.set",
      "timer.cancel",
      "message.send",
      "timer.set",
    ]);
  });

  it("replays a step from the stored state with the same effect keys", () => {
    const run = startFlow(ASK_AGAIN, "hi");
    const stored = run.state; // the JSON the engine persisted
    const event = messageEvent("again", { messageId: "m-2" });
    const first = run.send(event);
    const replay = eventStep(run.machine, stored, event);
    expect(replay.effects.map((e) => e.key)).toEqual(["inst-1:3", "inst-1:4", "inst-1:5"]);
    expect(replay).toEqual(first);
  });

  it("hands back a state with no pending effects or trail, safe to store as JSON", () => {
    const { state } = startFlow(ASK_AGAIN, "hi").last;
    expect(state.context.effects).toEqual([]);
    expect(state.context.trail).toEqual([]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("ignores a stale timer.fired after a reply moved the instance on", () => {
    const run = startFlow(ASK_AGAIN, "hi");
    const firstTimer = effectsOf(run.effects, "timer.set")[0].key;
    run.reply("still here");
    const before = run.state;
    const stale = run.send(timerFired(firstTimer, "wait"));
    expect(stale).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.state).toEqual(before);
    const current = run.fireTimer(); // the timer armed on the second visit
    expect(current).toMatchObject({ status: "completed", trail: ["bye"] });
    expect(run.outcome).toBe("timed-out");
  });

  it("ignores a second completion of the same task once the instance has moved on", () => {
    const run = startFlow(SUPPORT_CHAT, "help");
    const taskId = effectsOf(run.effects, "task.create")[0].key;
    run.completeTask("resolved", taskId);
    expect(run.send(taskCompleted(taskId, "unresolved"))).toMatchObject({ status: "completed", trail: [], effects: [] });
    expect(run.outcome).toBe("resolved");
  });

  it("routes a start event to the trigger that claims its channel", () => {
    const doc: FlowDocument = {
      nodes: [
        { id: "web", type: "trigger.message-received", position: pos, settings: { channel: "webchat" } },
        { id: "sms", type: "trigger.message-received", position: pos, settings: { channel: "sms" } },
        { id: "web-end", type: "flow.end", position: pos, settings: { outcome: "web" } },
        { id: "sms-end", type: "flow.end", position: pos, settings: { outcome: "sms" } },
      ],
      edges: [
        { id: "e1", source: "web", sourcePort: "out", target: "web-end" },
        { id: "e2", source: "sms", sourcePort: "out", target: "sms-end" },
      ],
    };
    expect(startFlow(doc, messageEvent("hi", { channel: "sms" })).trail).toEqual(["sms", "sms-end"]);
    expect(startFlow(doc, messageEvent("hi", { channel: "webchat" })).outcome).toBe("web");
  });

  it("reports `stuck` for a non-final state that no event can leave", () => {
    const machine = buildMachine({ id: "flow", initial: "start", states: { start: { on: { "message.received": { target: "#n_x" } } }, n_x: { id: "n_x" } } });
    expect(startStep(machine, startInput("hi")).status).toBe("stuck");
  });
});
