/**
 * Reading a JSON request body that a stranger sent: the bytes must be UTF-8 (replacing bad bytes
 * would let two different ids become one) and nest at most MAX_JSON_DEPTH deep, checked on the
 * text before JSON.parse so a deep body never reaches code that recurses over it.
 */

/** Arrays and objects inside each other; real payloads stay far below this. */
export const MAX_JSON_DEPTH = 32;

export type JsonBodyProblem = "invalid_utf8" | "json_too_deep" | "invalid_json";

/** A body refused before anyone looked at its fields; `code` is the machine-readable reason. */
export class JsonBodyError extends Error {
  override name = "JsonBodyError";
  constructor(
    readonly code: JsonBodyProblem,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The deepest nesting of `[` and `{` outside strings, stopping as soon as it passes `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Whether the body holds more than `limit` `[` and `{` bytes (in strings too): only then can it nest
 * deeper than `limit`. Found with the typed array's own indexOf (native), so a long body with few of
 * them (a mail in base64) skips the character-by-character walk of `jsonDepth`.
 */
function opensMoreThan(body: Uint8Array, limit: number): boolean {
  let opens = 0;
  for (const bracket of [0x5b, 0x7b]) {
    for (let at = body.indexOf(bracket); at !== -1; at = body.indexOf(bracket, at + 1)) if (++opens > limit) return true;
  }
  return false;
}

/** The parsed body, or a JsonBodyError saying which limit or rule it broke. */
export function parseJsonBody(body: Uint8Array, maxDepth = MAX_JSON_DEPTH): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new JsonBodyError("invalid_utf8", "The body is not valid UTF-8.");
  }
  if (opensMoreThan(body, maxDepth) && jsonDepth(text, maxDepth) > maxDepth) {
    throw new JsonBodyError("json_too_deep", `The body nests arrays and objects more than ${maxDepth} levels deep (the limit is ${maxDepth}).`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonBodyError("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

export const isJsonBodyError = (e: unknown): e is JsonBodyError => e instanceof Error && e.name === "JsonBodyError";
