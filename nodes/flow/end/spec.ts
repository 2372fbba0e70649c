import * as z from "zod";
import { action, defineNode } from "../../_kit/define-node";

const settings = z.object({
  outcome: z.string().trim().min(1).max(60).default("completed").meta({ label: "Outcome", help: "Recorded on the instance, e.g. answered, handed-over." }),
});

/** Finishes the instance with an outcome. */
export const endNode = defineNode({
  type: "flow.end",
  version: 1,
  title: "End",
  description: "Finishes the flow and records its outcome.",
  category: "flow",
  icon: "CircleStop",
  keywords: ["finish", "stop", "done"],
  ru: {
    title: "Конец",
    description: "Завершает сценарий и записывает его итог.",
    keywords: ["конец", "завершить", "стоп", "готово", "финиш"],
    settings: { outcome: { label: "Итог", help: "Записывается в экземпляр сценария, например answered, handed-over." } },
  },
  settings,
  hasInput: true,
  outputs: () => [],
  summary: (s) => s.outcome,
  structure: { kind: "end" },
  compile: (ctx) => ({ type: "final", entry: [ctx.action("finish", { outcome: ctx.settings.outcome })] }),
  actions: { finish: action<{ outcome: string }>((context, _event, p) => ({ ...context, outcome: p.outcome })) },
  examples: [{ name: "Answered", settings: { outcome: "answered" } }],
});
