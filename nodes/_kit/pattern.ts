/**
 * The one place patterns from flows (a process owner's regular expressions, keywords, `~=` in
 * conditions) are compiled and matched. They run on RE2: linear time in the text, no backtracking,
 * so no customer message can stall a step. RE2 is a native module and node specs also load in the
 * browser, so the engine installs it (`installPatternEngine`, engine/runtime/machine.ts); until then
 * nothing matches (an error, never a fallback to RegExp).
 *
 * Checking needs no RE2: the editor refuses what RE2 lacks (look-arounds, back-references, over
 * 1000 repeats) and JavaScript syntax errors; where RE2 is installed (publish) it compiles too.
 */
import type { NodeIssue } from "./define-node";
import { kitIssue, type MessageParams } from "./messages";

/** A compiled pattern: only `test` is used. */
export type CompiledPattern = { test(text: string): boolean };
/** Compiles `source` with flags (`i`, `u`), throwing on a pattern it cannot run. */
export type PatternEngine = (source: string, flags: string) => CompiledPattern;

export type PatternProblem = { key: "pattern.unsupported" | "pattern.syntax"; params: MessageParams };

let engine: PatternEngine | undefined;
const compiled = new Map<string, CompiledPattern>();
// Distinct patterns come from published flows; the cap only keeps a pathological set bounded.
const MAX_COMPILED = 1000;
const MAX_REPEAT = 1000; // RE2's limit on {n,m}

export function installPatternEngine(next: PatternEngine) {
  engine = next;
  compiled.clear();
}

function compile(source: string, flags: string): CompiledPattern {
  if (!engine) throw new Error("No pattern engine is installed: flows match text only on RE2 (engine/runtime installs it).");
  const key = `${flags}/${source}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, (pattern = engine(source, flags)));
  }
  return pattern;
}

/** Whether `text` contains a match. Throws for a pattern RE2 cannot compile (a check at publish refuses it first). */
export const matchesPattern = (source: string, flags: string, text: string): boolean => compile(source, flags).test(text);

const REPEAT = /\{(\d+)(?:,(\d*))?\}/y;

/** The first construct RE2 cannot run (look-around, back-reference, a repeat over 1000), read as JavaScript reads the pattern. */
function unsupportedConstruct(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if (!inClass && next >= "1" && next <= "9") return `\\${next}`;
      if (!inClass && next === "k" && source[i + 2] === "<") return "\\k<…>";
      i++;
    } else if (inClass) {
      inClass = c !== "]";
    } else if (c === "[") {
      inClass = true;
    } else if (c === "(" && source[i + 1] === "?") {
      const look = source[i + 2] === "<" ? source.slice(i + 2, i + 4) : source[i + 2];
      if (["=", "!", "<=", "<!"].includes(look)) return `(?${look}`;
    } else if (c === "{") {
      REPEAT.lastIndex = i;
      const repeat = REPEAT.exec(source);
      if (repeat && (Number(repeat[1]) > MAX_REPEAT || Number(repeat[2] || 0) > MAX_REPEAT)) return repeat[0];
    }
  }
  return undefined;
}

/**
 * What is wrong with a pattern, or undefined. The same answer in the browser and on the server,
 * except that the server also asks RE2 (for the rare syntax only RE2 refuses).
 */
export function patternProblem(source: string, flags: string): PatternProblem | undefined {
  const construct = unsupportedConstruct(source);
  if (construct) return { key: "pattern.unsupported", params: { construct } };
  try {
    new RegExp(source, flags); // syntax only: never run on text
    if (engine) compile(source, flags);
  } catch (error) {
    return { key: "pattern.syntax", params: { error: (error as Error).message } };
  }
  return undefined;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;
/** A literal text as a pattern. */
export const literalPattern = (text: string) => text.replace(SPECIAL, "\\$&");

/** A pattern setting's problem as a node issue pinned to its field. */
export function patternIssues(field: string, source: string, flags: string): NodeIssue[] {
  const problem = patternProblem(source, flags);
  return problem ? [kitIssue(field, problem.key, problem.params)] : [];
}
