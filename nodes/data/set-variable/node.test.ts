import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { messageEvent, startFlow } from "../../../engine/testing/flow-harness";
import { compileFlow, NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { convert } from "./convert";
import { setVariableNode } from "./spec";

const TYPE = "data.set-variable";

/** trigger → set-variable → send (reading the variable) → end. */
function readBack(settings: Record<string, unknown>, text: string): FlowDocument {
  const at = { x: 0, y: 0 };
  return {
    nodes: [
      { id: "t", type: "trigger.message-received", position: at, settings: {} },
      { id: "set", type: TYPE, position: at, settings },
      { id: "say", type: "message.send", position: at, settings: { text } },
      { id: "end", type: "flow.end", position: at, settings: {} },
    ],
    edges: [
      { id: "1", source: "t", sourcePort: "out", target: "set" },
      { id: "2", source: "set", sourcePort: "out", target: "say" },
      { id: "3", source: "say", sourcePort: "out", target: "end" },
    ],
  };
}

describe("data.set-variable", () => {
  it("stores a literal text and leaves through `out` with no effects", () => {
    const run = runNode(TYPE, { name: "plan", value: "Pro" });
    expect(run.port).toBe("out");
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, "sink-1"]);
    expect(run.state.context.vars).toEqual({ plan: "Pro" });
    expect(run.effects).toEqual([]);
  });

  it("renders the template before storing it", () => {
    const run = runNode(TYPE, { name: "note", value: "{{customer.name}} said: {{message.text}}" }, "my card is blocked");
    expect(run.state.context.vars).toEqual({ note: "Ann said: my card is blocked" });
  });

  it.each([
    ["42", 42],
    [" -3.5 ", -3.5],
    ["3,5", 3.5],
  ])("converts %j to the number %d", (text, value) => {
    const run = runNode(TYPE, { name: "seats", type: "number", value: "{{message.text}}" }, text);
    expect(run.port).toBe("out");
    expect(run.state.context.vars).toEqual({ seats: value });
  });

  it.each(["lots", "", "0x10", "1e3", "1 000"])("sends %j, which is not a number, to `error` and leaves the variable unset", (text) => {
    const run = runNode(TYPE, { name: "seats", type: "number", value: "{{message.text}}" }, text);
    expect(run.port).toBe("error");
    expect(run.state.context.vars).toEqual({});
    expect(run.effects).toEqual([]);
  });

  it.each([
    ["Yes", true],
    ["TRUE", true],
    ["1", true],
    ["off", false],
    ["no", false],
  ])("converts %j to the boolean %s", (text, value) => {
    const run = runNode(TYPE, { name: "vip", type: "boolean", value: "{{message.text}}" }, text);
    expect(run.port).toBe("out");
    expect(run.state.context.vars).toEqual({ vip: value });
  });

  it("sends an answer that is not yes or no to `error`", () => {
    expect(runNode(TYPE, { name: "vip", type: "boolean", value: "{{message.text}}" }, "maybe").port).toBe("error");
  });

  it("stores literal numbers and booleans typed", () => {
    expect(runNode(TYPE, { name: "n", type: "number", value: "7" }).state.context.vars).toEqual({ n: 7 });
    expect(runNode(TYPE, { name: "b", type: "boolean", value: "false" }).state.context.vars).toEqual({ b: false });
  });

  it("has an Error output only when a placeholder could fail to convert", () => {
    expect(portsOf(TYPE, { name: "x", value: "{{message.text}}" })).toEqual(["out"]);
    expect(portsOf(TYPE, { name: "x", type: "number", value: "12" })).toEqual(["out"]);
    expect(portsOf(TYPE, { name: "x", type: "number", value: "{{message.text}}" })).toEqual(["out", "error"]);
    expect(portsOf(TYPE, { name: "x", type: "boolean", value: "{{message.text}}" })).toEqual(["out", "error"]);
  });

  it("overwrites a variable another node set, and later nodes read the new value", () => {
    const doc = readBack({ name: "plan", value: "Pro for {{customer.name}}" }, "Plan: {{vars.plan}}");
    const run = startFlow(doc, "hi");
    expect(run.status).toBe("completed");
    expect(run.effects).toEqual([{ kind: "message.send", key: "inst-1:1", nodeId: "say", text: "Plan: Pro for Ann" }]);
  });

  it("declares the variable it writes, with its type", () => {
    const settings = setVariableNode.settings.parse({ name: "seats", type: "number", value: "{{message.text}}" });
    expect(setVariableNode.variables!(settings)).toEqual({ writes: [{ name: "seats", type: "number", field: "name" }] });
  });

  it("makes the variable known to the publish check (a read of it is no longer unknown)", () => {
    expect(compileFlow(readBack({ name: "plan", value: "Pro" }, "{{vars.plan}}")).ok).toBe(true);
    expect(compileFlow(readBack({ name: "plan", value: "Pro" }, "{{vars.other}}")).issues).toMatchObject([{ code: "unknown-variable", nodeId: "say", field: "text" }]);
  });

  it("rejects a literal that is not of the type, pinned to value", () => {
    expect(nodeIssues(TYPE, { name: "n", type: "number", value: "ten" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "value" }]);
    expect(nodeIssues(TYPE, { name: "b", type: "boolean", value: "perhaps" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "value" }]);
    expect(nodeIssues(TYPE, { name: "s", type: "string", value: "ten" })).toEqual([]);
  });

  it("rejects a bad variable name and a bad placeholder, each on its field", () => {
    expect(nodeIssues(TYPE, { name: "2fast", value: "x" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "name" }]);
    expect(nodeIssues(TYPE, { value: "x" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "name" }]);
    expect(nodeIssues(TYPE, { name: "x", value: "{{customer.email}}" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "value" }]);
  });

  it("is deterministic: the same input gives the same state", () => {
    const settings = { name: "seats", type: "number", value: "{{message.text}}" };
    const first = () => messageEvent("5", { messageId: "m-1" });
    expect(runNode(TYPE, settings, first()).state).toEqual(runNode(TYPE, settings, first()).state);
  });

  it("converts with convert() as documented", () => {
    expect(convert(" 3,5 ", "number")).toBe(3.5);
    expect(convert("No", "boolean")).toBe(false);
    expect(convert(" as is ", "string")).toBe(" as is ");
  });
});
