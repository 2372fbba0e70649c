import { describe, expect, it } from "vitest";
import { jsonDepth, MAX_JSON_DEPTH, parseJsonBody } from "./json-body";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("JSON bodies from strangers", () => {
  it.each([
    ["1", 0],
    ["[]", 1],
    ['{"a":[{"b":[]}]}', 4],
    ['{"a":"[[[{{{"}', 1],
    ['{"a":"\\"[[["}', 1],
    ['["\\\\", [[]]]', 3],
  ])("measures the nesting of %s outside strings as %i", (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it("stops counting once past the limit", () => {
    expect(jsonDepth("[".repeat(1_000_000), 10)).toBe(11);
  });

  it("parses a body at the limit and refuses one past it, before parsing", () => {
    const at = (depth: number) => bytes(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect(() => parseJsonBody(at(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseJsonBody(at(MAX_JSON_DEPTH + 1))).toThrow(expect.objectContaining({ code: "json_too_deep" }));
    // Unbalanced and deep: still the depth, not a parse error, is what is named.
    expect(() => parseJsonBody(bytes("[".repeat(5_000)))).toThrow(expect.objectContaining({ code: "json_too_deep" }));
  });

  it("parses a body with many brackets side by side (or in strings) that nests no deeper than the limit", () => {
    const wide = `[${Array.from({ length: 100 }, () => '{"a":"[[{{"}').join(",")}]`;
    expect(parseJsonBody(bytes(wide))).toHaveLength(100);
    expect(() => parseJsonBody(bytes(`[${wide}]`.replace(/^\[/, "[".repeat(MAX_JSON_DEPTH))))).toThrow(expect.objectContaining({ code: "json_too_deep" }));
  });

  it("refuses bytes that are not UTF-8 rather than replacing them", () => {
    expect(() => parseJsonBody(Uint8Array.from([0x22, 0xff, 0x22]))).toThrow(expect.objectContaining({ code: "invalid_utf8" }));
    expect(parseJsonBody(bytes('"ÿ"'))).toBe("ÿ");
  });

  it("names bad JSON as such", () => {
    expect(() => parseJsonBody(bytes("{"))).toThrow(expect.objectContaining({ code: "invalid_json" }));
  });
});
