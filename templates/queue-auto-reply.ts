import { at, wires } from "./layout";
import { taskOutcome } from "./task-outcomes";
import { defineTemplate } from "./template";

const EXPECTED_WAIT_MINUTES = 10;

const en = {
  name: "Queue auto-reply",
  description:
    "Before a new web chat waits in the support queue, " +
    `an auto-reply gives the expected wait (about ${EXPECTED_WAIT_MINUTES} minutes while the team is in; ` +
    "when it is offline, a reply once it opens) and the other ways to reach us: Telegram, phone and e-mail. " +
    "Not yet possible: the wait is a fixed estimate (a flow cannot read the live queue), " +
    "and the reply is sent once (a flow cannot send reminders and keep waiting for the same operator task).",
  busy:
    "{{customer.name | Hello}}, thanks for your message! " +
    "All our agents are helping other customers right now; " +
    `the expected wait is about ${EXPECTED_WAIT_MINUTES} minutes, and you keep your place in the queue here. ` +
    "If you'd rather not wait, you can also reach us on Telegram (@omniflow_support), by phone on +44 20 7946 0000, " +
    "or by e-mail at support@omniflow.example.",
  offline:
    "{{customer.name | Hello}}, thanks for your message! " +
    "Our team is offline right now (Mon–Fri 8:00–20:00, Sat 9:00–17:00 UK time), so an agent will reply here as soon as we open. " +
    "Meanwhile our Telegram bot (@omniflow_support) answers common questions around the clock, you can e-mail support@omniflow.example, " +
    "or call +44 20 7946 0000 during opening hours.",
  taskTitle: "Web chat from {{customer.name | a visitor}}: {{message.text}}",
  taskSteps: ["Read the conversation", "Answer the customer in the chat", "Pick an outcome"],
  tests: {
    customer: "Ann",
    message: "Hi, I can't log in to my account",
    open: {
      name: "During opening hours the auto-reply gives the wait and the other channels",
      sent: [`Ann, thanks for your message! All our agents are helping other customers right now; the expected wait is about ${EXPECTED_WAIT_MINUTES} minutes`],
    },
    saturday: { name: "On Saturday evening the offline auto-reply points to Telegram and e-mail", sent: ["Our team is offline right now"] },
  },
};

const ru: typeof en = {
  name: "Автоответ в очереди",
  description:
    "Пока новый веб-чат ждёт в очереди поддержки, " +
    `автоответ сообщает примерное время ожидания (около ${EXPECTED_WAIT_MINUTES} минут, пока операторы на смене; ` +
    "в нерабочее время — ответ после открытия) и другие способы связи: Telegram, телефон и e-mail. " +
    "Пока не поддерживается: время ожидания — фиксированная оценка (сценарий не видит очередь в реальном времени), " +
    "и автоответ отправляется один раз (сценарий не умеет отправлять напоминания, продолжая ждать ту же задачу оператора).",
  busy:
    "Спасибо за сообщение, {{customer.name | уважаемый клиент}}! " +
    "Все операторы сейчас заняты другими клиентами; " +
    `ожидание займёт около ${EXPECTED_WAIT_MINUTES} минут, ваша очередь в этом чате сохранится. ` +
    "Если не хотите ждать, напишите нам в Telegram (@omniflow_support), позвоните по номеру +44 20 7946 0000 " +
    "или напишите на support@omniflow.example.",
  offline:
    "Спасибо за сообщение, {{customer.name | уважаемый клиент}}! " +
    "Сейчас мы не работаем (Пн–Пт 8:00–20:00, Сб 9:00–17:00 по лондонскому времени), оператор ответит здесь сразу после открытия. " +
    "А пока наш Telegram-бот (@omniflow_support) круглосуточно отвечает на частые вопросы; можно также написать на support@omniflow.example " +
    "или позвонить по номеру +44 20 7946 0000 в рабочее время.",
  taskTitle: "Веб-чат от {{customer.name | посетителя}}: {{message.text}}",
  taskSteps: ["Прочитайте переписку", "Ответьте клиенту в чате", "Выберите результат обращения"],
  tests: {
    customer: "Анна",
    message: "Здравствуйте, не могу войти в личный кабинет",
    open: {
      name: "В рабочее время автоответ называет время ожидания и другие каналы",
      sent: [`Спасибо за сообщение, Анна! Все операторы сейчас заняты другими клиентами; ожидание займёт около ${EXPECTED_WAIT_MINUTES} минут`],
    },
    saturday: { name: "В субботу вечером автоответ в нерабочее время предлагает Telegram и e-mail", sent: ["Сейчас мы не работаем"] },
  },
};

/** Before a chat waits in the queue, an auto-reply names the expected wait and the other channels. */
export const queueAutoReply = defineTemplate("queue-auto-reply", { en, ru }, (t, language) => ({
  name: t.name,
  description: t.description,
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: at(0, 1), settings: { channel: "webchat" } },
      {
        id: "hours",
        type: "logic.business-hours",
        position: at(1, 1),
        settings: {
          timeZone: "Europe/London",
          mon: "08:00-20:00",
          tue: "08:00-20:00",
          wed: "08:00-20:00",
          thu: "08:00-20:00",
          fri: "08:00-20:00",
          sat: "09:00-17:00",
          sun: "",
        },
      },
      {
        id: "busy",
        type: "message.send",
        position: at(2, 0),
        settings: {
          text: t.busy,
        },
      },
      {
        id: "offline",
        type: "message.send",
        position: at(2, 2),
        settings: {
          text: t.offline,
        },
      },
      {
        id: "task",
        type: "routing.operator-task",
        position: at(3, 1),
        settings: {
          queue: "support",
          title: t.taskTitle,
          steps: t.taskSteps,
          outcomes: [taskOutcome(language, "resolved"), taskOutcome(language, "unresolved")],
        },
      },
      { id: "resolved", type: "flow.end", position: at(4, 1), settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: at(4, 2), settings: { outcome: "unresolved" } },
    ],
    edges: wires(
      ["start", "out", "hours"],
      ["hours", "open", "busy"],
      ["hours", "closed", "offline"],
      ["busy", "out", "task"],
      ["offline", "out", "task"],
      ["task", `outcome-${taskOutcome(language, "resolved")}`, "resolved"],
      ["task", `outcome-${taskOutcome(language, "unresolved")}`, "unresolved"],
    ),
    tests: [
      {
        id: "open",
        name: t.tests.open.name,
        customer: { name: t.tests.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.message },
          { do: "complete-task", outcome: taskOutcome(language, "resolved") },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: t.tests.open.sent,
          path: ["start", "hours", "busy", "task", "resolved"],
        },
      },
      {
        id: "saturday-evening",
        name: t.tests.saturday.name,
        customer: { name: t.tests.customer, channel: "webchat" },
        // Monday 09:00 UTC + 5 days 9 hours = Saturday 18:00 in London.
        steps: [
          { do: "wait", seconds: 5 * 86400 + 9 * 3600 },
          { do: "message", text: t.tests.message },
        ],
        expect: { status: "waiting", sent: t.tests.saturday.sent, path: ["start", "hours", "offline", "task"] },
      },
    ],
  },
}));
