import * as z from "zod";
import { counter, setCounter } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { ruPlural } from "../../_kit/ru";

const settings = z.object({
  maxIterations: z
    .number()
    .int("a whole number")
    .min(1)
    .max(1000)
    .default(10)
    .meta({ label: "Max passes", help: "Passes per instance through Continue; every later pass leaves through Exceeded." }),
});

/**
 * Counts how often an instance passes through it and breaks a loop after N passes. A loop with no
 * waiting step is still refused at publish; this guards loops that wait (ask → … → back).
 */
export const loopGuardNode = defineNode({
  type: "flow.loop-guard",
  version: 1,
  title: "Loop guard",
  description: "Lets an instance through a loop at most N times, then continues on Exceeded.",
  category: "flow",
  icon: "Repeat",
  keywords: ["loop", "repeat", "retry", "limit", "iterations", "counter"],
  ru: {
    title: "Ограничитель цикла",
    description: "Пропускает экземпляр сценария через цикл не больше N раз, затем продолжает по «Превышено».",
    keywords: ["цикл", "повтор", "ещё раз", "лимит", "итерации", "счётчик"],
    settings: {
      maxIterations: {
        label: "Максимум проходов",
        help: "Сколько раз один экземпляр сценария проходит через «Продолжить»; все следующие проходы уходят в «Превышено».",
      },
    },
    ports: { continue: "Продолжить", exceeded: "Превышено" },
    summary: (s) => `Не больше ${s.maxIterations} ${ruPlural(s.maxIterations, ["прохода", "проходов", "проходов"])}`,
  },
  settings,
  hasInput: true,
  boundsLoops: true,
  outputs: () => [
    { id: "continue", label: "Continue" },
    { id: "exceeded", label: "Exceeded" },
  ],
  summary: (s) => `At most ${s.maxIterations} ${s.maxIterations === 1 ? "pass" : "passes"}`,
  compile: (ctx) => ({
    entry: [ctx.action("count", { nodeId: ctx.nodeId })],
    always: [
      { guard: ctx.guard("within", { nodeId: ctx.nodeId, max: ctx.settings.maxIterations }), target: ctx.target("continue") },
      { target: ctx.target("exceeded") },
    ],
  }),
  // The count is never reset, so a loop that comes back after Exceeded cannot spin again.
  guards: { within: guard<{ nodeId: string; max: number }>((context, _event, p) => counter(context, p.nodeId) <= p.max) },
  actions: { count: action<{ nodeId: string }>((context, _event, p) => setCounter(context, p.nodeId, counter(context, p.nodeId) + 1)) },
  examples: [{ name: "Three tries", settings: { maxIterations: 3 } }],
});
