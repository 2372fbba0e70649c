import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { startFlow } from "../../../engine/testing/flow-harness";
import { compileFlow, NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { issueText } from "../../../engine/compiler/issue-text";
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

  // Issue 16: filtrex's own ~= compiled its right side at run time, so customer text became a regular expression.
  it.each([
    "vars.s ~= message.text",
    'message.text ~= "^" + vars.s',
    'message.text ~= ("order")',
    "message.text ~= 'vars.s'",
    'message.text ~= "order" ~= message.text',
    'message.text ~= "order" mod 2',
  ])("refuses %j at publish: ~= takes only a pattern written in the condition", (expression) => {
    const issues = nodeIssues(TYPE, { expression }).filter((i) => i.params?.key === "match-literal");
    expect(issues).toMatchObject([{ code: "invalid-settings", field: "expression" }]);
    expect(issueText(issues[0], "ru")).toMatch(/^~= принимает только шаблон в двойных кавычках/);
  });

  it("never turns data into a pattern at run time, even in a condition published before the check", () => {
    const tricky = { ...data, message: { ...data.message, text: "a.c" }, vars: { s: "abc", p: "a.c" } };
    expect(holds('vars.s ~= "a.c"', tricky)).toBe(true);
    expect(holds("vars.s ~= message.text", tricky)).toBe(false);
    expect(holds("vars.s ~= vars.p", tricky)).toBe(false);
    expect(holds('vars.s ~= "a" + ".c"', tricky)).toBe(false);
  });

  it.each([
    'message.text ~= "order" and message.text == "~= vars.s"',
    'message.text ~= "\\\\d+" or message.text ~= "say \\"hi\\""',
    'message.text ~= "a" == true',
  ])("accepts %j: every ~= has a literal pattern", (expression) => {
    expect(inspectExpression(expression).problems).toEqual([]);
  });

  it("matches ~= on RE2: a backtracking pattern on 10 KB answers at once, a back-reference is refused", () => {
    const expression = 'message.text ~= "^([a-z0-9]+[._-]?)+@[a-z]+\\\\.[a-z]+$"';
    expect(inspectExpression(expression).problems).toEqual([]);
    const started = performance.now();
    expect(holds(expression, { ...data, message: { text: `${"a".repeat(10_240)}!` } })).toBe(false);
    expect(holds(expression, { ...data, message: { text: "ann.lee@mail.com" } })).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
    expect(inspectExpression('message.text ~= "(a)\\\\1"').problems).toEqual([{ key: "pattern.unsupported", params: { construct: "\\1" } }]);
    expect(holds('message.text ~= "\\\\d+"', { ...data, message: { text: "order 42" } })).toBe(true);
  });

  it("rejects an empty expression", () => {
    expect(nodeIssues(TYPE, { expression: "  " })).toMatchObject([{ code: "invalid-settings", field: "expression" }]);
  });
});
