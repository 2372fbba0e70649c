import * as z from "zod";
import { emitAndPark, templateScope, unpark, type FlowContext } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { renderTemplate } from "../../_kit/template";
import { variableNameSchema } from "../../_kit/variables";
import { fieldLineIssues, fieldLinesSchema, parseFieldLines } from "../../crm/field-lines";
import { readPath } from "../../data/http-request/response";
import { ruCount } from "../../_kit/ru";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "flow-empty": "say which flow to call",
} as const;

const settings = z.object({
  flowId: z
    .string()
    .trim()
    .min(1, MESSAGES["flow-empty"])
    .max(100)
    .meta({ label: "Flow to call", widget: "flow", help: "A published flow that starts with “Called by another flow”." }),
  inputs: fieldLinesSchema().default([]).meta({
    label: "Inputs",
    widget: "lines",
    placeholder: "amount = {{vars.amount}}",
    help: "One per line, name = value, for the called flow's declared inputs. A lone placeholder passes its value as it is (a number stays a number).",
  }),
  resultVariable: variableNameSchema.default("result").meta({
    label: "Result variable",
    help: "Outputs land in {{vars.<name>.<output>}}, the called flow's end outcome in {{vars.<name>.outcome}}, a failure's reason in {{vars.<name>.error}}.",
  }),
});

/** `{{path}}` and nothing else: its value is passed unrendered, so numbers and booleans keep their type. */
const LONE_PLACEHOLDER = /^\{\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}\}$/;

/** The inputs to pass; a value that comes out empty is left out (the called flow says if it needed it). */
function renderInputs(lines: string[], context: FlowContext): Record<string, unknown> {
  const scope = templateScope(context);
  return Object.fromEntries(
    parseFieldLines(lines).flatMap(({ name, value }) => {
      const lone = LONE_PLACEHOLDER.exec(value);
      const rendered = lone ? readPath(scope, lone[1]) : renderTemplate(value, scope);
      return rendered === null || rendered === "" ? [] : [[name, rendered]];
    }),
  );
}

const isResult = (context: FlowContext, event: { type: string; key?: string }, nodeId: string) =>
  (event.type === "subflow.completed" || event.type === "subflow.failed") && context.waits[nodeId] === event.key;

/** Runs another published flow (same customer and conversation) and continues with its result. */
export const callSubflowNode = defineNode({
  type: "flow.call-subflow",
  version: 1,
  title: "Call subflow",
  description: "Runs another published flow with inputs, waits until it ends and stores its outputs; Failed when it cannot run.",
  category: "flow",
  icon: "Workflow",
  keywords: ["subflow", "call", "reuse", "module", "function", "nested", "inputs", "outputs"],
  ru: {
    title: "Вызвать подсценарий",
    description:
      "Запускает другой опубликованный сценарий с входными данными, ждёт его завершения и сохраняет выходные; «Сбой», если его не удаётся запустить.",
    keywords: ["подсценарий", "вызов", "повторное использование", "модуль", "функция", "вложенный", "входные данные", "выходные данные"],
    settings: {
      flowId: { label: "Вызываемый сценарий", help: "Опубликованный сценарий, который начинается с триггера «Вызван другим сценарием»." },
      inputs: {
        label: "Входные данные",
        help: "По одному в строке, имя = значение, для объявленных входов вызываемого сценария. Одна подстановка без текста передаёт значение как есть (число остаётся числом).",
        placeholder: "amount = {{vars.amount}}",
      },
      resultVariable: {
        label: "Переменная результата",
        help: "Выходные данные попадают в {{vars.<name>.<output>}}, итог вызванного сценария — в {{vars.<name>.outcome}}, причина сбоя — в {{vars.<name>.error}}.",
      },
    },
    ports: { done: "Завершён", failed: "Сбой" },
    messages: {
      "flow-empty": "выберите, какой сценарий вызвать",
    },
    summary: (s) => `${ruCount(s.inputs.length, ["вход", "входа", "входов"])} → vars.${s.resultVariable}`,
  },
  settings,
  hasInput: true,
  // No `waits`: a called flow that never waits ends within the same step, so a loop through
  // this node still needs a real wait.
  outputs: () => [
    { id: "done", label: "Done" },
    { id: "failed", label: "Failed" },
  ],
  variables: (s) => ({ writes: [{ name: s.resultVariable, type: "object", field: "resultVariable" }] }),
  messages: MESSAGES,
  validate: (s) => fieldLineIssues(s.inputs, "inputs"),
  // The flow's name lives in the database; the canvas shows what goes in and where the result lands.
  summary: (s) => `${s.inputs.length} input${s.inputs.length === 1 ? "" : "s"} → vars.${s.resultVariable}`,
  callsFlow: (s) => ({ flowId: s.flowId, field: "flowId", trigger: "trigger.subflow-called" }),
  compile: (ctx) => {
    const record = ctx.action("record", { nodeId: ctx.nodeId, resultVariable: ctx.settings.resultVariable });
    const mine = ctx.guard("is-mine", { nodeId: ctx.nodeId });
    return {
      entry: [ctx.action("call", { nodeId: ctx.nodeId, flowId: ctx.settings.flowId, inputs: ctx.settings.inputs })],
      on: {
        "subflow.completed": { guard: mine, target: ctx.target("done"), actions: [record] },
        "subflow.failed": { guard: mine, target: ctx.target("failed"), actions: [record] },
      },
    };
  },
  guards: { "is-mine": guard<{ nodeId: string }>((context, event, p) => isResult(context, event, p.nodeId)) },
  actions: {
    call: action<{ nodeId: string; flowId: string; inputs: string[] }>((context, _event, p) => {
      const nodeId = p.nodeId;
      return emitAndPark(context, nodeId, { kind: "subflow.start", nodeId, flowId: p.flowId, inputs: renderInputs(p.inputs, context) });
    }),
    record: action<{ nodeId: string; resultVariable: string }>((context, event, p) => {
      const done = unpark(context, p.nodeId);
      const result =
        event.type === "subflow.completed"
          ? { ...event.outputs, outcome: event.outcome }
          : event.type === "subflow.failed"
            ? { outcome: null, error: event.error }
            : null;
      return result ? { ...done, vars: { ...done.vars, [p.resultVariable]: result } } : done;
    }),
  },
  examples: [
    {
      name: "Refund check",
      settings: {
        flowId: "refund-check",
        inputs: ["orderId = {{vars.orderId}}", "amount = {{vars.amount}}", "note = Asked by {{customer.name}}"],
        resultVariable: "refund",
      },
    },
  ],
});
