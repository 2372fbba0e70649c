import { type EngineErrorCode, englishErrorText, type ErrorParams } from "./error-texts";
import { pluralRu } from "./format";

/** A zod issue, as much of it as is read here (zod itself is not imported: the app's error notice uses this file). */
type Issue = { code: string; message: string; path: readonly PropertyKey[]; origin?: string; format?: string; maximum?: unknown; minimum?: unknown };

/** One field's problem as an API answer carries it: `code` and `params` let a person read it in their language. */
export type FieldIssue = { field: string; message: string; code?: EngineErrorCode; params?: ErrorParams };

/** zod's own words for a bound start so; a message our schemas chose (`.max(60, "a queue name …")`) is kept as it is. */
const ZOD_WORDS = /^(Too big|Too small):/;

function boundCode(issue: Issue): { code: EngineErrorCode; limit: number } | null {
  const limit = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
  if (!Number.isFinite(limit)) return null;
  const big = issue.code === "too_big";
  if (issue.origin === "string") return !big && limit === 1 ? { code: "input.required", limit } : { code: big ? "input.too-long" : "input.too-short", limit };
  if (issue.origin === "array" || issue.origin === "set") return { code: big ? "input.too-many" : "input.too-few", limit };
  if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return { code: big ? "input.too-large" : "input.too-small", limit };
  return null;
}

/**
 * A zod issue as a field's problem. Bounds worded by zod ("Too big: expected string to have <=200
 * characters") get a code, so the Russian UI says them in Russian; "required" (our word for an empty
 * text) too. Any other message is our schema's own, in English.
 */
export function fieldIssue(issue: Issue): FieldIssue {
  const field = issue.path.map(String).join(".");
  const bound = issue.code === "too_big" || issue.code === "too_small" ? boundCode(issue) : null;
  if (bound && ZOD_WORDS.test(issue.message)) {
    // A length with its unit, counted in each language ("не больше 120 символов", "1 символа").
    const characters = {
      en: `${bound.limit} character${bound.limit === 1 ? "" : "s"}`,
      ru: `${bound.limit} ${pluralRu(bound.limit, ["символа", "символов", "символов"])}`,
    };
    const params = { limit: bound.limit, characters };
    return { field, message: englishErrorText(bound.code, params as never), code: bound.code, params };
  }
  if (issue.code === "invalid_format" && issue.format === "email")
    return { field, message: englishErrorText("input.email", {}), code: "input.email", params: {} };
  if (issue.message === "required") return { field, message: issue.message, code: "input.required", params: {} };
  return { field, message: issue.message };
}
