import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, countRows, instanceRow, publishFlow, stepLog, useTestEngine } from "../../engine/testing/test-engine";

const pos = { x: 0, y: 0 };
/** An echo bot: every message is answered with its own text, forever. */
const ECHO: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "echo", type: "message.send", position: pos, settings: { text: "echo: {{message.text}}" } },
    { id: "wait", type: "message.wait-reply", position: pos, settings: { timeoutSeconds: 0 } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "echo" },
    { id: "e2", source: "echo", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "echo" },
  ],
};

const t = useTestEngine(({ engine }) => publishFlow(engine, "Echo", ECHO));

describe("ordering under group commit", () => {
  it("applies one conversation's messages in arrival order, as steps 1..n of one instance", async () => {
    const n = 8;
    const texts = Array.from({ length: n }, (_, i) => `message ${i + 1}`);
    // Submitted in one turn, without awaiting in between: they share a commit batch.
    const outcomes = await Promise.all(texts.map((text, i) => t.engine.receive("webchat", chat("visitor-1", `m-${i + 1}`, text))));

    const instanceId = outcomes[0].instanceId!;
    expect(outcomes.every((o) => o.instanceId === instanceId && !o.duplicate)).toBe(true);
    expect(countRows(t.engine, "Instance")).toBe(1);
    expect(instanceRow(t.engine, instanceId)).toMatchObject({ status: "waiting", stepCount: n });

    const log = stepLog(t.engine, instanceId);
    expect(log.map((s) => s.step)).toEqual(texts.map((_, i) => i + 1));
    expect(log.map((s) => s.payload.text)).toEqual(texts);

    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(texts.map((text) => `echo: ${text}`));
  });

  it("keeps each conversation's own order when conversations interleave", async () => {
    const sends = ["a", "b", "a", "b", "a"].map((visitor, i) => t.engine.receive("webchat", chat(visitor, `m-${i}`, `${visitor}${i}`)));
    const outcomes = await Promise.all(sends);
    const [a, b] = [outcomes[0].instanceId!, outcomes[1].instanceId!];
    expect(a).not.toBe(b);
    expect(stepLog(t.engine, a).map((s) => [s.step, s.payload.text])).toEqual([
      [1, "a0"],
      [2, "a2"],
      [3, "a4"],
    ]);
    expect(stepLog(t.engine, b).map((s) => [s.step, s.payload.text])).toEqual([
      [1, "b1"],
      [2, "b3"],
    ]);
  });
});
