/**
 * Condition expressions in filtrex 3, a closed grammar (comparisons, and/or/not, arithmetic, a few
 * maths functions) that can only read the data it is given. Names are dotted paths into
 * `{customer, message, task, vars}`, read through own properties only, so `vars.constructor` or
 * `customer.__proto__` is simply missing, never a function.
 */
import { compileExpression } from "filtrex";
import type { MessageParams } from "../../_kit/messages";
import { TEMPLATE_ROOTS } from "../../_kit/template";

export type ExpressionData = { customer: unknown; message: unknown; task: unknown; vars: Record<string, unknown> };

const KEYWORDS = new Set(["and", "or", "not", "in", "of", "if", "then", "else", "mod"]);
const FUNCTIONS = new Set(["abs", "ceil", "floor", "log", "log2", "log10", "max", "min", "round", "sqrt", "exists", "empty"]);
const CONSTANTS = { true: true, false: false, null: null };
const STRING = /"(?:\\"|\\\\|[^"\\])*"/g;
const QUOTED_NAME = /'(?:\\'|\\\\|[^'\\])*'/g;
const NAME = /[a-zA-Z$_][.a-zA-Z0-9$_]*(\s*\()?/g;
const ROOTS = Object.keys(TEMPLATE_ROOTS).join(", ");

/** A dotted name resolved over own properties; anything missing is null (so `== null` finds it). */
function ownPath(name: string, _get: unknown, data: unknown): unknown {
  let value = data;
  for (const key of name.split(".")) {
    value = value !== null && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : null;
  }
  return value ?? null;
}

/** This node's problem texts (English); their Russian is `ru.messages`. */
export const MESSAGES = {
  "expression-empty": "write a condition",
  syntax: "{error}",
  quotes: "write names without quotes, e.g. vars.amount",
  "unknown-function": "{name}(): unknown function (use {functions})",
  "unknown-root": '{name}: unknown name "{root}" (use {roots})',
  "no-field": "{name}: say which field, e.g. {example}",
  "unknown-field": "{name}: {root} has {fields}",
} as const;

type Problem = { key: keyof typeof MESSAGES; params: MessageParams };

const compileOptions = { constants: CONSTANTS, customProp: ownPath };

/** The names an expression reads and anything a flow cannot know, without running it. */
export function inspectExpression(expression: string): { problems: Problem[]; vars: string[] } {
  const problems: Problem[] = [];
  const add = (key: Problem["key"], params: MessageParams = {}) => problems.push({ key, params });
  const vars: string[] = [];
  try {
    compileExpression(expression, compileOptions);
  } catch (error) {
    // In the editor the page's CSP forbids eval: filtrex parsed the expression and only building the function failed
    // (the server compiles it at publish). Parse errors carry the expression and a caret; the last line says what was expected.
    if (!(error instanceof EvalError)) {
      add("syntax", { error: (error as Error).message.split("\n").at(-1)!.trim() });
      return { problems, vars };
    }
  }
  const code = expression.replace(STRING, " ");
  if (code.includes("'")) add("quotes");
  for (const [whole, call] of code.replace(QUOTED_NAME, " ").matchAll(NAME)) {
    const name = call ? whole.slice(0, whole.length - call.length) : whole;
    if (KEYWORDS.has(name)) continue;
    if (call) {
      if (!FUNCTIONS.has(name)) add("unknown-function", { name, functions: [...FUNCTIONS].join(", ") });
      continue;
    }
    if (Object.hasOwn(CONSTANTS, name)) continue;
    const [root, field, ...rest] = name.split(".");
    const known = TEMPLATE_ROOTS[root as keyof typeof TEMPLATE_ROOTS];
    if (known === undefined) add("unknown-root", { name, root, roots: ROOTS });
    else if (!field) add("no-field", { name, example: `${root}.${known?.[0] ?? "name"}` });
    else if (known === null) vars.push(field);
    else if (!known.includes(field as never) || rest.length) add("unknown-field", { name, root, fields: known.join(", ") });
  }
  return { problems, vars: [...new Set(vars)] };
}

// Compiled once per distinct expression; compiling parses and builds the evaluator.
const compiled = new Map<string, (data: ExpressionData) => unknown>();

/**
 * True when the expression holds. A failure while evaluating (comparing a missing variable with a
 * number, text with a number) is false, never an exception that would fail the step.
 */
export function holds(expression: string, data: ExpressionData): boolean {
  try {
    let evaluate = compiled.get(expression);
    if (!evaluate) compiled.set(expression, (evaluate = compileExpression(expression, compileOptions)));
    const result = evaluate(data);
    return !(result instanceof Error) && Boolean(result);
  } catch {
    return false;
  }
}
