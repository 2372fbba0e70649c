import { describe, expect, it } from "vitest";
import { messageEvent, TEST_CUSTOMER } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { channelIsNode } from "./spec";

const TYPE = "logic.channel-is";

describe("logic.channel-is", () => {
  it("has Match and Else outputs", () => {
    expect(portsOf(TYPE, { channels: ["sms"] })).toEqual(["match", "else"]);
  });

  it.each([
    [["telegram", "whatsapp"], "telegram", "match"],
    [["telegram", "whatsapp"], "whatsapp", "match"],
    [["telegram", "whatsapp"], "webchat", "else"],
    [["email"], "email", "match"],
  ] as const)("with %j, a message on %s goes to %s", (channels, channel, port) => {
    const run = runNode(TYPE, { channels }, messageEvent("hi", { channel }));
    expect(run.port).toBe(port);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, port === "match" ? "sink-1" : "sink-2"]);
    expect(run.effects).toEqual([]);
  });

  it("uses the customer's channel when the flow has no message (e.g. started by a CRM event)", () => {
    const on = channelIsNode.guards!.on;
    const context = { ...runNode(TYPE, { channels: ["sms"] }).state.context, message: null };
    const event = messageEvent("unused");
    expect(on({ ...context, customer: { ...TEST_CUSTOMER, channel: "sms" } }, event, { channels: ["sms"] })).toBe(true);
    expect(on({ ...context, customer: TEST_CUSTOMER }, event, { channels: ["sms"] })).toBe(false);
    expect(on({ ...context, customer: null }, event, { channels: ["sms"] })).toBe(false);
  });

  it("defaults to web chat", () => {
    expect(runNode(TYPE, {}, messageEvent("hi", { channel: "webchat" })).port).toBe("match");
  });

  it("rejects no channels, an unknown channel and a repeated one, pinned to channels", () => {
    expect(nodeIssues(TYPE, { channels: [] })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "channels" }]);
    expect(nodeIssues(TYPE, { channels: ["fax"] })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "channels.0" }]);
    expect(nodeIssues(TYPE, { channels: ["sms", "sms"] })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "channels" }]);
  });
});
