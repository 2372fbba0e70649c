import { describe, expect, it } from "vitest";
import { flowTemplates } from "../../templates/catalog";
import type { FlowDocument, FlowEdge, FlowNode } from "../contracts/flow";
import { issueText } from "./issue-text";
import { checkGraph } from "./validate";

const node = (id: string, type: string, settings: Record<string, unknown> = {}): FlowNode => ({ id, type, position: { x: 0, y: 0 }, settings });
const edge = (source: string, sourcePort: string, target: string): FlowEdge => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });
const trigger = node("t", "trigger.message-received", { channel: "any" });
const sendAwaiting = (id: string) => node(id, "message.send", { text: "Your parcel is on its way", awaitDelivery: true });
const end = node("e", "flow.end", { outcome: "done" });
const warningsOf = (doc: FlowDocument) => checkGraph(doc).warnings.map(({ code, nodeId }) => ({ code, nodeId }));

describe("publish warnings for loops nothing but the instance's caps would stop", () => {
  it("warns of Send → Delivered → the same Send, once, naming the limit in both languages", () => {
    const doc: FlowDocument = {
      nodes: [trigger, sendAwaiting("send"), end],
      edges: [edge("t", "out", "send"), edge("send", "delivered", "send"), edge("send", "failed", "e")],
    };
    expect(checkGraph(doc).issues).toEqual([]);
    const [warning, ...others] = checkGraph(doc).warnings;
    expect(others).toEqual([]);
    expect(warning).toMatchObject({ code: "loop-without-person", nodeId: "send" });
    expect(warning.message).toMatch(/waits for neither the customer nor an operator.*daily caps/);
    expect(issueText(warning, "ru")).toMatch(/не ждёт ни клиента, ни оператора.*«Ограничитель/);
  });

  it("warns of a reminder loop on a timer alone", () => {
    const doc: FlowDocument = {
      nodes: [trigger, node("remind", "message.send", { text: "Reminder" }), node("later", "timer.delay", { amount: 1, unit: "days" })],
      edges: [edge("t", "out", "remind"), edge("remind", "out", "later"), edge("later", "out", "remind")],
    };
    expect(warningsOf(doc)).toEqual([{ code: "loop-without-person", nodeId: "remind" }]);
  });

  it("is quiet when the loop waits for the customer's reply or an operator, or counts its passes", () => {
    const replyLoop: FlowDocument = {
      nodes: [trigger, node("ask", "message.send", { text: "Anything else?" }), node("reply", "message.wait-reply", { timeoutSeconds: 0 })],
      edges: [edge("t", "out", "ask"), edge("ask", "out", "reply"), edge("reply", "reply", "ask")],
    };
    const guarded: FlowDocument = {
      nodes: [trigger, sendAwaiting("send"), node("guard", "flow.loop-guard", { maxIterations: 3 }), end],
      edges: [
        edge("t", "out", "send"),
        edge("send", "delivered", "guard"),
        edge("guard", "continue", "send"),
        edge("guard", "exceeded", "e"),
        edge("send", "failed", "e"),
      ],
    };
    expect(warningsOf(replyLoop)).toEqual([]);
    expect(warningsOf(guarded)).toEqual([]);
  });

  it("leaves a loop that never waits to the refusal it already gets", () => {
    const doc: FlowDocument = {
      nodes: [trigger, node("a", "message.send", { text: "a" }), node("b", "message.send", { text: "b" })],
      edges: [edge("t", "out", "a"), edge("a", "out", "b"), edge("b", "out", "a")],
    };
    expect(checkGraph(doc).issues.map((i) => i.code)).toEqual(["cycle-without-wait"]);
    expect(warningsOf(doc)).toEqual([]);
  });

  it("finds no such loop in any template", () => {
    for (const template of flowTemplates) {
      for (const [language, localized] of Object.entries(template.languages))
        expect(warningsOf(localized.document), `${template.id} (${language})`).toEqual([]);
    }
  });
});
