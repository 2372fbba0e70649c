import * as z from "zod";
import { fillMessage } from "../../_kit/messages";
import { defineNode, guard } from "../../_kit/define-node";
import { bucketOf } from "./bucket";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "variants-few": "add at least two variants",
  "name-empty": "name the variant",
  "whole-percent": "whole percent",
  total: "percentages add up to {total}, not 100",
  "duplicate-name": 'another variant is already called "{name}"',
} as const;

const variantSchema = z.object({
  name: z.string().trim().min(1, MESSAGES["name-empty"]).max(40).meta({ label: "Variant", placeholder: "A" }),
  percent: z.number().int(MESSAGES["whole-percent"]).min(0).max(100).default(0).meta({ label: "Percent" }),
});

const settings = z.object({
  variants: z
    .array(variantSchema)
    .min(2, MESSAGES["variants-few"])
    .max(10)
    .default([
      { name: "A", percent: 50 },
      { name: "B", percent: 50 },
    ])
    .superRefine((variants, ctx) => {
      const total = variants.reduce((sum, v) => sum + v.percent, 0);
      if (total !== 100) ctx.addIssue({ code: "custom", message: fillMessage(MESSAGES.total, { total }), params: { key: "total", total } });
      const names = variants.map((v) => v.name.toLowerCase());
      names.forEach((name, i) => {
        if (names.indexOf(name) < i)
          ctx.addIssue({
            code: "custom",
            path: [i, "name"],
            message: fillMessage(MESSAGES["duplicate-name"], { name: variants[i].name }),
            params: { key: "duplicate-name", name: variants[i].name },
          });
      });
    })
    .meta({ label: "Variants", help: "Each customer always gets the same variant of this node." }),
});

const portId = (index: number) => `variant-${index + 1}`;

/** Splits customers between variants by percentage, the same variant for a customer every time. */
export const abSplitNode = defineNode({
  type: "logic.ab-split",
  version: 1,
  title: "A/B split",
  description: "Sends each customer down one variant by percentage; a customer always gets the same variant.",
  category: "logic",
  icon: "FlaskConical",
  keywords: ["ab test", "experiment", "split", "random", "percentage", "variant"],
  ru: {
    title: "A/B-тест",
    description: "Направляет каждого клиента в один из вариантов по процентам; клиент всегда попадает в один и тот же вариант.",
    keywords: ["a/b тест", "ab тест", "эксперимент", "разделение", "случайно", "процент", "вариант"],
    settings: {
      variants: { label: "Варианты", help: "Каждый клиент всегда попадает в один и тот же вариант этого узла.", item: "Вариант" },
      "variants.*.name": { label: "Вариант", placeholder: "A" },
      "variants.*.percent": { label: "Процент" },
    },
    messages: {
      "variants-few": "добавьте хотя бы два варианта",
      "name-empty": "назовите вариант",
      "whole-percent": "целое число процентов",
      total: "сумма процентов — {total}, а должна быть 100",
      "duplicate-name": "другой вариант уже называется «{name}»",
    },
  },
  settings,
  hasInput: true,
  outputs: (s) => s.variants.map((v, i) => ({ id: portId(i), label: v.name })),
  summary: (s) => s.variants.map((v) => `${v.name} ${v.percent}%`).join(" · "),
  messages: MESSAGES,
  compile: (ctx) => {
    const { variants } = ctx.settings;
    // Variant i takes buckets [start, start + percent); the last one takes whatever is left.
    let start = 0;
    return {
      always: variants.map((v, i) => {
        const from = start;
        start += v.percent;
        const target = ctx.target(portId(i));
        return i === variants.length - 1 ? { target } : { guard: ctx.guard("in", { nodeId: ctx.nodeId, from, to: start }), target };
      }),
    };
  },
  guards: {
    // Sticky per customer and node; an instance without a customer is its own bucket key.
    in: guard<{ nodeId: string; from: number; to: number }>((context, _event, p) => {
      const bucket = bucketOf(`${context.customer?.id ?? context.instanceId}:${p.nodeId}`);
      return bucket >= p.from && bucket < p.to;
    }),
  },
  examples: [
    {
      name: "Three-way",
      settings: {
        variants: [
          { name: "Control", percent: 50 },
          { name: "Short greeting", percent: 25 },
          { name: "Emoji greeting", percent: 25 },
        ],
      },
    },
  ],
});
