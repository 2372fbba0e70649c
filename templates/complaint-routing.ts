import { at, wires } from "./layout";
import { defineTemplate } from "./template";

const SLA_MINUTES = 30;

/** E-mail and chat complaints go to conflict resolution with an SLA; a breach escalates to a supervisor. */
export const complaintRouting = defineTemplate({
  id: "complaint-routing",
  name: "Complaint routing",
  description:
    'An e-mail or web chat that reads as a complaint (negative sentiment, or the "complaint" intent in English or Russian) ' +
    `goes to the conflict-resolution queue for operators with the "complaints" skill, with high priority and a ${SLA_MINUTES}-minute SLA. ` +
    `On breach supervisors are notified and the same task moves to the supervisors' queue as urgent with a new ${SLA_MINUTES}-minute SLA; ` +
    "if that passes too, the customer is told the case stays open. Everything else gets a normal reply and a support task.",
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
            {
              name: "complaint",
              examples: [
                "I want to make a complaint",
                "I would like to file a formal complaint",
                "I am writing to complain about your service",
                "the courier was rude to me",
                "my order arrived damaged",
                "you charged me twice",
                "nobody has answered my emails for a week",
                "I want a refund and an apology",
                "this is unacceptable",
                "хочу подать жалобу",
                "у меня претензия к вашей компании",
                "курьер нагрубил",
                "заказ пришел поврежденным",
                "с меня дважды списали деньги",
                "прошу разобраться с этой ситуацией",
                "верните деньги за заказ",
                "мне никто не отвечает уже неделю",
              ],
            },
            // Ordinary requests, so words like "order" do not pull every message towards a complaint.
            {
              name: "question",
              examples: [
                "where is my order",
                "how can I pay",
                "can I change the delivery address",
                "do you have this in stock",
                "what are your opening hours",
                "how do I return an item",
                "I need an invoice for my order",
                "где мой заказ",
                "как оплатить заказ",
                "можно изменить адрес доставки",
                "есть ли товар в наличии",
                "как оформить возврат",
                "нужен счет на оплату",
              ],
            },
          ],
        },
      },
      {
        id: "sorry",
        type: "message.send",
        position: at(4, 0),
        settings: {
          text:
            "We're very sorry to hear this, {{customer.name | there}}. " +
            "Your complaint has been passed to our conflict-resolution team, who handle it with priority: " +
            `a specialist will get back to you within ${SLA_MINUTES} minutes.`,
        },
      },
      {
        id: "conflict",
        type: "routing.operator-task",
        position: at(5, 0),
        settings: {
          queue: "conflict-resolution",
          skills: ["complaints"],
          title: "Complaint from {{customer.name | a customer}} ({{customer.channel}}): {{message.text}}",
          steps: [
            "Read the whole conversation and the customer's recent orders",
            "Contact the customer and apologise",
            "Agree a remedy: refund, replacement or goodwill credit",
            "Write down what was agreed in the conversation",
          ],
          outcomes: ["resolved", "unresolved"],
          priority: "high",
          slaMinutes: SLA_MINUTES,
        },
      },
      {
        id: "escalated",
        type: "message.send",
        position: at(6, 1),
        settings: {
          text: "Thank you for your patience. Your case is taking longer than we promised, so a supervisor is now handling it personally.",
        },
      },
      {
        id: "alert",
        type: "routing.notify",
        position: at(7, 1),
        settings: {
          audience: "supervisors",
          level: "critical",
          title: `Complaint SLA (${SLA_MINUTES} min) breached: {{customer.name | a customer}} ({{customer.channel}})`,
          body: "{{message.text}}",
        },
      },
      {
        id: "supervisor",
        type: "routing.escalate",
        position: at(8, 1),
        settings: {
          to: "supervisors",
          priority: "urgent",
          slaMinutes: SLA_MINUTES,
          note: `Escalated: nobody in conflict resolution took it within ${SLA_MINUTES} minutes. Contact the customer personally.`,
        },
      },
      { id: "settled", type: "logic.expression", position: at(9, 1), settings: { expression: 'task.outcome == "resolved"' } },
      {
        id: "thanks",
        type: "message.send",
        position: at(10, 0),
        settings: {
          text: "Thank you for bearing with us. We consider your complaint resolved; if anything is still not right, just reply to this message.",
        },
      },
      {
        id: "followup",
        type: "message.send",
        position: at(10, 2),
        settings: {
          text: "We're sorry we could not settle this yet. Your case stays open, and we will contact you again by the end of the next business day.",
        },
      },
      { id: "resolved", type: "flow.end", position: at(11, 0), settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: at(11, 2), settings: { outcome: "unresolved" } },
      {
        id: "reply",
        type: "message.send",
        position: at(4, 3),
        settings: {
          text: "Thanks for getting in touch, {{customer.name | there}}. A member of our support team will reply to you shortly.",
        },
      },
      {
        id: "support",
        type: "routing.operator-task",
        position: at(5, 3),
        settings: {
          queue: "support",
          title: "Message from {{customer.name | a customer}} ({{customer.channel}}): {{message.text}}",
          steps: ["Read the conversation", "Answer the customer", "Pick an outcome"],
          outcomes: ["answered"],
        },
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
      ["conflict", "outcome-resolved", "thanks"],
      ["conflict", "outcome-unresolved", "followup"],
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
      ["support", "outcome-answered", "answered"],
    ),
    tests: [
      {
        id: "angry-chat",
        name: "An angry web chat goes to conflict resolution and is resolved",
        customer: { name: "Ann", channel: "webchat" },
        steps: [
          { do: "message", text: "This is the worst service ever, my order arrived broken and nobody answers" },
          { do: "complete-task", outcome: "resolved" },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: ["very sorry to hear this, Ann", "complaint resolved"],
          path: ["start", "channel", "mood", "sorry", "conflict", "thanks", "resolved"],
          vars: { sentiment: "negative" },
        },
      },
      {
        id: "calm-russian-email",
        name: "A calm Russian e-mail is recognised as a complaint by its intent",
        customer: { name: "Ivan", channel: "email" },
        steps: [{ do: "message", text: "Курьер оставил посылку у чужой двери, прошу разобраться" }],
        expect: {
          status: "waiting",
          sent: ["specialist will get back to you within 30 minutes"],
          path: ["channel", "mood", "topic", "sorry", "conflict"],
          vars: { sentiment: "neutral", intent: "complaint" },
        },
      },
      {
        id: "sla-breach",
        name: "No answer within the SLA moves the task to supervisors, who resolve it",
        customer: { name: "Ben", channel: "webchat" },
        steps: [
          { do: "message", text: "I would like to lodge a formal complaint about order 5521" },
          { do: "wait", seconds: SLA_MINUTES * 60 + 60 },
          { do: "complete-task", outcome: "resolved" },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: ["conflict-resolution team", "a supervisor is now handling it", "complaint resolved"],
          path: ["topic", "sorry", "conflict", "escalated", "alert", "supervisor", "settled", "thanks", "resolved"],
        },
      },
      {
        id: "sla-breach-twice",
        name: "Supervisors miss their SLA too: the customer hears the case stays open",
        customer: { name: "Ben", channel: "webchat" },
        steps: [
          { do: "message", text: "I would like to lodge a formal complaint about order 5521" },
          { do: "wait", seconds: 2 * SLA_MINUTES * 60 + 60 },
        ],
        expect: {
          status: "completed",
          outcome: "unresolved",
          sent: ["conflict-resolution team", "a supervisor is now handling it", "Your case stays open"],
          path: ["conflict", "escalated", "alert", "supervisor", "followup", "unresolved"],
        },
      },
      {
        id: "escalated-unresolved",
        name: "A supervisor who cannot settle it leads to the follow-up promise",
        customer: { name: "Ben", channel: "webchat" },
        steps: [
          { do: "message", text: "I would like to lodge a formal complaint about order 5521" },
          { do: "wait", seconds: SLA_MINUTES * 60 + 60 },
          { do: "complete-task", outcome: "unresolved" },
        ],
        expect: { status: "completed", outcome: "unresolved", path: ["supervisor", "settled", "followup", "unresolved"] },
      },
      {
        id: "question",
        name: "An ordinary question gets a normal reply and a support task",
        customer: { name: "Eva", channel: "email" },
        steps: [
          { do: "message", text: "Can you send me an invoice for order 7781?" },
          { do: "complete-task", outcome: "answered" },
        ],
        expect: {
          status: "completed",
          outcome: "answered",
          sent: ["A member of our support team will reply"],
          path: ["channel", "mood", "topic", "reply", "support", "answered"],
          vars: { intent: "question" },
        },
      },
    ],
  },
});
