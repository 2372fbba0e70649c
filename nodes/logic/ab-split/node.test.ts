import { describe, expect, it } from "vitest";
import { compileOrThrow, messageEvent, startFlow, TEST_CUSTOMER } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode, tinyFlow, TRIGGER_ID } from "../../../engine/testing/run-node";
import { bucketOf, fnv1a } from "./bucket";
import { abSplitNode } from "./spec";

const TYPE = "logic.ab-split";
const settings = {
  variants: [
    { name: "Control", percent: 50 },
    { name: "Short", percent: 30 },
    { name: "Emoji", percent: 20 },
  ],
};
const customer = (id: string) => ({ ...TEST_CUSTOMER, id });

describe("logic.ab-split", () => {
  it("has one output per variant", () => {
    expect(portsOf(TYPE, settings)).toEqual(["variant-1", "variant-2", "variant-3"]);
  });

  it("leaves through the variant of the customer's bucket", () => {
    const run = runNode(TYPE, settings);
    const bucket = bucketOf(`${TEST_CUSTOMER.id}:${NODE_ID}`);
    const expected = bucket < 50 ? "variant-1" : bucket < 80 ? "variant-2" : "variant-3";
    expect(run.port).toBe(expected);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, `sink-${Number(expected.slice(-1))}`]);
    expect(run.effects).toEqual([]);
  });

  it("is sticky: the same customer gets the same variant in every run", () => {
    const doc = tinyFlow(TYPE, settings);
    for (const id of ["cust-1", "cust-2", "cust-3", "Анна", "c-42"]) {
      const outcomes = [1, 2, 3, 4].map(
        (n) => startFlow(doc, messageEvent(`hi ${n}`, { at: n * 1000 }), { instanceId: `inst-${n}`, customer: customer(id) }).outcome,
      );
      expect(new Set(outcomes).size).toBe(1);
    }
  });

  it("without a customer, buckets by instance", () => {
    const doc = tinyFlow(TYPE, settings);
    const run = startFlow(doc, "hi", { instanceId: "inst-9", customer: null });
    const bucket = bucketOf(`inst-9:${NODE_ID}`);
    expect(run.outcome).toBe(bucket < 50 ? "variant-1" : bucket < 80 ? "variant-2" : "variant-3");
  });

  it("splits 10,000 customers within ±2 points of the percentages", () => {
    // The compiled transitions and the node's own guard, first match wins as in XState (a full
    // step per customer would spend seconds in XState for the same answer).
    const always = compileOrThrow(tinyFlow(TYPE, settings)).states[`n_${NODE_ID}`].always as {
      guard?: { params: { nodeId: string; from: number; to: number } };
      target: string;
    }[];
    const context = runNode(TYPE, settings).state.context;
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const who = { ...context, customer: customer(`customer-${i}`) };
      const { target } = always.find((t) => !t.guard || abSplitNode.guards!.in(who, messageEvent("hi"), t.guard.params))!;
      counts[target] = (counts[target] ?? 0) + 1;
    }
    expect(Math.abs(counts["#n_sink-1"] / 100 - 50)).toBeLessThanOrEqual(2);
    expect(Math.abs(counts["#n_sink-2"] / 100 - 30)).toBeLessThanOrEqual(2);
    expect(Math.abs(counts["#n_sink-3"] / 100 - 20)).toBeLessThanOrEqual(2);
  });

  it("never picks a 0 % variant", () => {
    const zero = {
      variants: [
        { name: "Off", percent: 0 },
        { name: "All", percent: 100 },
      ],
    };
    for (let i = 0; i < 50; i++) expect(startFlow(tinyFlow(TYPE, zero), "hi", { customer: customer(`c${i}`) }).outcome).toBe("variant-2");
  });

  it("hashes with 32-bit FNV-1a", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });

  it("rejects percentages that do not add up to 100, duplicate names and a single variant", () => {
    const issues = nodeIssues(TYPE, {
      variants: [
        { name: "A", percent: 50 },
        { name: "B", percent: 40 },
      ],
    });
    expect(issues).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "variants" }]);
    expect(issues[0].message).toMatch(/add up to 90, not 100/);
    expect(
      nodeIssues(TYPE, {
        variants: [
          { name: "A", percent: 50 },
          { name: "a", percent: 50 },
        ],
      }),
    ).toMatchObject([{ code: "invalid-settings", field: "variants.1.name" }]);
    expect(nodeIssues(TYPE, { variants: [{ name: "A", percent: 100 }] })).toMatchObject([{ code: "invalid-settings", field: "variants" }]);
    expect(
      nodeIssues(TYPE, {
        variants: [
          { name: "A", percent: 50.5 },
          { name: "B", percent: 49.5 },
        ],
      }),
    ).toMatchObject([{ field: "variants.0.percent" }, { field: "variants.1.percent" }]);
  });
});
