import { defineTemplate } from "./template";

const en = {
  name: "Support chat",
  description: "Greets on every channel, answers opening hours and prices, hands anything else to an operator.",
  greet: "Hello {{customer.name | there}}, this is Omniflow support.",
  hoursRule: { label: "Hours", pattern: "hours, open, opening, schedule, часы" },
  priceRule: { label: "Price", pattern: "price, prices, cost, tariff, цена" },
  hours: "We are open Monday to Friday, 9:00-18:00 CET.",
  price: "Plans start at 29 EUR per operator per month.",
  handover: "Let me find a colleague for you, one moment.",
  taskTitle: "Chat with {{customer.name | a visitor}}: {{message.text}}",
  taskSteps: ["Read the conversation", "Answer the customer", "Pick an outcome"],
  thanks: "Glad we could help. Have a good day!",
  sorry: "Sorry we could not solve it now; we will follow up.",
  tests: {
    hours: {
      name: "Opening hours are answered by the bot",
      customer: "Ann",
      message: "What are your opening hours?",
      sent: ["Hello Ann", "Monday to Friday"],
    },
    /** A question in the other language is understood too. */
    otherLanguage: {
      id: "price-ru",
      name: "A Russian price question is answered",
      message: "Какая цена?",
      sent: ["Hello there", "29 EUR"],
    },
    handover: {
      name: "Anything else goes to an operator, who resolves it",
      customer: "Bob",
      message: "My parcel is lost",
      sent: ["Hello Bob", "find a colleague", "Glad we could help"],
    },
  },
};

const ru: typeof en = {
  name: "Чат поддержки",
  description: "Приветствует клиента в любом канале, отвечает на вопросы о часах работы и ценах, всё остальное передаёт оператору.",
  greet: "Здравствуйте, {{customer.name | уважаемый клиент}}! Вы написали в поддержку Omniflow.",
  hoursRule: {
    label: "Часы работы",
    pattern: "часы, график, режим, работаете, открыты, открываетесь, закрываетесь, hours, open, opening, schedule",
  },
  priceRule: { label: "Цены", pattern: "цена, цены, цену, цен, стоимость, стоит, тариф, тарифы, прайс, price, prices, cost, tariff" },
  hours: "Мы работаем с понедельника по пятницу, с 9:00 до 18:00 по центральноевропейскому времени.",
  price: "Тарифы — от 29 EUR в месяц за одного оператора.",
  handover: "Сейчас подключу специалиста, одну минуту.",
  taskTitle: "Чат с {{customer.name | посетителем}}: {{message.text}}",
  taskSteps: ["Прочитайте переписку", "Ответьте клиенту", "Выберите результат обращения"],
  thanks: "Рады, что смогли помочь. Хорошего дня!",
  sorry: "К сожалению, сейчас решить вопрос не удалось. Мы свяжемся с вами позже.",
  tests: {
    hours: {
      name: "Бот отвечает на вопрос о часах работы",
      customer: "Анна",
      message: "Подскажите, какой у вас график работы?",
      sent: ["Здравствуйте, Анна", "с понедельника по пятницу"],
    },
    otherLanguage: {
      id: "price-en",
      name: "Вопрос о цене на английском тоже понят",
      message: "What is the price?",
      sent: ["Здравствуйте, уважаемый клиент", "29 EUR"],
    },
    handover: {
      name: "Всё остальное уходит оператору, и он решает вопрос",
      customer: "Борис",
      message: "У меня потерялась посылка",
      sent: ["Здравствуйте, Борис", "подключу специалиста", "Рады, что смогли помочь"],
    },
  },
};

/** The demo: on every channel (the Sandbox's too), greet, answer "hours" / "price", otherwise hand over to an operator. */
export const supportChat = defineTemplate("support-chat", { en, ru }, (t) => ({
  name: t.name,
  description: t.description,
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: { x: 0, y: 160 }, settings: { channel: "any" } },
      { id: "greet", type: "message.send", position: { x: 260, y: 160 }, settings: { text: t.greet } },
      {
        id: "topic",
        type: "logic.text-match",
        position: { x: 520, y: 160 },
        settings: {
          rules: [
            { label: t.hoursRule.label, match: "keywords", pattern: t.hoursRule.pattern },
            { label: t.priceRule.label, match: "keywords", pattern: t.priceRule.pattern },
          ],
        },
      },
      { id: "hours", type: "message.send", position: { x: 820, y: 0 }, settings: { text: t.hours } },
      { id: "price", type: "message.send", position: { x: 820, y: 160 }, settings: { text: t.price } },
      { id: "handover", type: "message.send", position: { x: 820, y: 320 }, settings: { text: t.handover } },
      {
        id: "task",
        type: "routing.operator-task",
        position: { x: 1080, y: 320 },
        settings: {
          queue: "support",
          title: t.taskTitle,
          steps: t.taskSteps,
          outcomes: ["resolved", "unresolved"],
        },
      },
      { id: "thanks", type: "message.send", position: { x: 1340, y: 260 }, settings: { text: t.thanks } },
      { id: "sorry", type: "message.send", position: { x: 1340, y: 420 }, settings: { text: t.sorry } },
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
        name: t.tests.hours.name,
        customer: { name: t.tests.hours.customer, channel: "webchat" },
        steps: [{ do: "message", text: t.tests.hours.message }],
        expect: { status: "completed", outcome: "answered", sent: t.tests.hours.sent, path: ["start", "greet", "topic", "hours", "answered"] },
      },
      {
        id: t.tests.otherLanguage.id,
        name: t.tests.otherLanguage.name,
        customer: { name: null, channel: "webchat" },
        steps: [{ do: "message", text: t.tests.otherLanguage.message }],
        expect: { outcome: "answered", sent: t.tests.otherLanguage.sent },
      },
      {
        id: "handover",
        name: t.tests.handover.name,
        customer: { name: t.tests.handover.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.handover.message },
          { do: "complete-task", outcome: "resolved" },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: t.tests.handover.sent,
          path: ["topic", "handover", "task", "thanks"],
        },
      },
    ],
  },
}));
