import * as z from "zod";
import type { FlowIssue, FlowNode } from "@/engine/contracts/flow";
import { issueText } from "@/engine/compiler/issue-text";
import type { Locale, NodeSpec, Port } from "@/nodes/_kit/define-node";
import { nodeText, sentence, settingLabel } from "@/nodes/_kit/texts";
import { findNodeSpec } from "@/nodes/registry";

/** The subset of JSON Schema that `z.toJSONSchema` emits for node settings, plus our `.meta()` hints. */
export type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  label?: string;
  help?: string;
  placeholder?: string;
  widget?: "textarea" | "template" | "lines" | "flow" | "credential";
};

const schemas = new Map<string, JsonSchema | null>();

/** The settings form schema of a node type (input side, so defaulted fields are optional). Cached per type. */
export function settingsJsonSchema(spec: NodeSpec): JsonSchema | null {
  if (!schemas.has(spec.type)) {
    let schema: JsonSchema | null = null;
    try {
      schema = z.toJSONSchema(spec.settings, { io: "input", unrepresentable: "any" }) as JsonSchema;
    } catch {
      // A schema JSON Schema cannot express: the inspector says so instead of guessing a form.
    }
    schemas.set(spec.type, schema);
  }
  return schemas.get(spec.type)!;
}

export { humanize, sentence, singular } from "@/nodes/_kit/texts";

/** A readable name for a settings path (English): the label of its last named field, with item numbers. */
export const fieldLabel = (spec: NodeSpec, path: string) => settingLabel(spec, path, "en");

type NodeLook = { ports: Port[] | null; summary: string };
type Look = { ports: Port[] | null; parsed: Record<string, unknown> | null; summaries: Partial<Record<Locale, string>> };
const looks = new WeakMap<object, Look>();

/**
 * Output ports and summary line (in `locale`, through `nodeText(spec, locale).summary`) for a
 * node's settings. When the settings do not parse, the spec is tried on the raw settings so ports
 * stay put while a field is being edited; `ports` is null only when even that fails, and the
 * summary is empty (as it is when the summary throws on half-filled settings). Cached per settings
 * object (settings are replaced, never mutated) and locale.
 */
export function nodeLook(spec: NodeSpec, settings: Record<string, unknown>, locale: Locale = "en"): NodeLook {
  let look = looks.get(settings);
  if (!look) {
    const parsed = spec.settings.safeParse(settings);
    const input = (parsed.success ? parsed.data : settings) as never;
    look = { ports: attempt(() => spec.outputs(input)), parsed: parsed.success ? parsed.data : null, summaries: {} };
    looks.set(settings, look);
  }
  let summary = look.summaries[locale];
  if (summary === undefined) {
    const parsed = look.parsed;
    summary = look.summaries[locale] = parsed ? (attempt(() => nodeText(spec, locale).summary(parsed)) ?? "") : "";
  }
  return { ports: look.ports, summary };
}

function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** One problem with a node, as shown on the node, in the inspector and in the issues list. */
export type NodeProblem = { code: FlowIssue["code"]; message: string; field?: string; label?: string; edge?: string };

/** The connection an issue is about (a dangling one), if any. */
export const issueEdge = (issue: FlowIssue) => (typeof issue.params?.edge === "string" ? issue.params.edge : undefined);

/**
 * The compiler's issues for one node, made readable in the reader's language, without the node
 * title the UI already shows. English: schema errors come straight from the settings schema (with
 * "Required" for missing values and the field's label), the rest keep the compiler's wording.
 * Another language: every issue as `issueText` renders it from its code and params.
 */
export function nodeProblems(node: FlowNode, issues: FlowIssue[], locale: Locale = "en"): NodeProblem[] {
  const spec = findNodeSpec(node.type);
  if (!spec) return issues.map((i) => ({ code: i.code, message: issueText(i, locale), edge: issueEdge(i) }));
  if (locale !== "en") {
    const title = `${nodeText(spec, locale).title}: `;
    return issues.map((i) => {
      const text = issueText(i, locale);
      return { code: i.code, field: i.field, edge: issueEdge(i), message: sentence(text.startsWith(title) ? text.slice(title.length) : text) };
    });
  }
  const parsed = spec.settings.safeParse(node.settings);
  const fromSchema: NodeProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const field = issue.path.map(String).join(".");
        const missing = valueAt(node.settings, field) === undefined;
        return { code: "invalid-settings", field, label: field ? fieldLabel(spec, field) : undefined, message: missing ? "Required" : sentence(issue.message) };
      });
  const rest = issues
    .filter((i) => i.code !== "invalid-settings" || parsed.success)
    .map((i) => ({
      code: i.code,
      field: i.field,
      edge: issueEdge(i),
      label: i.field ? fieldLabel(spec, i.field) : undefined,
      message: sentence(i.message.startsWith(`${spec.title}: `) ? i.message.slice(spec.title.length + 2) : i.message),
    }));
  return [...fromSchema, ...rest];
}

export const problemText = (p: NodeProblem) => (p.label ? `${p.label}: ${p.message}` : p.message);

/** The value at a dotted path of a settings object. */
export function valueAt(value: unknown, path: string): unknown {
  return path
    .split(".")
    .filter(Boolean)
    .reduce<unknown>((at, key) => (at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), value);
}
