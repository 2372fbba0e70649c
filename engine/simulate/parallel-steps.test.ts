import { describe, expect, it } from "vitest";
import { operatorAndTimer } from "../testing/parallel-flows";
import { simulateFlow } from "./simulate";

describe("simulating a Join that takes the first branch", () => {
  it("forgets the stopped branch's task: completing it later is explained, not applied", () => {
    const run = simulateFlow(operatorAndTimer("first"), [
      { do: "message", text: "call me" },
      { do: "wait", seconds: 600 },
      { do: "complete-task", outcome: "done" },
    ]);
    expect(run).toMatchObject({ status: "completed", outcome: "joined" });
    expect(run.steps.at(-1)!.effects).toContainEqual(expect.objectContaining({ kind: "wait.abandon" }));
    expect(run.notes).toEqual([{ input: 2, message: "no open task to complete" }]);
  });
});
