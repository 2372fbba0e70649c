import { z } from "zod";
import { emit, park, templateScope, unpark } from "../../_kit/context";
import { defineNode } from "../../_kit/define-node";
import { checkTemplate, renderTemplate } from "../../_kit/template";

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
  steps: lines().default([]).meta({ label: "Guided steps", widget: "lines", help: "One step per line." }),
  outcomes: lines()
    .min(1, "at least one outcome")
    .default(["done"])
    .refine((o) => new Set(o).size === o.length, "outcomes must differ")
    .meta({ label: "Outcomes", widget: "lines", help: "One per line; each becomes an output." }),
});

const portId = (outcome: string) => `outcome-${outcome}`;

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
  outputs: (s) => s.outcomes.map((o) => ({ id: portId(o), label: o })),
  summary: (s) => `Queue ${s.queue}${s.steps.length ? ` · ${s.steps.length} steps` : ""}`,
  validate: (s) => checkTemplate(s.title).map((message) => ({ code: "invalid-settings", field: "title", message })),
  compile: (ctx) => ({
    entry: [ctx.action("create", { nodeId: ctx.nodeId, ...ctx.settings })],
    on: {
      "task.completed": ctx.settings.outcomes.map((outcome) => ({
        guard: ctx.guard("completed", { nodeId: ctx.nodeId, outcome }),
        target: ctx.target(portId(outcome)),
        actions: [ctx.action("done", { nodeId: ctx.nodeId })],
      })),
    },
  }),
  guards: {
    completed: (context, event, p) =>
      event.type === "task.completed" && context.waits[p.nodeId as string] === event.taskId && event.outcome === p.outcome,
  },
  actions: {
    create: (context, _event, p) => {
      const nodeId = p.nodeId as string;
      const next = emit(context, {
        kind: "task.create",
        nodeId,
        queue: p.queue as string,
        title: renderTemplate(p.title as string, templateScope(context)),
        steps: p.steps as string[],
        outcomes: p.outcomes as string[],
      });
      return park(next, nodeId, next.effects[next.effects.length - 1].key);
    },
    done: (context, event, p) => ({
      ...unpark(context, p.nodeId as string),
      task: event.type === "task.completed" ? { outcome: event.outcome } : context.task,
    }),
  },
  examples: [
    { name: "Support handover", settings: { queue: "support", title: "Help {{customer.name}}", steps: ["Read the chat", "Answer"], outcomes: ["resolved", "unresolved"] } },
  ],
});
