import { at, wires } from "./layout";
import { defineTemplate } from "./template";

const IDLE_MINUTES = 15;
const ANYTHING_ELSE = "Anything else? Just type your next question.";

/** A Telegram bot answers FAQ intents in a loop and hands over to a human on request or doubt. */
export const telegramFaqBot = defineTemplate({
  id: "telegram-faq-bot",
  name: "Telegram FAQ bot",
  description:
    "A Telegram bot that recognises questions about opening hours, delivery and prices (English and Russian) and answers them, " +
    `then waits for the next question (up to ${IDLE_MINUTES} minutes). ` +
    "Asking for an operator, or a question it is not confident about, hands the chat to a person in the support queue. " +
    "Answers are written in English.",
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: at(0, 2), settings: { channel: "telegram" } },
      { id: "command", type: "logic.text-match", position: at(1, 2), settings: { rules: [{ label: "/start", match: "regex", pattern: "^/start\\b" }] } },
      {
        id: "welcome",
        type: "message.send",
        position: at(2, 0),
        settings: {
          text: 'Hi {{customer.name | there}}! I\'m the Omniflow Shop assistant. Ask me about our opening hours, delivery or prices, or type "operator" to chat with a person.',
        },
      },
      {
        id: "faq",
        type: "logic.intent",
        position: at(2, 2),
        settings: {
          minConfidence: 0.35,
          intents: [
            {
              name: "schedule",
              examples: [
                "what are your opening hours",
                "when are you open",
                "are you open on saturday",
                "what time do you close",
                "working hours",
                "are you open on holidays",
                "какой у вас график работы",
                "во сколько вы открываетесь",
                "до скольки вы работаете",
                "вы работаете в субботу",
                "часы работы",
                "режим работы",
              ],
            },
            {
              name: "delivery",
              examples: [
                "how long does delivery take",
                "do you deliver to my city",
                "how much is shipping",
                "when will my order arrive",
                "can I pick up the order myself",
                "do you ship abroad",
                "сколько идет доставка",
                "вы доставляете в мой город",
                "когда привезут заказ",
                "есть ли самовывоз",
                "доставка за границу",
                "как быстро доставите",
              ],
            },
            {
              name: "prices",
              examples: [
                "how much does it cost",
                "what are your prices",
                "send me the price list",
                "do you have any discounts",
                "is there a student discount",
                "what is the price of the pro plan",
                "сколько стоит",
                "какие у вас цены",
                "пришлите прайс",
                "есть ли скидки",
                "сколько стоит подписка",
                "цена тарифа",
              ],
            },
            {
              name: "operator",
              examples: [
                "operator",
                "I want to talk to a human",
                "connect me to a person",
                "can I speak to an agent",
                "real person please",
                "support agent",
                "оператор",
                "позовите оператора",
                "соедините с человеком",
                "хочу поговорить с живым человеком",
                "переключите на специалиста",
                "менеджер",
              ],
            },
          ],
        },
      },
      {
        id: "hours",
        type: "message.send",
        position: at(3, 1),
        settings: {
          text: `Our store and support team are open Monday to Friday 9:00–20:00 and Saturday 10:00–16:00 (Berlin time), closed on Sundays and public holidays. ${ANYTHING_ELSE}`,
        },
      },
      {
        id: "delivery",
        type: "message.send",
        position: at(3, 2),
        settings: {
          text:
            "We deliver across Germany in 1–3 business days (€4.90, free from €50) or next day by express for €9.90; EU delivery takes 3–7 days. " +
            `You can also collect your order free of charge at our Berlin store. ${ANYTHING_ELSE}`,
        },
      },
      {
        id: "prices",
        type: "message.send",
        position: at(3, 3),
        settings: {
          text: `You'll find all current prices at shop.example/prices. Members save 10% on every order, and students get another 5% off with a valid student ID. ${ANYTHING_ELSE}`,
        },
      },
      {
        id: "handover",
        type: "message.send",
        position: at(3, 4),
        settings: {
          text: "Sure, I'm passing you to a colleague. Please stay in this chat; it usually takes just a few minutes.",
        },
      },
      {
        id: "unsure",
        type: "message.send",
        position: at(3, 5),
        settings: {
          text: "I'm not sure I understood that, so I'm passing your question to a colleague. Please stay in this chat.",
        },
      },
      { id: "more", type: "message.wait-reply", position: at(4, 2), settings: { timeoutSeconds: IDLE_MINUTES * 60 } },
      { id: "answered", type: "flow.end", position: at(5, 2), settings: { outcome: "answered" } },
      {
        id: "task",
        type: "routing.operator-task",
        position: at(4, 4),
        settings: {
          queue: "support",
          title: "Telegram: {{customer.name | a customer}} asks: {{message.text}}",
          steps: ["Read the conversation with the bot", "Answer the customer in Telegram", "Pick an outcome"],
          outcomes: ["resolved", "unresolved"],
        },
      },
      { id: "resolved", type: "flow.end", position: at(5, 4), settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: at(5, 5), settings: { outcome: "unresolved" } },
    ],
    edges: wires(
      ["start", "out", "command"],
      ["command", "rule-1", "welcome"],
      ["command", "else", "faq"],
      ["welcome", "out", "more"],
      ["faq", "intent-1", "hours"],
      ["faq", "intent-2", "delivery"],
      ["faq", "intent-3", "prices"],
      ["faq", "intent-4", "handover"],
      ["faq", "unknown", "unsure"],
      ["hours", "out", "more"],
      ["delivery", "out", "more"],
      ["prices", "out", "more"],
      // The loop waits for the customer at `more`, so it cannot spin.
      ["more", "reply", "faq"],
      ["more", "timeout", "answered"],
      ["handover", "out", "task"],
      ["unsure", "out", "task"],
      ["task", "outcome-resolved", "resolved"],
      ["task", "outcome-unresolved", "unresolved"],
    ),
    tests: [
      {
        id: "two-questions",
        name: "Two English questions are answered, then the chat goes quiet",
        customer: { name: "Tom", channel: "telegram" },
        steps: [
          { do: "message", text: "When are you open on Saturday?" },
          { do: "message", text: "How long does delivery take to Berlin?" },
          { do: "wait", seconds: IDLE_MINUTES * 60 },
        ],
        expect: {
          status: "completed",
          outcome: "answered",
          sent: ["Saturday 10:00–16:00", "1–3 business days"],
          path: ["start", "command", "faq", "hours", "more", "faq", "delivery", "more", "answered"],
        },
      },
      {
        id: "start-russian-operator",
        name: "/start greets, a Russian price question is answered, then an operator takes over",
        customer: { name: "Ольга", channel: "telegram" },
        steps: [
          { do: "message", text: "/start" },
          { do: "message", text: "Какие у вас цены?" },
          { do: "message", text: "Позовите оператора" },
          { do: "complete-task", outcome: "resolved" },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: ["Hi Ольга!", "shop.example/prices", "passing you to a colleague"],
          path: ["command", "welcome", "more", "faq", "prices", "more", "faq", "handover", "task", "resolved"],
          vars: { intent: "operator" },
        },
      },
      {
        id: "low-confidence",
        name: "A question the bot is unsure about goes to a person",
        customer: { name: "Tom", channel: "telegram" },
        steps: [{ do: "message", text: "My parrot ate the router cable, what now?" }],
        expect: { status: "waiting", sent: ["not sure I understood"], path: ["command", "faq", "unsure", "task"], vars: { intent: "unknown" } },
      },
    ],
  },
});
