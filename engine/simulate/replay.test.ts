import { describe, expect, it } from "vitest";
import type { Channel } from "../contracts/events";
import type { FlowDocument } from "../contracts/flow";
import type { SimulationStep } from "../contracts/simulation";
import { refundDeskFlow, replyAndNudgeFlow } from "../testing/flows";
import { type RecordedRun, replayOnDraft } from "./replay";
import { simulateFlow } from "./simulate";

/** A run of `doc` as an instance's log would record it (the simulator and production share the step). */
function recorded(doc: FlowDocument, script: SimulationStep[], deliverable?: Channel[]): RecordedRun {
  const run = simulateFlow(doc, script, { deliverable });
  return {
    document: doc,
    status: run.status,
    customer: { name: "Ann", channel: "webchat" },
    steps: run.steps.map((s, i) => ({ step: i + 1, type: s.event.type, payload: s.event, trail: s.trail, effects: s.effects })),
  };
}

const REFUND: SimulationStep[] = [
  { do: "message", text: "refund please" },
  { do: "complete-task", outcome: "approved" },
];

describe("replaying a recorded run on the draft", () => {
  it("reports the same path when the draft takes the run as it went", () => {
    const replay = replayOnDraft(refundDeskFlow("refund"), recorded(refundDeskFlow("refund"), REFUND));
    expect(replay.divergence).toBeNull();
    expect(replay.unconsumed).toEqual([]);
    expect(replay.draft.path.map((p) => p.nodeId)).toEqual(["start", "route", "desk", "paid", "done"]);
    expect(replay.sent).toEqual({ real: ["Your refund is on its way"], draft: ["Your refund is on its way"], first: null });
    expect(replay.draft.status).toBe("completed");
  });

  it("names where a changed branch parts, and the task outcome the draft never takes", () => {
    const replay = replayOnDraft(refundDeskFlow("money back"), recorded(refundDeskFlow("refund"), REFUND));
    expect(replay.divergence).toEqual({
      index: 2,
      step: 1,
      real: { nodeId: "desk", type: "routing.operator-task", name: "Assign to queue (desk)" },
      draft: { nodeId: "hello", type: "message.send", name: expect.stringContaining("(hello)") },
    });
    expect(replay.unconsumed).toMatchObject([{ step: 2, type: "task.completed", reason: "ended" }]);
    expect(replay.sent).toEqual({ real: ["Your refund is on its way"], draft: ["How can we help?"], first: 0 });
  });

  it("feeds the recorded task outcome to the draft's task, so a changed outcome branch shows", () => {
    const draft = refundDeskFlow("refund");
    // The outcomes swapped: an approved refund now gets "Sorry, no refund".
    draft.edges = draft.edges.map((e) => (e.id === "e4" ? { ...e, target: "sorry" } : e.id === "e5" ? { ...e, target: "paid" } : e));
    const replay = replayOnDraft(draft, recorded(refundDeskFlow("refund"), REFUND));
    expect(replay.divergence).toMatchObject({ index: 3, step: 2, real: { nodeId: "paid" }, draft: { nodeId: "sorry" } });
  });

  it("lets the draft's own timers fire as the recorded time passes", () => {
    // Really: a reply after 2 minutes within a 10-minute wait. The draft nudges after 1 minute.
    const real = recorded(replyAndNudgeFlow(600), [
      { do: "message", text: "hello" },
      { do: "wait", seconds: 120 },
      { do: "message", text: "still here" },
    ]);
    const replay = replayOnDraft(replyAndNudgeFlow(60), real);
    expect(replay.divergence).toMatchObject({ index: 3, step: 2, real: { nodeId: "done" }, draft: { nodeId: "nudge" } });
    expect(replay.run.steps[1].event).toMatchObject({ type: "timer.fired", at: replay.run.steps[0].at + 60_000 });
    expect(replay.unconsumed).toMatchObject([{ step: 2, type: "message.received", reason: "ended" }]);
  });

  it("reports a recorded timer firing when no timer of the draft is due by then", () => {
    const real = recorded(replyAndNudgeFlow(60), [
      { do: "message", text: "hello" },
      { do: "wait", seconds: 60 },
    ]);
    const replay = replayOnDraft(replyAndNudgeFlow(300), real);
    expect(replay.unconsumed).toMatchObject([{ step: 2, type: "timer.fired", reason: "nothing-waiting" }]);
    expect(replay.divergence).toMatchObject({ index: 3, real: { nodeId: "nudge" }, draft: null });
    expect(replay.draft.status).toBe("waiting");
    expect(replay.sent.first).toBe(1);
  });

  it("reports every event when the draft does not start on the recorded trigger", () => {
    const draft: FlowDocument = {
      ...refundDeskFlow("refund"),
      nodes: refundDeskFlow("refund").nodes.map((n) => (n.id === "start" ? { ...n, settings: { channel: "sms" } } : n)),
    };
    const replay = replayOnDraft(draft, recorded(refundDeskFlow("refund"), REFUND));
    expect(replay.run.started).toBe(false);
    expect(replay.unconsumed.map((u) => u.reason)).toEqual(["not-started", "not-started"]);
    expect(replay.divergence).toMatchObject({ index: 0, real: { nodeId: "start" }, draft: null });
  });

  it("answers a send the draft awaits with the delivery result recorded for it, not the simulator's instant one", () => {
    const at = { x: 0, y: 0 };
    const doc: FlowDocument = {
      nodes: [
        { id: "start", type: "trigger.message-received", position: at, settings: { channel: "any" } },
        { id: "tell", type: "message.send", position: at, settings: { text: "Hello", awaitDelivery: true } },
        { id: "ok", type: "flow.end", position: at, settings: { outcome: "delivered" } },
        { id: "lost", type: "flow.end", position: at, settings: { outcome: "undelivered" } },
      ],
      edges: [
        { id: "1", source: "start", sourcePort: "out", target: "tell" },
        { id: "2", source: "tell", sourcePort: "delivered", target: "ok" },
        { id: "3", source: "tell", sourcePort: "failed", target: "lost" },
      ],
    };
    const real = recorded(doc, [{ do: "message", text: "hi" }], []); // really, the message could not be delivered
    expect(real.steps.map((s) => s.type)).toEqual(["message.received", "message.failed"]);
    const replay = replayOnDraft(doc, real);
    expect(replay.divergence).toBeNull();
    expect(replay.run.outcome).toBe("undelivered");
    expect(replay.unconsumed).toEqual([]);
  });
});
