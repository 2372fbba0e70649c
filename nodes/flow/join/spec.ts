import * as z from "zod";
import { defineNode } from "../../_kit/define-node";
import { JOIN_MODES } from "../../_kit/structure";

const settings = z.object({
  mode: z.enum(JOIN_MODES).default("all").meta({
    label: "Continue when",
    help: "all: every branch has arrived. first: the first branch arrives; the other branches stop and their late events are ignored.",
  }),
});

/**
 * Where the branches of a Run in parallel meet. The wires into it end each branch's region; the
 * flow continues from here once (every branch, or the first, per mode).
 */
export const joinNode = defineNode({
  type: "flow.join",
  version: 1,
  title: "Join",
  description: "Waits for the branches of a Run in parallel, then continues once.",
  category: "flow",
  icon: "Merge",
  keywords: ["join", "merge", "wait for all", "synchronise", "parallel", "barrier"],
  ru: {
    title: "Слияние",
    description: "Ждёт ветки узла «Запустить параллельно» и продолжает один раз.",
    keywords: ["слияние", "объединение", "ждать всех", "синхронизация", "параллельно", "барьер"],
    settings: {
      mode: {
        label: "Продолжить, когда",
        help: "Дошли все ветки: ждать каждую. Дошла первая ветка: продолжить сразу; остальные ветки останавливаются, их поздние события не учитываются.",
      },
    },
    options: { mode: { all: "Дошли все ветки", first: "Дошла первая ветка" } },
    ports: { out: "Объединено" },
    summary: (s) => (s.mode === "all" ? "Когда завершены все ветки" : "Когда завершена первая ветка; остальные останавливаются"),
  },
  settings,
  hasInput: true,
  outputs: () => [{ id: "out", label: "Joined" }],
  summary: (s) => (s.mode === "all" ? "When every branch is done" : "When the first branch is done; the others stop"),
  structure: { kind: "join", mode: (s) => s.mode },
  compile: (ctx) => ({ always: { target: ctx.target("out") } }),
  examples: [
    { name: "Wait for all", settings: { mode: "all" } },
    { name: "First one wins", settings: { mode: "first" } },
  ],
});
