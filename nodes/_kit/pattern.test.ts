import { describe, expect, it } from "vitest";
import { re2Patterns } from "../../engine/runtime/re2-patterns";
import { literalPattern, matchesPattern, patternProblem, installPatternEngine } from "./pattern";

// This file never loads engine/runtime/machine.ts: the module starts with no engine, as in the browser.
describe("patterns from flows", () => {
  it("without RE2 installed matches nothing rather than falling back to RegExp, and still checks patterns", () => {
    expect(() => matchesPattern("a", "iu", "a")).toThrow(/No pattern engine/);
    expect(patternProblem("(?<=a)b", "iu")).toEqual({ key: "pattern.unsupported", params: { construct: "(?<=" } });
    expect(patternProblem("(a", "iu")?.key).toBe("pattern.syntax");
    expect(patternProblem("[^]", "iu")).toBeUndefined(); // JavaScript syntax; only RE2 refuses it
  });

  it("with RE2 installed matches on it and also asks it at publish", () => {
    installPatternEngine(re2Patterns);
    expect(matchesPattern("^\\d{6}$", "iu", "123456")).toBe(true);
    expect(matchesPattern("^a\\sb$", "iu", "a\u00a0b")).toBe(false); // RE2's \s is ASCII; RegExp's is not
    expect(patternProblem("[^]", "iu")).toMatchObject({ key: "pattern.syntax", params: { error: expect.stringMatching(/missing \]/) } });
    expect(matchesPattern(literalPattern("1+1=2?"), "iu", "is 1+1=2?")).toBe(true);
  });

  it("tests one text against several patterns, and the next text as itself (RE2 gets each text's bytes once)", () => {
    installPatternEngine(re2Patterns);
    const word = (w: string) => `(?:^|[^\\p{L}\\p{N}])(?:${w})(?:[^\\p{L}\\p{N}]|$)`;
    const texts = ["Когда вы ОТКРЫТЫ?", "сколько стоит доставка", "when are you open", "Когда вы ОТКРЫТЫ?", "", "café ☕ open"];
    const patterns = [word("открыты"), word("стоит"), word("open"), "^$", "é"];
    const seen = texts.map((text) => patterns.map((p) => matchesPattern(p, "iu", text)));
    expect(seen).toEqual([
      [true, false, false, false, false],
      [false, true, false, false, false],
      [false, false, true, false, false],
      [true, false, false, false, false],
      [false, false, false, true, false],
      [false, false, true, false, true],
    ]);
  });
});
