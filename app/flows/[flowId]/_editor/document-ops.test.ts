import { describe, expect, it } from "vitest";
import { supportChat } from "@/templates/support-chat";
import { addNode, connect, moveNodes, newNode, removeElements, updateSettings } from "./document-ops";

const doc = supportChat.document;

// Saved test cases live in the document: no edit of the graph may drop them.
describe("document edits keep the saved test cases", () => {
  it.each([
    ["add", () => addNode(doc, newNode(doc, "flow.end", { x: 0, y: 0 }, "en"))],
    ["move", () => moveNodes(doc, { greet: { x: 5, y: 5 } })],
    ["remove", () => removeElements(doc, ["hours"], ["e1"])],
    ["connect", () => connect(doc, { source: "hours", sourcePort: "out", target: "resolved" })],
    ["settings", () => updateSettings(doc, "topic", { rules: [{ label: "Hours", match: "keywords", pattern: "hours" }] })],
  ])("%s", (_name, edit) => {
    expect(edit().tests).toEqual(doc.tests);
  });
});
