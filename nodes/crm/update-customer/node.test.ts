import { describe, expect, it } from "vitest";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";

const TYPE = "crm.update-customer";

describe("crm.update-customer", () => {
  it("has one output", () => {
    expect(portsOf(TYPE, { fields: ["tier = gold"] })).toEqual(["out"]);
  });

  it("renders each value and asks for one customer.update, writing no variables", () => {
    const run = runNode(TYPE, { fields: ["tier = gold", "lastRequest = {{message.text}}", "greeting=Hi {{customer.name}}"] }, "upgrade me");
    expect(run.port).toBe("out");
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, "sink-1"]);
    expect(run.effects).toEqual([
      { kind: "customer.update", key: "inst-1:1", nodeId: NODE_ID, fields: { tier: "gold", lastRequest: "upgrade me", greeting: "Hi Ann" } },
    ]);
    expect(run.state.context.vars).toEqual({});
  });

  it("leaves out values that render empty, and asks for nothing when all do", () => {
    expect(runNode(TYPE, { fields: ["tier = gold", "outcome = {{task.outcome}}"] }).effects).toMatchObject([{ fields: { tier: "gold" } }]);
    const run = runNode(TYPE, { fields: ["outcome = {{task.outcome}}"] });
    expect(run.effects).toEqual([]);
    expect(run.port).toBe("out");
  });

  it("rejects no fields, a line without a name, a duplicate name and a bad placeholder, on `fields`", () => {
    expect(nodeIssues(TYPE, { fields: [] })).toMatchObject([{ code: "invalid-settings", field: "fields" }]);
    expect(nodeIssues(TYPE, { fields: ["e-mail = a@b.c"] })).toMatchObject([{ code: "invalid-settings", field: "fields.0" }]);
    expect(nodeIssues(TYPE, { fields: ["tier"] })).toMatchObject([{ code: "invalid-settings", field: "fields.0" }]);
    expect(nodeIssues(TYPE, { fields: ["tier = gold", "tier = silver"] })).toMatchObject([{ field: "fields", message: "tier is set twice" }]);
    expect(nodeIssues(TYPE, { fields: ["email = {{operator.email}}"] })).toMatchObject([
      { field: "fields", message: expect.stringMatching(/^email: .*unknown name "operator"/) },
    ]);
  });

  it("counts {{vars.x}} in a value as a read of that variable", () => {
    expect(nodeIssues(TYPE, { fields: ["email = {{vars.email}}"] })).toMatchObject([{ code: "unknown-variable", field: "fields.0" }]);
  });
});
