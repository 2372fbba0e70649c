import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { action, defineNode, guard } from "../../_kit/define-node";
import { sentimentScore } from "./score";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  thresholds: "Negative below must not be greater than positive above.",
} as const;

const LABELS = ["negative", "neutral", "positive"] as const;
type Label = (typeof LABELS)[number];

const threshold = (label: string, fallback: number, help: string) => z.number().min(-20).max(20).default(fallback).meta({ label, help });

const settings = z.object({
  negativeBelow: threshold("Negative below", -1, 'A message scoring less than this is negative. Words weigh -5 ("ужасно", "terrible") to +5.'),
  positiveAbove: threshold("Positive above", 1, "A message scoring more than this is positive; anything in between is neutral."),
});

/** Routes on the mood of the customer's message (Russian and English, scored locally). */
export const sentimentNode = defineNode({
  type: "logic.sentiment",
  version: 1,
  title: "Sentiment",
  description: "Scores the customer's message as negative, neutral or positive (Russian and English word lists, runs locally).",
  category: "logic",
  icon: "Smile",
  keywords: ["sentiment", "mood", "tone", "angry", "complaint", "emotion"],
  ru: {
    title: "Тональность",
    description: "Оценивает сообщение клиента как негативное, нейтральное или позитивное (по словарям русского и английского, работает локально).",
    keywords: ["тональность", "настроение", "тон", "недовольство", "жалоба", "эмоции", "негатив"],
    settings: {
      negativeBelow: {
        label: "Негатив ниже",
        help: "Сообщение с оценкой меньше этой считается негативным. Вес слов — от -5 («ужасно», «terrible») до +5.",
      },
      positiveAbove: { label: "Позитив выше", help: "Сообщение с оценкой больше этой считается позитивным; всё, что между, — нейтральным." },
    },
    ports: { negative: "Негативно", neutral: "Нейтрально", positive: "Позитивно" },
    messages: {
      thresholds: "Порог негативной тональности не может быть выше порога позитивной.",
    },
    summary: (s) => `Негатив < ${s.negativeBelow} · позитив > ${s.positiveAbove}`,
  },
  settings,
  hasInput: true,
  outputs: () => LABELS.map((label) => ({ id: label, label: label[0].toUpperCase() + label.slice(1) })),
  summary: (s) => `Negative < ${s.negativeBelow} · positive > ${s.positiveAbove}`,
  variables: () => ({
    writes: [
      { name: "sentiment", type: "string" },
      { name: "sentimentScore", type: "number" },
    ],
  }),
  messages: MESSAGES,
  validate: (s) => (s.negativeBelow > s.positiveAbove ? [nodeIssue(MESSAGES, "negativeBelow", "thresholds")] : []),
  compile: (ctx) => ({
    entry: [ctx.action("score", { negativeBelow: ctx.settings.negativeBelow, positiveAbove: ctx.settings.positiveAbove })],
    always: [
      { guard: ctx.guard("is", { label: "negative" }), target: ctx.target("negative") },
      { guard: ctx.guard("is", { label: "positive" }), target: ctx.target("positive") },
      { target: ctx.target("neutral") },
    ],
  }),
  guards: { is: guard<{ label: Label }>((context, _event, p) => context.vars.sentiment === p.label) },
  actions: {
    score: action<{ negativeBelow: number; positiveAbove: number }>((context, _event, p) => {
      const score = sentimentScore(context.message?.text ?? "");
      const label: Label = score < p.negativeBelow ? "negative" : score > p.positiveAbove ? "positive" : "neutral";
      return { ...context, vars: { ...context.vars, sentiment: label, sentimentScore: score } };
    }),
  },
  examples: [{ name: "Default thresholds", settings: { negativeBelow: -1, positiveAbove: 1 } }],
});
