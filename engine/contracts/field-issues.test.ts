import { describe, expect, it } from "vitest";
import * as z from "zod";
import { errorText } from "./error-texts";
import { fieldIssue } from "./field-issues";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected the value to be refused");
  return result.error.issues.map(fieldIssue);
};

describe("fieldIssue", () => {
  const schema = z.object({
    name: z.string().trim().min(1).max(200),
    text: z.string().min(1, "required").max(4000),
    code: z.string().min(3),
    tags: z.array(z.string()).max(2),
    seconds: z.number().int().min(1).max(60),
    queue: z.string().max(5, "a queue name: at most 5 letters"),
  });

  it("gives zod's bounds a code, read in English and in Russian", () => {
    const issues = issuesOf(schema, { name: "x".repeat(201), text: "", code: "ab", tags: ["a", "b", "c"], seconds: 61, queue: "ok" });
    expect(issues.map((i) => [i.field, i.message, i.code])).toEqual([
      ["name", "too long: at most 200 characters", "input.too-long"],
      ["text", "required", "input.required"],
      ["code", "too short: at least 3 characters", "input.too-short"],
      ["tags", "too many: at most 2", "input.too-many"],
      ["seconds", "at most 60", "input.too-large"],
    ]);
    expect(issues.map((i) => errorText(i, "ru"))).toEqual([
      "слишком длинно: не больше 200 символов",
      "обязательное поле",
      "слишком коротко: не меньше 3 символов",
      "слишком много: не больше 2",
      "не больше 60",
    ]);
  });

  it("reads an empty text as required, and keeps a message the schema chose", () => {
    const issues = issuesOf(schema, { name: " ", text: "a", code: "abc", tags: [], seconds: 0, queue: "too-long" });
    expect(issues.map((i) => [i.field, i.message, i.code])).toEqual([
      ["name", "required", "input.required"],
      ["seconds", "at least 1", "input.too-small"],
      ["queue", "a queue name: at most 5 letters", undefined],
    ]);
    expect(errorText(issues[2], "ru")).toBe("a queue name: at most 5 letters");
  });

  it("counts the characters in each language's words", () => {
    const tooLong = (max: number) => issuesOf(z.object({ s: z.string().max(max) }), { s: "x".repeat(max + 1) })[0];
    expect([1, 21, 5].map((max) => errorText(tooLong(max), "ru"))).toEqual([
      "слишком длинно: не больше 1 символа",
      "слишком длинно: не больше 21 символа",
      "слишком длинно: не больше 5 символов",
    ]);
    expect(tooLong(1).message).toBe("too long: at most 1 character");
  });

  it("says a malformed e-mail address is one, in either language", () => {
    const [issue] = issuesOf(z.object({ to: z.email() }), { to: "ann@" });
    expect([issue.field, issue.message, errorText(issue, "ru")]).toEqual(["to", "not an e-mail address", "это не адрес e-mail"]);
  });

  it("names a nested field by its path", () => {
    const nested = z.object({ settings: z.object({ rules: z.array(z.object({ pattern: z.string().max(3) })) }) });
    expect(issuesOf(nested, { settings: { rules: [{ pattern: "abcd" }] } })[0].field).toBe("settings.rules.0.pattern");
  });
});
