import { at, wires } from "./layout";
import { taskOutcome } from "./task-outcomes";
import { defineTemplate } from "./template";

const CALL_ME_EN = [
  "call me",
  "can you call me back",
  "please phone me",
  "I'd rather talk on the phone",
  "can someone ring me",
  "it is easier to explain by phone",
  "give me a call at this number",
];
const CALL_ME_RU = [
  "перезвоните мне",
  "позвоните мне пожалуйста",
  "можно мне позвонить",
  "хочу поговорить по телефону",
  "наберите меня",
  "лучше обсудить по телефону",
];
const QUESTION_EN = ["where is my order", "how can I pay", "can I change the delivery address", "do you ship abroad", "how do I return an item"];
const QUESTION_RU = ["где мой заказ", "как оплатить заказ", "можно изменить адрес доставки", "вы доставляете за границу", "как оформить возврат"];

const en = {
  name: "Hesitating chat → call",
  description:
    'In web chat, a negative message or a "call me" request (English or Russian) offers a callback with quick replies. ' +
    "Accepted: a high-priority task with a 15-minute SLA lands in the callbacks queue on this conversation (the operator reads the chat in the " +
    "customer card), and the number the visitor leaves is saved to their CRM record. " +
    "Declined, unanswered or any other message: the chat goes on with an operator.",
  callMeExamples: [...CALL_ME_EN, ...CALL_ME_RU],
  questionExamples: [...QUESTION_EN, ...QUESTION_RU],
  offer:
    "{{customer.name | Hello}}, would you prefer a phone call? One of our agents can call you back and will have this whole chat in front of them, so you won't need to repeat anything.",
  accept: "Yes, call me",
  decline: "No, chat is fine",
  confirmation: "Great! An agent will call you shortly and will read this chat first, so you can pick up right where we left off.",
  phoneQuestion: "Which number should we call? Please include the country code, e.g. +44 20 7946 0958.",
  phoneRetry: 'Hmm, "{{message.text}}" doesn\'t look like a phone number.',
  booked: "Thank you! We will call you at {{vars.phone}} within 15 minutes.",
  noNumber: "No problem: the agent will use the number we have on file, or continue with you here in the chat.",
  keep: "No problem, let's continue here. A colleague will join this chat in a moment.",
  queued: "{{customer.name | Hello}}, thanks for your message. A colleague will join this chat in a moment.",
  chatTitle: "Web chat with {{customer.name | a visitor}}",
  chatSteps: ["Read the conversation", "Answer the customer in the chat", "Pick an outcome"],
  tests: {
    upset: {
      name: "An upset visitor accepts a callback and leaves a number",
      customer: "Ann",
      messages: ["This is ridiculous, I have been waiting for an hour and nothing works", "Yes, call me", "+44 20 7946 0958"],
      sent: ["Ann, would you prefer a phone call?", "An agent will call you shortly", "Which number should we call?", "call you at +44 20 7946 0958"],
    },
    noNumber: {
      name: "Accepted but no number given: the callback stands, the chat stays open",
      customer: "Ann",
      messages: ["call me back please", "yes call me"],
      sent: ["would you prefer a phone call", "An agent will call you shortly", "Which number", "number we have on file"],
    },
    /** A request in the other language is understood too. */
    otherLanguage: {
      id: "russian-declines",
      name: 'A Russian "call me" is offered a callback, declined, and the chat goes on',
      customer: "Oleg",
      messages: ["Перезвоните мне, пожалуйста", "no"],
      sent: ["Oleg, would you prefer a phone call?", "let's continue here"],
    },
    question: {
      name: "A neutral question goes straight to an operator, no offer",
      customer: "Eva",
      message: "Where is my order 5531?",
      sent: ["A colleague will join this chat"],
    },
    ignored: {
      name: "An unanswered offer keeps the chat with an operator",
      customer: "Tim",
      message: "Can someone call me?",
      sent: ["would you prefer a phone call", "let's continue here"],
    },
  },
};

const ru: typeof en = {
  name: "Сомневающийся в чате → звонок",
  description:
    "Если посетитель веб-чата пишет с негативом или просит перезвонить (по-русски или по-английски), ему предлагают обратный звонок с быстрыми ответами. " +
    "Согласился — в очереди callbacks появляется задача с высоким приоритетом и SLA 15 минут на этот же диалог (оператор видит переписку в " +
    "карточке клиента), а оставленный номер сохраняется в карточке клиента в CRM. " +
    "Отказался, не ответил или написал что-то другое — чат продолжает оператор.",
  callMeExamples: [...CALL_ME_RU, "перезвоните пожалуйста", "можете мне позвонить", "жду звонка", "свяжитесь со мной по телефону", ...CALL_ME_EN],
  questionExamples: [...QUESTION_RU, "когда привезут заказ", "как вернуть товар", ...QUESTION_EN],
  offer:
    "{{customer.name | Уважаемый клиент}}, может быть, удобнее поговорить по телефону? Наш оператор перезвонит вам и будет видеть всю эту переписку, так что повторять ничего не придётся.",
  accept: "Да, позвоните мне",
  decline: "Нет, лучше в чате",
  confirmation: "Отлично! Оператор скоро вам позвонит и сначала прочитает этот чат, так что продолжим с того же места.",
  phoneQuestion: "На какой номер позвонить? Укажите его с кодом страны, например +7 495 123-45-67.",
  phoneRetry: "Кажется, «{{message.text}}» не похоже на номер телефона.",
  booked: "Спасибо! Мы позвоним вам на номер {{vars.phone}} в течение 15 минут.",
  noNumber: "Ничего страшного: оператор позвонит на номер, который есть у нас в карточке, или продолжит общение с вами здесь, в чате.",
  keep: "Хорошо, продолжим здесь. Оператор подключится к чату через минуту.",
  queued: "Спасибо за сообщение, {{customer.name | уважаемый клиент}}. Оператор подключится к чату через минуту.",
  chatTitle: "Веб-чат с {{customer.name | посетителем}}",
  chatSteps: ["Прочитайте переписку", "Ответьте клиенту в чате", "Выберите результат обращения"],
  tests: {
    upset: {
      name: "Недовольный посетитель соглашается на звонок и оставляет номер",
      customer: "Анна",
      messages: ["Это возмутительно, я жду уже час, и ничего не работает", "Да, позвоните мне", "+7 495 123-45-67"],
      sent: ["Анна, может быть, удобнее поговорить по телефону?", "Оператор скоро вам позвонит", "На какой номер позвонить?", "на номер +7 495 123-45-67"],
    },
    noNumber: {
      name: "Согласился, но номер не оставил: звонок в силе, чат остаётся открытым",
      customer: "Анна",
      messages: ["Перезвоните мне, пожалуйста", "да, позвоните мне"],
      sent: ["удобнее поговорить по телефону", "Оператор скоро вам позвонит", "На какой номер", "который есть у нас в карточке"],
    },
    otherLanguage: {
      id: "english-declines",
      name: "Просьба перезвонить на английском тоже понята: отказ, чат продолжается",
      customer: "Олег",
      messages: ["Can you call me back?", "нет"],
      sent: ["Олег, может быть, удобнее поговорить по телефону?", "продолжим здесь"],
    },
    question: {
      name: "Нейтральный вопрос сразу уходит оператору, без предложения звонка",
      customer: "Ева",
      message: "Где мой заказ 5531?",
      sent: ["Оператор подключится к чату"],
    },
    ignored: {
      name: "Без ответа на предложение чат остаётся с оператором",
      customer: "Тимур",
      message: "Можете мне позвонить?",
      sent: ["удобнее поговорить по телефону", "продолжим здесь"],
    },
  },
};

/** A hesitating or upset chat visitor is offered a callback that keeps the chat as context. */
export const chatToCall = defineTemplate("chat-to-call", { en, ru }, (t, language) => ({
  name: t.name,
  description: t.description,
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
            { name: "call me", examples: t.callMeExamples },
            // Everyday chat requests, so "call me" is only picked when the visitor asks for a call.
            { name: "question", examples: t.questionExamples },
          ],
        },
      },
      {
        id: "offer",
        type: "message.offer-channel-switch",
        position: at(3, 1),
        settings: {
          switchTo: "callback",
          offer: t.offer,
          accept: t.accept,
          decline: t.decline,
          confirmation: t.confirmation,
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
          question: t.phoneQuestion,
          validation: "phone",
          variable: "phone",
          maxAttempts: 3,
          retryText: t.phoneRetry,
          timeoutSeconds: 10 * 60,
        },
      },
      { id: "save-phone", type: "crm.update-customer", position: at(5, 0), settings: { fields: ["phone = {{vars.phone}}", "prefersCallback = true"] } },
      { id: "booked", type: "message.send", position: at(6, 0), settings: { text: t.booked } },
      { id: "callback-booked", type: "flow.end", position: at(7, 0), settings: { outcome: "callback-booked" } },
      { id: "no-number", type: "message.send", position: at(6, 1), settings: { text: t.noNumber } },
      { id: "keep", type: "message.send", position: at(5, 2), settings: { text: t.keep } },
      { id: "queued", type: "message.send", position: at(3, 4), settings: { text: t.queued } },
      {
        id: "chat",
        type: "routing.operator-task",
        position: at(6, 3),
        settings: {
          queue: "support",
          title: t.chatTitle,
          steps: t.chatSteps,
          outcomes: [taskOutcome(language, "resolved"), taskOutcome(language, "unresolved")],
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
      ["chat", `outcome-${taskOutcome(language, "resolved")}`, "resolved"],
      ["chat", `outcome-${taskOutcome(language, "unresolved")}`, "unresolved"],
    ),
    tests: [
      {
        id: "upset-accepts",
        name: t.tests.upset.name,
        customer: { name: t.tests.upset.customer, channel: "webchat" },
        steps: t.tests.upset.messages.map((text) => ({ do: "message" as const, text })),
        expect: {
          status: "completed",
          outcome: "callback-booked",
          sent: t.tests.upset.sent,
          path: ["start", "mood", "offer", "phone", "save-phone", "booked", "callback-booked"],
          vars: { sentiment: "negative", phone: t.tests.upset.messages[2] },
        },
      },
      {
        id: "accepts-no-number",
        name: t.tests.noNumber.name,
        customer: { name: t.tests.noNumber.customer, channel: "webchat" },
        steps: [...t.tests.noNumber.messages.map((text) => ({ do: "message" as const, text })), { do: "wait", seconds: 10 * 60 }],
        expect: {
          status: "completed",
          outcome: "callback-booked",
          sent: t.tests.noNumber.sent,
          path: ["offer", "phone", "no-number", "callback-booked"],
        },
      },
      {
        id: t.tests.otherLanguage.id,
        name: t.tests.otherLanguage.name,
        customer: { name: t.tests.otherLanguage.customer, channel: "webchat" },
        steps: t.tests.otherLanguage.messages.map((text) => ({ do: "message" as const, text })),
        expect: {
          status: "waiting",
          sent: t.tests.otherLanguage.sent,
          path: ["mood", "wants", "offer", "keep", "chat"],
          vars: { intent: "call me" },
        },
      },
      {
        id: "question",
        name: t.tests.question.name,
        customer: { name: t.tests.question.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.question.message },
          { do: "complete-task", outcome: taskOutcome(language, "resolved") },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: t.tests.question.sent,
          path: ["mood", "wants", "queued", "chat", "resolved"],
          vars: { intent: "question" },
        },
      },
      {
        id: "offer-ignored",
        name: t.tests.ignored.name,
        customer: { name: t.tests.ignored.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.ignored.message },
          { do: "wait", seconds: 5 * 60 },
        ],
        expect: { status: "waiting", sent: t.tests.ignored.sent, path: ["wants", "offer", "keep", "chat"] },
      },
    ],
  },
}));
