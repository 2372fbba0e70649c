import * as z from "zod";
import { emit, templateScope } from "../../_kit/context";
import { action, defineNode } from "../../_kit/define-node";
import { renderTemplate, templateIssues } from "../../_kit/template";
import { NOTIFICATION_LEVELS } from "../../../engine/contracts/events";
import { OPTIONAL_SLUG } from "../../_kit/task-settings";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "team-slug": "a lower-case slug, e.g. fraud",
  "title-empty": "give the notification a title",
} as const;

const settings = z.object({
  audience: z
    .enum(["supervisors", "operators"])
    .default("supervisors")
    .meta({ label: "Notify", help: "Supervisors, or operators (optionally only those with a skill)." }),
  skill: z
    .string()
    .trim()
    .toLowerCase()
    .max(40)
    .regex(OPTIONAL_SLUG, MESSAGES["team-slug"])
    .default("")
    .meta({ label: "Only operators with skill", placeholder: "fraud" }),
  level: z.enum(NOTIFICATION_LEVELS).default("info").meta({ label: "Level" }),
  title: z.string().trim().min(1, MESSAGES["title-empty"]).max(200).meta({ label: "Title", widget: "template" }),
  body: z
    .string()
    .trim()
    .max(2000)
    .default("")
    .meta({ label: "Text", widget: "textarea", help: "Placeholders like {{customer.name}} and {{vars.amount}} are filled in." }),
});
type Settings = z.infer<typeof settings>;

const RU_LEVELS = { info: "Информация", warning: "Предупреждение", critical: "Критично" } as const;

/** Who sees it in the workspace: "supervisors", "operators" or "skill:<slug>". */
export const audienceOf = (s: Pick<Settings, "audience" | "skill">) => (s.audience === "operators" && s.skill ? `skill:${s.skill}` : s.audience);

/** Tells staff about something in the workspace (not the customer); the flow goes straight on. */
export const notifyNode = defineNode({
  type: "routing.notify",
  version: 1,
  title: "Notify staff",
  description: "Posts an internal notification to supervisors or operators in the workspace; the customer sees nothing.",
  category: "routing",
  icon: "Bell",
  keywords: ["notify", "internal", "alert", "supervisor", "staff", "notification"],
  ru: {
    title: "Уведомить сотрудников",
    description: "Отправляет внутреннее уведомление супервизорам или операторам в рабочее место; клиент ничего не видит.",
    keywords: ["уведомить", "внутреннее", "оповещение", "супервизор", "сотрудники", "уведомление"],
    settings: {
      audience: { label: "Кого уведомить", help: "Супервизоров или операторов (при желании — только с определённым навыком)." },
      skill: { label: "Только операторов с навыком", placeholder: "fraud" },
      level: { label: "Уровень" },
      title: { label: "Заголовок" },
      body: { label: "Текст", help: "Подстановки вроде {{customer.name}} и {{vars.amount}} заполняются." },
    },
    options: {
      audience: { supervisors: "Супервизоров", operators: "Операторов" },
      level: RU_LEVELS,
    },
    ports: { out: "Уведомлены" },
    messages: {
      "team-slug": "строчные латинские буквы, цифры и дефисы, например fraud",
      "title-empty": "задайте заголовок уведомления",
    },
    summary: (s) =>
      `${s.level === "info" ? "" : `[${RU_LEVELS[s.level].toLowerCase()}] `}→ ${
        s.audience === "operators" ? (s.skill ? `операторы с навыком ${s.skill}` : "операторы") : "супервизоры"
      }: ${s.title}`,
  },
  settings,
  hasInput: true,
  outputs: () => [{ id: "out", label: "Notified" }],
  summary: (s) => `${s.level === "info" ? "" : `[${s.level}] `}→ ${audienceOf(s)}: ${s.title}`,
  messages: MESSAGES,
  validate: (s) => templateIssues(s, "title", "body"),
  compile: (ctx) => ({
    entry: [
      ctx.action("notify", {
        nodeId: ctx.nodeId,
        audience: audienceOf(ctx.settings),
        level: ctx.settings.level,
        title: ctx.settings.title,
        body: ctx.settings.body,
      }),
    ],
    always: { target: ctx.target("out") },
  }),
  actions: {
    notify: action<{ nodeId: string; audience: string } & Pick<Settings, "level" | "title" | "body">>((context, _event, p) =>
      emit(context, {
        kind: "notification.create",
        nodeId: p.nodeId,
        audience: p.audience,
        level: p.level,
        title: renderTemplate(p.title, templateScope(context)),
        body: renderTemplate(p.body, templateScope(context)),
      }),
    ),
  },
  examples: [
    {
      name: "Fraud desk heads-up",
      settings: {
        audience: "operators",
        skill: "fraud",
        level: "warning",
        title: "Unusual payment for {{customer.name}}",
        body: "Waiting for the customer to confirm.",
      },
    },
  ],
});
