import type { NodeIssue } from "./define-node";
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

/** Returns a readable problem for each placeholder that names nothing a flow can know. */
/** A settings problem pinned to its field. */
export const settingIssue = (field: string, message: string): NodeIssue => ({ code: "invalid-settings", field, message });

/** Placeholder problems in the named template settings, each pinned to its field. */
export function templateIssues<S extends Record<string, unknown>>(settings: S, ...fields: (keyof S & string)[]): NodeIssue[] {
  return fields.flatMap((field) => checkTemplate(String(settings[field] ?? "")).map((message) => settingIssue(field, message)));
}

export function checkTemplate(template: string): string[] {
  const problems: string[] = [];
  if (/\{\{(?![^{}]*\}\})/.test(template)) problems.push("an opening {{ has no closing }}");
  // A placeholder that is not a dotted name would otherwise reach the customer verbatim.
  for (const [whole] of template.matchAll(/\{\{[^{}]*\}\}/g)) {
    if (!WHOLE_PLACEHOLDER.test(whole)) problems.push(`${whole}: not a name; write e.g. {{customer.name}}`);
  }
  for (const path of templatePaths(template)) {
    const [root, field, ...rest] = path.split(".");
    const known = TEMPLATE_ROOTS[root as keyof typeof TEMPLATE_ROOTS];
    if (known === undefined) problems.push(`{{${path}}}: unknown name "${root}" (use ${Object.keys(TEMPLATE_ROOTS).join(", ")})`);
    else if (!field) problems.push(`{{${path}}}: say which field, e.g. {{${root}.${known?.[0] ?? "name"}}}`);
    else if (known && (!known.includes(field as never) || rest.length)) problems.push(`{{${path}}}: ${root} has ${known.join(", ")}`);
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
