import { describe, expect, it } from "vitest";
import { findIdentifiers } from "./find-identifiers";
import { channelKey, normaliseEmail, normaliseIdentity, normalisePhone, normaliseSenderPhone } from "./identity-key";

describe("normalising phone numbers", () => {
  it("reads every formatting of one number as the same E.164 number in the default region", () => {
    for (const written of ["+1 415 555 0100", "14155550100", "(415) 555-0100", "415.555.0100", "+1-415-555-0100"]) {
      expect(normalisePhone(written, "US"), written).toBe("+14155550100");
    }
  });

  it("uses the region only for numbers without a country code", () => {
    expect(normalisePhone("8 916 123-45-67", "RU")).toBe("+79161234567");
    expect(normalisePhone("8 916 123-45-67", "US")).toBeNull();
    expect(normalisePhone("+33 6 12 34 56 78", "US")).toBe("+33612345678");
  });

  it("reads a number alike the second time (remembered), and its E.164 form as itself in any region", () => {
    for (let i = 0; i < 2; i++) {
      expect(normalisePhone("8 (916) 123-45-67", "RU")).toBe("+79161234567");
      expect(normalisePhone("8 (916) 123-45-67", "US")).toBeNull();
    }
    for (const region of ["RU", "US", "DE"]) expect(normalisePhone("+79161234567", region)).toBe("+79161234567");
  });

  it("refuses what is no valid number", () => {
    for (const bad of ["12345", "ACME", "", "+1 415 555 0100".repeat(4)]) expect(normalisePhone(bad, "US"), bad).toBeNull();
  });
});

describe("normalising e-mails and channel addresses", () => {
  it("trims and lower-cases e-mails, refuses what is not one", () => {
    expect(normaliseEmail("  Ann.Lee@Example.COM ")).toBe("ann.lee@example.com");
    for (const bad of ["ann", "ann@", "@example.com", "ann@example", "a b@example.com", `${"a".repeat(65)}@example.com`])
      expect(normaliseEmail(bad), bad).toBeNull();
    expect(normaliseIdentity("email", "A@B.co", "US")).toEqual({ kind: "email", value: "a@b.co" });
    expect(normaliseIdentity("phone", "nope", "US")).toBeNull();
  });

  it("keys phone channels by phone, e-mail by e-mail, and everything else per channel as given", () => {
    expect(channelKey("whatsapp", "+14155550100", "US")).toEqual({ kind: "phone", value: "+14155550100" });
    expect(channelKey("phone", "(415) 555-0100", "US")).toEqual({ kind: "phone", value: "+14155550100" });
    expect(channelKey("sms", "ACME", "US")).toEqual({ kind: "channel", value: "ACME" });
    expect(channelKey("email", "Ann@Example.com", "US")).toEqual({ kind: "email", value: "ann@example.com" });
    expect(channelKey("telegram", "14155550100", "US")).toEqual({ kind: "channel", value: "14155550100" });
    expect(channelKey("webchat", "Visitor-1", "US")).toEqual({ kind: "channel", value: "Visitor-1" });
  });

  it("keeps a provider's E.164 sender as it is when its calling code is known, and reads anything else as typed", () => {
    // A range libphonenumber's metadata does not hold as valid is still the number the carrier routed: SMS and WhatsApp stay one customer.
    expect(normalisePhone("+447700900123", "US")).toBeNull();
    expect(normaliseSenderPhone("+447700900123", "US")).toBe("+447700900123");
    expect(channelKey("sms", "+447700900123", "US")).toEqual(channelKey("whatsapp", "+447700900123", "RU"));
    // The same number written otherwise, or typed by an operator, keys alike.
    expect(channelKey("phone", "+44 7400 000123", "US")).toEqual({ kind: "phone", value: "+447400000123" });
    expect(normaliseIdentity("phone", "+44 7400 000123", "US")).toEqual(channelKey("sms", "+447400000123", "US"));
    // No country has calling code 999 or 0: read as typed, and refused.
    expect(channelKey("sms", "+9991234567", "US")).toEqual({ kind: "channel", value: "+9991234567" });
    expect(normaliseSenderPhone("+0123456789", "US")).toBeNull();
    // Short codes and national formats go through libphonenumber.
    expect(channelKey("sms", "12345", "US")).toEqual({ kind: "channel", value: "12345" });
    expect(normaliseSenderPhone("8 916 123-45-67", "RU")).toBe("+79161234567");
  });
});

describe("finding identifiers in a message", () => {
  it("finds e-mails and valid phone numbers, normalised, each once", () => {
    expect(findIdentifiers("write to Ann@Example.com or call (415) 555-0100, again ann@example.com", "US")).toEqual([
      { kind: "email", value: "ann@example.com" },
      { kind: "phone", value: "+14155550100" },
    ]);
    expect(findIdentifiers("my number is +7 916 123-45-67", "US")).toEqual([{ kind: "phone", value: "+79161234567" }]);
  });

  it("ignores order numbers, short digit runs and text without an address", () => {
    expect(findIdentifiers("order 12345, parcel 777, at 10:30", "US")).toEqual([]);
    expect(findIdentifiers("email me @ home", "US")).toEqual([]);
  });

  it("scans hostile text in linear time", () => {
    const started = performance.now();
    for (const text of ["a".repeat(100_000), `${"a.".repeat(50_000)}@`, `${"1 ".repeat(50_000)}`, `${"@a".repeat(50_000)}`]) findIdentifiers(text, "US");
    expect(performance.now() - started).toBeLessThan(500);
  });
});
