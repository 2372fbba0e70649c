import { describe, expect, it } from "vitest";
import type { FlowDocument } from "@/engine/contracts/flow";
import { autoLayout } from "./auto-layout";

const node = (id: string, x = 0, y = 0) => ({ id, type: "message.send", position: { x, y }, settings: {} });
const edge = (source: string, sourcePort: string, target: string) => ({ id: `${source}-${sourcePort}`, source, sourcePort, target });

/** Bounding boxes of two nodes overlap (sizes as laid out). */
const overlap = (a: { x: number; y: number }, b: { x: number; y: number }, size = { width: 240, height: 80 }) =>
  Math.abs(a.x - b.x) < size.width && Math.abs(a.y - b.y) < size.height;

describe("autoLayout", () => {
  // A pile: every node on the same spot, a trigger fanning out to two branches that meet again.
  const messy: FlowDocument = {
    nodes: [node("start"), node("a"), node("b"), node("join"), node("end")],
    edges: [edge("start", "out", "a"), edge("start", "else", "b"), edge("a", "out", "join"), edge("b", "out", "join"), edge("join", "out", "end")],
  };

  it("puts each node right of what leads to it, and no two nodes on top of each other", () => {
    const laid = autoLayout(messy, () => undefined);
    const at = Object.fromEntries(laid.nodes.map((n) => [n.id, n.position]));
    for (const e of messy.edges) expect(at[e.target].x).toBeGreaterThan(at[e.source].x);
    const ids = Object.keys(at);
    for (const [i, a] of ids.entries()) for (const b of ids.slice(i + 1)) expect(overlap(at[a], at[b]), `${a} and ${b}`).toBe(false);
    expect(laid.edges).toBe(messy.edges);
  });

  it("uses measured sizes, so tall nodes do not overlap their neighbours", () => {
    const laid = autoLayout(messy, (id) => (id === "a" ? { width: 240, height: 400 } : undefined));
    const a = laid.nodes.find((n) => n.id === "a")!.position;
    const b = laid.nodes.find((n) => n.id === "b")!.position;
    expect(a.y + 400 <= b.y || b.y + 80 <= a.y).toBe(true);
  });

  it("leaves out connections to missing nodes, and returns the same document when nothing moves", () => {
    const withGhost = { ...messy, edges: [...messy.edges, edge("end", "out", "ghost")] };
    const laid = autoLayout(withGhost, () => undefined);
    expect(laid.nodes).toHaveLength(5);
    expect(autoLayout(laid, () => undefined)).toBe(laid);
  });
});
