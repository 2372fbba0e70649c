import { describe, expect, it } from "vitest";
import { NODE_ID, nodeIssues, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";

const TYPE = "message.send";

describe("message.send", () => {
  it("emits one message.send effect with the rendered text and leaves through `out`", () => {
    const run = runNode(TYPE, { text: "Hi {{customer.name}}, you said: {{message.text}}" }, "where is my order?");
    expect(run.port).toBe("out");
    expect(run.status).toBe("completed");
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, "sink-1"]);
    expect(run.effects).toEqual([{ kind: "message.send", key: "inst-1:1", nodeId: NODE_ID, text: "Hi Ann, you said: where is my order?" }]);
  });

  it("refuses to publish a variable no node sets, pinned to the text field", () => {
    expect(nodeIssues(TYPE, { text: "Code: [{{vars.code}}]" })).toMatchObject([{ code: "unknown-variable", nodeId: NODE_ID, field: "text" }]);
  });

  it("rejects an empty text, pinned to the text field", () => {
    expect(nodeIssues(TYPE, { text: "   " })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "text" }]);
  });

  it("rejects a placeholder that names nothing a flow knows, pinned to the text field", () => {
    const issues = nodeIssues(TYPE, { text: "Hi {{customer.email}}" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "invalid-settings", nodeId: NODE_ID, field: "text" });
    expect(issues[0].message).toContain("{{customer.email}}");
  });

  it("offers quick-reply buttons with the message", () => {
    const run = runNode(TYPE, { text: "Anything else?", buttons: ["Track parcel", "Operator"] });
    expect(run.effects).toEqual([{ kind: "message.send", key: "inst-1:1", nodeId: NODE_ID, text: "Anything else?", buttons: ["Track parcel", "Operator"] }]);
  });

  it("refuses two buttons with the same label, pinned to the buttons field", () => {
    expect(nodeIssues(TYPE, { text: "Pick", buttons: ["Yes", "yes"] })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "buttons" }]);
  });
});
