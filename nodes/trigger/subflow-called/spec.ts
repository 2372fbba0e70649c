import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { KIT_MESSAGES } from "../../_kit/messages";
import { action, defineNode } from "../../_kit/define-node";
import { variableNameSchema } from "../../_kit/variables";
import { FIELD_LINE, parseFields } from "../webhook/fields";
import { readInputs } from "./inputs";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "reserved-output": '"{name}" is filled by the engine; name the output differently.',
} as const;

/** Keys of the caller's result object that the engine fills itself. */
export const RESERVED_OUTPUTS = ["outcome", "error"];

const settings = z.object({
  inputs: z.array(z.string().trim().regex(FIELD_LINE, KIT_MESSAGES.en["typed-field-line"])).max(30).default([]).meta({
    label: "Inputs",
    widget: "lines",
    help: "One per line, e.g. amount: number or note?: string. The calling flow sets them; each becomes {{vars.<name>}}.",
  }),
  outputs: z
    .array(variableNameSchema)
    .max(30)
    .default([])
    .meta({ label: "Outputs", widget: "lines", help: "Variables handed back to the calling flow when this one ends, one name per line, e.g. refundId." }),
});

/** Starts the flow when another flow calls it (`Call subflow`); declared inputs become variables. */
export const subflowCalledNode = defineNode({
  type: "trigger.subflow-called",
  version: 1,
  title: "Called by another flow",
  description: "Starts the flow as a subflow of another: the caller's inputs become variables, the declared outputs go back when it ends.",
  category: "trigger",
  icon: "LogIn",
  keywords: ["subflow", "call", "reuse", "function", "module", "inputs", "outputs"],
  ru: {
    title: "Вызван другим сценарием",
    description:
      "Запускает сценарий как подсценарий другого: входные данные вызывающего становятся переменными, объявленные выходные данные возвращаются ему по завершении.",
    keywords: ["подсценарий", "вызов", "повторное использование", "функция", "модуль", "входные данные", "выходные данные"],
    settings: {
      inputs: {
        label: "Входные данные",
        help: "По одному в строке, например amount: number или note?: string. Их задаёт вызывающий сценарий; каждое становится {{vars.<name>}}.",
      },
      outputs: {
        label: "Выходные данные",
        help: "Переменные, которые вернутся вызывающему сценарию, когда этот завершится; по одному имени в строке, например refundId.",
      },
    },
    ports: { out: "Вызван" },
    messages: {
      "reserved-output": "«{name}» заполняется автоматически; назовите выход по-другому.",
    },
    summary: (s) => {
      const names = parseFields(s.inputs).map((f) => f.name);
      return (names.length ? `Входы: ${names.join(", ")}` : "Нет входов").slice(0, 60);
    },
  },
  settings,
  hasInput: false,
  outputs: () => [{ id: "out", label: "Called" }],
  trigger: {
    event: "subflow.called",
    matches: (_s, event) => event.type === "subflow.called",
    listensTo: () => ({ en: "Called by another flow", ru: "Вызов из другого сценария" }),
    check: (s, event) => {
      if (event.type !== "subflow.called") return null;
      const read = readInputs(parseFields(s.inputs), event.inputs);
      return read.ok ? null : { field: read.field, message: read.message };
    },
  },
  variables: (s) => ({
    writes: parseFields(s.inputs).map((f) => ({ name: f.name, type: f.type })),
    reads: s.outputs.map((name, i) => ({ name, type: "any" as const, field: `outputs.${i}` })),
  }),
  messages: MESSAGES,
  validate: (s) => s.outputs.flatMap((name, i) => (RESERVED_OUTPUTS.includes(name) ? [nodeIssue(MESSAGES, `outputs.${i}`, "reserved-output", { name })] : [])),
  summary: (s) => {
    const names = parseFields(s.inputs).map((f) => f.name);
    return (names.length ? `Inputs: ${names.join(", ")}` : "No inputs").slice(0, 60);
  },
  compile: (ctx) => ({ entry: [ctx.action("take", { inputs: ctx.settings.inputs, outputs: ctx.settings.outputs })], always: { target: ctx.target("out") } }),
  actions: {
    // Remembers the caller so the engine can hand the result back when this instance ends.
    take: action<{ inputs: string[]; outputs: string[] }>((context, event, p) => {
      if (event.type !== "subflow.called") return context;
      const read = readInputs(parseFields(p.inputs), event.inputs);
      return {
        ...context,
        vars: { ...context.vars, ...(read.ok ? read.values : {}) },
        caller: { instanceId: event.parentInstanceId, key: event.key, outputs: p.outputs },
      };
    }),
  },
  examples: [{ name: "Refund check", settings: { inputs: ["orderId: string", "amount: number", "note?: string"], outputs: ["refundId", "approved"] } }],
});
