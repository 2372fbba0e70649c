import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { findNodeSpec } from "../registry";
import { diffFlows } from "./flow-diff";

const at = (x: number, y = 120) => ({ x, y });
const v1: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: at(0), settings: { channel: "webchat" } },
    { id: "hello", type: "message.send", position: at(320), settings: { text: "Hi there" } },
    { id: "match", type: "logic.text-match", position: at(640), settings: { rules: [{ label: "Hours", pattern: "hours" }] } },
    { id: "end", type: "flow.end", position: at(960), settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "out", target: "match" },
    { id: "e3", source: "match", sourcePort: "else", target: "end" },
  ],
};

const en = { specOf: findNodeSpec, locale: "en" as const };
const ru = { specOf: findNodeSpec, locale: "ru" as const };

/** v1 with some nodes replaced (by id) and the rest of the document overridden. */
const edit = (nodes: Record<string, Partial<FlowDocument["nodes"][number]>>, rest: Partial<FlowDocument> = {}): FlowDocument => ({
  ...v1,
  nodes: v1.nodes.map((n) => (nodes[n.id] ? { ...n, ...nodes[n.id] } : n)),
  ...rest,
});

describe("diffFlows", () => {
  it("finds nothing between a flow and itself, or a copy that spells out its defaults", () => {
    expect(diffFlows(v1, v1, en)).toEqual({ nodes: [], edges: { added: [], removed: [] }, language: null, changed: false });
    const spelled = edit({ hello: { settings: { text: "Hi there", channel: "conversation", buttons: [], awaitDelivery: false } } });
    expect(diffFlows(v1, spelled, en).changed).toBe(false);
    expect(diffFlows(v1, { ...v1, tests: [] }, en).changed).toBe(false);
  });

  it("names a changed setting by its form label, with the old and the new value", () => {
    const diff = diffFlows(v1, edit({ hello: { settings: { text: "Hello!", awaitDelivery: true } } }), en);
    expect(diff.changed).toBe(true);
    expect(diff.nodes).toHaveLength(1);
    expect(diff.nodes[0]).toMatchObject({ kind: "changed", moved: false, node: { id: "hello" } });
    expect(diff.nodes[0].settings).toEqual([
      { path: "text", label: "Message", before: "Hi there", after: "Hello!" },
      { path: "awaitDelivery", label: "Wait for delivery", before: false, after: true },
    ]);
    expect(diffFlows(v1, edit({ hello: { settings: { text: "Hello!" } } }), ru).nodes[0].settings[0].label).toBe("Сообщение");
  });

  it("goes into list items, naming the item by its group and number", () => {
    const rules = [
      { label: "Hours", pattern: "hours, open" },
      { label: "Price", pattern: "price" },
    ];
    const diff = diffFlows(v1, edit({ match: { settings: { rules } } }), en);
    expect(diff.nodes[0].settings.map(({ path, label }) => ({ path, label }))).toEqual([
      { path: "rules.0.pattern", label: "Rule 1 › Keywords or pattern" },
      { path: "rules.1", label: "Rule 2" },
    ]);
    expect(diff.nodes[0].settings[1]).toMatchObject({ before: undefined, after: { label: "Price", match: "keywords", pattern: "price" } });
    expect(diffFlows(v1, edit({ match: { settings: { rules } } }), ru).nodes[0].settings[0].label).toBe("Правило 1 › Ключевые слова или шаблон");
    // A list of plain values counts as one field.
    const buttons = diffFlows(v1, edit({ hello: { settings: { text: "Hi there", buttons: ["Yes", "No"] } } }), en).nodes[0].settings;
    expect(buttons).toEqual([{ path: "buttons", label: "Quick-reply buttons", before: [], after: ["Yes", "No"] }]);
  });

  it("tells a node that only moved from one that changed, and a moved node is not a change", () => {
    const moved = diffFlows(v1, edit({ end: { position: at(1000, 300) } }), en);
    expect(moved.nodes).toEqual([expect.objectContaining({ kind: "moved", moved: true, settings: [] })]);
    expect(moved.changed).toBe(false);
    const both = diffFlows(v1, edit({ hello: { position: at(0, 0), settings: { text: "Hello!" } } }), en);
    expect(both.nodes[0]).toMatchObject({ kind: "changed", moved: true });
  });

  it("lists added and removed nodes and connections, a connection being its endpoints, not its id", () => {
    const v2: FlowDocument = {
      nodes: [...v1.nodes.filter((n) => n.id !== "match"), { id: "wait", type: "message.wait-reply", position: at(640), settings: {} }],
      edges: [
        { id: "renamed", source: "start", sourcePort: "out", target: "hello" },
        { id: "e2", source: "hello", sourcePort: "out", target: "wait" },
        { id: "e3", source: "wait", sourcePort: "reply", target: "end" },
      ],
    };
    const diff = diffFlows(v1, v2, en);
    expect(diff.nodes.map((n) => [n.kind, n.node.id])).toEqual([
      ["added", "wait"],
      ["removed", "match"],
    ]);
    expect(diff.edges.added.map((e) => `${e.source}.${e.sourcePort}>${e.target}`)).toEqual(["hello.out>wait", "wait.reply>end"]);
    expect(diff.edges.removed.map((e) => `${e.source}.${e.sourcePort}>${e.target}`)).toEqual(["hello.out>match", "match.else>end"]);
    expect(diff.changed).toBe(true);
  });

  it("reports a node whose type changed under the same id, and the flow's language", () => {
    const diff = diffFlows(v1, edit({ end: { type: "message.wait-reply" } }, { language: "ru" }), en);
    expect(diff.nodes).toEqual([expect.objectContaining({ kind: "changed", type: { before: "flow.end", after: "message.wait-reply" }, settings: [] })]);
    expect(diff.language).toEqual({ before: "en", after: "ru" });
  });

  it("compares the raw settings of a node of an unknown type", () => {
    const odd = { ...v1, nodes: [{ id: "x", type: "plugin.gone", position: at(0), settings: { colourMode: "red" } }] };
    const diff = diffFlows(odd, { ...odd, nodes: [{ ...odd.nodes[0], settings: { colourMode: "blue" } }] }, { specOf: () => undefined, locale: "en" });
    expect(diff.nodes[0].settings).toEqual([{ path: "colourMode", label: "Colour mode", before: "red", after: "blue" }]);
  });
});
