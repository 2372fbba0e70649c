import * as z from "zod";
import { SLUG, SLUG_MESSAGE } from "../../_kit/task-settings";
import { emit, templateScope } from "../../_kit/context";
import { action, defineNode } from "../../_kit/define-node";
import { renderTemplate, templateIssues } from "../../_kit/template";
import { CASE_STATUSES, TASK_PRIORITIES } from "../../../engine/contracts/events";
import { fieldLineIssues, fieldLinesSchema, renderFieldLines } from "../field-lines";
import { RU_PRIORITIES, ruPriority } from "../../_kit/ru";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "case-type-empty": "name the case type",
  "subject-empty": "give the case a subject",
} as const;

const settings = z.object({
  type: z
    .string()
    .trim()
    .min(1, MESSAGES["case-type-empty"])
    .max(40)
    .regex(SLUG, SLUG_MESSAGE)
    .default("complaint")
    .meta({ label: "Case type", placeholder: "card-block", help: "The flow keeps one case per type: running this node again updates it." }),
  status: z.enum(CASE_STATUSES).default("open").meta({ label: "Status" }),
  priority: z.enum(TASK_PRIORITIES).default("normal").meta({ label: "Priority" }),
  subject: z
    .string()
    .trim()
    .min(1, MESSAGES["subject-empty"])
    .max(200)
    .default("Case for {{customer.name | a customer}}")
    .meta({ label: "Subject", widget: "template" }),
  details: fieldLinesSchema().default([]).meta({
    label: "Details",
    widget: "lines",
    placeholder: "country = {{vars.country}}",
    help: "One per line, key = value; kept with the case. Empty values are left out.",
  }),
});
type Settings = z.infer<typeof settings>;

const RU_STATUSES = { open: "Открыто", pending: "В ожидании", resolved: "Решено", closed: "Закрыто" } as const;

/**
 * The case's id: one per instance and type, so the flow knows it before the write and a second
 * pass through the node (or another node of the same type) updates the same case.
 */
export const caseIdOf = (instanceId: string, type: string) => `${instanceId}:case-${type}`;

/** Opens (or updates) a CRM case about the customer; its id goes to {{vars.caseId}}. */
export const caseNode = defineNode({
  type: "crm.case",
  version: 1,
  title: "Create or update case",
  description: "Opens a CRM case (complaint, card block …) for the customer, or updates the one this flow already opened of that type.",
  category: "crm",
  icon: "BriefcaseBusiness",
  keywords: ["crm", "case", "ticket", "incident", "complaint", "claim"],
  ru: {
    title: "Создать или обновить обращение",
    description: "Открывает обращение в CRM (жалоба, блокировка карты …) по клиенту или обновляет обращение этого типа, которое сценарий уже открыл.",
    keywords: ["crm", "обращение", "тикет", "заявка", "инцидент", "жалоба", "претензия"],
    defaults: { subject: "Обращение: {{customer.name | клиент}}" },
    settings: {
      type: { label: "Тип обращения", help: "У сценария одно обращение каждого типа: повторный проход через узел обновляет его.", placeholder: "card-block" },
      status: { label: "Статус" },
      priority: { label: "Приоритет" },
      subject: { label: "Тема" },
      details: {
        label: "Подробности",
        help: "По одному в строке, ключ = значение; хранятся вместе с обращением. Пустые значения пропускаются.",
        placeholder: "country = {{vars.country}}",
      },
    },
    options: {
      status: RU_STATUSES,
      priority: RU_PRIORITIES,
    },
    ports: { out: "Сохранено" },
    messages: {
      "case-type-empty": "укажите тип обращения",
      "subject-empty": "задайте тему обращения",
    },
    summary: (s) => [s.type, RU_STATUSES[s.status].toLowerCase(), s.priority !== "normal" && ruPriority(s.priority)].filter(Boolean).join(" · "),
  },
  settings,
  hasInput: true,
  outputs: () => [{ id: "out", label: "Saved" }],
  summary: (s) => [s.type, s.status, s.priority !== "normal" && s.priority].filter(Boolean).join(" · "),
  variables: () => ({ writes: [{ name: "caseId", type: "string" }] }),
  messages: MESSAGES,
  validate: (s) => [...templateIssues(s, "subject"), ...fieldLineIssues(s.details, "details")],
  compile: (ctx) => ({ entry: [ctx.action("save", { nodeId: ctx.nodeId, ...ctx.settings })], always: { target: ctx.target("out") } }),
  actions: {
    save: action<{ nodeId: string } & Settings>((context, _event, p) => {
      const scope = templateScope(context);
      const type = p.type;
      const caseId = caseIdOf(context.instanceId, type);
      const next = emit(context, {
        kind: "case.upsert",
        nodeId: p.nodeId,
        caseId,
        type,
        status: p.status,
        priority: p.priority,
        subject: renderTemplate(p.subject, scope).trim() || type,
        details: renderFieldLines(p.details, scope),
      });
      return { ...next, vars: { ...next.vars, caseId } };
    }),
  },
  examples: [
    {
      name: "Card block",
      settings: { type: "card-block", priority: "urgent", subject: "Block card: {{vars.merchant}}", details: ["country = {{vars.country}}"] },
    },
  ],
});
