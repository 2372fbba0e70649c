/**
 * Condition expressions in filtrex 3, a closed grammar (comparisons, and/or/not, arithmetic, a few
 * maths functions) that can only read the data it is given. Names are dotted paths into
 * `{customer, message, task, vars}`, read through own properties only, so `vars.constructor` or
 * `customer.__proto__` is simply missing, never a function.
 *
 * `~=` matches on RE2 (nodes/_kit/pattern.ts), and only against a pattern written in the condition
 * itself: filtrex's own `~=` compiles whatever its right side evaluates to, so `vars.s ~= message.text`
 * would turn the customer's text into a regular expression. Publishing refuses that; at run time
 * any other right side fails (counts as false).
 */
import { compileExpression } from "filtrex";
import type { MessageParams } from "../../_kit/messages";
import { matchesPattern, type PatternProblem, patternProblem } from "../../_kit/pattern";
import { TEMPLATE_ROOTS } from "../../_kit/template";

export type ExpressionData = { customer: unknown; message: unknown; task: unknown; vars: Record<string, unknown> };

const KEYWORDS = new Set(["and", "or", "not", "in", "of", "if", "then", "else", "mod"]);
const FUNCTIONS = new Set(["abs", "ceil", "floor", "log", "log2", "log10", "max", "min", "round", "sqrt", "exists", "empty"]);
const CONSTANTS = { true: true, false: false, null: null };
const STRING = /"(?:\\"|\\\\|[^"\\])*"/g;
const QUOTED_NAME = /'(?:\\'|\\\\|[^'\\])*'/g;
const NAME = /[a-zA-Z$_][.a-zA-Z0-9$_]*(\s*\()?/g;
const ROOTS = Object.keys(TEMPLATE_ROOTS).join(", ");
/** A string literal or a quoted name, as filtrex's lexer reads them. */
const LITERAL = new RegExp(`${STRING.source}|${QUOTED_NAME.source}`, "g");
/** What may not follow a `~=` pattern: an operator that binds tighter, making the pattern a computed value. */
const BINDS_TIGHTER = /^\s*(?:[-+*/^%]|(?:mod|of)\b)/;
const MATCH_FLAGS = "u";

/** A dotted name resolved over own properties; anything missing is null (so `== null` finds it). */
function ownPath(name: string, _get: unknown, data: unknown): unknown {
  let value = data;
  for (const key of name.split(".")) {
    value = value !== null && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : null;
  }
  return value ?? null;
}

/** filtrex's string literal, unquoted: `\\"` and `\\\\` are its only escapes. */
const unquote = (literal: string) => literal.slice(1, -1).replace(/\\(["\\])/g, "$1");

/**
 * The patterns the expression gives `~=`, and whether some `~=` is given anything but a
 * double-quoted literal (a name, a computed value, a parenthesis).
 */
function matchPatterns(expression: string): { patterns: string[]; computed: boolean } {
  const patterns: string[] = [];
  let computed = false;
  let afterPattern = false;
  let last = 0;
  const literals = [...expression.matchAll(LITERAL)];
  for (let i = 0; i <= literals.length; i++) {
    const literal = literals[i];
    const code = expression.slice(last, literal?.index ?? expression.length);
    if (afterPattern && BINDS_TIGHTER.test(code)) computed = true;
    afterPattern = false;
    const [, ...afterMatch] = code.split("~=");
    if (afterMatch.length > 1 || (afterMatch.length === 1 && afterMatch[0].trim() !== "")) computed = true;
    else if (afterMatch.length === 1) {
      if (literal?.[0].startsWith('"')) {
        patterns.push(unquote(literal[0]));
        afterPattern = true;
      } else computed = true;
    }
    if (literal) last = literal.index + literal[0].length;
  }
  return { patterns, computed };
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
  "match-literal": '~= takes a pattern in double quotes, e.g. message.text ~= "^order"; a name or a computed value cannot be a pattern',
} as const;

/** A problem from this node's `MESSAGES`, or a pattern's problem (a kit text). */
type Problem = { key: keyof typeof MESSAGES | PatternProblem["key"]; params: MessageParams };

/** filtrex's `~=`, allowed only the patterns written after a `~=` in this expression. */
function matchOperator(patterns: ReadonlySet<string>) {
  return (text: unknown, pattern: unknown) => {
    if (typeof pattern !== "string" || !patterns.has(pattern)) throw new Error("~= takes only a pattern written in the condition");
    if (typeof text !== "string") throw new Error("~= matches text");
    return matchesPattern(pattern, MATCH_FLAGS, text);
  };
}

const compile = (expression: string) =>
  compileExpression(expression, {
    constants: CONSTANTS,
    customProp: ownPath,
    // filtrex's typings require == and != whenever operators are given: these are its own defaults.
    operators: { "==": (a, b) => a === b, "!=": (a, b) => a !== b, "~=": matchOperator(new Set(matchPatterns(expression).patterns)) },
  });

/** The names an expression reads and anything a flow cannot know, without running it. */
export function inspectExpression(expression: string): { problems: Problem[]; vars: string[] } {
  const problems: Problem[] = [];
  const add = (key: Problem["key"], params: MessageParams = {}) => problems.push({ key, params });
  const vars: string[] = [];
  try {
    compile(expression);
  } catch (error) {
    // In the editor the page's CSP forbids eval: filtrex parsed the expression and only building the function failed
    // (the server compiles it at publish). Parse errors carry the expression and a caret; the last line says what was expected.
    if (!(error instanceof EvalError)) {
      add("syntax", { error: (error as Error).message.split("\n").at(-1)!.trim() });
      return { problems, vars };
    }
  }
  const matching = matchPatterns(expression);
  if (matching.computed) add("match-literal");
  for (const pattern of matching.patterns) {
    const problem = patternProblem(pattern, MATCH_FLAGS);
    if (problem) add(problem.key, problem.params);
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
    if (!evaluate) compiled.set(expression, (evaluate = compile(expression)));
    const result = evaluate(data);
    return !(result instanceof Error) && Boolean(result);
  } catch {
    return false;
  }
}
