import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignatureHeader, signatureHeader, signatureMatches, signBody } from "./signature";

const SECRET = "omfsig_test";
const BODY = Buffer.from('{"eventId":"ev-1"}');

describe("request signatures (Stripe's scheme)", () => {
  it("signs `<t>.<raw body>` with HMAC-SHA256, hex", () => {
    expect(signBody(SECRET, 1700000000, BODY)).toBe(createHmac("sha256", SECRET).update(`1700000000.${BODY}`).digest("hex"));
  });

  it("parses the header a caller sends, with several v1 for rotation", () => {
    const header = signatureHeader("0123456789abcdef", SECRET, BODY, 1700000000);
    const extra = `${header},v1=${"0".repeat(64)}`;
    expect(parseSignatureHeader(extra)).toEqual({
      keyId: "0123456789abcdef",
      timestamp: 1700000000,
      signatures: [signBody(SECRET, 1700000000, BODY), "0".repeat(64)],
    });
  });

  it.each([
    ["no keyId", `t=1,v1=${"a".repeat(64)}`],
    ["no timestamp", `keyId=k,v1=${"a".repeat(64)}`],
    ["no v1", "keyId=k,t=1"],
    ["a v1 that is not hex", "keyId=k,t=1,v1=xyz"],
    ["a part with two =", `keyId=k=1,t=1,v1=${"a".repeat(64)}`],
    ["too many v1", `keyId=k,t=1${",v1=".concat("a".repeat(64)).repeat(9)}`],
    ["an oversized header", `keyId=${"k".repeat(2000)},t=1,v1=${"a".repeat(64)}`],
  ])("refuses a header with %s", (_name, header) => {
    expect(parseSignatureHeader(header)).toBeNull();
  });

  it("matches when any given signature is the body's, and only then", () => {
    const good = signBody(SECRET, 5, BODY);
    expect(signatureMatches(SECRET, 5, BODY, ["0".repeat(64), good])).toBe(true);
    expect(signatureMatches(SECRET, 6, BODY, [good])).toBe(false);
    expect(signatureMatches(SECRET, 5, Buffer.from('{"eventId":"ev-2"}'), [good])).toBe(false);
    expect(signatureMatches("another secret", 5, BODY, [good])).toBe(false);
  });
});
