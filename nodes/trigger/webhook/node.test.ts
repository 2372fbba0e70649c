import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../../engine/contracts/events";
import { T0 } from "../../../engine/testing/fake-clock";
import { nodeIssues, runNode } from "../../../engine/testing/run-node";
import { webhookNode } from "./spec";

const TYPE = "trigger.webhook";
const settings = { hook: "order-shipped", fields: ["orderId: string", "weightKg?: number", "express: boolean"] };
const call = (hook: string, payload: Record<string, unknown>): FlowEvent => ({ type: "webhook.received", at: T0, hook, payload });

describe("trigger.webhook", () => {
  it("starts on its own hook and exposes the declared fields (only those) as variables", () => {
    const run = runNode(TYPE, settings, call("order-shipped", { orderId: "A-1", express: true, secret: "x" }));
    expect(run.port).toBe("out");
    expect(run.state.context.vars).toEqual({ orderId: "A-1", express: true });
  });

  it("ignores other hooks", () => {
    expect(runNode(TYPE, settings, call("order-lost", { orderId: "A-1", express: true })).port).toBeNull();
  });

  it("checks a payload against the declaration, naming the field", () => {
    const check = webhookNode.trigger!.check!;
    expect(check(webhookNode.settings.parse(settings), call("order-shipped", { orderId: "A-1", express: "yes" }))).toEqual({
      field: "payload.express",
      message: expect.stringContaining("boolean"),
    });
    expect(check(webhookNode.settings.parse(settings), call("order-shipped", { orderId: "A-1", express: false }))).toBeNull();
  });

  it("refuses a malformed declaration or hook name at publish", () => {
    expect(nodeIssues(TYPE, { hook: "Order Shipped" })).toMatchObject([{ code: "invalid-settings", field: "hook" }]);
    expect(nodeIssues(TYPE, { hook: "ok", fields: ["orderId string"] })).toMatchObject([{ code: "invalid-settings", field: "fields.0" }]);
  });
});
