import { z } from "zod";
import { emit, emitAndPark, templateScope, unpark } from "../../_kit/context";
import { defineNode } from "../../_kit/define-node";
import { checkTemplate, renderTemplate } from "../../_kit/template";
import { TASK_PRIORITIES, type TaskPriority } from "../../../engine/contracts/events";

/** A list edited one item per line. */
const lines = () => z.array(z.string().trim().min(1).max(200)).max(20);

const settings = z.object({
  queue: z
    .string()
    .trim()
    .min(1, "name the queue")
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes")
    .default("support")
    .meta({ label: "Queue", placeholder: "support" }),
  title: z
    .string()
    .trim()
    .min(1, "give the task a title")
    .max(200)
    .default("Help {{customer.name}}")
    .meta({ label: "Task title", widget: "template" }),
  steps: lines().default([]).meta({ label: "Guided steps", widget: "lines", help: "One step per line; placeholders like {{vars.amount}} are filled in." }),
  outcomes: lines()
    .min(1, "at least one outcome")
    .default(["done"])
    .refine((o) => new Set(o).size === o.length, "outcomes must differ")
    .meta({ label: "Outcomes", widget: "lines", help: "One per line; each becomes an output." }),
  priority: z.enum(TASK_PRIORITIES).default("normal").meta({ label: "Priority", help: "Operators see higher priorities first." }),
  slaMinutes: z
    .number()
    .int("whole minutes")
    .min(0)
    .max(7 * 24 * 60, "at most a week")
    .default(0)
    .meta({ label: "SLA (minutes)", help: "0 = none. When the task is still open after this, the flow continues on SLA breached (e.g. to escalate)." }),
});

const portId = (outcome: string) => `outcome-${outcome}`;
const slaKey = (nodeId: string) => `${nodeId}#sla`;

/** Creates a task in an operator queue and waits until an operator completes it with an outcome. */
export const operatorTaskNode = defineNode({
  type: "routing.operator-task",
  version: 1,
  title: "Create operator task",
  description: "Puts a task in an operator queue; the flow continues on the outcome the operator picks.",
  category: "routing",
  icon: "UserRound",
  keywords: ["operator", "agent", "handover", "queue", "human"],
  settings,
  hasInput: true,
  waits: true,
  outputs: (s) => [
    ...s.outcomes.map((o) => ({ id: portId(o), label: o })),
    ...(s.slaMinutes > 0 ? [{ id: "sla-breached", label: "SLA breached" }] : []),
  ],
  summary: (s) =>
    [`Queue ${s.queue}`, s.priority !== "normal" && s.priority, s.slaMinutes > 0 && `SLA ${s.slaMinutes} min`, s.steps.length > 0 && `${s.steps.length} steps`]
      .filter(Boolean)
      .join(" · "),
  validate: (s) => checkTemplate(s.title).map((message) => ({ code: "invalid-settings", field: "title", message })),
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
    completed: (context, event, p) =>
      event.type === "task.completed" && context.waits[p.nodeId as string] === event.taskId && event.outcome === p.outcome,
    "sla-breached": (context, event, p) => event.type === "timer.fired" && context.waits[slaKey(p.nodeId as string)] === event.timerId,
  },
  actions: {
    create: (context, _event, p) => {
      const nodeId = p.nodeId as string;
      const parked = emitAndPark(context, nodeId, {
        kind: "task.create",
        nodeId,
        queue: p.queue as string,
        title: renderTemplate(p.title as string, templateScope(context)),
        steps: (p.steps as string[]).map((step) => renderTemplate(step, templateScope(context))),
        outcomes: p.outcomes as string[],
        priority: p.priority as TaskPriority,
        slaMs: (p.slaMinutes as number) * 60_000,
      });
      if (!(p.slaMinutes as number)) return parked;
      return emitAndPark(parked, slaKey(nodeId), { kind: "timer.set", nodeId, delayMs: (p.slaMinutes as number) * 60_000 });
    },
    done: (context, event, p) => {
      const nodeId = p.nodeId as string;
      const timerId = context.waits[slaKey(nodeId)];
      const done = { ...unpark(unpark(context, nodeId), slaKey(nodeId)), task: event.type === "task.completed" ? { outcome: event.outcome } : context.task };
      return timerId ? emit(done, { kind: "timer.cancel", nodeId, timerId }) : done;
    },
    // The task stays in its queue; the instance moves on (a late completion is then ignored).
    breached: (context, _event, p) => unpark(unpark(context, p.nodeId as string), slaKey(p.nodeId as string)),
  },
  examples: [
    { name: "Support handover", settings: { queue: "support", title: "Help {{customer.name}}", steps: ["Read the chat", "Answer"], outcomes: ["resolved", "unresolved"] } },
  ],
});
