import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { emit, templateScope } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { renderTemplate, templateIssues } from "../../_kit/template";
import { OPTIONAL_SLUG, prioritySetting, SLUG_MESSAGE, slaSetting } from "../../_kit/task-settings";
import { awaitTask, completesTask, slaFired, slaMissed, taskDone, taskToEscalate } from "../task-wait";
import { RU_PRIORITIES, RU_PRIORITY_FIELD, ruPriority } from "../../_kit/ru";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "reason-empty": "say why the task is escalated",
  "queue-empty": "Escalate: name the queue to escalate to.",
} as const;

/** The queue supervisors work from. */
export const SUPERVISOR_QUEUE = "supervisors";

const settings = z.object({
  to: z
    .enum(["supervisors", "queue"])
    .default("supervisors")
    .meta({ label: "Escalate to", help: "Supervisors, or another operator queue (e.g. a senior line)." }),
  queue: z
    .string()
    .trim()
    .max(60)
    .regex(OPTIONAL_SLUG, SLUG_MESSAGE)
    .default("")
    .meta({ label: "Queue", placeholder: "senior-support", help: "Used when escalating to a queue." }),
  priority: prioritySetting("urgent"),
  slaMinutes: slaSetting(30, {
    label: "SLA (minutes)",
    help: "0 = none. When the escalated task is still open after this, the flow continues on SLA breached.",
  }),
  note: z
    .string()
    .trim()
    .min(1, MESSAGES["reason-empty"])
    .max(500)
    .default("Escalated: the SLA was missed")
    .meta({ label: "Note", widget: "template", help: "Added to the task as a step, so whoever takes it over sees why it moved." }),
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .default("Escalation: {{customer.name | customer}}")
    .meta({ label: "Title when no task is open", widget: "template", help: "If the flow has no open task, a new one is created with this title." }),
});
type Settings = z.infer<typeof settings>;

const targetQueue = (s: Pick<Settings, "to" | "queue">) => (s.to === "supervisors" ? SUPERVISOR_QUEUE : s.queue);

/**
 * Moves an open operator task (the one whose SLA breach led here, else the newest) to supervisors
 * or another queue, raises its priority and restarts the SLA; with no open task it opens a new one there.
 */
export const escalateNode = defineNode({
  type: "routing.escalate",
  version: 1,
  title: "Escalate",
  description: "Moves the open task to supervisors or another queue with a higher priority and a new SLA, and waits for it.",
  category: "routing",
  icon: "Siren",
  keywords: ["escalate", "supervisor", "sla", "reassign", "priority", "breach"],
  ru: {
    title: "Эскалация",
    description: "Передаёт открытую задачу супервизорам или в другую очередь с более высоким приоритетом и новым SLA и ждёт её выполнения.",
    keywords: ["эскалация", "супервизор", "sla", "переназначить", "приоритет", "нарушение"],
    defaults: { note: "Эскалация: срок SLA истёк", title: "Эскалация: {{customer.name | клиент}}" },
    settings: {
      to: { label: "Эскалировать", help: "Супервизорам или в другую очередь операторов (например, на вторую линию)." },
      queue: { label: "Очередь", help: "Для эскалации в очередь.", placeholder: "senior-support" },
      priority: RU_PRIORITY_FIELD,
      slaMinutes: {
        label: "SLA (мин)",
        help: "0 — без SLA. Если задача после эскалации всё ещё открыта по истечении этого времени, сценарий продолжает по «SLA нарушен».",
      },
      note: { label: "Комментарий", help: "Добавляется в задачу шагом, чтобы тот, кто её примет, видел причину передачи." },
      title: { label: "Название, если открытой задачи нет", help: "Если у сценария нет открытой задачи, создаётся новая с этим названием." },
    },
    options: { to: { supervisors: "Супервизорам", queue: "В очередь" }, priority: RU_PRIORITIES },
    ports: { done: "Выполнена", "sla-breached": "SLA нарушен" },
    messages: {
      "reason-empty": "укажите причину эскалации",
      "queue-empty": "{title}: укажите очередь, в которую передать задачу.",
    },
    summary: (s) =>
      [s.to === "supervisors" ? "Супервизорам" : `В очередь ${s.queue || "?"}`, ruPriority(s.priority), s.slaMinutes > 0 && `SLA ${s.slaMinutes} мин`]
        .filter(Boolean)
        .join(" · "),
  },
  settings,
  hasInput: true,
  waits: true,
  boundsLoops: true,
  outputs: (s) => [{ id: "done", label: "Completed" }, ...(s.slaMinutes > 0 ? [{ id: "sla-breached", label: "SLA breached" }] : [])],
  summary: (s) => [`To ${targetQueue(s) || "?"}`, s.priority, s.slaMinutes > 0 && `SLA ${s.slaMinutes} min`].filter(Boolean).join(" · "),
  messages: MESSAGES,
  validate: (s) => [...(s.to === "queue" && !s.queue ? [nodeIssue(MESSAGES, "queue", "queue-empty")] : []), ...templateIssues(s, "note", "title")],
  compile: (ctx) => ({
    entry: [
      ctx.action("escalate", {
        nodeId: ctx.nodeId,
        queue: targetQueue(ctx.settings),
        priority: ctx.settings.priority,
        slaMinutes: ctx.settings.slaMinutes,
        note: ctx.settings.note,
        title: ctx.settings.title,
      }),
    ],
    on: {
      "task.completed": {
        guard: ctx.guard("completed", { nodeId: ctx.nodeId }),
        target: ctx.target("done"),
        actions: [ctx.action("done", { nodeId: ctx.nodeId })],
      },
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
    completed: guard<{ nodeId: string }>((context, event, p) => completesTask(context, event, p.nodeId)),
    "sla-breached": guard<{ nodeId: string }>((context, event, p) => slaFired(context, event, p.nodeId)),
  },
  actions: {
    escalate: action<{ nodeId: string; queue: string } & Pick<Settings, "priority" | "slaMinutes" | "note" | "title">>((context, event, p) => {
      const nodeId = p.nodeId;
      const scope = templateScope(context);
      const common = { nodeId, queue: p.queue, priority: p.priority, slaMs: p.slaMinutes * 60_000 };
      const note = renderTemplate(p.note, scope);
      const taskId = taskToEscalate(context, event);
      const next = taskId
        ? emit(context, { kind: "task.escalate", ...common, taskId, note })
        : emit(context, { kind: "task.create", ...common, title: renderTemplate(p.title, scope), steps: [note], outcomes: ["done"] });
      return awaitTask(next, nodeId, taskId ?? next.effects[next.effects.length - 1].key, p.slaMinutes);
    }),
    done: action<{ nodeId: string }>((context, event, p) => taskDone(context, event, p.nodeId)),
    // Still open: a further Escalate can move it again.
    breached: action<{ nodeId: string }>((context, _event, p) => slaMissed(context, p.nodeId)),
  },
  examples: [
    { name: "To supervisors in 15 minutes", settings: { to: "supervisors", priority: "urgent", slaMinutes: 15 } },
    { name: "To the senior line", settings: { to: "queue", queue: "senior-support", priority: "high", slaMinutes: 60, note: "Customer waited over an hour" } },
  ],
});
