import { describe, expect, it } from "vitest";
import { firstDivergence, sentDifference, sentTexts } from "./divergence";

const path = (...ids: string[]) => ids.map((nodeId, i) => ({ step: i < 2 ? 1 : 2, nodeId }));

describe("firstDivergence", () => {
  it("finds none when both paths pass the same nodes in the same order", () => {
    expect(firstDivergence(path("a", "b", "c"), path("a", "b", "c"))).toBeNull();
  });

  it("names the first node each path took where they part, with the recorded step", () => {
    expect(firstDivergence(path("a", "b", "c", "d"), path("a", "b", "x", "d"))).toEqual({ index: 2, step: 2, real: "c", draft: "x" });
  });

  it("says which path ended first", () => {
    expect(firstDivergence(path("a", "b", "c"), path("a", "b"))).toEqual({ index: 2, step: 2, real: "c", draft: null });
    expect(firstDivergence(path("a"), path("a", "b"))).toEqual({ index: 1, step: 1, real: null, draft: "b" });
  });

  it("parts at the very start when the draft does not start at all", () => {
    expect(firstDivergence(path("a"), [])).toEqual({ index: 0, step: 1, real: "a", draft: null });
  });
});

describe("what the draft sends differently", () => {
  it("reads sends from effects, another channel's named as Simulate names it", () => {
    const effects = [
      { kind: "message.send", key: "i:1", nodeId: "a", text: "Hi" },
      { kind: "timer.set", key: "i:2", nodeId: "w" },
      { kind: "message.send", key: "i:3", nodeId: "b", text: "Code 1234", channel: "sms" },
    ];
    expect(sentTexts(effects)).toEqual(["Hi", "[sms] Code 1234"]);
  });

  it("points at the first message that differs, or at a message only one of them sends", () => {
    expect(sentDifference(["Hi", "Bye"], ["Hi", "Bye"]).first).toBeNull();
    expect(sentDifference(["Hi", "Bye"], ["Hi", "Ciao"]).first).toBe(1);
    expect(sentDifference(["Hi"], ["Hi", "More"]).first).toBe(1);
    expect(sentDifference([], ["Hi"])).toEqual({ real: [], draft: ["Hi"], first: 0 });
  });
});
