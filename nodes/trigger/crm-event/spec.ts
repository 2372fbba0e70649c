import * as z from "zod";
import { crmEventNameSchema, payloadVariables } from "../../../engine/contracts/crm-events";
import { action, defineNode, type NoParams } from "../../_kit/define-node";

const settings = z.object({
  event: crmEventNameSchema.default("card.transaction").meta({ label: "CRM event", help: "Sent to POST /api/events by your CRM or core system." }),
});

/** Starts an instance when the CRM reports an event about a customer; its payload becomes variables. */
export const crmEventNode = defineNode({
  type: "trigger.crm-event",
  version: 1,
  title: "CRM event",
  description: "Starts the flow when the CRM reports an event (card transaction, order status, abandoned form).",
  category: "trigger",
  icon: "Webhook",
  keywords: ["crm", "event", "api", "proactive", "transaction", "order"],
  ru: {
    title: "Событие CRM",
    description: "Запускает сценарий, когда CRM сообщает о событии (операция по карте, смена статуса заказа, брошенная форма).",
    keywords: ["crm", "событие", "api", "проактивно", "операция по карте", "транзакция", "заказ"],
    settings: { event: { label: "Событие CRM", help: "Ваша CRM или основная система присылает его на POST /api/events." } },
    options: { event: { "card.transaction": "Операция по карте", "order.status-changed": "Смена статуса заказа", "form.abandoned": "Брошенная форма" } },
    ports: { out: "Событие" },
  },
  settings,
  hasInput: false,
  outputs: () => [{ id: "out", label: "Event" }],
  trigger: {
    event: "crm.event",
    matches: (s, event) => event.type === "crm.event" && event.name === s.event,
    claims: { keys: (s) => [`crm.event:${s.event}`], of: (event) => (event.type === "crm.event" ? `crm.event:${event.name}` : null) },
    listensTo: (s) => ({ en: `CRM event ${s.event}`, ru: `Событие CRM ${s.event}` }),
  },
  variables: (s) => ({ writes: payloadVariables(s.event) }),
  summary: (s) => s.event,
  compile: (ctx) => ({ entry: [ctx.action("take")], always: { target: ctx.target("out") } }),
  actions: {
    take: action<NoParams>((context, event) => (event.type === "crm.event" ? { ...context, vars: { ...context.vars, ...event.payload } } : context)),
  },
  examples: [{ name: "Unusual card payment", settings: { event: "card.transaction" } }],
});
