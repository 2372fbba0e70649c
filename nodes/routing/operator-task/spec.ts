import * as z from "zod";
import { emit, templateScope } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { renderTemplate, templateIssues } from "../../_kit/template";
import { dueTime } from "../../_kit/due-time";
import { isTimeZone } from "../../_kit/time-zone";
import { prioritySetting, queueName, skillsSetting, slaSetting } from "../../_kit/task-settings";
import { awaitTask, completesTask, slaFired, slaMissed, taskDone } from "../task-wait";
import { RU_PRIORITIES, RU_PRIORITY_FIELD, RU_SKILLS_FIELD, ruCount, ruPriority } from "../../_kit/ru";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "title-empty": "give the task a title",
  "outcomes-differ": "outcomes must differ",
  "outcomes-empty": "at least one outcome",
  "time-zone": "not an IANA time zone, e.g. Europe/Berlin",
} as const;

/** A list edited one item per line. */
const lines = () => z.array(z.string().trim().min(1).max(200)).max(20);

const settings = z.object({
  queue: queueName().default("support").meta({ label: "Queue", placeholder: "support" }),
  title: z.string().trim().min(1, MESSAGES["title-empty"]).max(200).default("Help {{customer.name}}").meta({ label: "Task title", widget: "template" }),
  skills: skillsSetting(),
  steps: lines().default([]).meta({ label: "Guided steps", widget: "lines", help: "One step per line; placeholders like {{vars.amount}} are filled in." }),
  outcomes: lines()
    .min(1, MESSAGES["outcomes-empty"])
    .default(["done"])
    .refine((o) => new Set(o).size === o.length, MESSAGES["outcomes-differ"])
    .meta({ label: "Outcomes", widget: "lines", help: "One per line; each becomes an output." }),
  priority: prioritySetting("normal"),
  slaMinutes: slaSetting(0, {
    label: "SLA (minutes)",
    help: "0 = none. When the task is still open after this, the flow continues on SLA breached (e.g. to escalate).",
  }),
  dueAt: z.string().trim().max(200).default("").meta({
    label: "Due at",
    widget: "template",
    placeholder: "15:30 or {{vars.callbackAt}}",
    help: "Empty: now. When the task falls due, e.g. the callback time the customer picked: 15:30 or 15 (the next one), tomorrow 9:00, in 2 hours, 2026-12-03T09:00. The SLA counts from then.",
  }),
  timeZone: z.string().trim().refine(isTimeZone, MESSAGES["time-zone"]).default("UTC").meta({ label: "Time zone", placeholder: "Europe/Berlin" }),
});
type Settings = z.infer<typeof settings>;

const portId = (outcome: string) => `outcome-${outcome}`;

/** Creates a task in an operator queue and waits until an operator completes it with an outcome. */
export const operatorTaskNode = defineNode({
  type: "routing.operator-task",
  version: 1,
  title: "Assign to queue",
  description: "Puts a task in an operator queue for someone with the required skills; the flow continues on the outcome the operator picks.",
  category: "routing",
  icon: "UserRound",
  keywords: ["operator", "agent", "handover", "queue", "human", "skills", "task", "assign"],
  ru: {
    title: "Поставить в очередь",
    description: "Ставит задачу в очередь операторов для сотрудника с нужными навыками; сценарий продолжается по результату, который выберет оператор.",
    keywords: ["оператор", "передача оператору", "очередь", "человек", "навыки", "задача", "назначить"],
    defaults: { title: "Помочь клиенту {{customer.name}}" },
    settings: {
      queue: { label: "Очередь", placeholder: "support" },
      title: { label: "Название задачи" },
      skills: RU_SKILLS_FIELD,
      steps: { label: "Шаги для оператора", help: "По одному шагу в строке; подстановки вроде {{vars.amount}} заполняются." },
      outcomes: { label: "Результаты", help: "По одному в строке; каждый становится выходом." },
      priority: RU_PRIORITY_FIELD,
      dueAt: {
        label: "Срок",
        placeholder: "15:30 или {{vars.callbackAt}}",
        help:
          "Пусто — сейчас. Когда задачу нужно выполнить, например выбранное клиентом время обратного звонка: " +
          "15:30 или 15 (ближайшее), tomorrow 9:00, in 2 hours, 2026-12-03T09:00. SLA отсчитывается от этого времени.",
      },
      timeZone: { label: "Часовой пояс", placeholder: "Europe/Moscow" },
      slaMinutes: {
        label: "SLA (мин)",
        help: "0 — без SLA. Если задача всё ещё открыта по истечении этого времени, сценарий продолжает по «SLA нарушен» (например, для эскалации).",
      },
    },
    options: { priority: RU_PRIORITIES },
    ports: { "sla-breached": "SLA нарушен" },
    messages: {
      "title-empty": "задайте название задачи",
      "outcomes-differ": "результаты не должны повторяться",
      "outcomes-empty": "нужен хотя бы один результат",
      "time-zone": "это не часовой пояс IANA, например Europe/Moscow",
    },
    summary: (s) =>
      [
        `Очередь ${s.queue}`,
        s.skills.length > 0 && `навыки ${s.skills.join(", ")}`,
        s.priority !== "normal" && ruPriority(s.priority),
        s.slaMinutes > 0 && `SLA ${s.slaMinutes} мин`,
        s.steps.length > 0 && ruCount(s.steps.length, ["шаг", "шага", "шагов"]),
      ]
        .filter(Boolean)
        .join(" · "),
  },
  settings,
  hasInput: true,
  waits: true,
  boundsLoops: true,
  outputs: (s) => [...s.outcomes.map((o) => ({ id: portId(o), label: o })), ...(s.slaMinutes > 0 ? [{ id: "sla-breached", label: "SLA breached" }] : [])],
  summary: (s) =>
    [
      `Queue ${s.queue}`,
      s.skills.length > 0 && `needs ${s.skills.join(", ")}`,
      s.priority !== "normal" && s.priority,
      s.slaMinutes > 0 && `SLA ${s.slaMinutes} min`,
      s.steps.length > 0 && `${s.steps.length} steps`,
    ]
      .filter(Boolean)
      .join(" · "),
  messages: MESSAGES,
  validate: (s) => templateIssues(s, "title", "dueAt"),
  compile: (ctx) => ({
    entry: [ctx.action("create", { nodeId: ctx.nodeId, ...ctx.settings })],
    on: {
      "task.completed": ctx.settings.outcomes.map((outcome) => ({
        guard: ctx.guard("completed", { nodeId: ctx.nodeId, outcome }),
        target: ctx.target(portId(outcome)),
        actions: [ctx.action("done", { nodeId: ctx.nodeId })],
      })),
      ...(ctx.settings.slaMinutes > 0 && {
        "timer.fired": {
          guard: ctx.guard("sla-breached", { nodeId: ctx.nodeId }),
          target: ctx.target("sla-breached"),
          actions: [ctx.action("breached", { nodeId: ctx.nodeId })],
        },
      }),
    },
  }),
  guards: {
    completed: guard<{ nodeId: string; outcome: string }>((context, event, p) => completesTask(context, event, p.nodeId, p.outcome)),
    "sla-breached": guard<{ nodeId: string }>((context, event, p) => slaFired(context, event, p.nodeId)),
  },
  actions: {
    create: action<{ nodeId: string } & Settings>((context, event, p) => {
      const nodeId = p.nodeId;
      const skills = p.skills;
      const scope = templateScope(context);
      // A time that cannot be read (a caller's "after lunch") still reaches the operator, as a step.
      const asked = renderTemplate(p.dueAt ?? "", scope);
      const dueAt = asked ? dueTime(asked, event.at, p.timeZone ?? "UTC") : null;
      const created = emit(context, {
        kind: "task.create",
        nodeId,
        queue: p.queue,
        title: renderTemplate(p.title, scope),
        steps: [...p.steps.map((step) => renderTemplate(step, scope)), ...(asked && dueAt === null ? [`Asked for: ${asked}`] : [])],
        outcomes: p.outcomes,
        priority: p.priority,
        slaMs: p.slaMinutes * 60_000,
        ...(skills.length > 0 && { skills }),
        ...(dueAt !== null && { dueAt }),
      });
      return awaitTask(created, nodeId, created.effects[created.effects.length - 1].key, p.slaMinutes, Math.max(0, (dueAt ?? event.at) - event.at));
    }),
    done: action<{ nodeId: string }>((context, event, p) => taskDone(context, event, p.nodeId)),
    // The task stays in its queue (an Escalate node can move it); a late completion is ignored here.
    breached: action<{ nodeId: string }>((context, _event, p) => slaMissed(context, p.nodeId)),
  },
  examples: [
    {
      name: "Support handover",
      settings: { queue: "support", title: "Help {{customer.name}}", steps: ["Read the chat", "Answer"], outcomes: ["resolved", "unresolved"] },
    },
    {
      name: "Complaint for a specialist",
      settings: {
        queue: "conflicts",
        title: "Complaint from {{customer.name}}",
        skills: ["complaints"],
        outcomes: ["resolved"],
        priority: "high",
        slaMinutes: 30,
      },
    },
  ],
});
