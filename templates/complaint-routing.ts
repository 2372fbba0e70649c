import { at, wires } from "./layout";
import { taskOutcome } from "./task-outcomes";
import { defineTemplate } from "./template";

const SLA_MINUTES = 30;

/** Complaint phrases in English and Russian, shared by both languages' intents. */
const COMPLAINT_EN = [
  "I want to make a complaint",
  "I would like to file a formal complaint",
  "I am writing to complain about your service",
  "the courier was rude to me",
  "my order arrived damaged",
  "you charged me twice",
  "nobody has answered my emails for a week",
  "I want a refund and an apology",
  "this is unacceptable",
];
const COMPLAINT_RU = [
  "хочу подать жалобу",
  "у меня претензия к вашей компании",
  "курьер нагрубил",
  "заказ пришел поврежденным",
  "с меня дважды списали деньги",
  "прошу разобраться с этой ситуацией",
  "верните деньги за заказ",
  "мне никто не отвечает уже неделю",
];
const QUESTION_EN = [
  "where is my order",
  "how can I pay",
  "can I change the delivery address",
  "do you have this in stock",
  "what are your opening hours",
  "how do I return an item",
  "I need an invoice for my order",
];
const QUESTION_RU = [
  "где мой заказ",
  "как оплатить заказ",
  "можно изменить адрес доставки",
  "есть ли товар в наличии",
  "как оформить возврат",
  "нужен счет на оплату",
];

const en = {
  name: "Complaint routing",
  description:
    'An e-mail or web chat that reads as a complaint (negative sentiment, or the "complaint" intent in English or Russian) ' +
    `goes to the conflict-resolution queue for operators with the "complaints" skill, with high priority and a ${SLA_MINUTES}-minute SLA. ` +
    `On breach supervisors are notified and the same task moves to the supervisors' queue as urgent with a new ${SLA_MINUTES}-minute SLA; ` +
    "if that passes too, the customer is told the case stays open. Everything else gets a normal reply and a support task.",
  complaintExamples: [...COMPLAINT_EN, ...COMPLAINT_RU],
  questionExamples: [...QUESTION_EN, ...QUESTION_RU],
  sorry:
    "We're very sorry to hear this, {{customer.name | there}}. " +
    "Your complaint has been passed to our conflict-resolution team, who handle it with priority: " +
    `a specialist will get back to you within ${SLA_MINUTES} minutes.`,
  conflictTitle: "Complaint from {{customer.name | a customer}} ({{customer.channel}}): {{message.text}}",
  conflictSteps: [
    "Read the whole conversation and the customer's recent orders",
    "Contact the customer and apologise",
    "Agree a remedy: refund, replacement or goodwill credit",
    "Write down what was agreed in the conversation",
  ],
  escalated: "Thank you for your patience. Your case is taking longer than we promised, so a supervisor is now handling it personally.",
  alertTitle: `Complaint SLA (${SLA_MINUTES} min) breached: {{customer.name | a customer}} ({{customer.channel}})`,
  escalationNote: `Escalated: nobody in conflict resolution took it within ${SLA_MINUTES} minutes. Contact the customer personally.`,
  thanks: "Thank you for bearing with us. We consider your complaint resolved; if anything is still not right, just reply to this message.",
  followup: "We're sorry we could not settle this yet. Your case stays open, and we will contact you again by the end of the next business day.",
  reply: "Thanks for getting in touch, {{customer.name | there}}. A member of our support team will reply to you shortly.",
  supportTitle: "Message from {{customer.name | a customer}} ({{customer.channel}}): {{message.text}}",
  supportSteps: ["Read the conversation", "Answer the customer", "Pick an outcome"],
  tests: {
    angry: {
      name: "An angry web chat goes to conflict resolution and is resolved",
      customer: "Ann",
      message: "This is the worst service ever, my order arrived broken and nobody answers",
      sent: ["very sorry to hear this, Ann", "complaint resolved"],
    },
    calm: {
      name: "A calm Russian e-mail is recognised as a complaint by its intent",
      customer: "Ivan",
      message: "Курьер оставил посылку у чужой двери, прошу разобраться",
      sent: ["specialist will get back to you within 30 minutes"],
    },
    formal: { customer: "Ben", message: "I would like to lodge a formal complaint about order 5521" },
    slaBreach: {
      name: "No answer within the SLA moves the task to supervisors, who resolve it",
      sent: ["conflict-resolution team", "a supervisor is now handling it", "complaint resolved"],
    },
    slaBreachTwice: {
      name: "Supervisors miss their SLA too: the customer hears the case stays open",
      sent: ["conflict-resolution team", "a supervisor is now handling it", "Your case stays open"],
    },
    escalatedUnresolved: { name: "A supervisor who cannot settle it leads to the follow-up promise" },
    question: {
      name: "An ordinary question gets a normal reply and a support task",
      customer: "Eva",
      message: "Can you send me an invoice for order 7781?",
      sent: ["A member of our support team will reply"],
    },
  },
};

const ru: typeof en = {
  name: "Маршрутизация жалоб",
  description:
    "Письмо или сообщение в веб-чате, похожее на жалобу (негативная тональность или намерение «жалоба» на русском или английском), " +
    `попадает в очередь урегулирования конфликтов к операторам с навыком «complaints» — с высоким приоритетом и SLA ${SLA_MINUTES} минут. ` +
    `При нарушении SLA супервизоры получают уведомление, а та же задача переходит в очередь супервизоров как срочная с новым SLA ${SLA_MINUTES} минут; ` +
    "если и он истекает, клиенту сообщают, что обращение остаётся открытым. На остальные сообщения клиент получает обычный ответ, а поддержка — задачу.",
  complaintExamples: [
    ...COMPLAINT_RU,
    "хочу оставить претензию",
    "это просто безобразие",
    "недоволен качеством обслуживания",
    "требую вернуть деньги и извиниться",
    "товар пришел бракованный",
    ...COMPLAINT_EN,
  ],
  questionExamples: [...QUESTION_RU, "пришлите счет по заказу", "когда вы работаете", "как поменять способ оплаты", ...QUESTION_EN],
  sorry:
    "Нам очень жаль, что так получилось, {{customer.name | уважаемый клиент}}. " +
    "Ваша жалоба передана специалистам по урегулированию конфликтов, они рассмотрят её в приоритетном порядке: " +
    `специалист свяжется с вами в течение ${SLA_MINUTES} минут.`,
  conflictTitle: "Жалоба от {{customer.name | клиента}} ({{customer.channel}}): {{message.text}}",
  conflictSteps: [
    "Прочитайте всю переписку и последние заказы клиента",
    "Свяжитесь с клиентом и принесите извинения",
    "Согласуйте компенсацию: возврат денег, замену или бонус на счёт",
    "Запишите в обращении, о чём договорились",
  ],
  escalated: "Спасибо за терпение. Рассмотрение вашего обращения занимает больше времени, чем мы обещали, поэтому им лично занимается супервизор.",
  alertTitle: `Нарушен SLA по жалобе (${SLA_MINUTES} мин): {{customer.name | клиент}} ({{customer.channel}})`,
  escalationNote: `Эскалация: никто из группы урегулирования конфликтов не взял задачу за ${SLA_MINUTES} минут. Свяжитесь с клиентом лично.`,
  thanks: "Спасибо, что дождались. Мы считаем вашу жалобу урегулированной; если что-то всё ещё не так, просто ответьте на это сообщение.",
  followup: "К сожалению, пока не удалось решить вопрос. Ваше обращение остаётся открытым, и мы свяжемся с вами до конца следующего рабочего дня.",
  reply: "Спасибо за обращение, {{customer.name | уважаемый клиент}}. Специалист службы поддержки скоро вам ответит.",
  supportTitle: "Сообщение от {{customer.name | клиента}} ({{customer.channel}}): {{message.text}}",
  supportSteps: ["Прочитайте переписку", "Ответьте клиенту", "Выберите результат обращения"],
  tests: {
    angry: {
      name: "Гневное сообщение в веб-чате уходит на урегулирование и решается",
      customer: "Анна",
      message: "Это ужасный сервис, заказ пришёл сломанным, и никто не отвечает, просто кошмар",
      sent: ["Нам очень жаль, что так получилось, Анна", "жалобу урегулированной"],
    },
    calm: {
      name: "Спокойное письмо распознаётся как жалоба по намерению",
      customer: "Иван",
      message: "Курьер оставил посылку у чужой двери, прошу разобраться",
      sent: ["специалист свяжется с вами в течение 30 минут"],
    },
    formal: { customer: "Борис", message: "Прошу официально разобраться с ситуацией по заказу 5521" },
    slaBreach: {
      name: "Без ответа в рамках SLA задача переходит к супервизорам, и они решают вопрос",
      sent: ["специалистам по урегулированию конфликтов", "лично занимается супервизор", "жалобу урегулированной"],
    },
    slaBreachTwice: {
      name: "Супервизоры тоже не уложились в SLA: клиенту сообщают, что обращение открыто",
      sent: ["специалистам по урегулированию конфликтов", "лично занимается супервизор", "обращение остаётся открытым"],
    },
    escalatedUnresolved: { name: "Если супервизор не может решить вопрос, клиенту обещают связаться позже" },
    question: {
      name: "Обычный вопрос получает стандартный ответ и задачу для поддержки",
      customer: "Ева",
      message: "Пришлите, пожалуйста, счёт на оплату по заказу 7781",
      sent: ["Специалист службы поддержки скоро вам ответит"],
    },
  },
};

/** E-mail and chat complaints go to conflict resolution with an SLA; a breach escalates to a supervisor. */
export const complaintRouting = defineTemplate("complaint-routing", { en, ru }, (t, language) => ({
  name: t.name,
  description: t.description,
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: at(0, 2), settings: { channel: "any" } },
      { id: "channel", type: "logic.channel-is", position: at(1, 2), settings: { channels: ["email", "webchat"] } },
      { id: "mood", type: "logic.sentiment", position: at(2, 1), settings: { negativeBelow: -1, positiveAbove: 1 } },
      {
        id: "topic",
        type: "logic.intent",
        position: at(3, 2),
        settings: {
          minConfidence: 0.35,
          intents: [
            { name: "complaint", examples: t.complaintExamples },
            // Ordinary requests, so words like "order" do not pull every message towards a complaint.
            { name: "question", examples: t.questionExamples },
          ],
        },
      },
      { id: "sorry", type: "message.send", position: at(4, 0), settings: { text: t.sorry } },
      {
        id: "conflict",
        type: "routing.operator-task",
        position: at(5, 0),
        settings: {
          queue: "conflict-resolution",
          skills: ["complaints"],
          title: t.conflictTitle,
          steps: t.conflictSteps,
          outcomes: [taskOutcome(language, "resolved"), taskOutcome(language, "unresolved")],
          priority: "high",
          slaMinutes: SLA_MINUTES,
        },
      },
      { id: "escalated", type: "message.send", position: at(6, 1), settings: { text: t.escalated } },
      {
        id: "alert",
        type: "routing.notify",
        position: at(7, 1),
        settings: { audience: "supervisors", level: "critical", title: t.alertTitle, body: "{{message.text}}" },
      },
      {
        id: "supervisor",
        type: "routing.escalate",
        position: at(8, 1),
        settings: { to: "supervisors", priority: "urgent", slaMinutes: SLA_MINUTES, note: t.escalationNote },
      },
      { id: "settled", type: "logic.expression", position: at(9, 1), settings: { expression: `task.outcome == "${taskOutcome(language, "resolved")}"` } },
      { id: "thanks", type: "message.send", position: at(10, 0), settings: { text: t.thanks } },
      { id: "followup", type: "message.send", position: at(10, 2), settings: { text: t.followup } },
      { id: "resolved", type: "flow.end", position: at(11, 0), settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: at(11, 2), settings: { outcome: "unresolved" } },
      { id: "reply", type: "message.send", position: at(4, 3), settings: { text: t.reply } },
      {
        id: "support",
        type: "routing.operator-task",
        position: at(5, 3),
        settings: { queue: "support", title: t.supportTitle, steps: t.supportSteps, outcomes: [taskOutcome(language, "answered")] },
      },
      { id: "answered", type: "flow.end", position: at(6, 3), settings: { outcome: "answered" } },
    ],
    edges: wires(
      ["start", "out", "channel"],
      ["channel", "match", "mood"],
      ["channel", "else", "reply"],
      ["mood", "negative", "sorry"],
      ["mood", "neutral", "topic"],
      ["mood", "positive", "topic"],
      ["topic", "intent-1", "sorry"],
      ["topic", "intent-2", "reply"],
      ["topic", "unknown", "reply"],
      ["sorry", "out", "conflict"],
      ["conflict", `outcome-${taskOutcome(language, "resolved")}`, "thanks"],
      ["conflict", `outcome-${taskOutcome(language, "unresolved")}`, "followup"],
      ["conflict", "sla-breached", "escalated"],
      ["escalated", "out", "alert"],
      ["alert", "out", "supervisor"],
      ["supervisor", "done", "settled"],
      ["supervisor", "sla-breached", "followup"],
      ["settled", "true", "thanks"],
      ["settled", "false", "followup"],
      ["thanks", "out", "resolved"],
      ["followup", "out", "unresolved"],
      ["reply", "out", "support"],
      ["support", `outcome-${taskOutcome(language, "answered")}`, "answered"],
    ),
    tests: [
      {
        id: "angry-chat",
        name: t.tests.angry.name,
        customer: { name: t.tests.angry.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.angry.message },
          { do: "complete-task", outcome: taskOutcome(language, "resolved") },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: t.tests.angry.sent,
          path: ["start", "channel", "mood", "sorry", "conflict", "thanks", "resolved"],
          vars: { sentiment: "negative" },
        },
      },
      {
        id: "calm-russian-email",
        name: t.tests.calm.name,
        customer: { name: t.tests.calm.customer, channel: "email" },
        steps: [{ do: "message", text: t.tests.calm.message }],
        expect: {
          status: "waiting",
          sent: t.tests.calm.sent,
          path: ["channel", "mood", "topic", "sorry", "conflict"],
          vars: { sentiment: "neutral", intent: "complaint" },
        },
      },
      {
        id: "sla-breach",
        name: t.tests.slaBreach.name,
        customer: { name: t.tests.formal.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.formal.message },
          { do: "wait", seconds: SLA_MINUTES * 60 + 60 },
          { do: "complete-task", outcome: taskOutcome(language, "resolved") },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: t.tests.slaBreach.sent,
          path: ["topic", "sorry", "conflict", "escalated", "alert", "supervisor", "settled", "thanks", "resolved"],
        },
      },
      {
        id: "sla-breach-twice",
        name: t.tests.slaBreachTwice.name,
        customer: { name: t.tests.formal.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.formal.message },
          { do: "wait", seconds: 2 * SLA_MINUTES * 60 + 60 },
        ],
        expect: {
          status: "completed",
          outcome: "unresolved",
          sent: t.tests.slaBreachTwice.sent,
          path: ["conflict", "escalated", "alert", "supervisor", "followup", "unresolved"],
        },
      },
      {
        id: "escalated-unresolved",
        name: t.tests.escalatedUnresolved.name,
        customer: { name: t.tests.formal.customer, channel: "webchat" },
        steps: [
          { do: "message", text: t.tests.formal.message },
          { do: "wait", seconds: SLA_MINUTES * 60 + 60 },
          { do: "complete-task", outcome: taskOutcome(language, "unresolved") },
        ],
        expect: { status: "completed", outcome: "unresolved", path: ["supervisor", "settled", "followup", "unresolved"] },
      },
      {
        id: "question",
        name: t.tests.question.name,
        customer: { name: t.tests.question.customer, channel: "email" },
        steps: [
          { do: "message", text: t.tests.question.message },
          { do: "complete-task", outcome: taskOutcome(language, "answered") },
        ],
        expect: {
          status: "completed",
          outcome: "answered",
          sent: t.tests.question.sent,
          path: ["channel", "mood", "topic", "reply", "support", "answered"],
          vars: { intent: "question" },
        },
      },
    ],
  },
}));
