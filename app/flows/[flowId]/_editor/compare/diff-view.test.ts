import { describe, expect, it } from "vitest";
import type { FlowDocument } from "@/engine/contracts/flow";
import { diffFlows } from "@/nodes/_kit/flow-diff";
import { findNodeSpec } from "@/nodes/registry";
import { comparisonCanvas, removedEdgeId, shownValue } from "./diff-view";

const at = { x: 0, y: 0 };
const v1: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: at, settings: {} },
    { id: "hello", type: "message.send", position: at, settings: { text: "Hi" } },
  ],
  edges: [{ id: "e1", source: "start", sourcePort: "out", target: "hello" }],
};
const v2: FlowDocument = {
  nodes: [v1.nodes[0], { id: "wait", type: "message.wait-reply", position: at, settings: {} }],
  // The new connection took the removed one's id.
  edges: [{ id: "e1", source: "start", sourcePort: "out", target: "wait" }],
};

describe("comparisonCanvas", () => {
  it("draws the newer version with the removed node and connection back in, and marks what changed", () => {
    const { document, marks } = comparisonCanvas(v2, diffFlows(v1, v2, { specOf: findNodeSpec, locale: "en" }));
    expect(document.nodes.map((n) => n.id)).toEqual(["start", "wait", "hello"]);
    expect(document.edges.map((e) => `${e.id}:${e.target}`)).toEqual(["e1:wait", `${removedEdgeId("e1")}:hello`]);
    expect([...marks.nodes]).toEqual([
      ["wait", "added"],
      ["hello", "removed"],
    ]);
    expect([...marks.edges]).toEqual([
      ["e1", "added"],
      [removedEdgeId("e1"), "removed"],
    ]);
  });
});

describe("shownValue", () => {
  const words = { yes: "yes", no: "no", unset: "not set", empty: "empty" };
  const send = findNodeSpec("message.send");
  const trigger = findNodeSpec("trigger.message-received");
  const match = findNodeSpec("logic.text-match");

  it("shows text as typed, yes or no, lists, and what is not set", () => {
    expect(shownValue("Hello {{customer.name}}", { spec: send, path: "text", locale: "en" }, words)).toBe("Hello {{customer.name}}");
    expect(shownValue(true, { spec: send, path: "awaitDelivery", locale: "en" }, words)).toBe("yes");
    expect(shownValue(["Yes", "No"], { spec: send, path: "buttons", locale: "en" }, words)).toBe("Yes, No");
    expect(shownValue([], { spec: send, path: "buttons", locale: "en" }, words)).toBe("empty");
    expect(shownValue(undefined, { spec: send, path: "text", locale: "en" }, words)).toBe("not set");
  });

  it("shows a choice by its label in the reader's language", () => {
    expect(shownValue("first-message", { spec: trigger, path: "on", locale: "en" }, words)).toBe("First message");
    expect(shownValue("first-message", { spec: trigger, path: "on", locale: "ru" }, words)).toBe("На первое сообщение диалога");
  });

  it("shows a list item as its labelled fields", () => {
    const rule = { label: "Price", match: "regex", pattern: "price" };
    expect(shownValue(rule, { spec: match, path: "rules.1", locale: "en" }, words)).toBe("Output name: Price; Match by: Regex; Keywords or pattern: price");
    expect(shownValue(rule, { spec: match, path: "rules.1", locale: "ru" }, words)).toBe(
      "Название выхода: Price; Искать по: Регулярному выражению; Ключевые слова или шаблон: price",
    );
  });
});
