/** Small flow documents that more than one integration test publishes. */
import type { FlowDocument } from "../contracts/flow";

const pos = { x: 0, y: 0 };

/** Answers a new conversation on any channel once with `text`, then ends. */
export const ackFlow = (text: string): FlowDocument => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "ack", type: "message.send", position: pos, settings: { text } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "ack" },
    { id: "e2", source: "ack", sourcePort: "out", target: "done" },
  ],
});
