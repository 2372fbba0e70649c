import type { FlowDocument } from "../../engine/contracts/flow";

type Node = FlowDocument["nodes"][number];
const node = (id: string, type: string, x: number, y: number, settings: Record<string, unknown>): Node => ({ id, type, position: { x, y }, settings });
const edge = (source: string, sourcePort: string, target: string) => ({ id: `${source}-${sourcePort}`, source, sourcePort, target });

/** (d): asks for an order number and waits for the reply (one durable timer per waiting instance). */
export const ORDER_FLOW: FlowDocument = {
  nodes: [
    node("start", "trigger.message-received", 0, 0, { channel: "webchat" }),
    node("ask", "message.send", 260, 0, { text: "Hi {{customer.name}}, what is your order number?" }),
    node("wait", "message.wait-reply", 520, 0, { timeoutSeconds: 7 * 24 * 3600 }),
    node("thanks", "message.send", 780, -80, { text: "Thanks, we are looking up order {{message.text}}." }),
    node("answered", "flow.end", 1040, -80, { outcome: "answered" }),
    node("nudge", "message.send", 780, 80, { text: "We did not hear back; write to us any time." }),
    node("silent", "flow.end", 1040, 80, { outcome: "timed-out" }),
  ],
  edges: [
    edge("start", "out", "ask"),
    edge("ask", "out", "wait"),
    edge("wait", "reply", "thanks"),
    edge("thanks", "out", "answered"),
    edge("wait", "timeout", "nudge"),
    edge("nudge", "out", "silent"),
  ],
};

/**
 * (e): a valid flow of exactly `size` nodes (size = 4k + 4, k ≥ 1) built from the real node
 * types: trigger → greeting, then rounds of text-match → (send A | send B) → wait-reply, each
 * round's reply leading to the next round, every timeout to one shared end, the last reply to another.
 */
export function chainFlow(size: number): FlowDocument {
  const rounds = (size - 4) / 4;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`chainFlow: size must be 4k+4, got ${size}`);
  const nodes: Node[] = [
    node("start", "trigger.message-received", 0, 0, { channel: "any" }),
    node("hello", "message.send", 260, 0, { text: "Hello {{customer.name}}" }),
  ];
  const edges = [edge("start", "out", "hello")];
  let previous = { id: "hello", port: "out" };
  for (let r = 0; r < rounds; r++) {
    const x = 520 + r * 780;
    const [match, a, b, wait] = [`match${r}`, `yes${r}`, `no${r}`, `wait${r}`];
    nodes.push(
      node(match, "logic.text-match", x, 0, { rules: [{ label: "Yes", match: "keywords", pattern: `yes, ok, sure, round ${r}` }] }),
      node(a, "message.send", x + 260, -80, { text: `Round ${r}: great, {{customer.name}}.` }),
      node(b, "message.send", x + 260, 80, { text: `Round ${r}: you wrote {{message.text}}.` }),
      node(wait, "message.wait-reply", x + 520, 0, { timeoutSeconds: 600 }),
    );
    edges.push(
      edge(previous.id, previous.port, match),
      edge(match, "rule-1", a),
      edge(match, "else", b),
      edge(a, "out", wait),
      edge(b, "out", wait),
      edge(wait, "timeout", "timed-out"),
    );
    previous = { id: wait, port: "reply" };
  }
  nodes.push(
    node("done", "flow.end", 520 + rounds * 780, 0, { outcome: "done" }),
    node("timed-out", "flow.end", 520 + rounds * 780, 200, { outcome: "timed-out" }),
  );
  edges.push(edge(previous.id, previous.port, "done"));
  return { nodes, edges };
}
