import * as z from "zod";
import { kitIssue, nodeIssue } from "../../_kit/messages";
import { defineNode, guard } from "../../_kit/define-node";
import { holds, inspectExpression, MESSAGES } from "./evaluate";

const settings = z.object({
  expression: z
    .string()
    .trim()
    .min(1, MESSAGES["expression-empty"])
    .max(1000)
    .meta({
      label: "Condition",
      widget: "textarea",
      placeholder: 'vars.amount > 1000 and customer.channel == "webchat"',
      help:
        "Names use dots: customer.name, customer.channel, message.text, message.channel, task.outcome, vars.<name>. " +
        'Text in double quotes. Operators: == != < <= > >=, and, or, not, in ("sms", "email"), ~= "regex" (a pattern in quotes, RE2), + - * /. ' +
        "A missing value or a type mismatch (text compared with a number) counts as false.",
    }),
});

const MAX_SUMMARY = 48;

/** Routes on a condition over the customer, the current message, the last task and variables. */
export const expressionNode = defineNode({
  type: "logic.expression",
  version: 1,
  title: "Condition",
  description: "Compares customer fields, the message or flow variables in a safe expression language (filtrex); continues on True or False.",
  category: "logic",
  icon: "SquareFunction",
  keywords: ["if", "expression", "compare", "variable", "condition", "formula"],
  ru: {
    title: "Условие",
    description: "Сравнивает поля клиента, сообщение или переменные сценария на безопасном языке выражений (filtrex); продолжает по «Да» или «Нет».",
    keywords: ["если", "выражение", "сравнение", "переменная", "условие", "формула"],
    settings: {
      expression: {
        label: "Условие",
        help:
          "Имена пишутся через точку: customer.name, customer.channel, message.text, message.channel, task.outcome, vars.<name>. " +
          'Текст — в двойных кавычках. Операторы: == != < <= > >=, and, or, not, in ("sms", "email"), ~= "regex" (шаблон в кавычках, RE2), + - * /. ' +
          "Отсутствующее значение или несовпадение типов (текст сравнивается с числом) считается ложью.",
        placeholder: 'vars.amount > 1000 and customer.channel == "webchat"',
      },
    },
    ports: { true: "Да", false: "Нет" },
    messages: {
      "expression-empty": "напишите условие",
      syntax: "в условии ошибка: {error}",
      quotes: "пишите имена без кавычек, например vars.amount",
      "unknown-function": "{name}(): неизвестная функция (доступны: {functions})",
      "unknown-root": "{name}: неизвестное имя «{root}» (доступны: {roots})",
      "no-field": "{name}: укажите поле, например {example}",
      "unknown-field": "{name}: у {root} есть только {fields}",
      "match-literal": '~= принимает только шаблон в двойных кавычках, например message.text ~= "^order"; имя или вычисленное значение не может быть шаблоном',
    },
  },
  settings,
  hasInput: true,
  outputs: () => [
    { id: "true", label: "True" },
    { id: "false", label: "False" },
  ],
  summary: (s) => (s.expression.length > MAX_SUMMARY ? `${s.expression.slice(0, MAX_SUMMARY - 1)}…` : s.expression),
  variables: (s) => ({ reads: inspectExpression(s.expression).vars.map((name) => ({ name, type: "any", field: "expression" })) }),
  messages: MESSAGES,
  validate: (s) =>
    inspectExpression(s.expression).problems.map((p) =>
      p.key === "pattern.unsupported" || p.key === "pattern.syntax"
        ? kitIssue("expression", p.key, p.params)
        : nodeIssue(MESSAGES, "expression", p.key, p.params),
    ),
  compile: (ctx) => ({
    always: [{ guard: ctx.guard("holds", { expression: ctx.settings.expression }), target: ctx.target("true") }, { target: ctx.target("false") }],
  }),
  guards: {
    holds: guard<{ expression: string }>((context, _event, p) =>
      holds(p.expression, { customer: context.customer, message: context.message, task: context.task, vars: context.vars }),
    ),
  },
  examples: [
    { name: "Large web-chat order", settings: { expression: 'vars.amount > 1000 and customer.channel == "webchat"' } },
    { name: "Operator resolved it", settings: { expression: 'task.outcome == "resolved"' } },
  ],
});
