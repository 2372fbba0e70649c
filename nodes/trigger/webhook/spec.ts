import * as z from "zod";
import { KIT_MESSAGES } from "../../_kit/messages";
import { hookNameSchema } from "../../../engine/contracts/webhooks";
import { action, defineNode } from "../../_kit/define-node";
import { FIELD_LINE, parseFields, payloadSchema } from "./fields";

const settings = z.object({
  hook: hookNameSchema.default("my-hook").meta({ label: "Webhook name", help: "Call it with POST /api/hooks/<name> and a JSON body { payload: {...} }." }),
  fields: z
    .array(z.string().trim().regex(FIELD_LINE, KIT_MESSAGES.en["typed-field-line"]))
    .max(50)
    .default([])
    .meta({ label: "Payload fields", widget: "lines", help: "One per line, e.g. orderId: string or amount?: number. Each becomes {{vars.<name>}}." }),
});

/** Starts the flow when a system calls its webhook with a payload of the declared shape. */
export const webhookNode = defineNode({
  type: "trigger.webhook",
  version: 1,
  title: "Webhook",
  description: "Starts the flow when another system calls POST /api/hooks/<name>; declared fields become variables.",
  category: "trigger",
  icon: "Plug",
  keywords: ["webhook", "api", "http", "integration", "inbound"],
  ru: {
    title: "Вебхук",
    description: "Запускает сценарий, когда другая система вызывает POST /api/hooks/<name>; объявленные поля становятся переменными.",
    keywords: ["вебхук", "webhook", "api", "http", "интеграция", "входящий"],
    settings: {
      hook: { label: "Имя вебхука", help: "Вызывайте его запросом POST /api/hooks/<name> с JSON-телом { payload: {...} }." },
      fields: {
        label: "Поля данных (payload)",
        help: "По одному в строке, например orderId: string или amount?: number. Каждое поле становится {{vars.<name>}}.",
      },
    },
    ports: { out: "Вызван" },
  },
  settings,
  hasInput: false,
  outputs: () => [{ id: "out", label: "Called" }],
  trigger: {
    event: "webhook.received",
    matches: (s, event) => event.type === "webhook.received" && event.hook === s.hook,
    claims: { keys: (s) => [`webhook:${s.hook}`], of: (event) => (event.type === "webhook.received" ? `webhook:${event.hook}` : null) },
    listensTo: (s) => ({ en: `Webhook ${s.hook}`, ru: `Вебхук ${s.hook}` }),
    check: (s, event) => {
      if (event.type !== "webhook.received") return null;
      const parsed = payloadSchema(parseFields(s.fields)).safeParse(event.payload);
      if (parsed.success) return null;
      const issue = parsed.error.issues[0];
      return { field: ["payload", ...issue.path].join("."), message: issue.message };
    },
  },
  variables: (s) => ({ writes: parseFields(s.fields).map((f) => ({ name: f.name, type: f.type })) }),
  summary: (s) => `POST /api/hooks/${s.hook}`,
  compile: (ctx) => ({ entry: [ctx.action("take", { fields: ctx.settings.fields })], always: { target: ctx.target("out") } }),
  actions: {
    take: action<{ fields: string[] }>((context, event, p) => {
      if (event.type !== "webhook.received") return context;
      const parsed = payloadSchema(parseFields(p.fields)).safeParse(event.payload);
      return parsed.success ? { ...context, vars: { ...context.vars, ...parsed.data } } : context;
    }),
  },
  examples: [{ name: "Order shipped", settings: { hook: "order-shipped", fields: ["orderId: string", "trackingUrl?: string"] } }],
});
