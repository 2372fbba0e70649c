import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { templateScope, type FlowContext } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { renderTemplate, templateIssues, templatePaths } from "../../_kit/template";
import { variableNameSchema } from "../../_kit/variables";
import { convert } from "./convert";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "not-number": "Set variable: \"{value}\" is not a number.",
  "not-boolean": "Set variable: \"{value}\" is not true/false, yes/no or 1/0.",
} as const;

const settings = z.object({
  name: variableNameSchema.meta({ label: "Variable", placeholder: "plan", help: "Read it later as {{vars.<name>}}." }),
  type: z.enum(["string", "number", "boolean"]).default("string").meta({ label: "Type" }),
  value: z
    .string()
    .trim()
    .max(4000)
    .default("")
    .meta({
      label: "Value",
      widget: "template",
      help: "Text with placeholders, e.g. {{message.text}}. A number: 42 or 3,5. A boolean: true/false, yes/no, 1/0.",
    }),
});
type Settings = z.infer<typeof settings>;

const RU_TYPES = { string: "Текст", number: "Число", boolean: "Да/нет" } as const;
/** The value as the summary shows it: cut to 32 characters, `""` for an empty one. */
const shownValue = (value: string) => (value.length > 32 ? `${value.slice(0, 31)}…` : value || '""');

/** Only a value with placeholders can fail to convert at run time; a literal is checked at publish. */
const canFail = (s: Settings): s is Settings & { type: "number" | "boolean" } => s.type !== "string" && templatePaths(s.value).length > 0;
const NOT_A = { number: "a number", boolean: "true/false, yes/no or 1/0" } as const;

type ValueParams = Pick<Settings, "type" | "value">;

/** The value to store, rendered and converted (undefined when it does not convert). */
const render = (context: FlowContext, p: ValueParams) => convert(renderTemplate(p.value, templateScope(context)), p.type);

/** Stores a value (a rendered template, converted to the variable's type) in `{{vars.<name>}}`. */
export const setVariableNode = defineNode({
  type: "data.set-variable",
  version: 1,
  title: "Set variable",
  description: "Stores a text, number or yes/no value in a flow variable that later nodes read as {{vars.name}}.",
  category: "data",
  icon: "Variable",
  keywords: ["variable", "assign", "store", "remember", "save", "vars"],
  ru: {
    title: "Задать переменную",
    description: "Сохраняет текст, число или значение да/нет в переменную сценария, которую следующие узлы читают как {{vars.name}}.",
    keywords: ["переменная", "присвоить", "сохранить", "запомнить", "vars"],
    settings: {
      name: { label: "Переменная", placeholder: "plan", help: "Потом читайте её как {{vars.<name>}}." },
      type: { label: "Тип" },
      value: {
        label: "Значение",
        help: "Текст с подстановками, например {{message.text}}. Число: 42 или 3,5. Да/нет: true/false, yes/no, 1/0.",
      },
    },
    options: { type: RU_TYPES },
    ports: { out: "Задано", error: { "Not a number": "Не число", "Not true/false, yes/no or 1/0": "Не true/false, yes/no или 1/0" } },
    messages: {
      "not-number": "{title}: «{value}» — не число.",
      "not-boolean": "{title}: «{value}» — не true/false, yes/no или 1/0.",
    },
    summary: (s) => `${s.name} = ${shownValue(s.value)}${s.type === "string" ? "" : ` (${RU_TYPES[s.type].toLowerCase()})`}`,
  },
  settings,
  hasInput: true,
  outputs: (s) => [{ id: "out", label: "Set" }, ...(canFail(s) ? [{ id: "error", label: `Not ${NOT_A[s.type]}` }] : [])],
  summary: (s) => {
    return `${s.name} = ${shownValue(s.value)}${s.type === "string" ? "" : ` (${s.type})`}`;
  },
  variables: (s) => ({ writes: [{ name: s.name, type: s.type, field: "name" }] }),
  messages: MESSAGES,
  validate: (s) => [
    ...templateIssues(s, "value"),
    ...(s.type !== "string" && !canFail(s) && convert(s.value, s.type) === undefined
      ? [nodeIssue(MESSAGES, "value", s.type === "number" ? "not-number" : "not-boolean", { value: s.value })]
      : []),
  ],
  compile: (ctx) => {
    const { name, type, value } = ctx.settings;
    const set = ctx.action("set", { name, type, value });
    if (!canFail(ctx.settings)) return { always: { target: ctx.target("out"), actions: [set] } };
    return {
      always: [{ guard: ctx.guard("converts", { type, value }), target: ctx.target("out"), actions: [set] }, { target: ctx.target("error") }],
    };
  },
  guards: { converts: guard<ValueParams>((context, _event, p) => render(context, p) !== undefined) },
  actions: {
    set: action<ValueParams & Pick<Settings, "name">>((context, _event, p) => {
      const value = render(context, p);
      return value === undefined ? context : { ...context, vars: { ...context.vars, [p.name]: value } };
    }),
  },
  examples: [
    { name: "Remember the plan", settings: { name: "plan", type: "string", value: "Pro" } },
    { name: "Seats from the reply", settings: { name: "seats", type: "number", value: "{{message.text}}" } },
    { name: "Mark as VIP", settings: { name: "vip", type: "boolean", value: "true" } },
  ],
});
