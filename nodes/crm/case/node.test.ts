import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { effectsOf, startFlow } from "../../../engine/testing/flow-harness";
import { compileFlow, NODE_ID, nodeIssues, portsOf, runNode } from "../../../engine/testing/run-node";

const TYPE = "crm.case";
const at = { x: 0, y: 0 };
const settings = {
  type: "complaint",
  priority: "high",
  subject: "Complaint: {{message.text}}",
  details: ["channel = {{message.channel}}", "by = {{customer.name}}"],
};

/** trigger → case → say (reads vars.caseId) → wait for a reply → back to the case node. */
function loop(): FlowDocument {
  return {
    nodes: [
      { id: "t", type: "trigger.message-received", position: at, settings: {} },
      { id: "case", type: TYPE, position: at, settings },
      { id: "say", type: "message.send", position: at, settings: { text: "Case {{vars.caseId}} noted." } },
      { id: "wait", type: "message.wait-reply", position: at, settings: { timeoutSeconds: 0 } },
    ],
    edges: [
      { id: "1", source: "t", sourcePort: "out", target: "case" },
      { id: "2", source: "case", sourcePort: "out", target: "say" },
      { id: "3", source: "say", sourcePort: "out", target: "wait" },
      { id: "4", source: "wait", sourcePort: "reply", target: "case" },
    ],
  };
}

describe("crm.case", () => {
  it("has one output", () => {
    expect(portsOf(TYPE, settings)).toEqual(["out"]);
  });

  it("asks for a case.upsert with rendered subject and details, and stores the case id in vars.caseId", () => {
    const run = runNode(TYPE, settings, "charged twice");
    expect(run.port).toBe("out");
    expect(run.effects).toEqual([
      {
        kind: "case.upsert",
        key: "inst-1:1",
        nodeId: NODE_ID,
        caseId: "inst-1:case-complaint",
        type: "complaint",
        status: "open",
        priority: "high",
        subject: "Complaint: charged twice",
        details: { channel: "webchat", by: "Ann" },
      },
    ]);
    expect(run.state.context.vars).toEqual({ caseId: "inst-1:case-complaint" });
  });

  it("keeps one case id per instance and type when the node runs again", () => {
    const run = startFlow(loop(), "first");
    run.reply("second");
    const upserts = effectsOf(run.effects, "case.upsert");
    expect(upserts.map((u) => [u.caseId, u.subject])).toEqual([
      ["inst-1:case-complaint", "Complaint: first"],
      ["inst-1:case-complaint", "Complaint: second"],
    ]);
    expect(new Set(upserts.map((u) => u.key)).size).toBe(2);
    expect(effectsOf(run.effects, "message.send").map((m) => m.text)).toEqual(["Case inst-1:case-complaint noted.", "Case inst-1:case-complaint noted."]);
  });

  it("falls back to the type when the subject renders empty", () => {
    expect(runNode(TYPE, { type: "card-block", subject: "{{task.outcome}}" }).effects).toMatchObject([{ subject: "card-block", details: {} }]);
  });

  it("declares vars.caseId as a string (a flow may read it)", () => {
    expect(compileFlow(loop()).issues).toEqual([]);
  });

  it("rejects a bad type, an unknown status, a bad subject placeholder and duplicate detail keys, each on its field", () => {
    expect(nodeIssues(TYPE, { ...settings, type: "Card Block" })).toMatchObject([{ code: "invalid-settings", field: "type" }]);
    expect(nodeIssues(TYPE, { ...settings, status: "done" })).toMatchObject([{ code: "invalid-settings", field: "status" }]);
    expect(nodeIssues(TYPE, { ...settings, subject: "{{operator.name}}" })).toMatchObject([{ code: "invalid-settings", field: "subject" }]);
    expect(nodeIssues(TYPE, { ...settings, details: ["a = 1", "a = 2"] })).toMatchObject([{ code: "invalid-settings", field: "details" }]);
  });
});
