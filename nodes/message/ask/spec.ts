import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { counter, emit, setCounter, takeMessage, templateScope, unpark, type FlowContext } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { renderTemplate, templateIssues } from "../../_kit/template";
import { variableNameSchema } from "../../_kit/variables";
import { patternIssues } from "../../_kit/pattern";
import { armTimer, disarmTimer, ownsTimer } from "../../_kit/durable-timer";
import { answerOf, buttonPort, canBeInvalid, PATTERN_FLAGS, type AnswerCheck } from "./answer";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "question-empty": "write the question",
  "buttons-empty": "Ask: add at least one button.",
  "buttons-differ": "Ask: buttons must differ.",
  "pattern-empty": "Ask: write the pattern answers must match.",
} as const;

const settings = z.object({
  question: z.string().trim().min(1, MESSAGES["question-empty"]).max(4000).meta({
    label: "Question",
    widget: "template",
    help: 'Use {{customer.name}}, {{vars.name}}; buttons go out as quick replies (spelled out as "… (Yes / No)" where a channel has none).',
  }),
  answer: z
    .enum(["free-text", "buttons"])
    .default("free-text")
    .meta({ label: "Answer", help: "Buttons: each becomes an output; typing a button's label (any case) counts as pressing it." }),
  buttons: z
    .array(z.string().trim().min(1).max(60))
    .max(10)
    .default([])
    .meta({ label: "Buttons", widget: "lines", help: "One per line; used when Answer is Buttons." }),
  validation: z
    .enum(["none", "number", "email", "phone", "regex"])
    .default("none")
    .meta({ label: "Validation", help: "For free-text answers. An invalid answer is asked again." }),
  pattern: z.string().trim().max(300).default("").meta({
    label: "Pattern",
    placeholder: "^\\d{6}$",
    help: "A regular expression (any case, RE2: no look-arounds or back-references), when Validation is Regex.",
  }),
  variable: variableNameSchema
    .default("answer")
    .meta({ label: "Save answer as", help: "Read it later as {{vars.<name>}}; a number when Validation is Number." }),
  maxAttempts: z
    .number()
    .int("a whole number")
    .min(1)
    .max(10)
    .default(3)
    .meta({ label: "Attempts", help: "Answers accepted in all; after that many invalid ones the flow continues on Invalid." }),
  retryText: z
    .string()
    .trim()
    .max(1000)
    .default("Sorry, I didn't get that.")
    .meta({ label: "Re-ask with", widget: "template", help: "Sent with the question again after an invalid answer; {{message.text}} is that answer." }),
  timeoutSeconds: z
    .number()
    .int("whole seconds")
    .min(0)
    .max(30 * 24 * 3600, "at most 30 days")
    .default(0)
    .meta({ label: "Timeout (seconds)", help: "0 waits forever. Restarts each time the question is asked; survives restarts." }),
});
type Settings = z.infer<typeof settings>;

const checkOf = (s: Settings): AnswerCheck => ({ answer: s.answer, buttons: s.buttons, validation: s.validation, pattern: s.pattern });

const answerPorts = (s: Settings) =>
  s.answer === "buttons" ? s.buttons.map((label, i) => ({ id: buttonPort(i), label })) : [{ id: "answered", label: "Answered" }];

/** What asking (and asking again) needs. */
type Asking = { nodeId: string; question: string; buttons: string[]; delayMs: number };

/**
 * Sends the question (after `before`, e.g. "Sorry, …") with its buttons as quick replies;
 * channels that cannot show buttons spell them out.
 */
function sendQuestion(context: FlowContext, p: Asking, before = ""): FlowContext {
  const buttons = p.buttons;
  const text = [before, renderTemplate(p.question, templateScope(context))].filter(Boolean).join("\n");
  return emit(context, { kind: "message.send", nodeId: p.nodeId, text, ...(buttons.length > 0 && { buttons }) });
}
/** Leaves the node: no timer, no attempt count left behind. */
const leave = (context: FlowContext, nodeId: string) => setCounter(disarmTimer(context, nodeId), nodeId, 0);

function settingIssues(s: Settings) {
  const list = [...templateIssues(s, "question", "retryText")];
  if (s.answer === "buttons") {
    if (!s.buttons.length) list.push(nodeIssue(MESSAGES, "buttons", "buttons-empty"));
    if (new Set(s.buttons.map((b) => b.toLowerCase())).size < s.buttons.length) list.push(nodeIssue(MESSAGES, "buttons", "buttons-differ"));
  } else if (s.validation === "regex") {
    if (!s.pattern) list.push(nodeIssue(MESSAGES, "pattern", "pattern-empty"));
    else list.push(...patternIssues("pattern", s.pattern, PATTERN_FLAGS));
  }
  return list;
}

/**
 * Asks the customer a question and waits for a valid answer, which it stores in a variable.
 * An invalid answer is asked again (a targetless transition: entry does not run twice) until
 * `maxAttempts` answers were invalid; the attempt count lives in `context.counters`.
 */
export const askNode = defineNode({
  type: "message.ask",
  version: 1,
  title: "Ask a question",
  description: "Asks a question (buttons or free text), checks the answer, stores it in a variable and asks again when it is invalid.",
  category: "message",
  icon: "MessageCircleQuestionMark",
  keywords: ["question", "ask", "input", "buttons", "quick reply", "validate", "email", "phone", "form"],
  ru: {
    title: "Задать вопрос",
    description: "Задаёт вопрос (кнопки или свободный ответ), проверяет ответ, сохраняет его в переменную и переспрашивает, если ответ не подходит.",
    keywords: ["вопрос", "спросить", "ввод", "кнопки", "быстрые ответы", "проверка", "e-mail", "телефон", "анкета", "форма"],
    defaults: { retryText: "Извините, не удалось разобрать ответ." },
    settings: {
      question: {
        label: "Вопрос",
        help: "Используйте {{customer.name}}, {{vars.name}}; кнопки уходят как быстрые ответы (где в канале их нет, они дописываются к тексту: «… (Да / Нет)»).",
      },
      answer: {
        label: "Ответ",
        help: "Кнопки: каждая становится выходом; если клиент напишет текст кнопки (в любом регистре), это считается нажатием.",
      },
      buttons: { label: "Кнопки", help: "По одной в строке; используются, когда «Ответ» — «Кнопки»." },
      validation: { label: "Проверка", help: "Для свободного ответа. Если ответ не прошёл проверку, вопрос задаётся снова." },
      pattern: {
        label: "Шаблон",
        placeholder: "^\\d{6}$",
        help: "Регулярное выражение (без учёта регистра, RE2: без просмотра вперёд и назад и обратных ссылок), когда «Проверка» — «Регулярное выражение».",
      },
      variable: { label: "Сохранить ответ в", help: "Потом читайте его как {{vars.<name>}}; при проверке «Число» это число." },
      maxAttempts: {
        label: "Попытки",
        help: "Сколько всего ответов принимается; после стольких неподходящих сценарий продолжает по «Неверный ответ».",
      },
      retryText: { label: "Текст при переспросе", help: "Уходит вместе с повторным вопросом после неподходящего ответа; {{message.text}} — этот ответ." },
      timeoutSeconds: {
        label: "Время ожидания (сек)",
        help: "0 — ждать без ограничения. Отсчёт начинается заново при каждом вопросе и не сбрасывается при перезапуске сервера.",
      },
    },
    options: {
      answer: { "free-text": "Свободный ответ", buttons: "Кнопки" },
      validation: { none: "Без проверки", number: "Число", email: "E-mail", phone: "Телефон", regex: "Регулярное выражение" },
    },
    ports: { answered: "Ответ получен", invalid: "Неверный ответ", timeout: "Время истекло" },
    messages: {
      "question-empty": "напишите вопрос",
      "buttons-empty": "{title}: добавьте хотя бы одну кнопку.",
      "buttons-differ": "{title}: кнопки не должны повторяться.",
      "pattern-empty": "{title}: напишите шаблон, которому должны соответствовать ответы.",
    },
  },
  settings,
  hasInput: true,
  waits: true,
  boundsLoops: true,
  outputs: (s) => [
    ...answerPorts(s),
    ...(canBeInvalid(checkOf(s)) ? [{ id: "invalid", label: "Invalid" }] : []),
    ...(s.timeoutSeconds > 0 ? [{ id: "timeout", label: "Timeout" }] : []),
  ],
  summary: (s) => `${s.question.length > 36 ? `${s.question.slice(0, 35)}…` : s.question} → vars.${s.variable}`,
  variables: (s) => ({
    writes: [{ name: s.variable, type: s.answer === "free-text" && s.validation === "number" ? "number" : "string", field: "variable" }],
  }),
  messages: MESSAGES,
  validate: settingIssues,
  compile: (ctx) => {
    const s = ctx.settings;
    const nodeId = ctx.nodeId;
    const check = checkOf(s);
    const asking: Asking = { nodeId, question: s.question, buttons: s.answer === "buttons" ? s.buttons : [], delayMs: s.timeoutSeconds * 1000 };
    const accept = ctx.action("accept", { nodeId, variable: s.variable, ...check });
    return {
      entry: [ctx.action("ask", asking)],
      on: {
        "message.received": [
          ...answerPorts(s).map((port) => ({ guard: ctx.guard("answers", { ...check, port: port.id }), target: ctx.target(port.id), actions: [accept] })),
          ...(canBeInvalid(check)
            ? [
                {
                  guard: ctx.guard("can-retry", { nodeId, maxAttempts: s.maxAttempts }),
                  actions: [ctx.action("retry", { ...asking, retryText: s.retryText })],
                },
                { target: ctx.target("invalid"), actions: [ctx.action("give-up", { nodeId })] },
              ]
            : []),
        ],
        ...(s.timeoutSeconds > 0 && {
          "timer.fired": { guard: ctx.guard("is-mine", { nodeId }), target: ctx.target("timeout"), actions: [ctx.action("expire", { nodeId })] },
        }),
      },
    };
  },
  guards: {
    answers: guard<AnswerCheck & { port: string }>((_context, event, p) => event.type === "message.received" && answerOf(event.text, p)?.port === p.port),
    "can-retry": guard<{ nodeId: string; maxAttempts: number }>((context, _event, p) => counter(context, p.nodeId) + 1 < p.maxAttempts),
    "is-mine": guard<{ nodeId: string }>((context, event, p) => ownsTimer(context, event, p.nodeId)),
  },
  actions: {
    ask: action<Asking>((context, _event, p) => {
      const nodeId = p.nodeId;
      // A loop may bring the instance back: every visit starts with a fresh attempt count.
      const asked = sendQuestion(setCounter(context, nodeId, 0), p);
      return armTimer(asked, nodeId, p.delayMs);
    }),
    retry: action<Asking & { retryText: string }>((context, event, p) => {
      const nodeId = p.nodeId;
      const taken = setCounter(takeMessage(context, event), nodeId, counter(context, nodeId) + 1);
      const sorry = renderTemplate(p.retryText, templateScope(taken));
      const asked = sendQuestion(taken, p, sorry);
      // The customer gets the full timeout again for the repeated question.
      return context.waits[nodeId] ? armTimer(disarmTimer(asked, nodeId), nodeId, p.delayMs) : asked;
    }),
    accept: action<AnswerCheck & { nodeId: string; variable: string }>((context, event, p) => {
      const answer = event.type === "message.received" ? answerOf(event.text, p) : null;
      const taken = leave(takeMessage(context, event), p.nodeId);
      return answer ? { ...taken, vars: { ...taken.vars, [p.variable]: answer.value } } : taken;
    }),
    "give-up": action<{ nodeId: string }>((context, event, p) => leave(takeMessage(context, event), p.nodeId)),
    // The timer has fired: nothing to cancel.
    expire: action<{ nodeId: string }>((context, _event, p) => setCounter(unpark(context, p.nodeId), p.nodeId, 0)),
  },
  examples: [
    {
      name: "Yes or no",
      settings: { question: "Did you just pay with your card, {{customer.name | there}}?", answer: "buttons", buttons: ["Yes", "No"], variable: "confirmed" },
    },
    {
      name: "Email address",
      settings: { question: "What is your email, {{customer.name | there}}?", validation: "email", variable: "email", maxAttempts: 3, timeoutSeconds: 600 },
    },
    { name: "Order number", settings: { question: "Your order number, please?", validation: "regex", pattern: "^\\d{6}$", variable: "order" } },
  ],
});
