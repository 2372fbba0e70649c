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

/** Where a rendered template goes, which says how inserted values are escaped (the template's own text is kept). */
export type TemplateContext = "text" | "header" | "url" | "form" | "json";

/**
 * Fills placeholders from `scope`; a missing or empty value renders the fallback (or nothing),
 * never "undefined". Values are escaped for `context`:
 * - `text` (default): as is;
 * - `header`: CR, LF and NUL removed (a value cannot add a header line);
 * - `url`: percent-encoded (encodeURIComponent), except a placeholder at the very start, which may
 *   give the base URL (`{{vars.baseUrl}}/orders`) and is checked by the outbound guard like any URL;
 *   in the path a value that is only `.` or `..` renders empty, since URL parsers resolve it even encoded;
 * - `form`: percent-encoded (an `application/x-www-form-urlencoded` body);
 * - `json`: inside a JSON string literal JSON-escaped; a bare placeholder becomes a JSON value
 *   (strings quoted, numbers and booleans as they are, missing ones null or the fallback).
 * @example renderTemplate("Hi {{customer.name | there}}", { customer: { name: null } }) // "Hi there"
 * @example renderTemplate('{"note":"{{message.text}}"}', { message: { text: 'a"b' } }, "json") // '{"note":"a\\"b"}'
 */
export function renderTemplate(template: string, scope: Record<string, unknown>, context: TemplateContext = "text"): string {
  if (context === "json") return renderJson(template, scope);
  return template.replace(PLACEHOLDER, (_, path: string, fallback: string | undefined, offset: number) => {
    const text = textOf(valueAt(scope, path), fallback);
    if (context === "header") return text.replace(/[\r\n\0]/g, "");
    if (context === "form") return encodeURIComponent(text);
    if (context === "url") return urlPart(text, template.slice(0, offset));
    return text;
  });
}

/** The value at a dotted path, own properties only: {{vars.constructor}} must not print a function's source. */
function valueAt(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split(".")) {
    value = value !== null && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === "";
const textOf = (value: unknown, fallback: string | undefined) => (isEmpty(value) ? (fallback?.trim() ?? "") : String(value));

function urlPart(text: string, before: string): string {
  if (before === "") return text;
  const inPath = !/[?#]/.test(before);
  return inPath && (text === "." || text === "..") ? "" : encodeURIComponent(text);
}

const PLACEHOLDER_HERE = new RegExp(PLACEHOLDER.source, "y");
const JSON_SCALAR = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/;

/** Walks the template as JSON text, knowing at each placeholder whether it stands inside a string literal. */
function renderJson(template: string, scope: Record<string, unknown>): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < template.length; ) {
    PLACEHOLDER_HERE.lastIndex = i;
    const m = template.startsWith("{{", i) ? PLACEHOLDER_HERE.exec(template) : null;
    if (m) {
      const value = valueAt(scope, m[1]);
      out += inString ? JSON.stringify(textOf(value, m[2])).slice(1, -1) : jsonValue(value, m[2]);
      i += m[0].length;
      continue;
    }
    const step = inString && template[i] === "\\" ? 2 : 1; // an escaped character never ends the string
    if (template[i] === '"') inString = !inString;
    out += template.slice(i, i + step);
    i += step;
  }
  return out;
}

function jsonValue(value: unknown, fallback: string | undefined): string {
  if (isEmpty(value)) {
    const given = fallback?.trim();
    if (given !== undefined) return JSON_SCALAR.test(given) ? given : JSON.stringify(given);
    return value === "" ? '""' : "null";
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  return JSON.stringify(value) ?? "null";
}
