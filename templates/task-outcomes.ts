import type { TemplateLanguage } from "./template";

/**
 * The outcomes the templates' operator tasks offer, in each language: an outcome is the words an
 * operator reads on its button (and its output port is `outcome-<words>`), so a Russian flow's are Russian.
 */
const WORDS = {
  resolved: { en: "resolved", ru: "решено" },
  unresolved: { en: "unresolved", ru: "не решено" },
  answered: { en: "answered", ru: "ответ дан" },
  completed: { en: "completed", ru: "анкета заполнена" },
  "not-interested": { en: "not-interested", ru: "не интересно" },
  "no-answer": { en: "no-answer", ru: "не дозвонились" },
  confirmed: { en: "confirmed", ru: "клиент подтвердил" },
  "not-me": { en: "not-me", ru: "операция не его" },
  unreachable: { en: "unreachable", ru: "не дозвонились" },
  blocked: { en: "blocked", ru: "карта заблокирована" },
} as const satisfies Record<string, Record<TemplateLanguage, string>>;

export type TaskOutcome = keyof typeof WORDS;

/** A task outcome in the template's language. */
export const taskOutcome = (language: TemplateLanguage, outcome: TaskOutcome): string => WORDS[outcome][language];
