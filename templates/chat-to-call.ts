import { at, wires } from "./layout";
import { defineTemplate } from "./template";

/** A hesitating or upset chat visitor is offered a callback that keeps the chat as context. */
export const chatToCall = defineTemplate({
  id: "chat-to-call",
  name: "Hesitating chat → call",
  description:
    'In web chat, a negative message or a "call me" request (English or Russian) offers a callback with quick replies. ' +
    "Accepted: a high-priority task with a 15-minute SLA lands in the callbacks queue on this conversation (the operator reads the chat in the " +
    "customer card), and the number the visitor leaves is saved to their CRM record. " +
    "Declined, unanswered or any other message: the chat goes on with an operator.",
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: at(0, 2), settings: { channel: "webchat" } },
      { id: "mood", type: "logic.sentiment", position: at(1, 2), settings: { negativeBelow: -1, positiveAbove: 1 } },
      {
        id: "wants",
        type: "logic.intent",
        position: at(2, 3),
        settings: {
          minConfidence: 0.35,
          intents: [
            {
              name: "call me",
              examples: [
                "call me",
                "can you call me back",
                "please phone me",
                "I'd rather talk on the phone",
                "can someone ring me",
                "it is easier to explain by phone",
                "give me a call at this number",
                "перезвоните мне",
                "позвоните мне пожалуйста",
                "можно мне позвонить",
                "хочу поговорить по телефону",
                "наберите меня",
                "лучше обсудить по телефону",
              ],
            },
            // Everyday chat requests, so "call me" is only picked when the visitor asks for a call.
            {
              name: "question",
              examples: [
                "where is my order",
                "how can I pay",
                "can I change the delivery address",
                "do you ship abroad",
                "how do I return an item",
                "где мой заказ",
                "как оплатить заказ",
                "можно изменить адрес доставки",
                "вы доставляете за границу",
                "как оформить возврат",
              ],
            },
          ],
        },
      },
      {
        id: "offer",
        type: "message.offer-channel-switch",
        position: at(3, 1),
        settings: {
          switchTo: "callback",
          offer:
            "Would you prefer a phone call, {{customer.name | there}}? One of our agents can call you back and will have this whole chat in front of them, so you won't need to repeat anything.",
          accept: "Yes, call me",
          decline: "No, chat is fine",
          confirmation: "Great! An agent will call you shortly and will read this chat first, so you can pick up right where we left off.",
          timeoutSeconds: 5 * 60,
          queue: "callbacks",
          priority: "high",
          slaMinutes: 15,
        },
      },
      {
        id: "phone",
        type: "message.ask",
        position: at(4, 0),
        settings: {
          question: "Which number should we call? Please include the country code, e.g. +44 20 7946 0958.",
          validation: "phone",
          variable: "phone",
          maxAttempts: 3,
          retryText: 'Hmm, "{{message.text}}" doesn\'t look like a phone number.',
          timeoutSeconds: 10 * 60,
        },
      },
      { id: "save-phone", type: "crm.update-customer", position: at(5, 0), settings: { fields: ["phone = {{vars.phone}}", "prefersCallback = true"] } },
      {
        id: "booked",
        type: "message.send",
        position: at(6, 0),
        settings: {
          text: "Thank you! We will call you at {{vars.phone}} within 15 minutes.",
        },
      },
      { id: "callback-booked", type: "flow.end", position: at(7, 0), settings: { outcome: "callback-booked" } },
      {
        id: "no-number",
        type: "message.send",
        position: at(6, 1),
        settings: {
          text: "No problem: the agent will use the number we have on file, or continue with you here in the chat.",
        },
      },
      {
        id: "keep",
        type: "message.send",
        position: at(5, 2),
        settings: {
          text: "No problem, let's continue here. A colleague will join this chat in a moment.",
        },
      },
      {
        id: "queued",
        type: "message.send",
        position: at(3, 4),
        settings: {
          text: "Thanks for your message, {{customer.name | there}}. A colleague will join this chat in a moment.",
        },
      },
      {
        id: "chat",
        type: "routing.operator-task",
        position: at(6, 3),
        settings: {
          queue: "support",
          title: "Web chat with {{customer.name | a visitor}}",
          steps: ["Read the conversation", "Answer the customer in the chat", "Pick an outcome"],
          outcomes: ["resolved", "unresolved"],
        },
      },
      { id: "resolved", type: "flow.end", position: at(7, 3), settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: at(7, 4), settings: { outcome: "unresolved" } },
    ],
    edges: wires(
      ["start", "out", "mood"],
      ["mood", "negative", "offer"],
      ["mood", "neutral", "wants"],
      ["mood", "positive", "wants"],
      ["wants", "intent-1", "offer"],
      ["wants", "intent-2", "queued"],
      ["wants", "unknown", "queued"],
      ["offer", "switched", "phone"],
      ["offer", "declined", "keep"],
      ["offer", "no-answer", "keep"],
      ["phone", "answered", "save-phone"],
      ["phone", "invalid", "no-number"],
      ["phone", "timeout", "no-number"],
      ["save-phone", "out", "booked"],
      ["booked", "out", "callback-booked"],
      ["no-number", "out", "callback-booked"],
      ["keep", "out", "chat"],
      ["queued", "out", "chat"],
      ["chat", "outcome-resolved", "resolved"],
      ["chat", "outcome-unresolved", "unresolved"],
    ),
    tests: [
      {
        id: "upset-accepts",
        name: "An upset visitor accepts a callback and leaves a number",
        customer: { name: "Ann", channel: "webchat" },
        steps: [
          { do: "message", text: "This is ridiculous, I have been waiting for an hour and nothing works" },
          { do: "message", text: "Yes, call me" },
          { do: "message", text: "+44 20 7946 0958" },
        ],
        expect: {
          status: "completed",
          outcome: "callback-booked",
          sent: ["Would you prefer a phone call, Ann?", "An agent will call you shortly", "Which number should we call?", "call you at +44 20 7946 0958"],
          path: ["start", "mood", "offer", "phone", "save-phone", "booked", "callback-booked"],
          vars: { sentiment: "negative", phone: "+44 20 7946 0958" },
        },
      },
      {
        id: "accepts-no-number",
        name: "Accepted but no number given: the callback stands, the chat stays open",
        customer: { name: "Ann", channel: "webchat" },
        steps: [
          { do: "message", text: "call me back please" },
          { do: "message", text: "yes call me" },
          { do: "wait", seconds: 10 * 60 },
        ],
        expect: {
          status: "completed",
          outcome: "callback-booked",
          sent: ["Would you prefer a phone call", "An agent will call you shortly", "Which number", "number we have on file"],
          path: ["offer", "phone", "no-number", "callback-booked"],
        },
      },
      {
        id: "russian-declines",
        name: 'A Russian "call me" is offered a callback, declined, and the chat goes on',
        customer: { name: "Oleg", channel: "webchat" },
        steps: [
          { do: "message", text: "Перезвоните мне, пожалуйста" },
          { do: "message", text: "no" },
        ],
        expect: {
          status: "waiting",
          sent: ["Would you prefer a phone call, Oleg?", "let's continue here"],
          path: ["mood", "wants", "offer", "keep", "chat"],
          vars: { intent: "call me" },
        },
      },
      {
        id: "question",
        name: "A neutral question goes straight to an operator, no offer",
        customer: { name: "Eva", channel: "webchat" },
        steps: [
          { do: "message", text: "Where is my order 5531?" },
          { do: "complete-task", outcome: "resolved" },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: ["A colleague will join this chat"],
          path: ["mood", "wants", "queued", "chat", "resolved"],
          vars: { intent: "question" },
        },
      },
      {
        id: "offer-ignored",
        name: "An unanswered offer keeps the chat with an operator",
        customer: { name: "Tim", channel: "webchat" },
        steps: [
          { do: "message", text: "Can someone call me?" },
          { do: "wait", seconds: 5 * 60 },
        ],
        expect: { status: "waiting", sent: ["Would you prefer a phone call", "let's continue here"], path: ["wants", "offer", "keep", "chat"] },
      },
    ],
  },
});
