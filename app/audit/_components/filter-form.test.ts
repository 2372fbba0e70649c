import { describe, expect, it } from "vitest";
import { emptyForm, toFilter } from "./filter-form";

describe("audit filter form", () => {
  it("leaves out empty fields and includes the whole 'to' day in the reader's time zone", () => {
    expect(toFilter(emptyForm)).toEqual({ actor: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined });
    const filter = toFilter({ actor: " Ann ", action: "flows", outcome: "denied", from: "2026-12-01", to: "2026-12-31" });
    expect(filter).toEqual({ actor: "Ann", action: "flows", outcome: "denied", from: new Date(2026, 11, 1), to: new Date(2027, 0, 1) });
  });
});
