/** The types a text can be turned into (what `data.set-variable` and `message.ask` store). */
export type ScalarType = "string" | "number" | "boolean";

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;
const TRUE = new Set(["true", "yes", "1", "on"]);
const FALSE = new Set(["false", "no", "0", "off"]);

/** A plain decimal ("42", "-3.5", "3,5" with a decimal comma), else undefined; no hex, no exponents. */
export function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed.replace(",", ".")) : undefined;
}

/** true/yes/1/on or false/no/0/off (any case), else undefined. */
export function toBoolean(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  return TRUE.has(word) ? true : FALSE.has(word) ? false : undefined;
}

/**
 * Converts rendered text to `type`; undefined when it does not convert.
 * @example convert(" 3,5 ", "number") // 3.5
 */
export function convert(text: string, type: ScalarType): string | number | boolean | undefined {
  if (type === "number") return toNumber(text);
  if (type === "boolean") return toBoolean(text);
  return text;
}
