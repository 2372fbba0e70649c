import { describe, expect, it } from "vitest";
import { NODE_ID, nodeIssues, runNode } from "../../../engine/testing/run-node";

const TYPE = "routing.notify";

describe("routing.notify", () => {
  it("posts a rendered notification for supervisors and goes straight on", () => {
    const run = runNode(TYPE, { level: "critical", title: "{{customer.name}} is upset", body: "Said: {{message.text}}" }, "this is outrageous");
    expect(run.port).toBe("out");
    expect(run.effects).toEqual([
      {
        kind: "notification.create",
        key: "inst-1:1",
        nodeId: NODE_ID,
        audience: "supervisors",
        level: "critical",
        title: "Ann is upset",
        body: "Said: this is outrageous",
      },
    ]);
  });

  it("addresses operators with a skill as skill:<slug>, all operators without one", () => {
    expect(runNode(TYPE, { audience: "operators", skill: "Fraud", title: "Heads-up" }).effects[0]).toMatchObject({ audience: "skill:fraud" });
    expect(runNode(TYPE, { audience: "operators", title: "Heads-up" }).effects[0]).toMatchObject({ audience: "operators" });
  });

  it("needs a title and valid placeholders, pinned to the field", () => {
    expect(nodeIssues(TYPE, { title: "" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "title" }]);
    expect(nodeIssues(TYPE, { title: "Hi", body: "{{vars.missing}}" })).toMatchObject([{ code: "unknown-variable", nodeId: NODE_ID, field: "body" }]);
  });
});
