import { z } from "zod";
import { defineNode, guard } from "../../_kit/define-node";
import { bucketOf } from "./bucket";

const variantSchema = z.object({
  name: z.string().trim().min(1, "name the variant").max(40).meta({ label: "Variant", placeholder: "A" }),
  percent: z.number().int("whole percent").min(0).max(100).default(0).meta({ label: "Percent" }),
});

const settings = z.object({
  variants: z
    .array(variantSchema)
    .min(2, "add at least two variants")
    .max(10)
    .default([
      { name: "A", percent: 50 },
      { name: "B", percent: 50 },
    ])
    .superRefine((variants, ctx) => {
      const total = variants.reduce((sum, v) => sum + v.percent, 0);
      if (total !== 100) ctx.addIssue({ code: "custom", message: `percentages add up to ${total}, not 100` });
      const names = variants.map((v) => v.name.toLowerCase());
      names.forEach((name, i) => {
        if (names.indexOf(name) < i) ctx.addIssue({ code: "custom", path: [i, "name"], message: `another variant is already called "${variants[i].name}"` });
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
  },
  settings,
  hasInput: true,
  outputs: (s) => s.variants.map((v, i) => ({ id: portId(i), label: v.name })),
  summary: (s) => s.variants.map((v) => `${v.name} ${v.percent}%`).join(" · "),
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
