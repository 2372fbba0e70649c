import * as z from "zod";
import { literalPattern, matchesPattern, patternIssues } from "../../_kit/pattern";
import { defineNode, guard } from "../../_kit/define-node";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "rules-empty": "add at least one rule",
  "pattern-empty": "type at least one keyword or a pattern",
} as const;

const ruleSchema = z.object({
  label: z.string().max(40).default("").meta({ label: "Output name" }),
  match: z.enum(["keywords", "regex"]).default("keywords").meta({ label: "Match by" }),
  pattern: z.string().trim().min(1, MESSAGES["pattern-empty"]).max(300).meta({ label: "Keywords or pattern", placeholder: "hours, open, schedule" }),
});
type Rule = z.infer<typeof ruleSchema>;

const settings = z.object({
  rules: z
    .array(ruleSchema)
    .min(1, MESSAGES["rules-empty"])
    .max(20)
    .default([{ label: "", match: "keywords", pattern: "" }])
    .meta({ label: "Rules" }),
});

const FLAGS = "iu";

/**
 * The RE2 pattern a rule matches with. Keywords match as whole words in any script: a letter or
 * digit may not touch them (RE2 has no look-around, and only whether it matches counts).
 */
export function rulePattern(rule: Pick<Rule, "match" | "pattern">): string {
  if (rule.match === "regex") return rule.pattern;
  const words = rule.pattern
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean)
    .map(literalPattern);
  return `(?:^|[^\\p{L}\\p{N}])(?:${words.join("|")})(?:[^\\p{L}\\p{N}]|$)`;
}

/** Routes on the text of the current message: the first matching rule wins, otherwise *else*. */
export const textMatchNode = defineNode({
  type: "logic.text-match",
  version: 1,
  title: "Text matches",
  description: "Branches on keywords or a regular expression in the customer's message (case-insensitive).",
  category: "logic",
  icon: "Split",
  keywords: ["keyword", "regex", "branch", "if"],
  ru: {
    title: "Текст совпадает",
    description: "Ветвит сценарий по ключевым словам или регулярному выражению в сообщении клиента (без учёта регистра).",
    keywords: ["ключевые слова", "регулярное выражение", "regex", "ветвление", "если", "текст"],
    settings: {
      rules: { label: "Правила", item: "Правило" },
      "rules.*.label": { label: "Название выхода" },
      "rules.*.match": { label: "Искать по" },
      "rules.*.pattern": { label: "Ключевые слова или шаблон", placeholder: "часы, открыто, график" },
    },
    options: { "rules.*.match": { keywords: "Ключевым словам", regex: "Регулярному выражению" } },
    ports: { "rule-{n}": { "Rule {n}": "Правило {n}" }, else: "Иначе" },
    messages: {
      "rules-empty": "добавьте хотя бы одно правило",
      "pattern-empty": "введите хотя бы одно ключевое слово или шаблон",
    },
    summary: (s) =>
      s.rules
        .map((r) => r.label || r.pattern)
        .filter(Boolean)
        .join(" · ") || "Правил пока нет",
  },
  settings,
  hasInput: true,
  outputs: (s) => [...s.rules.map((r, i) => ({ id: `rule-${i + 1}`, label: r.label || r.pattern || `Rule ${i + 1}` })), { id: "else", label: "Else" }],
  summary: (s) =>
    s.rules
      .map((r) => r.label || r.pattern)
      .filter(Boolean)
      .join(" · ") || "No rules yet",
  messages: MESSAGES,
  validate: (s) => s.rules.flatMap((rule, i) => (rule.match === "regex" ? patternIssues(`rules.${i}.pattern`, rule.pattern, FLAGS) : [])),
  compile: (ctx) => ({
    always: [
      ...ctx.settings.rules.map((r, i) => ({
        guard: ctx.guard("matches", { match: r.match, pattern: r.pattern }),
        target: ctx.target(`rule-${i + 1}`),
      })),
      { target: ctx.target("else") },
    ],
  }),
  guards: {
    matches: guard<Pick<Rule, "match" | "pattern">>((context, _event, p) => matchesPattern(rulePattern(p), FLAGS, context.message?.text ?? "")),
  },
  examples: [{ name: "Hours or price", settings: { rules: [{ label: "Hours", match: "keywords", pattern: "hours, open" }] } }],
});
