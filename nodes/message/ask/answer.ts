import { matchesPattern } from "../../_kit/pattern";
import { toNumber } from "../../data/set-variable/convert";

/** How a "regex" validation's pattern is read: case-insensitive, Unicode. */
export const PATTERN_FLAGS = "iu";

/** What an answer is checked against (plain JSON: it travels in the compiled machine's params). */
export type AnswerCheck = {
  answer: "free-text" | "buttons";
  buttons: string[];
  validation: "none" | "number" | "email" | "phone" | "regex";
  pattern: string;
};

/** The output an answer leads to and the value stored for it. */
export type Answer = { port: string; value: string | number };

export const buttonPort = (index: number) => `button-${index + 1}`;

const WHITESPACE = /\s/u;
const PHONE = /^\+?[\d\s().-]+$/;

/**
 * Something@domain.tld: one @, no spaces, a dot inside the domain. Plain scans, linear in the text
 * (the regular expression it replaces backtracked quadratically on long runs of dots).
 */
export function isEmail(text: string): boolean {
  const at = text.indexOf("@");
  if (at < 1 || text.includes("@", at + 1) || WHITESPACE.test(text)) return false;
  const domain = text.slice(at + 1);
  return domain.slice(1, -1).includes(".");
}

/** Checks free text against a validation; returns the value to store, or undefined if invalid. */
function validate(text: string, check: AnswerCheck): string | number | undefined {
  switch (check.validation) {
    case "number":
      return toNumber(text);
    case "email":
      return isEmail(text) ? text : undefined;
    case "phone": {
      const digits = text.replace(/\D/g, "").length; // E.164 allows up to 15 digits
      return PHONE.test(text) && digits >= 6 && digits <= 15 ? text : undefined;
    }
    case "regex":
      return matchesPattern(check.pattern, PATTERN_FLAGS, text) ? text : undefined;
    default:
      return text;
  }
}

/**
 * Reads a customer's reply: a button whose label it equals (any case), or free text that passes
 * the validation. Null means invalid.
 * @example answerOf(" yes ", { answer: "buttons", buttons: ["Yes", "No"], validation: "none", pattern: "" }) // { port: "button-1", value: "Yes" }
 */
export function answerOf(reply: string, check: AnswerCheck): Answer | null {
  const text = reply.trim();
  if (check.answer === "buttons") {
    const index = check.buttons.findIndex((b) => b.toLowerCase() === text.toLowerCase());
    return index < 0 ? null : { port: buttonPort(index), value: check.buttons[index] };
  }
  const value = validate(text, check);
  return value === undefined ? null : { port: "answered", value };
}

/** Whether some reply can be invalid, i.e. the node needs an Invalid output. */
export const canBeInvalid = (check: AnswerCheck) => check.answer === "buttons" || check.validation !== "none";
