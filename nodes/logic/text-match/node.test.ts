import { describe, expect, it } from "vitest";
import { issueText } from "../../../engine/compiler/issue-text";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { matchesPattern } from "../../_kit/pattern";
import { rulePattern } from "./spec";

const TYPE = "logic.text-match";
const keywordsMatch = (pattern: string, text: string) => matchesPattern(rulePattern({ match: "keywords", pattern }), "iu", text);
const regexRule = (pattern: string) => ({ rules: [{ label: "Rule", match: "regex", pattern }] });
const settings = {
  rules: [
    { label: "Hours", match: "keywords", pattern: "hours, open, часы" },
    { label: "Price", match: "keywords", pattern: "price, цена" },
    { label: "Order", match: "regex", pattern: "order\\s*#?\\d{4,}" },
  ],
};

describe("logic.text-match", () => {
  it("has one output per rule plus Else", () => {
    expect(portsOf(TYPE, settings)).toEqual(["rule-1", "rule-2", "rule-3", "else"]);
  });

  it.each([
    ["What are your opening hours?", "rule-1"],
    ["PRICE please", "rule-2"],
    ["Какие у вас часы работы?", "rule-1"],
    ["Какая ЦЕНА?", "rule-2"],
    ["where is order #12345", "rule-3"],
    ["hello", "else"],
  ])("routes %j to %s", (text, port) => {
    const run = runNode(TYPE, settings, text);
    expect(run.port).toBe(port);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, `sink-${portsOf(TYPE, settings).indexOf(port) + 1}`]);
    expect(run.effects).toEqual([]);
  });

  it("takes the first matching rule when several match", () => {
    expect(runNode(TYPE, settings, "price and hours").port).toBe("rule-1");
  });

  it("matches keywords as whole words only, in Latin and Cyrillic", () => {
    expect(runNode(TYPE, settings, "we reopened").port).toBe("else");
    expect(runNode(TYPE, settings, "ценами недоволен").port).toBe("else"); // "цена" inside another word
    expect(runNode(TYPE, settings, "часы?").port).toBe("rule-1");
    expect(keywordsMatch("часы", "Часы работы")).toBe(true);
    expect(keywordsMatch("часы", "получасы")).toBe(false);
    expect(keywordsMatch("open", "open")).toBe(true);
  });

  it("treats keyword punctuation literally", () => {
    expect(keywordsMatch("c++, a.b", "I write c++")).toBe(true);
    expect(keywordsMatch("a.b", "axb")).toBe(false);
    expect(keywordsMatch("(x|y", "say (x|y")).toBe(true);
  });

  it("rejects an invalid regular expression, pinned to that rule's pattern", () => {
    const issues = nodeIssues(TYPE, {
      rules: [
        { match: "keywords", pattern: "ok" },
        { match: "regex", pattern: "(unclosed" },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "invalid-settings", nodeId: NODE_ID, field: "rules.1.pattern" });
    expect(issues[0].message).toMatch(/^the pattern has an error: /);
  });

  // Issue 16: this pattern on a 41-character message had not returned after 120 s on backtracking RegExp.
  it("runs a catastrophic-backtracking pattern on a 10 KB message in linear time", () => {
    const rule = regexRule("^([a-z0-9]+[._-]?)+@[a-z]+\\.[a-z]+$");
    expect(nodeIssues(TYPE, rule)).toEqual([]);
    const started = performance.now();
    expect(runNode(TYPE, rule, `${"a".repeat(10_240)}!`).port).toBe("else");
    expect(runNode(TYPE, rule, `${"ab.".repeat(3_400)}x@mail.com`).port).toBe("rule-1");
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("matches on RE2, not on JavaScript's RegExp (where . never matches a line separator)", () => {
    expect(/^a.b$/iu.test("a\u2028b")).toBe(false);
    expect(runNode(TYPE, regexRule("^a.b$"), "a\u2028b").port).toBe("rule-1");
  });

  it.each([
    ["(order)\\s+\\1", "\\1"],
    ["(?<id>\\d+)-\\k<id>", "\\k<…>"],
    ["(?<=order )\\d+", "(?<="],
    ["(?<!no )thanks", "(?<!"],
    ["refund(?= now)", "(?="],
    ["x(?!y)", "(?!"],
    ["a{1001}", "{1001}"],
  ])("refuses %s, which RE2 cannot run, in English and Russian", (pattern, construct) => {
    const issues = nodeIssues(TYPE, regexRule(pattern));
    expect(issues).toMatchObject([{ code: "invalid-settings", field: "rules.0.pattern", params: { key: "pattern.unsupported", construct } }]);
    expect(issues[0].message).toContain(`${construct} is not supported`);
    expect(issueText(issues[0], "ru")).toContain(`${construct} не поддерживается`);
  });

  it("accepts escaped and bracketed look-alikes of unsupported constructs", () => {
    for (const pattern of ["\\(?=", "[(?=]", "a{2,1000}", "\\{5000\\}"]) expect(nodeIssues(TYPE, regexRule(pattern))).toEqual([]);
  });

  it("rejects a rule with no pattern and a node with no rules", () => {
    expect(nodeIssues(TYPE, { rules: [{ match: "keywords", pattern: "" }] })).toMatchObject([{ code: "invalid-settings", field: "rules.0.pattern" }]);
    expect(nodeIssues(TYPE, { rules: [] })).toMatchObject([{ code: "invalid-settings", field: "rules" }]);
  });
});
