import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../../engine/contracts/events";
import { T0 } from "../../../engine/testing/fake-clock";
import { nodeIssues, runNode } from "../../../engine/testing/run-node";
import { readInputs } from "./inputs";
import { subflowCalledNode } from "./spec";

const TYPE = "trigger.subflow-called";
const settings = { inputs: ["orderId: string", "amount: number", "express?: boolean"], outputs: ["amount"] };
const called = (inputs: Record<string, unknown>): FlowEvent => ({ type: "subflow.called", at: T0, parentInstanceId: "parent-1", key: "parent-1:3", inputs });
const check = (inputs: Record<string, unknown>) => subflowCalledNode.trigger!.check!(subflowCalledNode.settings.parse(settings), called(inputs));

describe("trigger.subflow-called", () => {
  it("starts on a call, makes the declared inputs variables and remembers the caller", () => {
    const run = runNode(TYPE, settings, called({ orderId: "A-1", amount: "12,5", secret: "x" }));
    expect(run.port).toBe("out");
    expect(run.state.context.vars).toEqual({ orderId: "A-1", amount: 12.5 });
    expect(run.state.context.caller).toEqual({ instanceId: "parent-1", key: "parent-1:3", outputs: ["amount"] });
  });

  it("takes no other event", () => {
    expect(runNode(TYPE, settings, "hello").port).toBeNull();
  });

  it("refuses missing and mistyped inputs, naming the input", () => {
    expect(check({ orderId: "A-1", amount: 3 })).toBeNull();
    expect(check({ orderId: "A-1" })).toEqual({ field: "inputs.amount", message: "missing: the caller must set amount (a number)" });
    expect(check({ orderId: "A-1", amount: "lots" })).toEqual({ field: "inputs.amount", message: 'expected a number, got "lots"' });
    expect(check({ orderId: "A-1", amount: 1, express: "maybe" })).toMatchObject({ field: "inputs.express" });
  });

  it("converts texts, numbers and booleans to the declared type", () => {
    const declared = [
      { name: "code", type: "string" as const, optional: false },
      { name: "vip", type: "boolean" as const, optional: false },
    ];
    expect(readInputs(declared, { code: 42, vip: "yes" })).toEqual({ ok: true, values: { code: "42", vip: true } });
    expect(readInputs(declared, { code: { a: 1 }, vip: true })).toMatchObject({ ok: false, field: "inputs.code" });
  });

  it("checks outputs at publish: a variable no node sets, or a name the engine fills", () => {
    expect(nodeIssues(TYPE, { outputs: ["refundId"] })).toMatchObject([{ code: "unknown-variable", field: "outputs.0" }]);
    expect(nodeIssues(TYPE, { inputs: ["outcome: string"], outputs: ["outcome"] })).toMatchObject([{ code: "invalid-settings", field: "outputs.0" }]);
    expect(nodeIssues(TYPE, { inputs: ["amount number"] })).toMatchObject([{ code: "invalid-settings", field: "inputs.0" }]);
  });
});
