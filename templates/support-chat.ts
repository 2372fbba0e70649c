import { defineTemplate } from "./template";

/** The demo: greet, answer "hours" / "price", otherwise hand over to an operator. */
export const supportChat = defineTemplate({
  id: "support-chat",
  name: "Support chat",
  description: "Greets, answers opening hours and prices, hands anything else to an operator.",
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: { x: 0, y: 160 }, settings: { channel: "webchat" } },
      { id: "greet", type: "message.send", position: { x: 260, y: 160 }, settings: { text: "Hello {{customer.name | there}}, this is Omniflow support." } },
      {
        id: "topic",
        type: "logic.text-match",
        position: { x: 520, y: 160 },
        settings: {
          rules: [
            { label: "Hours", match: "keywords", pattern: "hours, open, opening, schedule, часы" },
            { label: "Price", match: "keywords", pattern: "price, prices, cost, tariff, цена" },
          ],
        },
      },
      { id: "hours", type: "message.send", position: { x: 820, y: 0 }, settings: { text: "We are open Monday to Friday, 9:00-18:00 CET." } },
      { id: "price", type: "message.send", position: { x: 820, y: 160 }, settings: { text: "Plans start at 29 EUR per operator per month." } },
      { id: "handover", type: "message.send", position: { x: 820, y: 320 }, settings: { text: "Let me find a colleague for you, one moment." } },
      {
        id: "task",
        type: "routing.operator-task",
        position: { x: 1080, y: 320 },
        settings: {
          queue: "support",
          title: "Chat with {{customer.name | a visitor}}: {{message.text}}",
          steps: ["Read the conversation", "Answer the customer", "Pick an outcome"],
          outcomes: ["resolved", "unresolved"],
        },
      },
      { id: "thanks", type: "message.send", position: { x: 1340, y: 260 }, settings: { text: "Glad we could help. Have a good day!" } },
      { id: "sorry", type: "message.send", position: { x: 1340, y: 420 }, settings: { text: "Sorry we could not solve it now; we will follow up." } },
      { id: "answered", type: "flow.end", position: { x: 1100, y: 80 }, settings: { outcome: "answered" } },
      { id: "resolved", type: "flow.end", position: { x: 1600, y: 260 }, settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: { x: 1600, y: 420 }, settings: { outcome: "unresolved" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "out", target: "greet" },
      { id: "e2", source: "greet", sourcePort: "out", target: "topic" },
      { id: "e3", source: "topic", sourcePort: "rule-1", target: "hours" },
      { id: "e4", source: "topic", sourcePort: "rule-2", target: "price" },
      { id: "e5", source: "topic", sourcePort: "else", target: "handover" },
      { id: "e6", source: "hours", sourcePort: "out", target: "answered" },
      { id: "e7", source: "price", sourcePort: "out", target: "answered" },
      { id: "e8", source: "handover", sourcePort: "out", target: "task" },
      { id: "e9", source: "task", sourcePort: "outcome-resolved", target: "thanks" },
      { id: "e10", source: "task", sourcePort: "outcome-unresolved", target: "sorry" },
      { id: "e11", source: "thanks", sourcePort: "out", target: "resolved" },
      { id: "e12", source: "sorry", sourcePort: "out", target: "unresolved" },
    ],
    tests: [
      {
        id: "hours",
        name: "Opening hours are answered by the bot",
        customer: { name: "Ann", channel: "webchat" },
        steps: [{ do: "message", text: "What are your opening hours?" }],
        expect: { status: "completed", outcome: "answered", sent: ["Hello Ann", "Monday to Friday"], path: ["start", "greet", "topic", "hours", "answered"] },
      },
      {
        id: "price-ru",
        name: "A Russian price question is answered",
        customer: { name: null, channel: "webchat" },
        steps: [{ do: "message", text: "Какая цена?" }],
        expect: { outcome: "answered", sent: ["Hello there", "29 EUR"] },
      },
      {
        id: "handover",
        name: "Anything else goes to an operator, who resolves it",
        customer: { name: "Bob", channel: "webchat" },
        steps: [
          { do: "message", text: "My parcel is lost" },
          { do: "complete-task", outcome: "resolved" },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: ["Hello Bob", "find a colleague", "Glad we could help"],
          path: ["topic", "handover", "task", "thanks"],
        },
      },
    ],
  },
});
