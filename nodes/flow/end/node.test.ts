import { describe, expect, it } from "vitest";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";

const TYPE = "flow.end";

describe("flow.end", () => {
  it("completes the instance with its outcome", () => {
    const run = runNode(TYPE, { outcome: "answered" });
    expect(run.status).toBe("completed");
    expect(run.outcome).toBe("answered");
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID]);
    expect(run.effects).toEqual([]);
  });

  it("records `completed` when no outcome is set", () => {
    expect(runNode(TYPE, {}).outcome).toBe("completed");
  });

  it("has no outputs and ignores events after it", () => {
    expect(portsOf(TYPE, {})).toEqual([]);
    const run = runNode(TYPE, { outcome: "answered" });
    expect(run.reply("anyone?")).toMatchObject({ status: "completed", trail: [], effects: [] });
  });

  it("rejects a blank outcome, pinned to the outcome field", () => {
    expect(nodeIssues(TYPE, { outcome: "  " })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "outcome" }]);
  });
});
