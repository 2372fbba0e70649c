import { describe, expect, it } from "vitest";
import { problemReport, readCustomerCsv } from "./csv-rows";

describe("reading a customers CSV", () => {
  it("normalises good rows, keeps other columns as custom fields, and lists each problem with its row and column", () => {
    const csv = 'name,email,phone,Tier,Note\nAnn,ANN@example.com,,gold,"likes, commas"\nBob,,415 555 0100,,\n,bad@,,x,\n\n';
    const { rows, problems, total } = readCustomerCsv(csv, "US");
    expect(total).toBe(3);
    expect(rows).toEqual([
      { row: 2, name: "Ann", email: "ann@example.com", phone: null, fields: { tier: "gold", note: "likes, commas" } },
      { row: 3, name: "Bob", email: null, phone: "+14155550100", fields: {} },
    ]);
    expect(problems).toEqual([{ row: 4, field: "email", problem: "not an e-mail address" }]);
    expect(problemReport(problems)).toBe("row,field,problem\r\n4,email,not an e-mail address");
  });

  it("reports a field too long and a row with too many cells", () => {
    const { problems } = readCustomerCsv(`email,tier\na@b.co,${"x".repeat(1001)}\nc@d.co,gold,extra\n`, "US");
    expect(problems).toEqual([
      { row: 2, field: "tier", problem: "longer than 1000 characters" },
      { row: 3, field: "", problem: "Too many fields: expected 2 fields but parsed 3" },
    ]);
  });

  it("refuses a file without an email or phone column, or with too many columns", () => {
    expect(() => readCustomerCsv("name,tier\nAnn,gold", "US")).toThrow(/email or phone column/);
    const wide = ["email", ...Array.from({ length: 50 }, (_, i) => `f${i}`)].join(",");
    expect(() => readCustomerCsv(`${wide}\n`, "US")).toThrow(/at most 50 columns/);
  });
});
