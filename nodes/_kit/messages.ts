import type { NodeIssue } from "./define-node";

/**
 * Problem texts as keys with parameters. A text is a template where `{name}` stands for a
 * parameter; the English one is the issue's `message`, the Russian one is rendered from the same
 * key and parameters (`engine/compiler/issue-text.ts`).
 */
export type MessageParams = Record<string, string | number>;
export type Messages = Record<string, string>;

/** Fills `{name}` placeholders from `params`; `{{…}}` (template syntax inside a text) is left alone. */
export function fillMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/(?<!\{)\{([A-Za-z][\w]*)\}(?!\})/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The parameters a text expects. */
export const messageParams = (template: string) => [...template.matchAll(/(?<!\{)\{([A-Za-z][\w]*)\}(?!\})/g)].map((m) => m[1]);

/**
 * A settings problem from a node's `messages`, pinned to its field: the English text filled in as
 * `message`, the key and parameters kept for other languages.
 * @example nodeIssue(MESSAGES, "amount", "too-long", { phrase: "91 days" })
 */
export function nodeIssue<M extends Messages>(messages: M, field: string, key: keyof M & string, params: MessageParams = {}): NodeIssue {
  return { code: "invalid-settings", field, message: fillMessage(messages[key], params), params: { key, ...params } };
}

/**
 * Texts several nodes share (task settings, slugs, variable names, field lines, templates, the
 * subflow check). Node-specific keys live in the node's own `messages` and `ru.messages`.
 */
const KIT_EN = {
  "queue-empty": "name the queue",
  slug: "lower-case letters, digits and dashes",
  "whole-minutes": "whole minutes",
  "at-most-week": "at most a week",
  "skill-slug": "skills are lower-case slugs, e.g. complaints",
  "variable-name": "letters, digits and _; start with a letter",
  "whole-number": "a whole number",
  "whole-seconds": "whole seconds",
  "at-most-30-days": "at most 30 days",
  "field-line": "write name = value; the name uses letters, digits and _",
  "typed-field-line": "write name: string | number | boolean (name? when optional)",
  "field-line-twice": "{name} is set twice",
  "template.unclosed": "an opening {{ has no closing }}",
  "template.not-a-name": "{placeholder}: not a name; write e.g. {{customer.name}}",
  "template.unknown-root": '{placeholder}: unknown name "{root}" (use {roots})',
  "template.no-field": "{placeholder}: say which field, e.g. {example}",
  "template.unknown-field": "{placeholder}: {root} has {fields}",
  "pattern.unsupported": "{construct} is not supported: patterns run in linear time (RE2), without look-arounds, back-references or repeats over 1000",
  "pattern.syntax": "the pattern has an error: {error}",
  "call.missing": "{title}: the flow to call does not exist (or was deleted).",
  "call.unpublished": '{title}: "{flow}" has no published version yet.',
  "call.no-trigger": '{title}: "{flow}" cannot be called: its published version has no "{triggerTitle}" trigger.',
  "outbound.internal":
    "{title}: {host} is an internal address (this machine, a private network or cloud metadata); flows may call it only if OMNIFLOW_OUTBOUND_ALLOW lists it.",
} as const;

export type KitMessageKey = keyof typeof KIT_EN;

export const KIT_MESSAGES: { en: typeof KIT_EN; ru: Record<KitMessageKey, string> } = {
  en: KIT_EN,
  ru: {
    "queue-empty": "укажите очередь",
    slug: "только строчные латинские буквы, цифры и дефисы",
    "whole-minutes": "целое число минут",
    "at-most-week": "не больше недели",
    "skill-slug": "навыки пишутся строчными латинскими буквами, цифрами и дефисами, например complaints",
    "variable-name": "латинские буквы, цифры и _; первой должна быть буква",
    "whole-number": "нужно целое число",
    "whole-seconds": "целое число секунд",
    "at-most-30-days": "не больше 30 дней",
    "field-line": "пишите «имя = значение»; в имени латинские буквы, цифры и _",
    "typed-field-line": "пишите «имя: string | number | boolean» (имя? — если поле необязательное)",
    "field-line-twice": "поле {name} задано дважды",
    "template.unclosed": "открывающая {{ не закрыта }}",
    "template.not-a-name": "{placeholder}: это не имя поля; пишите, например, {{customer.name}}",
    "template.unknown-root": "{placeholder}: неизвестное имя «{root}» (доступны: {roots})",
    "template.no-field": "{placeholder}: укажите поле, например {example}",
    "template.unknown-field": "{placeholder}: у {root} есть только {fields}",
    "pattern.unsupported":
      "{construct} не поддерживается: шаблоны проверяются за линейное время (RE2), без просмотра вперёд и назад, обратных ссылок и повторов больше 1000",
    "pattern.syntax": "ошибка в шаблоне: {error}",
    "call.missing": "{title}: вызываемый сценарий не существует (или удалён).",
    "call.unpublished": "{title}: у сценария «{flow}» ещё нет опубликованной версии.",
    "call.no-trigger": "{title}: сценарий «{flow}» нельзя вызвать: в его опубликованной версии нет триггера «{triggerTitle}».",
    "outbound.internal":
      "{title}: {host} — внутренний адрес (этот сервер, частная сеть, метаданные облака); обращаться к нему можно, только если он есть в OMNIFLOW_OUTBOUND_ALLOW.",
  },
};

/** A shared problem, like {@link nodeIssue}, for the texts in {@link KIT_MESSAGES}. */
export const kitIssue = (field: string, key: KitMessageKey, params: MessageParams = {}): NodeIssue => nodeIssue(KIT_MESSAGES.en, field, key, params);
