import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { startFlow } from "../../../engine/testing/flow-harness";
import { compileFlow, NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { holds, inspectExpression } from "./evaluate";

const TYPE = "logic.expression";
const data = {
  customer: { id: "c-1", name: "Ann", channel: "webchat", address: "v-1" },
  message: { id: "m-1", text: "Где мой заказ 12345?", channel: "webchat" },
  task: null,
  vars: { amount: 1500, plan: "Pro", vip: true, order: { status: "shipped" } },
};

/** trigger → intent (writes vars.intent, vars.intentConfidence) → the expression → true / false ends. */
function flowWith(expression: string): FlowDocument {
  const at = { x: 0, y: 0 };
  return {
    nodes: [
      { id: "t", type: "trigger.message-received", position: at, settings: { channel: "any" } },
      { id: "i", type: "logic.intent", position: at, settings: { intents: [{ name: "order", examples: ["где мой заказ", "where is my order"] }] } },
      { id: NODE_ID, type: TYPE, position: at, settings: { expression } },
      { id: "yes", type: "flow.end", position: at, settings: { outcome: "true" } },
      { id: "no", type: "flow.end", position: at, settings: { outcome: "false" } },
    ],
    edges: [
      { id: "e1", source: "t", sourcePort: "out", target: "i" },
      { id: "e2", source: "i", sourcePort: "intent-1", target: NODE_ID },
      { id: "e3", source: "i", sourcePort: "unknown", target: NODE_ID },
      { id: "e4", source: NODE_ID, sourcePort: "true", target: "yes" },
      { id: "e5", source: NODE_ID, sourcePort: "false", target: "no" },
    ],
  };
}

describe("logic.expression", () => {
  it("has True and False outputs", () => {
    expect(portsOf(TYPE, { expression: "1 > 0" })).toEqual(["true", "false"]);
  });

  it.each([
    ['customer.channel == "webchat"', "true"],
    ['customer.channel == "sms"', "false"],
    ['message.text ~= "заказ" and message.channel in ("webchat", "telegram")', "true"],
    ['customer.name != "Ann" or task.outcome == "resolved"', "false"],
    ["task.outcome == null", "true"],
  ])("routes %j to %s", (expression, port) => {
    const run = runNode(TYPE, { expression }, "Где мой заказ 12345?");
    expect(run.port).toBe(port);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, `sink-${port === "true" ? 1 : 2}`]);
    expect(run.effects).toEqual([]);
  });

  it("compares variables written earlier in the flow", () => {
    expect(startFlow(flowWith('vars.intent == "order" and vars.intentConfidence >= 0.35'), "где же мой заказ?").outcome).toBe("true");
    expect(startFlow(flowWith('vars.intent == "order"'), "hello there").outcome).toBe("false");
  });

  it.each([
    ['vars.amount > 1000 and customer.channel == "webchat"', true],
    ["vars.amount >= 1500 and vars.amount < 2000", true],
    ["vars.amount * 2 == 3000", true],
    ['vars.plan in ("Pro", "Enterprise")', true],
    ['vars.order.status == "shipped"', true],
    ["vars.vip and not (vars.amount < 100)", true],
    ["max(vars.amount, 2000) == 2000", true],
    ['vars.plan == "Free"', false],
  ])("evaluates %j as %s", (expression, expected) => {
    expect(holds(expression, data)).toBe(expected);
  });

  it("counts a runtime error (missing value, type mismatch) as false instead of failing the step", () => {
    expect(holds("vars.missing > 10", data)).toBe(false);
    expect(holds("vars.plan > 10", data)).toBe(false);
    expect(holds("vars.missing == null", data)).toBe(true);
    const run = startFlow(flowWith("vars.intent > 10"), "где мой заказ"); // text compared with a number
    expect(run.outcome).toBe("false");
    expect(run.status).toBe("completed");
  });

  it("cannot reach functions through constructor or prototype tricks", () => {
    for (const expression of [
      "exists(vars.constructor)",
      "exists(vars.__proto__)",
      "exists(constructor of vars)",
      "exists(vars.order.constructor)",
      "exists(toString of customer)",
      "exists(vars.hasOwnProperty)",
    ]) {
      expect(holds(expression, data)).toBe(false);
    }
    expect(holds('vars.constructor("return 1")', data)).toBe(false);
    expect(inspectExpression('vars.constructor("return 1")').problems).toHaveLength(1);
  });

  it("declares the vars it reads, so an unknown variable is refused at publish, pinned to the expression", () => {
    expect(inspectExpression("abs(vars.x) > 2 and exists(vars.y) and vars.x < 9").vars).toEqual(["x", "y"]);
    expect(nodeIssues(TYPE, { expression: "vars.amount > 1000" })).toMatchObject([{ code: "unknown-variable", nodeId: NODE_ID, field: "expression" }]);
    expect(compileFlow(flowWith("vars.intentConfidence > 0.5")).issues).toEqual([]);
  });

  it.each([
    ["vars.amount >", /Expecting/],
    ["customer.email == 1", /customer has id, name, channel, address/],
    ['operator.name == "x"', /unknown name "operator"/],
    ["name of customer", /unknown name "name"/],
    ["vars == 1", /say which field/],
    ["'vars.amount' > 1", /without quotes/],
    ["Function(1)", /unknown function/],
    ["require(1)", /unknown function/],
  ])("rejects %j, pinned to the expression", (expression, problem) => {
    const issues = nodeIssues(TYPE, { expression });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ code: "invalid-settings", nodeId: NODE_ID, field: "expression" });
    expect(issues[0].message).toMatch(problem);
  });

  it("rejects an empty expression", () => {
    expect(nodeIssues(TYPE, { expression: "  " })).toMatchObject([{ code: "invalid-settings", field: "expression" }]);
  });
});
