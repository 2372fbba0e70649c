import { at, wires } from "./layout";
import { taskOutcome } from "./task-outcomes";
import { defineTemplate } from "./template";

const payment = {
  transactionId: "tx-88121",
  amount: 1290,
  currency: "EUR",
  country: "Turkey",
  merchant: "Grand Bazaar Jewellers",
  unusualCountry: true,
};

const en = {
  name: "Fraud alert",
  description:
    "A card payment in an unusual country (CRM event card.transaction) asks the customer to confirm it. " +
    '"It was me" closes the alert; "Not me" opens a card-block case in the CRM and an urgent task in the card-blocking queue; ' +
    "no answer within 15 minutes (or three unclear ones) creates a call task in outbound-calls " +
    "whose title names the amount, currency, merchant and country.",
  question:
    "Hello {{customer.name | there}}, this is the security team of your bank. " +
    "We have just seen a card payment of {{vars.amount}} {{vars.currency}} at {{vars.merchant | a merchant}} in {{vars.country}}. Was this you? " +
    "If we don't hear from you within 15 minutes, we will call you.",
  itWasMe: "It was me",
  notMe: "Not me",
  retry: 'Sorry, please answer "It was me" or "Not me".',
  thanks: "Thank you for confirming, {{customer.name | there}}. The payment stands and your card stays active. Safe travels!",
  blocking:
    "Thank you for telling us. We are blocking your card right now to protect your money, and we will dispute this payment for you. We'll message you as soon as the card is blocked.",
  callTitle:
    "Call {{customer.name | the cardholder}}: " +
    "unconfirmed {{vars.amount}} {{vars.currency}} at {{vars.merchant | an unknown merchant}} in {{vars.country}} " +
    "(transaction {{vars.transactionId}})",
  callSteps: [
    "Call the customer on the phone number in the CRM",
    "Confirm their identity with the security questions",
    "Read out the payment in the title: amount, merchant and country",
    "If they do not recognise it, pick not-me so the card gets blocked",
  ],
  caseSubject: "Card payment not recognised: {{vars.amount}} {{vars.currency}} in {{vars.country}}",
  blockTitle:
    "Block the card of {{customer.name | a cardholder}}: " +
    "{{vars.amount}} {{vars.currency}} at {{vars.merchant | an unknown merchant}} in {{vars.country}} not recognised " +
    "(transaction {{vars.transactionId}})",
  blockSteps: [
    "Block the card in the card-management system",
    "Open a chargeback dispute for the transaction in the title",
    "Order a replacement card to the address on file",
  ],
  blocked: "Your card has been blocked and a replacement is on its way to the address we have on file. We will keep you posted about the disputed payment.",
  tests: {
    customer: "Maria",
    payment,
    usualCountry: "Germany",
    itWasMe: {
      name: '"It was me" confirms the payment',
      reply: "It was me",
      sent: ["1290 EUR at Grand Bazaar Jewellers in Turkey", "Thank you for confirming, Maria"],
    },
    notMe: {
      name: '"Not me" blocks the card through an urgent task',
      reply: "not me",
      sent: ["Was this you?", "blocking your card right now", "has been blocked"],
    },
    noAnswer: { name: "No answer within 15 minutes creates a call task; the customer does not recognise the payment", sent: ["Was this you?"] },
    usual: { name: "A payment in a usual country sends nothing" },
  },
};

const ru: typeof en = {
  name: "Подозрительная операция",
  description:
    "Оплата картой в нетипичной для клиента стране (событие CRM card.transaction): клиента просят подтвердить операцию. " +
    "«Это я» закрывает проверку; «Это не я» открывает в CRM обращение на блокировку карты и срочную задачу в очереди card-blocking; " +
    "если клиент не ответил за 15 минут (или трижды ответил непонятно), в очереди outbound-calls появляется задача на звонок " +
    "с суммой, валютой, продавцом и страной в заголовке.",
  question:
    "Здравствуйте, {{customer.name | уважаемый клиент}}! Вас беспокоит служба безопасности вашего банка. " +
    "Мы только что увидели оплату вашей картой на сумму {{vars.amount}} {{vars.currency}}: {{vars.merchant | продавец не указан}}, {{vars.country}}. Это были вы? " +
    "Если вы не ответите в течение 15 минут, мы вам позвоним.",
  itWasMe: "Это я",
  notMe: "Это не я",
  retry: "Извините, не поняли ответ. Пожалуйста, ответьте «Это я» или «Это не я».",
  thanks: "Спасибо за подтверждение, {{customer.name | уважаемый клиент}}. Операция проведена, карта продолжает работать. Хорошей поездки!",
  blocking:
    "Спасибо, что сообщили. Чтобы защитить ваши деньги, мы прямо сейчас блокируем карту и оспорим этот платёж. Как только карта будет заблокирована, мы вам напишем.",
  callTitle:
    "Позвонить {{customer.name | клиенту}}: не подтверждена оплата " +
    "{{vars.amount}} {{vars.currency}}, {{vars.merchant | продавец неизвестен}}, {{vars.country}} ({{vars.transactionId}})",
  callSteps: [
    "Позвоните клиенту по номеру телефона из CRM",
    "Подтвердите личность клиента по контрольным вопросам",
    "Назовите операцию из заголовка: сумму, продавца и страну",
    "Если клиент её не узнаёт, выберите not-me, чтобы карту заблокировали",
  ],
  caseSubject: "Клиент не узнаёт операцию по карте: {{vars.amount}} {{vars.currency}}, {{vars.country}}",
  blockTitle:
    "Заблокировать карту {{customer.name | клиента}}: не узнана оплата " +
    "{{vars.amount}} {{vars.currency}}, {{vars.merchant | продавец неизвестен}}, {{vars.country}} ({{vars.transactionId}})",
  blockSteps: [
    "Заблокируйте карту в системе управления картами",
    "Откройте чарджбэк по транзакции из заголовка",
    "Закажите перевыпуск карты с доставкой по адресу из профиля клиента",
  ],
  blocked:
    "Ваша карта заблокирована, новая уже выпускается и будет доставлена по адресу из вашего профиля. Мы будем держать вас в курсе по оспоренному платежу.",
  tests: {
    customer: "Мария",
    payment: { ...payment, country: "Турция" },
    usualCountry: "Россия",
    itWasMe: {
      name: "«Это я» подтверждает операцию",
      reply: "Это я",
      sent: ["1290 EUR: Grand Bazaar Jewellers, Турция", "Спасибо за подтверждение, Мария"],
    },
    notMe: {
      name: "«Это не я» блокирует карту через срочную задачу",
      reply: "это не я",
      sent: ["Это были вы?", "прямо сейчас блокируем карту", "Ваша карта заблокирована"],
    },
    noAnswer: { name: "Нет ответа 15 минут: задача на звонок, клиент не узнаёт операцию", sent: ["Это были вы?"] },
    usual: { name: "Оплата в привычной стране ничего не отправляет" },
  },
};

/** A card payment in an unusual country: the customer confirms it, or the card gets blocked. */
export const fraudAlert = defineTemplate("fraud-alert", { en, ru }, (t, language) => ({
  name: t.name,
  description: t.description,
  document: {
    nodes: [
      { id: "start", type: "trigger.crm-event", position: at(0, 1), settings: { event: "card.transaction" } },
      { id: "unusual", type: "logic.expression", position: at(1, 1), settings: { expression: "vars.unusualCountry == true" } },
      {
        id: "confirm",
        type: "message.ask",
        position: at(2, 0),
        settings: {
          question: t.question,
          answer: "buttons",
          buttons: [t.itWasMe, t.notMe],
          variable: "confirmation",
          maxAttempts: 3,
          retryText: t.retry,
          timeoutSeconds: 15 * 60,
        },
      },
      { id: "ignored", type: "flow.end", position: at(2, 2), settings: { outcome: "ignored" } },
      { id: "thanks", type: "message.send", position: at(3, 0), settings: { text: t.thanks } },
      { id: "blocking", type: "message.send", position: at(3, 1), settings: { text: t.blocking } },
      {
        id: "call",
        type: "routing.operator-task",
        position: at(3, 2),
        settings: {
          queue: "outbound-calls",
          title: t.callTitle,
          steps: t.callSteps,
          outcomes: [taskOutcome(language, "confirmed"), taskOutcome(language, "not-me"), taskOutcome(language, "unreachable")],
          priority: "high",
        },
      },
      { id: "confirmed", type: "flow.end", position: at(4, 0), settings: { outcome: "confirmed" } },
      {
        id: "case",
        type: "crm.case",
        position: at(4, 1),
        settings: {
          type: "card-block",
          status: "open",
          priority: "urgent",
          subject: t.caseSubject,
          details: [
            "transactionId = {{vars.transactionId}}",
            "merchant = {{vars.merchant}}",
            "amount = {{vars.amount}} {{vars.currency}}",
            "country = {{vars.country}}",
          ],
        },
      },
      {
        id: "block",
        type: "routing.operator-task",
        position: at(5, 1),
        settings: { queue: "card-blocking", title: t.blockTitle, steps: t.blockSteps, outcomes: [taskOutcome(language, "blocked")], priority: "urgent" },
      },
      { id: "unreachable", type: "flow.end", position: at(4, 3), settings: { outcome: "unreachable" } },
      { id: "blocked", type: "message.send", position: at(6, 1), settings: { text: t.blocked } },
      { id: "card-blocked", type: "flow.end", position: at(7, 1), settings: { outcome: "card-blocked" } },
    ],
    edges: wires(
      ["start", "out", "unusual"],
      ["unusual", "true", "confirm"],
      ["unusual", "false", "ignored"],
      ["confirm", "button-1", "thanks"],
      ["confirm", "button-2", "blocking"],
      ["confirm", "invalid", "call"],
      ["confirm", "timeout", "call"],
      ["thanks", "out", "confirmed"],
      ["blocking", "out", "case"],
      ["case", "out", "block"],
      ["call", `outcome-${taskOutcome(language, "confirmed")}`, "confirmed"],
      ["call", `outcome-${taskOutcome(language, "not-me")}`, "case"],
      ["call", `outcome-${taskOutcome(language, "unreachable")}`, "unreachable"],
      ["block", `outcome-${taskOutcome(language, "blocked")}`, "blocked"],
      ["blocked", "out", "card-blocked"],
    ),
    tests: [
      {
        id: "it-was-me",
        name: t.tests.itWasMe.name,
        customer: { name: t.tests.customer, channel: "sms" },
        steps: [
          { do: "crm-event", name: "card.transaction", payload: t.tests.payment },
          { do: "message", text: t.tests.itWasMe.reply },
        ],
        expect: {
          status: "completed",
          outcome: "confirmed",
          sent: t.tests.itWasMe.sent,
          path: ["start", "unusual", "confirm", "thanks", "confirmed"],
          vars: { confirmation: t.itWasMe },
        },
      },
      {
        id: "not-me",
        name: t.tests.notMe.name,
        customer: { name: t.tests.customer, channel: "sms" },
        steps: [
          { do: "crm-event", name: "card.transaction", payload: t.tests.payment },
          { do: "message", text: t.tests.notMe.reply },
          { do: "complete-task", outcome: taskOutcome(language, "blocked") },
        ],
        expect: {
          status: "completed",
          outcome: "card-blocked",
          sent: t.tests.notMe.sent,
          path: ["confirm", "blocking", "case", "block", "blocked", "card-blocked"],
          vars: { confirmation: t.notMe, caseId: "sim:case-card-block" },
        },
      },
      {
        id: "no-answer",
        name: t.tests.noAnswer.name,
        customer: { name: t.tests.customer, channel: "sms" },
        steps: [
          { do: "crm-event", name: "card.transaction", payload: t.tests.payment },
          { do: "wait", seconds: 15 * 60 },
          { do: "complete-task", outcome: taskOutcome(language, "not-me") },
        ],
        expect: { status: "waiting", sent: t.tests.noAnswer.sent, path: ["confirm", "call", "block"] },
      },
      {
        id: "usual-country",
        name: t.tests.usual.name,
        customer: { name: t.tests.customer, channel: "sms" },
        steps: [{ do: "crm-event", name: "card.transaction", payload: { ...t.tests.payment, country: t.tests.usualCountry, unusualCountry: false } }],
        expect: { status: "completed", outcome: "ignored", sent: [], path: ["start", "unusual", "ignored"] },
      },
    ],
  },
}));
