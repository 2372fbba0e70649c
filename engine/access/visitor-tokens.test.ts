import { describe, expect, it } from "vitest";
import { createVisitorTokens } from "./visitor-tokens";

const tokens = createVisitorTokens(Buffer.alloc(32, 1));

describe("web chat visitor tokens", () => {
  it("issues a fresh visitor whose token names them", () => {
    const a = tokens.issue();
    const b = tokens.issue();
    expect(a.visitorId).not.toBe(b.visitorId);
    expect(tokens.visitorOf(a.token)).toBe(a.visitorId);
    expect(tokens.visitor(b.token)).toBe(b.visitorId);
  });

  it("refuses tokens the server did not sign: another visitor's signature, another key's, bare ids", () => {
    const a = tokens.issue();
    const b = tokens.issue();
    const signature = (token: string) => token.slice(token.lastIndexOf(".") + 1);
    const otherServer = createVisitorTokens(Buffer.alloc(32, 2)).issue();
    for (const forged of [`${a.visitorId}.${signature(b.token)}`, `alice.${signature(a.token)}`, a.visitorId, `${a.token}x`, otherServer.token, ".", ""]) {
      expect(tokens.visitorOf(forged), forged).toBeNull();
    }
    expect(() => tokens.visitor(`alice.${signature(a.token)}`)).toThrow(expect.objectContaining({ name: "AccessDeniedError", status: 401 }));
    expect(() => tokens.visitor(undefined)).toThrow(expect.objectContaining({ reason: "invalid_visitor_token" }));
  });
});
