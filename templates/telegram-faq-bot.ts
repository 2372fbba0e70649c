import { at, wires } from "./layout";
import { taskOutcome } from "./task-outcomes";
import { defineTemplate } from "./template";

const IDLE_MINUTES = 15;

const SCHEDULE_EN = [
  "what are your opening hours",
  "when are you open",
  "are you open on saturday",
  "what time do you close",
  "working hours",
  "are you open on holidays",
];
const SCHEDULE_RU = [
  "какой у вас график работы",
  "во сколько вы открываетесь",
  "до скольки вы работаете",
  "вы работаете в субботу",
  "часы работы",
  "режим работы",
];
const DELIVERY_EN = [
  "how long does delivery take",
  "do you deliver to my city",
  "how much is shipping",
  "when will my order arrive",
  "can I pick up the order myself",
  "do you ship abroad",
];
const DELIVERY_RU = [
  "сколько идет доставка",
  "вы доставляете в мой город",
  "когда привезут заказ",
  "есть ли самовывоз",
  "доставка за границу",
  "как быстро доставите",
];
const PRICES_EN = [
  "how much does it cost",
  "what are your prices",
  "send me the price list",
  "do you have any discounts",
  "is there a student discount",
  "what is the price of the pro plan",
];
const PRICES_RU = ["сколько стоит", "какие у вас цены", "пришлите прайс", "есть ли скидки", "сколько стоит подписка", "цена тарифа"];
const OPERATOR_EN = ["operator", "I want to talk to a human", "connect me to a person", "can I speak to an agent", "real person please", "support agent"];
const OPERATOR_RU = ["оператор", "позовите оператора", "соедините с человеком", "хочу поговорить с живым человеком", "переключите на специалиста", "менеджер"];

const en = {
  name: "Telegram FAQ bot",
  description:
    "A Telegram bot that recognises questions about opening hours, delivery and prices (English and Russian) and answers them, " +
    `then waits for the next question (up to ${IDLE_MINUTES} minutes). ` +
    "Asking for an operator, or a question it is not confident about, hands the chat to a person in the support queue. " +
    "Answers are written in English.",
  welcome:
    'Hi {{customer.name | there}}! I\'m the Omniflow Shop assistant. Ask me about our opening hours, delivery or prices, or type "operator" to chat with a person.',
  examples: {
    schedule: [...SCHEDULE_EN, ...SCHEDULE_RU],
    delivery: [...DELIVERY_EN, ...DELIVERY_RU],
    prices: [...PRICES_EN, ...PRICES_RU],
    operator: [...OPERATOR_EN, ...OPERATOR_RU],
  },
  anythingElse: "Anything else? Just type your next question.",
  hours: "Our store and support team are open Monday to Friday 9:00–20:00 and Saturday 10:00–16:00 (Berlin time), closed on Sundays and public holidays.",
  delivery:
    "We deliver across Germany in 1–3 business days (€4.90, free from €50) or next day by express for €9.90; EU delivery takes 3–7 days. " +
    "You can also collect your order free of charge at our Berlin store.",
  prices: "You'll find all current prices at shop.example/prices. Members save 10% on every order, and students get another 5% off with a valid student ID.",
  handover: "Sure, I'm passing you to a colleague. Please stay in this chat; it usually takes just a few minutes.",
  unsure: "I'm not sure I understood that, so I'm passing your question to a colleague. Please stay in this chat.",
  taskTitle: "Telegram: {{customer.name | a customer}} asks: {{message.text}}",
  taskSteps: ["Read the conversation with the bot", "Answer the customer in Telegram", "Pick an outcome"],
  tests: {
    twoQuestions: {
      name: "Two English questions are answered, then the chat goes quiet",
      customer: "Tom",
      messages: ["When are you open on Saturday?", "How long does delivery take to Berlin?"],
      sent: ["Saturday 10:00–16:00", "1–3 business days"],
    },
    operator: {
      name: "/start greets, a Russian price question is answered, then an operator takes over",
      customer: "Ольга",
      messages: ["Какие у вас цены?", "Позовите оператора"],
      sent: ["Hi Ольга!", "shop.example/prices", "passing you to a colleague"],
    },
    lowConfidence: {
      name: "A question the bot is unsure about goes to a person",
      customer: "Tom",
      message: "My parrot ate the router cable, what now?",
      sent: ["not sure I understood"],
    },
  },
};

const ru: typeof en = {
  name: "FAQ-бот в Telegram",
  description:
    "Бот в Telegram распознаёт вопросы о часах работы, доставке и ценах (на русском и английском) и отвечает на них, " +
    `затем ждёт следующий вопрос (до ${IDLE_MINUTES} минут). ` +
    "Если клиент просит оператора или бот не уверен, что понял вопрос, чат передаётся сотруднику в очередь поддержки. " +
    "Ответы написаны на русском.",
  welcome:
    "Здравствуйте, {{customer.name | уважаемый клиент}}! Я помощник Omniflow Shop. Спросите меня о часах работы, доставке или ценах " +
    "или напишите «оператор», чтобы поговорить с сотрудником.",
  examples: {
    schedule: [...SCHEDULE_RU, "когда вы открыты", "работаете ли вы в праздники", "во сколько закрываетесь", ...SCHEDULE_EN],
    delivery: [...DELIVERY_RU, "сколько стоит доставка", "когда придет посылка", "можно забрать заказ самому", ...DELIVERY_EN],
    prices: [...PRICES_RU, "пришлите цены", "есть ли скидка для студентов", "какая стоимость", ...PRICES_EN],
    operator: [...OPERATOR_RU, "позовите человека", "нужен живой оператор", "свяжите с сотрудником", ...OPERATOR_EN],
  },
  anythingElse: "Что-нибудь ещё? Просто напишите следующий вопрос.",
  hours:
    "Магазин и служба поддержки работают с понедельника по пятницу с 9:00 до 20:00 и в субботу с 10:00 до 16:00 (по берлинскому времени), " +
    "в воскресенье и праздничные дни — выходной.",
  delivery:
    "Доставляем по Германии за 1–3 рабочих дня (4,90 €, бесплатно от 50 €) или экспресс-доставкой на следующий день за 9,90 €; по ЕС — 3–7 дней. " +
    "Можно также бесплатно забрать заказ в нашем магазине в Берлине.",
  prices: "Все актуальные цены — на shop.example/prices. Участники клуба экономят 10% на каждом заказе, а студенты со студенческим билетом получают ещё 5%.",
  handover: "Конечно, передаю вас сотруднику. Пожалуйста, оставайтесь в этом чате: обычно это занимает несколько минут.",
  unsure: "Кажется, я не совсем понял вопрос, поэтому передаю его сотруднику. Пожалуйста, оставайтесь в этом чате.",
  taskTitle: "Telegram: вопрос от {{customer.name | клиента}}: {{message.text}}",
  taskSteps: ["Прочитайте переписку с ботом", "Ответьте клиенту в Telegram", "Выберите результат обращения"],
  tests: {
    twoQuestions: {
      name: "Бот отвечает на два вопроса, затем чат затихает",
      customer: "Тимофей",
      messages: ["Вы работаете в субботу?", "Сколько идёт доставка до Берлина?"],
      sent: ["в субботу с 10:00 до 16:00", "1–3 рабочих дня"],
    },
    operator: {
      name: "/start приветствует, бот отвечает про цены, затем подключается оператор",
      customer: "Ольга",
      messages: ["Какие у вас цены?", "Позовите оператора"],
      sent: ["Здравствуйте, Ольга!", "shop.example/prices", "передаю вас сотруднику"],
    },
    lowConfidence: {
      name: "Вопрос, в котором бот не уверен, уходит сотруднику",
      customer: "Тимофей",
      message: "Мой попугай перегрыз кабель роутера, что делать?",
      sent: ["не совсем понял вопрос"],
    },
  },
};

/** A Telegram bot answers FAQ intents in a loop and hands over to a human on request or doubt. */
export const telegramFaqBot = defineTemplate("telegram-faq-bot", { en, ru }, (t, language) => ({
  name: t.name,
  description: t.description,
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: at(0, 2), settings: { channel: "telegram" } },
      { id: "command", type: "logic.text-match", position: at(1, 2), settings: { rules: [{ label: "/start", match: "regex", pattern: "^/start\\b" }] } },
      {
        id: "welcome",
        type: "message.send",
        position: at(2, 0),
        settings: {
          text: t.welcome,
        },
      },
      {
        id: "faq",
        type: "logic.intent",
        position: at(2, 2),
        settings: {
          minConfidence: 0.35,
          intents: [
            { name: "schedule", examples: t.examples.schedule },
            { name: "delivery", examples: t.examples.delivery },
            { name: "prices", examples: t.examples.prices },
            { name: "operator", examples: t.examples.operator },
          ],
        },
      },
      {
        id: "hours",
        type: "message.send",
        position: at(3, 1),
        settings: {
          text: `${t.hours} ${t.anythingElse}`,
        },
      },
      {
        id: "delivery",
        type: "message.send",
        position: at(3, 2),
        settings: {
          text: `${t.delivery} ${t.anythingElse}`,
        },
      },
      {
        id: "prices",
        type: "message.send",
        position: at(3, 3),
        settings: {
          text: `${t.prices} ${t.anythingElse}`,
        },
      },
      {
        id: "handover",
        type: "message.send",
        position: at(3, 4),
        settings: {
          text: t.handover,
        },
      },
      {
        id: "unsure",
        type: "message.send",
        position: at(3, 5),
        settings: {
          text: t.unsure,
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
          title: t.taskTitle,
          steps: t.taskSteps,
          outcomes: [taskOutcome(language, "resolved"), taskOutcome(language, "unresolved")],
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
      ["task", `outcome-${taskOutcome(language, "resolved")}`, "resolved"],
      ["task", `outcome-${taskOutcome(language, "unresolved")}`, "unresolved"],
    ),
    tests: [
      {
        id: "two-questions",
        name: t.tests.twoQuestions.name,
        customer: { name: t.tests.twoQuestions.customer, channel: "telegram" },
        steps: [...t.tests.twoQuestions.messages.map((text) => ({ do: "message" as const, text })), { do: "wait", seconds: IDLE_MINUTES * 60 }],
        expect: {
          status: "completed",
          outcome: "answered",
          sent: t.tests.twoQuestions.sent,
          path: ["start", "command", "faq", "hours", "more", "faq", "delivery", "more", "answered"],
        },
      },
      {
        id: "start-russian-operator",
        name: t.tests.operator.name,
        customer: { name: t.tests.operator.customer, channel: "telegram" },
        steps: [
          { do: "message", text: "/start" },
          ...t.tests.operator.messages.map((text) => ({ do: "message" as const, text })),
          { do: "complete-task", outcome: taskOutcome(language, "resolved") },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: t.tests.operator.sent,
          path: ["command", "welcome", "more", "faq", "prices", "more", "faq", "handover", "task", "resolved"],
          vars: { intent: "operator" },
        },
      },
      {
        id: "low-confidence",
        name: t.tests.lowConfidence.name,
        customer: { name: t.tests.lowConfidence.customer, channel: "telegram" },
        steps: [{ do: "message", text: t.tests.lowConfidence.message }],
        expect: { status: "waiting", sent: t.tests.lowConfidence.sent, path: ["command", "faq", "unsure", "task"], vars: { intent: "unknown" } },
      },
    ],
  },
}));
