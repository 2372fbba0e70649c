import { afterEach, describe, expect, it } from "vitest";
import { inspectExpression } from "./evaluate";

const realFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = realFunction;
});

/** What a page with a CSP that forbids eval does to `new Function`. */
function forbidEval() {
  // A class, so `new Function(...)` reaches the throw (the formatter would turn a function expression into an arrow).
  globalThis.Function = class {
    constructor() {
      throw new EvalError("Evaluating a string as JavaScript violates the Content Security Policy");
    }
  } as unknown as FunctionConstructor;
}

describe("inspecting an expression in the editor (its page forbids eval)", () => {
  it("still reports syntax and names, and does not call a valid expression broken", () => {
    forbidEval();
    expect(inspectExpression('task.outcome == "resolved"').problems).toEqual([]);
    expect(inspectExpression("task.outcome ==").problems.map((p) => p.key)).toEqual(["syntax"]);
    expect(inspectExpression("customer.shoeSize > 3").problems.map((p) => p.key)).toEqual(["unknown-field"]);
    expect(inspectExpression("vars.s ~= message.text").problems.map((p) => p.key)).toEqual(["match-literal"]);
    expect(inspectExpression('message.text ~= "(?<=a)b"').problems.map((p) => p.key)).toEqual(["pattern.unsupported"]);
  });
});
