import { at, wires } from "./layout";
import { taskOutcome } from "./task-outcomes";
import { defineTemplate } from "./template";

const en = {
  name: "Support chat",
  description:
    "Greets on every channel (a caller is asked what they need), answers opening hours and prices, hands anything else to an operator; a thank-you gets a short reply.",
  greet: "Hello {{customer.name | there}}, this is Omniflow support.",
  askCaller: "How can we help you today? Tell us in a few words.",
  hoursRule: { label: "Hours", pattern: "hours, open, opening, schedule, часы" },
  priceRule: { label: "Price", pattern: "price, prices, cost, tariff, цена" },
  hours: "We are open Monday to Friday, 9:00-18:00 CET.",
  price: "Plans start at 29 EUR per operator per month.",
  handover: "Let me find a colleague for you, one moment.",
  thankYouRule: { label: "Thanks" },
  welcome: "You are welcome! Write to us any time.",
  taskTitle: "{{customer.name | A customer}} asks: {{message.text}}",
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
    thankYou: {
      name: "A thank-you gets a short reply, not the greeting and a new task",
      customer: "Ann",
      message: "Thank you!",
      sent: ["You are welcome"],
    },
    caller: {
      name: "A caller is asked what they need, then answered",
      customer: "Ann",
      message: "When are you open?",
      sent: ["Hello Ann", "How can we help", "Monday to Friday"],
    },
  },
};

const ru: typeof en = {
  name: "Чат поддержки",
  description:
    "Приветствует клиента в любом канале (звонящего спрашивает, что ему нужно), отвечает на вопросы о часах работы и ценах, всё остальное передаёт оператору; на «спасибо» отвечает коротко.",
  greet: "Здравствуйте, {{customer.name | уважаемый клиент}}! Вы написали в поддержку Omniflow.",
  askCaller: "Чем мы можем помочь? Расскажите в двух словах.",
  hoursRule: {
    label: "Часы работы",
    pattern: "часы, график, режим, работаете, открыты, открываетесь, закрываетесь, hours, open, opening, schedule",
  },
  priceRule: { label: "Цены", pattern: "цена, цены, цену, цен, стоимость, стоит, тариф, тарифы, прайс, price, prices, cost, tariff" },
  hours: "Мы работаем с понедельника по пятницу, с 9:00 до 18:00 по центральноевропейскому времени.",
  price: "Тарифы — от 29 EUR в месяц за одного оператора.",
  handover: "Сейчас подключу специалиста, одну минуту.",
  thankYouRule: { label: "Спасибо" },
  welcome: "Пожалуйста! Пишите нам в любое время.",
  taskTitle: "{{customer.name | Клиент}} спрашивает: {{message.text}}",
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
    thankYou: {
      name: "На «спасибо» бот отвечает коротко, без приветствия и новой задачи",
      customer: "Анна",
      message: "Спасибо большое!",
      sent: ["Пожалуйста"],
    },
    caller: {
      name: "Звонящего спрашивают, что ему нужно, и отвечают",
      customer: "Анна",
      message: "Когда вы работаете?",
      sent: ["Здравствуйте, Анна", "Чем мы можем помочь", "с понедельника по пятницу"],
    },
  },
};

/**
 * A message that is only a thank-you (in either language), as customers write after an answer or a
 * resolved task: it gets a short reply instead of the greeting and, for anything unmatched, a new task.
 * Around the words only what is neither a letter nor a digit (any script: RE2's \W is ASCII, so a
 * Russian complaint ending in "спасибо" would pass for one), so "Thank you 🙂" is one and "…, спасибо" is not.
 */
const THANK_YOU = "^[^\\p{L}\\p{N}]*(thanks?( you)?( (so|very) much| a lot)?|thx|ty|cheers|спасибо( (большое|огромное))?|благодарю)[^\\p{L}\\p{N}]*$";

/** The demo: on every channel (the Sandbox's too), greet, answer "hours" / "price", otherwise hand over to an operator. */
export const supportChat = defineTemplate("support-chat", { en, ru }, (t, language) => ({
  name: t.name,
  description: t.description,
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: at(0, 2), settings: { channel: "any" } },
      {
        id: "thank-you",
        type: "logic.text-match",
        position: at(1, 2),
        settings: { rules: [{ label: t.thankYouRule.label, match: "regex", pattern: THANK_YOU }] },
      },
      { id: "welcome", type: "message.send", position: at(2, 0), settings: { text: t.welcome } },
      { id: "thanked", type: "flow.end", position: at(3, 0), settings: { outcome: "thanked" } },
      { id: "greet", type: "message.send", position: at(2, 2), settings: { text: t.greet } },
      // A call starts without words (the phone channel's first message is CALL_STARTED): ask the caller first.
      { id: "by-phone", type: "logic.channel-is", position: at(3, 2), settings: { channels: ["phone"] } },
      { id: "ask-caller", type: "message.ask", position: at(4, 1), settings: { question: t.askCaller, timeoutSeconds: 60 } },
      {
        id: "topic",
        type: "logic.text-match",
        position: at(5, 2),
        settings: {
          rules: [
            { label: t.hoursRule.label, match: "keywords", pattern: t.hoursRule.pattern },
            { label: t.priceRule.label, match: "keywords", pattern: t.priceRule.pattern },
          ],
        },
      },
      { id: "hours", type: "message.send", position: at(6, 1), settings: { text: t.hours } },
      { id: "price", type: "message.send", position: at(6, 2), settings: { text: t.price } },
      { id: "handover", type: "message.send", position: at(6, 3), settings: { text: t.handover } },
      {
        id: "task",
        type: "routing.operator-task",
        position: at(7, 3),
        settings: {
          queue: "support",
          title: t.taskTitle,
          steps: t.taskSteps,
          outcomes: [taskOutcome(language, "resolved"), taskOutcome(language, "unresolved")],
        },
      },
      { id: "thanks", type: "message.send", position: at(8, 3), settings: { text: t.thanks } },
      { id: "sorry", type: "message.send", position: at(8, 4), settings: { text: t.sorry } },
      { id: "answered", type: "flow.end", position: at(7, 1), settings: { outcome: "answered" } },
      { id: "resolved", type: "flow.end", position: at(9, 3), settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: at(9, 4), settings: { outcome: "unresolved" } },
    ],
    edges: wires(
      ["start", "out", "thank-you"],
      ["thank-you", "rule-1", "welcome"],
      ["welcome", "out", "thanked"],
      ["thank-you", "else", "greet"],
      ["greet", "out", "by-phone"],
      ["by-phone", "match", "ask-caller"],
      ["by-phone", "else", "topic"],
      ["ask-caller", "answered", "topic"],
      ["ask-caller", "timeout", "handover"],
      ["topic", "rule-1", "hours"],
      ["topic", "rule-2", "price"],
      ["topic", "else", "handover"],
      ["hours", "out", "answered"],
      ["price", "out", "answered"],
      ["handover", "out", "task"],
      ["task", `outcome-${taskOutcome(language, "resolved")}`, "thanks"],
      ["task", `outcome-${taskOutcome(language, "unresolved")}`, "sorry"],
      ["thanks", "out", "resolved"],
      ["sorry", "out", "unresolved"],
    ),
    tests: [
      {
        id: "hours",
        name: t.tests.hours.name,
        customer: { name: t.tests.hours.customer, channel: "webchat" },
        steps: [{ do: "message", text: t.tests.hours.message }],
        expect: {
          status: "completed",
          outcome: "answered",
          sent: t.tests.hours.sent,
          path: ["start", "thank-you", "greet", "by-phone", "topic", "hours", "answered"],
        },
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
          { do: "complete-task", outcome: taskOutcome(language, "resolved") },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: t.tests.handover.sent,
          path: ["topic", "handover", "task", "thanks"],
        },
      },
      {
        id: "thank-you",
        name: t.tests.thankYou.name,
        customer: { name: t.tests.thankYou.customer, channel: "webchat" },
        steps: [{ do: "message", text: t.tests.thankYou.message }],
        expect: { status: "completed", outcome: "thanked", sent: t.tests.thankYou.sent, path: ["start", "thank-you", "welcome", "thanked"] },
      },
      {
        id: "caller",
        name: t.tests.caller.name,
        customer: { name: t.tests.caller.customer, channel: "phone" },
        // What the phone channel says when a call comes in (CALL_STARTED), then the caller's words.
        steps: [
          { do: "message", text: "Incoming call" },
          { do: "message", text: t.tests.caller.message },
        ],
        expect: {
          status: "completed",
          outcome: "answered",
          sent: t.tests.caller.sent,
          path: ["greet", "by-phone", "ask-caller", "topic", "hours", "answered"],
        },
      },
    ],
  },
}));
