/** Flows with a Run in parallel, shared by the node, compiler and integration tests. */
import type { FlowDocument, FlowEdge, FlowNode } from "../contracts/flow";
import type { JoinMode } from "../../nodes/_kit/structure";

/** A node on a branch and the port the branch continues through. */
export type ChainNode = { id: string; type: string; settings?: Record<string, unknown>; out?: string };

const at = { x: 0, y: 0 };
const node = (id: string, type: string, settings: Record<string, unknown> = {}): FlowNode => ({ id, type, position: at, settings });
const edge = (source: string, sourcePort: string, target: string): FlowEdge => ({ id: `${source}-${sourcePort}`, source, sourcePort, target });

/**
 * trigger `t` → `par` → one chain per branch (an empty chain wires the port straight into the
 * Join) → `join` → send `after` → end `end`.
 */
export function parallelFlow(branches: ChainNode[][], opts: { mode?: JoinMode; after?: string } = {}): FlowDocument {
  const nodes = [node("t", "trigger.message-received", { channel: "any" }), node("par", "flow.parallel", { branches: branches.length })];
  const edges = [edge("t", "out", "par")];
  branches.forEach((chain, i) => {
    let from = { id: "par", port: `branch-${i + 1}` };
    for (const step of chain) {
      nodes.push(node(step.id, step.type, step.settings));
      edges.push(edge(from.id, from.port, step.id));
      from = { id: step.id, port: step.out ?? "out" };
    }
    edges.push(edge(from.id, from.port, "join"));
  });
  nodes.push(
    node("join", "flow.join", { mode: opts.mode ?? "all" }),
    node("after", "message.send", { text: opts.after ?? "All done" }),
    node("end", "flow.end", { outcome: "joined" }),
  );
  edges.push(edge("join", "out", "after"), edge("after", "out", "end"));
  return { nodes, edges };
}

/** Branch 1 hands the customer to an operator; branch 2 tells them so, then waits 10 minutes. */
export const operatorAndTimer = (mode: JoinMode = "all") =>
  parallelFlow(
    [
      [
        {
          id: "task",
          type: "routing.operator-task",
          settings: { queue: "support", title: "Call {{customer.name}} back", outcomes: ["done"] },
          out: "outcome-done",
        },
      ],
      [
        { id: "tell", type: "message.send", settings: { text: "An operator will call you back." } },
        { id: "wait", type: "timer.delay", settings: { amount: 10, unit: "minutes" } },
      ],
    ],
    { mode },
  );
