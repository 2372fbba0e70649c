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

/** Listens on the webhook `order-shipped` (orderId, express?) and tells the customer the order is on its way. */
export const orderShippedFlow: FlowDocument = {
  nodes: [
    { id: "hook", type: "trigger.webhook", position: pos, settings: { hook: "order-shipped", fields: ["orderId: string", "express?: boolean"] } },
    { id: "tell", type: "message.send", position: pos, settings: { text: "Order {{vars.orderId}} is on its way." } },
    { id: "end", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "1", source: "hook", sourcePort: "out", target: "tell" },
    { id: "2", source: "tell", sourcePort: "out", target: "end" },
  ],
};

/** On `channel`, asks "Was it you?" with two buttons and answers the button pressed. */
export const confirmFlow = (channel: string): FlowDocument => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel } },
    {
      id: "ask",
      type: "message.ask",
      position: pos,
      settings: { question: "Was it you?", answer: "buttons", buttons: ["Yes, it was me", "No"], variable: "me" },
    },
    { id: "thanks", type: "message.send", position: pos, settings: { text: "Thank you." } },
    { id: "block", type: "message.send", position: pos, settings: { text: "We are blocking the card." } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "button-1", target: "thanks" },
    { id: "e3", source: "ask", sourcePort: "button-2", target: "block" },
    { id: "e4", source: "ask", sourcePort: "invalid", target: "done" },
    { id: "e5", source: "thanks", sourcePort: "out", target: "done" },
    { id: "e6", source: "block", sourcePort: "out", target: "done" },
  ],
});

/**
 * Answers every new conversation at once, then waits `timeoutSeconds` for a reply and, when none
 * comes, nudges the customer: two messages and one timer per conversation.
 */
export const replyAndNudgeFlow = (timeoutSeconds: number): FlowDocument => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "ack", type: "message.send", position: pos, settings: { text: "Got it: {{message.text}}" } },
    { id: "wait", type: "message.wait-reply", position: pos, settings: { timeoutSeconds } },
    { id: "nudge", type: "message.send", position: pos, settings: { text: "Still there?" } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "ack" },
    { id: "e2", source: "ack", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "done" },
    { id: "e4", source: "wait", sourcePort: "timeout", target: "nudge" },
    { id: "e5", source: "nudge", sourcePort: "out", target: "done" },
  ],
});

/**
 * A message matching `keyword` goes to an operator (approved: "Your refund is on its way",
 * refused: "Sorry, no refund"); any other gets "How can we help?". Replays change the keyword.
 */
export const refundDeskFlow = (keyword: string): FlowDocument => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "route", type: "logic.text-match", position: pos, settings: { rules: [{ label: "Refund", match: "keywords", pattern: keyword }] } },
    { id: "desk", type: "routing.operator-task", position: pos, settings: { title: "Refund for {{customer.name}}", outcomes: ["approved", "refused"] } },
    { id: "paid", type: "message.send", position: pos, settings: { text: "Your refund is on its way" } },
    { id: "sorry", type: "message.send", position: pos, settings: { text: "Sorry, no refund" } },
    { id: "hello", type: "message.send", position: pos, settings: { text: "How can we help?" } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "route" },
    { id: "e2", source: "route", sourcePort: "rule-1", target: "desk" },
    { id: "e3", source: "route", sourcePort: "else", target: "hello" },
    { id: "e4", source: "desk", sourcePort: "outcome-approved", target: "paid" },
    { id: "e5", source: "desk", sourcePort: "outcome-refused", target: "sorry" },
    { id: "e6", source: "paid", sourcePort: "out", target: "done" },
    { id: "e7", source: "sorry", sourcePort: "out", target: "done" },
    { id: "e8", source: "hello", sourcePort: "out", target: "done" },
  ],
});
