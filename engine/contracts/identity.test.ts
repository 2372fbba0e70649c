import { describe, expect, it } from "vitest";
import { knownAs } from "./identity";

const visitor = { kind: "channel", value: "" };

describe("knownAs", () => {
  it("is the customer's name when they have one", () => {
    expect(knownAs({ name: "Ann", identities: [{ kind: "email", value: "ann@example.com" }] })).toBe("Ann");
  });

  it("is an e-mail before a phone number, whatever came first", () => {
    const identities = [visitor, { kind: "phone", value: "+447700900123" }, { kind: "email", value: "ann@example.com" }];
    expect(knownAs({ name: null, identities })).toBe("ann@example.com");
  });

  it("is the phone number when no e-mail is known", () => {
    expect(knownAs({ name: "", identities: [visitor, { kind: "phone", value: "+447700900123" }] })).toBe("+447700900123");
  });

  it("is null for a customer known only by channel ids", () => {
    expect(knownAs({ name: null, identities: [visitor] })).toBeNull();
  });
});
