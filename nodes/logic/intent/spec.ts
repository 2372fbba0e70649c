import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { action, defineNode, guard } from "../../_kit/define-node";
import { classify, train, type IntentExamples } from "./classifier";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "intents-empty": "add at least one intent",
  "name-empty": "name the intent",
  "examples-few": "type at least two example phrases",
  "reserved-name": 'Intent {n}: "{name}" is the name of the low-confidence output; pick another',
  "duplicate-name": 'Intent {n}: another intent is already called "{name}"',
} as const;

/** What `vars.intent` says when no intent is confident enough; so no intent may be called that. */
export const UNKNOWN = "unknown";

const intentSchema = z.object({
  name: z.string().trim().min(1, MESSAGES["name-empty"]).max(40).meta({ label: "Intent", placeholder: "block card" }),
  examples: z
    .array(z.string().trim().min(1).max(200))
    .min(2, MESSAGES["examples-few"])
    .max(50)
    .default([])
    .meta({ label: "Example phrases", widget: "lines", help: "One phrase per line, Russian or English. Varied wording teaches it more than repeats." }),
});

const settings = z.object({
  intents: z
    .array(intentSchema)
    .min(1, MESSAGES["intents-empty"])
    .max(20)
    .default([{ name: "", examples: [] }])
    .meta({ label: "Intents" }),
  minConfidence: z
    .number()
    .min(0)
    .max(1)
    .default(0.35)
    .meta({ label: "Minimum confidence", help: "0 to 1. A message less similar than this to every intent's examples goes to Unknown." }),
});

const portId = (index: number) => `intent-${index + 1}`;

// Trained once per distinct set of intents; every later message reuses the model. A compiled
// machine hands the same params object to every step, so most look-ups skip the JSON key.
const models = new Map<string, ReturnType<typeof train>>();
const byParams = new WeakMap<object, ReturnType<typeof train>>();
function model(intents: IntentExamples[]) {
  let trained = byParams.get(intents);
  if (!trained) {
    const key = JSON.stringify(intents);
    trained = models.get(key) ?? train(intents);
    models.set(key, trained);
    byParams.set(intents, trained);
  }
  return trained;
}

/** Routes on what the customer wants, learned from the example phrases typed per intent. */
export const intentNode = defineNode({
  type: "logic.intent",
  version: 1,
  title: "Intent",
  description: "Recognises what the customer wants from example phrases per intent (Russian and English, runs locally); low confidence goes to Unknown.",
  category: "logic",
  icon: "BrainCircuit",
  keywords: ["intent", "classifier", "nlu", "understand", "topic", "bot"],
  ru: {
    title: "Намерение",
    description:
      "Распознаёт, чего хочет клиент, по примерам фраз для каждого намерения (русский и английский, работает локально); при низкой уверенности — выход «Не распознано».",
    keywords: ["намерение", "интент", "классификатор", "nlu", "распознавание", "тема", "бот"],
    settings: {
      intents: { label: "Намерения", item: "Намерение" },
      "intents.*.name": { label: "Намерение", placeholder: "заблокировать карту" },
      "intents.*.examples": {
        label: "Примеры фраз",
        help: "По одной фразе в строке, на русском или английском. Разные формулировки учат лучше, чем повторы.",
      },
      minConfidence: {
        label: "Минимальная уверенность",
        help: "От 0 до 1. Если сходство сообщения с примерами любого намерения ниже этого значения, оно уходит в «Не распознано».",
      },
    },
    ports: { "intent-{n}": { "Intent {n}": "Намерение {n}" }, unknown: "Не распознано" },
    messages: {
      "intents-empty": "добавьте хотя бы одно намерение",
      "name-empty": "назовите намерение",
      "examples-few": "введите хотя бы две фразы-примера",
      "reserved-name": "Намерение {n}: «{name}» — так называется выход для неуверенного распознавания; выберите другое название",
      "duplicate-name": "Намерение {n}: другое намерение уже называется «{name}»",
    },
    summary: (s) =>
      s.intents
        .map((i) => i.name)
        .filter(Boolean)
        .join(" · ") || "Намерений пока нет",
  },
  settings,
  hasInput: true,
  outputs: (s) => [...s.intents.map((intent, i) => ({ id: portId(i), label: intent.name || `Intent ${i + 1}` })), { id: UNKNOWN, label: "Unknown" }],
  summary: (s) =>
    s.intents
      .map((i) => i.name)
      .filter(Boolean)
      .join(" · ") || "No intents yet",
  variables: () => ({
    writes: [
      { name: "intent", type: "string" },
      { name: "intentConfidence", type: "number" },
    ],
  }),
  messages: MESSAGES,
  validate: (s) => {
    const seen = new Set<string>();
    return s.intents.flatMap((intent, i) => {
      const name = intent.name.toLowerCase();
      const problem = name === UNKNOWN ? nodeIssue(MESSAGES, `intents.${i}.name`, "reserved-name", { n: i + 1, name: UNKNOWN }) : null;
      const twice = !problem && seen.has(name) ? nodeIssue(MESSAGES, `intents.${i}.name`, "duplicate-name", { n: i + 1, name: intent.name }) : null;
      seen.add(name);
      return problem ? [problem] : twice ? [twice] : [];
    });
  },
  compile: (ctx) => ({
    entry: [ctx.action("classify", { intents: ctx.settings.intents, minConfidence: ctx.settings.minConfidence })],
    always: [
      ...ctx.settings.intents.map((intent, i) => ({ guard: ctx.guard("is", { name: intent.name }), target: ctx.target(portId(i)) })),
      { target: ctx.target(UNKNOWN) },
    ],
  }),
  guards: { is: guard<{ name: string }>((context, _event, p) => context.vars.intent === p.name) },
  actions: {
    classify: action<{ intents: IntentExamples[]; minConfidence: number }>((context, _event, p) => {
      const result = classify(model(p.intents), context.message?.text ?? "");
      const intent = result.intent !== null && result.confidence >= p.minConfidence ? result.intent : UNKNOWN;
      return { ...context, vars: { ...context.vars, intent, intentConfidence: Math.round(result.confidence * 1000) / 1000 } };
    }),
  },
  examples: [
    {
      name: "Card or callback",
      settings: {
        intents: [
          { name: "block card", examples: ["хочу заблокировать карту", "карту украли", "block my card", "I lost my card"] },
          { name: "callback", examples: ["перезвоните мне", "позвоните пожалуйста", "call me back", "can you call me"] },
        ],
        minConfidence: 0.35,
      },
    },
  ],
});
