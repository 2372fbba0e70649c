import * as z from "zod";
import { action, defineNode, type NoParams } from "../../_kit/define-node";

/** Nothing to set: the operator picks the flow and may add a note ({{vars.note}}). */
const settings = z.object({});

/** Lets an operator start the flow for the customer in front of them (guided procedures, outbound contact). */
export const operatorStartedNode = defineNode({
  type: "trigger.operator-started",
  version: 1,
  title: "Started by an operator",
  description: "An operator starts the flow from the workspace for the customer they are helping.",
  category: "trigger",
  icon: "Hand",
  keywords: ["operator", "manual", "agent", "start", "procedure"],
  ru: {
    title: "Запущен оператором",
    description: "Оператор запускает сценарий из рабочего места для клиента, которому сейчас помогает.",
    keywords: ["оператор", "вручную", "запуск", "процедура", "регламент"],
    ports: { out: "Запущен" },
    summary: () => "Из рабочего места оператора",
  },
  settings,
  hasInput: false,
  outputs: () => [{ id: "out", label: "Started" }],
  trigger: {
    event: "flow.started",
    matches: (_s, event) => event.type === "flow.started",
    listensTo: () => ({ en: "Started by an operator", ru: "Запуск оператором" }),
  },
  variables: () => ({
    writes: [
      { name: "startedBy", type: "string" },
      { name: "note", type: "string" },
    ],
  }),
  summary: () => "From the operator workspace",
  compile: (ctx) => ({ entry: [ctx.action("take")], always: { target: ctx.target("out") } }),
  actions: {
    take: action<NoParams>((context, event) =>
      event.type === "flow.started" ? { ...context, vars: { ...context.vars, startedBy: event.by, note: event.note } } : context,
    ),
  },
  examples: [{ name: "Guided callback", settings: {} }],
});
