import type { NodeIssue } from "./define-node";
import { KIT_MESSAGES, type KitMessageKey, kitIssue, type MessageParams, fillMessage } from "./messages";

/** `{{ path.to.value }}` placeholders, optionally with a fallback: `{{ customer.name | there }}`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*(?:\|([^{}|]*))?\}\}/g;
const WHOLE_PLACEHOLDER = new RegExp(`^${PLACEHOLDER.source}$`);

/** Roots a template may reference; anything else is a publish-time error. */
export const TEMPLATE_ROOTS = {
  customer: ["id", "name", "channel", "address"],
  message: ["text", "channel"],
  task: ["outcome"],
  vars: null, // any variable name
} as const satisfies Record<string, readonly string[] | null>;

/** Paths used by a template, in order of appearance. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** A settings problem pinned to its field (English only: prefer `nodeIssue` / `kitIssue`, which keep a key for other languages). */
export const settingIssue = (field: string, message: string): NodeIssue => ({ code: "invalid-settings", field, message });

/** A placeholder problem: a key of `KIT_MESSAGES` (`template.*`), its parameters and the English text. */
export type TemplateProblem = { key: KitMessageKey; params: MessageParams; message: string };

/** Placeholder problems in the named template settings, each pinned to its field. */
export function templateIssues<S extends Record<string, unknown>>(settings: S, ...fields: (keyof S & string)[]): NodeIssue[] {
  return fields.flatMap((field) => templateProblems(String(settings[field] ?? "")).map((p) => kitIssue(field, p.key, p.params)));
}

/** Returns a readable problem for each placeholder that names nothing a flow can know. */
export function checkTemplate(template: string): string[] {
  return templateProblems(template).map((p) => p.message);
}

/** {@link checkTemplate} with each problem's key and parameters. */
export function templateProblems(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (key: KitMessageKey, params: MessageParams = {}) => problems.push({ key, params, message: fillMessage(KIT_MESSAGES.en[key], params) });
  if (/\{\{(?![^{}]*\}\})/.test(template)) add("template.unclosed");
  // A placeholder that is not a dotted name would otherwise reach the customer verbatim.
  for (const [whole] of template.matchAll(/\{\{[^{}]*\}\}/g)) {
    if (!WHOLE_PLACEHOLDER.test(whole)) add("template.not-a-name", { placeholder: whole });
  }
  for (const path of templatePaths(template)) {
    const [root, field, ...rest] = path.split(".");
    const known = TEMPLATE_ROOTS[root as keyof typeof TEMPLATE_ROOTS];
    const placeholder = `{{${path}}}`;
    if (known === undefined) add("template.unknown-root", { placeholder, root, roots: Object.keys(TEMPLATE_ROOTS).join(", ") });
    else if (!field) add("template.no-field", { placeholder, example: `{{${root}.${known?.[0] ?? "name"}}}` });
    else if (known && (!known.includes(field as never) || rest.length)) add("template.unknown-field", { placeholder, root, fields: known.join(", ") });
  }
  return problems;
}

/**
 * Fills placeholders from `scope`; a missing or empty value renders the fallback (or nothing),
 * never "undefined".
 * @example renderTemplate("Hi {{customer.name | there}}", { customer: { name: null } }) // "Hi there"
 */
export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_, path: string, fallback: string | undefined) => {
    let value: unknown = scope;
    for (const key of path.split(".")) {
      // Own properties only: {{vars.constructor}} must not print a function's source.
      value = value !== null && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === undefined || value === null || value === "" ? (fallback?.trim() ?? "") : String(value);
  });
}
