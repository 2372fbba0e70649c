import { describe, expect, it } from "vitest";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { ruleRegExp } from "./spec";

const TYPE = "logic.text-match";
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
    expect(ruleRegExp({ match: "keywords", pattern: "часы" }).test("Часы работы")).toBe(true);
    expect(ruleRegExp({ match: "keywords", pattern: "часы" }).test("получасы")).toBe(false);
  });

  it("treats keyword punctuation literally", () => {
    expect(ruleRegExp({ match: "keywords", pattern: "c++, a.b" }).test("I write c++")).toBe(true);
    expect(ruleRegExp({ match: "keywords", pattern: "a.b" }).test("axb")).toBe(false);
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
    expect(issues[0].message).toMatch(/^Rule 2: /);
  });

  it("rejects a rule with no pattern and a node with no rules", () => {
    expect(nodeIssues(TYPE, { rules: [{ match: "keywords", pattern: "" }] })).toMatchObject([{ code: "invalid-settings", field: "rules.0.pattern" }]);
    expect(nodeIssues(TYPE, { rules: [] })).toMatchObject([{ code: "invalid-settings", field: "rules" }]);
  });
});
